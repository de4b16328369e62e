"""What the NumPy and torch function modules share: dtype facts and elementwise rules.

Nothing here imports a framework. Functions that compute on arrays take the backend's
array-api-compat namespace ``xp`` as an argument, so each rule is written once and runs
on NumPy arrays and torch tensors alike (the habit of array-api-compat's ``common``).

- :func:`finfo` and :func:`iinfo` return the same objects on every backend: Python
  numbers, and ``dtype`` a :class:`polyarray.DType` (NumPy's carry NumPy scalars, and
  array-api-compat's torch ones carry strings).
- The name sets below sort the element-wise functions by what polyarray decides for them
  (see ``docs/semantics.md``): integer and boolean inputs of floating-point functions
  give the default float; integer division by zero raises.
- The ``fix_*`` functions apply the standard's special cases that NumPy or torch get
  wrong (infinities in ``floor_divide``, complex ``expm1``...).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from polyarray import _config, _names
from polyarray._dtypes import BY_NAME, DType
from polyarray._names import Dispatch
from polyarray.backends._promotion import RANGES
from polyarray.errors import IntegerDivisionByZeroError

__all__ = [
    "promoted_diff_arguments",
    "UNARY",
    "ArrayOps",
    "as_name",
    "binary",
    "check_scalar",
    "promoted_name",
    "promoting",
    "sequence_promoting",
    "unary",
    "COMPARISONS",
    "FLOAT_ONLY_BINARY",
    "FLOAT_ONLY_UNARY",
    "FInfo",
    "IInfo",
    "comparison_fill",
    "default_name_for_scalar",
    "division_by_zero",
    "finfo",
    "iinfo",
]

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


@dataclass(frozen=True)
class FInfo:
    """Machine limits of a floating-point dtype (what ``pa.finfo`` returns).

    Attributes follow the standard; ``dtype`` is the real dtype (float32 for complex64).
    """

    bits: int
    eps: float
    max: float
    min: float
    smallest_normal: float
    dtype: DType


@dataclass(frozen=True)
class IInfo:
    """Machine limits of an integer dtype (what ``pa.iinfo`` returns)."""

    bits: int
    max: int
    min: int
    dtype: DType


def _float_info(bits: int, mantissa: int, max_exponent: int) -> FInfo:
    largest = (2.0 - 2.0**-mantissa) * 2.0 ** (max_exponent - 1)
    return FInfo(
        bits=bits,
        eps=2.0**-mantissa,
        max=largest,
        min=-largest,
        smallest_normal=2.0 ** (2 - max_exponent),
        dtype=BY_NAME[f"float{bits}"],
    )


_FINFO: Final = {
    "float32": _float_info(32, 23, 128),
    "float64": _float_info(64, 52, 1024),
}
_FINFO["complex64"] = _FINFO["float32"]
_FINFO["complex128"] = _FINFO["float64"]


def finfo(name: str) -> FInfo:
    """``finfo`` of the floating-point or complex dtype called ``name``."""
    try:
        return _FINFO[name]
    except KeyError:
        raise TypeError(
            f"finfo needs a floating-point or complex dtype, not {name}. "
            "For integer dtypes use pa.iinfo."
        ) from None


def iinfo(name: str) -> IInfo:
    """``iinfo`` of the integer dtype called ``name``."""
    try:
        low, high = RANGES[name]
    except KeyError:
        raise TypeError(
            f"iinfo needs an integer dtype, not {name}. For floating-point dtypes use pa.finfo."
        ) from None
    return IInfo(bits=BY_NAME[name].bits, max=high, min=low, dtype=BY_NAME[name])


def default_name_for_scalar(value: Any) -> str | None:
    """The dtype polyarray gives an array made from the Python scalar ``value``."""
    kind = type(value)
    if kind is bool:
        return "bool"
    if kind is int:
        return "int64"
    if kind is float:
        return _config.default_float()
    if kind is complex:
        return _config.default_complex()
    return None


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
    ``+-inf j`` gives ``+inf +- pi/2 j``, as the standard says.
    """
    re, im = xp.real(x), xp.imag(x)
    inf = xp.full_like(re, float("inf"))
    inf_nan = (xp.isinf(re) & xp.isnan(im)) | (xp.isnan(re) & xp.isinf(im))
    result = xp.where(inf_nan, _complex(xp, inf, xp.full_like(re, float("nan")), result), result)
    finite_inf = xp.isfinite(re) & xp.isinf(im)
    half_pi = xp.copysign(xp.full_like(re, math.pi / 2), im)
    return xp.where(finite_inf, _complex(xp, inf, half_pi, result), result)


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
    result = xp.zeros_like(like)
    result.real[...] = real
    result.imag[...] = imag
    return result


# -- promotion and element-wise rules, written once for every backend ---------------------

_SCALARS: Final = (bool, int, float, complex)


class ArrayOps:
    """What the shared element-wise rules need to know about one backend's arrays.

    Subclasses set ``array_type`` and ``names`` (native dtype -> standard name) and
    implement the few primitives below; :func:`binary` and :func:`unary` do the rest.
    """

    array_type: Any  # a type, or a tuple of types (NumPy arrays and NumPy scalars)
    names: dict[Any, str]
    integral: frozenset[Any]

    def native(self, name: str) -> Any:
        """The native dtype called ``name``."""
        raise NotImplementedError

    def cast(self, x: Any, name: str) -> Any:
        """``x`` converted to the dtype ``name`` (``x`` itself when it already has it)."""
        raise NotImplementedError

    def scalar(self, value: Any, name: str, like: Any) -> Any:
        """The Python scalar ``value`` as a 0-d array of dtype ``name`` next to ``like``."""
        raise NotImplementedError

    def full_bool(self, like: Any, fill: bool) -> Any:
        """A boolean array shaped like ``like``, filled with ``fill``."""
        raise NotImplementedError

    def any(self, mask: Any) -> bool:
        """Whether any element of the boolean array ``mask`` is true."""
        return bool(mask.any())

    def compute(self, name: str, native: Any, x1: Any, x2: Any) -> Any:
        """``native(x1, x2)`` for arrays of one dtype (a backend may reroute some dtypes)."""
        return native(x1, x2)

    def compute_unary(self, name: str, native: Any, x: Any) -> Any:
        """``native(x)`` (a backend may reroute some dtypes)."""
        return native(x)


def check_scalar(value: Any, name: str) -> None:
    """Raise a clear ``TypeError`` unless ``value`` is a Python scalar."""
    if type(value) not in _SCALARS:
        raise TypeError(
            f"pa.{name} takes arrays and Python scalars (bool, int, float, complex), not "
            f"{type(value).__name__}. Convert it first, e.g. pa.asarray(value)."
        )


def promoted_name(ops: ArrayOps, values: list[Any], name: str) -> str:
    """The result dtype name of arrays and Python scalars under polyarray's rules."""
    array_type = ops.array_type
    names = [ops.names[v.dtype] for v in values if isinstance(v, array_type)]
    scalars = [v for v in values if not isinstance(v, array_type)]
    for value in scalars:
        check_scalar(value, name)
    if not names:
        # Only scalars (a direct call; the dispatcher converts these): their own dtypes.
        names = [default_name_for_scalar(scalars[0]) or ""]
        scalars = scalars[1:]
    from polyarray.backends._promotion import result_name

    return result_name(names, scalars)


def promoted_diff_arguments(
    ops: ArrayOps, x: Any, prepend: Any, append: Any
) -> tuple[Any, Any, Any]:
    """``diff``'s array, ``prepend`` and ``append``, cast to one dtype when theirs differ."""
    parts = [p for p in (x, prepend, append) if p is not None]
    if len({p.dtype for p in parts}) > 1:
        name = promoted_name(ops, parts, "diff")
        x, prepend, append = (
            None if p is None else ops.cast(p, name) for p in (x, prepend, append)
        )
    return x, prepend, append


def as_name(ops: ArrayOps, values: list[Any], name: str) -> list[Any]:
    """Arrays cast to dtype ``name`` and Python scalars made 0-d arrays of it."""
    like = next((v for v in values if isinstance(v, ops.array_type)), None)
    return [
        ops.cast(v, name) if isinstance(v, ops.array_type) else ops.scalar(v, name, like)
        for v in values
    ]


def promoting(ops: ArrayOps, function: Any, positions: int) -> Callable[..., Any]:
    """``function`` with its first ``positions`` arguments promoted to one dtype."""
    label = getattr(function, "__name__", "function")

    def call(*args: Any, **kwargs: Any) -> Any:
        values = list(args[:positions])
        name = promoted_name(ops, values, label)
        return function(*as_name(ops, values, name), *args[positions:], **kwargs)

    call.__name__ = label
    call.__doc__ = getattr(function, "__doc__", None)
    return call


def sequence_promoting(ops: ArrayOps, function: Any) -> Callable[..., Any]:
    """``function(arrays, ...)`` with every array of ``arrays`` promoted to one dtype."""
    label = getattr(function, "__name__", "function")

    def call(arrays: Any, /, *args: Any, **kwargs: Any) -> Any:
        arrays = list(arrays)
        if len({a.dtype for a in arrays}) > 1:
            name = promoted_name(ops, arrays, label)
            arrays = [ops.cast(a, name) for a in arrays]
        return function(arrays, *args, **kwargs)

    call.__name__ = label
    call.__doc__ = getattr(function, "__doc__", None)
    return call


def _out_of_range_comparison(ops: ArrayOps, name: str, x1: Any, x2: Any) -> Any:
    """The exact answer of comparing an integer array with an int beyond its range."""
    scalar_first = not isinstance(x1, ops.array_type)
    array, scalar = (x2, x1) if scalar_first else (x1, x2)
    if type(scalar) is not int or not isinstance(array, ops.array_type):
        return None
    dtype_name = ops.names[array.dtype]
    low, high = RANGES.get(dtype_name, (scalar, scalar))
    if low <= scalar <= high:
        return None
    return ops.full_bool(array, comparison_fill(name, scalar_first, scalar > high))


def binary(name: str, native: Any, ops: ArrayOps, xp: Any) -> Callable[..., Any]:
    """The element-wise function ``name`` of two arrays or scalars, on one backend.

    Promotes by polyarray's rules, gives floating-point-only functions the default
    float for integer inputs, raises on integer division by zero and on negative integer
    powers, and applies the standard's special cases where the framework misses them.
    """
    from polyarray._config import default_float
    from polyarray.backends._promotion import KIND

    float_only = name in FLOAT_ONLY_BINARY
    comparison = name in COMPARISONS
    integer_division = name in ("floor_divide", "remainder")
    # Bitwise functions take integers (and booleans, except the shifts) only.
    smallest_kind, largest_kind = (1 if name.endswith("shift") else 0), 1
    bitwise = name.startswith("bitwise_")

    def call(x1: Any, x2: Any, /) -> Any:
        if comparison:
            exact = _out_of_range_comparison(ops, name, x1, x2)
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
        a1, a2 = as_name(ops, [x1, x2], dtype_name)
        if kind == 1:
            if integer_division and ops.any(a2 == 0):
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

    def call(x: Any, /) -> Any:
        if float_only and x.dtype in integral:
            x = ops.cast(x, default_float())
        result = ops.compute_unary(name, native, x)
        if fix is not None and ops.names[result.dtype].startswith("complex"):
            result = fix(xp, x, result)
        return result

    call.__name__ = name
    return call


# -- one exception type per mistake -------------------------------------------------------

#: The mistakes polyarray reports with one exception type on every backend.
BROADCAST, AXIS, RESHAPE, MATMUL, EMPTY_REDUCTION, SHAPES, SQUEEZE, FFT_LENGTH = (
    "broadcast",
    "axis",
    "reshape",
    "matmul",
    "empty reduction",
    "shapes",
    "squeeze",
    "fft length",
)


def _shapes(args: tuple[Any, ...]) -> list[tuple[int, ...]]:
    if args and all(isinstance(a, tuple) for a in args):  # broadcast_shapes(*shapes)
        return [tuple(a) for a in args]
    found: list[tuple[int, ...]] = []
    for arg in args:
        if hasattr(arg, "shape") and hasattr(arg, "dtype"):
            found.append(tuple(arg.shape))
        elif isinstance(arg, (list, tuple)):
            found.extend(_shapes(tuple(arg)))
    return found


def mistake_error(mistake: str, name: str, args: tuple[Any, ...], detail: str) -> Exception:
    """polyarray's exception for ``mistake`` in ``pa.name``, worded alike on every backend.

    ``detail`` (the framework's own message) is kept at the end, in parentheses.
    """
    from polyarray import errors

    shapes = ", ".join(str(s) for s in _shapes(args)) or "?"
    detail = detail.strip().splitlines()[0] if detail.strip() else ""
    if mistake == BROADCAST:
        from polyarray.backends._base import Backend

        return Backend.broadcast_error(name, _shapes(args), detail)
    if mistake == AXIS:
        return errors.AxisError(
            f"pa.{name}: an axis is out of range or repeated for input shape(s) {shapes}; "
            f"axes must lie in [-ndim, ndim) and be distinct ({detail})"
        )
    if mistake == RESHAPE:
        target = args[1] if len(args) > 1 else "?"
        return errors.ReshapeError(
            f"pa.{name}: cannot reshape an array of shape {shapes} into {target}: both must "
            f"hold the same number of elements ({detail})"
        )
    if mistake == MATMUL:
        return errors.MatmulShapeError(
            f"pa.{name}: the contracted dimensions of shapes {shapes} differ (for matmul, "
            f"the last axis of x1 and the second-to-last of x2) ({detail})"
        )
    if mistake == EMPTY_REDUCTION:
        return errors.EmptyReductionError(
            f"pa.{name} of an empty array (shape {shapes}) along the reduced axes is not "
            f"defined: {name} has no identity. Check the size first ({detail})"
        )
    if mistake == FFT_LENGTH:
        # A plain ValueError, as NumPy raises: there is no polyarray class for it.
        return ValueError(
            f"pa.{name}: the number of FFT points must be at least 1 ({detail}); pass n "
            "explicitly for inputs of length 1."
        )
    if mistake == SQUEEZE:
        return errors.ShapeError(
            f"pa.{name}: only axes of length 1 can be squeezed, and shape {shapes} has a "
            f"longer one among those asked for ({detail})"
        )
    return errors.ShapeError(
        f"pa.{name}: the shapes {shapes} do not fit together; all arrays must have the same "
        f"shape except along the joining axis ({detail})"
    )


def classify(patterns: list[tuple[Any, str]], exc: Exception) -> str | None:
    """The mistake whose pattern (a compiled regex) matches the exception's message."""
    from polyarray.errors import PolyarrayError

    if isinstance(exc, PolyarrayError):
        return None  # already polyarray's own
    message = str(exc)
    for pattern, mistake in patterns:
        if pattern.search(message):
            return mistake
    return None


def needs_dimensions(name: str, function: Any) -> Callable[..., Any]:
    """``function`` refusing 0-d arrays, for which the standard leaves it undefined."""

    def call(x: Any, /, *args: Any, **kwargs: Any) -> Any:
        if not x.ndim:
            raise ValueError(
                f"pa.{name} needs an array with at least one dimension (the standard "
                "leaves 0-d input undefined, and NumPy and torch disagree). Reshape it "
                "first, e.g. pa.reshape(x, (1,))."
            )
        return function(x, *args, **kwargs)

    call.__name__ = name
    return call


def no_axes_error(name: str, axis: Any) -> Exception:
    """The error for an axis given to a 0-d array, which has none."""
    from polyarray.errors import AxisError

    return AxisError(
        f"pa.{name}: axis {axis!r} is out of range for a 0-d array, which has no axes; "
        "use axis=None, or reshape it to 1-d first."
    )


def no_axes_for_scalars(
    name: str, function: Any, *, position: int | None = None
) -> Callable[..., Any]:
    """``function`` raising AxisError for an axis of a 0-d array.

    torch accepts 0 and -1 there, and NumPy's ``squeeze`` and ``repeat`` do too; the
    standard (and NumPy elsewhere) says a 0-d array has no axes. ``position`` is where a
    positional axis argument sits, for functions that take it so.
    """

    def call(x: Any, /, *args: Any, **kwargs: Any) -> Any:
        if position is not None and len(args) >= position:
            axis = args[position - 1]
        else:
            axis = kwargs.get("axis")
        if axis is not None and axis != () and hasattr(x, "ndim") and not x.ndim:
            raise no_axes_error(name, axis)
        return function(x, *args, **kwargs)

    call.__name__ = name
    return call


def check_arange(start: Any, stop: Any, step: Any, dtype_name: str | None) -> None:
    """Refuse the ``arange`` calls NumPy and torch answer differently.

    Float bounds with an integer dtype: NumPy steps by the difference of the first two
    converted values (``arange(-0.5, 1, 1, dtype=int64)`` is ``[0, 0]``), torch converts
    the bounds first; the standard defines neither. A zero step never ends.
    """
    from polyarray.backends._promotion import KIND

    if step == 0:
        raise ValueError("pa.arange: step must not be zero.")
    if dtype_name is not None and KIND[dtype_name] < 2:
        floats = [v for v in (start, stop, step) if type(v) is float]
        if floats:
            raise TypeError(
                f"pa.arange with the integer dtype {dtype_name} needs integer start, stop "
                f"and step, not {floats[0]!r}; round them first or use a float dtype."
            )


def check_clip_bound(bound: Any, dtype_name: str) -> None:
    """Refuse a Python float bound for an integer array in ``clip``.

    The standard leaves bounds of another kind undefined; NumPy rounds the clipped values
    back to integers silently and torch refuses, so polyarray refuses on every backend.
    """
    from polyarray.backends._promotion import KIND

    if type(bound) is float and KIND[dtype_name] < 2:
        raise TypeError(
            f"pa.clip: a float bound ({bound}) for an integer array ({dtype_name}) is not "
            "defined; convert the array or the bound first."
        )
