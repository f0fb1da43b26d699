"""Deep calls with room on Python's own stack, so that they do not pay for CPython's stack-chunk thrashing.

CPython keeps Python frames in chunks of 16 KB and frees a chunk as soon as the frame at its start
returns (python/cpython#142183: fixed in 2026 in 3.13 and 3.14, not in 3.11 or 3.12). A recursion that goes back and forth
across the end of a chunk maps and unmaps memory at every crossing. WeasyPrint's layout and drawing
recurse that way: thousands of page faults per book, and 5-15% of the time, depending only on how deep
the stack happened to be when the layout began (in a worker process, a few frames deeper than here).
A frame far larger than a chunk gets a chunk of its own, and the calls under it fit in the room left.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# CPython gives a frame that does not fit a chunk a new one, rounded up to a power of two above the frame
# and 1,000 slots: a frame of 15,400 slots (120 KB) gets 256 KB, with about 17,000 slots (some 800 frames)
# to spare. Only the pages the calls reach are ever touched.
_FRAME_SLOTS = 15_400


def _call_with_room(function: Callable[..., T], /, *args, **kwargs) -> T:
    return function(*args, **kwargs)


# The same function, its frame made larger by an evaluation stack it never uses.
call_with_room = types.FunctionType(
    _call_with_room.__code__.replace(co_stacksize=_call_with_room.__code__.co_stacksize + _FRAME_SLOTS),
    globals(), "call_with_room")
call_with_room.__doc__ = "`function(*args, **kwargs)`, its calls made in a chunk of Python's stack of their own."
