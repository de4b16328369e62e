"""The standard's ``fft`` extension (``pa.fft``), on NumPy.

NumPy 2's ``numpy.fft`` keeps single precision (float32 in, complex64 out), as the
standard asks; ``fftfreq`` and ``rfftfreq`` give polyarray's default float.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, Literal

import numpy as np

from polyarray import _config
from polyarray._rules import arguments, checks, mistakes, transforms
from polyarray._rules.transforms import BACKWARD
from polyarray.backends.numpy._arrays import (
    NATIVE,
    check_cpu,
    in_default_float,
    ndarray,
    to_array,
)

__all__ = [
    "fft",
    "fftfreq",
    "fftn",
    "fftshift",
    "hfft",
    "ifft",
    "ifftn",
    "ifftshift",
    "ihfft",
    "irfft",
    "irfftn",
    "rfft",
    "rfftfreq",
    "rfftn",
]


_Norm = Literal["backward", "ortho", "forward"]

# Transforms over no axes (of a 0-d array, or axes=()) return the input unchanged; a
# single-precision input still gives a single-precision result of the transform's kind.
_SINGLE: Final = frozenset({np.dtype(np.float32), np.dtype(np.complex64)})
_COMPLEX64: Final = np.dtype(np.complex64)
_FLOAT32: Final = np.dtype(np.float32)
_DTYPE_OF: Final = {name: np.dtype(native) for name, native in NATIVE.items()}


def _axis_error(name: str, x: Any, axis: int, exc: Exception) -> Exception:
    """The AxisError for an axis out of range, which NumPy's FFTs report as a bare
    IndexError (torch's error is translated to the same; an axis no int64 holds is a
    ScalarOverflowError there)."""
    huge = checks.beyond_int64(name, axis)
    return huge or mistakes.mistake_error(mistakes.AXIS, name, (x,), str(exc))


def _last_axes(name: str, s: Any) -> tuple[int, ...]:
    """The axes ``s`` sizes when no ``axes`` are given: the last ``len(s)``, as the standard
    says. Passed explicitly: NumPy 2 warns (DeprecationWarning) for ``s`` without ``axes``."""
    if type(s) is not tuple and type(s) is not list:
        raise mistakes.fft_sizes_error(name, s)
    return tuple(range(-len(s), 0))


def _zero_filled(x: Any, axes: Any) -> Any:
    """``x``, or zeros with its empty ``axes`` of length 1: the same input once padded to the
    sizes asked for. NumPy's ``irfft`` (and ``hfft``, ``irfftn``) of an empty axis padded to
    ``n`` points gave values from memory it never wrote (``1e+33``) where zeros are the
    answer, as NumPy's other transforms and torch's give."""
    shape = list(x.shape)
    empty = [a for a in axes if -len(shape) <= a < len(shape) and shape[a] == 0]
    if not empty:
        return x
    for a in empty:
        shape[a] = 1
    return np.zeros(shape, x.dtype)


def _single(result: Any, x: Any, target: Any) -> Any:
    # ``target`` is a dtype object: compared by identity first, as ``!=`` with a scalar
    # type converts it to a dtype on every call.
    if x.dtype in _SINGLE and result.dtype is not target and result.dtype != target:
        return result.astype(target)
    return result


def fft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``fft`` (``numpy.fft.fft``)."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.fft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        return np.fft.fft(x, n, axis, norm)
    except IndexError as exc:  # NumPy's "tuple index out of range": the axis (0-d too)
        raise _axis_error("fft.fft", x, axis, exc) from exc


def ifft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``ifft`` (``numpy.fft.ifft``)."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.ifft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        return np.fft.ifft(x, n, axis, norm)
    except IndexError as exc:  # NumPy's "tuple index out of range": the axis (0-d too)
        raise _axis_error("fft.ifft", x, axis, exc) from exc


def fftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: _Norm = "backward") -> Any:
    """The standard's ``fftn`` (``numpy.fft.fftn``)."""
    if norm is not BACKWARD:  # (refused before anything else, without axes too)
        transforms.check_norm("fft.fftn", norm)
    if axes is not None:  # (NumPy transforms a repeated axis twice)
        axes = checks.sequence_axes("fft.fftn", x, axes)
    elif s is not None:
        axes = _last_axes("fft.fftn", s)
    x = in_default_float(x)
    return _single(np.fft.fftn(x, s, axes, norm), x, _COMPLEX64)


def ifftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: _Norm = "backward") -> Any:
    """The standard's ``ifftn`` (``numpy.fft.ifftn``)."""
    if norm is not BACKWARD:  # (refused before anything else, without axes too)
        transforms.check_norm("fft.ifftn", norm)
    if axes is not None:  # (NumPy transforms a repeated axis twice)
        axes = checks.sequence_axes("fft.ifftn", x, axes)
    elif s is not None:
        axes = _last_axes("fft.ifftn", s)
    x = in_default_float(x)
    return _single(np.fft.ifftn(x, s, axes, norm), x, _COMPLEX64)


def rfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``rfft`` (``numpy.fft.rfft``)."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.rfft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        return np.fft.rfft(x, n, axis, norm)
    except IndexError as exc:  # NumPy's "tuple index out of range": the axis (0-d too)
        raise _axis_error("fft.rfft", x, axis, exc) from exc


def irfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``irfft`` (``numpy.fft.irfft``)."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.irfft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        if n is not None and not x.shape[axis]:
            x = _zero_filled(x, [axis])  # (NumPy read memory it never wrote)
        return np.fft.irfft(x, n, axis, norm)
    except IndexError as exc:  # NumPy's "tuple index out of range": the axis (0-d too)
        raise _axis_error("fft.irfft", x, axis, exc) from exc


def rfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: _Norm = "backward") -> Any:
    """The standard's ``rfftn`` (``numpy.fft.rfftn``)."""
    if norm is not BACKWARD:  # (refused before anything else, without axes too)
        transforms.check_norm("fft.rfftn", norm)
    if axes is not None:  # (NumPy transforms a repeated axis twice)
        axes = checks.sequence_axes("fft.rfftn", x, axes)
    elif s is not None:
        axes = _last_axes("fft.rfftn", s)
    x = in_default_float(x)
    return _single(np.fft.rfftn(x, s, axes, norm), x, _COMPLEX64)


def irfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: _Norm = "backward") -> Any:
    """The standard's ``irfftn`` (``numpy.fft.irfftn``)."""
    if norm is not BACKWARD:  # (refused before anything else, without axes too)
        transforms.check_norm("fft.irfftn", norm)
    if axes is not None:  # (NumPy transforms a repeated axis twice)
        axes = checks.sequence_axes("fft.irfftn", x, axes)
    elif s is not None:
        axes = _last_axes("fft.irfftn", s)
    if s is not None and -1 in s:
        s = transforms.whole_lengths("fft.irfftn", x, s, axes)  # (NumPy: m for the last)
    x = in_default_float(x)
    if s is not None and 0 in x.shape:
        x = _zero_filled(x, axes)  # (NumPy read memory it never wrote)
    return _single(np.fft.irfftn(x, s, axes, norm), x, _FLOAT32)


def hfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``hfft`` (``numpy.fft.hfft``)."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.hfft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        if n is not None and not x.shape[axis]:
            x = _zero_filled(x, [axis])  # (NumPy read memory it never wrote)
        return np.fft.hfft(x, n, axis, norm)
    except IndexError as exc:  # NumPy's "tuple index out of range": the axis (0-d too)
        raise _axis_error("fft.hfft", x, axis, exc) from exc


def ihfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``ihfft`` (``numpy.fft.ihfft``)."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.ihfft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        return np.fft.ihfft(x, n, axis, norm)
    except IndexError as exc:  # NumPy's "tuple index out of range": the axis (0-d too)
        raise _axis_error("fft.ihfft", x, axis, exc) from exc


def fftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``fftfreq``, in the default float without a dtype."""
    return _frequencies(np.fft.fftfreq, "fft.fftfreq", n, d, dtype, device)


def rfftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``rfftfreq``, in the default float without a dtype."""
    return _frequencies(np.fft.rfftfreq, "fft.rfftfreq", n, d, dtype, device)


def _frequencies(
    function: Callable[[int, float], Any], name: str, n: Any, d: Any, dtype: Any, device: Any
) -> Any:
    """``fftfreq`` or ``rfftfreq`` (``function``) of checked arguments, in polyarray's dtype."""
    if (
        type(n) is not int
        or not 0 < n < 2**63
        or (type(d) is not float and type(d) is not int)  # (NumPy's float32: as a float)
        or d == 0
    ):
        n, d = arguments.fft_frequency_arguments(name, n, d)
    # The dtype before the device, as torch checks them.
    dtype_name = _config.float_name if dtype is None else arguments.frequency_dtype(name, dtype)
    if device is not None:
        check_cpu(device)
    result = function(n, d)  # float64
    target = _DTYPE_OF[dtype_name]  # (a dtype object: astype takes those faster)
    return result if result.dtype is target else result.astype(target)


def fftshift(x: Any, /, *, axes: Any = None) -> Any:
    """The standard's ``fftshift`` (``numpy.fft.fftshift``)."""
    if axes is not None:
        axes = checks.sequence_axes("fft.fftshift", x, axes, single=True)
    if not x.ndim or axes == ():  # nothing to shift (NumPy fails on 0-d arrays)
        return x.copy()
    result = np.fft.fftshift(x, axes)
    return result if type(result) is ndarray else to_array(result)


def ifftshift(x: Any, /, *, axes: Any = None) -> Any:
    """The standard's ``ifftshift`` (``numpy.fft.ifftshift``)."""
    if axes is not None:
        axes = checks.sequence_axes("fft.ifftshift", x, axes, single=True)
    if not x.ndim or axes == ():  # nothing to shift (NumPy fails on 0-d arrays)
        return x.copy()
    result = np.fft.ifftshift(x, axes)
    return result if type(result) is ndarray else to_array(result)
