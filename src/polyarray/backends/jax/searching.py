"""Searching functions of the standard, on JAX.

``argmax``/``argmin`` are ``jax.numpy``'s (the first index of ties and of the first NaN,
as NumPy), with the axis checked (a 0-d array has none) and complex numbers refused;
``where`` and ``searchsorted`` promote their two arrays (or an array and a Python scalar)
by polyarray's rules; ``searchsorted`` gives int64 indices (JAX: int32 where they fit).
``nonzero``'s result has a shape that depends on the values: under ``jax.jit`` or
``jax.vmap`` it raises :class:`~polyarray.errors.DataDependentShapeError`.
"""

from __future__ import annotations

from typing import Any, Final, Literal

import jax
import jax.numpy as jnp

from polyarray._rules import arguments, checks
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.jax._arrays import ALL, COMPLEX, Array, concrete, promoted
from polyarray.backends.jax.statistical import reduction_axes
from polyarray.errors import DataDependentShapeError

__all__ = ["argmax", "argmin", "count_nonzero", "nonzero", "searchsorted", "where"]

_REAL: Final = ALL - COMPLEX  # (searchsorted of complex numbers is refused)
_INT64: Final = jnp.dtype(jnp.int64)


def traced_shape_error(name: str, exc: Exception) -> DataDependentShapeError:
    """The error for ``name`` (whose result's shape depends on the values) of tracers."""
    return DataDependentShapeError(
        f"pa.{name}: the shape of its result depends on the values of the array, which "
        "are not known inside jax.jit or jax.vmap (the array is a tracer). Call it outside "
        f"the traced function, or use a mask of a fixed shape (pa.where) there. ({exc})"
    )


def _one_axis(name: str, x: Any, axis: Any) -> int:
    """An int ``axis`` of ``x``, in range (JAX raised a plain IndexError; a 0-d array has
    no axes)."""
    if type(axis) is not int or not x.ndim:
        axis = checks.array_axis(name, x, axis, tuples=False)
    checks.distinct_axes(name, (axis,), x.ndim)
    return axis  # type: ignore[no-any-return]


def argmax(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The standard's ``argmax``: the first index of ties and of the first NaN."""
    if axis is not None:
        axis = _one_axis("argmax", x, axis)
    if x.dtype in COMPLEX:  # (JAX orders complex numbers by their parts; torch refused)
        raise complex_refused("argmax")
    return jnp.argmax(x, axis=axis, keepdims=keepdims)


def argmin(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The standard's ``argmin``: the first index of ties and of the first NaN."""
    if axis is not None:
        axis = _one_axis("argmin", x, axis)
    if x.dtype in COMPLEX:  # (as in argmax)
        raise complex_refused("argmin")
    return jnp.argmin(x, axis=axis, keepdims=keepdims)


def count_nonzero(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``count_nonzero`` (int64 counts)."""
    axis = reduction_axes("count_nonzero", x, axis)
    return jnp.count_nonzero(x, axis=axis, keepdims=keepdims)


def nonzero(x: Any, /) -> Any:
    """The standard's ``nonzero``: a tuple of int64 index arrays, one per dimension."""
    # 0-d arrays are refused, as the standard leaves them undefined (in every backend's words).
    checks.check_dimensions("nonzero", x)
    try:
        return jnp.nonzero(x)
    except jax.errors.ConcretizationTypeError as exc:
        raise traced_shape_error("nonzero", exc) from exc


def searchsorted(
    x1: Any, x2: Any, /, *, side: Literal["left", "right"] = "left", sorter: Any = None
) -> Any:
    """The standard's ``searchsorted``, after promotion to one dtype; int64 indices."""
    try:
        same = x1.dtype == x2.dtype and x1.dtype in _REAL
    except AttributeError:  # a Python scalar: polyarray's promotion rules apply
        same = False
    if not same:
        x1, x2 = promoted(x1, x2, "searchsorted")
        if x1.dtype in COMPLEX:  # (JAX orders complex numbers by their parts; torch refused)
            raise complex_refused("searchsorted")
    if x1.ndim != 1 or side != "left":
        arguments.check_search(x1, side)  # a sorted array not 1-d, or another side
    if sorter is not None:
        integer = isinstance(sorter, Array) and sorter.dtype.kind in "iu"
        arguments.check_sorter(x1, sorter, integer=integer, values_known=concrete(sorter))
    result = jnp.searchsorted(x1, x2, side=side, sorter=sorter)
    # JAX counts in int32 where the length fits; the standard's default index is int64.
    return result if result.dtype == _INT64 else result.astype(_INT64)


def where(condition: Any, x1: Any, x2: Any, /) -> Any:
    """The standard's ``where``, after promotion of ``x1`` and ``x2`` to one dtype."""
    try:
        if x1.dtype == x2.dtype and x1.dtype in ALL:
            return jnp.where(condition, x1, x2)
    except AttributeError:  # a Python scalar: polyarray's promotion rules apply
        pass
    return jnp.where(condition, *promoted(x1, x2, "where"))
