"""Utility functions of the standard, on JAX: ``all``, ``any``, ``diff``.

The axis arguments are checked as on NumPy (``jax.numpy`` takes axis 0 of a 0-d array
and floats as axes); ``diff`` promotes ``prepend`` and ``append`` with the array first.
"""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp

from polyarray._rules import arguments, checks
from polyarray._rules import arrays as array_rules
from polyarray.backends.jax._arrays import COMPLEX, OPS

__all__ = ["all", "any", "diff"]


def all(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``all``."""
    if axis is not None and (
        not x.ndim or (type(axis) is not int and type(axis) is not tuple) or _beyond(axis)
    ):
        axis = _axis("all", x, axis)  # (JAX takes axis 0 of a 0-d array)
    return jnp.all(_truth(x), axis=axis, keepdims=keepdims)


def _beyond(axis: Any) -> bool:
    """Whether ``axis`` is an int no int64 holds (JAX reports it as out of range)."""
    return type(axis) is int and not -(2**63) <= axis < 2**63


def _axis(name: str, x: Any, axis: Any) -> Any:
    """``axis`` checked: an int beyond int64 the ``ScalarOverflowError`` NumPy's is."""
    error = checks.beyond_int64(name, axis)
    if error is not None:
        raise error
    return checks.array_axis(name, x, axis)


def _truth(x: Any) -> Any:
    """``x``, or for complex ``x`` whether each element is nonzero: jax 0.10's ``any`` and
    ``all`` of complex numbers read the real part only (``any(1j)`` was False), where the
    standard counts a nonzero imaginary part as true (data-apis/array-api#442)."""
    return x != 0 if x.dtype in COMPLEX else x


def any(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``any``."""
    if axis is not None and (
        not x.ndim or (type(axis) is not int and type(axis) is not tuple) or _beyond(axis)
    ):
        axis = _axis("any", x, axis)
    return jnp.any(_truth(x), axis=axis, keepdims=keepdims)


def diff(x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None) -> Any:
    """The standard's ``diff``; ``prepend`` and ``append`` are promoted with ``x`` first."""
    if type(axis) is not int or not x.ndim:
        axis = checks.array_axis("diff", x, axis, tuples=False, none=False)
    if type(n) is not int:
        n = checks.integer_argument("diff", "n", n)
    if n != 1:  # the axis, then n, in polyarray's order (as on NumPy and torch)
        n = arguments.diff_order(n, x, axis, prepend, append)
    if _beyond(axis):  # (JAX: out of range; NumPy's ScalarOverflowError, as in _axis)
        _axis("diff", x, axis)
    if prepend is None and append is None:
        return jnp.diff(x, n, axis)
    x, prepend, append = array_rules.promoted_diff_arguments(OPS, x, prepend, append)
    for edge, what in ((prepend, "prepend"), (append, "append")):
        if edge is not None:
            arguments.check_diff_edge(x, edge, axis, what)
    return jnp.diff(x, n, axis, prepend=prepend, append=append)
