"""``pa.fft`` on Dask.

The transforms are the NumPy backend's functions of Dask arrays (Dask's own FFTs, lazy),
after a rechunk: Dask transforms an axis only where it is one chunk, so each transformed
axis is made one chunk first (the others keep theirs, and the work is parallel over them).
``fftfreq`` and ``rfftfreq`` are the NumPy backend's values, chunked.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from polyarray.backends.dask._arrays import Array, lazy, one_chunk_along
from polyarray.backends.numpy import fft as numpy_fft

__all__ = [
    "fft",
    "fftfreq",
    "fftn",
    "hfft",
    "ifft",
    "ifftn",
    "ihfft",
    "irfft",
    "irfftn",
    "rfft",
    "rfftfreq",
    "rfftn",
]


def _valid_axes(x: Any, axes: Any) -> tuple[int, ...] | None:
    """``axes`` as ints in range of ``x``, or None where they are not (the NumPy backend
    then reports them, on the array as it is)."""
    try:
        found = tuple(operator.index(axis) for axis in axes)
    except TypeError:
        return None
    if not all(-x.ndim <= axis < x.ndim for axis in found):
        return None
    return found


def _whole(x: Any, axes: Any) -> Any:
    if not isinstance(x, Array) or not x.ndim:
        return x
    valid = _valid_axes(x, axes)
    return x if valid is None else one_chunk_along(x, valid)


def _one_axis(transform: Callable[..., Any]) -> Callable[..., Any]:
    """A transform along one axis (``fft``, ``rfft``, ``hfft``...), that axis whole."""

    def call(x: Any, /, *, n: Any = None, axis: Any = -1, norm: Any = "backward") -> Any:
        return transform(_whole(x, (axis,)), n=n, axis=axis, norm=norm)

    call.__name__ = call.__qualname__ = transform.__name__
    call.__doc__ = transform.__doc__
    return call


def _many_axes(transform: Callable[..., Any]) -> Callable[..., Any]:
    """A transform along several axes (``fftn``...), each of them whole."""

    def call(x: Any, /, *, s: Any = None, axes: Any = None, norm: Any = "backward") -> Any:
        if axes is None and isinstance(x, Array):
            # every axis, or the last len(s) (the standard's rule)
            count = x.ndim if s is None or not hasattr(s, "__len__") else len(s)
            whole_axes: Any = range(x.ndim - min(count, x.ndim), x.ndim)
        else:
            whole_axes = axes if hasattr(axes, "__iter__") else ()
        return transform(_whole(x, whole_axes), s=s, axes=axes, norm=norm)

    call.__name__ = call.__qualname__ = transform.__name__
    call.__doc__ = transform.__doc__
    return call


fft = _one_axis(numpy_fft.fft)
ifft = _one_axis(numpy_fft.ifft)
rfft = _one_axis(numpy_fft.rfft)
irfft = _one_axis(numpy_fft.irfft)
hfft = _one_axis(numpy_fft.hfft)
ihfft = _one_axis(numpy_fft.ihfft)
fftn = _many_axes(numpy_fft.fftn)
ifftn = _many_axes(numpy_fft.ifftn)
rfftn = _many_axes(numpy_fft.rfftn)
irfftn = _many_axes(numpy_fft.irfftn)


def fftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``fftfreq`` (the NumPy backend's values, chunked)."""
    return lazy(numpy_fft.fftfreq(n, d=d, dtype=dtype, device=device))


def rfftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``rfftfreq`` (the NumPy backend's values, chunked)."""
    return lazy(numpy_fft.rfftfreq(n, d=d, dtype=dtype, device=device))
