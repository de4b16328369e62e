"""The standard's ``linalg`` extension (``pa.linalg``), on JAX.

The same decisions as on NumPy (``backends/numpy/linalg.py``), on ``jax.numpy.linalg``:

- integer and boolean matrices are computed in the default float (JAX in 64-bit mode
  would take float64);
- a matrix that is not square, singular (``inv``, ``solve``, ``matrix_power`` with
  ``n < 0``) or not positive definite (``cholesky``) is a ``LinAlgError``: JAX returns
  NaN or infinities there, silently. Those last two are found from the result, on
  concrete arrays only (one pass over it; under ``jax.jit`` JAX's NaN are given);
- ``eig``, ``eigvals``, ``svd`` and ``pinv`` refuse a concrete matrix holding NaN or an
  infinity, as on every backend (docs/semantics.md).
"""

from __future__ import annotations

import functools
import math
from typing import Any, Final

import jax
import jax.numpy as jnp
import numpy as np

from polyarray import _lstsq as lstsq_rules
from polyarray._rules import arguments, checks, mistakes
from polyarray._rules import arrays as array_rules
from polyarray.backends.jax import linear_algebra
from polyarray.backends.jax._arrays import (
    OPS,
    all_finite,
    concrete,
    in_default_float,
    native_dtype,
    promoted,
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

_BOOL: Final = np.dtype(np.bool_)
# The machine epsilon of singular values, by their dtype.
_EPS: Final = {np.dtype(t): np.finfo(t).eps for t in (np.float32, np.float64)}


def _square(name: str, x: Any) -> Any:
    """``x`` in the default float, checked to be a stack of square matrices (JAX: a
    ValueError in its words)."""
    if x.ndim < 2:
        raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, name, (x,), "")
    if x.shape[-1] != x.shape[-2]:
        detail = "Last 2 dimensions of the array must be square"
        raise mistakes.mistake_error(mistakes.LINALG, name, (x,), detail)
    return in_default_float(x)


def _refuse_non_finite(x: Any, name: str) -> None:
    # As on NumPy and torch: LAPACK's gesdd (svd, pinv) can loop forever on a matrix
    # holding an infinity or NaN, and geev (eig) refuses or crashes
    # (https://github.com/Reference-LAPACK/lapack/issues/1409). Values are read only
    # outside tracing.
    if concrete(x):
        checks.refuse_non_finite(name, all_finite(x))


def _unexplained(x: Any, result: Any) -> Any:
    """Whether ``result`` holds NaN or infinities that a finite ``x`` does not explain (a
    singular or non-definite matrix: NumPy raises), as a traced boolean."""
    return jnp.logical_and(~jnp.isfinite(result).all(), jnp.isfinite(x).all())


# The solvers and their check, each one compiled dispatch (a solve, two eager checks
# and their read cost four times jax.numpy's solve on small matrices); the flag is read
# once, outside tracing only.
@jax.jit
def _checked_inv(x: Any) -> Any:
    result = jnp.linalg.inv(x)
    return result, _unexplained(x, result)


@jax.jit
def _checked_solve(x1: Any, x2: Any) -> Any:
    result = jnp.linalg.solve(x1, x2)
    return result, _unexplained(x1, result)


@functools.partial(jax.jit, static_argnames=("upper",))
def _checked_cholesky(x: Any, upper: bool) -> Any:
    lower = jnp.linalg.cholesky(x)
    bad = _unexplained(x, lower)
    if not upper:
        return lower, bad
    factor = jnp.matrix_transpose(lower)
    return (jnp.conj(factor) if factor.dtype.kind == "c" else factor), bad


@functools.partial(jax.jit, static_argnames=("n",))
def _checked_power(x: Any, n: int) -> Any:
    result = jnp.linalg.matrix_power(x, n)
    return result, _unexplained(x, result)


def _solved(name: str, x: Any, checked: Any, reason: str) -> Any:
    """The result of ``checked`` (a result and its flag), or a ``LinAlgError``."""
    result, bad = checked
    # (A tracer where the call joined a trace around constants: JAX's answer is given.)
    if concrete(bad) and np.asarray(bad):
        raise mistakes.mistake_error(mistakes.LINALG, name, (x,), reason)
    return result


def cholesky(x: Any, /, *, upper: bool = False) -> Any:
    """The standard's ``cholesky``: ``upper`` gives the conjugate transpose of the lower
    factor; a matrix that is not positive definite is a ``LinAlgError``."""
    x = _square("linalg.cholesky", x)
    if concrete(x):
        checked = _checked_cholesky(x, upper=upper)
        return _solved("linalg.cholesky", x, checked, "Matrix is not positive definite")
    lower = jnp.linalg.cholesky(x)  # (traced: JAX's NaN are given)
    if not upper:
        return lower
    factor = jnp.matrix_transpose(lower)
    return jnp.conj(factor) if factor.dtype.kind == "c" else factor


def cross(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``cross`` of vectors of length 3, after promotion to one dtype."""
    if type(axis) is not int:
        axis = checks.axis_argument("linalg.cross", axis, tuples=False, none=False)
    booleans = _BOOL in (getattr(x1, "dtype", None), getattr(x2, "dtype", None))
    arguments.check_cross(x1, x2, axis, booleans=booleans)
    return jnp.linalg.cross(*promoted(x1, x2, "cross"), axis=axis)


def det(x: Any, /) -> Any:
    """The standard's ``det``."""
    return jnp.linalg.det(_square("linalg.det", x))


def diagonal(x: Any, /, *, offset: int = 0) -> Any:
    """The standard's ``diagonal``: of the last two axes."""
    if type(offset) is not int:
        offset = checks.integer_argument("linalg.diagonal", "offset", offset)
    if offset and not -(2**31) < offset < 2**31:  # (the empty diagonal, as on NumPy)
        offset = arguments.diagonal_offset(x, offset)
    if x.ndim < 2:
        raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, "linalg.diagonal", (x,), "")
    return jnp.linalg.diagonal(x, offset=offset)


def eig(x: Any, /) -> Any:
    """The standard's ``eig``: complex eigenvalues and eigenvectors."""
    x = _square("linalg.eig", x)
    _refuse_non_finite(x, "eig")
    return jnp.linalg.eig(x)


def eigh(x: Any, /) -> Any:
    """The standard's ``eigh``: of the lower triangle, as NumPy and torch read it (JAX
    would average the matrix with its transpose, changing a non-symmetric one's answer)."""
    return jnp.linalg.eigh(_square("linalg.eigh", x), UPLO="L", symmetrize_input=False)


def eigvals(x: Any, /) -> Any:
    """The standard's ``eigvals``: complex, always."""
    x = _square("linalg.eigvals", x)
    _refuse_non_finite(x, "eigvals")
    return jnp.linalg.eigvals(x)


def eigvalsh(x: Any, /) -> Any:
    """The standard's ``eigvalsh``: of the lower triangle, as ``eigh``."""
    return jnp.linalg.eigvalsh(_square("linalg.eigvalsh", x), UPLO="L", symmetrize_input=False)


def inv(x: Any, /) -> Any:
    """The standard's ``inv``: a singular matrix is a ``LinAlgError``."""
    x = _square("linalg.inv", x)
    if concrete(x):
        return _solved("linalg.inv", x, _checked_inv(x), "Singular matrix")
    return jnp.linalg.inv(x)


def lstsq(a: Any, b: Any, /, *, rcond: Any = None) -> Any:
    """polyarray's ``lstsq``: ``jax.numpy.linalg.lstsq`` with NumPy's residuals, single
    precision solved in double as NumPy does (``polyarray._lstsq``); the rank a Python int
    outside tracing."""
    a, b, cut = lstsq_rules.prepared(a, b, rcond, OPS, _refuse_non_finite, in_default_float)
    wide = lstsq_rules.WIDER.get(a.dtype.name)
    solution, residuals, rank, singular = _least_squares(a, b, cut=cut, wide=wide)
    if not concrete(rank):  # (traced: JAX's residuals, its rank an array)
        return lstsq_rules.LstsqResult(solution, residuals, rank, singular)
    rank = int(rank)
    if not lstsq_rules.residuals_due(rank, a.shape):  # (NumPy's: none)
        residuals = jnp.zeros((0,), dtype=residuals.dtype)
    return lstsq_rules.LstsqResult(solution, residuals, rank, singular)


# One compiled dispatch: the widening, JAX's solver and the casts back (eager, with
# NumPy's residuals, which jax.numpy computes after reading the rank, they cost some
# 0.6 ms on small matrices); NumPy's residuals are chosen from the rank afterwards.
@functools.partial(jax.jit, static_argnames=("cut", "wide"))
def _least_squares(a: Any, b: Any, cut: float, wide: str | None) -> Any:
    given = a.dtype
    if wide is not None:
        a, b = a.astype(wide), b.astype(wide)
    solution, residuals, rank, singular = jnp.linalg.lstsq(a, b, rcond=cut)
    real = singular.dtype if wide is None else np.dtype(np.float32)
    return solution.astype(given), residuals.astype(real), rank, singular.astype(real)


def matmul(x1: Any, x2: Any, /) -> Any:
    """The standard's ``linalg.matmul``: ``matmul``, after promotion to one dtype."""
    return linear_algebra.product("linalg.matmul", x1, x2)


def matrix_norm(x: Any, /, *, keepdims: bool = False, ord: Any = "fro") -> Any:
    """The standard's ``matrix_norm``: of the last two axes."""
    if type(ord) is complex:
        raise checks.complex_order("linalg.matrix_norm", ord)
    if ord is None:  # NumPy's default: the Frobenius norm
        ord = "fro"
    if x.ndim < 2:
        raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, "linalg.matrix_norm", (x,), "")
    x = in_default_float(x)
    try:
        return jnp.linalg.matrix_norm(x, keepdims=keepdims, ord=ord)
    except ValueError as exc:  # JAX's "Invalid order": polyarray's words
        raise mistakes.mistake_error(
            mistakes.OPTION, "linalg.matrix_norm", (x,), f"ord={ord!r}"
        ) from exc


def matrix_power(x: Any, n: int, /) -> Any:
    """The standard's ``matrix_power``; ``n < 0`` inverts (a singular matrix raises)."""
    if type(n) is not int:
        n = checks.integer_argument("linalg.matrix_power", "n", n)
    if not -(2**63) <= n < 2**63:
        raise mistakes.mistake_error(mistakes.INT_OVERFLOW, "linalg.matrix_power", (x, n), "n")
    if n >= 0:
        if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
            _square("linalg.matrix_power", x)
        return jnp.linalg.matrix_power(x, n)
    x = _square("linalg.matrix_power", x)  # an inverse: integers in the default float
    if concrete(x):
        return _solved("linalg.matrix_power", x, _checked_power(x, n=n), "Singular matrix")
    return jnp.linalg.matrix_power(x, n)


def matrix_rank(x: Any, /, *, rtol: Any = None) -> Any:
    """The standard's ``matrix_rank``: ``rtol`` is relative to the largest singular value,
    as array-api-compat computes it on NumPy; empty matrices have rank 0."""
    if rtol is not None and type(rtol) is not float:
        arguments.check_rtol("linalg.matrix_rank", rtol)
    if x.ndim < 2:
        raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, "linalg.matrix_rank", (x,), "")
    return _rank(in_default_float(x), rtol)


# One compiled dispatch: the singular values, the tolerance and the count (five eager
# operations cost about ten times jax.numpy's matrix_rank).
@jax.jit
def _rank(x: Any, rtol: Any) -> Any:
    singular = jnp.linalg.svd(x, compute_uv=False)
    if not singular.shape[-1]:
        return jnp.zeros(singular.shape[:-1], dtype=jnp.int64)
    largest = singular.max(axis=-1, keepdims=True)
    if rtol is None:
        eps = _EPS.get(singular.dtype)
        if eps is None:
            eps = np.finfo(singular.dtype).eps
        tol = largest * max(x.shape[-2:]) * eps
    else:
        tol = largest * jnp.asarray(rtol)[..., jnp.newaxis]
    return (singular > tol).sum(axis=-1, dtype=jnp.int64)


def outer(x1: Any, x2: Any, /) -> Any:
    """The standard's ``outer`` of two vectors, after promotion to one dtype."""
    try:
        vectors = x1.ndim == 1 and x2.ndim == 1
    except AttributeError:  # a Python scalar
        vectors = False
    if not vectors:
        arguments.check_vectors("linalg.outer", x1, x2)
    return jnp.outer(*promoted(x1, x2, "outer"))


def pinv(x: Any, /, *, rtol: Any = None) -> Any:
    """The standard's ``pinv``: without ``rtol``, ``max(M, N) * eps`` of the dtype."""
    if rtol is not None and type(rtol) is not float:
        arguments.check_rtol("linalg.pinv", rtol)
    if x.ndim < 2:
        raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, "linalg.pinv", (x,), "")
    x = in_default_float(x)
    _refuse_non_finite(x, "pinv")
    return jnp.linalg.pinv(x, rtol=rtol)


def qr(x: Any, /, *, mode: str = "reduced") -> Any:
    """The standard's ``qr``: ``mode`` ``"reduced"`` or ``"complete"``."""
    if mode != "reduced" and mode != "complete":  # (JAX takes "r" and "raw" too)
        raise mistakes.mistake_error(mistakes.OPTION, "linalg.qr", (x,), f"mode={mode!r}")
    if x.ndim < 2:
        raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, "linalg.qr", (x,), "")
    return jnp.linalg.qr(in_default_float(x), mode=mode)


def slogdet(x: Any, /) -> Any:
    """The standard's ``slogdet``: sign and log of the absolute determinant."""
    return jnp.linalg.slogdet(_square("linalg.slogdet", x))


def solve(x1: Any, x2: Any, /) -> Any:
    """The standard's ``solve``: ``x2`` is a vector only when it is 1-d (NumPy 2's rule);
    a singular matrix is a ``LinAlgError``."""
    if x1.dtype != x2.dtype:  # promoted by polyarray's rules, then in the default float
        name = array_rules.promoted_name(OPS, [x1, x2], "solve")
        x1, x2 = OPS.cast(x1, name), OPS.cast(x2, name)
    x1 = _square("linalg.solve", x1)
    if x2.ndim < 1:
        raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, "linalg.solve", (x1, x2), "")
    x2 = in_default_float(x2)
    rows = x2.shape[0] if x2.ndim == 1 else x2.shape[-2]
    if rows != x1.shape[-1]:  # (JAX: ValueError "Invalid shapes for solve")
        detail = f"{x1.shape[-1]} columns against {rows} rows"
        raise mistakes.mistake_error(mistakes.MATMUL, "linalg.solve", (x1, x2), detail)
    if concrete(x1, x2):
        return _solved("linalg.solve", x1, _checked_solve(x1, x2), "Singular matrix")
    return jnp.linalg.solve(x1, x2)


def svd(x: Any, /, *, full_matrices: bool = True) -> Any:
    """The standard's ``svd``."""
    if x.ndim < 2:
        raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, "linalg.svd", (x,), "")
    x = in_default_float(x)
    _refuse_non_finite(x, "svd")
    return jnp.linalg.svd(x, full_matrices=full_matrices)


def svdvals(x: Any, /) -> Any:
    """The standard's ``svdvals``: the singular values only."""
    if x.ndim < 2:
        raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, "linalg.svdvals", (x,), "")
    return jnp.linalg.svdvals(in_default_float(x))


def tensordot(x1: Any, x2: Any, /, *, axes: Any = 2) -> Any:
    """The standard's ``linalg.tensordot``: the main namespace's, in its own name."""
    return linear_algebra.contract(x1, x2, axes, "linalg.tensordot")


def trace(x: Any, /, *, offset: int = 0, dtype: Any = None) -> Any:
    """The standard's ``trace``: of the last two axes."""
    if type(offset) is not int:
        offset = checks.integer_argument("linalg.trace", "offset", offset)
    if offset and not -(2**31) < offset < 2**31:  # (as in diagonal)
        offset = arguments.diagonal_offset(x, offset)
    if x.ndim < 2:
        raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, "linalg.trace", (x,), "")
    native = None if dtype is None else native_dtype(dtype)
    return jnp.linalg.trace(x, offset=offset, dtype=native)


def vecdot(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``linalg.vecdot``: the main namespace's, in its own name."""
    return linear_algebra.dot("linalg.vecdot", x1, x2, axis)


def vector_norm(x: Any, /, *, axis: Any = None, keepdims: bool = False, ord: Any = 2) -> Any:
    """The standard's ``vector_norm``; a negative order of nothing is refused."""
    if axis is not None and (type(axis) is not int or not x.ndim):
        axis = checks.array_axis("linalg.vector_norm", x, axis)
    if axis is not None and x.ndim:
        checks.distinct_axes("linalg.vector_norm", axis if type(axis) is tuple else (axis,), x.ndim)
    ord = checks.vector_order("linalg.vector_norm", ord)
    x = in_default_float(x)
    if type(ord) is str:
        raise mistakes.mistake_error(mistakes.OPTION, "linalg.vector_norm", (x,), f"ord={ord!r}")
    if not x.size and ord < 0 and _reduces_nothing(x, axis):
        # A negative order has no identity (as on NumPy and torch).
        raise mistakes.mistake_error(
            mistakes.EMPTY_REDUCTION, "linalg.vector_norm", (x,), f"ord={ord!r}"
        )
    if not x.size and 0 < ord < math.inf:
        ord = 2  # (the same zeros: 1 / ord in float32 was 0 for ord=1e308, so 0**0 = 1)
    return jnp.linalg.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)


def _reduces_nothing(x: Any, axis: Any) -> bool:
    """Whether the axes ``vector_norm`` reduces hold no element."""
    if axis is None:
        return True
    axes = axis if type(axis) is tuple else (axis,)
    return any(x.shape[a] == 0 for a in axes)
