"""The ``linalg`` extension of the standard, on torch (names without the ``linalg.`` prefix).

Most functions are torch.linalg's own, with the standard's keyword names; products of
several arrays promote them by polyarray's rules and compute uint16/uint32/uint64 on
their bits; ``trace`` sums in the standard's dtypes (uint64 for unsigned integers).
"""

from __future__ import annotations

from typing import Any, Final

import array_api_compat.torch.linalg as compat_linalg
import torch

from polyarray import _lstsq as lstsq_rules
from polyarray._rules import arguments, checks, mistakes
from polyarray._rules import arrays as array_rules
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch import linear_algebra
from polyarray.backends.torch._arrays import (
    ALL,
    COMPLEX,
    NATIVE,
    OPS,
    REAL_FLOATS,
    UNSIGNED,
    accumulate,
    in_default_float,
    promoted_on_bits,
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

# torch.linalg.cross neither defaults to the last axis nor broadcasts to new dimensions
# (https://github.com/pytorch/pytorch/issues/58743, 39656): array-api-compat's does.
_cross: Final = promoted_on_bits(compat_linalg.cross)
_outer: Final = promoted_on_bits(torch.outer)
# torch.linalg.vecdot broadcasts the contracted axis and has no integer kernels:
# array-api-compat's refuses the one and computes the other with matmul.
_vecdot: Final = promoted_on_bits(compat_linalg.vecdot)

#: The dtypes torch.linalg.vecdot has kernels for.
_FLOATING: Final = REAL_FLOATS | COMPLEX
#: The dtypes torch's products (cross, outer) have kernels for.
_KERNELS: Final = ALL - UNSIGNED
#: Those ``cross`` takes: a cross product of booleans needs subtraction (refused).
_CROSS_KERNELS: Final = _KERNELS - {torch.bool}

#: The same functions as in the main namespace.
matmul: Final = linear_algebra.matmul
matrix_transpose: Final = linear_algebra.matrix_transpose


def tensordot(x1: Any, x2: Any, /, *, axes: Any = 2) -> Any:
    """The standard's ``linalg.tensordot``: the main namespace's, in its own name."""
    return linear_algebra.contract(x1, x2, axes, "linalg.tensordot")


def _solve_operands(x1: Any, x2: Any) -> tuple[Any, Any]:
    """``solve``'s operands in one floating dtype: promoted by polyarray's rules first
    (an integer matrix and a float32 right-hand side: float32), then in the default float."""
    if x1.dtype != x2.dtype:
        name = array_rules.promoted_name(OPS, [x1, x2], "solve")
        x1, x2 = OPS.cast(x1, name), OPS.cast(x2, name)
    return in_default_float(x1), in_default_float(x2)


def cholesky(x: Any, /, *, upper: bool = False) -> Any:
    """The standard's ``linalg.cholesky``."""
    x = in_default_float(x)
    if upper is False:
        return torch.linalg.cholesky(x)  # (a keyword costs torch ~100 ns)
    return torch.linalg.cholesky(x, upper=upper)


def cross(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``linalg.cross`` of vectors of length 3 along ``axis``."""
    if type(axis) is not int:
        axis = checks.axis_argument("linalg.cross", axis, tuples=False, none=False)
    # Tensors of one dtype and shape, with an axis of length 3: what array-api-compat's
    # checks and broadcasting leave to torch unchanged.
    dtype = getattr(x1, "dtype", None)
    shape = getattr(x1, "shape", None)
    if dtype is getattr(x2, "dtype", None) and dtype in _CROSS_KERNELS and shape == x2.shape:
        ndim = len(shape)
        if -ndim <= axis < ndim and shape[axis] == 3:
            if axis == -1:  # (the keyword costs torch ~500 ns)
                return torch.linalg.cross(x1, x2)
            return torch.linalg.cross(x1, x2, dim=axis)
    booleans = torch.bool in (getattr(x1, "dtype", None), getattr(x2, "dtype", None))
    arguments.check_cross(x1, x2, axis, booleans=booleans)  # (polyarray's words)
    return _cross(x1, x2, axis=axis)


def det(x: Any, /) -> Any:
    """The standard's ``linalg.det``."""
    x = in_default_float(x)
    return torch.linalg.det(x)


def diagonal(x: Any, /, *, offset: int = 0) -> Any:
    """The standard's ``linalg.diagonal`` of the last two axes."""
    if type(offset) is not int:
        offset = checks.integer_argument("linalg.diagonal", "offset", offset)
    if offset and not -(2**63) <= offset < 2**63:  # (torch's ValueError: no int64 holds it)
        offset = arguments.diagonal_offset(x, offset)  # the empty diagonal, as on NumPy
    if x.dtype in UNSIGNED:
        taken = torch.linalg.diagonal(unsigned.to_bits(x), offset=offset)
        return unsigned.from_bits(taken, x.dtype)
    if not offset:
        return torch.linalg.diagonal(x)  # (the keyword costs torch ~100 ns)
    return torch.linalg.diagonal(x, offset=offset)


def _refuse_non_finite(x: Any, name: str) -> None:
    # MKL's geev kills the process (a segmentation fault after "Parameter 3 was incorrect
    # on entry to CGEBAL") for a matrix holding an infinity or NaN, and LAPACK's gesdd
    # (svd with vectors, and pinv) can loop forever on one
    # (https://github.com/Reference-LAPACK/lapack/issues/1409): polyarray refuses such
    # matrices in eig, eigvals, svd and pinv on every backend.
    checks.refuse_non_finite(name, not x.numel() or bool(torch.isfinite(x).all()))


def eig(x: Any, /) -> Any:
    """The standard's ``linalg.eig``."""
    x = in_default_float(x)
    _refuse_non_finite(x, "eig")
    return torch.linalg.eig(x)


def eigh(x: Any, /) -> Any:
    """The standard's ``linalg.eigh``."""
    x = in_default_float(x)
    return torch.linalg.eigh(x)


def eigvals(x: Any, /) -> Any:
    """The standard's ``linalg.eigvals``."""
    x = in_default_float(x)
    _refuse_non_finite(x, "eigvals")
    return torch.linalg.eigvals(x)


def eigvalsh(x: Any, /) -> Any:
    """The standard's ``linalg.eigvalsh``."""
    x = in_default_float(x)
    return torch.linalg.eigvalsh(x)


def inv(x: Any, /) -> Any:
    """The standard's ``linalg.inv``."""
    x = in_default_float(x)
    return torch.linalg.inv(x)


def lstsq(a: Any, b: Any, /, *, rcond: Any = None) -> Any:
    """polyarray's ``lstsq`` with NumPy's answer: torch's default CPU driver (gelsy) gives no
    singular values, so the CPU uses gelsd as NumPy does; other devices (CUDA has only
    gels, for full-rank matrices) and empty matrices, which gelsd refuses, go through the
    SVD. Single precision is solved in double, as NumPy does (``polyarray._lstsq``). The
    rank is a Python int; a 1-D ``b`` gives a 1-D solution."""
    a, b, cut = lstsq_rules.prepared(a, b, rcond, OPS, _refuse_non_finite, in_default_float)
    given = a.dtype
    wide = _WIDER.get(given)
    if wide is not None:
        a, b = a.to(wide), b.to(wide)
    columns = b[:, None] if b.ndim == 1 else b
    if a.device.type == "cpu" and a.numel() and columns.numel():
        found = torch.linalg.lstsq(a, columns, rcond=cut, driver="gelsd")
        solution, residuals, rank = found.solution, found.residuals, int(found.rank)
        singular = found.singular_values
    else:
        solution, residuals, rank, singular = _lstsq_by_svd(a, columns, cut)
    if b.ndim == 1:
        solution = solution[:, 0]
    if wide is not None:
        real = torch.float32
        solution, residuals, singular = solution.to(given), residuals.to(real), singular.to(real)
    return lstsq_rules.LstsqResult(solution, residuals, rank, singular)


# The dtype each single-precision dtype is solved in (lstsq_rules.WIDER's, as torch's).
_WIDER: Final = {NATIVE[given]: NATIVE[wide] for given, wide in lstsq_rules.WIDER.items()}


def _lstsq_by_svd(a: Any, b: Any, cut: float) -> tuple[Any, Any, int, Any]:
    """The minimum-norm least-squares solution from the SVD of ``a``, with NumPy's residuals
    (for full column rank and more rows than columns) and rank."""
    u, singular, vh = torch.linalg.svd(a, full_matrices=False)
    kept = singular > cut * singular[0] if singular.numel() else singular > 0
    rank = int(kept.sum())
    inverse = torch.where(kept, 1 / singular, 0)
    solution = vh.mH @ (inverse[:, None] * (u.mH @ b))
    if lstsq_rules.residuals_due(rank, tuple(a.shape)):
        residuals = (b - a @ solution).abs().square().sum(dim=0)
    else:
        residuals = singular.new_empty(0)
    return solution, residuals, rank, singular


def matrix_norm(x: Any, /, *, keepdims: bool = False, ord: Any = "fro") -> Any:
    """The standard's ``linalg.matrix_norm``."""
    if type(ord) is complex:
        raise checks.complex_order("linalg.matrix_norm", ord)
    if ord is None:  # NumPy's default: the Frobenius norm (torch raised TypeError)
        ord = "fro"
    elif type(ord) is int and not -(2**63) <= ord < 2**63:  # not an order, however large
        raise mistakes.mistake_error(  # (torch read it through int64 first)
            mistakes.OPTION, "linalg.matrix_norm", (x,), f"ord={ord}"
        )
    x = in_default_float(x)
    if ord == "fro" and not keepdims:
        return torch.linalg.matrix_norm(x)  # (each keyword costs torch ~100 ns)
    return torch.linalg.matrix_norm(x, ord=ord, keepdim=keepdims)


def matrix_power(x: Any, n: int, /) -> Any:
    """The standard's ``linalg.matrix_power``."""
    if type(n) is not int:
        n = checks.integer_argument("linalg.matrix_power", "n", n)
    if n < 0:  # an inverse: integers in the default float (torch refused them)
        x = in_default_float(x)
    if not -(2**63) <= n < 2**63:  # (before the shape, as on NumPy's and JAX's backends)
        raise mistakes.mistake_error(mistakes.INT_OVERFLOW, "linalg.matrix_power", (x, n), "n")
    try:
        return torch.linalg.matrix_power(x, n)
    except NotImplementedError:  # booleans and uint16/32/64: torch's matmul has no kernel
        if n < 0:
            raise
        if n < 2:  # (nor its eye: the identity made in int64)
            eye = torch.eye(x.shape[-1], dtype=torch.int64, device=x.device).to(x.dtype)
            return eye.expand(x.shape).clone() if n == 0 else x.clone()
    # By squaring, with polyarray's matmul (NumPy's answer: an or of ands for booleans,
    # products that wrap for unsigned integers).
    result, square = None, x
    while n:
        if n & 1:
            result = square if result is None else linear_algebra.matmul(result, square)
        n >>= 1
        if n:
            square = linear_algebra.matmul(square, square)
    return result


def matrix_rank(x: Any, /, *, rtol: Any = None) -> Any:
    """The standard's ``linalg.matrix_rank``."""
    if rtol is not None and type(rtol) is not float:
        arguments.check_rtol("linalg.matrix_rank", rtol)
    x = in_default_float(x)
    return torch.linalg.matrix_rank(x, rtol=rtol)


def outer(x1: Any, x2: Any, /) -> Any:
    """The standard's ``linalg.outer`` of two vectors."""
    dtype = getattr(x1, "dtype", None)
    if dtype is getattr(x2, "dtype", None) and dtype in _KERNELS:
        try:  # (torch refuses arrays that are not 1-d: polyarray's words below)
            return torch.outer(x1, x2)
        except RuntimeError:
            pass
    arguments.check_vectors("linalg.outer", x1, x2)
    return _outer(x1, x2)


def pinv(x: Any, /, *, rtol: Any = None) -> Any:
    """The standard's ``linalg.pinv``."""
    if rtol is not None and type(rtol) is not float:
        arguments.check_rtol("linalg.pinv", rtol)
    x = in_default_float(x)
    _refuse_non_finite(x, "pinv")
    return torch.linalg.pinv(x, rtol=rtol)


def qr(x: Any, /, *, mode: str = "reduced") -> Any:
    """The standard's ``linalg.qr``."""
    x = in_default_float(x)
    if mode == "reduced":
        return torch.linalg.qr(x)  # (a keyword costs torch ~100 ns)
    return torch.linalg.qr(x, mode=mode)


def slogdet(x: Any, /) -> Any:
    """The standard's ``linalg.slogdet``."""
    x = in_default_float(x)
    return torch.linalg.slogdet(x)


def solve(x1: Any, x2: Any, /) -> Any:
    """The standard's ``linalg.solve``."""
    x1, x2 = _solve_operands(x1, x2)
    # torch treats a right-hand side of one dimension less as a batch of vectors, as
    # NumPy 1 did (https://github.com/pytorch/pytorch/issues/52915); array-api-compat's
    # solve gives the standard's answer: its test, without its promotion for tensors of
    # one dtype (where it changes nothing).
    if x1.dtype is x2.dtype:
        if x2.ndim != 1 and x1.ndim - 1 == x2.ndim and x1.shape[:-1] == x2.shape:
            x2 = x2[None]
        return torch.linalg.solve(x1, x2)
    return compat_linalg.solve(x1, x2)


def svd(x: Any, /, *, full_matrices: bool = True) -> Any:
    """The standard's ``linalg.svd``."""
    x = in_default_float(x)
    _refuse_non_finite(x, "svd")
    if full_matrices is True:
        return torch.linalg.svd(x)  # (a keyword costs torch ~100 ns)
    return torch.linalg.svd(x, full_matrices=full_matrices)


def svdvals(x: Any, /) -> Any:
    """The standard's ``linalg.svdvals``."""
    x = in_default_float(x)
    return torch.linalg.svdvals(x)


def trace(x: Any, /, *, offset: int = 0, dtype: Any = None) -> Any:
    """The standard's ``linalg.trace`` of the last two axes, in the dtypes of ``sum``."""
    if type(offset) is not int:
        offset = checks.integer_argument("linalg.trace", "offset", offset)
    if offset and not -(2**63) <= offset < 2**63:  # (as in diagonal)
        offset = arguments.diagonal_offset(x, offset)
    # torch.trace has neither offsets nor stacks of matrices: array-api-compat sums the
    # diagonal, as here for the floats (whose sums keep their dtype) without its wrapper.
    if dtype is None and x.dtype in _FLOATING:
        if x.ndim == 2:  # (the same sum: torch parses fewer arguments)
            return torch.sum(torch.diagonal(x, offset) if offset else torch.diagonal(x))
        return torch.sum(torch.diagonal(x, offset, -2, -1), -1)
    return accumulate(compat_linalg.trace, x, dtype, offset=offset)


def vecdot(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``linalg.vecdot``: the dot product along ``axis`` (x1 conjugated)."""
    if type(axis) is not int:
        axis = checks.axis_argument("linalg.vecdot", axis, tuples=False, none=False)
    try:
        dtype = x1.dtype
        if dtype is x2.dtype:
            if dtype in _FLOATING and x1.shape[axis] == x2.shape[axis]:
                # array-api-compat's test, without its promotion (nothing to promote)
                # and its integer path (torch.linalg.vecdot has float kernels only).
                if axis == -1:  # (the keyword costs torch ~500 ns)
                    return torch.linalg.vecdot(x1, x2)
                return torch.linalg.vecdot(x1, x2, dim=axis)
            if dtype is torch.bool:  # no boolean kernels: as the main namespace's
                return linear_algebra.vecdot(x1, x2, axis=axis)
            if dtype not in UNSIGNED:
                return compat_linalg.vecdot(x1, x2, axis=axis)
    except AttributeError:  # a Python scalar: polyarray's promotion rules apply
        pass
    except IndexError as exc:  # x.shape[axis]: an axis out of range, as NumPy reports it
        raise arguments.vecdot_axis_error("linalg.vecdot", x1, x2, axis, exc) from exc
    try:
        return _vecdot(x1, x2, axis=axis)
    except IndexError as exc:
        raise arguments.vecdot_axis_error("linalg.vecdot", x1, x2, axis, exc) from exc


def vector_norm(x: Any, /, *, axis: Any = None, keepdims: bool = False, ord: Any = 2) -> Any:
    """The standard's ``linalg.vector_norm``; the inf-norm of nothing is 0, as in NumPy."""
    if axis is not None and type(axis) is not int and type(axis) is not tuple:
        axis = checks.axis_argument("linalg.vector_norm", axis)
    if axis != ():
        checks.check_no_axes("linalg.vector_norm", x, axis)  # (before ord, as on NumPy)
    ord = checks.vector_order("linalg.vector_norm", ord)
    x = in_default_float(x)
    if axis == ():
        # Over no axes torch reduces over all of them
        # (https://github.com/pytorch/pytorch/issues/29137); array-api-compat's gives |x|
        # (of a 0-d tensor too, viewed as 1-d: its slicing refuses 0-d tensors).
        if not x.ndim:
            return compat_linalg.vector_norm(x.reshape(1), axis=(), ord=ord).reshape(())
        return compat_linalg.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)
    if axis is None and ord == 2 and not keepdims:
        return torch.linalg.vector_norm(x)  # (torch parses fewer arguments)
    try:
        return torch.linalg.vector_norm(x, ord, axis, keepdims)
    except RuntimeError:
        if axis is not None and not x.numel():  # (axes before emptiness, as on NumPy)
            axes = axis if type(axis) is tuple else (axis,)
            checks.distinct_axes("linalg.vector_norm", axes, x.ndim)
        if ord != float("inf"):
            raise
    # The largest |x| of nothing: 0, the identity of max over values >= 0 (as NumPy).
    return torch.linalg.vector_norm(x, 2, axis, keepdims)
