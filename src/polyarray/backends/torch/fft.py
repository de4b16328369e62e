"""The ``fft`` extension of the standard, on torch (names without the ``fft.`` prefix).

torch.fft's own functions, with the standard's keyword names (``axis``/``axes`` for
torch's ``dim``), passed positionally (torch parses keywords slowly); ``fftfreq``/
``rfftfreq`` give the default float unless told otherwise.
"""

from __future__ import annotations

from typing import Any

import torch

from polyarray import _config
from polyarray.backends.torch._arrays import NATIVE, default_float, in_default_float, native_dtype

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


def fft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft.fft``."""
    x = in_default_float(x)
    if n is None and axis == -1 and norm == "backward":
        return torch.fft.fft(x)  # (torch parses fewer arguments)
    return torch.fft.fft(x, n, axis, norm)


def ifft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft.ifft``."""
    x = in_default_float(x)
    if n is None and axis == -1 and norm == "backward":
        return torch.fft.ifft(x)  # (torch parses fewer arguments)
    return torch.fft.ifft(x, n, axis, norm)


def rfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft.rfft``."""
    x = in_default_float(x)
    if n is None and axis == -1 and norm == "backward":
        return torch.fft.rfft(x)  # (torch parses fewer arguments)
    return torch.fft.rfft(x, n, axis, norm)


def irfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft.irfft``."""
    x = in_default_float(x)
    if n is None and axis == -1 and norm == "backward":
        return torch.fft.irfft(x)  # (torch parses fewer arguments)
    return torch.fft.irfft(x, n, axis, norm)


def hfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft.hfft``."""
    x = in_default_float(x)
    if n is None and axis == -1 and norm == "backward":
        return torch.fft.hfft(x)  # (torch parses fewer arguments)
    return torch.fft.hfft(x, n, axis, norm)


def ihfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft.ihfft``."""
    x = in_default_float(x)
    if n is None and axis == -1 and norm == "backward":
        return torch.fft.ihfft(x)  # (torch parses fewer arguments)
    return torch.fft.ihfft(x, n, axis, norm)


def fftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``fft.fftn``."""
    x = in_default_float(x)
    if s is None and axes is None and norm == "backward":
        return torch.fft.fftn(x)  # (torch parses fewer arguments)
    return torch.fft.fftn(x, s, axes, norm)


def ifftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``fft.ifftn``."""
    x = in_default_float(x)
    if s is None and axes is None and norm == "backward":
        return torch.fft.ifftn(x)  # (torch parses fewer arguments)
    return torch.fft.ifftn(x, s, axes, norm)


def rfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``fft.rfftn``."""
    x = in_default_float(x)
    if s is None and axes is None and norm == "backward":
        return torch.fft.rfftn(x)  # (torch parses fewer arguments)
    return torch.fft.rfftn(x, s, axes, norm)


def irfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``fft.irfftn``."""
    x = in_default_float(x)
    if s is None and axes is None and norm == "backward":
        return torch.fft.irfftn(x)  # (torch parses fewer arguments)
    return torch.fft.irfftn(x, s, axes, norm)


def fftshift(x: Any, /, *, axes: Any = None) -> Any:
    """The standard's ``fft.fftshift``."""
    if axes is None:
        return torch.fft.fftshift(x)  # (a keyword costs torch ~100 ns)
    return torch.fft.fftshift(x, dim=axes)


def ifftshift(x: Any, /, *, axes: Any = None) -> Any:
    """The standard's ``fft.ifftshift``."""
    if axes is None:
        return torch.fft.ifftshift(x)  # (a keyword costs torch ~100 ns)
    return torch.fft.ifftshift(x, dim=axes)


def fftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``fft.fftfreq``, of the default float unless told otherwise."""
    if device is None:  # (each keyword costs torch ~100 ns)
        if dtype is None and torch.get_default_dtype() is NATIVE[_config.float_name]:
            # torch's default float is polyarray's (and its default d, 1.0)
            return (
                torch.fft.fftfreq(n) if type(d) is float and d == 1.0 else torch.fft.fftfreq(n, d)
            )
        native = default_float() if dtype is None else native_dtype(dtype)
        return torch.fft.fftfreq(n, d, dtype=native)
    native = default_float() if dtype is None else native_dtype(dtype)
    return torch.fft.fftfreq(n, d, dtype=native, device=device)


def rfftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``fft.rfftfreq``, of the default float unless told otherwise."""
    if device is None:  # (each keyword costs torch ~100 ns)
        if dtype is None and torch.get_default_dtype() is NATIVE[_config.float_name]:
            # torch's default float is polyarray's (and its default d, 1.0)
            return (
                torch.fft.rfftfreq(n) if type(d) is float and d == 1.0 else torch.fft.rfftfreq(n, d)
            )
        native = default_float() if dtype is None else native_dtype(dtype)
        return torch.fft.rfftfreq(n, d, dtype=native)
    native = default_float() if dtype is None else native_dtype(dtype)
    return torch.fft.rfftfreq(n, d, dtype=native, device=device)
