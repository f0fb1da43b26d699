"""Deep calls made with room on Python's stack (stack.py)."""

import pytest

from octavo.stack import call_with_room

resource = pytest.importorskip("resource", reason="page faults are counted on POSIX systems only")


def test_call_with_room_passes_the_arguments_and_gives_back_the_result():
    assert call_with_room(divmod, 17, 5) == (3, 2)
    assert call_with_room(sorted, [3, 1, 2], reverse=True) == [3, 2, 1]


def test_an_exception_raised_under_it_goes_through():
    with pytest.raises(ZeroDivisionError):
        call_with_room(divmod, 1, 0)


def _down(depth: int) -> int:
    return _down(depth - 1) + 1 if depth else 0


def _back_and_forth() -> None:
    """A recursion that goes 300 frames deep and back, again and again, as a layout does: it crosses the
    end of at least one of CPython's 16 KB stack chunks, whatever the depth it starts at."""
    for _ in range(2000):
        _down(300)


def _page_faults(call) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    call()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_a_recursion_going_back_and_forth_under_it_maps_no_memory_at_every_turn():
    bare = _page_faults(_back_and_forth)
    if bare < 1000:
        pytest.skip(f"this Python keeps its stack chunks ({bare} page faults without room)")
    assert _page_faults(lambda: call_with_room(_back_and_forth)) < bare / 10
