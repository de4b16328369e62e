"""The standard's special cases that ``jax.numpy`` misses, for :mod:`.elementwise`.

Each correction is a ``where`` selection (JAX arrays cannot be written into), compiled once
with ``jax.jit`` together with the function it corrects: one dispatch instead of several,
and the corrections hold under tracing too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import jax
import jax.numpy as jnp

from polyarray._rules import special_cases
from polyarray.backends.jax._complex_cases import fixed_complex

__all__ = ["FIXED_BINARY", "FIXED_UNARY", "XP", "zero_sign_of_quotient"]


class _Namespace:
    """``jax.numpy`` for the shared special cases, which build complex numbers from their
    parts: JAX arrays cannot be written into, ``jax.lax.complex`` builds them exactly."""

    complex_from_parts: Final = staticmethod(jax.lax.complex)

    def __getattr__(self, name: str) -> Any:
        return getattr(jnp, name)


#: The namespace the shared special cases get on JAX.
XP: Final = _Namespace()


def zero_sign_of_quotient(x1: Any, x2: Any, result: Any) -> Any:
    # A zero floor quotient takes the sign of x1 / x2 (-0 // 3 is -0; JAX gives +0).
    return jnp.where(result == 0, jnp.copysign(jnp.zeros_like(result), x1 / x2), result)


def _float_floor_divide(x1: Any, x2: Any) -> Any:
    result = zero_sign_of_quotient(x1, x2, jnp.floor_divide(x1, x2))
    return special_cases.fix_floor_divide(jnp, x1, x2, result)


def _float_remainder(x1: Any, x2: Any) -> Any:
    return special_cases.fix_remainder_zero_sign(jnp, x2, jnp.remainder(x1, x2))


def _complex_exp(x: Any) -> Any:
    # exp(+inf + inf j) and exp(+inf + NaN j) are inf + NaN j, exp(-inf + y j) for a
    # non-finite y is 0 + 0j (JAX gives NaN + NaN j).
    result = jnp.exp(x)
    re, im = jnp.real(x), jnp.imag(x)
    not_finite = ~jnp.isfinite(im)
    positive = jnp.isposinf(re) & not_finite
    result = jnp.where(positive, jax.lax.complex(re, jnp.full_like(re, jnp.nan)), result)
    return jnp.where(jnp.isneginf(re) & not_finite, jnp.zeros_like(result), result)


def _complex_sqrt(x: Any) -> Any:
    # sqrt(a +- inf j) is +inf +- inf j for every a, NaN too (JAX: NaN + NaN j).
    result = jnp.sqrt(x)
    im = jnp.imag(x)
    return jnp.where(jnp.isinf(im), jax.lax.complex(jnp.abs(im), im), result)


def _complex_tanh(x: Any) -> Any:
    # tanh(+-0 +- 0j) is x itself (JAX loses the sign of the imaginary zero); tanh(+-0 + y j)
    # for a non-finite y is +-0 + NaN j (JAX: NaN + NaN j).
    result = jnp.where(x == 0, x, jnp.tanh(x))
    re = jnp.real(x)
    zero_real = (re == 0) & ~jnp.isfinite(jnp.imag(x))
    return jnp.where(zero_real, jax.lax.complex(re, jnp.full_like(re, jnp.nan)), result)


def _complex_abs(x: Any) -> Any:
    # |z| is +inf where either part is infinite, NaN or not (JAX: NaN for inf + NaN j).
    return jnp.where(jnp.isinf(x.real) | jnp.isinf(x.imag), jnp.inf, jnp.abs(x))


def _complex_log(native: Callable[..., Any]) -> Callable[..., Any]:
    def call(x: Any) -> Any:
        # The real part of log(z) is +inf where either part of z is infinite, NaN or not
        # (JAX: NaN for inf + NaN j and NaN + inf j).
        result = native(x)
        infinite = jnp.isinf(x.real) | jnp.isinf(x.imag)
        real = jnp.where(infinite, jnp.inf, result.real)
        return jax.lax.complex(real, result.imag)

    return call


def _complex_acos(x: Any) -> Any:
    # acos(+-0 + NaN j) is pi/2 + NaN j (JAX: NaN + NaN j).
    result = jnp.arccos(x)
    re, im = jnp.real(x), jnp.imag(x)
    half_pi = jax.lax.complex(jnp.full_like(re, jnp.pi / 2), im)
    return jnp.where((re == 0) & jnp.isnan(im), half_pi, result)


def _float_sign(x: Any) -> Any:
    return jnp.where(x == 0, jnp.zeros_like(x), jnp.sign(x))  # sign(-0) is +0, as NumPy's


def _complex_reciprocal(x: Any) -> Any:
    one = jnp.ones_like(x)
    return special_cases.fix_complex_division_by_zero(jnp, one, x, jnp.reciprocal(x))


def _complex_sign(x: Any) -> Any:
    # The standard's x / |x| (0 at 0): NaN parts for infinities, where JAX's sign gives
    # a finite part (sign(inf + 0j) is NaN + 0j there), as array-api-compat on NumPy.
    return jnp.where(x == 0, jnp.zeros_like(x), x / jnp.abs(x).astype(x.dtype))


def _complex_divide(x1: Any, x2: Any) -> Any:
    # NumPy's algorithm (Smith's, scaled by the larger part of x2), whose infinities and
    # NaN are polyarray's answers: JAX's own gives 0 for 1 / (inf + inf j), NumPy NaN.
    a, b, c, d = x1.real, x1.imag, x2.real, x2.imag
    real_larger = jnp.abs(c) >= jnp.abs(d)
    safe_c = jnp.where(c == 0, 1, c)  # (the lanes of the other branch stay finite)
    safe_d = jnp.where(d == 0, 1, d)
    ratio = jnp.where(real_larger, d / safe_c, c / safe_d)
    scale = 1 / jnp.where(real_larger, c + d * ratio, d + c * ratio)
    real = jnp.where(real_larger, (a + b * ratio) * scale, (a * ratio + b) * scale)
    imag = jnp.where(real_larger, (b - a * ratio) * scale, (b * ratio - a) * scale)
    zero = (c == 0) & (d == 0)  # a complex infinity or NaN, part by part, as NumPy's
    real = jnp.where(zero, a / jnp.abs(c), real)
    imag = jnp.where(zero, b / jnp.abs(c), imag)
    result = jax.lax.complex(real, imag)
    return special_cases.fix_complex_division_by_zero(jnp, x1, x2, result)


def _integer_power(x1: Any, x2: Any) -> Any:
    # Binary exponentiation over every bit of the exponent, wrapping as NumPy's: JAX's
    # stops after 6 bits (exponents of 64 and more give other wrapped values).
    bits = x2.dtype.itemsize * 8
    one = jnp.ones_like(x1)
    result = jnp.where((x1 == 0) & (x2 != 0), jnp.zeros_like(x1), one)
    base, exponent = x1, x2
    for _ in range(bits):
        result = jnp.where(exponent & 1, result * base, result)
        base = base * base
        exponent = jax.lax.shift_right_logical(exponent, jnp.ones_like(exponent))
    return result


#: JAX functions with the standard's special cases, for one dtype kind each ("f" real
#: floats, "c" complex), compiled once each (a dispatch instead of several).
FIXED_BINARY: Final = {
    ("floor_divide", "f"): jax.jit(_float_floor_divide),
    ("remainder", "f"): jax.jit(_float_remainder),
    ("divide", "c"): jax.jit(_complex_divide),
    **{("pow", kind): jax.jit(_integer_power) for kind in "iu"},
}
_COMPLEX_CASES: Final[dict[str, Callable[[Any], Any]]] = {
    "acos": _complex_acos,
    "exp": _complex_exp,
    "log": _complex_log(jnp.log),
    "log2": _complex_log(jnp.log2),
    "log10": _complex_log(jnp.log10),
    "sqrt": _complex_sqrt,
    "tanh": _complex_tanh,
}
FIXED_UNARY: Final[dict[tuple[str, str], Callable[[Any], Any]]] = {
    ("abs", "c"): jax.jit(_complex_abs),
    ("reciprocal", "c"): jax.jit(_complex_reciprocal),
    ("sign", "c"): jax.jit(_complex_sign),
    ("sign", "f"): jax.jit(_float_sign),
    # the trigonometric, hyperbolic, exponential and logarithmic functions of complex
    # numbers, with the signs of zeros and the special cases of _complex_cases.py
    **{(name, "c"): fixed for name, fixed in fixed_complex(_COMPLEX_CASES).items()},
}
