"""Utility functions of the standard, on torch: ``all``, ``any``, ``diff``.

``all``/``any`` give booleans for every dtype (torch gives uint8 for uint8), over several
axes and with ``keepdims`` for every axis argument; ``diff`` promotes ``prepend`` and
``append`` with the array, and computes uint16/uint32/uint64 differences on their bits.
"""

from __future__ import annotations

from typing import Any, Final

import torch

from polyarray._rules import arrays as array_rules
from polyarray._rules import checks
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import ALL, OPS, UNSIGNED, compat

__all__ = ["all", "any", "diff"]

#: The dtypes torch's all/any give booleans for (uint8 gives uint8).
_BOOLEAN_RESULTS: Final = ALL - {torch.uint8}


def all(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``all``."""
    if x.dtype in _BOOLEAN_RESULTS and (axis is None or (type(axis) is int and x.ndim)):
        return torch.all(x, axis, keepdims)
    checks.check_no_axes("all", x, axis)
    # array-api-compat's all reduces several axes (torch.all reduces one,
    # https://github.com/pytorch/pytorch/issues/56586) and gives booleans for uint8.
    return compat.all(x, axis=axis, keepdims=keepdims)


def any(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``any``."""
    if x.dtype in _BOOLEAN_RESULTS and (axis is None or (type(axis) is int and x.ndim)):
        return torch.any(x, axis, keepdims)
    checks.check_no_axes("any", x, axis)
    return compat.any(x, axis=axis, keepdims=keepdims)


def diff(x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None) -> Any:
    """The standard's ``diff``: the ``n``-th differences along ``axis``."""
    if prepend is None and append is None and x.ndim and x.dtype not in UNSIGNED:
        return torch.diff(x, n, axis)
    checks.check_no_axes("diff", x, axis)
    x, prepend, append = array_rules.promoted_diff_arguments(OPS, x, prepend, append)
    if x.dtype in UNSIGNED:
        dtype = x.dtype
        before = None if prepend is None else unsigned.to_bits(prepend)
        after = None if append is None else unsigned.to_bits(append)
        result = torch.diff(unsigned.to_bits(x), dim=axis, n=n, prepend=before, append=after)
        return unsigned.from_bits(result, dtype)
    return torch.diff(x, dim=axis, n=n, prepend=prepend, append=append)
