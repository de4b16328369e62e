"""``broadcast_shapes``, written once for every backend: it needs no array, and the
frameworks' own disagreed at the edges of its domain.

NumPy raised ``NegativeSizeError`` (polyarray's) for a negative size where torch reported
a broadcast mismatch; torch took floats and bools as sizes and failed on NumPy integers
(``AssertionError``); NumPy refused sizes beyond int64 and results with more elements
than it can count, torch gave both back. Pure Python is also faster than either (both
build arrays or call through several layers).
"""

from __future__ import annotations

import operator
from typing import Any

#: The range of int64: a size must fit in it, and so must the number of elements.
_INT64_END = 2**63


def broadcast_shapes(*shapes: Any) -> tuple[int, ...]:
    """The shape ``shapes`` broadcast to, as a tuple of Python ints.

    A shape is a tuple or list of sizes, or one int; a size is an int (NumPy integers
    count) from 0 up. Bools, floats and other types are a ``TypeError`` (the dispatcher
    words it), a negative size a ``NegativeSizeError``, a size beyond int64 a
    ``ScalarOverflowError``, a result with more elements than int64 counts an
    ``AllocationError`` (no array of it could be made), sizes that differ and are not 1 a
    ``BroadcastError``.
    """
    result: list[int] = []
    # Every size is checked first (a negative size is that, wherever a mismatch lies).
    for sizes in [_sizes(shape) for shape in shapes]:
        offset = len(result) - len(sizes)
        if offset < 0:
            result[:0] = [1] * -offset
            offset = 0
        for i, size in enumerate(sizes, offset):
            if size != 1:
                current = result[i]
                if current == 1:
                    result[i] = size
                elif current != size:
                    _raise_mismatch(shapes)
    count = 1
    for size in result:
        count *= size
    if count >= _INT64_END:
        from polyarray.errors import AllocationError

        raise AllocationError(
            f"pa.broadcast_shapes: the shapes {', '.join(map(str, shapes))} broadcast to "
            f"{tuple(result)}, with more elements than an array can have (int64 counts "
            "them); no array of that shape could be made."
        )
    return tuple(result)


def _sizes(shape: Any) -> tuple[int, ...]:
    """``shape`` as a tuple of sizes, each an int in [0, 2**63), else the error."""
    if not isinstance(shape, (tuple, list)):  # (torch.Size is a tuple)
        shape = (_size(shape),)
    for size in shape:
        if type(size) is not int or not 0 <= size < _INT64_END:
            return tuple(_size(size) for size in shape)
    return tuple(shape)


def _size(size: Any) -> int:
    """One size as a Python int, or the error for it."""
    from polyarray._rules import mistakes

    if type(size) is bool:
        raise TypeError(f"a shape's sizes are ints, not bool ({size})")
    value = operator.index(size)  # (a TypeError for floats, None, strings)
    if value < 0:
        raise mistakes.mistake_error(
            mistakes.NEGATIVE_SIZE, "broadcast_shapes", ((value,),), "a negative size"
        )
    if value >= _INT64_END:
        raise mistakes.mistake_error(mistakes.INT_OVERFLOW, "broadcast_shapes", (value,), "")
    return value


def _raise_mismatch(shapes: tuple[Any, ...]) -> None:
    from polyarray.backends._base import Backend

    listed = [tuple(s) if isinstance(s, (tuple, list)) else (s,) for s in shapes]
    raise Backend.broadcast_error("broadcast_shapes", listed, "sizes differ and are not 1")
