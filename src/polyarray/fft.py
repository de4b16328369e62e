"""The ``fft`` extension of the Array API standard, on every backend: ``pa.fft``."""

from __future__ import annotations

from polyarray import _dispatch, _names

__all__ = list(_names.FFT_FUNCTIONS)

globals().update(_dispatch.build(_names.FFT_FUNCTIONS, prefix="fft.", module=__name__))
