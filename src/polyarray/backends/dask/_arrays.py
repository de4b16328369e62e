"""What the Dask chapter modules share: chunks, lazy wrapping, sizes that depend on values.

- :func:`lazy` turns a NumPy result into a Dask array chunked by Dask's own
  ``array.chunk-size`` setting (``chunks="auto"``), and leaves Dask arrays as they are:
  the chapter modules that compute in NumPy (small creation results, conversions) hand
  their results through it.
- :func:`small` says whether a result of a given shape fits in one chunk: such results
  are built by the NumPy backend (its exact decisions) and wrapped, larger ones are built
  lazily by Dask.
- :func:`known_sizes` gives an array whose chunk sizes depend on its values
  (``unique_values``, ``nonzero``, boolean masks) its sizes, by computing them: polyarray
  promises NumPy's shapes, which Dask leaves unknown (NaN) there.
"""

from __future__ import annotations

import contextvars
import math
import operator
from collections.abc import Callable
from typing import Any, Final

import dask
import dask.array as da
import numpy as np

__all__ = [
    "Array",
    "along_axis",
    "SPLIT_FOR_TESTS",
    "chunk_bytes",
    "chunks_for",
    "known_sizes",
    "lazy",
    "one_chunk_along",
    "small",
]

Array: Final = da.Array


#: Set while a test runs (:meth:`DaskBackend.testing`): every array is then cut in two
#: along each axis of two or more elements, so that tests of small arrays see several
#: chunks, as users' large arrays are, without the thousands a tiny chunk size would give.
SPLIT_FOR_TESTS: Final = contextvars.ContextVar("polyarray_dask_split", default=False)


def chunks_for(shape: tuple[int, ...]) -> Any:
    """The ``chunks=`` argument for a new array of ``shape``: Dask's ``"auto"`` (its
    ``array.chunk-size`` setting), or halves while a test runs."""
    if not SPLIT_FOR_TESTS.get():
        return "auto"
    return tuple(max(1, -(-n // 2)) for n in shape)


def chunk_bytes() -> int:
    """Dask's ``array.chunk-size`` setting (``DASK_ARRAY__CHUNK_SIZE``), in bytes."""
    from dask.utils import parse_bytes

    return int(parse_bytes(dask.config.get("array.chunk-size")))


def lazy(result: Any) -> Any:
    """A NumPy result (or a tuple or list of them) as Dask arrays, chunked by Dask's
    ``array.chunk-size``; Dask arrays and anything else as they are."""
    if isinstance(result, (np.ndarray, np.generic)):
        # name=False: a random graph key, not a hash of every element (which costs as much
        # as a copy); the chunks are views of ``result``, as NumPy's asarray shares memory.
        array = np.asarray(result)
        return da.from_array(array, chunks=chunks_for(array.shape), name=False)
    if isinstance(result, tuple):
        items = [lazy(item) for item in result]
        return type(result)(*items) if hasattr(result, "_fields") else tuple(items)
    if isinstance(result, list):
        return [lazy(item) for item in result]
    return result


def _dimensions(shape: Any) -> tuple[int, ...] | None:
    """``shape`` (an int or a sequence of them) as a tuple, or None where it is not one."""
    try:
        if isinstance(shape, (tuple, list)):
            return tuple(operator.index(n) for n in shape)
        return (operator.index(shape),)
    except TypeError:
        return None


def small(shape: Any, itemsize: int = 8) -> bool:
    """Whether an array of ``shape`` fits in one chunk of ``array.chunk-size`` (a shape
    that is not a sequence of ints counts as small: the NumPy backend reports it)."""
    dimensions = _dimensions(shape)
    if dimensions is None or any(n < 0 for n in dimensions):
        return True
    return math.prod(dimensions) * itemsize <= chunk_bytes()


def known_sizes(x: Any) -> Any:
    """``x`` with its chunk sizes known (computed where its values decide them)."""
    if isinstance(x, Array) and any(math.isnan(n) for n in x.shape):
        return x.compute_chunk_sizes()
    return x


def one_chunk_along(x: Any, axes: Any) -> Any:
    """``x`` rechunked to one chunk along each of ``axes`` (Dask's FFTs and some linear
    algebra need the whole of an axis in one chunk); the other axes keep theirs."""
    wanted = {axis % x.ndim: -1 for axis in axes}
    if all(len(x.chunks[axis]) == 1 for axis in wanted):
        return x
    return x.rechunk(wanted)


def along_axis(function: Callable[..., Any], x: Any, axis: Any, **kwargs: Any) -> Any:
    """The NumPy backend's ``function(x, axis=axis, **kwargs)`` of a Dask array, chunk by
    chunk, each chunk whole along ``axis`` (a sort, say): the result keeps ``x``'s shape.

    ``function`` runs first on a small NumPy array of ``x``'s dtype and number of
    dimensions, so that what it refuses (an axis out of range, a dtype) is refused at the
    call, and the result's dtype is known before any chunk is computed.
    """
    if not isinstance(x, Array):  # (already gathered: an empty array, see empty_gathered)
        return function(x, axis=axis, **kwargs)
    probe = function(np.zeros(tuple(min(n, 1) for n in x.shape), x.dtype), axis=axis, **kwargs)
    if not x.ndim or 0 in x.shape:
        return lazy(function(x.compute(), axis=axis, **kwargs))
    whole = one_chunk_along(x, (axis,))
    return whole.map_blocks(function, axis=axis, dtype=probe.dtype, meta=probe[:0], **kwargs)
