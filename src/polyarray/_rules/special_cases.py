"""The standard's special cases that NumPy or torch get wrong (infinities in
``floor_divide``, complex ``expm1``...), fixed after the framework's call.
"""

from __future__ import annotations

import math
from typing import Any

from polyarray.errors import IntegerDivisionByZeroError


def comparison_fill(name: str, scalar_first: bool, too_large: bool) -> bool:
    """The answer of a comparison between an integer array and an int out of its range.

    ``too_large`` says whether the int is above the dtype's maximum (else below its
    minimum); ``scalar_first`` whether it is the left operand.
    """
    if name in ("equal", "not_equal"):
        return name == "not_equal"
    # Is the array's value less than the scalar? Always, when the scalar is too large.
    array_less = too_large
    if name in ("less", "less_equal"):
        return array_less != scalar_first
    return array_less == scalar_first


def division_by_zero(name: str, dtype_name: str) -> IntegerDivisionByZeroError:
    """The error for integer ``floor_divide``/``remainder`` by zero."""
    return IntegerDivisionByZeroError(
        f"pa.{name}: integer division by zero ({dtype_name} divisor contains 0). NumPy "
        "returns 0 with a warning, torch on the CPU raises and on CUDA returns garbage, "
        "so polyarray raises on every backend. Mask the zeros first, e.g. "
        "pa.where(x2 == 0, 1, x2), or divide as floats."
    )


# -- the standard's special cases, written once against an array-api-compat namespace ---


def fix_floor_divide(xp: Any, x1: Any, x2: Any, result: Any) -> Any:
    """``floor_divide`` of floats with exactly one infinite operand, as the standard says.

    ``+inf // 2`` is ``+inf`` and ``-5 // +inf`` is ``-0`` (NumPy and torch give NaN and
    -1, Python's answers). In these cases the true quotient ``x1 / x2`` is already the
    standard's answer, with the right sign.
    """
    one_infinite = xp.logical_xor(xp.isinf(x1), xp.isinf(x2))
    return xp.where(one_infinite, xp.divide(x1, x2), result)


def fix_remainder_zero_sign(xp: Any, x2: Any, result: Any) -> Any:
    """A zero remainder of floats takes the sign of the divisor, as in Python (torch: +0)."""
    return xp.where(result == 0, xp.copysign(xp.zeros_like(result), x2), result)


def fix_complex_division_by_zero(xp: Any, x1: Any, x2: Any, result: Any) -> Any:
    """A finite complex number divided by complex zero is NaN + NaN j.

    The standard computes finite complex division by the textbook formula, which gives
    0/0 in both parts; torch returns an infinity instead.
    """
    mask = (x2 == 0) & xp.isfinite(x1)
    nan = xp.full_like(result, complex(float("nan"), float("nan")))
    return xp.where(mask, nan, result)


def fix_pow_half(xp: Any, x1: Any, x2: Any, result: Any) -> Any:
    """``pow(-inf, 0.5)`` is ``+inf`` and ``pow(-0, 0.5)`` is ``+0``, as the standard says.

    NumPy computes ``x ** 0.5`` as ``sqrt(x)``, which gives NaN and -0 there.
    """
    mask = (x2 == 0.5) & ((x1 == 0) | (xp.isinf(x1) & (x1 < 0)))
    return xp.where(mask, xp.abs(x1), result)


def fix_complex_expm1(xp: Any, x: Any, result: Any) -> Any:
    """The standard's special cases of complex ``expm1`` where NumPy and torch differ."""
    re, im = xp.real(x), xp.imag(x)
    inf, nan = xp.full_like(re, float("inf")), xp.full_like(re, float("nan"))
    positive_inf = xp.isinf(re) & (re > 0)
    negative_inf = xp.isinf(re) & (re < 0)
    zero_imag = im == 0
    bad_imag = xp.isinf(im) | xp.isnan(im)
    cases = [
        # +-0 + 0j -> +0 + 0j (NumPy gives -0 real for -0 + 0j)
        ((re == 0) & zero_imag, xp.zeros_like(re), im),
        # +inf + 0j -> +inf + 0j (the imaginary zero keeps its sign)
        (positive_inf & zero_imag, inf, im),
        # +inf + inf j or +inf + NaN j -> +-inf + NaN j
        (positive_inf & bad_imag, inf, nan),
        # -inf + inf j or -inf + NaN j -> -1 + 0j
        (negative_inf & bad_imag, xp.full_like(re, -1.0), xp.zeros_like(re)),
        # NaN + 0j -> NaN + 0j
        (xp.isnan(re) & zero_imag, re, im),
    ]
    for mask, real_part, imag_part in cases:
        result = xp.where(mask, _complex(xp, real_part, imag_part, result), result)
    return result


def fix_complex_log1p(xp: Any, x: Any, result: Any) -> Any:
    """Complex ``log1p`` where torch gives NaN + NaN j: infinite imaginary parts.

    ``+-inf + NaN j`` and ``NaN +- inf j`` give ``+inf + NaN j``; a finite real part with
    ``+-inf j`` gives ``+inf +- pi/2 j``, as the standard says; ``-0 +- 0j`` gives
    ``+0 +- 0j``.
    """
    re, im = xp.real(x), xp.imag(x)
    inf = xp.full_like(re, float("inf"))
    inf_nan = (xp.isinf(re) & xp.isnan(im)) | (xp.isnan(re) & xp.isinf(im))
    result = xp.where(inf_nan, _complex(xp, inf, xp.full_like(re, float("nan")), result), result)
    finite_inf = xp.isfinite(re) & xp.isinf(im)
    half_pi = xp.copysign(xp.full_like(re, math.pi / 2), im)
    result = xp.where(finite_inf, _complex(xp, inf, half_pi, result), result)
    # log1p(-0 +- 0j) is log(1 +- 0j), +0 +- 0j (torch keeps the -0).
    zero = (re == 0) & (im == 0)
    return xp.where(zero, _complex(xp, xp.zeros_like(re), im, result), result)


def fix_complex_acos(xp: Any, x: Any, result: Any) -> Any:
    """Complex ``acos(+-0 +- 0j)`` is ``pi/2 -+ 0j`` (torch loses the zero's sign)."""
    re, im = xp.real(x), xp.imag(x)
    mask = (re == 0) & (im == 0)
    special = _complex(xp, xp.real(result), -im, result)
    return xp.where(mask, special, result)


def fix_complex_tanh(xp: Any, x: Any, result: Any) -> Any:
    """Complex ``tanh(+inf +- y j)`` for finite ``y`` is ``1 +- 0j`` (torch gives NaN)."""
    re, im = xp.real(x), xp.imag(x)
    mask = xp.isinf(re) & (re > 0) & xp.isfinite(im)
    zero = xp.copysign(xp.zeros_like(im), im)
    special = _complex(xp, xp.ones_like(re), zero, result)
    return xp.where(mask, special, result)


def _complex(xp: Any, real: Any, imag: Any, like: Any) -> Any:
    """``real + imag j`` with ``like``'s complex dtype, exact for infinities and NaN.

    ``real + 1j * imag`` would turn ``inf * 0`` into NaN; building from parts does not.
    """
    real = xp.broadcast_to(real, like.shape)
    imag = xp.broadcast_to(imag, like.shape)
    from_parts = getattr(xp, "complex_from_parts", None)
    if from_parts is not None:  # arrays that cannot be written into (JAX's namespace)
        return from_parts(real, imag)
    result = xp.zeros_like(like)
    result.real[...] = real
    result.imag[...] = imag
    return result
