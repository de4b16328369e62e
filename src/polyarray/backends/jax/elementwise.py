"""Element-wise functions of the standard, on JAX.

Each function calls ``jax.numpy`` directly when its input needs none of polyarray's rules:
arrays of one dtype (or of two that JAX promotes as polyarray does) for which the shared
rule (:func:`polyarray._rules.elementwise.binary` and ``unary``) would only call the same
function. Everything else takes the shared rule, bound to JAX arrays by :data:`OPS`:
Python scalars (their range is checked), integers in float-only functions (the default
float, not JAX's float64), integer division by zero and negative integer powers (refused
on concrete arrays; under tracing JAX's own result, docs/semantics.md "Under jax.jit"),
booleans in numeric functions, and the standard's special cases JAX misses (the sign of
a zero from ``floor_divide`` and ``remainder``, complex infinities in ``exp``, ``sqrt``,
``divide``...).

JAX arrays cannot be written into: the corrections are ``where`` selections, and the few
that cost several operations are compiled once with ``jax.jit`` (one dispatch instead of
five on the common float path of ``floor_divide`` and ``remainder``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import jax
import jax.numpy as jnp

from polyarray import _names
from polyarray._dtypes import PYTHON_SCALARS
from polyarray._rules import checks, mistakes
from polyarray._rules import elementwise as rules
from polyarray._rules.promotion import RANGES, promote
from polyarray.backends.jax._arrays import (
    ALL,
    COMPLEX,
    INTEGRAL,
    NAME,
    NATIVE,
    REAL_FLOATS,
    Array,
    JaxOps,
    concrete,
    promoted,
)
from polyarray.backends.jax._elementwise_cases import (
    FIXED_BINARY,
    FIXED_UNARY,
    XP,
    zero_sign_of_quotient,
)
from polyarray.errors import PromotionError

# Every element-wise function of the standard but logical_not, jax.numpy's own (it agrees
# with polyarray for every dtype).
__all__ = [name for name in _names.STANDARD_FUNCTIONS["element-wise"] if name != "logical_not"]

_BOOL: Final = frozenset({NATIVE["bool"]})
_SIGNED: Final = frozenset(NATIVE[n] for n in ("int8", "int16", "int32", "int64"))
_INTEGERS: Final = INTEGRAL - _BOOL


_INT64_LIMIT: Final = 2**63


class _ElementwiseOps(JaxOps):
    """JAX arrays for the shared rules, with the special cases JAX misses."""

    def compute(self, name: str, native: Any, x1: Any, x2: Any) -> Any:
        fixed = FIXED_BINARY.get((name, x1.dtype.kind))
        if fixed is None:
            if type(x2) is int and not -_INT64_LIMIT <= x2 < _INT64_LIMIT:
                # An int beyond 64 bits next to a float array: JAX reads ints through 64
                # bits; NumPy (and Python) take the nearest float.
                x2 = float(x2)
            return native(x1, x2)
        if name == "floor_divide":  # (the rule then corrects infinite operands itself)
            return zero_sign_of_quotient(x1, x2, native(x1, x2))
        return fixed(x1, x2)

    def compute_unary(self, name: str, native: Any, x: Any) -> Any:
        fixed = FIXED_UNARY.get((name, x.dtype.kind))
        return native(x) if fixed is None else fixed(x)


#: The shared rules' view of JAX arrays, with JAX's special cases.
OPS: Final = _ElementwiseOps()


# -- binary functions ----------------------------------------------------------------------


#: The dtypes JAX's checks and special cases send to the shared rule, by function.
_ROUTED_BINARY: Final = {
    # Integers: division by zero is refused; floats: the special cases (see below).
    "floor_divide": rules.INTEGER_NAMES | rules.REAL_FLOAT_NAMES,
    "remainder": rules.INTEGER_NAMES | rules.REAL_FLOAT_NAMES,
    # Negative integer powers are refused; JAX's wrap differently.
    "pow": rules.INTEGER_NAMES,
}


def _binary_direct(name: str) -> frozenset[Any]:
    """The dtypes for which the shared rule of ``name`` only calls ``jax.numpy``'s function.

    For two arrays of one such dtype there is nothing to promote, convert, check or
    correct (``OPS.compute`` reroutes none of them either).
    """
    routed = _ROUTED_BINARY.get(name, frozenset())
    return frozenset(NATIVE[n] for n in rules.direct_binary(name, routed))


def _promoted_pair(a: Any, b: Any) -> Any:
    try:
        return NATIVE[promote(NAME[a], NAME[b])]
    except PromotionError:  # uint64 with a signed integer
        return None


def _promotes_alike(direct: frozenset[Any]) -> frozenset[tuple[Any, Any]]:
    """The pairs of dtypes JAX promotes as polyarray does, to a dtype in ``direct``."""
    return frozenset(
        (a, b)
        for a in ALL
        for b in ALL
        if (dtype := _promoted_pair(a, b)) is not None
        # (Booleans are left out: JAX multiplies by them as by a selection, so that
        # False * -inf is 0 where NumPy gives NaN.)
        and a is not b
        and dtype in direct
        and _BOOL.isdisjoint((a, b))
        and jnp.promote_types(a, b) == dtype
    )


def _binary(name: str, native: Callable[..., Any]) -> Callable[..., Any]:
    """The standard's ``name(x1, x2)``: ``native`` directly, or the shared rule."""
    general = rules.binary(name, native, OPS, XP)
    direct = _binary_direct(name)
    mixed = _promotes_alike(direct)

    def call(x1: Any, x2: Any, /) -> Any:
        if type(x2) in PYTHON_SCALARS:  # tested first: an AttributeError costs ~500 ns
            return general(x1, x2)
        try:  # (the abstract value's dtype: a third of the cost of x1.dtype)
            dtype, other = x1.aval.dtype, x2.aval.dtype
        except AttributeError:  # a Python scalar first: polyarray's promotion rules apply
            return general(x1, x2)
        if (dtype is other and dtype in direct) or (dtype, other) in mixed:
            return native(x1, x2)
        return general(x1, x2)

    call.__name__ = call.__qualname__ = name
    call.__module__ = __name__
    call.__doc__ = f"The standard's ``{name}`` of two arrays or scalars (``jnp.{name}``)."
    return call


add = _binary("add", jnp.add)
atan2 = _binary("atan2", jnp.arctan2)
bitwise_and = _binary("bitwise_and", jnp.bitwise_and)
bitwise_left_shift = _binary("bitwise_left_shift", jnp.left_shift)
bitwise_or = _binary("bitwise_or", jnp.bitwise_or)
bitwise_right_shift = _binary("bitwise_right_shift", jnp.right_shift)
bitwise_xor = _binary("bitwise_xor", jnp.bitwise_xor)
copysign = _binary("copysign", jnp.copysign)
divide = _binary("divide", jnp.divide)
equal = _binary("equal", jnp.equal)
greater = _binary("greater", jnp.greater)
greater_equal = _binary("greater_equal", jnp.greater_equal)
hypot = _binary("hypot", jnp.hypot)
less = _binary("less", jnp.less)
less_equal = _binary("less_equal", jnp.less_equal)
logaddexp = _binary("logaddexp", jnp.logaddexp)
maximum = _binary("maximum", jnp.maximum)
minimum = _binary("minimum", jnp.minimum)
multiply = _binary("multiply", jnp.multiply)
nextafter = _binary("nextafter", jnp.nextafter)
not_equal = _binary("not_equal", jnp.not_equal)
subtract = _binary("subtract", jnp.subtract)

# The three functions whose rules check values: the checks run on concrete arrays that
# need them (the general functions below handle every other input).
_floor_divide: Final = _binary("floor_divide", jnp.floor_divide)
_remainder: Final = _binary("remainder", jnp.remainder)
_pow: Final = _binary("pow", jnp.power)

#: Whether an array holds a zero, or a negative number: one compiled dispatch each.
_has_zero: Final = jax.jit(lambda x: jnp.any(x == 0))
_has_negative: Final = jax.jit(lambda x: jnp.any(x < 0))


def _nonzero_divisor(x2: Any) -> bool:
    # Under tracing the divisor's values are unknown: JAX's result (docs/semantics.md).
    return not concrete(x2) or not bool(_has_zero(x2))


def _division(name: str, native: Callable[..., Any], general: Callable[..., Any]) -> Any:
    """``floor_divide`` or ``remainder``: floats through their compiled special cases,
    integers directly where the divisor holds no zero, anything else by ``general``."""
    fixed_floats = FIXED_BINARY[name, "f"]

    def call(x1: Any, x2: Any, /) -> Any:
        try:
            dtype = x1.aval.dtype
            same = dtype is x2.aval.dtype
        except AttributeError:  # a Python scalar
            same = False
        if same:
            if dtype in REAL_FLOATS:
                return fixed_floats(x1, x2)
            if dtype in _INTEGERS and _nonzero_divisor(x2):
                return native(x1, x2)
        return general(x1, x2)

    call.__name__ = call.__qualname__ = name
    call.__module__ = __name__
    return call


floor_divide = _division("floor_divide", jnp.floor_divide, _floor_divide)
floor_divide.__doc__ = """The standard's ``floor_divide`` (``jnp.floor_divide``): integer
division by zero raises; infinite and zero float operands give the standard's results."""
remainder = _division("remainder", jnp.remainder, _remainder)
remainder.__doc__ = """The standard's ``remainder`` (``jnp.remainder``, the sign of the
divisor, a zero's too): integer division by zero raises."""


def pow(x1: Any, x2: Any, /) -> Any:
    """The standard's ``pow`` (``jnp.power``): negative integer powers of integers raise
    (on concrete arrays)."""
    try:
        dtype = x1.aval.dtype
        same = dtype is x2.aval.dtype
    except AttributeError:  # a Python scalar
        same = False
    if same and dtype in _SIGNED and (not concrete(x2) or not bool(_has_negative(x2))):
        return FIXED_BINARY["pow", "i"](x1, x2)
    return _pow(x1, x2)


def _logical(name: str, native: Callable[..., Any]) -> Callable[..., Any]:
    """A logical function of two arrays or scalars, promoted to one dtype first (uint64
    with a signed integer is refused, as everywhere)."""

    def call(x1: Any, x2: Any, /) -> Any:
        try:
            if x1.dtype is x2.dtype and x1.dtype in ALL:
                return native(x1, x2)
        except AttributeError:  # a Python scalar: polyarray's promotion rules apply
            pass
        return native(*promoted(x1, x2, name))

    call.__name__ = call.__qualname__ = name
    call.__module__ = __name__
    call.__doc__ = f"The standard's ``{name}`` of two arrays or scalars (``jnp.{name}``)."
    return call


logical_and = _logical("logical_and", jnp.logical_and)
logical_or = _logical("logical_or", jnp.logical_or)
logical_xor = _logical("logical_xor", jnp.logical_xor)


# -- unary functions -----------------------------------------------------------------------


def _unary_direct(name: str) -> frozenset[Any]:
    """The dtypes for which the shared unary rule of ``name`` only calls JAX's function."""
    # The special cases JAX misses (OPS.compute_unary corrects them).
    routed = frozenset(n for n, d in NATIVE.items() if (name, d.kind) in FIXED_UNARY)
    return frozenset(NATIVE[n] for n in rules.direct_unary(name, routed))


def _unary(name: str, native: Callable[..., Any]) -> Callable[..., Any]:
    """The standard's ``name(x)``: ``native`` directly, or the shared rule."""
    general = rules.unary(name, native, OPS, XP)
    direct = _unary_direct(name)
    # The dtypes for which the rule only calls JAX's special cases, compiled (sign of
    # floats): called here, without the rule's ~1 us of Python around them.
    fixed = {
        NATIVE[n]: FIXED_UNARY[name, NATIVE[n].kind]
        for n in rules.direct_unary(name)
        if (name, NATIVE[n].kind) in FIXED_UNARY
    }

    def call(x: Any, /) -> Any:
        try:
            dtype = x.aval.dtype  # (a third of the cost of x.dtype)
        except AttributeError:  # not a JAX array: the rule says what it needs
            return general(x)
        if dtype in direct:
            return native(x)
        special = fixed.get(dtype)
        if special is not None:
            return special(x)
        return general(x)

    call.__name__ = call.__qualname__ = name
    call.__module__ = __name__
    call.__doc__ = f"The standard's ``{name}`` of an array (``jnp.{name}``)."
    return call


abs = _unary("abs", jnp.abs)
acos = _unary("acos", jnp.arccos)
acosh = _unary("acosh", jnp.arccosh)
asin = _unary("asin", jnp.arcsin)
asinh = _unary("asinh", jnp.arcsinh)
atan = _unary("atan", jnp.arctan)
atanh = _unary("atanh", jnp.arctanh)
ceil = _unary("ceil", jnp.ceil)
conj = _unary("conj", jnp.conjugate)
cos = _unary("cos", jnp.cos)
cosh = _unary("cosh", jnp.cosh)
exp = _unary("exp", jnp.exp)
expm1 = _unary("expm1", jnp.expm1)
floor = _unary("floor", jnp.floor)
imag = _unary("imag", jnp.imag)
isfinite = _unary("isfinite", jnp.isfinite)
isinf = _unary("isinf", jnp.isinf)
isnan = _unary("isnan", jnp.isnan)
log = _unary("log", jnp.log)
log1p = _unary("log1p", jnp.log1p)
log2 = _unary("log2", jnp.log2)
log10 = _unary("log10", jnp.log10)
negative = _unary("negative", jnp.negative)
positive = _unary("positive", jnp.positive)
real = _unary("real", jnp.real)
reciprocal = _unary("reciprocal", jnp.reciprocal)
round = _unary("round", jnp.round)
sign = _unary("sign", jnp.sign)
sin = _unary("sin", jnp.sin)
sinh = _unary("sinh", jnp.sinh)
square = _unary("square", jnp.square)
sqrt = _unary("sqrt", jnp.sqrt)
tan = _unary("tan", jnp.tan)
tanh = _unary("tanh", jnp.tanh)
trunc = _unary("trunc", jnp.trunc)


def bitwise_invert(x: Any, /) -> Any:
    """The standard's ``bitwise_invert`` (``jnp.invert``) of integers and booleans."""
    if x.dtype in INTEGRAL:
        return jnp.invert(x)
    raise mistakes.mistake_error(mistakes.BITWISE_FLOAT, "bitwise_invert", (x,), str(x.dtype))


def signbit(x: Any, /) -> Any:
    """The standard's ``signbit`` (``jnp.signbit``) of real numbers."""
    if x.dtype in COMPLEX:  # (JAX: ValueError; NumPy: TypeError, as for a wrong dtype)
        raise TypeError(f"pa.signbit is defined for real numbers, not {x.dtype}.")
    return jnp.signbit(x)


# -- clip ---------------------------------------------------------------------------------


def clip(x: Any, /, min: Any = None, max: Any = None) -> Any:
    """The standard's ``clip``: bounds of the array's dtype; the result has its dtype."""
    dtype = x.dtype
    if (
        dtype in REAL_FLOATS
        and (min is None or type(min) is float)
        and (max is None or type(max) is float)
    ):
        # Python float bounds of a float array: weak scalars, of the array's dtype.
        return jnp.array(x) if min is None and max is None else jnp.clip(x, min, max)
    dtype_name = NAME[dtype]
    for bound in (min, max):
        checks.check_clip_bound(bound, dtype_name)
    if dtype in COMPLEX:  # (the standard's clip is of real numbers, as torch's)
        raise rules.complex_refused("clip")
    low, high = min, max
    if dtype in _INTEGERS:
        smallest, largest = RANGES[dtype_name]
        checks.check_clip_int_bounds(low, high, dtype_name)
        low, high = _within(low, smallest, lower=True), _within(high, largest, lower=False)
    if low is None and high is None:
        return jnp.array(x)  # a new array, as from every computing function
    # Bounds of x's dtype: JAX would otherwise promote the result.
    a_low, a_high = _bound(low, dtype), _bound(high, dtype)
    shapes = [a.shape for a in (x, a_low, a_high) if a is not None]
    return jnp.broadcast_to(jnp.clip(x, a_low, a_high), jnp.broadcast_shapes(*shapes))


def _within(bound: Any, limit: int, *, lower: bool) -> Any:
    """A bound of an integer array, at ``limit``, the end of its dtype's range: a scalar
    beyond it clips nothing on its side (None); the values of an array beyond it are
    limited to it (before the cast to the array's dtype, which would wrap them)."""
    if isinstance(bound, Array):
        low, high = RANGES.get(NAME[bound.dtype], (limit, limit))
        if low <= limit <= high:  # else no value of the bound lies beyond the limit
            return jnp.maximum(bound, limit) if lower else jnp.minimum(bound, limit)
        return bound
    if type(bound) is int and (bound <= limit if lower else bound >= limit):
        return None
    return bound


def _bound(bound: Any, dtype: Any) -> Any:
    """A bound as an array of ``dtype`` (None stays None)."""
    if bound is None or isinstance(bound, Array):
        return None if bound is None else bound.astype(dtype)
    if type(bound) is int and dtype.kind in "fc":
        bound = float(bound)  # (JAX reads an int through 64 bits first; NumPy rounds it)
    return jnp.asarray(bound, dtype=dtype)
