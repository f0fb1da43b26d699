"""Deep calls with room on Python's own stack, so that they do not pay for CPython's stack-chunk thrashing.

CPython keeps Python frames in chunks of at least 16 KB and frees a chunk as soon as the frame at its
start returns (python/cpython#142183: fixed in March 2026 by keeping one spare chunk per thread, in 3.13
and later; 3.11 and 3.12 are not fixed). A recursion that goes back and forth across the end of a chunk
maps and unmaps memory at every crossing. WeasyPrint's layout and drawing recurse that way: thousands of
page faults per book, and 5-15% of the time, depending only on how deep the stack happened to be when
the layout began (in a worker process, a few frames deeper than here). A frame far larger than a chunk
gets a chunk of its own, and the calls under it fit in the room left.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# CPython gives a frame that does not fit its chunk a new one: 16 KB, doubled until it holds the frame and
# 1,000 slots more. A frame of 16,000 slots (125 KB; 15,385 to 31,767 would do) gets 256 KB, with about
# 16,700 slots (800 frames or more) to spare. Only the pages the calls reach are ever touched. A call made
# with room under another would have less: the calls are made one after the other, never nested.
_FRAME_SLOTS = 16_000


def _call_with_room(function: Callable[..., T], /, *args, **kwargs) -> T:
    return function(*args, **kwargs)


# The same function, its frame made larger by an evaluation stack it never uses.
call_with_room = types.FunctionType(
    _call_with_room.__code__.replace(co_stacksize=_call_with_room.__code__.co_stacksize + _FRAME_SLOTS),
    globals(), "call_with_room")
call_with_room.__doc__ = "`function(*args, **kwargs)`, its calls made in a chunk of Python's stack of their own."
