"""The standard's complex special cases (C99 Annex G) that ``jax.numpy`` misses.

Two kinds of mistake, measured against NumPy over every pair of parts in {±0, ±1.5, ±inf,
NaN}:

- **signs of zeros**: XLA's complex kernels drop the sign of a zero part, so
  ``sqrt(-1.5 - 0j)`` is ``+1.22j`` (NumPy: ``-1.22j``) and ``atanh(inf - 0j)`` lands on
  the other side of its branch cut. Every function here is symmetric under conjugation,
  ``f(conj(z)) == conj(f(z))``, and the odd ones under negation, ``f(-z) == -f(z)`` (the
  standard's tables rely on both): :func:`folded` computes on the first quadrant and maps
  the answer back, so the signs are right whatever the kernel does with zeros.
- **infinities and NaN**: each function's cases, written for the first quadrant.

The trigonometric functions are the hyperbolic ones turned by a quarter, as the standard
defines their special cases: ``sin(z) = -i sinh(iz)``, ``cos(z) = cosh(iz)``,
``tan(z) = -i tanh(iz)``, ``asin(z) = -i asinh(iz)``, ``atan(z) = -i atanh(iz)``; the
turns only swap and negate parts, so they are exact.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, Final

import jax
import jax.numpy as jnp

__all__ = ["fixed_complex"]

_HALF_PI: Final = math.pi / 2
# Below this |x|, cosh(x) and sinh(x) are finite in float32 (and float64).
_NO_OVERFLOW: Final = 88.0

Unary = Callable[[Any], Any]


def folded(native: Unary, parity: str | None) -> Unary:
    """``native`` computed on the first quadrant (the right half plane's upper half, for a
    function only symmetric under conjugation) and mapped back by the symmetries.

    ``parity`` is ``"odd"`` (``f(-z) == -f(z)``), ``"even"`` (``f(-z) == f(z)``) or None.
    A NaN part has no sign to fold.
    """

    def call(x: Any) -> Any:
        re, im = jnp.real(x), jnp.imag(x)
        flip_im = jnp.signbit(im) & ~jnp.isnan(im)
        no_flip = jnp.zeros_like(flip_im)
        flip_re = no_flip if parity is None else jnp.signbit(re) & ~jnp.isnan(re)
        w = jax.lax.complex(jnp.where(flip_re, -re, re), jnp.where(flip_im, -im, im))
        result = native(w)
        # -|re| + i|im| is -conj(w), |re| - i|im| is conj(w), -w when both are flipped.
        result = jnp.where(flip_re ^ flip_im, jnp.conj(result), result)
        if parity == "odd":
            result = jnp.where(flip_re, -result, result)
        return result

    return call


def _parts(re: Any, im: Any) -> Any:
    return jax.lax.complex(re, im)


def _full(like: Any, value: float) -> Any:
    return jnp.full_like(like, value)


def _sinh(w: Any) -> Any:
    re, im = jnp.real(w), jnp.imag(w)
    # By parts where no factor overflows: JAX's complex kernel loses tiny real parts
    # (sinh(1e-300 + 1.5j) had 0), but scales the large ones right (sinh(712 + 1.5j)).
    imag = jnp.where(im == 0, im, jnp.cosh(re) * jnp.sin(im))  # (cosh(inf) * 0 is NaN)
    by_parts = _parts(jnp.sinh(re) * jnp.cos(im), imag)
    result = jnp.where(jnp.abs(re) < _NO_OVERFLOW, by_parts, jnp.sinh(w))
    not_finite_im = ~jnp.isfinite(im)
    nan = _full(re, math.nan)
    result = jnp.where((re == 0) & not_finite_im, _parts(re, nan), result)
    result = jnp.where(jnp.isposinf(re) & not_finite_im, _parts(re, nan), result)
    return jnp.where(jnp.isnan(re) & (im == 0), _parts(re, im), result)


def _cosh(w: Any) -> Any:
    re, im = jnp.real(w), jnp.imag(w)
    imag = jnp.where(im == 0, im, jnp.sinh(re) * jnp.sin(im))  # (as in _sinh)
    by_parts = _parts(jnp.cosh(re) * jnp.cos(im), imag)
    result = jnp.where(jnp.abs(re) < _NO_OVERFLOW, by_parts, jnp.cosh(w))
    not_finite_im = ~jnp.isfinite(im)
    nan, zero = _full(re, math.nan), jnp.zeros_like(re)
    result = jnp.where((re == 0) & not_finite_im, _parts(nan, zero), result)
    result = jnp.where(jnp.isposinf(re) & not_finite_im, _parts(re, nan), result)
    return jnp.where(jnp.isnan(re) & (im == 0), _parts(re, zero), result)


def _asinh(w: Any) -> Any:
    re, im = jnp.real(w), jnp.imag(w)
    return jnp.where(jnp.isnan(re) & (im == 0), _parts(re, im), jnp.arcsinh(w))


def _acosh(w: Any) -> Any:
    re, im = jnp.real(w), jnp.imag(w)
    nan_half_pi = _parts(_full(re, math.nan), _full(re, _HALF_PI))
    return jnp.where((re == 0) & jnp.isnan(im), nan_half_pi, jnp.arccosh(w))


def _atanh(w: Any) -> Any:
    re, im = jnp.real(w), jnp.imag(w)
    nan, zero = _full(re, math.nan), jnp.zeros_like(re)
    result = jnp.arctanh(w)
    # Any NaN part gives NaN + NaN j but for the cases below (JAX: NaN +- pi/2 j).
    result = jnp.where(jnp.isnan(re) | jnp.isnan(im), _parts(nan, nan), result)
    zero_real = ((re == 0) | jnp.isposinf(re)) & jnp.isnan(im)  # +0 + NaN j (also inf)
    result = jnp.where(zero_real, _parts(zero, nan), result)
    # NaN + inf j is +0 + pi/2 j (the sign of the real zero is unspecified; NumPy's +0).
    return jnp.where(jnp.isnan(re) & jnp.isposinf(im), _parts(zero, _full(re, _HALF_PI)), result)


def _sqrt(native: Unary) -> Unary:
    def call(w: Any) -> Any:
        re, im = jnp.real(w), jnp.imag(w)
        result = native(w)
        nan, inf = _full(re, math.nan), _full(re, math.inf)
        result = jnp.where(jnp.isposinf(re) & jnp.isnan(im), _parts(inf, nan), result)
        return jnp.where(jnp.isneginf(re) & jnp.isnan(im), _parts(nan, inf), result)

    return call


def _quarter_turned(hyperbolic: Unary) -> Unary:
    # f(z) = -i h(iz): iz is (-im) + re j, and -i (a + b j) is b - a j.
    def call(x: Any) -> Any:
        turned = hyperbolic(_parts(-jnp.imag(x), jnp.real(x)))
        return _parts(jnp.imag(turned), -jnp.real(turned))

    return call


def _cos(x: Any) -> Any:
    return _cosh_numpy_sign(_parts(-jnp.imag(x), jnp.real(x)))  # cos(z) = cosh(iz)


_SINH: Final = folded(_sinh, "odd")
_FOLDED_COSH: Final = folded(_cosh, "even")


def _cosh_numpy_sign(x: Any) -> Any:
    # cosh(+-0 + inf j) and cosh(+-0 + NaN j) are NaN + 0j with NumPy's +0 (unspecified).
    re, im = jnp.real(x), jnp.imag(x)
    cases = (re == 0) & ~jnp.isfinite(im)
    return jnp.where(cases, _parts(_full(re, math.nan), jnp.zeros_like(re)), _FOLDED_COSH(x))


_ASINH: Final = folded(_asinh, "odd")
_SIN: Final = _quarter_turned(_SINH)
_ASIN: Final = _quarter_turned(_ASINH)
_ATANH: Final = folded(_atanh, "odd")
_ATAN: Final = _quarter_turned(_ATANH)

# Where the standard leaves the sign of an infinite part unspecified (sinh(+inf + NaN j)
# is "+-inf + NaN j"), NumPy's sign: +inf, whatever the symmetries give.


def _sinh_numpy_sign(x: Any) -> Any:
    re, im = jnp.real(x), jnp.imag(x)
    cases = jnp.isinf(re) & ~jnp.isfinite(im)
    return jnp.where(cases, _parts(_full(re, math.inf), _full(re, math.nan)), _SINH(x))


def _sin_numpy_sign(x: Any) -> Any:
    re, im = jnp.real(x), jnp.imag(x)
    cases = jnp.isinf(im) & ~jnp.isfinite(re)
    return jnp.where(cases, _parts(_full(re, math.nan), _full(re, math.inf)), _SIN(x))


def _atan_numpy_sign(x: Any) -> Any:
    re, im = jnp.real(x), jnp.imag(x)
    result = _ATAN(x)
    cases = jnp.isinf(re) & jnp.isnan(im)  # +-pi/2 + 0j, NumPy's +0 (unspecified)
    return jnp.where(cases, _parts(jnp.real(result), jnp.zeros_like(re)), result)


def _asin_numpy_sign(x: Any) -> Any:
    re, im = jnp.real(x), jnp.imag(x)
    cases = jnp.isinf(re) & jnp.isnan(im)
    return jnp.where(cases, _parts(_full(re, math.nan), _full(re, math.inf)), _ASIN(x))


def fixed_complex(existing: Mapping[str, Unary]) -> dict[str, Unary]:
    """The complex functions, compiled: ``existing`` holds the corrections written before
    (``sqrt``, ``exp``, ``log``..., uncompiled), folded here for the signs of zeros."""
    tanh = folded(existing["tanh"], "odd")
    plain = {
        "sinh": _sinh_numpy_sign,
        "cosh": _cosh_numpy_sign,
        "tanh": tanh,
        "asinh": _ASINH,
        "acosh": folded(_acosh, None),
        "atanh": _ATANH,
        "sin": _sin_numpy_sign,
        "cos": _cos,
        "tan": _quarter_turned(tanh),
        "asin": _asin_numpy_sign,
        "atan": _atan_numpy_sign,
        "sqrt": folded(_sqrt(existing["sqrt"]), None),
        "exp": folded(existing["exp"], None),
        "expm1": folded(jnp.expm1, None),
        "acos": folded(existing["acos"], None),
        **{name: folded(existing[name], None) for name in ("log", "log2", "log10")},
    }
    return {name: jax.jit(function) for name, function in plain.items()}
