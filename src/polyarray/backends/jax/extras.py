"""polyarray's own functions (``max_with_indices``, ``min_with_indices``, ``median``), on
JAX, with the decisions of the NumPy backend (``backends/numpy/extras.py``):

- ``max_with_indices``/``min_with_indices`` give the first index of ties and of the first
  NaN (``argmax``/``argmin`` pick those on JAX too), so NaN wins, as in ``max``; complex
  input is refused (there is no order of complex numbers);
- ``median`` of an even count is the mean of the two middle values; of integers and
  booleans, computed in float64 and given in the default float; of anything holding a
  NaN, NaN; of nothing, NaN (``jax.numpy.median`` of an empty array fails).
"""

from __future__ import annotations

import functools
import math
from typing import Any

import jax
import jax.numpy as jnp

from polyarray._results import MinMaxResult
from polyarray._rules import checks
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.jax._arrays import COMPLEX, NATIVE, default_float

__all__ = ["max_with_indices", "median", "min_with_indices"]


def max_with_indices(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The largest values and their indices: the first index of ties and of the first NaN."""
    return _with_indices("max_with_indices", jnp.argmax, x, axis, keepdims)


def min_with_indices(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The smallest values and their indices: the first index of ties and of the first NaN."""
    return _with_indices("min_with_indices", jnp.argmin, x, axis, keepdims)


def _with_indices(name: str, arg_function: Any, x: Any, axis: Any, keepdims: bool) -> Any:
    if axis is not None and (type(axis) is not int or not x.ndim):
        axis = checks.array_axis(name, x, axis, tuples=False)
    if x.dtype in COMPLEX:
        raise complex_refused(name)
    if axis is not None:
        checks.distinct_axes(name, (axis,), x.ndim)  # (in range: JAX's error is in its words)
    values, index = _pick(x, axis=axis, keepdims=keepdims, largest=arg_function is jnp.argmax)
    return MinMaxResult(values, index)


# One compiled dispatch: the index, the values taken at it, and the reshaping.
@functools.partial(jax.jit, static_argnames=("axis", "keepdims", "largest"))
def _pick(x: Any, axis: int | None, keepdims: bool, largest: bool) -> Any:
    arg_function = jnp.argmax if largest else jnp.argmin
    if axis is None:
        flat = x.reshape(-1)
        index = arg_function(flat, keepdims=True)
        shape = (1,) * x.ndim if keepdims else ()
        return flat[index].reshape(shape), index.reshape(shape)
    index = arg_function(x, axis=axis, keepdims=True)
    values = jnp.take_along_axis(x, index, axis=axis)
    if not keepdims:
        values, index = values.squeeze(axis=axis), index.squeeze(axis=axis)
    return values, index


def median(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The median: the mean of the two middle values of an even count; of integers, in
    the default float (computed in float64)."""
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("median", axis)
    integral = x.dtype.kind in "biu"
    # (as on NumPy: no order of complex numbers, refused after the axis's type and before
    # its range; over no axes each element is its own median)
    if not integral and x.dtype in COMPLEX and axis != ():
        raise complex_refused("median")
    if axis is not None:
        axes = axis if type(axis) is tuple else (axis,)
        if x.ndim:
            checks.distinct_axes("median", axes, x.ndim)
        elif axes:
            raise checks.no_axes_error("median", axis)
    reduced = tuple(range(x.ndim)) if axis is None else tuple(a % x.ndim for a in axes)
    result_dtype = default_float() if integral else None
    return _median(x, reduced=reduced, keepdims=keepdims, result_dtype=result_dtype)


# One compiled dispatch for the whole body (about ten eager operations cost some 200 us
# against jax.numpy.median's 14); shapes are static there, so the empty case is too.
@functools.partial(jax.jit, static_argnames=("reduced", "keepdims", "result_dtype"))
def _median(x: Any, reduced: tuple[int, ...], keepdims: bool, result_dtype: Any) -> Any:
    integral = result_dtype is not None
    values = x.astype(NATIVE["float64"]) if integral else x
    ndim = values.ndim
    kept = [d for d in range(ndim) if d not in reduced]
    # The reduced axes moved to the end and flattened into one (the count written out:
    # -1 is ambiguous for an empty array).
    count = math.prod(values.shape[d] for d in reduced)
    moved = jnp.permute_dims(values, (*kept, *reduced)).reshape(
        (*(values.shape[d] for d in kept), count)
    )
    if count == 0:  # the median of nothing: NaN, as NumPy gives (with a warning)
        result = jnp.full(moved.shape[:-1], jnp.nan, dtype=values.dtype)
    else:
        ordered = jnp.sort(moved, axis=-1)  # (NaN sorts last)
        low, high = ordered[..., (count - 1) // 2], ordered[..., count // 2]
        result = low if count % 2 else (low + high) / 2  # (no sum to overflow)
        if not integral:  # anything holding a NaN has the median NaN
            result = jnp.where(jnp.isnan(ordered[..., -1]), ordered[..., -1], result)
    if keepdims:
        result = result.reshape(tuple(1 if d in reduced else values.shape[d] for d in range(ndim)))
    return result.astype(result_dtype) if integral else result
