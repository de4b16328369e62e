"""Statistical functions of the standard, on torch.

- ``sum``/``prod``/``cumulative_*`` give the standard's dtypes: uint64 for unsigned
  integers (torch: int64), computed through int64 bits where torch has no kernel.
- ``mean``/``var``/``std`` of integers and booleans give the default float, computed in
  float64 (torch raises); ``std``/``var`` default to ``correction=0`` (torch: 1).
- An axis given for a 0-d tensor is out of range (torch accepts 0 and -1); an axis is an
  int (a NumPy integer too) or a tuple of them (torch also takes lists: refused).

Each function calls torch directly for the inputs that need none of this (float tensors,
and integer sums whose dtype torch already gets right); the rest take a separate path.
"""

from __future__ import annotations

import builtins
import math
from typing import Any, Final

import torch

from polyarray._rules import arguments, checks
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import (
    ALL,
    COMPLEX,
    INTEGRAL,
    REAL_FLOATS,
    UNSIGNED,
    UNSIGNED_ANY,
    accumulate,
    axes_of,
    compat,
    default_float,
)

__all__ = [
    "cumulative_prod",
    "cumulative_sum",
    "max",
    "mean",
    "min",
    "prod",
    "std",
    "sum",
    "var",
]

#: Dtypes whose sums and products torch already gives in the standard's dtype (floats
#: keep theirs; booleans and signed integers give int64). Unsigned ones give uint64.
_TORCH_ACCUMULATES: Final = ALL - UNSIGNED_ANY
_FLOATING: Final = REAL_FLOATS | COMPLEX
#: From how many elements std/var take two passes (mean, then squared deviations) when
#: they reduce only some axes on the CPU. Measured on a 2-core CPU, one thread, float32
#: and float64, axis 0 and axis 1 of 2-d arrays: one pass is faster up to 32x32 (14 us
#: against 22 us) and 8x16 (6 us against 22 us: the fixed cost of the extra calls),
#: they are even at 32x64 (2,048 elements), two passes win from 48x64 (3,072) and by
#: far beyond (128x128: 27 us against 114 us; axis 0 of 5x256x256x3 float32: 10 ms
#: against 54 ms).
TWO_PASS_FROM_SIZE: Final = 2500


def sum(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``sum``: unsigned integers sum to uint64, signed ones to int64."""
    if axis is not None and type(axis) is not int and type(axis) is not tuple:
        axis = checks.axis_argument("sum", axis)
    if dtype is None and x.dtype in _TORCH_ACCUMULATES and (axis is None or x.ndim):
        if axis is None:
            return torch.sum(x, None, True) if keepdims else torch.sum(x)
        if axis != ():  # (torch would reduce over every axis: see mean)
            return torch.sum(x, axis, True) if keepdims else torch.sum(x, axis)
    axis = checks.array_axis("sum", x, axis)  # (tuples too: array-api-compat takes floats)
    return accumulate(compat.sum, x, dtype, axis=axis, keepdims=keepdims)


def prod(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``prod``: in the same dtypes as ``sum``."""
    if axis is not None and type(axis) is not int and type(axis) is not tuple:
        axis = checks.axis_argument("prod", axis)
    if dtype is None and x.dtype in _TORCH_ACCUMULATES:
        if axis is None and not keepdims:
            return torch.prod(x)
        if type(axis) is int and x.ndim:
            return torch.prod(x, axis, keepdims)
    axis = checks.array_axis("prod", x, axis)  # (tuples too: array-api-compat takes floats)
    # array-api-compat's prod reduces several axes and keeps dimensions for axis=None,
    # which torch.prod does not (https://github.com/pytorch/pytorch/issues/56586, 71209).
    return accumulate(compat.prod, x, dtype, axis=axis, keepdims=keepdims)


def cumulative_sum(
    x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
) -> Any:
    """The standard's ``cumulative_sum``, in the same dtypes as ``sum``."""
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("cumulative_sum", axis, tuples=False)
    if dtype is None and not include_initial and x.dtype in _TORCH_ACCUMULATES:
        if type(axis) is int and x.ndim:
            return torch.cumsum(x, axis)
        if axis is None and x.ndim == 1:
            return torch.cumsum(x, 0)
    checks.check_no_axes("cumulative_sum", x, axis)
    # The standard leaves 0-d input undefined, and NumPy and torch disagree: refused.
    checks.check_dimensions("cumulative_sum", x)
    return accumulate(compat.cumulative_sum, x, dtype, axis=axis, include_initial=include_initial)


def cumulative_prod(
    x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
) -> Any:
    """The standard's ``cumulative_prod``, in the same dtypes as ``sum``."""
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("cumulative_prod", axis, tuples=False)
    if dtype is None and not include_initial and x.dtype in _TORCH_ACCUMULATES:
        if type(axis) is int and x.ndim:
            return torch.cumprod(x, axis)
        if axis is None and x.ndim == 1:
            return torch.cumprod(x, 0)
    checks.check_no_axes("cumulative_prod", x, axis)
    checks.check_dimensions("cumulative_prod", x)
    return accumulate(compat.cumulative_prod, x, dtype, axis=axis, include_initial=include_initial)


# array-api-compat's max/min copy the tensor over no axes (torch would reduce over all);
# unsigned tensors through an order-preserving map.
_max_general: Final = unsigned.through(compat.max, order=True, values_out="all")
_min_general: Final = unsigned.through(compat.min, order=True, values_out="all")


def _axes_before_emptiness(name: str, x: Any, axis: Any) -> None:
    """An axis out of range or repeated is an ``AxisError`` before an empty ``x`` is an
    ``EmptyReductionError``, as on NumPy (torch reported the emptiness of ``axis=(0, 0)``)."""
    if axis is not None and not x.numel():
        checks.distinct_axes(name, axis if type(axis) is tuple else (axis,), x.ndim)


def max(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``max`` (values only; see ``max_with_indices``)."""
    if axis is not None and type(axis) is not int and type(axis) is not tuple:
        axis = checks.axis_argument("max", axis)
    if x.dtype not in UNSIGNED:
        if axis is None and not keepdims:
            return torch.max(x)  # (faster than torch.amax, the same reduction)
        if axis is None or (x.ndim and axis != ()):
            try:
                return torch.amax(x, axis, keepdims)
            except (IndexError, RuntimeError):  # (an empty x, or axes torch refuses)
                _axes_before_emptiness("max", x, axis)
                raise
    axis = checks.array_axis("max", x, axis)  # (tuples too: array-api-compat takes floats)
    _axes_before_emptiness("max", x, axis)
    if x.dtype in COMPLEX:  # (over no axes too: array-api-compat's copy of x)
        raise complex_refused("max")
    return _max_general(x, axis=axis, keepdims=keepdims)


def min(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``min`` (values only; see ``min_with_indices``)."""
    if axis is not None and type(axis) is not int and type(axis) is not tuple:
        axis = checks.axis_argument("min", axis)
    if x.dtype not in UNSIGNED:
        if axis is None and not keepdims:
            return torch.min(x)  # (faster than torch.amin, the same reduction)
        if axis is None or (x.ndim and axis != ()):
            try:
                return torch.amin(x, axis, keepdims)
            except (IndexError, RuntimeError):  # (an empty x, or axes torch refuses)
                _axes_before_emptiness("min", x, axis)
                raise
    axis = checks.array_axis("min", x, axis)  # (tuples too: array-api-compat takes floats)
    _axes_before_emptiness("min", x, axis)
    if x.dtype in COMPLEX:  # (as in max)
        raise complex_refused("min")
    return _min_general(x, axis=axis, keepdims=keepdims)


def mean(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``mean``; integers and booleans give the default float."""
    if axis is not None and (not x.ndim or (type(axis) is not int and type(axis) is not tuple)):
        # Types, and no axis of a 0-d tensor (torch takes 0 and -1 there): reading
        # x.ndim costs a call with an axis ~60 ns, the default call nothing.
        axis = checks.array_axis("mean", x, axis)
    if axis is None or axis != ():
        try:
            # Positional arguments: torch parses them faster than keywords.
            return torch.mean(x, axis, keepdims)
        except RuntimeError:
            if x.dtype not in INTEGRAL:
                raise
        # torch has no mean of integers: average in float64, then the default float.
        return torch.mean(x.to(torch.float64), axis, keepdims).to(default_float())
    # Over no axes the elements themselves (torch would reduce over all of them,
    # https://github.com/pytorch/pytorch/issues/29137).
    if x.dtype.is_complex:  # divided by the count 1 as a complex number, as NumPy does
        return x / torch.ones((), dtype=x.dtype, device=x.device)  # (inf + 0j: inf + nan j)
    return x.to(default_float()) if x.dtype in INTEGRAL else x.clone()


#: The end of int64's range: a correction beyond it is refused, as NumPy refuses it.
_INT64_END: Final = 2**63


def var(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    """The standard's ``var`` (``correction=0`` by default; torch's is 1)."""
    if (
        (type(correction) is not int and type(correction) is not float)
        or correction != correction
        or not -_INT64_END <= correction < _INT64_END  # (torch took ints beyond int64)
    ):
        correction = arguments.correction_argument("var", correction)
    if axis is not None and type(axis) is not int and type(axis) is not tuple:
        axis = checks.axis_argument("var", axis)
    if (
        x.dtype in _FLOATING
        and correction >= 0
        and (axis is None or (x.ndim and axis != () and x.numel() < TWO_PASS_FROM_SIZE))
    ):
        if keepdims:
            return torch.var(x, axis, correction=correction, keepdim=True)
        return torch.var(x, axis, correction=correction)  # (a keyword costs torch ~100 ns)
    axis = checks.array_axis("var", x, axis)  # (tuples too: array-api-compat takes floats)
    return _moments(torch.var, x, axis, correction, keepdims)


def std(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    """The standard's ``std`` (``correction=0`` by default; torch's is 1)."""
    if (
        (type(correction) is not int and type(correction) is not float)
        or correction != correction
        or not -_INT64_END <= correction < _INT64_END  # (torch took ints beyond int64)
    ):
        correction = arguments.correction_argument("std", correction)
    if axis is not None and type(axis) is not int and type(axis) is not tuple:
        axis = checks.axis_argument("std", axis)
    if (
        x.dtype in _FLOATING
        and correction >= 0
        and (axis is None or (x.ndim and axis != () and x.numel() < TWO_PASS_FROM_SIZE))
    ):
        if keepdims:
            return torch.std(x, axis, correction=correction, keepdim=True)
        return torch.std(x, axis, correction=correction)  # (a keyword costs torch ~100 ns)
    axis = checks.array_axis("std", x, axis)  # (tuples too: array-api-compat takes floats)
    return _moments(torch.std, x, axis, correction, keepdims)


def _moments(reduce: Any, x: Any, axis: Any, correction: float, keepdims: bool) -> Any:
    """``var`` or ``std`` (``reduce``) of any tensor over any axes."""
    integral = x.dtype in INTEGRAL
    values = x.to(torch.float64) if integral else x  # integers: in float64
    if axis == ():
        # Over no axes each element is its own sample of one: zero spread (NaN for NaN
        # and infinities, inf - inf, as NumPy's; real for complex input), divided by
        # max(1 - correction, 0) as NumPy does (0/0 is NaN).
        result = torch.abs(values - values) / builtins.max(1 - correction, 0)
    else:
        dims = axes_of(axis, values.ndim)
        if correction < 0 and not values.numel():
            # No deviations: their sum is 0, over a positive count (NumPy's 0; torch's
            # mean of nothing made NaN of it).
            result = torch.real(torch.sum(values, dim=dims, keepdim=keepdims))
        elif (
            len(dims) < values.ndim
            and values.numel() >= TWO_PASS_FROM_SIZE
            and values.device.type == "cpu"
            and not values.is_complex()
        ):
            # torch's one-pass CPU kernel is 3-5x slower than two passes when only some
            # axes of a large tensor are reduced (see TWO_PASS_FROM_SIZE), and two passes
            # are as accurate.
            deviations = values - torch.mean(values, dim=dims, keepdim=True)
            count = math.prod(values.shape[d] for d in dims)
            result = torch.sum(deviations * deviations, dim=dims, keepdim=keepdims)
            result = result / builtins.max(count - correction, 0)
            if reduce is torch.std:
                result = torch.sqrt(result)
        else:
            result = reduce(values, dim=dims, correction=correction, keepdim=keepdims)
    return result.to(default_float()) if integral else result
