"""polyarray's everyday functions on PyTorch: torch's own where it gives polyarray's answer.

The rest is written once against polyarray's namespace (``polyarray._everyday``), which
also takes what torch refuses (integer input to ``softmax``, a 0-d input, an axis out of
range), so that those give polyarray's dtype and errors.
"""

from __future__ import annotations

from typing import Any

import torch

from polyarray import _everyday as shared
from polyarray import _names

# Every everyday function of the name table (each module defines all of them).
__all__ = sorted(_names.EVERYDAY_FUNCTIONS)

# torch has no nanmax/nanargmax/nanvar.
nanmax = shared.nanmax
nanmin = shared.nanmin
nanargmax = shared.nanargmax
nanargmin = shared.nanargmin
nanvar = shared.nanvar
nanstd = shared.nanstd


def nansum(x: Any, /, *, axis: Any, dtype: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nansum", x, axis)
    # (torch reduces every axis for dim=(), where polyarray reduces none)
    if dtype is None and x.is_floating_point() and x.ndim and axis != ():
        if axis is None:
            if not keepdims:
                return torch.nansum(x)
            axis = tuple(range(x.ndim))  # (torch.nansum(x) has no keepdim)
        return torch.nansum(x, dim=axis, keepdim=keepdims)
    return shared.nansum(x, axis=axis, dtype=dtype, keepdims=keepdims)


def nanmean(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanmean", x, axis)
    if x.is_floating_point() and x.ndim and (axis is not None or not keepdims) and axis != ():
        return torch.nanmean(x, dim=axis, keepdim=keepdims)
    return shared.nanmean(x, axis=axis, keepdims=keepdims)


def softmax(x: Any, /, *, axis: int) -> Any:
    axis = shared.reduction_axis("softmax", x, axis)
    # (torch takes dim=-1 of a 0-d tensor, keeps the dtype of integers, takes one dim)
    if x.ndim and x.is_floating_point() and type(axis) is int:
        return torch.softmax(x, axis)
    return shared.softmax(x, axis=axis)


def log_softmax(x: Any, /, *, axis: int) -> Any:
    axis = shared.reduction_axis("log_softmax", x, axis)
    # (torch takes dim=-1 of a 0-d tensor, keeps the dtype of integers, takes one dim)
    if x.ndim and x.is_floating_point() and type(axis) is int:
        return torch.log_softmax(x, axis)
    return shared.log_softmax(x, axis=axis)


def logsumexp(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("logsumexp", x, axis)
    if x.is_floating_point() and axis != ():
        dim = tuple(range(x.ndim)) if axis is None else axis
        return torch.logsumexp(x, dim=dim, keepdim=keepdims)
    return shared.logsumexp(x, axis=axis, keepdims=keepdims)


def sigmoid(x: Any, /) -> Any:
    if x.is_floating_point():
        return torch.sigmoid(x)
    return shared.sigmoid(x)


def isclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> Any:
    shared.check_closeness("isclose", a, b, rtol, atol)
    # torch.isclose needs both inputs of one dtype: floats of one dtype go to it, anything
    # else (integers, Python scalars, mixed dtypes) to the shared code, which promotes.
    if type(b) is type(a) and a.dtype is b.dtype and a.is_floating_point():
        return torch.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)
    return shared.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)


def allclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> bool:
    shared.check_closeness("allclose", a, b, rtol, atol)
    return bool(isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan).all())
