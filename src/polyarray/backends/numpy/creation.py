"""Creation functions of the standard, on NumPy.

Arrays made from Python floats, and float creation functions without a dtype, get
polyarray's default float (float32 unless configured), not NumPy's float64; dtype
arguments may be :class:`polyarray.DType`, strings, Python types or NumPy's own. NumPy
has only the CPU device.
"""

from __future__ import annotations

import math
from typing import Any, Final, Literal

import numpy as np

from polyarray import _config
from polyarray._dtypes import canonical_name
from polyarray._rules import arguments, checks, conversion, data_types, mistakes
from polyarray._rules import creation as rules
from polyarray.backends.numpy._arrays import (
    NAME,
    NATIVE,
    check_cpu,
    native_dtype,
    one_dtype,
)

__all__ = [
    "arange",
    "asarray",
    "empty",
    "empty_like",
    "eye",
    "from_dlpack",
    "full",
    "full_like",
    "linspace",
    "meshgrid",
    "ones",
    "ones_like",
    "tril",
    "triu",
    "zeros",
    "zeros_like",
]

#: The integer scalar types (not bool), whose linspace bounds are checked.
_INTEGER_TYPES: Final = frozenset(t for n, t in NATIVE.items() if "int" in n)
_REAL_TYPES: Final = frozenset({np.float32, np.float64, np.bool_})  # (complex refused)
# What asarray gives the default float (or complex) when it makes a float array: Python
# numbers and sequences. Arrays (and NumPy scalars) keep their dtype.
_PYTHON_LITERALS: Final = (float, complex, list, tuple)
#: Inputs NumPy converts as polyarray does, with a dtype given: others are checked first
#: (NumPy would make NaN of None and 3.0 of "3").
_PYTHON_VALUES: Final = frozenset({list, tuple, float, int, bool, complex})
#: Dtype kinds of a NumPy result that need a second look: those polyarray never makes, and
#: unsigned integers (NumPy's uint64 for Python ints beyond int64).
_UNUSUAL: Final = conversion.REFUSED_KINDS | {"u"}
_FLOAT64: Final = np.dtype(np.float64)
_INT64_END: Final = 2.0**63  # (a float: compared with a float64 maximum)
_FLOAT_NAMES: Final = frozenset({"float32", "float64"})
_PYTHON_NUMBERS: Final = frozenset({int, float, complex, bool})
_NDARRAY: Final = np.ndarray
_F32: Final = np.dtype(np.float32)
_F64: Final = np.dtype(np.float64)
_INT64: Final = NATIVE["int64"]
#: The default float and complex as dtype objects, by name (astype takes those faster).
_DTYPE_OF: Final = {name: np.dtype(native) for name, native in NATIVE.items()}
_FLOAT32: Final = NATIVE["float32"]
#: The smallest normal and the largest finite float32: between them (and at zero) a
#: Python float converts to float32 without underflow or overflow.
_TINY: Final = float(np.finfo(np.float32).tiny)
_HUGE: Final = float(np.finfo(np.float32).max)


def arange(
    start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
) -> Any:
    """The standard's ``arange``: the default float when a bound or the step is a float."""
    if device is not None:
        _options(dtype, device)
    if (
        dtype is None
        and stop is None
        and step == 1
        and type(start) is int
        and type(step) is int
        and start < 2**63  # (beyond int64: the ScalarOverflowError below, not NumPy's count)
    ):
        # arange(n), the common call: int64, nothing to check (the step is not zero),
        # without the arguments NumPy would parse for nothing.
        result = np.arange(start, dtype=_INT64)
        if result.size or -(2**63) <= start <= 0:
            return result
        if start > 0:
            # NumPy's count overflowed near int64's end (arange(2**63 - 1) gave [])
            raise mistakes.mistake_error(mistakes.TOO_LARGE, "arange", (start,), "its count")
        # Below int64 (NumPy gave []): refused below, as arange(start, 0) is, and on torch.
    if dtype is None:
        is_float = float in (type(start), type(stop), type(step))
        if not is_float and not rules.plain_numbers(start, stop, step):
            is_float = rules.arange_is_float(start, stop, step)  # (0-d float arrays too)
        native = NATIVE[_config.float_name] if is_float else _INT64
    else:
        native = native_dtype(dtype)
    name = None if dtype is None else canonical_name(dtype)
    checks.check_arange(start, stop, step, name)
    rules.check_arange_values(start, stop, step, name)
    if not rules.plain_numbers(start, stop, step):
        # 0-d arrays and NumPy scalars as the Python numbers they hold, as in linspace:
        # NumPy counted in a float32 bound's dtype (NEP 50), torch in float64.
        start, stop, step = (
            v.item() if getattr(v, "shape", None) == () else v for v in (start, stop, step)
        )
    count = rules.exact_int_count(start, stop, step)
    if count is not None and count <= 2**32 and np.dtype(native).kind in "iu":
        # start + i * step, in uint64 arithmetic, which wraps: the values lie in range.
        offsets = np.arange(count, dtype=np.uint64) * np.uint64(step % 2**64)
        return (offsets + np.uint64(start % 2**64)).astype(native)
    try:
        result = np.arange(start, stop, step, dtype=native)
    except ValueError:  # NumPy could not count an empty range (1e308 down to -6, step 2)
        if rules.empty_range(start, stop, step):
            return np.empty(0, dtype=native)
        raise
    if result.size or rules.empty_range(start, stop, step):
        return result
    # NumPy's count overflowed near int64's end: arange(0, 2**63 - 1) gave an empty array.
    raise mistakes.mistake_error(mistakes.TOO_LARGE, "arange", (start, stop), "its count")


def asarray(obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None) -> Any:
    """The standard's ``asarray``: Python floats give the default float."""
    if dtype is not None:
        native = native_dtype(dtype)  # (a bad dtype is reported first, as on torch)
    if device is not None:
        check_cpu(device)
    if dtype is not None:
        kind = type(obj)
        if kind is _NDARRAY:
            if obj.dtype.kind in conversion.REFUSED_KINDS:
                raise conversion.refused("asarray", obj)
        elif kind not in _PYTHON_VALUES:
            obj = _other_input(obj, copy)
        try:
            return np.asarray(obj, dtype=native, copy=copy)
        except (OverflowError, TypeError, ValueError) as exc:
            error = _conversion_error(obj, NAME[np.dtype(native)], copy)
            if error is None:
                raise
            raise error from exc
    if copy is None and type(obj) is list and len(obj) <= 16 and _config.float_name == "float32":
        # A short list of Python floats each a normal float32 (or zero), the common case:
        # NumPy converts each straight to float32 with the same rounding as through a
        # float64 array, for half the time. Others (ints, NaN, overflow and underflow,
        # which the float64 array's cast reports once) take the general path.
        for item in obj:
            if type(item) is not float or not (
                _TINY <= item <= _HUGE or -_HUGE <= item <= -_TINY or item == 0.0
            ):
                break
        else:
            return np.asarray(obj, dtype=_FLOAT32)
    try:
        result = np.asarray(obj) if copy is None else np.asarray(obj, copy=copy)
    except (OverflowError, TypeError, ValueError) as exc:
        error = _conversion_error(obj, None, copy)
        if error is None:
            raise
        raise error from exc
    made = result.dtype
    code = made.kind
    if type(obj) in _PYTHON_LITERALS:
        if code == "f":
            if made is _FLOAT64 and result.size and result.max() >= _INT64_END:
                # Ints beyond int64 beside ints within it (no float): NumPy made float64
                # of [120, 2**64 - 1]; a ScalarOverflowError, as [2**64 - 1] and torch give.
                error = conversion.int_beyond_int64(obj)
                if error is not None:
                    raise error
            target = _DTYPE_OF[_config.float_name]
        elif code == "c":
            target = _DTYPE_OF[_config.complex_name]
        elif code in _UNUSUAL:
            return _unusual(obj, result, copy)
        else:
            return result
        # Identity first: comparing a dtype with another by == costs about 200 ns.
        if made is not target and made != target:
            result = result.astype(target)
    elif code in conversion.REFUSED_KINDS or (code == "u" and type(obj) is int):
        return _unusual(obj, result, copy)
    elif not made.isnative:  # another byte order (read from a file, say): copied
        from polyarray._interop import native_byte_order

        return native_byte_order(result, copy)
    return result


def _other_input(obj: Any, copy: bool | None) -> Any:
    """``obj`` (neither a Python value nor an array) as NumPy may convert it to a dtype.

    NumPy scalars, buffers (memoryview, bytearray, array.array) and objects with
    ``__array__`` pass; DLPack-only objects are imported; anything NumPy would make an
    object or string array of is refused.
    """
    if isinstance(obj, (_NDARRAY, np.generic)):
        if obj.dtype.kind in conversion.REFUSED_KINDS:
            raise conversion.refused("asarray", obj)
        return obj
    probe = asarray(obj, copy=copy)  # refuses what polyarray never makes
    return obj if probe is obj else probe


def _unusual(obj: Any, result: Any, copy: bool | None) -> Any:
    """The array NumPy made of ``obj``, when its dtype is one polyarray never makes.

    Python ints beyond int64 (NumPy makes uint64 or object arrays of them) raise
    ``ScalarOverflowError``, unless floats among them make the array a float one, as
    torch does; DLPack-only objects are imported; other values are refused.
    """
    code = result.dtype.kind
    if code == "u":  # only uint64 from Python ints; NumPy's own unsigned scalars are fine
        error = conversion.int_beyond_int64(obj)
        if error is not None:
            raise error
        return result
    if code == "O" and hasattr(obj, "__dlpack__") and not hasattr(obj, "__array__"):
        return np.from_dlpack(obj, copy=copy)  # (np.asarray does not read DLPack)
    error = conversion.diagnose("asarray", obj, None)
    if error is None and code == "O":
        # Numbers only: ints beyond int64 beside floats make a float (or complex) array,
        # as they do on torch.
        complexes = any(type(value) is complex for value in result.flat)
        widest = np.complex128 if complexes else np.float64
        name = _config.complex_name if complexes else _config.float_name
        return np.asarray(obj, dtype=widest).astype(_DTYPE_OF[name], copy=False)
    raise error if error is not None else conversion.refused("asarray", obj)


def _conversion_error(obj: Any, dtype_name: str | None, copy: bool | None) -> Exception | None:
    """polyarray's error for a conversion NumPy refused (None: NumPy's own stands)."""
    error = None
    if type(obj) in _PYTHON_VALUES:
        error = conversion.diagnose("asarray", obj, dtype_name)
    elif copy is False:  # what NumPy could not convert without a copy: refused?
        try:
            asarray(obj)
        except TypeError as refused:
            return refused
    if error is None and copy is False:
        error = conversion.copy_refused("asarray")
    return error


def empty(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``empty`` (the default float without a dtype)."""
    if device is not None:
        _options(dtype, device)
    return np.empty(
        shape, dtype=NATIVE[_config.float_name] if dtype is None else native_dtype(dtype)
    )


def empty_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``empty_like``."""
    if device is not None:
        _options(dtype, device)
    return np.empty_like(x, dtype=None if dtype is None else native_dtype(dtype))


def eye(
    n_rows: int,
    n_cols: int | None = None,
    /,
    *,
    k: int = 0,
    dtype: Any = None,
    device: Any = None,
) -> Any:
    """The standard's ``eye`` (the default float without a dtype)."""
    if type(k) is not int or type(n_rows) is not int or not (n_cols is None or type(n_cols) is int):
        if dtype is not None:
            native_dtype(dtype)  # (the dtype first, then the sizes, then the device)
        n_rows, n_cols, k = rules.eye_arguments(n_rows, n_cols, k)  # (NumPy took k=True)
    if device is not None:
        _options(dtype, device)
    native = NATIVE[_config.float_name] if dtype is None else native_dtype(dtype)
    if n_cols is None and k == 0:  # NumPy's keyword parsing is slow; pass only what differs
        return np.eye(n_rows, dtype=native)
    return np.eye(n_rows, n_cols, k, dtype=native)


def from_dlpack(x: Any, /, *, device: Any = None, copy: bool | None = None) -> Any:
    """The standard's ``from_dlpack`` (``numpy.from_dlpack``)."""
    return np.from_dlpack(x, device=device, copy=copy)


def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``full``: a Python float fill gives the default float."""
    if device is not None:
        _options(dtype, device)
    if dtype is not None:
        name = canonical_name(dtype)
        if type(fill_value) is not float or name not in _FLOAT_NAMES:
            # NumPy would make a string array of "a", garbage of NaN for an integer dtype.
            fill_value = conversion.check_fill("full", fill_value, name)
        elif name == "float32" and not -_HUGE <= fill_value <= _HUGE:
            fill_value = _beyond_float32(fill_value)
        native = NATIVE[name]
    elif type(fill_value) is float:  # the default float, read inline: the common call
        native = NATIVE[_config.float_name]
        if not -_HUGE <= fill_value <= _HUGE and native is _FLOAT32:
            fill_value = _beyond_float32(fill_value)
    else:
        name = data_types.default_name_for_scalar(fill_value) or ""
        fill_value = conversion.check_fill("full", fill_value, name)
        native = NATIVE[name]
    return np.full(shape, fill_value, dtype=native)


def full_like(x: Any, /, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``full_like``."""
    if device is not None:
        _options(dtype, device)
    if dtype is None and type(fill_value) is float:  # the common call, checked inline
        native = x.dtype
        if native is _F64 or (native is _F32 and -_HUGE <= fill_value <= _HUGE):
            return np.full_like(x, fill_value)
    native = x.dtype if dtype is None else np.dtype(native_dtype(dtype))
    if type(fill_value) is not float or (native is not _F64 and native is not _F32):
        # NumPy would make a string array of "a", garbage of NaN for an integer dtype.
        fill_value = conversion.check_fill("full_like", fill_value, NAME[native])
    elif native is _F32 and not -_HUGE <= fill_value <= _HUGE:
        fill_value = _beyond_float32(fill_value)
    return np.full_like(x, fill_value, dtype=native)


def _options(dtype: Any, device: Any) -> None:
    """The dtype, then the device: polyarray's order for wrong arguments (docs/errors.md)."""
    rules.check_options(dtype, device, native_dtype, check_cpu)


def _beyond_float32(value: float) -> float:
    """A float fill beyond float32's range as the infinity it rounds to, without NumPy's
    overflow warning (torch.full raises for it); NaN stays NaN."""
    return value if math.isnan(value) else math.copysign(math.inf, value)


def linspace(
    start: Any,
    stop: Any,
    /,
    num: int,
    *,
    dtype: Any = None,
    device: Any = None,
    endpoint: bool = True,
) -> Any:
    """The standard's ``linspace`` (the default float or complex without a dtype)."""
    if device is not None:
        _options(dtype, device)
    if type(num) is not int:  # (NumPy takes False as 0; the dispatcher words the error)
        if dtype is not None:
            native_dtype(dtype)  # (a bad dtype is reported first)
        num = checks.integer_argument("linspace", "num", num)
    elif num >= 2**63:  # as torch reads num, as zeros(2**63) is refused (NumPy: empty)
        raise mistakes.mistake_error(mistakes.INT_OVERFLOW, "linspace", (num,), "num")
    if dtype is None:  # the default dtypes read inline: this is a hot path
        if type(start) is complex or type(stop) is complex:
            native = NATIVE[_config.complex_name]
        else:
            native = NATIVE[_config.float_name]
    else:
        native = native_dtype(dtype)
        if native in _INTEGER_TYPES:  # (NumPy wraps floors beyond the dtype silently)
            checks.check_linspace_bounds(start, stop, NAME[np.dtype(native)])
        elif native in _REAL_TYPES and (type(start) is complex or type(stop) is complex):
            raise checks.complex_bounds_error(start if type(start) is complex else stop)
    if num >= 2**59:  # (NumPy's count of bytes overflows: an empty array without endpoint)
        rules.check_countable("linspace", (num,), np.dtype(native).itemsize)
    if type(start) not in _PYTHON_NUMBERS or type(stop) not in _PYTHON_NUMBERS:
        # 0-d arrays and NumPy scalars as the Python numbers they hold: NumPy computed in
        # a float32 bound's dtype (NEP 50), torch in float64 (or the dtype asked for).
        start, stop = (v.item() if getattr(v, "shape", None) == () else v for v in (start, stop))
    try:
        ordinary = -_HUGE <= start <= _HUGE and -_HUGE <= stop <= _HUGE
    except TypeError:  # complex bounds
        ordinary = True
    try:
        if not ordinary:  # infinite, NaN or beyond float32: NumPy's points, without the
            with np.errstate(all="ignore"):  # warnings of inf - inf and of the rounding
                return np.linspace(start, stop, num, dtype=native, endpoint=endpoint)
        if endpoint:  # NumPy's keyword parsing is slow; pass only what differs
            return np.linspace(start, stop, num, dtype=native)
        return np.linspace(start, stop, num, dtype=native, endpoint=False)
    except IndexError as exc:  # NumPy's count of bytes overflowed (num=2**63 - 1)
        raise mistakes.mistake_error(mistakes.TOO_LARGE, "linspace", (num,), str(exc)) from exc


def meshgrid(*arrays: Any, indexing: Literal["xy", "ij"] = "xy") -> Any:
    """The standard's ``meshgrid``: arrays of several dtypes are promoted first."""
    if len(arrays) == 2 and arrays[0].dtype is arrays[1].dtype:  # the common call
        promoted: Any = arrays
    else:
        promoted = one_dtype(arrays, "meshgrid")
    # NumPy's keyword parsing costs; pass only what differs from its default.
    result = (
        np.meshgrid(*promoted) if indexing == "xy" else np.meshgrid(*promoted, indexing=indexing)
    )
    return result if type(result) is tuple else tuple(result)  # a tuple since NumPy 2.0


def ones(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``ones`` (the default float without a dtype)."""
    if device is not None:
        _options(dtype, device)
    return np.ones(
        shape, dtype=NATIVE[_config.float_name] if dtype is None else native_dtype(dtype)
    )


def ones_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``ones_like``."""
    if device is not None:
        _options(dtype, device)
    return np.ones_like(x, dtype=None if dtype is None else native_dtype(dtype))


def tril(x: Any, /, *, k: int = 0) -> Any:
    """The standard's ``tril`` (``numpy.tril``) of a matrix or a stack of them."""
    if type(k) is not int or x.ndim < 2:  # (NumPy makes a 1-d x a matrix, takes k=1.5)
        k = arguments.triangle_arguments("tril", x, k)
    try:
        return np.tril(x, k)
    except OverflowError:  # a k no int64 holds: beyond every element, as a smaller one
        return np.tril(x, arguments.diagonal_offset(x, k))


def triu(x: Any, /, *, k: int = 0) -> Any:
    """The standard's ``triu`` (``numpy.triu``) of a matrix or a stack of them."""
    if type(k) is not int or x.ndim < 2:  # (as in tril)
        k = arguments.triangle_arguments("triu", x, k)
    try:
        return np.triu(x, k)
    except OverflowError:  # (as in tril)
        return np.triu(x, arguments.diagonal_offset(x, k))


def zeros(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``zeros`` (the default float without a dtype)."""
    if device is not None:
        _options(dtype, device)
    return np.zeros(
        shape, dtype=NATIVE[_config.float_name] if dtype is None else native_dtype(dtype)
    )


def zeros_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``zeros_like``."""
    if device is not None:
        _options(dtype, device)
    return np.zeros_like(x, dtype=None if dtype is None else native_dtype(dtype))
