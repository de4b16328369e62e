"""Creation functions of the standard, on NumPy.

Arrays made from Python floats, and float creation functions without a dtype, get
polyarray's default float (float32 unless configured), not NumPy's float64; dtype
arguments may be :class:`polyarray.DType`, strings, Python types or NumPy's own. NumPy
has only the CPU device.
"""

from __future__ import annotations

from typing import Any, Final, Literal

import numpy as np

from polyarray import _config
from polyarray._dtypes import canonical_name
from polyarray._rules import checks, data_types
from polyarray.backends.numpy._arrays import (
    NATIVE,
    check_cpu,
    native_dtype,
    one_dtype,
)
from polyarray.errors import ScalarOverflowError

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

# What asarray gives the default float (or complex) when it makes a float array: Python
# numbers and sequences. Arrays (and NumPy scalars) keep their dtype.
_PYTHON_LITERALS: Final = (float, complex, list, tuple)
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
        check_cpu(device)
    if dtype is None and stop is None and step == 1 and type(start) is int and type(step) is int:
        # arange(n), the common call: int64, nothing to check (the step is not zero),
        # without the arguments NumPy would parse for nothing.
        return np.arange(start, dtype=_INT64)
    if dtype is None:
        is_float = float in (type(start), type(stop), type(step))
        native = NATIVE[_config.float_name] if is_float else _INT64
    else:
        native = native_dtype(dtype)
    checks.check_arange(start, stop, step, None if dtype is None else canonical_name(dtype))
    return np.arange(start, stop, step, dtype=native)


def asarray(obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None) -> Any:
    """The standard's ``asarray``: Python floats give the default float."""
    if device is not None:
        check_cpu(device)
    if dtype is not None:
        try:
            return np.asarray(obj, dtype=native_dtype(dtype), copy=copy)
        except OverflowError as exc:  # a Python int out of the dtype's range
            raise ScalarOverflowError(f"{exc}. Choose a wider dtype, e.g. pa.int64.") from None
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
    result = np.asarray(obj) if copy is None else np.asarray(obj, copy=copy)
    if type(obj) in _PYTHON_LITERALS:
        made = result.dtype
        kind = made.kind
        if kind == "f":
            target = _DTYPE_OF[_config.float_name]
        elif kind == "c":
            target = _DTYPE_OF[_config.complex_name]
        else:
            return result
        # Identity first: comparing a dtype with another by == costs about 200 ns.
        if made is not target and made != target:
            result = result.astype(target)
    return result


def empty(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``empty`` (the default float without a dtype)."""
    if device is not None:
        check_cpu(device)
    return np.empty(
        shape, dtype=NATIVE[_config.float_name] if dtype is None else native_dtype(dtype)
    )


def empty_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``empty_like``."""
    check_cpu(device)
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
    if device is not None:
        check_cpu(device)
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
        check_cpu(device)
    if dtype is not None:
        native = native_dtype(dtype)
    elif type(fill_value) is float:  # the default float, read inline: the common call
        native = NATIVE[_config.float_name]
    else:
        name = data_types.default_name_for_scalar(fill_value)
        native = None if name is None else NATIVE[name]
    return np.full(shape, fill_value, dtype=native)


def full_like(x: Any, /, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``full_like``."""
    check_cpu(device)
    return np.full_like(x, fill_value, dtype=None if dtype is None else native_dtype(dtype))


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
        check_cpu(device)
    if dtype is None:  # the default dtypes read inline: this is a hot path
        if type(start) is complex or type(stop) is complex:
            native = NATIVE[_config.complex_name]
        else:
            native = NATIVE[_config.float_name]
    else:
        native = native_dtype(dtype)
    if endpoint:  # NumPy's keyword parsing is slow; pass only what differs
        return np.linspace(start, stop, num, dtype=native)
    return np.linspace(start, stop, num, dtype=native, endpoint=False)


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
        check_cpu(device)
    return np.ones(
        shape, dtype=NATIVE[_config.float_name] if dtype is None else native_dtype(dtype)
    )


def ones_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``ones_like``."""
    check_cpu(device)
    return np.ones_like(x, dtype=None if dtype is None else native_dtype(dtype))


def tril(x: Any, /, *, k: int = 0) -> Any:
    """The standard's ``tril`` (``numpy.tril``)."""
    return np.tril(x, k)


def triu(x: Any, /, *, k: int = 0) -> Any:
    """The standard's ``triu`` (``numpy.triu``)."""
    return np.triu(x, k)


def zeros(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``zeros`` (the default float without a dtype)."""
    if device is not None:
        check_cpu(device)
    return np.zeros(
        shape, dtype=NATIVE[_config.float_name] if dtype is None else native_dtype(dtype)
    )


def zeros_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``zeros_like``."""
    check_cpu(device)
    return np.zeros_like(x, dtype=None if dtype is None else native_dtype(dtype))
