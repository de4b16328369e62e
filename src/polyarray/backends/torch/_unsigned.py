"""uint16, uint32 and uint64 on torch: computed through types torch does support.

torch has these dtypes, but few kernels for them (``add``, ``max``, ``sort``, ``flip``,
``index_select``... raise ``NotImplementedError`` on the CPU, see
https://github.com/pytorch/pytorch/issues/58734) and no promotion rules. polyarray computes
with them anyway, exactly, on any device, through three reinterpretations:

``bits``
    the signed integer of the same width, bit for bit (``Tensor.view(dtype)``, no copy).
    Exact for data movement (flip, take, tril...), and for arithmetic that wraps modulo
    ``2**n`` (add, subtract, multiply, bitwise operations), which is the same in two's
    complement.
``ordered``
    the same bits with the sign bit flipped: an order-preserving map onto the signed type,
    for comparisons, max/min, sorting, searching and uniqueness.
``wide``
    the value in a wider signed type (uint16 in int32, uint32 in int64), for division,
    remainder, shifts and powers; the result is narrowed back, wrapping like NumPy.
    uint64 has no wider type: those four are written out on ``bits`` below.

Each function here takes tensors that already share one of the three dtypes (promotion
happens before, in the chapter modules through the shared rules, see
:mod:`polyarray.backends.torch._arrays`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import torch

__all__ = [
    "COMPARE",
    "UNSIGNED",
    "binary",
    "from_ordered",
    "from_bits",
    "is_unsigned",
    "ordered",
    "to_bits",
    "unary",
]

UNSIGNED: Final = frozenset({torch.uint16, torch.uint32, torch.uint64})
_SIGNED: Final = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}
_WIDE: Final = {torch.uint16: torch.int32, torch.uint32: torch.int64}
# torch's stubs leave broadcast_tensors untyped.
_broadcast_tensors: Callable[..., Any] = torch.broadcast_tensors
_SIGN_BIT: Final = {torch.int16: -(2**15), torch.int32: -(2**31), torch.int64: -(2**63)}

#: The comparison functions by their standard names.
COMPARE: Final[dict[str, Callable[..., Any]]] = {
    "equal": torch.eq,
    "not_equal": torch.ne,
    "less": torch.lt,
    "less_equal": torch.le,
    "greater": torch.gt,
    "greater_equal": torch.ge,
}
_WRAPPING: Final[dict[str, Callable[..., Any]]] = {
    "add": torch.add,
    "subtract": torch.subtract,
    "multiply": torch.multiply,
    "bitwise_and": torch.bitwise_and,
    "bitwise_or": torch.bitwise_or,
    "bitwise_xor": torch.bitwise_xor,
}
_BY_VALUE: Final[dict[str, Callable[..., Any]]] = {
    "floor_divide": torch.floor_divide,
    "remainder": torch.remainder,
    "bitwise_left_shift": torch.bitwise_left_shift,
    "bitwise_right_shift": torch.bitwise_right_shift,
    "pow": torch.pow,
}


def is_unsigned(x: Any) -> bool:
    """Whether ``x`` is a tensor of a dtype this module computes for."""
    return isinstance(x, torch.Tensor) and x.dtype in UNSIGNED


def to_bits(x: Any) -> Any:
    """``x`` viewed as the signed integer type of the same width (no copy)."""
    return x.view(_SIGNED[x.dtype])


def from_bits(x: Any, dtype: Any) -> Any:
    """The inverse of :func:`to_bits`."""
    return x.view(dtype)


def ordered(x: Any) -> Any:
    """``x`` mapped onto its signed type, preserving order (a new tensor)."""
    signed = _SIGNED[x.dtype]
    return x.view(signed) ^ _SIGN_BIT[signed]


def from_ordered(x: Any, dtype: Any) -> Any:
    """The inverse of :func:`ordered`."""
    return (x ^ _SIGN_BIT[x.dtype]).view(dtype)


def _unsigned_ge(a: Any, b: Any) -> Any:
    """``a >= b`` for int64 tensors holding uint64 bits."""
    sign = _SIGN_BIT[torch.int64]
    return (a ^ sign) >= (b ^ sign)


def _logical_shift_right(a: Any, shift: Any) -> Any:
    """``a >> shift`` filling with zeros, for int64 bits and shifts in [0, 63]."""
    # (1 << 64) is 0 in torch, so the mask for a shift of 0 is -1: all ones.
    mask = torch.where(shift == 0, -1, (1 << (64 - shift)) - 1)
    return (a >> shift) & mask


def _shift_amount(shift: Any) -> tuple[Any, Any]:
    """Shift amounts as int64 bits: the amounts clipped to [0, 63], and where >= 64."""
    too_far = _unsigned_ge(shift, torch.full_like(shift, 64))
    return torch.where(too_far, 0, shift), too_far


def _uint64_divmod(a: Any, b: Any) -> tuple[Any, Any]:
    """Floor quotient and remainder of uint64 bits (int64 tensors), b != 0.

    The classic reduction of unsigned division to a signed one (Hacker's Delight, 9-3):
    halve the dividend so it is non-negative, divide, double, and correct once.
    """
    a, b = _broadcast_tensors(a, b)
    divisor_large = b < 0  # divisor >= 2**63: the quotient is 0 or 1
    safe_b = torch.where(divisor_large, 1, b)
    half = (a >> 1) & (2**63 - 1)
    quotient = torch.floor_divide(half, safe_b) << 1
    remainder = a - quotient * safe_b
    correction = _unsigned_ge(remainder, safe_b)
    quotient = quotient + correction.to(torch.int64)
    remainder = torch.where(correction, remainder - safe_b, remainder)
    large_quotient = _unsigned_ge(a, b)
    quotient = torch.where(divisor_large, large_quotient.to(torch.int64), quotient)
    remainder = torch.where(divisor_large, torch.where(large_quotient, a - b, a), remainder)
    return quotient, remainder


def _uint64_pow(base: Any, exponent: Any) -> Any:
    """``base ** exponent`` modulo 2**64 on uint64 bits, by repeated squaring."""
    base, exponent = _broadcast_tensors(base, exponent)
    if bool((exponent >= 0).all()):
        return torch.pow(base, exponent)  # int64 powers wrap modulo 2**64 as well
    result = torch.ones_like(base)
    for _ in range(64):
        result = torch.where((exponent & 1) != 0, result * base, result)
        base = base * base
        exponent = _logical_shift_right(exponent, torch.ones_like(exponent))
    return result


def _uint64_by_value(name: str, a: Any, b: Any) -> Any:
    if name in ("floor_divide", "remainder"):
        quotient, remainder = _uint64_divmod(a, b)
        return quotient if name == "floor_divide" else remainder
    if name == "pow":
        return _uint64_pow(a, b)
    amount, too_far = _shift_amount(b)
    if name == "bitwise_left_shift":
        return torch.where(too_far, 0, a << amount)
    shifted = _logical_shift_right(a, amount)
    return torch.where(too_far, 0, shifted)


def binary(name: str, x1: Any, x2: Any) -> Any:
    """The element-wise function ``name`` of two tensors of one unsigned dtype."""
    dtype = x1.dtype
    if name in _WRAPPING:
        return from_bits(_WRAPPING[name](to_bits(x1), to_bits(x2)), dtype)
    if name in COMPARE:
        return COMPARE[name](ordered(x1), ordered(x2))
    if name in ("maximum", "minimum"):
        function = torch.maximum if name == "maximum" else torch.minimum
        return from_ordered(function(ordered(x1), ordered(x2)), dtype)
    if name in _BY_VALUE:
        wide = _WIDE.get(dtype)
        if wide is not None:
            return _BY_VALUE[name](x1.to(wide), x2.to(wide)).to(dtype)
        return from_bits(_uint64_by_value(name, to_bits(x1), to_bits(x2)), dtype)
    raise TypeError(f"pa.{name} is not defined for {dtype} inputs.")


def unary(name: str, x: Any) -> Any:
    """The element-wise function ``name`` of a tensor of an unsigned dtype."""
    dtype = x.dtype
    if name in ("abs", "positive", "ceil", "floor", "round", "trunc", "real", "conj"):
        return x.clone()  # the identity on unsigned integers; a new array, as elsewhere
    if name == "negative":
        return from_bits(-to_bits(x), dtype)
    if name == "bitwise_invert":
        return from_bits(~to_bits(x), dtype)
    if name == "square":
        bits = to_bits(x)
        return from_bits(bits * bits, dtype)
    if name == "sign":
        return (x != 0).to(dtype)
    if name == "imag":
        return torch.zeros_like(x)
    if name in ("isnan", "isinf"):
        return torch.zeros(x.shape, dtype=torch.bool, device=x.device)
    if name == "isfinite":
        return torch.ones(x.shape, dtype=torch.bool, device=x.device)
    raise TypeError(f"pa.{name} is not defined for {dtype} inputs.")


def map_tensors(value: Any, function: Callable[[Any], Any], dtype: Any) -> Any:
    """Apply ``function`` to every tensor of ``dtype`` in ``value`` (tuples, lists too)."""
    if isinstance(value, torch.Tensor):
        return function(value) if value.dtype == dtype else value
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(map_tensors(v, function, dtype) for v in value))
    if isinstance(value, (tuple, list)):
        return type(value)(map_tensors(v, function, dtype) for v in value)
    return value


def find_unsigned(args: tuple[Any, ...]) -> Any:
    """The unsigned dtype of the first such tensor in ``args`` (or in a first-arg sequence)."""
    for arg in args:
        if isinstance(arg, torch.Tensor):
            if arg.dtype in UNSIGNED:
                return arg.dtype
        elif isinstance(arg, (list, tuple)):
            for item in arg:
                if isinstance(item, torch.Tensor) and item.dtype in UNSIGNED:
                    return item.dtype
    return None


def through(function: Callable[..., Any], *, order: bool, values_out: str) -> Callable[..., Any]:
    """``function`` made to work on unsigned tensors through ``bits`` or ``ordered``.

    ``values_out`` says which outputs are values to map back: ``"all"`` tensors of the
    signed type, ``"first"`` (the ``values`` of a named tuple), or ``"none"`` (indices,
    counts, booleans).
    """
    forward = ordered if order else to_bits
    backward = from_ordered if order else from_bits

    def call(*args: Any, **kwargs: Any) -> Any:
        dtype = find_unsigned(args)
        if dtype is None:
            return function(*args, **kwargs)
        signed = _SIGNED[dtype]
        mapped = tuple(map_tensors(a, forward, dtype) for a in args)
        result = function(*mapped, **kwargs)
        if values_out == "all":
            return map_tensors(result, lambda t: backward(t, dtype), signed)
        if values_out == "first":
            first = map_tensors(result[0], lambda t: backward(t, dtype), signed)
            return result._replace(**{result._fields[0]: first})
        return result

    call.__name__ = getattr(function, "__name__", "call")
    call.__doc__ = function.__doc__
    return call
