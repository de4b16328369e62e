"""polyarray's everyday functions on PyTorch: torch's own where it gives polyarray's answer.

The rest is written once against polyarray's namespace (``polyarray._everyday``), which
also takes what torch refuses (integer input to ``softmax``, a 0-d input, an axis out of
range), so that those give polyarray's dtype and errors.
"""

from __future__ import annotations

from typing import Any

import torch

from polyarray import _everyday as shared
from polyarray import _everyday_einsum as einsums
from polyarray import _everyday_pad as padding
from polyarray import _everyday_shapes as shapes
from polyarray import _everyday_stats as stats
from polyarray import _names
from polyarray._results import TopKResult
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch import creation
from polyarray.backends.torch._arrays import INTEGRAL, UNSIGNED, default_float, native_dtype

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


# Quantiles, covariances and padding: the shared code (polyarray/_everyday_stats.py,
# _everyday_pad.py), and torch.quantile where it gives polyarray's answer: it refuses
# integers and inputs of more than 2**24 elements and gives NaN next to infinities, where
# polyarray gives the limit. torch.nn.functional.pad's reflect
# needs floats, a batch dimension and widths below the axis length.
#: torch.quantile's largest input ("quantile() input tensor is too large" beyond it).
_QUANTILE_LIMIT = 2**24


def _quantile(
    name: str, x: Any, q: Any, axis: Any, keepdims: bool, method: str, scale: float
) -> Any:
    axis = shared.reduction_axis(name, x, axis)
    stats.check_method(name, method)
    levels, shape = stats.quantile_levels(name, q, scale)
    # torch.quantile for the common case: floats, not empty, within its size limit, one
    # axis or all, at most one axis of levels, and no infinity (where its interpolation
    # gives NaN that polyarray's limits do not). It takes the levels in x's dtype: for
    # float32 only "linear", whose values move by a rounding where float32 positions
    # differ (the other methods would jump: 0.58 of 51 elements is 28 in float64, 29 in
    # float32).
    if (
        (x.dtype is torch.float64 or (x.dtype is torch.float32 and method == "linear"))
        and 0 < x.numel() <= _QUANTILE_LIMIT
        and (type(axis) is int or (axis is None and not keepdims))
        and len(shape) <= 1
        and not bool(torch.isinf(x).any())
    ):
        levels_tensor = torch.tensor(levels if shape else levels[0], dtype=x.dtype, device=x.device)
        return torch.quantile(x, levels_tensor, dim=axis, keepdim=keepdims, interpolation=method)
    return stats.quantile_at(
        name, x, tuple(levels), shape, axis=axis, keepdims=keepdims, method=method
    )


def quantile(x: Any, q: Any, /, *, axis: Any, keepdims: bool, method: str) -> Any:
    return _quantile("quantile", x, q, axis, keepdims, method, 1.0)


def percentile(x: Any, q: Any, /, *, axis: Any, keepdims: bool, method: str) -> Any:
    return _quantile("percentile", x, q, axis, keepdims, method, 100.0)


cov = stats.cov
corrcoef = stats.corrcoef


def pad(x: Any, pad_width: Any, /, *, mode: str, constant_values: Any) -> Any:
    padding.check_mode(mode)
    widths = padding.pad_widths(pad_width, x.ndim)
    padding.check(x, widths, mode)
    constant = mode == "constant"
    # (0, the default, is 0 in every dtype: no conversion to check)
    zero = type(constant_values) is int and constant_values == 0
    fill = padding.fill_value(x, constant_values) if constant and not zero else None
    # torch.nn.functional.pad for constant padding of real numbers (it takes the value as
    # a double: integers beyond 2**53 would change; it refuses booleans).
    if constant and x.ndim and not x.dtype.is_complex and x.dtype is not torch.bool:
        value = 0 if fill is None else fill.item()
        if x.is_floating_point() or abs(value) <= 2**53:
            flat = [width for pair in reversed(widths) for width in pair]
            return torch.nn.functional.pad(x, flat, mode="constant", value=value)
    if constant and fill is None:
        fill = padding.fill_value(x, 0)
    return padding.pad_with(x, fill, widths=widths, mode=mode)


# einsum, top_k, diag, one_hot, split (polyarray/_everyday_einsum.py, _everyday_shapes.py):
# the arguments checked as everywhere, then torch's own functions where they give
# polyarray's answer; torch.einsum's views of its input (einsum('ij->ji')) copied.


def _literal(value: Any, like: Any) -> Any:
    return creation.asarray(value, device=None if like is None else like.device)


def _storage(x: Any) -> int:
    return int(x.untyped_storage().data_ptr())


def einsum(subscripts: Any, /, *operands: Any) -> Any:
    operands = einsums.as_arrays(operands, torch.Tensor, _literal)
    equation, view, nothing = einsums.equation(subscripts, operands)
    dtype = einsums.common_dtype(operands)
    if dtype is not None:
        operands = tuple(o.to(native_dtype(dtype)) for o in operands)
    result_dtype = operands[0].dtype
    if nothing is not None:  # (a sum of nothing: see einsums.read)
        return _zeros_of(nothing, operands)
    if result_dtype is torch.bool:
        # An or of ands, as NumPy's: torch has no boolean kernels; float32 is exact for
        # this test (the terms are 0 and 1, and their sum is 0 only when each is).
        result = torch.einsum(equation, *(o.to(torch.float32) for o in operands)) > 0
    elif result_dtype in UNSIGNED:
        # On the signed integers of the same bits, which wrap alike (no uint16/32/64
        # kernels, https://github.com/pytorch/pytorch/issues/58734).
        signed = [unsigned.to_bits(o) for o in operands]
        result = _einsum(equation, signed)
        if result.dtype is not signed[0].dtype:  # (a sum over one operand: int64)
            result = result.to(signed[0].dtype)
        result = unsigned.from_bits(result, result_dtype)
    else:
        result = _einsum(equation, operands)
        if result.dtype is not result_dtype:  # (a sum over one operand: int64)
            result = result.to(result_dtype)  # (wraps, as NumPy's sum in the dtype does)
    if view and _storage(result) == _storage(operands[0]):  # (a transpose, a diagonal)
        return result.clone()
    return result


def _zeros_of(shape: tuple[int, ...], operands: Any) -> Any:
    """Zeros of ``shape`` in the operands' dtype, on their device, in autograd's graph of
    those that require a gradient (torch.einsum's result was, and ``backward()`` through
    it must not fail): a sum of none of their entries is 0, a NaN times 0 would not be."""
    zeros = torch.zeros(shape, dtype=operands[0].dtype, device=operands[0].device)
    for operand in operands:
        if operand.requires_grad:
            zeros = zeros + operand.reshape(-1)[:0].sum()
    return zeros


def _einsum(equation: str, operands: Any) -> Any:
    try:
        return torch.einsum(equation, *operands)
    except NotImplementedError:
        # Integer products on CUDA ("addmm_cuda" not implemented for 'Long'): computed
        # on the CPU, exactly, and moved back.
        device = operands[0].device
        if device.type == "cpu":
            raise
        return torch.einsum(equation, *(o.cpu() for o in operands)).to(device)


def top_k(x: Any, k: Any, /, *, axis: Any, largest: bool) -> Any:
    # torch.topk leaves the order of ties open: a stable sort, NaN largest as in torch.sort.
    if x.dtype in UNSIGNED or x.dtype.is_complex:
        return shapes.top_k(x, k, axis=axis, largest=largest)
    k, axis = shapes.top_k_arguments(x, k, axis, x.dtype.is_complex)
    values, indices = torch.sort(x, dim=axis, descending=largest, stable=True)
    return TopKResult(values.narrow(axis, 0, k), indices.narrow(axis, 0, k))


def diag(x: Any, /, *, k: Any) -> Any:
    k = shapes.diag_arguments(x, k)
    if x.ndim == 2 and x.dtype in UNSIGNED:  # (no diagonal kernel for them on every device)
        return unsigned.from_bits(torch.diag(unsigned.to_bits(x), k), x.dtype)
    return torch.diag(x, k)  # (a new tensor, for a matrix too)


def one_hot(x: Any, num_classes: Any, /, *, dtype: Any, axis: Any) -> Any:
    integral = x.dtype in INTEGRAL and x.dtype is not torch.bool
    num_classes, axis = shapes.one_hot_arguments(x, num_classes, axis, integral)
    out = default_float() if dtype is None else native_dtype(dtype)
    # Compared in int64 (uint64 on its bits: a label from 2**63 on is negative there and
    # matches no class); a label outside [0, num_classes) gives a row of zeros, where
    # torch.nn.functional.one_hot raises.
    labels = x.view(torch.int64) if x.dtype is torch.uint64 else x.to(torch.int64)
    shape = [1] * (x.ndim + 1)
    shape[axis] = num_classes
    classes = torch.arange(num_classes, dtype=torch.int64, device=x.device).reshape(shape)
    return (labels.unsqueeze(axis) == classes).to(out)


def split(x: Any, indices_or_sections: Any, /, *, axis: Any) -> list[Any]:
    axis, cuts = shapes.split_cuts(x, indices_or_sections, axis)
    return list(torch.tensor_split(x, cuts, axis))  # (NumPy's cuts, views as slices)
