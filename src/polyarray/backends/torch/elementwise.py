"""Element-wise functions of the standard, on torch.

Each function calls torch directly when its input needs none of polyarray's rules: tensors
of one dtype for which the shared rule (:func:`polyarray._rules.elementwise.binary` and
``unary``) would only call the same torch function. Everything else takes the shared rule,
bound to tensors by :data:`~polyarray.backends.torch._arrays.OPS`: Python scalars,
tensors of two dtypes, integers in float-only functions, integer division (by zero),
the standard's special cases, uint16/uint32/uint64 (through ``_unsigned``).

The functions that differ only by the torch function they call are made by two factories,
:func:`_binary` and :func:`_unary`, as module-level assignments; the fast path of each
takes the dtypes :func:`_binary_fast` and :func:`_unary_fast` derive from the rules' tables.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Final

import torch

from polyarray import _names
from polyarray._dtypes import PYTHON_SCALARS
from polyarray._rules import arrays as array_rules
from polyarray._rules import checks, promotion
from polyarray._rules import elementwise as rules
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import (
    ALL,
    COMPLEX,
    INTEGRAL,
    NAME,
    OPS,
    REAL_FLOATS,
    UNSIGNED,
    Tensor,
    compat,
    promoting,
    scalar_tensor,
)

# Every element-wise function of the standard, each defined below (the name table's list).
__all__ = list(_names.STANDARD_FUNCTIONS["element-wise"])

_SIGNED_INTEGERS: Final = frozenset({torch.int8, torch.int16, torch.int32, torch.int64})


def _binary_fast(name: str) -> frozenset[torch.dtype]:
    """The dtypes for which the shared rule of ``name`` only calls torch's function.

    For two tensors of one such dtype there is nothing to promote, convert or correct.
    """
    fast = ALL - UNSIGNED
    if name in rules.FLOAT_ONLY_BINARY:
        fast -= INTEGRAL  # integers give the default float
    if name in ("floor_divide", "remainder"):
        return frozenset()  # integers: division by zero; floats: the special cases
    if name in ("add", "subtract", "divide", "pow"):
        fast -= COMPLEX  # torch's complex results with infinities are corrected
    if name == "pow":
        fast -= _SIGNED_INTEGERS  # negative integer powers are refused
    if name.startswith("bitwise_"):
        # Integers (and booleans, except for shifts) only; others raise polyarray's error.
        fast &= INTEGRAL - ({torch.bool} if name.endswith("shift") else set())
    if name in rules.BOOLEAN_RULES:
        fast -= {torch.bool}  # booleans as 0 and 1, given back as booleans (or refused)
    if name in rules.REAL_ONLY:
        fast -= COMPLEX  # refused in polyarray's words (torch: NotImplementedError)
    return fast


def _binary(name: str, native: Callable[..., Any]) -> Callable[..., Any]:
    """The standard's ``name(x1, x2)``: ``native`` directly, or the shared rule."""
    general = rules.binary(name, native, OPS, compat)
    fast = _binary_fast(name)

    def call(x1: Any, x2: Any, /) -> Any:
        if type(x2) in PYTHON_SCALARS:  # tested first: an AttributeError costs ~500 ns
            return general(x1, x2)
        try:
            dtype = x1.dtype
            if dtype is x2.dtype and dtype in fast:
                return native(x1, x2)
        except AttributeError:  # a Python scalar: polyarray's promotion rules apply
            pass
        return general(x1, x2)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = (
        f"The standard's ``{name}`` of two tensors or scalars (``torch.{native.__name__}``)."
    )
    return call


add = _binary("add", torch.add)
atan2 = _binary("atan2", torch.atan2)
bitwise_and = _binary("bitwise_and", torch.bitwise_and)
bitwise_left_shift = _binary("bitwise_left_shift", torch.bitwise_left_shift)
bitwise_or = _binary("bitwise_or", torch.bitwise_or)
bitwise_right_shift = _binary("bitwise_right_shift", torch.bitwise_right_shift)
bitwise_xor = _binary("bitwise_xor", torch.bitwise_xor)
copysign = _binary("copysign", torch.copysign)
divide = _binary("divide", torch.divide)
_floor_divide_general: Final = _binary("floor_divide", torch.floor_divide)
hypot = _binary("hypot", torch.hypot)
logaddexp = _binary("logaddexp", torch.logaddexp)
maximum = _binary("maximum", torch.maximum)
minimum = _binary("minimum", torch.minimum)
multiply = _binary("multiply", torch.multiply)
nextafter = _binary("nextafter", torch.nextafter)
pow = _binary("pow", torch.pow)
_remainder_general: Final = _binary("remainder", torch.remainder)
subtract = _binary("subtract", torch.subtract)
equal = _binary("equal", torch.eq)
not_equal = _binary("not_equal", torch.ne)
less = _binary("less", torch.lt)
less_equal = _binary("less_equal", torch.le)
greater = _binary("greater", torch.gt)
greater_equal = _binary("greater_equal", torch.ge)


def floor_divide(x1: Any, x2: Any, /) -> Any:
    """The standard's ``floor_divide`` of two tensors or scalars (``torch.floor_divide``)."""
    try:
        dtype = x1.dtype
        if dtype is x2.dtype and x1.is_cpu:
            if dtype in REAL_FLOATS:
                result = torch.floor_divide(x1, x2)
                # The standard's special cases (one infinite operand) need the general
                # rule's fix, five more tensor operations. Finite operands need none:
                # their L1 distance is finite, NaN or infinite otherwise (or when it
                # overflows, which then only costs the general path). One reduction
                # and its item(), ~1 us on small tensors, where the fix costs ~15 us.
                # (On the CPU only: item() would wait for a GPU.)
                if math.isfinite(torch.dist(x1, x2, 1).item()):
                    return result
            elif dtype in _SIGNED_INTEGERS:
                # torch on the CPU raises for integer division by zero: the general rule
                # then raises polyarray's error (it checks the divisor first).
                try:  # (cheaper than contextlib.suppress)
                    return torch.floor_divide(x1, x2)
                except RuntimeError:
                    pass
    except AttributeError:  # a Python scalar: polyarray's promotion rules apply
        pass
    return _floor_divide_general(x1, x2)


def remainder(x1: Any, x2: Any, /) -> Any:
    """The standard's ``remainder`` of two tensors or scalars (``torch.remainder``)."""
    try:
        dtype = x1.dtype
        if dtype is x2.dtype and x1.is_cpu:
            if dtype in REAL_FLOATS:
                result = torch.remainder(x1, x2)
                # A zero remainder takes the divisor's sign (the general rule's fix,
                # three more tensor operations). Without zeros there is nothing to fix:
                # one count and its item(), ~1 us where the fix costs ~10 us. (On the
                # CPU only: item() would wait for a GPU.)
                if result.count_nonzero().item() == result.numel():
                    return result
            elif dtype in _SIGNED_INTEGERS:
                # As in floor_divide: torch on the CPU raises for a zero divisor.
                try:  # (cheaper than contextlib.suppress)
                    return torch.remainder(x1, x2)
                except RuntimeError:
                    pass
    except AttributeError:  # a Python scalar: polyarray's promotion rules apply
        pass
    return _remainder_general(x1, x2)


def _logical(name: str, native: Callable[..., Any]) -> Callable[..., Any]:
    """The standard's logical ``name(x1, x2)``: ``native`` for tensors of one dtype, else
    promoted first (torch's logical functions refuse Python scalars)."""
    general = promoting(_truth_of_unsigned(native), 2)

    def call(x1: Any, x2: Any, /) -> Any:
        try:
            if x1.dtype is x2.dtype:
                try:
                    return native(x1, x2)
                except NotImplementedError:  # no kernel for uint16/32/64: their truth
                    return native(x1 != 0, x2 != 0)
        except AttributeError:  # a Python scalar: polyarray's promotion rules apply
            pass
        return general(x1, x2)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"The standard's ``{name}`` of two tensors or scalars."
    return call


def _truth_of_unsigned(native: Callable[..., Any]) -> Callable[..., Any]:
    """``native`` of two tensors, through their truth (``!= 0``) where torch has no kernel
    for their dtype (uint16/32/64: see _unsigned.py)."""

    def call(x1: Any, x2: Any) -> Any:
        try:
            return native(x1, x2)
        except NotImplementedError:
            return native(x1 != 0, x2 != 0)

    return call


logical_and = _logical("logical_and", torch.logical_and)
logical_or = _logical("logical_or", torch.logical_or)
logical_xor = _logical("logical_xor", torch.logical_xor)


def _unary_fast(name: str) -> frozenset[torch.dtype]:
    """The dtypes for which the shared unary rule of ``name`` only calls torch's function."""
    fast = ALL - UNSIGNED
    if name in rules.FLOAT_ONLY_UNARY:
        fast -= INTEGRAL  # integers give the default float
    if name in rules.COMPLEX_FIXES or name == "reciprocal":
        fast -= COMPLEX  # the standard's complex special cases are applied
    if name in rules.BOOLEAN_RULES:
        fast -= {torch.bool}  # booleans as 0 and 1, given back as booleans (or refused)
    if name in rules.REAL_ONLY:
        fast -= COMPLEX  # refused in polyarray's words (torch: NotImplementedError)
    return fast


def _unary(
    name: str,
    native: Callable[..., Any],
    direct: Callable[..., Any] | None = None,
    direct_dtypes: frozenset[torch.dtype] | None = None,
) -> Callable[..., Any]:
    """The standard's ``name(x)``: ``native`` directly, or the shared rule.

    ``direct`` (torch's own function) stands for ``native`` on ``direct_dtypes``, where
    the two agree: the common dtypes then skip ``native``'s own test of the dtype.
    """
    general = rules.unary(name, native, OPS, compat)
    fast = _unary_fast(name)
    if direct is not None and direct_dtypes is not None:
        fast = fast & direct_dtypes
        native = direct

    def call(x: Any, /) -> Any:
        if x.dtype in fast:
            return native(x)
        return general(x)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"The standard's ``{name}`` of a tensor."
    return call


def _round(x: Any, /) -> Any:
    if x.is_complex():
        # torch.round has no complex kernel
        # (https://github.com/pytorch/pytorch/issues/58743); round the parts. Unlike
        # array-api-compat's ``re + 1j * im``, an infinite imaginary part stays exact.
        return torch.complex(torch.round(x.real), torch.round(x.imag))
    return torch.round(x)


def _conj(x: Any, /) -> Any:
    return torch.conj_physical(x) if x.is_complex() else x.clone()


def _imag(x: Any, /) -> Any:
    # The imaginary part of a real number is 0, as in NumPy (torch raises).
    return torch.imag(x) if x.is_complex() else torch.zeros_like(x)


abs = _unary("abs", torch.abs)
acos = _unary("acos", torch.acos)
acosh = _unary("acosh", torch.acosh)
asin = _unary("asin", torch.asin)
asinh = _unary("asinh", torch.asinh)
atan = _unary("atan", torch.atan)
atanh = _unary("atanh", torch.atanh)
bitwise_invert = _unary("bitwise_invert", torch.bitwise_not)
ceil = _unary("ceil", torch.ceil)
# torch.conj only sets a flag, which other libraries cannot read through DLPack
# (https://github.com/data-apis/array-api-compat/issues/173); conj_physical returns a real
# input itself, which _conj copies.
conj = _unary("conj", _conj, direct=torch.conj_physical, direct_dtypes=COMPLEX)
cos = _unary("cos", torch.cos)
cosh = _unary("cosh", torch.cosh)
exp = _unary("exp", torch.exp)
expm1 = _unary("expm1", torch.expm1)
floor = _unary("floor", torch.floor)
imag = _unary("imag", _imag, direct=torch.imag, direct_dtypes=COMPLEX)
isfinite = _unary("isfinite", torch.isfinite)
isinf = _unary("isinf", torch.isinf)
isnan = _unary("isnan", torch.isnan)
log = _unary("log", torch.log)
log1p = _unary("log1p", torch.log1p)
log2 = _unary("log2", torch.log2)
log10 = _unary("log10", torch.log10)
negative = _unary("negative", torch.negative)
# torch.positive returns its input itself, NumPy a new array: a copy (torch.clone), so that
# writing into the result never changes x, as for every element-wise function; booleans
# go to torch.positive, which refuses them as NumPy does.
positive = _unary("positive", torch.positive, direct=torch.clone, direct_dtypes=ALL - {torch.bool})
real = _unary("real", torch.real)
reciprocal = _unary("reciprocal", torch.reciprocal)
round = _unary("round", _round, direct=torch.round, direct_dtypes=ALL - UNSIGNED - COMPLEX)
# torch.sign gives 0 for NaN and has no complex kernel
# (https://github.com/data-apis/array-api-compat/issues/136): array-api-compat's sign
# propagates NaN and computes x / |x| for complex numbers.
_sign_general: Final = _unary("sign", compat.sign)
_SIGN_EXACT: Final = ALL - UNSIGNED - REAL_FLOATS - COMPLEX


def sign(x: Any, /) -> Any:
    """The standard's ``sign`` of a tensor (``torch.sign``, NaN propagated)."""
    dtype = x.dtype
    # torch gives 0 for NaN; array-api-compat's boolean-mask assignment (~3.5 us on small
    # tensors) puts NaN back. Without NaN (then the sum is not NaN: one reduction and its
    # item(), ~1 us) there is nothing to put back. (On the CPU only: item() would wait
    # for a GPU.)
    if dtype in REAL_FLOATS and x.is_cpu and not math.isnan(x.sum().item()):
        return torch.sign(x)
    if dtype in _SIGN_EXACT:  # booleans and signed integers: torch's sign is the standard's
        return torch.sign(x)
    return _sign_general(x)


sin = _unary("sin", torch.sin)
sinh = _unary("sinh", torch.sinh)
square = _unary("square", torch.square)
sqrt = _unary("sqrt", torch.sqrt)
tan = _unary("tan", torch.tan)
tanh = _unary("tanh", torch.tanh)
trunc = _unary("trunc", torch.trunc)


def logical_not(x: Any, /) -> Any:
    """The standard's ``logical_not`` (``torch.logical_not``)."""
    try:
        return torch.logical_not(x)
    except NotImplementedError:  # no kernel for uint16/32/64: their truth
        return x == 0


def signbit(x: Any, /) -> Any:
    """The standard's ``signbit`` (``torch.signbit``)."""
    return torch.signbit(x)


# The largest finite bound each float dtype holds: torch's scalar clamp takes bounds up to
# it, the 0-d tensors of the general path refuse larger ones (an overflow).
_LARGEST_BOUND: Final = {dtype: torch.finfo(dtype).max for dtype in REAL_FLOATS}


def clip(x: Any, /, min: Any = None, max: Any = None) -> Any:
    """The standard's ``clip``: bounds of the array's dtype; a bound out of range clips nothing."""
    largest = _LARGEST_BOUND.get(x.dtype)
    if largest is not None and (min is not None or max is not None):
        # Python float bounds of a float tensor: torch's scalar clamp gives the general
        # path's values. NaN bounds (which the chained comparisons refuse) go the general
        # way: torch's scalar clamp ignores them
        # (https://github.com/pytorch/pytorch/issues/172067).
        low = min is None or (type(min) is float and -largest <= min <= largest)
        if low and (max is None or (type(max) is float and -largest <= max <= largest)):
            return torch.clamp(x, min, max)
    return _clip_general(x, min, max)


def _clip_general(x: Any, low: Any, high: Any) -> Any:
    if x.dtype in COMPLEX:
        raise rules.complex_refused("clip")  # (torch: NotImplementedError)
    if x.dtype in INTEGRAL and x.dtype is not torch.bool:
        for bound in (low, high):  # (a float bound before an int one's range, as NumPy)
            checks.check_clip_bound(bound, NAME[x.dtype])
        checks.check_clip_int_bounds(low, high, NAME[x.dtype])
    bounds: list[Any] = []
    for bound in (low, high):
        if bound is None:
            bounds.append(None)
            continue
        if not isinstance(bound, Tensor):
            array_rules.check_scalar(bound, "clip")
            if x.dtype in INTEGRAL and type(bound) is int:
                # A bound beyond the dtype's range clips nothing on that side.
                smallest, largest = promotion.RANGES.get(NAME[x.dtype], (bound, bound))
                if not smallest <= bound <= largest:
                    bounds.append(None)
                    continue
            checks.check_clip_bound(bound, NAME[x.dtype])
            bound = scalar_tensor(bound, x.dtype, x.device)
        elif bound.dtype != x.dtype:
            bound = bound.to(x.dtype)
        bounds.append(bound)
    low, high = bounds
    if low is None and high is None:
        return x.clone()
    if x.dtype in UNSIGNED:
        mapped = [None if b is None else unsigned.ordered(b) for b in (low, high)]
        result = torch.clamp(unsigned.ordered(x), mapped[0], mapped[1])
        return unsigned.from_ordered(result, x.dtype)
    if x.dtype is torch.bool:  # torch has no boolean clamp: of 0 and 1, as NumPy's
        mapped = [None if b is None else b.to(torch.uint8) for b in (low, high)]
        return torch.clamp(x.to(torch.uint8), mapped[0], mapped[1]).to(torch.bool)
    return torch.clamp(x, low, high)
