"""The standard's ``linalg`` extension (``pa.linalg``), on NumPy.

NumPy 2's ``numpy.linalg`` follows the standard in most functions; where it does not,
the function here says why. Decompositions return array-api-compat's named tuples (the
same on every backend); 0-d results are arrays, not NumPy scalars.
"""

from __future__ import annotations

import math
from typing import Any, Final, Literal

import numpy as np

from polyarray import _lstsq as lstsq_rules
from polyarray._rules import arguments, checks, mistakes
from polyarray._rules import arrays as array_rules
from polyarray.backends.numpy import linear_algebra
from polyarray.backends.numpy._arrays import (
    OPS,
    compat_linalg,
    in_default_float,
    native_dtype,
    ndarray,
    promoted,
    to_array,
)

__all__ = [
    "cholesky",
    "cross",
    "det",
    "diagonal",
    "eig",
    "eigh",
    "eigvals",
    "eigvalsh",
    "inv",
    "lstsq",
    "matmul",
    "matrix_norm",
    "matrix_power",
    "matrix_rank",
    "matrix_transpose",
    "outer",
    "pinv",
    "qr",
    "slogdet",
    "solve",
    "svd",
    "svdvals",
    "tensordot",
    "trace",
    "vecdot",
    "vector_norm",
]

# The complex dtype of eigenvalues, by the input's dtype: its precision (float64 for the
# integers, as NumPy computes them).
_COMPLEX_OF: Final = {np.dtype(np.float32): np.complex64, np.dtype(np.complex64): np.complex64}
# array-api-compat's named tuples are made from NumPy's (tuples of as many fields) as
# their own __new__ makes them, without its Python-level call (about 150 ns).
_tuple_new: Final = tuple.__new__

_BOOL: Final = np.dtype(np.bool_)
# The machine epsilon of singular values, by their dtype (numpy.finfo costs a lookup).
_EPS: Final = {np.dtype(t): np.finfo(t).eps for t in (np.float32, np.float64)}


def _solve_operands(x1: Any, x2: Any) -> tuple[Any, Any]:
    """``solve``'s operands in one floating dtype: promoted by polyarray's rules first
    (an integer matrix and a float32 right-hand side: float32), then in the default float."""
    if x1.dtype != x2.dtype:
        name = array_rules.promoted_name(OPS, [x1, x2], "solve")
        x1, x2 = OPS.cast(x1, name), OPS.cast(x2, name)
    return in_default_float(x1), in_default_float(x2)


def cholesky(x: Any, /, *, upper: bool = False) -> Any:
    """The standard's ``cholesky``: ``upper`` gives the conjugate transpose of the lower
    factor (NumPy's own ``upper=True`` factorises anew, with other rounding)."""
    x = in_default_float(x)
    lower = np.linalg.cholesky(x)
    if not upper:
        return lower
    factor = np.matrix_transpose(lower)
    return np.conj(factor) if factor.dtype.kind == "c" else factor


def cross(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``cross`` of vectors of length 3, after promotion to one dtype."""
    if type(axis) is not int:
        axis = checks.axis_argument("linalg.cross", axis, tuples=False, none=False)
    # Checked here: numpy.cross computes the 2-d cross product of 2-element vectors (the
    # standard's cross is of 3-element ones), and numpy.linalg.cross takes no axis.
    booleans = _BOOL in (getattr(x1, "dtype", None), getattr(x2, "dtype", None))
    arguments.check_cross(x1, x2, axis, booleans=booleans)
    result = np.cross(*promoted(x1, x2, "cross"), axis=axis)
    return result if type(result) is ndarray else to_array(result)


def det(x: Any, /) -> Any:
    """The standard's ``det`` (``numpy.linalg.det``)."""
    x = in_default_float(x)
    result = np.linalg.det(x)
    return result if type(result) is ndarray else to_array(result)  # a NumPy scalar: 0-d


def diagonal(x: Any, /, *, offset: int = 0) -> Any:
    """The standard's ``diagonal``: of the last two axes (a read-only view)."""
    if type(offset) is not int:
        offset = checks.integer_argument("linalg.diagonal", "offset", offset)
    if offset and not -(2**31) < offset < 2**31:  # (beyond C int: NumPy's OverflowError)
        offset = arguments.diagonal_offset(x, offset)
    return np.diagonal(x, offset, -2, -1)


def eig(x: Any, /) -> Any:
    """The standard's ``eig``: complex eigenvalues and eigenvectors, always.

    NumPy returns real ones when every eigenvalue is real; they are converted.
    """
    x = in_default_float(x)
    eigenvalues, eigenvectors = np.linalg.eig(x)
    target = _COMPLEX_OF.get(x.dtype, np.complex128)
    return _tuple_new(
        compat_linalg().EigResult,
        (eigenvalues.astype(target, copy=False), eigenvectors.astype(target, copy=False)),
    )


def eigh(x: Any, /) -> Any:
    """The standard's ``eigh`` (``numpy.linalg.eigh``)."""
    x = in_default_float(x)
    return _tuple_new(compat_linalg().EighResult, np.linalg.eigh(x))


def eigvals(x: Any, /) -> Any:
    """The standard's ``eigvals``: complex, always (see :func:`eig`)."""
    x = in_default_float(x)
    return np.linalg.eigvals(x).astype(_COMPLEX_OF.get(x.dtype, np.complex128), copy=False)


def eigvalsh(x: Any, /) -> Any:
    """The standard's ``eigvalsh`` (``numpy.linalg.eigvalsh``)."""
    x = in_default_float(x)
    return np.linalg.eigvalsh(x)


def inv(x: Any, /) -> Any:
    """The standard's ``inv`` (``numpy.linalg.inv``)."""
    x = in_default_float(x)
    return np.linalg.inv(x)


def lstsq(a: Any, b: Any, /, *, rcond: Any = None) -> Any:
    """polyarray's ``lstsq``: ``numpy.linalg.lstsq`` of one matrix (which solves float32 in
    float64 itself), in a named tuple with the rank as a Python int (NumPy: int32)."""
    a, b, cut = lstsq_rules.prepared(a, b, rcond, OPS, _refuse_non_finite, in_default_float)
    solution, residuals, rank, singular = np.linalg.lstsq(a, b, rcond=cut)
    return lstsq_rules.LstsqResult(solution, residuals, int(rank), singular)


def matmul(x1: Any, x2: Any, /) -> Any:
    """The standard's ``linalg.matmul``: ``matmul``, after promotion to one dtype."""
    result = np.matmul(*promoted(x1, x2, "matmul"))
    return result if type(result) is ndarray else to_array(result)


def matrix_norm(x: Any, /, *, keepdims: bool = False, ord: Any = "fro") -> Any:
    """The standard's ``matrix_norm``: of the last two axes."""
    if type(ord) is complex:
        raise checks.complex_order("linalg.matrix_norm", ord)
    x = in_default_float(x)
    result = np.linalg.norm(x, ord=ord, axis=(-2, -1), keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)  # a NumPy scalar: 0-d


def matrix_power(x: Any, n: int, /) -> Any:
    """The standard's ``matrix_power`` (``numpy.linalg.matrix_power``)."""
    if type(n) is not int:
        n = checks.integer_argument("linalg.matrix_power", "n", n)
    if n < 0:  # an inverse: integers in the default float (NumPy gave float64)
        x = in_default_float(x)
    if not -(2**63) <= n < 2**63:  # (NumPy squares on; torch takes 64-bit powers only)
        raise mistakes.mistake_error(mistakes.INT_OVERFLOW, "linalg.matrix_power", (x, n), "n")
    result = np.linalg.matrix_power(x, n)
    # NumPy returns x itself for n=1: a copy, as every computing function gives.
    return result.copy() if result is x else result


def matrix_rank(x: Any, /, *, rtol: Any = None) -> Any:
    """The standard's ``matrix_rank``: ``rtol`` is relative to the largest singular value
    (NumPy's ``tol`` is absolute), as array-api-compat computes it; stacks of matrices only."""
    if rtol is not None and type(rtol) is not float:
        arguments.check_rtol("linalg.matrix_rank", rtol)
    x = in_default_float(x)
    # array-api-compat's matrix_rank, written out: its call goes through a decorator that
    # builds an inspect.signature on every call (about 15 us).
    if x.ndim < 2:
        raise np.linalg.LinAlgError(
            "1-dimensional array given. Array must be at least two-dimensional"
        )
    singular = np.linalg.svd(x, compute_uv=False)
    if not singular.shape[-1]:
        # Empty matrices have rank 0, as torch gives (NumPy's max of no singular values
        # raised).
        return np.zeros(singular.shape[:-1], dtype=np.int64)
    largest = singular.max(axis=-1, keepdims=True)
    if rtol is None:
        eps = _EPS.get(singular.dtype)
        if eps is None:
            eps = np.finfo(singular.dtype).eps
        # Two array products, as array-api-compat computes it (NumPy multiplies n * eps
        # first, one product less, which rounds differently near overflow and underflow).
        tol = largest * max(x.shape[-2:]) * eps
    else:
        tol = largest * np.asarray(rtol)[..., np.newaxis]
    # np.count_nonzero(singular > tol, axis=-1) computes this sum, after a dtype test.
    result = (singular > tol).sum(axis=-1, dtype=np.intp)
    return result if type(result) is ndarray else to_array(result)


def matrix_transpose(x: Any, /) -> Any:
    """The standard's ``matrix_transpose`` (the one of the main namespace)."""
    return linear_algebra.matrix_transpose(x)


def outer(x1: Any, x2: Any, /) -> Any:
    """The standard's ``outer`` of two vectors, after promotion to one dtype."""
    try:
        vectors = x1.ndim == 1 and x2.ndim == 1
    except AttributeError:  # a Python scalar
        vectors = False
    if not vectors:  # (numpy.outer flattens other arrays)
        arguments.check_vectors("linalg.outer", x1, x2)
    return np.outer(*promoted(x1, x2, "outer"))


def pinv(x: Any, /, *, rtol: Any = None) -> Any:
    """The standard's ``pinv``: without ``rtol``, ``max(M, N) * eps`` of the dtype."""
    if rtol is not None and type(rtol) is not float:
        arguments.check_rtol("linalg.pinv", rtol)
    x = in_default_float(x)
    _refuse_non_finite(x, "pinv")
    return np.linalg.pinv(x, rtol=rtol)


def _refuse_non_finite(x: Any, name: str) -> None:
    # LAPACK's gesdd, behind numpy.linalg.svd with vectors and pinv, loops forever in
    # bdsqr on some matrices holding an infinity or NaN: one pass over the matrix first.
    # https://github.com/numpy/numpy/issues/32591
    # https://github.com/Reference-LAPACK/lapack/issues/1409
    checks.refuse_non_finite(name, bool(np.isfinite(x).all()))


def qr(x: Any, /, *, mode: Literal["reduced", "complete"] = "reduced") -> Any:
    """The standard's ``qr`` (``numpy.linalg.qr``)."""
    x = in_default_float(x)
    parts = np.linalg.qr(x, mode=mode)
    if mode == "reduced" or mode == "complete":  # (Q, R); other modes: NumPy's own shapes
        return _tuple_new(compat_linalg().QRResult, parts)
    return compat_linalg().QRResult(*parts)


def slogdet(x: Any, /) -> Any:
    """The standard's ``slogdet``: sign and log of the absolute determinant, as arrays."""
    x = in_default_float(x)
    sign, logabsdet = np.linalg.slogdet(x)
    return _tuple_new(
        compat_linalg().SlogdetResult,
        (
            sign if type(sign) is ndarray else sign[...],  # NumPy scalars as 0-d arrays
            logabsdet if type(logabsdet) is ndarray else logabsdet[...],
        ),
    )


def solve(x1: Any, x2: Any, /) -> Any:
    """The standard's ``solve``: ``x2`` is a vector only when it is 1-d (NumPy 2's rule)."""
    x1, x2 = _solve_operands(x1, x2)
    return np.linalg.solve(x1, x2)


def svd(x: Any, /, *, full_matrices: bool = True) -> Any:
    """The standard's ``svd`` (``numpy.linalg.svd``)."""
    x = in_default_float(x)
    _refuse_non_finite(x, "svd")
    return _tuple_new(compat_linalg().SVDResult, np.linalg.svd(x, full_matrices=full_matrices))


def svdvals(x: Any, /) -> Any:
    """The standard's ``svdvals``: the singular values only."""
    x = in_default_float(x)
    return np.linalg.svd(x, compute_uv=False)


def tensordot(x1: Any, x2: Any, /, *, axes: Any = 2) -> Any:
    """The standard's ``linalg.tensordot``: the main namespace's, in its own name."""
    return linear_algebra.contract(x1, x2, axes, "linalg.tensordot")


def trace(x: Any, /, *, offset: int = 0, dtype: Any = None) -> Any:
    """The standard's ``trace``: of the last two axes."""
    if type(offset) is not int:
        offset = checks.integer_argument("linalg.trace", "offset", offset)
    if offset and not -(2**31) < offset < 2**31:  # (as in diagonal)
        offset = arguments.diagonal_offset(x, offset)
    native = None if dtype is None else native_dtype(dtype)
    return to_array(np.trace(x, offset, -2, -1, native))


#: The standard's ``vecdot``: the one of the main namespace itself (a call less).
vecdot: Final = linear_algebra.vecdot


def vector_norm(x: Any, /, *, axis: Any = None, keepdims: bool = False, ord: Any = 2) -> Any:
    """The standard's ``vector_norm`` (``numpy.linalg.vector_norm``)."""
    if axis is not None and (type(axis) is not int or not x.ndim):
        # (NumPy's vector_norm takes 1.0, True, (True,) and strings as axes)
        axis = checks.array_axis("linalg.vector_norm", x, axis)
    x = in_default_float(x)
    if axis is None and keepdims is False and type(ord) is int and ord == 2:
        result = np.linalg.vector_norm(x)  # NumPy's keyword parsing costs; only what differs
    else:
        ord = checks.vector_order("linalg.vector_norm", ord)
        if not x.size and type(ord) is not str and ord < 0 and _reduces_nothing(x, axis):
            # A negative order has no identity: NumPy gave inf where torch refuses; one
            # answer, the one -inf (a minimum) already gives on both.
            raise mistakes.mistake_error(
                mistakes.EMPTY_REDUCTION, "linalg.vector_norm", (x,), f"ord={ord!r}"
            )
        if not x.size and type(ord) is not str and 0 < ord < math.inf:
            ord = 2  # (the same zeros: NumPy's 1 / ord in float32 was 0 for ord=1e308, so 0**0)
        result = np.linalg.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)
    return result if type(result) is ndarray else to_array(result)  # a NumPy scalar: 0-d


def _reduces_nothing(x: Any, axis: Any) -> bool:
    """Whether the axes ``vector_norm`` reduces hold no element."""
    if axis is None:
        return True
    axes = axis if type(axis) is tuple else (axis,)
    # An axis out of range or repeated is reported before the emptiness, as on torch.
    checks.distinct_axes("linalg.vector_norm", axes, x.ndim)
    return any(x.shape[a] == 0 for a in axes)
