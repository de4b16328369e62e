"""Utility functions of the standard, on JAX: ``all``, ``any``, ``diff``.

The axis arguments are checked as on NumPy (``jax.numpy`` takes axis 0 of a 0-d array
and floats as axes); ``diff`` promotes ``prepend`` and ``append`` with the array first.
"""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp

from polyarray._rules import arguments, checks
from polyarray._rules import arrays as array_rules
from polyarray.backends.jax._arrays import OPS

__all__ = ["all", "any", "diff"]


def all(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``all``."""
    if axis is not None and (not x.ndim or (type(axis) is not int and type(axis) is not tuple)):
        axis = checks.array_axis("all", x, axis)  # (JAX takes axis 0 of a 0-d array)
    return jnp.all(x, axis=axis, keepdims=keepdims)


def any(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``any``."""
    if axis is not None and (not x.ndim or (type(axis) is not int and type(axis) is not tuple)):
        axis = checks.array_axis("any", x, axis)
    return jnp.any(x, axis=axis, keepdims=keepdims)


def diff(x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None) -> Any:
    """The standard's ``diff``; ``prepend`` and ``append`` are promoted with ``x`` first."""
    if type(axis) is not int or not x.ndim:
        axis = checks.array_axis("diff", x, axis, tuples=False, none=False)
    if type(n) is not int:
        n = checks.integer_argument("diff", "n", n)
    if n > 1:
        n = arguments.diff_order(n, x, axis, prepend, append)
    if prepend is None and append is None:
        return jnp.diff(x, n, axis)
    x, prepend, append = array_rules.promoted_diff_arguments(OPS, x, prepend, append)
    for edge, what in ((prepend, "prepend"), (append, "append")):
        if edge is not None:
            arguments.check_diff_edge(x, edge, axis, what)
    return jnp.diff(x, n, axis, prepend=prepend, append=append)
