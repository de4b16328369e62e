"""polyarray's everyday functions on JAX: ``jax.nn``'s and ``jax.numpy``'s own where they
give polyarray's answer; the rest written once against polyarray's namespace
(``polyarray._everyday``), which also takes integer inputs (the default float) and 0-d
inputs to ``softmax`` (an ``AxisError``, where JAX raises ``ValueError``)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from polyarray import _everyday as shared
from polyarray import _everyday_einsum as einsums
from polyarray import _everyday_pad as padding
from polyarray import _everyday_shapes as shapes
from polyarray import _everyday_stats as stats
from polyarray import _names
from polyarray._results import TopKResult
from polyarray._rules import arguments
from polyarray.backends.jax import creation, sorting
from polyarray.backends.jax._arrays import (
    ALL,
    REAL_FLOATS,
    concrete,
    default_float,
    host_view,
    native_dtype,
)

# Every everyday function of the name table (each module defines all of them).
__all__ = sorted(_names.EVERYDAY_FUNCTIONS)

# The NaN reductions and isclose: the shared code (its answers for all-NaN slices, empty
# input and mixed dtypes are polyarray's on every backend), compiled once per shape and
# arguments: eager, its five to fifteen operations cost 80-350 µs a call where jax.numpy's
# own cost 4-13 µs. The axis is checked outside (a list: polyarray's TypeError, not jit's).
_REDUCTION = ("axis", "keepdims")
_nanmean = jax.jit(shared.nanmean, static_argnames=_REDUCTION)
_nanmax = jax.jit(shared.nanmax, static_argnames=_REDUCTION)
_nanmin = jax.jit(shared.nanmin, static_argnames=_REDUCTION)
_nanvar = jax.jit(shared.nanvar, static_argnames=(*_REDUCTION, "correction"))
_nanstd = jax.jit(shared.nanstd, static_argnames=(*_REDUCTION, "correction"))
_isclose = jax.jit(shared.isclose, static_argnames=("rtol", "atol", "equal_nan"))


def nanmean(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanmean", x, axis)
    return _nanmean(x, axis=axis, keepdims=keepdims)


def nanmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanmax", x, axis)
    return _nanmax(x, axis=axis, keepdims=keepdims)


def nanmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanmin", x, axis)
    return _nanmin(x, axis=axis, keepdims=keepdims)


def _plain_number(value: Any) -> bool:
    return type(value) is int or type(value) is float


def nanvar(x: Any, /, *, axis: Any, correction: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanvar", x, axis)
    if not _plain_number(correction):  # (a NumPy number or 0-d array: eager, unhashed)
        return shared.nanvar(x, axis=axis, correction=correction, keepdims=keepdims)
    return _nanvar(x, axis=axis, correction=correction, keepdims=keepdims)


def nanstd(x: Any, /, *, axis: Any, correction: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanstd", x, axis)
    if not _plain_number(correction):
        return shared.nanstd(x, axis=axis, correction=correction, keepdims=keepdims)
    return _nanstd(x, axis=axis, correction=correction, keepdims=keepdims)


def _nan_arg_of(name: str, x: Any, axis: Any, keepdims: bool, largest: bool) -> Any:
    return shared.nan_arg(name, x, axis, keepdims, largest=largest, check=False)


# The index in one dispatch, left asynchronous: the all-NaN test reads values, so it is
# made apart, in NumPy where x lives on the CPU (XLA's argmin on the CPU costs some 30 us
# on small arrays; computed with the test and waited for, it was 40 us over jax.numpy).
_nan_arg = jax.jit(_nan_arg_of, static_argnums=(0, 2, 3, 4))
_all_nan = jax.jit(lambda x, axis: jnp.isnan(x).all(axis=axis).any(), static_argnums=1)


def _has_all_nan_slice(x: Any, axis: Any) -> bool:
    """Whether the concrete, non-empty floating ``x`` has a slice along ``axis`` holding
    only NaN (False where the test joins a trace around a constant ``x``: JAX's answer)."""
    view = host_view(x)
    if view is not None:
        gaps = np.isnan(view).all(axis=axis)
        return bool(gaps if axis is None else gaps.any())
    flag = _all_nan(x, axis)
    return concrete(flag) and bool(np.asarray(flag))


def _nan_index(name: str, x: Any, axis: Any, keepdims: bool, largest: bool) -> Any:
    axis = shared.reduction_axis(name, x, axis, tuples=False)
    if not _floating(x):
        return shared.nan_arg(name, x, axis, keepdims, largest=largest, check=False)
    # Under tracing an all-NaN slice cannot be seen: JAX's answer, argmax's index 0.
    if concrete(x) and x.ndim and all(x.shape) and _has_all_nan_slice(x, axis):
        raise shared.all_nan_error(name)
    return _nan_arg(name, x, axis, keepdims, largest)


def nanargmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    return _nan_index("nanargmax", x, axis, keepdims, largest=True)


def nanargmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    return _nan_index("nanargmin", x, axis, keepdims, largest=False)


def isclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> Any:
    shared.check_closeness("isclose", a, b, rtol, atol)
    if isinstance(a, jax.Array) and isinstance(b, jax.Array):  # (scalars: eager, untraced)
        return _isclose(a, b, rtol=float(rtol), atol=float(atol), equal_nan=bool(equal_nan))
    return shared.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)


def _all_close(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> Any:
    return jnp.all(shared.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))


# (isclose and its reduction in one dispatch, read through NumPy: bool() of a JAX array
# costs some 7 us more than np.asarray, and the eager reduction another dispatch)
_allclose = jax.jit(_all_close, static_argnames=("rtol", "atol", "equal_nan"))


def allclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> bool:
    shared.check_closeness("allclose", a, b, rtol, atol)
    if isinstance(a, jax.Array) and isinstance(b, jax.Array):
        flag = _allclose(a, b, rtol=float(rtol), atol=float(atol), equal_nan=bool(equal_nan))
        # (a tracer: bool() raises JAX's TracerBoolConversionError, as it always did)
        return bool(np.asarray(flag)) if concrete(flag) else bool(flag)
    return bool(jnp.all(isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)))


def _floating(x: Any) -> bool:
    dtype = x.dtype
    if dtype in REAL_FLOATS:  # (a set lookup: jnp.issubdtype costs some 300 ns)
        return True
    return dtype not in ALL and bool(jnp.issubdtype(dtype, jnp.floating))


def nansum(x: Any, /, *, axis: Any, dtype: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nansum", x, axis)
    if dtype is None and _floating(x):
        return jnp.nansum(x, axis=axis, keepdims=keepdims)
    return shared.nansum(x, axis=axis, dtype=dtype, keepdims=keepdims)


def softmax(x: Any, /, *, axis: int) -> Any:
    axis = shared.reduction_axis("softmax", x, axis)
    if x.ndim and _floating(x):
        return jax.nn.softmax(x, axis)  # (positional: a keyword costs its jit ~150 ns)
    return shared.softmax(x, axis=axis)


def log_softmax(x: Any, /, *, axis: int) -> Any:
    axis = shared.reduction_axis("log_softmax", x, axis)
    if x.ndim and _floating(x):
        return jax.nn.log_softmax(x, axis)  # (positional: a keyword costs its jit ~150 ns)
    return shared.log_softmax(x, axis=axis)


def logsumexp(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("logsumexp", x, axis)
    if _floating(x) and x.size:
        return jax.nn.logsumexp(x, axis=axis, keepdims=keepdims)
    return shared.logsumexp(x, axis=axis, keepdims=keepdims)


def sigmoid(x: Any, /) -> Any:
    if _floating(x):
        return jax.nn.sigmoid(x)
    return shared.sigmoid(x)


# einsum, top_k, diag, one_hot, split (polyarray/_everyday_einsum.py, _everyday_shapes.py):
# the arguments checked as everywhere (JAX takes einsum('i$') as 'i', and sums an
# ellipsis the output leaves out), then JAX's own functions; top_k through polyarray's
# stable argsort, split by slicing (the shared code).


def _literal(value: Any, like: Any) -> Any:
    return creation.asarray(value)


def einsum(subscripts: Any, /, *operands: Any) -> Any:
    operands = einsums.as_arrays(operands, jax.Array, _literal)
    # (no views: JAX's are immutable)
    equation, _, nothing = einsums.equation(subscripts, operands)
    dtype = einsums.common_dtype(operands)
    if dtype is not None:
        operands = tuple(o.astype(native_dtype(dtype)) for o in operands)
    if nothing is not None:  # (a sum of nothing: see einsums.read)
        return jnp.zeros(nothing, dtype=operands[0].dtype)
    return jnp.einsum(equation, *operands)


def _head(x: Any, k: int, axis: int, largest: bool) -> Any:
    order = sorting.argsort(x, axis=axis, descending=largest, stable=True)
    indices = jax.lax.slice_in_dim(order, 0, k, axis=axis)
    return jnp.take_along_axis(x, indices, axis=axis), indices


# (the sort and the gather in one dispatch, without take_along_axis's bounds check:
# 65 µs eager where jax.lax.top_k costs 26)
_head_of = jax.jit(_head, static_argnums=(1, 2, 3))


def top_k(x: Any, k: Any, /, *, axis: Any, largest: bool) -> TopKResult:
    k, axis = shapes.top_k_arguments(x, k, axis, jnp.issubdtype(x.dtype, jnp.complexfloating))
    return TopKResult(*_head_of(x, k, axis, bool(largest)))


def _pieces(x: Any, axis: int, bounds: tuple[tuple[int, int], ...]) -> list[Any]:
    return [jax.lax.slice_in_dim(x, start, stop, axis=axis) for start, stop in bounds]


# (every slice in one dispatch: each eager slice costs JAX about 6 µs)
_pieces_of = jax.jit(_pieces, static_argnums=(1, 2))


def split(x: Any, indices_or_sections: Any, /, *, axis: Any) -> list[Any]:
    axis, cuts = shapes.split_cuts(x, indices_or_sections, axis)
    starts, stops = [0, *cuts], [*cuts, x.shape[axis]]
    # A cut before the previous one gives an empty piece, as Python's slicing does.
    bounds = tuple((a, max(a, b)) for a, b in zip(starts, stops, strict=True))
    return list(_pieces_of(x, axis, bounds))


def diag(x: Any, /, *, k: Any) -> Any:
    return jnp.diag(x, shapes.diag_arguments(x, k))


def one_hot(x: Any, num_classes: Any, /, *, dtype: Any, axis: Any) -> Any:
    num_classes, axis = shapes.one_hot_arguments(x, num_classes, axis, x.dtype.kind in "iu")
    out = default_float() if dtype is None else native_dtype(dtype)
    return _one_hot_of(x, num_classes, axis, out)


def _one_hot(x: Any, num_classes: int, axis: int, out: Any) -> Any:
    # Compared in int64 (uint64 in its own dtype): a label outside [0, num_classes)
    # matches no class and gives a row of zeros, as jax.nn.one_hot gives.
    labels = x if x.dtype == jnp.uint64 else x.astype(jnp.int64)
    shape = [1] * (x.ndim + 1)
    shape[axis] = num_classes
    classes = jnp.arange(num_classes, dtype=labels.dtype).reshape(shape)
    return (jnp.expand_dims(labels, axis) == classes).astype(out)


# (five operations: one dispatch, 12 µs where eager they cost 70 µs)
_one_hot_of = jax.jit(_one_hot, static_argnums=(1, 2, 3))


# Quantiles, covariances and padding: the shared code (polyarray/_everyday_stats.py,
# _everyday_pad.py), whose answers at infinities, for empty slices and for float32 input
# are polyarray's on every backend, compiled once per shape and arguments (eager, its
# twenty operations cost 0.2-0.7 ms a call). The arguments are checked outside, so that
# the errors are those of the other backends.
_quantile_at = jax.jit(
    stats.quantile_at, static_argnums=(0, 2, 3), static_argnames=("axis", "keepdims", "method")
)
_cov_of = jax.jit(stats.cov_of, static_argnames=("rowvar", "correction"))
_corrcoef = jax.jit(stats.corrcoef, static_argnames=("rowvar",))
_pad_with = jax.jit(padding.pad_with, static_argnames=("widths", "mode"))


def _zero_pad(x: Any, widths: tuple[tuple[int, int], ...]) -> Any:
    return jax.lax.pad(x, jnp.zeros((), x.dtype), [(before, after, 0) for before, after in widths])


# (jax.numpy.pad's own checks of its arguments cost some 12 us a call; lax.pad compiled
# once per shape and widths costs the dispatch)
_zero_padded = jax.jit(_zero_pad, static_argnums=1)


def _quantile(
    name: str, x: Any, q: Any, axis: Any, keepdims: bool, method: str, scale: float
) -> Any:
    axis = shared.reduction_axis(name, x, axis)
    stats.check_method(name, method)
    levels, shape = stats.quantile_levels(name, q, scale)
    return _quantile_at(name, x, tuple(levels), shape, axis=axis, keepdims=keepdims, method=method)


def quantile(x: Any, q: Any, /, *, axis: Any, keepdims: bool, method: str) -> Any:
    return _quantile("quantile", x, q, axis, keepdims, method, 1.0)


def percentile(x: Any, q: Any, /, *, axis: Any, keepdims: bool, method: str) -> Any:
    return _quantile("percentile", x, q, axis, keepdims, method, 100.0)


def cov(x: Any, /, *, rowvar: bool, correction: Any) -> Any:
    correction = arguments.correction_argument("cov", correction)
    if type(rowvar) is not bool or not hasattr(x, "ndim"):
        return stats.cov_of(x, rowvar=rowvar, correction=correction)  # (its TypeError)
    return _cov_of(x, rowvar=rowvar, correction=correction)


def corrcoef(x: Any, /, *, rowvar: bool) -> Any:
    if type(rowvar) is not bool or not hasattr(x, "ndim"):
        return stats.corrcoef(x, rowvar=rowvar)  # (its TypeError)
    return _corrcoef(x, rowvar=rowvar)


def pad(x: Any, pad_width: Any, /, *, mode: str, constant_values: Any) -> Any:
    padding.check_mode(mode)
    widths = padding.pad_widths(pad_width, x.ndim)
    padding.check(x, widths, mode)
    if mode == "constant" and type(constant_values) is int and constant_values == 0 and widths:
        return _zero_padded(x, widths)  # (the default, in every dtype: no conversion to check)
    fill = padding.fill_value(x, constant_values) if mode == "constant" else None
    return _pad_with(x, fill, widths=widths, mode=mode)
