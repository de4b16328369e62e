"""Where polyarray's torch functions differ from array-api-compat's torch namespace.

The reasons, each decided once for every backend (see ``docs/semantics.md``):

- Creation functions put arrays on the backend's device and give float results
  polyarray's default float, whatever ``torch.get_default_dtype()`` says.
- ``mean``/``var``/``std``/``median`` of integer arrays return the default float
  (torch raises); ``median`` of an even count is the mean of the two middle values
  (torch returns the lower one); ``std``/``var`` default to ``correction=0``.
- ``max_with_indices``/``min_with_indices`` take the first index of ties and of NaN.
- dtype arguments may be :class:`polyarray.DType`, strings or Python types.

Hot functions (the ones in ``benchmarks/overhead.py``) call torch directly when no
promotion is involved, because array-api-compat's wrappers cost about a microsecond.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from typing import Any

import torch

from polyarray import _config
from polyarray._dtypes import canonical_name
from polyarray._names import DTYPES
from polyarray._results import MinMaxResult

_NATIVE: dict[str, torch.dtype] = {name: getattr(torch, name) for name in DTYPES}
_INTEGRAL = frozenset(_NATIVE[n] for n in DTYPES if n == "bool" or "int" in n)
_PYTHON_LITERALS = (float, complex, list, tuple)
_Tensor = torch.Tensor


def _dtype(dtype: Any) -> torch.dtype:
    return _NATIVE[canonical_name(dtype)]


def _default_float() -> torch.dtype:
    return _NATIVE[_config.float_name]


def _default_complex() -> torch.dtype:
    return _NATIVE[_config.complex_name]


def _default_for_scalar(value: Any) -> torch.dtype | None:
    kind = type(value)
    if kind is bool:
        return torch.bool
    if kind is int:
        return torch.int64
    if kind is float:
        return _default_float()
    if kind is complex:
        return _default_complex()
    return None


def overrides(xp: types.ModuleType) -> dict[str, Callable[..., Any]]:
    """The function table entries that replace array-api-compat's (see module docstring)."""

    # -- creation ---------------------------------------------------------------------

    def asarray(
        obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None
    ) -> Any:
        if dtype is not None:
            return xp.asarray(obj, dtype=_dtype(dtype), device=device, copy=copy)
        result = xp.asarray(obj, device=device, copy=copy)
        if type(obj) in _PYTHON_LITERALS and (result.is_floating_point() or result.is_complex()):
            target = _default_complex() if result.is_complex() else _default_float()
            if result.dtype != target:
                # Convert again from the Python values: a float32 round trip would lose
                # precision when the default float is float64.
                result = xp.asarray(obj, dtype=target, device=device, copy=copy)
        return result

    def _float_creation(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def create(*args: Any, dtype: Any = None, **kwargs: Any) -> Any:
            native = _default_float() if dtype is None else _dtype(dtype)
            return function(*args, dtype=native, **kwargs)

        return create

    def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
        if dtype is None:
            dtype = _default_for_scalar(fill_value)
        native = None if dtype is None else _dtype(dtype)
        return xp.full(shape, fill_value, dtype=native, device=device)

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
        if dtype is None:
            is_complex = type(start) is complex or type(stop) is complex
            native = _default_complex() if is_complex else _default_float()
        else:
            native = _dtype(dtype)
        if not endpoint:
            return xp.linspace(start, stop, num, dtype=native, device=device, endpoint=False)
        if device is None:
            # torch parses keyword arguments slowly; its plain call already gives its
            # default dtype (float32 unless the user changed it, which this check catches).
            result = torch.linspace(start, stop, num)
            if result.dtype is native:
                return result
        return torch.linspace(start, stop, num, dtype=native, device=device)

    def arange(
        start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
    ) -> Any:
        if dtype is None:
            is_float = any(type(v) is float for v in (start, stop, step))
            native = _default_float() if is_float else torch.int64
        else:
            native = _dtype(dtype)
        return xp.arange(start, stop, step, dtype=native, device=device)

    def _like(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def create(*args: Any, dtype: Any = None, **kwargs: Any) -> Any:
            return function(*args, dtype=None if dtype is None else _dtype(dtype), **kwargs)

        return create

    # -- data types -------------------------------------------------------------------

    def _dtype_arg(value: Any) -> Any:
        if isinstance(value, (_Tensor, bool, int, float, complex)):
            return value
        return _dtype(value)

    def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Any:
        return xp.astype(x, _dtype(dtype), copy=copy, device=device)

    def can_cast(from_: Any, to: Any, /) -> bool:
        return bool(xp.can_cast(_dtype_arg(from_), _dtype(to)))

    def result_type(*arrays_and_dtypes: Any) -> Any:
        return xp.result_type(*(_dtype_arg(a) for a in arrays_and_dtypes))

    def isdtype(dtype: Any, kind: Any) -> bool:
        def kind_arg(k: Any) -> Any:
            return k if isinstance(k, str) else _dtype(k)

        kinds = tuple(kind_arg(k) for k in kind) if isinstance(kind, tuple) else kind_arg(kind)
        return bool(xp.isdtype(_dtype(dtype), kinds))

    def finfo(type: Any, /) -> Any:
        return xp.finfo(_dtype_arg(type))

    def iinfo(type: Any, /) -> Any:
        return xp.iinfo(_dtype_arg(type))

    def _with_dtype_kwarg(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def call(*args: Any, dtype: Any = None, **kwargs: Any) -> Any:
            return function(*args, dtype=None if dtype is None else _dtype(dtype), **kwargs)

        return call

    # -- statistics -------------------------------------------------------------------

    def _as_float(x: Any) -> Any:
        # Integers and booleans are averaged in float64, then given the default float.
        return x.to(torch.float64) if x.dtype in _INTEGRAL else x

    def _finish_float(result: Any, x: Any) -> Any:
        return result.to(_default_float()) if x.dtype in _INTEGRAL else result

    def mean(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        try:
            # Positional arguments: torch parses them faster than keywords.
            return torch.mean(x, axis, keepdims)
        except RuntimeError:
            if x.dtype not in _INTEGRAL:
                raise
        return torch.mean(_as_float(x), axis, keepdims).to(_default_float())

    def var(
        x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False
    ) -> Any:
        result = torch.var(_as_float(x), dim=axis, correction=correction, keepdim=keepdims)
        return _finish_float(result, x)

    def std(
        x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False
    ) -> Any:
        result = torch.std(_as_float(x), dim=axis, correction=correction, keepdim=keepdims)
        return _finish_float(result, x)

    def median(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        values = _as_float(x)
        ndim = values.ndim
        axes = tuple(range(ndim)) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
        axes = tuple(a % ndim for a in axes) if ndim else ()
        kept = [d for d in range(ndim) if d not in axes]
        # Move the reduced axes to the end and flatten them into one.
        moved = values.permute(*kept, *axes).reshape(*(values.shape[d] for d in kept), -1)
        count = moved.shape[-1]
        if count == 0:
            result = torch.full(moved.shape[:-1], float("nan"), dtype=values.dtype, device=x.device)
        else:
            ordered = torch.sort(moved, dim=-1).values
            low, high = ordered[..., (count - 1) // 2], ordered[..., count // 2]
            result = (low + high) / 2
            # torch sorts NaN last; the median of anything with a NaN is NaN, as in NumPy.
            if values.is_floating_point() or values.is_complex():
                result = torch.where(torch.isnan(moved).any(dim=-1), ordered[..., -1], result)
        if keepdims:
            result = result.reshape([1 if d in axes else values.shape[d] for d in range(ndim)])
        return _finish_float(result, x)

    def _with_indices(arg_function: Callable[..., Any]) -> Callable[..., Any]:
        def reduce(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
            # torch.argmax/argmin give the first index of ties and of the first NaN on the
            # CPU and on CUDA, unlike torch.max(x, dim) whose tie-breaking is unspecified.
            if axis is None:
                flat = x.reshape(-1)
                index = arg_function(flat, dim=0, keepdim=True)
                values = flat[index]
                shape = (1,) * x.ndim if keepdims else ()
                return MinMaxResult(values.reshape(shape), index.reshape(shape))
            index = arg_function(x, dim=axis, keepdim=True)
            values = torch.take_along_dim(x, index, dim=axis)
            if not keepdims:
                values, index = values.squeeze(axis), index.squeeze(axis)
            return MinMaxResult(values, index)

        return reduce

    # -- hot paths: call torch directly when there is nothing to promote -------------

    def add(x1: Any, x2: Any, /) -> Any:
        try:
            if x1.dtype is x2.dtype:
                return torch.add(x1, x2)
        except AttributeError:  # a Python scalar: array-api-compat applies the rules
            pass
        return xp.add(x1, x2)

    def matmul(x1: Any, x2: Any, /) -> Any:
        if x1.dtype is x2.dtype:
            return torch.matmul(x1, x2)
        return xp.matmul(x1, x2)

    def argmax(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
        return torch.argmax(x, axis, keepdims)

    def reshape(x: Any, /, shape: tuple[int, ...], *, copy: bool | None = None) -> Any:
        if copy is None:
            return torch.reshape(x, shape)
        return xp.reshape(x, shape, copy=copy)

    table: dict[str, Callable[..., Any]] = {
        "asarray": asarray,
        "full": full,
        "linspace": linspace,
        "arange": arange,
        "astype": astype,
        "can_cast": can_cast,
        "result_type": result_type,
        "isdtype": isdtype,
        "finfo": finfo,
        "iinfo": iinfo,
        "mean": mean,
        "var": var,
        "std": std,
        "median": median,
        "max_with_indices": _with_indices(torch.argmax),
        "min_with_indices": _with_indices(torch.argmin),
        "add": add,
        "matmul": matmul,
        "argmax": argmax,
        "reshape": reshape,
    }
    for name in ("zeros", "ones", "empty", "eye", "fft.fftfreq", "fft.rfftfreq"):
        namespace = xp.fft if name.startswith("fft.") else xp
        table[name] = _float_creation(getattr(namespace, name.rpartition(".")[2]))
    for name in ("zeros_like", "ones_like", "empty_like", "full_like"):
        table[name] = _like(getattr(xp, name))
    for name in ("sum", "prod", "cumulative_sum", "cumulative_prod", "linalg.trace"):
        namespace = xp.linalg if name.startswith("linalg.") else xp
        table[name] = _with_dtype_kwarg(getattr(namespace, name.rpartition(".")[2]))
    return table
