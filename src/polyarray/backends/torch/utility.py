"""Utility functions of the standard, on torch: ``all``, ``any``, ``diff``.

``all``/``any`` give booleans for every dtype (torch gives uint8 for uint8), over several
axes and with ``keepdims`` for every axis argument; ``diff`` promotes ``prepend`` and
``append`` with the array, and computes uint16/uint32/uint64 differences on their bits.
"""

from __future__ import annotations

from typing import Any, Final

import torch

from polyarray._rules import arguments, checks
from polyarray._rules import arrays as array_rules
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import ALL, COMPLEX, OPS, UNSIGNED, compat

__all__ = ["all", "any", "diff"]

#: The dtypes torch's all/any give booleans for (uint8 gives uint8).
_BOOLEAN_RESULTS: Final = ALL - {torch.uint8}
#: The dtypes torch.diff computes as polyarray does (not unsigned ones, not complex ones).
_PLAIN: Final = ALL - UNSIGNED - COMPLEX


def _part(edge: Any, part: str) -> Any:
    """The real or imaginary part of ``diff``'s ``prepend``/``append`` (None stays None)."""
    if edge is None or not isinstance(edge, torch.Tensor):
        return edge
    if part == "real":
        return edge.real
    return edge.imag if edge.is_complex() else torch.zeros_like(edge)


def all(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``all``."""
    if axis is not None and type(axis) is not int and type(axis) is not tuple:
        axis = checks.axis_argument("all", axis)
    if x.dtype in _BOOLEAN_RESULTS and (axis is None or (type(axis) is int and x.ndim)):
        return torch.all(x, axis, keepdims)
    axis = checks.array_axis("all", x, axis)  # (tuples too: array-api-compat takes floats)
    # array-api-compat's all reduces several axes (torch.all reduces one,
    # https://github.com/pytorch/pytorch/issues/56586) and gives booleans for uint8.
    return compat.all(x, axis=axis, keepdims=keepdims)


def any(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``any``."""
    if axis is not None and type(axis) is not int and type(axis) is not tuple:
        axis = checks.axis_argument("any", axis)
    if x.dtype in _BOOLEAN_RESULTS and (axis is None or (type(axis) is int and x.ndim)):
        return torch.any(x, axis, keepdims)
    axis = checks.array_axis("any", x, axis)  # (tuples too: array-api-compat takes floats)
    return compat.any(x, axis=axis, keepdims=keepdims)


def diff(x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None) -> Any:
    """The standard's ``diff``: the ``n``-th differences along ``axis``."""
    if type(axis) is not int or type(n) is not int:
        axis = checks.axis_argument("diff", axis, tuples=False, none=False)
        checks.check_no_axes("diff", x, axis)  # (the axis before n, as on NumPy)
        n = checks.integer_argument("diff", "n", n)
    if n != 1:  # the axis, then n (negative, or beyond the length), in polyarray's order
        n = arguments.diff_order(n, x, axis, prepend, append)
    if prepend is None and append is None and x.ndim and x.dtype in _PLAIN:
        return torch.diff(x, n, axis)
    if x.dtype in COMPLEX and x.ndim:
        # torch subtracts complex numbers as x1 + (-1) * x2, a complex product that turns
        # an infinite or NaN part into NaN in the other (diff([nan, 0j]) gave nan+nanj):
        # the parts are differenced apart, as NumPy does.
        real = diff(
            x.real, axis=axis, n=n, prepend=_part(prepend, "real"), append=_part(append, "real")
        )
        imag = diff(
            x.imag, axis=axis, n=n, prepend=_part(prepend, "imag"), append=_part(append, "imag")
        )
        return torch.complex(real, imag)
    checks.check_no_axes("diff", x, axis)
    x, prepend, append = array_rules.promoted_diff_arguments(OPS, x, prepend, append)
    for edge, what in ((prepend, "prepend"), (append, "append")):
        if edge is not None:  # (in polyarray's words: torch raises RuntimeError)
            arguments.check_diff_edge(x, edge, axis, what)
    if x.dtype in UNSIGNED:
        dtype = x.dtype
        before = None if prepend is None else unsigned.to_bits(prepend)
        after = None if append is None else unsigned.to_bits(append)
        result = torch.diff(unsigned.to_bits(x), dim=axis, n=n, prepend=before, append=after)
        return unsigned.from_bits(result, dtype)
    return torch.diff(x, dim=axis, n=n, prepend=prepend, append=append)
