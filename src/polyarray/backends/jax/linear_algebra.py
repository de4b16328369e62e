"""Linear algebra functions of the standard's main namespace, on JAX.

``matmul``, ``tensordot`` and ``vecdot`` promote arrays of two dtypes by polyarray's
rules first (JAX's table gives float64 for int64 with uint64, which polyarray refuses),
and report shapes that do not fit with polyarray's errors, as on NumPy
(``backends/numpy/linear_algebra.py``): JAX raised ``TypeError`` or ``ValueError``.
"""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from polyarray._dtypes import PYTHON_SCALARS
from polyarray._rules import arguments, checks, mistakes
from polyarray.backends.jax._arrays import ALL, Array, promoted

__all__ = ["matmul", "tensordot", "vecdot"]


def _same_dtype(x1: Any, x2: Any) -> bool:
    """Whether ``x1`` and ``x2`` are arrays of one standard dtype (nothing to promote)."""
    try:
        return x1.dtype == x2.dtype and x1.dtype in ALL
    except AttributeError:  # a Python scalar
        return False


def matmul(x1: Any, x2: Any, /) -> Any:
    """The standard's ``matmul``, of ``x1`` and ``x2`` promoted to one dtype."""
    return product("matmul", x1, x2)


def product(name: str, x1: Any, x2: Any) -> Any:
    """``matmul`` (and ``linalg.matmul``, ``name``: its errors say which)."""
    if not _plain_product(x1, x2):
        # 0-d operands (Python scalars too) are refused before promotion, as on NumPy;
        # other objects (None) are promotion's TypeError.
        if _zero_dimensional(x1) or _zero_dimensional(x2):  # (JAX: ValueError)
            raise mistakes.mistake_error(mistakes.NOT_1D, name, (x1, x2), "a 0-d operand")
        if not _same_dtype(x1, x2):
            x1, x2 = promoted(x1, x2, "matmul")
        inner1 = x1.shape[-1]
        inner2 = x2.shape[-2] if x2.ndim > 1 else x2.shape[0]
        if inner1 != inner2:  # (JAX: TypeError from dot_general)
            detail = f"lengths {inner1} and {inner2}"
            raise mistakes.mistake_error(mistakes.MATMUL, name, (x1, x2), detail)
    try:
        return jnp.matmul(x1, x2)
    except ValueError as exc:  # batch shapes that do not broadcast (JAX: ValueError)
        raise mistakes.mistake_error(mistakes.BROADCAST, name, (x1, x2), str(exc)) from exc


def _plain_product(x1: Any, x2: Any) -> bool:
    """Whether ``x1`` and ``x2`` are arrays of one standard dtype, neither 0-d, whose
    inner lengths agree: the common call, read from their avals (a third of the cost of
    reading shape, ndim and dtype from the arrays)."""
    try:
        a1, a2 = x1.aval, x2.aval
    except AttributeError:  # a Python scalar, a NumPy array
        return False
    if not a1.ndim or not a2.ndim or a1.dtype != a2.dtype or a1.dtype not in ALL:
        return False
    shape2 = a2.shape
    return bool(a1.shape[-1] == (shape2[-2] if len(shape2) > 1 else shape2[0]))


def _zero_dimensional(x: Any) -> bool:
    return type(x) in PYTHON_SCALARS or (isinstance(x, Array) and not x.ndim)


def tensordot(x1: Any, x2: Any, /, *, axes: Any = 2) -> Any:
    """The standard's ``tensordot``, after promotion to one dtype."""
    return contract(x1, x2, axes, "tensordot")


def contract(x1: Any, x2: Any, axes: Any, name: str) -> Any:
    """``tensordot`` (and ``linalg.tensordot``, ``name``: its errors say which)."""
    if not _same_dtype(x1, x2):
        x1, x2 = promoted(x1, x2, "tensordot")
    if type(axes) is not int or axes != 2:
        axes = arguments.tensordot_axes(axes, name)
    if type(axes) is not int:
        _check_axis_pairs(x1, x2, axes, name)
    arguments.tensordot_shapes(x1, x2, axes, name)  # (counts and lengths, before JAX's)
    return _tensordot(x1, x2, axes)  # (axes: an int or a pair of tuples, hashable)


# (as _vecdot: eager, jax.numpy's tensordot costs some 30 us of reshapes and transposes)
_tensordot = jax.jit(lambda x1, x2, axes: jnp.tensordot(x1, x2, axes=axes), static_argnums=2)


def _check_axis_pairs(x1: Any, x2: Any, axes: Any, name: str) -> None:
    """Two sequences of as many axes, each in range of its array (JAX: TypeError)."""
    first, second = axes
    if len(first) != len(second):
        detail = f"axes {first} and {second} of two lengths"
        raise mistakes.mistake_error(mistakes.MATMUL, name, (x1, x2), detail)
    for array, chosen in ((x1, first), (x2, second)):
        for axis in chosen:
            error = arguments.axis_out_of_range(name, (array,), axis)
            if error is not None:
                raise error


def vecdot(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``vecdot``, after promotion to one dtype (x1 conjugated)."""
    return dot("vecdot", x1, x2, axis)


def dot(name: str, x1: Any, x2: Any, axis: Any) -> Any:
    """``vecdot`` (and ``linalg.vecdot``, ``name``)."""
    if type(axis) is not int:  # (the argument first, then the dtypes, as on torch)
        axis = checks.axis_argument(name, axis, tuples=False, none=False)
    if not _same_dtype(x1, x2):
        x1, x2 = promoted(x1, x2, name)
    error = arguments.axis_out_of_range(name, (x1, x2), axis)
    if error is not None:  # (JAX: IndexError for 0-d operands)
        raise error
    if x1.shape[axis] != x2.shape[axis]:  # (JAX: ValueError "axes must match")
        detail = f"lengths {x1.shape[axis]} and {x2.shape[axis]} along axis {axis}"
        raise mistakes.mistake_error(mistakes.MATMUL, name, (x1, x2), detail)
    return _vecdot(x1, x2, axis)


# (compiled once per shapes and axis: eager, jax.numpy's vecdot, a vectorized vdot, costs
# some 0.35 ms a call on small arrays, compiled about 5 us)
_vecdot = jax.jit(lambda x1, x2, axis: jnp.vecdot(x1, x2, axis=axis), static_argnums=2)
