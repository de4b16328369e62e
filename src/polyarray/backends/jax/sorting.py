"""Sorting functions of the standard, on JAX: ``jax.numpy``'s (stable by default, as the
standard says; a descending stable sort keeps equal values in their order and puts NaNs
first, as NumPy's flipped sort does), with the axis checked (an int, and a 0-d array has
none: JAX's own error is a ``ValueError``, and ``axis=None`` flattens there) and complex
numbers refused (JAX orders them by their parts; torch refused)."""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp

from polyarray._rules import checks
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.jax._arrays import COMPLEX

__all__ = ["argsort", "sort"]


def argsort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    """The standard's ``argsort``."""
    if type(axis) is not int or not x.ndim:
        axis = checks.array_axis("argsort", x, axis, tuples=False, none=False)
    checks.distinct_axes("argsort", (axis,), x.ndim)  # (beyond int64: ScalarOverflowError)
    if x.dtype in COMPLEX:
        raise complex_refused("argsort")
    return jnp.argsort(x, axis=axis, stable=stable, descending=descending)


def sort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    """The standard's ``sort``."""
    if type(axis) is not int or not x.ndim:
        axis = checks.array_axis("sort", x, axis, tuples=False, none=False)
    checks.distinct_axes("sort", (axis,), x.ndim)  # (beyond int64: ScalarOverflowError)
    if x.dtype in COMPLEX:
        raise complex_refused("sort")
    return jnp.sort(x, axis=axis, stable=stable, descending=descending)
