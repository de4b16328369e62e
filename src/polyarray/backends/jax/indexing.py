"""Indexing functions of the standard, on JAX.

The same decisions as on NumPy (``backends/numpy/indexing.py``): indices must be integers
(JAX also took booleans and floats), ``take`` takes 1-d indices and, without an axis, a
1-d array only. JAX's gathers clamp or fill for an index out of range, silently
(https://jax.readthedocs.io/en/latest/notebooks/Common_Gotchas_in_JAX.html#out-of-bounds-indexing):
on concrete arrays polyarray raises the ``IndexError`` NumPy raises (one reduction of the
indices); under ``jax.jit`` JAX's own answer is given (docs/semantics.md, "Under jax.jit").
"""

from __future__ import annotations

import functools
import math
from typing import Any, Final

import jax
import jax.numpy as jnp
import numpy as np

from polyarray._dtypes import PYTHON_SCALARS
from polyarray._rules import arguments, checks, mistakes
from polyarray.backends.jax._arrays import INTEGRAL, NAME, concrete

__all__ = ["take", "take_along_axis"]

#: The index dtypes taken as they are.
_INTEGER_INDICES: Final = INTEGRAL - {np.dtype(np.bool_)}


# The gather and the smallest and largest index, in one compiled dispatch (the gather,
# two eager reductions and their reads cost about three times a small take).
@functools.partial(jax.jit, static_argnames=("axis", "along"))
def _gather_and_ends(x: Any, indices: Any, axis: int | None, along: bool) -> Any:
    return _plain_gather(x, indices, axis, along), jnp.stack([indices.min(), indices.max()])


def _plain_gather(x: Any, indices: Any, axis: int | None, along: bool) -> Any:
    if along:
        return jnp.take_along_axis(x, indices, axis=axis)
    return jnp.take(x, indices, axis=axis)


def _gather(name: str, x: Any, indices: Any, axis: int | None) -> Any:
    """``take`` (or ``take_along_axis``, for that ``name``) of ``x``, with an
    ``IndexError``, as NumPy raises it, for an index outside ``[-size, size)`` of a
    concrete array (JAX would clamp it or fill in a value)."""
    along = name == "take_along_axis"
    shape = x.shape
    ndim = len(shape)
    if axis is None:
        size, shown = math.prod(shape), 0
    elif -ndim <= axis < ndim:
        size, shown = shape[axis], axis % ndim
    else:  # the axis itself is wrong: as NumPy reports it
        detail = f"axis {axis} is out of bounds for array of dimension {ndim}"
        raise checks.beyond_int64(name, axis) or mistakes.mistake_error(
            mistakes.AXIS, name, (x, indices), detail
        )
    if not indices.size or not concrete(indices):  # traced: JAX's answer, as under jax.jit
        return _plain_gather(x, indices, axis, along)
    result, ends = _gather_and_ends(x, indices, axis=axis, along=along)
    if concrete(ends):
        low, high = np.asarray(ends).tolist()  # (one read of both)
    else:
        # Concrete indices inside a trace (of a traced array, or constants of a traced
        # function, where the compiled call joins the trace): checked all the same, in
        # NumPy.
        host = np.asarray(indices)
        low, high = host.min().item(), host.max().item()
    if high >= size or low < -size:
        bad = high if high >= size else low
        raise IndexError(f"index {bad} is out of bounds for axis {shown} with size {size}")
    return result


def take(x: Any, indices: Any, /, *, axis: int | None = None) -> Any:
    """The standard's ``take``: an index out of range is an ``IndexError``."""
    if type(x) in PYTHON_SCALARS:  # (a 0-d x, refused below in the order of NumPy's checks)
        x = np.asarray(x)
    if indices.dtype not in _INTEGER_INDICES:
        raise arguments.integer_indices_error("take", NAME.get(indices.dtype, str(indices.dtype)))
    if indices.ndim != 1:
        arguments.check_take_indices("take", indices)
    if axis is None:
        if x.ndim != 1:
            arguments.take_without_axis("take", x)
    elif type(axis) is not int or not x.ndim:
        axis = checks.array_axis("take", x, axis, tuples=False)
    return _gather("take", x, indices, axis)


def take_along_axis(x: Any, indices: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``take_along_axis``: an index out of range is an ``IndexError``."""
    if type(x) in PYTHON_SCALARS:  # (a 0-d x, refused below in the order of NumPy's checks)
        x = np.asarray(x)
    if indices.dtype not in _INTEGER_INDICES:
        raise arguments.integer_indices_error(
            "take_along_axis", NAME.get(indices.dtype, str(indices.dtype))
        )
    if type(axis) is not int or not x.ndim:
        # (JAX takes axis=None, flattening, which the standard does not)
        axis = checks.array_axis("take_along_axis", x, axis, tuples=False, none=False)
    if indices.ndim != x.ndim:  # (JAX: ValueError, its words)
        arguments.check_same_ndim("take_along_axis", (x, indices), "x and indices")
    if x.shape != indices.shape:  # (each property read costs ~300 ns)
        arguments.check_along_shapes("take_along_axis", x, indices, axis)
    return _gather("take_along_axis", x, indices, axis)
