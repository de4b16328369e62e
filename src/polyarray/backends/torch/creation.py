"""Creation functions of the standard, on torch.

Arrays made from Python values get polyarray's default float (float32 unless set
otherwise), whatever ``torch.get_default_dtype()`` says; integer dtypes refuse Python ints
out of their range (torch wraps them). ``device`` is the backend's device, or None on the
CPU: torch then uses its default device and skips parsing a device argument.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import torch

from polyarray import _config
from polyarray._rules import checks, conversion, creation, data_types, mistakes
from polyarray.backends.torch import _creation_paths as paths
from polyarray.backends.torch._arrays import (
    INTEGRAL,
    NAME,
    NATIVE,
    REAL_FLOATS,
    UNSIGNED,
    Tensor,
    compat,
    default_float,
    native_dtype,
    same_dtype,
    sequence_promoted,
)
from polyarray.errors import PolyarrayError

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

# Python values whose floats get the default float, and those an integer dtype checks.
_PYTHON_LITERALS: Final = (float, complex, list, tuple)
_INTEGER_LITERALS: Final = (int, float, list, tuple)
#: What torch.asarray converts as polyarray does; others are looked at first.
_PYTHON_VALUES: Final = frozenset({list, tuple, float, int, bool, complex})
_NUMBERS: Final = frozenset({float, int, bool, complex})
_SEQUENCES: Final = (list, tuple)
_FLOAT32_MAX: Final = float(torch.finfo(torch.float32).max)
_ARANGE_REAL: Final = {torch.complex64: torch.float32, torch.complex128: torch.float64}


def asarray(obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None) -> Any:
    """The standard's ``asarray``; Python floats become the default float."""
    kind = type(obj)
    try:
        if kind is not Tensor:
            if kind not in _PYTHON_VALUES:
                # A bad dtype or device is reported first, as on NumPy.
                paths.check_options("asarray", dtype, device)
                obj, copy = paths.other_input(obj, copy)
            elif kind in _SEQUENCES and obj and type(obj[0]) not in _NUMBERS and _holds_arrays(obj):
                return _stacked(obj, dtype, device)
        return _converted(obj, dtype, device, copy)
    except (OverflowError, RuntimeError, TypeError, ValueError) as exc:
        paths.check_options("asarray", dtype, device)  # (reported before the values)
        if isinstance(exc, PolyarrayError):  # already polyarray's (a dtype, a range)
            raise
        error = None
        if type(obj) in _PYTHON_VALUES:
            name = None if dtype is None else NAME[native_dtype(dtype)]
            error = conversion.diagnose("asarray", obj, name)
        if error is None and copy is False and not isinstance(exc, TypeError):
            error = conversion.copy_refused("asarray")  # (torch: "can't alias ...")
        if error is None:
            raise
        raise error from exc


def _converted(obj: Any, dtype: Any, device: Any, copy: bool | None) -> Any:
    if dtype is not None:
        native = native_dtype(dtype)
        if native in INTEGRAL and native is not torch.bool and type(obj) in _INTEGER_LITERALS:
            if copy is False:  # Python values are always copied
                raise conversion.copy_refused("asarray")
            return paths.integers_in_range(obj, native, device)
        return _asarray(obj, native, device, copy)
    if device is None and copy is None and type(obj) is not Tensor:
        result = torch.asarray(obj)  # torch parses its keyword arguments slowly
    else:
        result = _asarray(obj, None, device, copy)
    if (
        type(obj) in _PYTHON_LITERALS
        and result.dtype is not NATIVE[_config.float_name]
        and (result.is_floating_point() or result.is_complex())
    ):
        target = NATIVE[_config.complex_name if result.is_complex() else _config.float_name]
        if result.dtype != target:
            # Convert again from the Python values: a float32 round trip would lose
            # precision when the default float is float64.
            result = _asarray(obj, target, device, copy)
    return result


def _holds_arrays(obj: Any) -> bool:
    """Whether a (nested) list holds arrays, as its first element shows."""
    first = obj
    while type(first) in _SEQUENCES:
        if not first:
            return False
        first = first[0]
    return isinstance(first, (Tensor, np.ndarray, np.generic))


def _stacked(obj: Any, dtype: Any, device: Any) -> Any:
    """A (nested) list of arrays as one tensor, as NumPy makes it.

    torch.asarray reads a one-element tensor as a scalar wherever it is
    (``[tensor([1.]), tensor([2.])]`` gave shape (2,), not (2, 1); ``[tensor(1.),
    tensor([1.])]`` no error) and refuses longer ones.
    """
    error = conversion.diagnose("asarray", obj, None)  # a ragged list, strings...
    if error is not None:
        raise error
    result = _stack_parts(obj, device)
    if dtype is not None:
        return result.to(native_dtype(dtype))
    if result.is_complex():  # from a list: the default float (or complex)
        return result.to(NATIVE[_config.complex_name])
    if result.is_floating_point():
        return result.to(NATIVE[_config.float_name])
    return result


def _stack_parts(obj: Any, device: Any) -> Any:
    parts = [
        _stack_parts(item, device) if type(item) in _SEQUENCES else asarray(item, device=device)
        for item in obj
    ]
    if not parts:
        return torch.empty(0, device=device)
    return torch.stack(sequence_promoted(parts))


def _asarray(obj: Any, dtype: Any, device: Any, copy: bool | None) -> Any:
    if device is None and isinstance(obj, Tensor):
        # torch.asarray moves a tensor to torch's default device instead of keeping it
        # where it is (https://github.com/pytorch/pytorch/issues/150199).
        device = obj.device
    return torch.asarray(obj, dtype=dtype, device=device, copy=copy)


def arange(
    start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
) -> Any:
    """The standard's ``arange``; float bounds give the default float."""
    if dtype is None and device is None:
        # torch's own choice is polyarray's (int64 for ints, else its default float) when
        # its default float is ours; a zero step or an empty range make it raise.
        try:
            if stop is not None:
                result = torch.arange(start, stop, step)
            elif type(step) is int and step == 1:
                result = torch.arange(start)
            else:
                result = torch.arange(0, start, step)
        except (RuntimeError, NotImplementedError, TypeError, OverflowError):
            pass  # (the checks below, in NumPy's order: the bounds' range before the step's type)
        else:
            chosen = result.dtype
            if chosen is torch.int64 and not paths.long_ints(start, stop, step):
                return result
            if chosen is NATIVE[_config.float_name]:
                # (torch dropped the imaginary part of complex bounds, counted to infinity)
                creation.check_arange_values(start, stop, step, None)
                return result
    if device is not None:
        paths.check_options("arange", dtype, device)
    if dtype is None:
        floats = type(start) is float or type(stop) is float or type(step) is float
        if not floats and not creation.plain_numbers(start, stop, step):
            floats = creation.arange_is_float(start, stop, step)  # (0-d float arrays too)
        native = default_float() if floats else torch.int64
        checks.check_arange(start, stop, step, None)
        creation.check_arange_values(start, stop, step, None)
    else:
        native = native_dtype(dtype)
        checks.check_arange(start, stop, step, NAME[native])
        creation.check_arange_values(start, stop, step, NAME[native])
    if not creation.plain_numbers(start, stop, step):
        # 0-d arrays as their numbers, as on NumPy: torch counted in a float32 bound's dtype
        start, stop, step = (
            v.item() if getattr(v, "shape", None) == () else v for v in (start, stop, step)
        )
    # No arange kernels for these: counted in int64, or in the complex dtype's real one.
    wide = torch.int64 if native in UNSIGNED else _ARANGE_REAL.get(native, native)
    if paths.long_ints(start, stop, step):  # (torch's int64 count overflowed: [] for
        return paths.long_step_arange(start, stop, step, native, device)  # (-11, -1, 2**63-1)
    try:
        # array-api-compat's arange gives the empty ranges torch refuses
        # (https://github.com/pytorch/pytorch/issues/70915).
        result = compat.arange(start, stop, step, dtype=wide, device=device)
    except RuntimeError as exc:
        if "invalid size" not in str(exc):
            raise
        result = paths.long_step_arange(start, stop, step, wide, device)
    return result if wide is native else result.to(native)


def _float_dtype(dtype: Any) -> torch.dtype:
    return default_float() if dtype is None else native_dtype(dtype)


# torch parses keyword arguments slowly (~100 ns each on small calls): the creation
# functions leave out the dtype where torch's default float is polyarray's.


def empty(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``empty``, of the default float unless told otherwise."""
    if device is None:
        if dtype is None and torch.get_default_dtype() is NATIVE[_config.float_name]:
            result = torch.empty(shape)
        else:
            result = torch.empty(shape, dtype=_float_dtype(dtype))
    else:
        result = torch.empty(shape, dtype=_float_dtype(dtype), device=device)
    if type(shape) is tuple and 0 in shape:  # (sizes NumPy cannot count beside a 0)
        return paths.countable("empty", result)
    return result


def ones(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``ones``, of the default float unless told otherwise."""
    if device is None:
        if dtype is None and torch.get_default_dtype() is NATIVE[_config.float_name]:
            result = torch.ones(shape)
        else:
            result = torch.ones(shape, dtype=_float_dtype(dtype))
    else:
        result = torch.ones(shape, dtype=_float_dtype(dtype), device=device)
    if type(shape) is tuple and 0 in shape:  # (sizes NumPy cannot count beside a 0)
        return paths.countable("ones", result)
    return result


def zeros(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``zeros``, of the default float unless told otherwise."""
    if device is None:
        if dtype is None and torch.get_default_dtype() is NATIVE[_config.float_name]:
            result = torch.zeros(shape)
        else:
            result = torch.zeros(shape, dtype=_float_dtype(dtype))
    else:
        result = torch.zeros(shape, dtype=_float_dtype(dtype), device=device)
    if type(shape) is tuple and 0 in shape:  # (sizes NumPy cannot count beside a 0)
        return paths.countable("zeros", result)
    return result


def empty_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``empty_like``."""
    if dtype is None and device is None:
        return torch.empty_like(x)
    return torch.empty_like(x, dtype=None if dtype is None else native_dtype(dtype), device=device)


def ones_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``ones_like``."""
    if dtype is None and device is None:
        return torch.ones_like(x)
    return torch.ones_like(x, dtype=None if dtype is None else native_dtype(dtype), device=device)


def zeros_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``zeros_like``."""
    if dtype is None and device is None:
        return torch.zeros_like(x)
    return torch.zeros_like(x, dtype=None if dtype is None else native_dtype(dtype), device=device)


def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``full``: the fill value's default dtype unless told otherwise."""
    if (
        dtype is None
        and device is None
        and type(fill_value) is float
        and torch.get_default_dtype() is NATIVE[_config.float_name]
    ):
        try:
            result = torch.full(shape, fill_value)  # torch's float is polyarray's
        except (TypeError, RuntimeError):
            pass  # an int shape, a value beyond float32 (below)
        else:
            # (sizes NumPy cannot count beside a 0: checked where there are no elements)
            return result if result.numel() else paths.countable("full", result)
    if device is not None:
        paths.check_options("full", dtype, device)
    if dtype is None:
        name = data_types.default_name_for_scalar(fill_value) or ""
        native = NATIVE.get(name)
    else:
        native = native_dtype(dtype)
        name = NAME[native]
    if type(fill_value) is not float or native not in REAL_FLOATS:
        # torch wraps an int out of range (-1 in uint8 gave 255) and fails with raw errors.
        fill_value = _fill("full", fill_value, name, native)
    elif native is torch.float32 and not -_FLOAT32_MAX <= fill_value <= _FLOAT32_MAX:
        fill_value = paths.beyond_float32(fill_value)
    if isinstance(shape, int):
        # torch.full refuses an int size (https://github.com/pytorch/pytorch/issues/70906).
        shape = (shape,)
    result = torch.full(shape, fill_value, dtype=native, device=device)
    if type(shape) is tuple and 0 in shape:  # (sizes NumPy cannot count beside a 0)
        return paths.countable("full", result)
    return result


def _fill(name: str, fill_value: Any, dtype_name: str, native: Any) -> Any:
    """The checked fill; a float for an integer dtype truncated toward zero first, as NumPy
    does (torch refused -0.5 and -5e-47 for unsigned dtypes, whose truncation is 0)."""
    fill_value = conversion.check_fill(name, fill_value, dtype_name)
    kind = type(fill_value)
    if kind is float and native in INTEGRAL and native is not torch.bool:
        return int(fill_value)
    if kind is int and native not in INTEGRAL and not -(2**63) <= fill_value < 2**63:
        # An int beyond int64 for a float dtype: the float NumPy makes of it (torch
        # could not unpack it into int64).
        return float(fill_value)
    return fill_value


def full_like(x: Any, /, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``full_like``."""
    if dtype is None and device is None and type(fill_value) is float:
        # A float fill, the common call: torch truncates it for integers as NumPy does,
        # and raises for what no element could hold (NaN for integers, 1e300 for float32),
        # which the general path below words.
        try:
            return torch.full_like(x, fill_value)
        except RuntimeError:
            pass
    native = x.dtype if dtype is None else native_dtype(dtype)
    if device is not None:
        paths.check_options("full_like", dtype, device)
    if type(fill_value) is not float or native not in REAL_FLOATS:
        # torch wraps an int out of range (-1 in uint8 gave 255) and fails with raw errors.
        fill_value = _fill("full_like", fill_value, NAME[native], native)
    elif native is torch.float32 and not -_FLOAT32_MAX <= fill_value <= _FLOAT32_MAX:
        fill_value = paths.beyond_float32(fill_value)
    if dtype is None and device is None:
        return torch.full_like(x, fill_value)
    return torch.full_like(x, fill_value, dtype=native, device=device)


def eye(
    n_rows: int,
    n_cols: int | None = None,
    /,
    *,
    k: int = 0,
    dtype: Any = None,
    device: Any = None,
) -> Any:
    """The standard's ``eye``, of the default float unless told otherwise."""
    if type(k) is not int or type(n_rows) is not int or not (n_cols is None or type(n_cols) is int):
        if dtype is not None:
            native_dtype(dtype)  # (the dtype first, then the sizes, then the device)
        n_rows, n_cols, k = creation.eye_arguments(n_rows, n_cols, k)  # (torch took n_cols=True)
    if (
        k == 0
        and n_cols is None
        and dtype is None
        and device is None
        and torch.get_default_dtype() is NATIVE[_config.float_name]
    ):
        return torch.eye(n_rows)
    native = _float_dtype(dtype)
    columns = n_rows if n_cols is None else n_cols
    if k == 0 and native not in UNSIGNED:  # (torch.eye has no uint16/32/64 kernels)
        result = torch.eye(n_rows, columns, dtype=native, device=device)
    else:
        # torch.eye has no off-diagonals (https://github.com/pytorch/pytorch/issues/70910):
        # array-api-compat fills the diagonal of zeros.
        result = compat.eye(n_rows, n_cols, k=k, dtype=native, device=device)
    if not (n_rows and columns):  # (sizes NumPy cannot count beside a 0)
        return paths.countable("eye", result)
    return result


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
    """The standard's ``linspace``; of the default float (or complex) unless told otherwise."""
    result = None
    if dtype is None and device is None and endpoint:
        # The hot path: torch parses keyword arguments slowly, and its plain call gives
        # its default float (complex for complex bounds), polyarray's unless the user
        # changed it. Only a real result of polyarray's float can be returned unchecked.
        try:
            result = torch.linspace(start, stop, num)
        except (RuntimeError, ValueError):  # beyond torch's default dtype (only float64
            pass  # holds them), or a num beyond int64 (ValueError): checked below
        else:
            if result.dtype is NATIVE[_config.float_name] and paths.finite(start, stop):
                return result
    if device is not None:
        paths.check_options("linspace", dtype, device)
    if type(num) is not int:  # (True and False too, as on NumPy; the dispatcher words it)
        if dtype is not None:
            native_dtype(dtype)  # (a bad dtype is reported first)
        num = checks.integer_argument("linspace", "num", num)
    elif num < -(2**63):  # negative first, however large, as on NumPy (torch: overflow)
        if dtype is not None:  # the bounds against the dtype first, as on NumPy's backend
            native = native_dtype(dtype)
            if native in paths.INTEGERS or native in REAL_FLOATS or native is torch.bool:
                return paths.integer_linspace(start, stop, num, native, device, endpoint)
        raise mistakes.mistake_error(mistakes.NEGATIVE_SIZE, "linspace", (num,), "num < 0")
    if dtype is None:  # the default dtypes read inline
        if type(start) is complex or type(stop) is complex:
            native = NATIVE[_config.complex_name]
        else:
            native = NATIVE[_config.float_name]
    elif (native := native_dtype(dtype)) in paths.INTEGERS or native is torch.bool:
        # NumPy's values, which torch's kernels miss (and it has none for bool).
        return paths.integer_linspace(start, stop, num, native, device, endpoint)
    if native in REAL_FLOATS and not paths.finite(start, stop):
        # NumPy's points, start + i * step: torch's kernel counts back from stop too
        # (inf - inf gave NaN in the second half of linspace(8, inf, 7)).
        return paths.integer_linspace(start, stop, num, native, device, endpoint)
    if native in _ARANGE_REAL and not paths.finite_parts(start, stop):
        return paths.complex_linspace(start, stop, num, _ARANGE_REAL[native], device, endpoint)
    try:
        return paths.plain_linspace(start, stop, num, native, device, endpoint, result, dtype)
    except RuntimeError:  # a bound beyond the dtype (1e308 for float32): NumPy's points,
        if native not in REAL_FLOATS:  # computed in float64, then rounded (to infinity)
            raise
        return paths.integer_linspace(start, stop, num, native, device, endpoint)


def meshgrid(*arrays: Any, indexing: str = "xy") -> Any:
    """The standard's ``meshgrid``, of the arrays promoted to one dtype."""
    count = len(arrays)
    if count == 2:  # the common case, without same_dtype's call and loop
        if arrays[0].dtype is not arrays[1].dtype:
            arrays = tuple(sequence_promoted(arrays))
    elif count > 2 and same_dtype(arrays) is None:
        arrays = tuple(sequence_promoted(arrays))
    if arrays and (indexing == "xy" or indexing == "ij"):
        # torch.meshgrid itself (a tuple), for the arguments array-api-compat's checks pass.
        return torch.meshgrid(*arrays, indexing=indexing)
    # array-api-compat's meshgrid checks ``indexing`` and passes it explicitly (torch
    # warns without it) and allows no arrays at all.
    mode: Any = indexing  # (checked there; typed as its literals)
    return tuple(compat.meshgrid(*arrays, indexing=mode))


def from_dlpack(x: Any, /, *, device: Any = None, copy: bool | None = None) -> Any:
    """The standard's ``from_dlpack``."""
    if copy is not True and isinstance(x, np.ndarray) and not x.flags.writeable:
        # A read-only array would be shared by a writable tensor, as in asarray.
        if copy is False:
            raise ValueError(
                "pa.from_dlpack(copy=False) of a read-only NumPy array: a tensor sharing its "
                "memory would be writable. Pass copy=None (a copy is made) or copy=True."
            )
        copy = True
    return torch.utils.dlpack.from_dlpack(x, device=device, copy=copy)


def tril(x: Any, /, *, k: int = 0) -> Any:
    """The standard's ``tril`` (k: torch refused True and 1.5, took None; see paths)."""
    if type(k) is not int or x.dtype in UNSIGNED or not -(2**63) <= k < 2**63:
        return paths.triangle(torch.tril, "tril", x, k)
    return torch.tril(x, k) if k else torch.tril(x)


def triu(x: Any, /, *, k: int = 0) -> Any:
    """The standard's ``triu`` (as tril)."""
    if type(k) is not int or x.dtype in UNSIGNED or not -(2**63) <= k < 2**63:
        return paths.triangle(torch.triu, "triu", x, k)
    return torch.triu(x, k) if k else torch.triu(x)
