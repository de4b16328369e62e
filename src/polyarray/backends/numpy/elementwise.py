"""Element-wise functions of the standard, on NumPy.

Each function calls NumPy's ufunc directly when its input needs none of polyarray's
rules: arrays of one dtype (or of two, after a cached promotion) for which the shared
rule (:func:`polyarray._rules.elementwise.binary` and ``unary``) would only call the same
ufunc. Everything else takes the shared rule, bound to NumPy arrays by
:data:`~polyarray.backends.numpy._arrays.OPS`: Python scalars (their range is checked),
integers in float-only functions, integer division (by zero), negative integer powers,
the standard's special cases (infinities in ``floor_divide``, ``pow(-0, 0.5)``, complex
division by zero, complex ``expm1``...).

Functions that differ only by their ufunc come from two factories, :func:`_binary` and
:func:`_unary` (direct dtypes from :func:`_binary_direct`, :func:`_unary_direct`). ``add``
(the most called), ``clip`` and the functions whose rules look at values
(``floor_divide``, ``remainder``, ``pow``) are written out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Final

import numpy as np

from polyarray import _names
from polyarray._dtypes import PYTHON_SCALARS
from polyarray._rules import checks, special_cases
from polyarray._rules import elementwise as rules
from polyarray._rules.promotion import RANGES
from polyarray.backends.numpy._arrays import (
    ALL,
    COMPLEX,
    INTEGRAL,
    NAME,
    NUMPY_PROMOTES_ALIKE,
    OPS,
    REAL_FLOATS,
    compat_aliases,
    count_all_nonzero,
    generic,
    ndarray,
    promoted,
    promoted_pair,
    to_array,
    without_invalid,
)

# Every element-wise function of the standard, each defined below (the name table's list).
__all__ = list(_names.STANDARD_FUNCTIONS["element-wise"])

_BOOL: Final = frozenset({np.dtype(np.bool_)})
_SIGNED: Final = frozenset(np.dtype(n) for n in ("int8", "int16", "int32", "int64"))
_INTEGERS: Final = INTEGRAL - _BOOL


#: The dtypes NumPy's own checks and special cases send to the shared rule, by function.
_ROUTED_BINARY: Final = {
    # Integers: division by zero is refused. Floats: floor_divide's special cases
    # (infinities); NumPy's remainder already gives a zero the divisor's sign (what the
    # rule corrects on torch).
    "floor_divide": rules.INTEGER_NAMES | rules.REAL_FLOAT_NAMES,
    "remainder": rules.INTEGER_NAMES,
    # Negative integer powers are refused; pow(-0, 0.5) and pow(-inf, 0.5) corrected.
    "pow": rules.SIGNED_NAMES | rules.REAL_FLOAT_NAMES,
}


def _binary_direct(name: str) -> frozenset[Any]:
    """The dtypes for which the shared rule of ``name`` only calls NumPy's ufunc.

    For two arrays of one such dtype there is nothing to promote, convert, check or
    correct (``OPS.compute`` reroutes none of them either).
    """
    routed = _ROUTED_BINARY.get(name, frozenset())
    return frozenset(np.dtype(n) for n in rules.direct_binary(name, routed))


@functools.cache
def _mixed(direct: frozenset[Any]) -> frozenset[tuple[Any, Any]]:
    """The pairs of dtypes NumPy promotes as polyarray does, to a dtype in ``direct``."""
    return frozenset(pair for pair, dtype in NUMPY_PROMOTES_ALIKE.items() if dtype in direct)


def _binary(name: str, native: Callable[..., Any]) -> Callable[..., Any]:
    """The standard's ``name(x1, x2)``: the ufunc ``native`` directly, or the shared rule."""
    general = rules.binary(name, native, OPS, np)
    direct = _binary_direct(name)
    # Arrays of two dtypes whose promoted dtype is direct: cast to it first, unless NumPy
    # promotes them alike (then its own loop casts, without a temporary array).
    mixed = _mixed(direct)

    def call(x1: Any, x2: Any, /) -> Any:
        if type(x2) in PYTHON_SCALARS:  # tested first: an AttributeError costs ~500 ns
            return general(x1, x2)
        try:
            dtype, other = x1.dtype, x2.dtype
        except AttributeError:  # a Python scalar first: polyarray's promotion rules apply
            return general(x1, x2)
        if dtype is other:
            if dtype in direct:
                result = native(x1, x2)
                return result if type(result) is ndarray else to_array(result)
        elif (dtype, other) in mixed:
            result = native(x1, x2)
            return result if type(result) is ndarray else to_array(result)
        else:
            target = promoted_pair(dtype, other)
            if target in direct:
                result = native(
                    x1 if dtype is target else x1.astype(target),
                    x2 if other is target else x2.astype(target),
                )
                return result if type(result) is ndarray else to_array(result)
        return general(x1, x2)

    call.__name__ = call.__qualname__ = name
    call.__module__ = __name__
    call.__doc__ = f"The standard's ``{name}`` of two arrays or scalars (numpy.{native.__name__})."
    return call


_general_add: Final = rules.binary("add", np.add, OPS, np)


def add(x1: Any, x2: Any, /) -> Any:
    """The standard's ``add`` of two arrays or scalars (``numpy.add``).

    Written out, as the most called function: arrays of one dtype go straight to NumPy,
    whatever the dtype (the shared rule adds nothing to ``numpy.add`` for any of them).
    """
    if type(x2) in PYTHON_SCALARS:  # tested first: an AttributeError costs ~500 ns
        return _general_add(x1, x2)
    try:
        dtype, other = x1.dtype, x2.dtype
    except AttributeError:  # a Python scalar first: polyarray's promotion rules apply
        return _general_add(x1, x2)
    if dtype is other or (dtype, other) in NUMPY_PROMOTES_ALIKE:
        result = np.add(x1, x2)
        return result if type(result) is ndarray else to_array(result)
    target = promoted_pair(dtype, other)
    if target is not None:
        result = np.add(
            x1 if dtype is target else x1.astype(target),
            x2 if other is target else x2.astype(target),
        )
        return result if type(result) is ndarray else to_array(result)
    return _general_add(x1, x2)


atan2 = _binary("atan2", np.arctan2)
bitwise_and = _binary("bitwise_and", np.bitwise_and)
bitwise_left_shift = _binary("bitwise_left_shift", np.left_shift)
bitwise_or = _binary("bitwise_or", np.bitwise_or)
bitwise_right_shift = _binary("bitwise_right_shift", np.right_shift)
bitwise_xor = _binary("bitwise_xor", np.bitwise_xor)
copysign = _binary("copysign", np.copysign)
divide = _binary("divide", np.divide)
equal = _binary("equal", np.equal)
greater = _binary("greater", np.greater)
greater_equal = _binary("greater_equal", np.greater_equal)
hypot = _binary("hypot", np.hypot)
less = _binary("less", np.less)
less_equal = _binary("less_equal", np.less_equal)
logaddexp = _binary("logaddexp", np.logaddexp)
maximum = _binary("maximum", np.maximum)
minimum = _binary("minimum", np.minimum)
multiply = _binary("multiply", np.multiply)
nextafter = _binary("nextafter", np.nextafter)
not_equal = _binary("not_equal", np.not_equal)
subtract = _binary("subtract", np.subtract)

# The three functions whose rules check values: the checks run on the arrays that need
# them (the general functions below handle every other input).
_floor_divide: Final = _binary("floor_divide", np.floor_divide)
_remainder: Final = _binary("remainder", np.remainder)
_pow: Final = _binary("pow", np.power)


_FLOOR_DIVIDE_DIRECT: Final = _binary_direct("floor_divide")
_REMAINDER_DIRECT: Final = _binary_direct("remainder")


def floor_divide(x1: Any, x2: Any, /) -> Any:
    """The standard's ``floor_divide`` (``numpy.floor_divide``): integer division by zero
    raises; an infinite float operand gives the standard's result, not Python's."""
    try:
        dtype = x1.dtype
        same = dtype is x2.dtype
    except AttributeError:  # a Python scalar
        same = False
    if same and (
        dtype in _FLOOR_DIVIDE_DIRECT
        # Floats without infinities need no correction. The test is needed for every
        # float input (NumPy gives NaN for inf // 2 and -1 for -5 // inf) and costs two
        # ufuncs and two counts, about 2/3 of NumPy's floor_divide of small arrays.
        or (
            dtype in REAL_FLOATS
            and not (count_all_nonzero(np.isinf(x1)) or count_all_nonzero(np.isinf(x2)))
        )
        # Integers: no zero divisor.
        or (dtype in _INTEGERS and count_all_nonzero(x2) == x2.size)
    ):
        result = np.floor_divide(x1, x2)
        return result if type(result) is ndarray else to_array(result)
    return _floor_divide(x1, x2)


def remainder(x1: Any, x2: Any, /) -> Any:
    """The standard's ``remainder`` (``numpy.remainder``, the sign of the divisor):
    integer division by zero raises."""
    try:
        dtype = x1.dtype
        same = dtype is x2.dtype
    except AttributeError:  # a Python scalar
        same = False
    if same and (
        dtype in _REMAINDER_DIRECT or (dtype in _INTEGERS and count_all_nonzero(x2) == x2.size)
    ):
        result = np.remainder(x1, x2)  # floats, or integers without a zero divisor
        return result if type(result) is ndarray else to_array(result)
    return _remainder(x1, x2)


def _float_power(x1: Any, x2: Any) -> Any:
    result = np.power(x1, x2)
    # NumPy computes x ** 0.5 as sqrt(x) where the exponent is a broadcast scalar, wrong
    # at -0 and -inf (https://github.com/numpy/numpy/issues/21213): corrected where an
    # exponent is 0.5. An exponent of the base's shape, at least 1-d and without a zero
    # stride, is never such a scalar (NumPy's loop steps over it), so it skips the test.
    if (x2.shape != x1.shape or not x2.ndim or 0 in getattr(x2, "strides", (0,))) and (
        count_all_nonzero(np.equal(x2, 0.5))
    ):
        result = special_cases.fix_pow_half(np, x1, x2, result)
    return result


def pow(x1: Any, x2: Any, /) -> Any:
    """The standard's ``pow`` (``numpy.power``): negative integer powers of integers
    raise; ``pow(-0, 0.5)`` is ``+0`` and ``pow(-inf, 0.5)`` is ``+inf``."""
    try:
        dtype = x1.dtype
        same = dtype is x2.dtype
    except AttributeError:  # a Python scalar
        same = False
    if same:
        if dtype in REAL_FLOATS:
            # Invalid results (negative bases) are quiet, as in the shared rule's path.
            # This is needed for every float input (only a reduction, as dear, would tell
            # that no base is negative); without_invalid makes it cost about 150 ns.
            result = without_invalid(_float_power, x1, x2)
            return result if type(result) is ndarray else to_array(result)
        if dtype in _SIGNED and (x2 >= 0).all():  # no negative integer power
            result = np.power(x1, x2)
            return result if type(result) is ndarray else to_array(result)
    return _pow(x1, x2)


def _logical(name: str, native: Callable[..., Any]) -> Callable[..., Any]:
    """A logical function of two arrays or scalars, promoted to one dtype first."""

    def call(x1: Any, x2: Any, /) -> Any:
        try:
            if x1.dtype is x2.dtype and x1.dtype in ALL:
                result = native(x1, x2)
                return result if type(result) is ndarray else to_array(result)
        except AttributeError:  # a Python scalar: polyarray's promotion rules apply
            pass
        result = native(*promoted(x1, x2, name))
        return result if type(result) is ndarray else to_array(result)

    call.__name__ = call.__qualname__ = name
    call.__module__ = __name__
    call.__doc__ = f"The standard's ``{name}`` of two arrays or scalars (``numpy.{name}``)."
    return call


logical_and = _logical("logical_and", np.logical_and)
logical_or = _logical("logical_or", np.logical_or)
logical_xor = _logical("logical_xor", np.logical_xor)


def _unary_direct(name: str) -> frozenset[Any]:
    """The dtypes for which the shared unary rule of ``name`` only calls NumPy's ufunc."""
    # (sign of complex numbers: see _sign)
    routed = frozenset(["complex64", "complex128"]) if name == "sign" else frozenset()
    return frozenset(np.dtype(n) for n in rules.direct_unary(name, routed))


def _unary(
    name: str, native: Callable[..., Any], general_native: Callable[..., Any] | None = None
) -> Callable[..., Any]:
    """The standard's ``name(x)``: ``native`` directly, or the shared rule (which calls
    ``general_native``, ``native`` unless given)."""
    general = rules.unary(name, general_native or native, OPS, np)
    direct = _unary_direct(name)

    def call(x: Any, /) -> Any:
        if x.dtype in direct:
            result = native(x)
            return result if type(result) is ndarray else to_array(result)
        return general(x)

    call.__name__ = call.__qualname__ = name
    call.__module__ = __name__
    call.__doc__ = f"The standard's ``{name}`` of an array (``numpy.{native.__name__}``)."
    return call


def _sign(x: Any, /) -> Any:
    if x.dtype.kind == "c":
        # NumPy's sign of a complex infinity is finite (sign(inf + 0j) is 1); the
        # standard's x / |x| is NaN there, as array-api-compat computes it.
        return compat_aliases().sign(x, xp=np)
    return np.sign(x)


abs = _unary("abs", np.absolute)
acos = _unary("acos", np.arccos)
acosh = _unary("acosh", np.arccosh)
asin = _unary("asin", np.arcsin)
asinh = _unary("asinh", np.arcsinh)
atan = _unary("atan", np.arctan)
atanh = _unary("atanh", np.arctanh)
bitwise_invert = _unary("bitwise_invert", np.invert)
ceil = _unary("ceil", np.ceil)
conj = _unary("conj", np.conjugate)
cos = _unary("cos", np.cos)
cosh = _unary("cosh", np.cosh)
exp = _unary("exp", np.exp)
expm1 = _unary("expm1", np.expm1)
floor = _unary("floor", np.floor)
imag = _unary("imag", np.imag)
isfinite = _unary("isfinite", np.isfinite)
isinf = _unary("isinf", np.isinf)
isnan = _unary("isnan", np.isnan)
log = _unary("log", np.log)
log1p = _unary("log1p", np.log1p)
log2 = _unary("log2", np.log2)
log10 = _unary("log10", np.log10)
negative = _unary("negative", np.negative)
positive = _unary("positive", np.positive)
real = _unary("real", np.real)
reciprocal = _unary("reciprocal", np.reciprocal)
round = _unary("round", np.round)
sign = _unary("sign", np.sign, _sign)
sin = _unary("sin", np.sin)
sinh = _unary("sinh", np.sinh)
square = _unary("square", np.square)
sqrt = _unary("sqrt", np.sqrt)
tan = _unary("tan", np.tan)
tanh = _unary("tanh", np.tanh)
trunc = _unary("trunc", np.trunc)


def logical_not(x: Any, /) -> Any:
    """The standard's ``logical_not`` (``numpy.logical_not``)."""
    result = np.logical_not(x)
    return result if type(result) is ndarray else to_array(result)


def signbit(x: Any, /) -> Any:
    """The standard's ``signbit`` (``numpy.signbit``)."""
    result = np.signbit(x)
    return result if type(result) is ndarray else to_array(result)


# -- clip ---------------------------------------------------------------------------------

_EXACT_INT: Final = 2**53


def clip(x: Any, /, min: Any = None, max: Any = None) -> Any:
    """The standard's ``clip``: bounds of the array's dtype; the result has its dtype."""
    # Python-number bounds of a float array: NumPy converts them as the general path does.
    if (
        type(x) is ndarray
        and x.dtype in REAL_FLOATS
        and (min is None or type(min) is float or _exact_int(min))
        and (max is None or type(max) is float or _exact_int(max))
    ):
        if min is None and max is None:
            return x.copy()
        result = x.clip(min, max)  # the method skips np.clip's __array_function__ dispatch
        return result if type(result) is ndarray else to_array(result)
    dtype_name = NAME[x.dtype]
    for bound in (min, max):
        checks.check_clip_bound(bound, dtype_name)
    return _clip_general(x, min, max)


def _exact_int(bound: Any) -> bool:
    # Python ints up to 2**53 are exact as floats: NumPy converts them to a float array's
    # dtype as np.asarray(bound, dtype) would.
    return type(bound) is int and -_EXACT_INT <= bound <= _EXACT_INT


def _clip_general(x: Any, low: Any, high: Any) -> Any:
    dtype = x.dtype
    if dtype in COMPLEX:  # (NumPy orders complex numbers by their parts; the standard's
        raise rules.complex_refused("clip")  # clip is of real numbers, as torch's)
    if dtype in INTEGRAL and dtype.kind != "b":
        smallest, largest = RANGES[NAME[dtype]]
        checks.check_clip_int_bounds(low, high, NAME[dtype])
        low, high = _within(low, smallest, lower=True), _within(high, largest, lower=False)
    if low is None and high is None:
        return to_array(x.copy()[()])
    a_low: Any = None if low is None else np.asarray(low, dtype=dtype)
    a_high: Any = None if high is None else np.asarray(high, dtype=dtype)
    if type(x) is not ndarray:  # (a Dask array: bounds of its dtype, a result of it, lazily)
        return np.clip(x, a_low, a_high)
    # Bounds and output of x's dtype: NumPy would otherwise promote the result.
    out = np.empty(np.broadcast_shapes(x.shape, np.shape(a_low), np.shape(a_high)), dtype=dtype)
    np.clip(x, a_low, a_high, out=out, casting="no")
    return out


def _within(bound: Any, limit: int, *, lower: bool) -> Any:
    """A bound of an integer array, at ``limit``, the end of its dtype's range: a scalar
    beyond it clips nothing on its side (None); the values of an array beyond it are
    limited to it."""
    if isinstance(bound, ndarray):
        outside = bound < limit if lower else bound > limit
        if outside.any():
            bound = bound.copy()  # the caller's array stays as it is
            bound[outside] = limit
        return bound
    if isinstance(bound, (int, generic)):  # Python and NumPy scalars
        scalar: Any = bound
        if scalar <= limit if lower else scalar >= limit:
            return None
    return bound
