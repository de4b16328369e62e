"""``pa.linalg.lstsq``'s rules, once for every backend: its result type and its checks.

NumPy's rules: ``a`` is one matrix (M, N) and ``b`` a vector (M,) or a matrix (M, K); a
stack of matrices is refused (NumPy 2 does not batch ``lstsq``, torch does: one rule for
all). Single precision is solved in double precision and the results rounded back, as
NumPy does (its LAPACK call is always the double one): the rank of a float32 matrix and
its solution then agree with NumPy's, which a float32 solver's rounding (about 1e-7 of
the largest singular value) would not. ``rcond`` is the cut-off for small singular values
relative to the largest; None is NumPy's default, float64's machine epsilon times
``max(M, N)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from polyarray import errors
from polyarray._results import LstsqResult
from polyarray._rules import arrays as array_rules
from polyarray._rules import mistakes

__all__ = ["WIDER", "LstsqResult", "check_operands", "cutoff", "prepared", "residuals_due"]

_NAME = "linalg.lstsq"


def check_operands(a: Any, b: Any) -> None:
    """``a`` a matrix, ``b`` a vector or matrix of as many rows: a ``LinAlgError`` for the
    wrong number of dimensions, a ``MatmulShapeError`` for rows that differ (both
    ``ValueError``)."""
    if a.ndim != 2 or not 1 <= b.ndim <= 2:
        if a.ndim < 2:
            raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, _NAME, (a, b), "")
        raise errors.LinAlgError(
            f"pa.{_NAME}: a must be a matrix (2-D) and b a vector or a matrix (1-D or 2-D), "
            f"not shapes {tuple(a.shape)} and {tuple(b.shape)}; stacks of matrices are not "
            "solved (NumPy's rule): solve them one by one."
        )
    if a.shape[0] != b.shape[0]:
        detail = f"a has {a.shape[0]} rows and b {b.shape[0]}"
        raise mistakes.mistake_error(mistakes.MATMUL, _NAME, (a, b), detail)


#: float64's machine epsilon: the precision every lstsq is computed in.
_EPS = 2.0**-52

#: The dtype each floating dtype is solved in (by name): double precision.
WIDER = {"float32": "float64", "complex64": "complex128"}


def prepared(
    a: Any,
    b: Any,
    rcond: Any,
    ops: Any,
    refuse_non_finite: Callable[[Any, str], None],
    in_default_float: Callable[[Any], Any],
) -> tuple[Any, Any, float]:
    """``(a, b, cut-off)`` as a backend's ``lstsq`` solves them: one dtype by polyarray's
    promotion (``ops``: the backend's array operations), the shapes checked, NaN and
    infinities refused (a ``LinAlgError``: torch's gelsd failed an internal assertion,
    NumPy's SVD did not converge or gave NaN for one in ``b``), integers and booleans in
    the default float, and ``rcond`` read by :func:`cutoff`."""
    if a.dtype != b.dtype:
        name = array_rules.promoted_name(ops, [a, b], "lstsq")
        a, b = ops.cast(a, name), ops.cast(b, name)
    check_operands(a, b)
    refuse_non_finite(a, "lstsq")
    refuse_non_finite(b, "lstsq")
    a, b = in_default_float(a), in_default_float(b)
    return a, b, cutoff(rcond, a.shape)


def cutoff(rcond: Any, shape: tuple[int, ...]) -> float:
    """The relative cut-off for singular values: ``rcond`` checked (a real number at least
    0: negative or NaN a ``ValueError``, other types a ``TypeError``; 0 and values from 1
    up mean ``eps``, as in NumPy), or NumPy's default ``eps * max(M, N)``, with float64's
    ``eps``."""
    if rcond is None:
        return _EPS * max(shape)
    if type(rcond) is not float and not _real_number(rcond):
        raise TypeError(f"pa.{_NAME}: rcond must be None or a real number, not {rcond!r}.")
    value = float(rcond)
    if math.isnan(value) or value < 0:
        raise ValueError(f"pa.{_NAME}: rcond must be None or at least 0, not {rcond!r}.")
    if value == 0 or value >= 1:
        # NumPy's LAPACK driver (gelsd, through dlalsd) replaces a cut-off of 0, or of 1 and
        # more, by eps: NumPy's ranks are those (lstsq(a, b, rcond=1) has a's full rank).
        return _EPS
    return value


def _real_number(value: Any) -> bool:
    """A real number: an int or float, a NumPy scalar or a 0-d real array (no bool)."""
    if type(value) is bool or isinstance(value, complex):
        return False
    dimensions: int = getattr(value, "ndim", 0)
    return hasattr(type(value), "__float__") and not dimensions


def residuals_due(rank: int, shape: tuple[int, ...]) -> bool:
    """Whether NumPy reports residuals: full column rank and more rows than columns."""
    rows, columns = shape
    return rank == columns and rows > columns
