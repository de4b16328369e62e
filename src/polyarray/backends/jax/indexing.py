"""Indexing functions of the standard, on JAX.

The same decisions as on NumPy (``backends/numpy/indexing.py``): indices must be integers
(JAX also took booleans and floats), ``take`` takes 1-d indices and, without an axis, a
1-d array only. JAX's gathers clamp or fill for an index out of range, silently
(https://jax.readthedocs.io/en/latest/notebooks/Common_Gotchas_in_JAX.html#out-of-bounds-indexing):
on concrete arrays polyarray raises the ``IndexError`` NumPy raises (one reduction of the
indices); under ``jax.jit`` JAX's own answer is given (docs/semantics.md, "Under jax.jit").
"""

from __future__ import annotations

from typing import Any, Final

import jax
import jax.numpy as jnp
import numpy as np

from polyarray._rules import arguments, checks, mistakes
from polyarray.backends.jax._arrays import INTEGRAL, NAME, concrete

__all__ = ["take", "take_along_axis"]

#: The index dtypes taken as they are.
_INTEGER_INDICES: Final = INTEGRAL - {np.dtype(np.bool_)}


#: The smallest and the largest index, in one compiled dispatch (two eager reductions and
#: their reads cost about ten times a small take).
_ENDS: Final = jax.jit(lambda indices: jnp.stack([indices.min(), indices.max()]))


def _ends(indices: Any) -> Any:
    return np.asarray(_ENDS(indices))  # (one read of both)


def _check_in_bounds(name: str, indices: Any, x: Any, axis: int | None) -> None:
    """``IndexError``, as NumPy raises it, for an index outside ``[-size, size)`` of a
    concrete array (JAX would clamp it or fill in a value)."""
    if axis is None:
        size, axis = x.size, 0
    elif -x.ndim <= axis < x.ndim:
        size, axis = x.shape[axis], axis % x.ndim
    else:  # the axis itself is wrong: as NumPy reports it
        detail = f"axis {axis} is out of bounds for array of dimension {x.ndim}"
        raise checks.beyond_int64(name, axis) or mistakes.mistake_error(
            mistakes.AXIS, name, (x, indices), detail
        )
    if not indices.size or not concrete(indices):
        return
    low, high = (int(end) for end in _ends(indices))
    if high >= size or low < -size:
        bad = high if high >= size else low
        raise IndexError(f"index {bad} is out of bounds for axis {axis} with size {size}")


def take(x: Any, indices: Any, /, *, axis: int | None = None) -> Any:
    """The standard's ``take``: an index out of range is an ``IndexError``."""
    if indices.dtype not in _INTEGER_INDICES:
        raise arguments.integer_indices_error("take", NAME.get(indices.dtype, str(indices.dtype)))
    if indices.ndim != 1:
        arguments.check_take_indices("take", indices)
    if axis is None:
        if x.ndim != 1:
            arguments.take_without_axis("take", x)
    elif type(axis) is not int or not x.ndim:
        axis = checks.array_axis("take", x, axis, tuples=False)
    _check_in_bounds("take", indices, x, axis)
    return jnp.take(x, indices, axis=axis)


def take_along_axis(x: Any, indices: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``take_along_axis``: an index out of range is an ``IndexError``."""
    if indices.dtype not in _INTEGER_INDICES:
        raise arguments.integer_indices_error(
            "take_along_axis", NAME.get(indices.dtype, str(indices.dtype))
        )
    if type(axis) is not int or not x.ndim:
        # (JAX takes axis=None, flattening, which the standard does not)
        axis = checks.array_axis("take_along_axis", x, axis, tuples=False, none=False)
    if indices.ndim != x.ndim:  # (JAX: ValueError, its words)
        arguments.check_same_ndim("take_along_axis", (x, indices), "x and indices")
    for d, (size, count) in enumerate(zip(x.shape, indices.shape, strict=True)):
        # The other axes broadcast, as NumPy's fancy indexing asks (JAX: IndexError).
        if d != axis % x.ndim and size != count and 1 not in (size, count):
            detail = f"shapes {tuple(x.shape)}, {tuple(indices.shape)}"
            raise mistakes.mistake_error(
                mistakes.BROADCAST, "take_along_axis", (x, indices), detail
            )
    _check_in_bounds("take_along_axis", indices, x, axis)
    return jnp.take_along_axis(x, indices, axis=axis)
