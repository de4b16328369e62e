"""The standard's ``fft`` extension (``pa.fft``), on NumPy.

NumPy 2's ``numpy.fft`` keeps single precision (float32 in, complex64 out), as the
standard asks; ``fftfreq`` and ``rfftfreq`` give polyarray's default float.
"""

from __future__ import annotations

from typing import Any, Final, Literal

import numpy as np

from polyarray import _config
from polyarray.backends.numpy._arrays import (
    NATIVE,
    check_cpu,
    in_default_float,
    native_dtype,
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


def _single(result: Any, x: Any, target: Any) -> Any:
    # ``target`` is a dtype object: compared by identity first, as ``!=`` with a scalar
    # type converts it to a dtype on every call.
    if x.dtype in _SINGLE and result.dtype is not target and result.dtype != target:
        return result.astype(target)
    return result


def fft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``fft`` (``numpy.fft.fft``)."""
    x = in_default_float(x)
    return np.fft.fft(x, n, axis, norm)


def ifft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``ifft`` (``numpy.fft.ifft``)."""
    x = in_default_float(x)
    return np.fft.ifft(x, n, axis, norm)


def fftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: _Norm = "backward") -> Any:
    """The standard's ``fftn`` (``numpy.fft.fftn``)."""
    x = in_default_float(x)
    return _single(np.fft.fftn(x, s, axes, norm), x, _COMPLEX64)


def ifftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: _Norm = "backward") -> Any:
    """The standard's ``ifftn`` (``numpy.fft.ifftn``)."""
    x = in_default_float(x)
    return _single(np.fft.ifftn(x, s, axes, norm), x, _COMPLEX64)


def rfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``rfft`` (``numpy.fft.rfft``)."""
    x = in_default_float(x)
    return np.fft.rfft(x, n, axis, norm)


def irfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``irfft`` (``numpy.fft.irfft``)."""
    x = in_default_float(x)
    return np.fft.irfft(x, n, axis, norm)


def rfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: _Norm = "backward") -> Any:
    """The standard's ``rfftn`` (``numpy.fft.rfftn``)."""
    x = in_default_float(x)
    return _single(np.fft.rfftn(x, s, axes, norm), x, _COMPLEX64)


def irfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: _Norm = "backward") -> Any:
    """The standard's ``irfftn`` (``numpy.fft.irfftn``)."""
    x = in_default_float(x)
    return _single(np.fft.irfftn(x, s, axes, norm), x, _FLOAT32)


def hfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``hfft`` (``numpy.fft.hfft``)."""
    x = in_default_float(x)
    return np.fft.hfft(x, n, axis, norm)


def ihfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: _Norm = "backward") -> Any:
    """The standard's ``ihfft`` (``numpy.fft.ihfft``)."""
    x = in_default_float(x)
    return np.fft.ihfft(x, n, axis, norm)


def fftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``fftfreq``, in the default float without a dtype."""
    if device is not None:
        check_cpu(device)
    result = np.fft.fftfreq(n, d)  # float64
    if dtype is None:  # the default float, as a dtype object (astype takes those faster)
        target = _DTYPE_OF[_config.float_name]
        return result if result.dtype is target else result.astype(target)
    return result.astype(native_dtype(dtype), copy=False)


def rfftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``rfftfreq``, in the default float without a dtype."""
    if device is not None:
        check_cpu(device)
    result = np.fft.rfftfreq(n, d)  # float64
    if dtype is None:  # the default float, as a dtype object (astype takes those faster)
        target = _DTYPE_OF[_config.float_name]
        return result if result.dtype is target else result.astype(target)
    return result.astype(native_dtype(dtype), copy=False)


def fftshift(x: Any, /, *, axes: Any = None) -> Any:
    """The standard's ``fftshift`` (``numpy.fft.fftshift``)."""
    result = np.fft.fftshift(x, axes)
    return result if type(result) is ndarray else to_array(result)


def ifftshift(x: Any, /, *, axes: Any = None) -> Any:
    """The standard's ``ifftshift`` (``numpy.fft.ifftshift``)."""
    result = np.fft.ifftshift(x, axes)
    return result if type(result) is ndarray else to_array(result)
