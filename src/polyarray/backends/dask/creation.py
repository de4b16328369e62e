"""Creation functions of the standard, on Dask.

The NumPy backend decides (dtypes, checks, errors, exact values); Dask holds the result:

- results that fit in one chunk of Dask's ``array.chunk-size`` (and every ``asarray`` of
  host data, ``arange`` and ``linspace``) are built by the NumPy backend and wrapped in a
  Dask array chunked by that setting;
- larger constant arrays (``zeros``, ``ones``, ``empty``, ``full``, ``eye``) are built
  lazily by Dask, chunk by chunk, after the NumPy backend has checked the dtype, the device
  and the fill value on a tiny array of the same kind;
- ``tril`` and ``triu`` are gathered (:mod:`._gathered`);
- the ``*_like`` functions and ``meshgrid`` are the NumPy backend's own: NumPy's functions
  of Dask arrays are Dask's (NEP 18), lazy and chunked as the input.
"""

from __future__ import annotations

import operator
from typing import Any

import dask.array as da
import numpy as np

from polyarray.backends.dask._arrays import Array, chunks_for, lazy, small
from polyarray.backends.dask._gathered import gathered
from polyarray.backends.numpy import creation as numpy_creation
from polyarray.backends.numpy._arrays import native_dtype

__all__ = [
    "arange",
    "asarray",
    "empty",
    "eye",
    "from_dlpack",
    "full",
    "linspace",
    "ones",
    "tril",
    "triu",
    "zeros",
]


def _held(value: Any) -> Any:
    """A 0-d Dask array as the NumPy value it holds (a bound or a count is a number);
    anything else as it is."""
    return value.compute() if isinstance(value, Array) else value


def _shape(shape: Any) -> tuple[int, ...]:
    """A shape the NumPy backend accepted, as a tuple of ints."""
    if isinstance(shape, (tuple, list)):
        return tuple(operator.index(n) for n in shape)
    return (operator.index(shape),)


def _constant(numpy_function: Any, dask_function: Any, shape: Any, dtype: Any, device: Any) -> Any:
    """``zeros``, ``ones`` or ``empty``: the NumPy backend's where it fits in a chunk, else
    Dask's, lazily, in the dtype the NumPy backend gives a tiny one (its checks too)."""
    if small(shape):
        return lazy(numpy_function(shape, dtype=dtype, device=device))
    probe = numpy_function(0, dtype=dtype, device=device)
    dimensions = _shape(shape)
    return dask_function(dimensions, dtype=probe.dtype, chunks=chunks_for(dimensions))


def arange(
    start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
) -> Any:
    """The standard's ``arange`` (the NumPy backend's values, in chunks)."""
    start, stop, step = _held(start), _held(stop), _held(step)
    return lazy(numpy_creation.arange(start, stop, step, dtype=dtype, device=device))


def asarray(obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None) -> Any:
    """The standard's ``asarray``: host data as the NumPy backend converts it, in chunks;
    a Dask array stays lazy (cast where a dtype is given)."""
    if not isinstance(obj, Array):
        return lazy(numpy_creation.asarray(obj, dtype=dtype, device=device, copy=copy))
    if device is not None:
        numpy_creation.asarray(0, dtype=dtype, device=device)  # (the dtype, then the device)
    native = obj.dtype if dtype is None else np.dtype(native_dtype(dtype))
    if native == obj.dtype:
        return obj.copy() if copy else obj
    if copy is False:
        raise ValueError(
            f"pa.asarray(copy=False) of a {obj.dtype} array as {native}: a cast makes a new "
            "array. Pass copy=None (or True) to allow it."
        )
    return obj.astype(native)


def empty(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``empty`` (the default float without a dtype)."""
    return _constant(numpy_creation.empty, da.empty, shape, dtype, device)


def eye(
    n_rows: int,
    n_cols: int | None = None,
    /,
    *,
    k: int = 0,
    dtype: Any = None,
    device: Any = None,
) -> Any:
    """The standard's ``eye`` (the default float without a dtype)."""
    columns = n_rows if n_cols is None else n_cols
    if type(n_rows) is not int or type(columns) is not int or small((n_rows, columns)):
        return lazy(numpy_creation.eye(n_rows, n_cols, k=k, dtype=dtype, device=device))
    probe = numpy_creation.eye(1, 1, k=k, dtype=dtype, device=device)
    chunks = chunks_for((n_rows, columns))
    return da.eye(
        n_rows, chunks=chunks if chunks == "auto" else chunks[0], M=columns, k=k, dtype=probe.dtype
    )


def from_dlpack(x: Any, /, *, device: Any = None, copy: bool | None = None) -> Any:
    """The standard's ``from_dlpack``: NumPy's, in chunks (a Dask array, which has no
    DLPack, as ``asarray`` takes it: the same array, or a copy where asked)."""
    if isinstance(x, Array):
        return asarray(x, device=device, copy=copy)
    return lazy(numpy_creation.from_dlpack(x, device=device, copy=copy))


def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``full``: a Python float fill gives the default float."""
    if small(shape):
        return lazy(numpy_creation.full(shape, fill_value, dtype=dtype, device=device))
    probe = numpy_creation.full(1, fill_value, dtype=dtype, device=device)
    dimensions = _shape(shape)
    return da.full(dimensions, probe[0], dtype=probe.dtype, chunks=chunks_for(dimensions))


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
    """The standard's ``linspace`` (the NumPy backend's values, in chunks)."""
    start, stop, num = _held(start), _held(stop), _held(num)
    return lazy(
        numpy_creation.linspace(start, stop, num, dtype=dtype, device=device, endpoint=endpoint)
    )


def ones(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``ones`` (the default float without a dtype)."""
    return _constant(numpy_creation.ones, da.ones, shape, dtype, device)


# (Dask's tril and triu build their masks in the input's dtype: complex warnings)
tril = gathered(numpy_creation.tril)
triu = gathered(numpy_creation.triu)


def zeros(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``zeros`` (the default float without a dtype)."""
    return _constant(numpy_creation.zeros, da.zeros, shape, dtype, device)
