"""The creation functions' rarer paths on torch, off their common calls: ``linspace`` of
integer dtypes, computed as NumPy computes it, and ``tril``/``triu`` with a ``k`` that is
not a plain int within int64 or of the uint16/uint32/uint64 dtypes (which torch has no
kernels for); Python ints checked against an integer dtype's range in ``asarray``; the
checks of a device argument, of empty shapes NumPy cannot make, and ``arange`` steps
too long for torch to count.
"""

from __future__ import annotations

import cmath
import math
import operator
from collections.abc import Callable
from typing import Any, Final

import numpy as np
import torch

from polyarray._rules import arguments, checks, conversion, creation, mistakes, promotion
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import NAME, UNSIGNED, Tensor, compat, native_dtype

__all__ = [
    "INTEGERS",
    "beyond_float32",
    "check_options",
    "countable",
    "finite",
    "integer_linspace",
    "integers_in_range",
    "long_ints",
    "long_step_arange",
    "complex_linspace",
    "finite_parts",
    "other_input",
    "plain_linspace",
    "triangle",
]

#: The integer dtypes (not bool), whose linspace NumPy floors.
INTEGERS: Final = frozenset(
    getattr(torch, name) for name in ("int8", "int16", "int32", "int64", "uint8")
) | frozenset(UNSIGNED)

_TOP_BIT: Final = 2**63


def _check_device(name: str, device: Any) -> None:
    if type(device) is not torch.device:
        try:
            torch.device(device)
        except (RuntimeError, TypeError, ValueError) as exc:  # (the ValueError NumPy's is)
            # (torch's words left out: its translation would wrap them a second time)
            raise mistakes.mistake_error(mistakes.UNKNOWN_DEVICE, name, (), repr(device)) from exc


def check_options(name: str, dtype: Any, device: Any) -> None:
    """The dtype, then the device, before the values: polyarray's order where several
    arguments are wrong (docs/errors.md); torch looked at the device last."""
    creation.check_options(dtype, device, native_dtype, lambda d: _check_device(name, d))


def countable(name: str, result: Any) -> Any:
    """``result``, an empty tensor, unless NumPy could not make its shape (more bytes
    than int64 counts over its nonzero sizes): then the ``AllocationError`` NumPy's is."""
    creation.check_countable(name, result.shape, result.dtype.itemsize)
    return result


def long_step_arange(start: Any, stop: Any, step: Any, native: Any, device: Any) -> Any:
    """``arange`` where torch could not count the elements ("invalid size, possible
    overflow?", for ``arange(7, 9, 2**63 - 1)`` and steps of 5e-324): counted here, as
    NumPy counts them; too many is the ``AllocationError`` NumPy's is."""
    if stop is None:
        start, stop = 0, start
    try:
        if type(start) is int and type(stop) is int and type(step) is int:
            count = max(0, -((start - stop) // step))  # (exact: ceil of the quotient)
        else:
            count = max(0, math.ceil((float(stop) - float(start)) / float(step)))
    except (OverflowError, ZeroDivisionError):  # an infinite quotient
        count = _TOP_BIT
    if count >= _TOP_BIT:
        raise mistakes.mistake_error(mistakes.TOO_LARGE, "arange", (), "too many elements")
    wide = torch.int64 if native in INTEGERS or native is torch.bool else torch.float64
    values = torch.arange(count, dtype=wide, device=device) * step + start
    return values.to(native)


def integer_linspace(
    start: Any, stop: Any, num: int, native: Any, device: Any, endpoint: bool
) -> Any:
    """``linspace`` of the integer dtype (or bool, or a real float one) ``native`` with
    NumPy's values: computed in float64 as ``numpy.linspace`` computes it (``start + i *
    step``, the last point ``stop``), then floored (NumPy 2's rule for integer dtypes),
    compared with 0 (bool) or rounded (floats: for bounds torch's kernel gets wrong).

    torch's integer kernels compute otherwise (``linspace(7, 3.54, 6, dtype=int16)`` gave
    3 where NumPy gives 4; https://github.com/pytorch/pytorch/issues/88652 and #81996, where
    the CPU and CUDA kernels differ too) and it has none for uint16/uint32/uint64.
    """
    if type(num) is not int:  # (before the bounds, as NumPy's backend)
        num = checks.integer_argument("linspace", "num", num)
    if native in INTEGERS:
        checks.check_linspace_bounds(start, stop, NAME[native])
    elif type(start) is complex or type(stop) is complex:
        raise checks.complex_bounds_error(start if type(start) is complex else stop)
    if num < 0:  # (torch.arange would word it otherwise)
        raise mistakes.mistake_error(mistakes.NEGATIVE_SIZE, "linspace", (start, stop, num), "")
    div = num - 1 if endpoint else num
    low, high = float(start), float(stop)
    delta = high - low
    y = torch.arange(num, dtype=torch.float64, device=device)
    if div > 0:
        step = delta / div
        y = y / div * delta if step == 0 else y * step  # (NumPy's care for denormal steps)
    else:
        y = y * delta
    y = y + low
    if endpoint and num > 1:
        y[-1] = high
    if native is torch.bool:  # (NumPy's cast: every point but 0 is True, NaN too)
        return y != 0
    if native not in INTEGERS:  # a floating-point dtype: rounded from float64, as NumPy
        return y.to(native)
    y = torch.floor(y)
    if native is torch.uint64:
        # torch converts float64 to uint64 through int64 (2**64 - 2048 gave 0): the values
        # from 2**63 go as int64 less 2**63, with the top bit set back.
        top = y >= _TOP_BIT
        bits = torch.where(top, y - _TOP_BIT, y).to(torch.int64) | (top.to(torch.int64) << 63)
        return bits.view(torch.uint64)
    return y.to(native)


def triangle(function: Callable[..., Any], name: str, x: Any, k: Any) -> Any:
    """``tril``/``triu`` (``function``) where ``k`` is not a plain int within int64 (torch
    refused ``True`` and ``1.5``, took ``None``, and could not take 2**63: NumPy's answer,
    the whole triangle or none, is given for such a ``k``) or ``x`` is unsigned."""
    if type(k) is not int or x.ndim < 2:
        k = arguments.triangle_arguments(name, x, k)
    if not -_TOP_BIT <= k < _TOP_BIT:
        k = arguments.diagonal_offset(x, k)
    if x.dtype in UNSIGNED:
        return unsigned.from_bits(function(unsigned.to_bits(x), k), x.dtype)
    return function(x, k)


def integers_in_range(obj: Any, dtype: torch.dtype, device: Any) -> Any:
    """Python ints as a tensor of ``dtype``, refusing values out of its range (torch wraps)."""
    try:
        probe = torch.asarray(obj, device=device)
        if probe.is_floating_point():  # judge Python floats at their own precision
            probe = torch.asarray(obj, dtype=torch.float64, device=device)
    except (RuntimeError, OverflowError, TypeError, ValueError):
        return torch.asarray(obj, dtype=dtype, device=device)  # beyond int64: torch judges
    if probe.is_complex():
        raise conversion.diagnose("asarray", obj, NAME[dtype]) or TypeError(obj)
    if probe.dtype is not torch.int64 and not probe.is_floating_point():
        # Not Python numbers (a list of tensors, booleans): convert as torch does.
        return probe.to(dtype)
    if probe.numel():
        low, high = promotion.RANGES[NAME[dtype]]
        if probe.is_floating_point():
            # Floats are truncated toward zero, then checked, as NumPy does.
            if not bool(torch.isfinite(probe).all()):
                raise conversion.diagnose("asarray", obj, NAME[dtype]) or ValueError(obj)
            probe = torch.trunc(probe)
        smallest, largest = int(probe.min()), int(probe.max())
        if smallest < low or largest > high:
            raise conversion.int_out_of_range(smallest if smallest < low else largest, NAME[dtype])
    return probe.to(dtype)


def other_input(obj: Any, copy: bool | None) -> tuple[Any, bool | None]:
    """``obj``, neither a tensor nor a Python value, as torch may convert it, and ``copy``."""
    if isinstance(obj, Tensor):  # a subclass (torch.nn.Parameter)
        return obj, copy
    if isinstance(obj, (np.ndarray, np.generic)):
        if obj.dtype.kind in conversion.REFUSED_KINDS:
            raise conversion.refused("asarray", obj)
        if copy is not True and isinstance(obj, np.ndarray) and not obj.flags.writeable:
            # torch would share the memory in a writable tensor (it only warns, once):
            # writing into the tensor would change an array its owner made read-only.
            if copy is False:
                raise ValueError(
                    "pa.asarray(copy=False) of a read-only NumPy array: a tensor sharing its "
                    "memory would be writable. Pass copy=None (a copy is made) or copy=True."
                )
            copy = True
        if not obj.dtype.isnative:
            # torch refuses NumPy arrays in the other byte order (read from a file, say):
            # the values are copied into this machine's, as NumPy's backend does.
            from polyarray._interop import native_byte_order

            return native_byte_order(np.asarray(obj), copy), None
        return obj, copy
    if hasattr(obj, "__dlpack__") and not hasattr(obj, "__array__"):
        return obj, copy  # torch.asarray reads DLPack
    # Buffers (memoryview, bytearray, array.array) and objects with __array__ are read as
    # NumPy reads them: torch.asarray reinterprets a buffer's bytes as its default dtype
    # (array.array("d", [1.0, 2.0]) gave four float32s) and does not call __array__.
    try:
        probe = np.asarray(obj)
    except (TypeError, ValueError) as exc:
        raise conversion.refused("asarray", obj) from exc
    if probe.dtype.kind in conversion.REFUSED_KINDS:  # None, strings, dicts, Decimal...
        raise conversion.diagnose("asarray", obj, None) or conversion.refused("asarray", obj)
    if copy is False:
        try:
            probe = np.asarray(obj, copy=False)
        except ValueError as exc:  # NumPy had to copy (a range, say)
            raise conversion.copy_refused("asarray") from exc
    return other_input(probe, copy)


def finite(start: Any, stop: Any) -> bool:
    """Whether both linspace bounds are finite (complex ones count as finite here)."""
    try:
        return math.isfinite(start) and math.isfinite(stop)
    except (TypeError, RuntimeError, ValueError):  # (complex numbers and tensors)
        return True


def plain_linspace(
    start: Any,
    stop: Any,
    num: Any,
    native: Any,
    device: Any,
    endpoint: bool,
    result: Any,
    dtype: Any,
) -> Any:
    """``linspace`` of a floating-point ``native`` by torch's kernel (``result``: torch's
    plain call, already made, or None), for finite bounds."""
    if not endpoint:
        if num < 0:  # (array-api-compat gives an empty array; NumPy and torch refuse)
            raise mistakes.mistake_error(
                mistakes.NEGATIVE_SIZE, "linspace", (start, stop, num), "num < 0"
            )
        if 2**59 <= num < 2**63:  # (array-api-compat's num + 1 overflows: torch's ValueError)
            creation.check_countable("linspace", (num,), native.itemsize)
        # torch.linspace has no endpoint parameter; array-api-compat drops the last point.
        return compat.linspace(start, stop, num, dtype=native, device=device, endpoint=False)
    if device is None:
        if result is None and dtype is not None:
            # torch's plain call may already give the dtype asked for (float32 unless
            # the user changed torch's default, which this check catches).
            try:  # (cheaper than contextlib.suppress)
                result = torch.linspace(start, stop, num)
            except RuntimeError:  # beyond torch's default dtype: only float64 holds them
                result = None
        if result is not None and result.dtype is native:
            return result
    return torch.linspace(start, stop, num, dtype=native, device=device)


def long_ints(start: Any, stop: Any, step: Any) -> bool:
    """Whether int bounds or an int step reach 2**62, where torch's count of the elements
    (``(stop - start + step - 1) / step`` in int64) can overflow. NumPy integer scalars
    and 0-d integer tensors too: torch counted ``arange(np.int64(0), 5, np.int64(2**63 -
    1))`` as no value, and ``arange(5, -2**63, -2**63 + 1)`` of them as none."""
    return any(not -(2**62) < _integer(v) < 2**62 for v in (start, stop, step))


def _integer(value: Any) -> int:
    """``value`` as a Python int where it is an integer (a NumPy or 0-d tensor one: by
    ``__index__``, which floats and NumPy's booleans refuse); 0 for the others."""
    if type(value) is int:
        return value
    if value is None or type(value) is float:
        return 0
    try:
        return operator.index(value)
    except TypeError:
        return 0


def beyond_float32(value: float) -> float:
    """A float fill beyond float32's range, as the infinity NumPy and torch.asarray make of
    it (torch.full raises); NaN stays NaN."""
    return value if math.isnan(value) else math.copysign(math.inf, value)


def finite_parts(start: Any, stop: Any) -> bool:
    """Whether real linspace bounds of a complex dtype are both finite (complex bounds and
    tensors count as finite here: NumPy's complex arithmetic on infinite parts is each
    backend's, docs/semantics/arithmetic.md)."""
    if type(start) is complex or type(stop) is complex:
        return True
    try:
        return cmath.isfinite(start) and cmath.isfinite(stop)
    except (TypeError, RuntimeError, ValueError):
        return True


def complex_linspace(
    start: Any, stop: Any, num: int, real: Any, device: Any, endpoint: bool
) -> Any:
    """Complex ``linspace`` with an infinite or NaN part: NumPy's points for each part
    (NumPy's real ``i`` times a complex step), where torch's kernel, counting back from
    ``stop``, gave NaN (``linspace(10, -inf, 5, dtype=complex64)``)."""
    first, last = complex(start), complex(stop)
    real_part = integer_linspace(first.real, last.real, num, real, device, endpoint)
    imaginary = integer_linspace(first.imag, last.imag, num, real, device, endpoint)
    return torch.complex(real_part, imaginary)
