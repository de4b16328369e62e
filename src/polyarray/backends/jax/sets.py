"""Set functions of the standard, on JAX.

The ``unique_*`` functions are ``jax.numpy``'s (sorted values; NaNs are distinct, as the
standard says and NumPy's backend has them) returning array-api-compat's named tuples, the
same on every backend. Their results' shapes depend on the values: under ``jax.jit`` or
``jax.vmap`` they raise :class:`~polyarray.errors.DataDependentShapeError` (JAX's
``ConcretizationTypeError`` asks for a ``size`` the standard does not have). ``isin``
promotes its arguments by polyarray's rules.
"""

from __future__ import annotations

import builtins
import functools
import types
from typing import Any, Final

import jax
import jax.numpy as jnp

from polyarray.backends.jax._arrays import COMPLEX, promoted
from polyarray.backends.jax.searching import traced_shape_error

__all__ = ["isin", "unique_all", "unique_counts", "unique_inverse", "unique_values"]

_Concretization: Final = jax.errors.ConcretizationTypeError
_INT64: Final = jnp.dtype(jnp.int64)
# The named tuples are made as their own __new__ makes them, without its Python-level call.
_tuple_new: Final = tuple.__new__


@functools.cache
def _results() -> types.ModuleType:
    """``array_api_compat.common._aliases``, whose named tuples every backend returns."""
    from array_api_compat.common import _aliases

    return _aliases


def isin(x1: Any, x2: Any, /, *, invert: bool = False) -> Any:
    """The standard's ``isin``, after promotion to one dtype."""
    return jnp.isin(*promoted(x1, x2, "isin"), invert=invert)


def _complex_unique(x: Any) -> tuple[Any, Any, Any, Any]:
    """Values, first indices, inverse indices and counts of complex ``x``, NaNs distinct.

    jax.numpy's unique replaces every complex number holding a NaN by ``nan+0j`` (``1+nanj``
    too), and orders them apart: here they are kept, in the order of NumPy's sort (which
    JAX's stable argsort of complex numbers follows).
    """
    flat = x.reshape(-1)
    order = jnp.argsort(flat, stable=True)
    ordered = flat[order]
    # Where each run of equal values starts (a NaN equals nothing: its own run).
    starts = jnp.concatenate(
        [jnp.ones(builtins.min(flat.size, 1), bool), ordered[1:] != ordered[:-1]]
    )
    first = jnp.nonzero(starts)[0]  # (the shape depends on the values: not under jax.jit)
    counts = jnp.diff(jnp.append(first, flat.size))
    inverse = jnp.zeros(flat.size, _INT64).at[order].set(jnp.cumsum(starts) - 1)
    return ordered[first], order[first], inverse.reshape(x.shape), counts


def _unique(name: str, native: Any, x: Any, fields: slice | int) -> Any:
    """``native`` (one of jax.numpy's unique functions) of ``x``; complex numbers apart."""
    try:
        if x.dtype in COMPLEX:
            return _complex_unique(x)[fields]
        return tuple(native(x)) if fields != _VALUES else native(x)
    except _Concretization as exc:
        raise traced_shape_error(name, exc) from exc


_ALL: Final = slice(None)
_VALUES: Final = 0
_COUNTS: Final = slice(0, 4, 3)
_INVERSE: Final = slice(0, 3, 2)


def unique_all(x: Any, /) -> Any:
    """The standard's ``unique_all``: values, first indices, inverse indices, counts."""
    return _tuple_new(_results().UniqueAllResult, _unique("unique_all", jnp.unique_all, x, _ALL))


def unique_counts(x: Any, /) -> Any:
    """The standard's ``unique_counts``: values and counts."""
    result = _unique("unique_counts", jnp.unique_counts, x, _COUNTS)
    return _tuple_new(_results().UniqueCountsResult, result)


def unique_inverse(x: Any, /) -> Any:
    """The standard's ``unique_inverse``: values and inverse indices (of x's shape)."""
    result = _unique("unique_inverse", jnp.unique_inverse, x, _INVERSE)
    return _tuple_new(_results().UniqueInverseResult, result)


def unique_values(x: Any, /) -> Any:
    """The standard's ``unique_values``, sorted."""
    return _unique("unique_values", jnp.unique_values, x, _VALUES)
