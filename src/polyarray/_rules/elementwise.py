"""Element-wise functions written once for every backend: promotion, float-only
functions on integers, integer division by zero, the standard's special cases.

Nothing here imports a framework; the rules take the backend's namespace ``xp`` and its
:class:`~polyarray._rules.arrays.ArrayOps`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from polyarray import _names
from polyarray._names import Dispatch
from polyarray._rules.arrays import ArrayOps, as_name, out_of_range_comparison, promoted_name
from polyarray._rules.special_cases import (
    division_by_zero,
    fix_complex_acos,
    fix_complex_expm1,
    fix_complex_log1p,
    fix_complex_tanh,
    fix_floor_divide,
    fix_remainder_zero_sign,
)

_REAL_SCALARS: Final = (int, float)
_FLOAT32_MAX: Final = 3.4028234663852886e38
#: Binary functions whose float results get the standard's special cases after the call.
_SCALAR_RULES: Final = frozenset(["floor_divide", "remainder", "pow"])

#: The one-argument element-wise functions that go through :func:`unary` (integers to the
#: default float where the function is float-only, the standard's special cases), taken
#: from the name table: all of them but the boolean ones, which need neither.
UNARY: Final = tuple(
    name
    for name, kind in _names.STANDARD_FUNCTIONS["element-wise"].items()
    if kind is Dispatch.ARRAY and name not in ("logical_not", "signbit")
)
#: Binary functions defined for floating-point inputs only: integers give the default float.
FLOAT_ONLY_BINARY: Final = frozenset(
    ["divide", "atan2", "hypot", "logaddexp", "copysign", "nextafter"]
)
#: Unary functions defined for floating-point inputs only.
FLOAT_ONLY_UNARY: Final = frozenset(
    [
        "acos",
        "acosh",
        "asin",
        "asinh",
        "atan",
        "atanh",
        "cos",
        "cosh",
        "exp",
        "expm1",
        "log",
        "log1p",
        "log2",
        "log10",
        "reciprocal",
        "sin",
        "sinh",
        "sqrt",
        "tan",
        "tanh",
    ]
)
#: Comparisons: an out-of-range Python int gives the exact answer instead of an error.
COMPARISONS: Final = frozenset(
    ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]
)
#: Binary functions whose result dtype is the promoted dtype of the inputs.
ARITHMETIC: Final = frozenset(
    [
        "add",
        "subtract",
        "multiply",
        "floor_divide",
        "remainder",
        "pow",
        "maximum",
        "minimum",
        "bitwise_and",
        "bitwise_or",
        "bitwise_xor",
        "bitwise_left_shift",
        "bitwise_right_shift",
    ]
)
#: Every binary element-wise function that promotes its inputs.
PROMOTING_BINARY: Final = FLOAT_ONLY_BINARY | COMPARISONS | ARITHMETIC

#: Numeric functions of booleans, which the standard defines for numbers only: computed,
#: as NumPy does, on False and True as 0 and 1 (in uint8), and given back as booleans,
#: since each result is again 0 or 1 (NumPy gave int8 for square, conj, floor_divide,
#: remainder and pow, float16 for round, an error for sign and positive; torch raised for
#: most and gave int64 for square). ``add``, ``multiply``, ``maximum``, ``minimum`` (or,
#: and, or, and) already give booleans on every backend and need no rule.
BOOLEAN_AS_NUMBERS: Final = frozenset(
    [
        *("abs", "ceil", "conj", "floor", "positive", "round", "sign", "square", "trunc"),
        *("floor_divide", "remainder", "pow"),
    ]
)
#: Numeric functions whose results leave the booleans (-1): a ``TypeError`` for boolean
#: arrays on every backend, as NumPy raises (torch raised RuntimeError).
BOOLEAN_REFUSED: Final = frozenset(["negative", "subtract"])
#: The functions with a rule for booleans: backends call their framework directly on
#: booleans for none of these.
BOOLEAN_RULES: Final = BOOLEAN_AS_NUMBERS | BOOLEAN_REFUSED


#: Functions the standard defines for real numbers only: complex input is a ``TypeError``
#: on every backend (NumPy ordered complex numbers by their parts in the comparisons,
#: maximum, minimum and clip, and raised TypeError elsewhere; torch raised
#: NotImplementedError or RuntimeError).
REAL_ONLY: Final = frozenset(
    [
        *("atan2", "copysign", "floor_divide", "remainder", "hypot", "logaddexp"),
        *("nextafter", "maximum", "minimum", "less", "less_equal", "greater"),
        *("greater_equal", "ceil", "floor", "trunc"),
    ]
)


#: The standard's dtypes by kind (names), for the backends' direct-dtype tables.
INTEGER_NAMES: Final = frozenset(n for n in _names.DTYPES if "int" in n)
SIGNED_NAMES: Final = frozenset(n for n in INTEGER_NAMES if not n.startswith("u"))
REAL_FLOAT_NAMES: Final = frozenset({"float32", "float64"})
_INTEGRAL_NAMES: Final = INTEGER_NAMES | {"bool"}
_COMPLEX_NAMES: Final = frozenset(n for n in _names.DTYPES if n.startswith("complex"))


def direct_binary(name: str, routed: frozenset[str] = frozenset()) -> frozenset[str]:
    """The standard dtypes for which :func:`binary`'s rule of ``name`` only calls the
    native function: arrays of one of them can go to the framework directly.

    ``routed`` are the dtypes (by name) a backend sends to the rule all the same, for the
    checks and special cases its framework needs (integer division by zero, negative
    integer powers, the zero signs of ``floor_divide``...). The rules every backend shares
    are here: integers in float-only functions, complex division, the dtypes of the
    bitwise functions, booleans with a rule, complex input to real-only functions.
    """
    direct = frozenset(_names.DTYPES) - routed
    if name in FLOAT_ONLY_BINARY:
        direct -= _INTEGRAL_NAMES  # integers give the default float
    if name == "divide":
        direct -= _COMPLEX_NAMES  # a finite number divided by complex zero is NaN + NaN j
    if name.startswith("bitwise_"):
        # Integers (and booleans, except for shifts) only; others raise polyarray's error.
        direct &= _INTEGRAL_NAMES - ({"bool"} if name.endswith("shift") else set())
    if name in BOOLEAN_RULES:
        direct -= {"bool"}  # booleans as 0 and 1, given back as booleans (or refused)
    if name in REAL_ONLY:
        direct -= _COMPLEX_NAMES  # refused (frameworks order complex numbers in some)
    return direct


def direct_unary(name: str, routed: frozenset[str] = frozenset()) -> frozenset[str]:
    """The standard dtypes for which :func:`unary`'s rule of ``name`` only calls the
    native function (``routed``: as for :func:`direct_binary`)."""
    direct = frozenset(_names.DTYPES) - routed
    if name in FLOAT_ONLY_UNARY:
        direct -= _INTEGRAL_NAMES  # integers give the default float
    if name in COMPLEX_FIXES:
        direct -= _COMPLEX_NAMES  # the standard's complex special cases
    if name in BOOLEAN_RULES:
        direct -= {"bool"}  # booleans as 0 and 1, given back as booleans (or refused)
    if name in REAL_ONLY:
        direct -= _COMPLEX_NAMES  # refused
    return direct


def complex_refused(name: str) -> TypeError:
    """The error for complex input to a function of real numbers."""
    return TypeError(
        f"pa.{name} is defined for real numbers, and complex numbers have no order or "
        "parts it could use; pass pa.real(x) or pa.abs(x) as suits."
    )


def boolean_refused(name: str) -> TypeError:
    """The error for ``negative``/``subtract`` of booleans."""
    instead = "pa.logical_not" if name == "negative" else "pa.logical_xor"
    return TypeError(
        f"pa.{name} of booleans is not defined (its result would leave them: -1); use "
        f"{instead}, or convert first, e.g. pa.astype(x, pa.int8)."
    )


def binary(name: str, native: Any, ops: ArrayOps, xp: Any) -> Callable[..., Any]:
    """The element-wise function ``name`` of two arrays or scalars, on one backend.

    Promotes by polyarray's rules, gives floating-point-only functions the default
    float for integer inputs, raises on integer division by zero and on negative integer
    powers, and applies the standard's special cases where the framework misses them.
    """
    from polyarray._config import default_float
    from polyarray._rules.promotion import KIND

    float_only = name in FLOAT_ONLY_BINARY
    real_only = name in REAL_ONLY
    boolean_rule = name in BOOLEAN_RULES
    comparison = name in COMPARISONS
    integer_division = name in ("floor_divide", "remainder")
    # Bitwise functions take integers (and booleans, except the shifts) only.
    smallest_kind, largest_kind = (1 if name.endswith("shift") else 0), 1
    bitwise = name.startswith("bitwise_")

    # A real floating array next to a Python int or float needs none of the rules below:
    # the result has the array's dtype (the standard's weak scalars), as the framework
    # computes it, and casting the scalar first (the general path) gives the same values.
    # Where the backend's native function takes a Python scalar second, it goes straight
    # there; x * 2.0 is too common to pay for promotion. NaN, infinities and values beyond
    # float32's range fail the range test and take the general path.
    scalar_direct = name in ops.takes_scalars and name not in _SCALAR_RULES and not bitwise

    def call(x1: Any, x2: Any, /) -> Any:
        if (
            scalar_direct
            and type(x2) in _REAL_SCALARS
            and isinstance(x1, ops.array_type)
            and -_FLOAT32_MAX < x2 < _FLOAT32_MAX
            and KIND[ops.names[x1.dtype]] == 2
        ):
            return ops.compute(name, native, x1, x2)
        if comparison:
            exact = out_of_range_comparison(ops, name, x1, x2)
            if exact is not None:
                return exact
        dtype_name = promoted_name(ops, [x1, x2], name)
        kind = KIND[dtype_name]
        if bitwise and not smallest_kind <= kind <= largest_kind:
            raise TypeError(
                f"pa.{name} needs integer{'' if smallest_kind else ' or boolean'} arrays, "
                f"and these promote to {dtype_name}. Convert them, e.g. pa.astype(x, pa.int64)."
            )
        if float_only and kind < 2:
            dtype_name, kind = default_float(), 2
        if real_only and kind == 3:
            raise complex_refused(name)
        if boolean_rule and kind == 0:
            return _boolean_binary(name, native, ops, x1, x2)
        a1, a2 = as_name(ops, [x1, x2], dtype_name)
        if kind == 1:
            # (Only where a division happens: an empty dividend divides by nothing, and
            # NumPy's own empty result has no warning; docs/semantics.md.)
            if integer_division and 0 not in a1.shape and ops.any(a2 == 0):
                raise division_by_zero(name, dtype_name)
            if name == "pow" and not dtype_name.startswith("u") and ops.any(a2 < 0):
                raise ValueError(
                    "pa.pow: integers to negative integer powers are not allowed (the "
                    "result is not an integer). Convert to a float dtype first."
                )
        result = ops.compute(name, native, a1, a2)
        if kind == 2:
            if name == "floor_divide":
                result = fix_floor_divide(xp, a1, a2, result)
            elif name == "remainder":
                result = fix_remainder_zero_sign(xp, a2, result)
        return result

    call.__name__ = name
    return call


def _boolean_binary(name: str, native: Any, ops: ArrayOps, x1: Any, x2: Any) -> Any:
    """``floor_divide``, ``remainder``, ``pow`` of booleans as of the integers 0 and 1,
    given back as booleans (see BOOLEAN_AS_NUMBERS); ``subtract`` refused."""
    if name in BOOLEAN_REFUSED:
        raise boolean_refused(name)
    a1, a2 = as_name(ops, [x1, x2], "uint8")
    if name in ("floor_divide", "remainder") and 0 not in a1.shape and ops.any(a2 == 0):
        raise division_by_zero(name, "bool")
    return ops.cast(ops.compute(name, native, a1, a2), "bool")


#: The standard's special cases of complex functions, applied after the framework's result.
COMPLEX_FIXES: Final = {
    "expm1": fix_complex_expm1,
    "log1p": fix_complex_log1p,
    "acos": fix_complex_acos,
    "tanh": fix_complex_tanh,
}


def unary(name: str, native: Any, ops: ArrayOps, xp: Any) -> Callable[..., Any]:
    """The element-wise function ``name`` of one array, on one backend.

    Integer and boolean inputs of floating-point-only functions get the default float;
    the standard's complex special cases are applied where the framework misses them.
    """
    from polyarray._config import default_float

    float_only = name in FLOAT_ONLY_UNARY
    fix = COMPLEX_FIXES.get(name)
    integral = ops.integral
    boolean_rule = name in BOOLEAN_RULES
    refused = name in BOOLEAN_REFUSED
    real_only = name in REAL_ONLY

    def call(x: Any, /) -> Any:
        if real_only and ops.names[x.dtype].startswith("complex"):
            raise complex_refused(name)
        if float_only and x.dtype in integral:
            x = ops.cast(x, default_float())
        elif boolean_rule and ops.names[x.dtype] == "bool":
            # Of False and True as 0 and 1, given back as booleans (BOOLEAN_AS_NUMBERS).
            if refused:
                raise boolean_refused(name)
            return ops.cast(ops.compute_unary(name, native, ops.cast(x, "uint8")), "bool")
        result = ops.compute_unary(name, native, x)
        if fix is not None and ops.names[result.dtype].startswith("complex"):
            result = fix(xp, x, result)
        return result

    call.__name__ = name
    return call
