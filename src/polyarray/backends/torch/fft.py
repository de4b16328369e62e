"""The ``fft`` extension of the standard, on torch (names without the ``fft.`` prefix).

torch.fft's own functions, with the standard's keyword names (``axis``/``axes`` for
torch's ``dim``), passed positionally (torch parses keywords slowly); ``fftfreq``/
``rfftfreq`` give the default float unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from polyarray import _config
from polyarray._rules import arguments, checks, mistakes, transforms
from polyarray._rules.transforms import BACKWARD
from polyarray.backends.torch._arrays import NATIVE, default_float, in_default_float

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
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.fft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        if n is None and axis == -1 and norm == "backward":
            return torch.fft.fft(x)  # (torch parses fewer arguments)
        return torch.fft.fft(x, n, axis, norm)
    except RuntimeError as exc:
        transforms.check_axis("fft.fft", x, axis)  # (torch looked at the dtype first)
        return _of_empty(torch.fft.fft, x, (n, axis, norm), [axis], n is not None, exc)


def ifft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft.ifft``."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.ifft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        if n is None and axis == -1 and norm == "backward":
            return torch.fft.ifft(x)  # (torch parses fewer arguments)
        return torch.fft.ifft(x, n, axis, norm)
    except RuntimeError as exc:
        transforms.check_axis("fft.ifft", x, axis)  # (torch looked at the dtype first)
        return _of_empty(torch.fft.ifft, x, (n, axis, norm), [axis], n is not None, exc)


def rfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft.rfft``."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.rfft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        if n is None and axis == -1 and norm == "backward":
            return torch.fft.rfft(x)  # (torch parses fewer arguments)
        return torch.fft.rfft(x, n, axis, norm)
    except RuntimeError as exc:
        transforms.check_axis("fft.rfft", x, axis)  # (torch looked at the dtype first)
        return _of_empty(torch.fft.rfft, x, (n, axis, norm), [axis], n is not None, exc)


def irfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft.irfft``."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.irfft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        if n is None and axis == -1 and norm == "backward":
            return torch.fft.irfft(x)  # (torch parses fewer arguments)
        return torch.fft.irfft(x, n, axis, norm)
    except RuntimeError as exc:
        transforms.check_axis("fft.irfft", x, axis)  # (torch looked at the dtype first)
        return _of_empty(torch.fft.irfft, x, (n, axis, norm), [axis], n is not None, exc)


def hfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft.hfft``."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.hfft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        if n is None and axis == -1 and norm == "backward":
            return torch.fft.hfft(x)  # (torch parses fewer arguments)
        return torch.fft.hfft(x, n, axis, norm)
    except RuntimeError as exc:
        transforms.check_axis("fft.hfft", x, axis)  # (torch looked at the dtype first)
        return _of_empty(torch.fft.hfft, x, (n, axis, norm), [axis], n is not None, exc)


def ihfft(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
    """The standard's ``fft.ihfft``."""
    if n is not None or type(axis) is not int or norm is not BACKWARD:
        n, axis = transforms.one_axis("fft.ihfft", x, n, axis, norm)  # (in polyarray's order)
    x = in_default_float(x)
    try:
        if n is None and axis == -1 and norm == "backward":
            return torch.fft.ihfft(x)  # (torch parses fewer arguments)
        return torch.fft.ihfft(x, n, axis, norm)
    except RuntimeError as exc:
        transforms.check_axis("fft.ihfft", x, axis)  # (torch looked at the dtype first)
        return _of_empty(torch.fft.ihfft, x, (n, axis, norm), [axis], n is not None, exc)


def fftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``fft.fftn``."""
    if norm is not BACKWARD:  # (refused before anything else, without axes too)
        transforms.check_norm("fft.fftn", norm)
    if axes is not None:
        axes = checks.sequence_axes("fft.fftn", x, axes)
    if s is not None:
        if type(s) is not tuple and type(s) is not list:
            raise mistakes.fft_sizes_error("fft.fftn", s)  # (torch takes an int)
        transforms.check_lengths("fft.fftn", s)
    x = in_default_float(x)
    try:
        if s is None and axes is None and norm == "backward":
            return torch.fft.fftn(x)  # (torch parses fewer arguments)
        return torch.fft.fftn(x, s, axes, norm)
    except RuntimeError as exc:
        return _of_empty(
            torch.fft.fftn, x, (s, axes, norm), _nd_axes(x, s, axes), s is not None, exc
        )


def ifftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``fft.ifftn``."""
    if norm is not BACKWARD:  # (refused before anything else, without axes too)
        transforms.check_norm("fft.ifftn", norm)
    if axes is not None:
        axes = checks.sequence_axes("fft.ifftn", x, axes)
    if s is not None:
        if type(s) is not tuple and type(s) is not list:
            raise mistakes.fft_sizes_error("fft.ifftn", s)  # (torch takes an int)
        transforms.check_lengths("fft.ifftn", s)
    x = in_default_float(x)
    try:
        if s is None and axes is None and norm == "backward":
            return torch.fft.ifftn(x)  # (torch parses fewer arguments)
        return torch.fft.ifftn(x, s, axes, norm)
    except RuntimeError as exc:
        return _of_empty(
            torch.fft.ifftn, x, (s, axes, norm), _nd_axes(x, s, axes), s is not None, exc
        )


def rfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``fft.rfftn``."""
    if norm is not BACKWARD:  # (refused before anything else, without axes too)
        transforms.check_norm("fft.rfftn", norm)
    if axes is not None:
        axes = checks.sequence_axes("fft.rfftn", x, axes)
    if s is not None:
        if type(s) is not tuple and type(s) is not list:
            raise mistakes.fft_sizes_error("fft.rfftn", s)  # (torch takes an int)
        transforms.check_lengths("fft.rfftn", s)
    no_axes = axes == () or (s is not None and not len(s)) or (axes is s is None and not x.ndim)
    if no_axes and x.dtype.is_complex:
        # No axes to transform before complex input, as NumPy reports them (torch reports
        # complex input first).
        raise mistakes.mistake_error(mistakes.FFT_NO_AXES, "fft.rfftn", (x,), "")
    x = in_default_float(x)
    try:
        if s is None and axes is None and norm == "backward":
            return torch.fft.rfftn(x)  # (torch parses fewer arguments)
        return torch.fft.rfftn(x, s, axes, norm)
    except RuntimeError as exc:
        return _of_empty(
            torch.fft.rfftn, x, (s, axes, norm), _nd_axes(x, s, axes), s is not None, exc
        )


def irfftn(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
    """The standard's ``fft.irfftn``."""
    if norm is not BACKWARD:  # (refused before anything else, without axes too)
        transforms.check_norm("fft.irfftn", norm)
    if axes is not None:
        axes = checks.sequence_axes("fft.irfftn", x, axes)
    if s is not None:
        if type(s) is not tuple and type(s) is not list:
            raise mistakes.fft_sizes_error("fft.irfftn", s)  # (torch takes an int)
        transforms.check_lengths("fft.irfftn", s)
    x = in_default_float(x)
    try:
        if s is None and axes is None and norm == "backward":
            return torch.fft.irfftn(x)  # (torch parses fewer arguments)
        return torch.fft.irfftn(x, s, axes, norm)
    except RuntimeError as exc:
        return _of_empty(
            torch.fft.irfftn, x, (s, axes, norm), _nd_axes(x, s, axes), s is not None, exc
        )


def fftshift(x: Any, /, *, axes: Any = None) -> Any:
    """The standard's ``fft.fftshift``."""
    if axes is None:
        if x.ndim:
            return torch.fft.fftshift(x)  # (a keyword costs torch ~100 ns)
        return x.clone()  # nothing to shift (torch raises for 0-d tensors)
    axes = checks.sequence_axes("fft.fftshift", x, axes, single=True)
    if not axes:
        return x.clone()  # (torch would shift the flattened tensor)
    return torch.fft.fftshift(x, dim=axes)


def ifftshift(x: Any, /, *, axes: Any = None) -> Any:
    """The standard's ``fft.ifftshift``."""
    if axes is None:
        if x.ndim:
            return torch.fft.ifftshift(x)  # (a keyword costs torch ~100 ns)
        return x.clone()  # nothing to shift (torch raises for 0-d tensors)
    axes = checks.sequence_axes("fft.ifftshift", x, axes, single=True)
    if not axes:
        return x.clone()  # (torch would shift the flattened tensor)
    return torch.fft.ifftshift(x, dim=axes)


def fftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``fft.fftfreq``, of the default float unless told otherwise."""
    return _frequencies(torch.fft.fftfreq, "fft.fftfreq", n, d, dtype, device)


def rfftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``fft.rfftfreq``, of the default float unless told otherwise."""
    return _frequencies(torch.fft.rfftfreq, "fft.rfftfreq", n, d, dtype, device)


def _frequencies(
    function: Callable[..., Any], name: str, n: Any, d: Any, dtype: Any, device: Any
) -> Any:
    """``fftfreq`` or ``rfftfreq`` (``function``) of checked arguments, in polyarray's dtype."""
    if (
        type(n) is not int
        or not 0 < n < 2**63
        or (type(d) is not float and type(d) is not int)  # (torch refused NumPy's floats)
        or d == 0
    ):
        n, d = arguments.fft_frequency_arguments(name, n, d)
    if device is None:  # (each keyword costs torch ~100 ns)
        if dtype is None and torch.get_default_dtype() is NATIVE[_config.float_name]:
            # torch's default float is polyarray's (and its default d, 1.0)
            return function(n) if type(d) is float and d == 1.0 else function(n, d)
        native = default_float() if dtype is None else _frequency_dtype(name, dtype)
        return function(n, d, dtype=native)
    native = default_float() if dtype is None else _frequency_dtype(name, dtype)
    return function(n, d, dtype=native, device=device)


def _frequency_dtype(name: str, dtype: Any) -> Any:
    """A real floating-point dtype, as the standard says (torch raised RuntimeError for
    integer dtypes, NotImplementedError for complex ones; NumPy computed them)."""
    return NATIVE[arguments.frequency_dtype(name, dtype)]


def _nd_axes(x: Any, s: Any, axes: Any) -> list[int]:
    """The axes an n-d transform transforms: ``axes``, else the last ``len(s)``, else all."""
    if axes is not None:
        return list(axes)
    return list(range(-len(s), 0)) if s is not None else list(range(x.ndim))


def _of_empty(
    function: Any, x: Any, args: tuple[Any, ...], axes: list[int], sized: bool, exc: Exception
) -> Any:
    """``function(x, *args)`` for an ``x`` without elements whose transformed ``axes`` are
    not empty (or are given sizes, ``sized``): torch's CPU transform of an empty batch fails
    ("MKL FFT error: Inconsistent configuration parameters",
    https://github.com/pytorch/pytorch/issues/174984), NumPy gives an empty result.
    It is computed on zeros with the empty axes of length 1, then emptied along them again;
    for other errors, the framework's ``exc`` is raised."""
    shape = list(x.shape)
    ndim = len(shape)
    transformed = {a % ndim for a in axes} if ndim else set()
    if x.numel() or (not sized and any(shape[a] == 0 for a in transformed)):
        raise exc
    batch = [i for i in range(ndim) if shape[i] == 0 and i not in transformed]
    result = function(x.new_zeros([1 if size == 0 else size for size in shape]), *args)
    for i in batch:
        result = result.narrow(i, 0, 0)
    return result
