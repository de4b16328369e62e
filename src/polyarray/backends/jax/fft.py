"""The standard's ``fft`` extension (``pa.fft``), on JAX.

The same decisions as on NumPy (``backends/numpy/fft.py``), on ``jax.numpy.fft``: the
arguments are checked in polyarray's order (``polyarray._rules.transforms``); integer
and boolean input is transformed in the default float, so gives the default complex
(JAX in 64-bit mode would take float64 and give complex128); ``fftfreq`` and
``rfftfreq`` give the default float without a dtype, computed in float64 and rounded
once, as on NumPy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import jax.numpy as jnp

from polyarray import _config
from polyarray._rules import arguments, checks, mistakes, transforms
from polyarray._rules.creation import check_countable
from polyarray._rules.transforms import BACKWARD
from polyarray.backends.jax._arrays import COMPLEX, NATIVE, in_default_float
from polyarray.backends.jax.creation import device_argument

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

_FLOAT64: Final = NATIVE["float64"]
#: The transforms of real input (JAX: ValueError for complex input, NumPy: TypeError).
_REAL_INPUT: Final = frozenset({"fft.rfft", "fft.ihfft", "fft.rfftn"})
#: The n-d transforms that need an axis (the last one halves or doubles).
_REAL_NO_AXES: Final = frozenset({"fft.rfftn", "fft.irfftn"})
#: The transforms to real output, whose default length is 2 * (m - 1) points.
_REAL_OUTPUT: Final = frozenset({"fft.irfft", "fft.hfft"})


def _one_axis(function: Callable[..., Any], name: str, x: Any, n: Any, axis: Any, norm: Any) -> Any:
    """A transform along one axis, of arguments checked in polyarray's order."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis(name, x, n, axis, norm)
    else:
        transforms.check_axis(name, x, axis)  # (JAX: IndexError, or a 0-d result)
    if n is None:  # the axis's own length: at least one point (JAX gave empty results)
        points = x.shape[axis]
        if name in _REAL_OUTPUT:
            points = 2 * (points - 1)
        if points < 1:
            raise mistakes.mistake_error(mistakes.FFT_LENGTH, name, (), f"n={points}")
    if name in _REAL_INPUT and x.dtype in COMPLEX:
        raise mistakes.mistake_error(mistakes.FFT_REAL_INPUT, name, (x,), str(x.dtype))
    if n is not None:
        _check_size(name, x.shape, {axis: n})
    return function(in_default_float(x), n, axis, _norm(norm))


def _check_size(name: str, shape: tuple[int, ...], lengths: dict[int, int]) -> None:
    """The transform's array (``shape`` with ``lengths`` along their axes) checked for a
    size XLA can hold (:func:`~polyarray._rules.creation.check_countable`)."""
    sizes = list(shape)
    for axis, length in lengths.items():
        sizes[axis] = length
    check_countable(name, sizes)


def _n_axes(function: Callable[..., Any], name: str, x: Any, s: Any, axes: Any, norm: Any) -> Any:
    """A transform over several axes, of arguments checked in polyarray's order."""
    if norm is not BACKWARD:  # (refused before anything else, without axes too)
        transforms.check_norm(name, norm)
    if axes is not None:
        axes = checks.sequence_axes(name, x, axes)
    if s is not None:
        if type(s) is not tuple and type(s) is not list:
            raise mistakes.fft_sizes_error(name, s)
        transforms.check_lengths(name, s)
        if axes is None:  # the last len(s) axes, as the standard says
            axes = checks.sequence_axes(name, x, tuple(range(-len(s), 0)))
        elif len(s) != len(axes):  # (JAX: ValueError, its words)
            detail = f"s={tuple(s)}, axes={axes}"
            raise mistakes.mistake_error(mistakes.FFT_S_AND_AXES, name, (x,), detail)
    # (no axes before complex input, as NumPy reports them: rfftn of a complex 0-d array)
    if (axes == () or (axes is None and not x.ndim)) and name in _REAL_NO_AXES:
        raise mistakes.mistake_error(mistakes.FFT_NO_AXES, name, (x,), "")
    if name in _REAL_INPUT and x.dtype in COMPLEX:
        raise mistakes.mistake_error(mistakes.FFT_REAL_INPUT, name, (x,), str(x.dtype))
    if s is None:
        # Each transformed axis's own length: at least one point (JAX gave empty results).
        for axis in range(x.ndim) if axes is None else axes:
            points = x.shape[axis]
            if name == "fft.irfftn" and axis % x.ndim == (axes or (-1,))[-1] % x.ndim:
                points = 2 * (points - 1)  # 2 * (m - 1) points along the last axis
            if points < 1:
                raise mistakes.mistake_error(mistakes.FFT_LENGTH, name, (), f"n={points}")
    elif axes is not None:
        # The standard's s[i] = -1: the input's own length along that axis (JAX: "Shape
        # should be positive"); other sizes below one are refused as on NumPy.
        s = transforms.whole_lengths(name, x, s, axes)
        _check_size(name, x.shape, dict(zip(axes, s, strict=True)))
    return function(in_default_float(x), s, axes, _norm(norm))


def _norm(norm: str) -> str | None:
    """JAX's spelling of a checked ``norm``: None for "backward", its default. (Given as
    the string, jax 0.10's FFTs took a path three times as slow: 311 against 104 us for an
    (8, 16) float32 fft on the CPU.)"""
    return None if norm == "backward" else norm


def fft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft``."""
    return _one_axis(jnp.fft.fft, "fft.fft", x, n, axis, norm)


def ifft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``ifft``."""
    return _one_axis(jnp.fft.ifft, "fft.ifft", x, n, axis, norm)


def rfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``rfft``."""
    return _one_axis(jnp.fft.rfft, "fft.rfft", x, n, axis, norm)


def irfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``irfft``."""
    return _one_axis(jnp.fft.irfft, "fft.irfft", x, n, axis, norm)


def hfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``hfft``."""
    return _one_axis(jnp.fft.hfft, "fft.hfft", x, n, axis, norm)


def ihfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``ihfft``."""
    return _one_axis(jnp.fft.ihfft, "fft.ihfft", x, n, axis, norm)


def fftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``fftn``."""
    return _n_axes(jnp.fft.fftn, "fft.fftn", x, s, axes, norm)


def ifftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``ifftn``."""
    return _n_axes(jnp.fft.ifftn, "fft.ifftn", x, s, axes, norm)


def rfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``rfftn``."""
    return _n_axes(jnp.fft.rfftn, "fft.rfftn", x, s, axes, norm)


def irfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``irfftn``."""
    return _n_axes(jnp.fft.irfftn, "fft.irfftn", x, s, axes, norm)


def fftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``fftfreq``, in the default float without a dtype."""
    return _frequencies(jnp.fft.fftfreq, "fft.fftfreq", n, d, dtype, device)


def rfftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``rfftfreq``, in the default float without a dtype."""
    return _frequencies(jnp.fft.rfftfreq, "fft.rfftfreq", n, d, dtype, device)


def _frequencies(
    function: Callable[..., Any], name: str, n: Any, d: Any, dtype: Any, device: Any
) -> Any:
    """``fftfreq`` or ``rfftfreq`` (``function``) of checked arguments, in polyarray's dtype:
    computed in float64 and rounded once, as on NumPy."""
    if (
        type(n) is not int
        or not 0 < n < 2**63
        or (type(d) is not float and type(d) is not int)
        or d == 0
    ):
        n, d = arguments.fft_frequency_arguments(name, n, d)
    dtype_name = _config.float_name if dtype is None else arguments.frequency_dtype(name, dtype)
    _check_size(name, (n,), {})
    if device is not None:
        device = device_argument(name, device)  # (a name, "cpu", or the backend's own)
    result = function(n, d, dtype=_FLOAT64, device=device)
    return result.astype(NATIVE[dtype_name])


def fftshift(x: Any, /, *, axes: Any = None) -> Any:
    """The standard's ``fftshift``: each axis once."""
    if axes is not None:
        axes = checks.sequence_axes("fft.fftshift", x, axes, single=True)
    return jnp.fft.fftshift(x, axes)


def ifftshift(x: Any, /, *, axes: Any = None) -> Any:
    """The standard's ``ifftshift``: each axis once."""
    if axes is not None:
        axes = checks.sequence_axes("fft.ifftshift", x, axes, single=True)
    return jnp.fft.ifftshift(x, axes)
