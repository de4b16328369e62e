"""``pa.pad``, written once against polyarray's namespace (no framework import here).

The widths are read as NumPy reads them (an int, a ``(before, after)`` pair, or one pair
per axis, broadcast to one pair per axis) and checked on the host. ``"constant"`` pads
with blocks made by ``pa.full`` in ``x``'s dtype (so the fill value follows polyarray's
scalar rules: ``ScalarOverflowError`` for 300 in uint8); the other modes gather along each
axis with ``pa.take`` at indices computed in Python, with NumPy's answer for widths
beyond the axis (the reflection repeats). Decisions in docs/semantics/everyday.md.
"""

from __future__ import annotations

import numbers
from typing import Any

from polyarray._everyday import _pa
from polyarray._everyday_stats import _device, _on
from polyarray._rules import creation, mistakes

__all__ = [
    "PAD_MODES",
    "check",
    "check_mode",
    "fill_value",
    "pad",
    "pad_widths",
    "pad_with",
    "source_indices",
]

#: The modes of ``pa.pad``, as NumPy names them.
PAD_MODES = ("constant", "edge", "reflect", "symmetric", "wrap")

_SCALARS = (bool, int, float, complex)


def _width(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"pa.pad: pad_width must hold ints, not {type(value).__name__} ({value!r})."
        )
    width = int(value)
    if width < 0:
        raise ValueError(f"pa.pad: pad_width must not be negative, not {width}.")
    if width >= 2**63:  # (as every size beyond int64)
        raise mistakes.mistake_error(mistakes.INT_OVERFLOW, "pad", (width,), "pad_width")
    return width


def pad_widths(pad_width: Any, ndim: int) -> tuple[tuple[int, int], ...]:
    """``pad_width`` as one ``(before, after)`` pair per axis: an int (every side), one
    pair (every axis), one int or pair per axis; a NumPy integer array counts as well."""
    if hasattr(pad_width, "tolist") and hasattr(pad_width, "shape"):
        pad_width = pad_width.tolist()
    if not isinstance(pad_width, list | tuple):
        width = _width(pad_width)
        return ((width, width),) * ndim
    rows = list(pad_width)
    if (
        rows
        and not isinstance(rows[0], list | tuple)
        and all(not isinstance(r, list | tuple) for r in rows)
    ):
        rows = [rows]  # one pair (or one int) for every axis
    pairs = []
    for row in rows:
        if not isinstance(row, list | tuple) or len(row) not in (1, 2):
            raise ValueError(
                f"pa.pad: pad_width must be an int, a (before, after) pair or one pair per "
                f"axis, not {pad_width!r}."
            )
        before, after = (row[0], row[-1])
        pairs.append((_width(before), _width(after)))
    if len(pairs) == 1:
        return (pairs[0],) * ndim
    if len(pairs) != ndim:
        raise ValueError(
            f"pa.pad: pad_width has {len(pairs)} pairs for an array of {ndim} axes; give "
            "one pair, or one per axis."
        )
    return tuple(pairs)


def source_indices(x: Any, size: int, before: int, after: int, mode: str) -> Any:
    """The elements of an axis of ``size`` that the padded axis copies, in a non-constant
    mode, as an int64 array of ``x``'s backend (computed there, so that a huge width is
    the backend's allocation, not a Python list)."""
    pa = _pa()
    with _on(x):
        i = pa.arange(-before, size + after, dtype=pa.int64, device=_device(x))
    if mode == "edge":
        return pa.clip(i, 0, size - 1)
    if mode == "wrap":
        return pa.remainder(i, size)
    if mode == "symmetric":
        m = pa.remainder(i, 2 * size)
        return pa.where(pa.less(m, size), m, pa.subtract(2 * size - 1, m))
    if size == 1:  # "reflect" of one element: that element
        return pa.zeros_like(i)
    period = 2 * (size - 1)
    m = pa.remainder(i, period)
    return pa.where(pa.less(m, size), m, pa.subtract(period, m))


def check_mode(mode: Any) -> None:
    if mode not in PAD_MODES:
        raise ValueError(
            f"pa.pad: mode must be one of {', '.join(map(repr, PAD_MODES))}, not {mode!r}."
        )


def fill_value(x: Any, constant_values: Any) -> Any:
    """``constant_values`` as a 0-d array of ``x``'s dtype, backend and device, converted
    as ``pa.full`` converts (a Python scalar, or a 0-d array)."""
    pa = _pa()
    if hasattr(constant_values, "dtype") and getattr(constant_values, "ndim", 1) == 0:
        constant_values = constant_values.item()
    if not isinstance(constant_values, _SCALARS):
        raise TypeError(
            "pa.pad: constant_values must be a Python scalar (bool, int, float, complex) or "
            f"a 0-d array, not {type(constant_values).__name__}."
        )
    with _on(x):
        return pa.full((), constant_values, dtype=x.dtype, device=_device(x))


def check(x: Any, widths: tuple[tuple[int, int], ...], mode: str) -> None:
    """An empty axis can only be padded with a constant (NumPy's ValueError); a result
    of more bytes than int64 counts is an ``AllocationError``, as ``pa.zeros``'s."""
    shape = [size + before + after for size, (before, after) in zip(x.shape, widths, strict=True)]
    creation.check_countable("pad", shape)
    if mode != "constant":
        for axis, (before, after) in enumerate(widths):
            if (before or after) and x.shape[axis] == 0:
                raise ValueError(
                    f"pa.pad: axis {axis} is empty; mode {mode!r} has nothing to copy from "
                    "(only mode 'constant' can pad it)."
                )


def pad(x: Any, pad_width: Any, /, *, mode: str, constant_values: Any) -> Any:
    check_mode(mode)
    widths = pad_widths(pad_width, x.ndim)
    check(x, widths, mode)
    fill = fill_value(x, constant_values) if mode == "constant" else None
    return pad_with(x, fill, widths=widths, mode=mode)


def pad_with(x: Any, fill: Any, *, widths: tuple[tuple[int, int], ...], mode: str) -> Any:
    """``pad`` with its arguments checked: ``fill`` the 0-d array of ``fill_value`` (for
    ``"constant"``), ``widths`` one pair per axis (static when compiled)."""
    pa = _pa()
    if mode == "constant":
        result = x
        for axis, (before, after) in enumerate(widths):
            if before or after:
                shape = list(result.shape)
                blocks = []
                if before:
                    shape[axis] = before
                    blocks.append(pa.broadcast_to(fill, tuple(shape)))
                blocks.append(result)
                if after:
                    shape[axis] = after
                    blocks.append(pa.broadcast_to(fill, tuple(shape)))
                result = pa.concat(blocks, axis=axis)
        return pa.asarray(result, copy=True) if result is x else result
    result = x
    for axis, (before, after) in enumerate(widths):
        if before or after:
            size = x.shape[axis]
            result = pa.take(result, source_indices(x, size, before, after, mode), axis=axis)
    return pa.asarray(result, copy=True) if result is x else result
