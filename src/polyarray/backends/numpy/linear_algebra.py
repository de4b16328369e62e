"""Linear algebra functions of the standard's main namespace, on NumPy.

``matmul``, ``tensordot`` and ``vecdot`` promote arrays of two dtypes under polyarray's
rules first (NumPy's own promotion differs: ``int64 @ float32`` is float64 there).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray._rules import arguments, checks
from polyarray.backends.numpy._arrays import ALL, ndarray, promoted, to_array

__all__ = ["matmul", "matrix_transpose", "tensordot", "vecdot"]


def matmul(x1: Any, x2: Any, /) -> Any:
    """The standard's ``matmul``; a 0-d result (two vectors) is an array."""
    # (x1.dtype raises AttributeError for a Python scalar, as it always has here.)
    same = x1.dtype is x2.dtype
    result = np.matmul(x1, x2) if same else np.matmul(*promoted(x1, x2, "matmul"))
    return result if type(result) is ndarray else to_array(result)


def matrix_transpose(x: Any, /) -> Any:
    """The standard's ``matrix_transpose`` (``numpy.matrix_transpose``)."""
    result = np.matrix_transpose(x)
    return result if type(result) is ndarray else to_array(result)


def tensordot(x1: Any, x2: Any, /, *, axes: Any = 2) -> Any:
    """The standard's ``tensordot``, after promotion to one dtype."""
    return contract(x1, x2, axes, "tensordot")


def contract(x1: Any, x2: Any, axes: Any, name: str) -> Any:
    """``tensordot`` (and ``linalg.tensordot``, ``name``: its errors say which)."""
    try:  # arrays of one standard dtype: nothing to promote
        same = x1.dtype is x2.dtype and x1.dtype in ALL
    except AttributeError:  # a Python scalar
        same = False
    if not same:
        x1, x2 = promoted(x1, x2, "tensordot")
    if type(axes) is int and axes == 2 and (x1.ndim < 2 or x1.shape[-1] * x1.shape[-2] != 1):
        result = np.tensordot(x1, x2)  # (axes may be an array, compared elementwise)
    else:
        axes = arguments.tensordot_axes(axes, name)
        arguments.check_tensordot_count(x1, x2, axes, name)  # (NumPy allocated for 2**40)
        if type(axes) is int and axes == 0:
            # The outer product, element by element: NumPy's tensordot goes through BLAS,
            # whose float32 product skipped the zeros of x2 (inf * 0 gave 0, not NaN).
            result = np.multiply.outer(x1, x2)
        else:
            result = _one_term(x1, x2, axes)
            if result is None:
                result = np.tensordot(x1, x2, axes=axes)
    return result if type(result) is ndarray else to_array(result)


def _one_term(x1: Any, x2: Any, axes: Any) -> Any:
    """A contraction over axes of one element in all, as the outer product it is (element
    by element), or None: NumPy's BLAS call for one term skipped the zeros of the other
    factor (``nan * 0`` gave 0, not NaN, where ``np.matmul`` gives NaN). Axes that do not
    match are left to ``np.tensordot``'s checks (None)."""
    if type(axes) is int:
        first = tuple(range(x1.ndim - axes, x1.ndim))
        second = tuple(range(axes))
    else:
        first, second = (
            tuple(a % x.ndim for a in chosen) for x, chosen in zip((x1, x2), axes, strict=True)
        )
    if len(first) != len(second) or any(
        not 0 <= a < x.ndim or x.shape[a] != 1
        for x, chosen in ((x1, first), (x2, second))
        for a in chosen
    ):
        return None
    free1 = [n for i, n in enumerate(x1.shape) if i not in first]
    free2 = [n for i, n in enumerate(x2.shape) if i not in second]
    return np.multiply.outer(x1.reshape(free1), x2.reshape(free2))


def vecdot(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``vecdot``, after promotion to one dtype."""
    if type(axis) is not int:  # (the argument first, then the dtypes, as on torch)
        axis = checks.axis_argument("vecdot", axis, tuples=False, none=False)
    try:  # as in tensordot
        same = x1.dtype is x2.dtype and x1.dtype in ALL
    except AttributeError:
        same = False
    if not same:
        x1, x2 = promoted(x1, x2, "vecdot")
    # axis=-1 is the gufunc's own default, and its keyword parsing costs about 150 ns.
    # (NumPy's stubs omit the axis keyword every gufunc takes.)
    try:
        result = (
            np.vecdot(x1, x2) if axis == -1 else np.vecdot(x1, x2, axis=axis)  # type: ignore[call-overload]
        )
    except ValueError as exc:  # 0-d operands: NumPy's "not enough dimensions"
        raise arguments.vecdot_axis_error("vecdot", x1, x2, axis, exc) from exc
    return result if type(result) is ndarray else to_array(result)
