"""Sorting functions of the standard, on torch.

Sorts are stable by default (``stable=True``, the standard's; torch's default is not, and
its CPU and GPU kernels order ties differently); uint16/uint32/uint64 are sorted through an
order-preserving map onto signed integers, which torch has kernels for.
"""

from __future__ import annotations

from typing import Any

import torch

from polyarray._rules import checks
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import COMPLEX, UNSIGNED

__all__ = ["argsort", "sort"]

# The dtypes off the direct call: unsigned ones (mapped), complex ones (refused, as the
# standard sorts real numbers: torch's CPU sort raised "Sort does not support complex dtypes
# on CPU", which leaves its CUDA kernels free to order them).
_APART = UNSIGNED | COMPLEX


def argsort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    """The standard's ``argsort``."""
    if type(axis) is not int:
        axis = checks.axis_argument("argsort", axis, tuples=False, none=False)
    if axis == -1 and not descending and x.ndim and x.dtype not in _APART:
        return torch.argsort(x, stable=stable)  # (each keyword costs torch ~100 ns)
    checks.check_no_axes("argsort", x, axis)
    if x.dtype in COMPLEX:
        raise complex_refused("argsort")
    if x.dtype in UNSIGNED:
        x = unsigned.ordered(x)
    return torch.argsort(x, dim=axis, descending=descending, stable=stable)


def sort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    """The standard's ``sort`` (the values; torch's also gives the indices)."""
    if type(axis) is not int:
        axis = checks.axis_argument("sort", axis, tuples=False, none=False)
    if axis == -1 and not descending and x.ndim and x.dtype not in _APART:
        return torch.sort(x, stable=stable).values  # (each keyword costs torch ~100 ns)
    checks.check_no_axes("sort", x, axis)
    if x.dtype in COMPLEX:
        raise complex_refused("sort")
    if x.dtype in UNSIGNED:
        dtype = x.dtype
        result = torch.sort(unsigned.ordered(x), dim=axis, descending=descending, stable=stable)
        return unsigned.from_ordered(result.values, dtype)
    return torch.sort(x, dim=axis, descending=descending, stable=stable).values
