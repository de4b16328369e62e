"""Moving arrays between backends and devices: ``pa.to_backend`` and ``pa.to_numpy``.

Conversion goes through DLPack, so NumPy arrays and torch CPU tensors share memory (no
copy) when their layout allows it. Everything else is an explicit copy: from a CUDA
tensor to NumPy, from an array DLPack cannot describe (negative strides, read-only NumPy
arrays), or between devices. Tensors that require grad are detached first: the result
is data, not part of the autograd graph.
"""

from __future__ import annotations

from typing import Any

from polyarray._dispatch import backend_of
from polyarray.backends import Backend, parse_spec

__all__ = ["to_backend", "to_numpy"]


def to_backend(x: Any, spec: str | Backend, /) -> Any:
    """``x`` as a native array of the backend and device that ``spec`` names.

    Zero-copy where memory allows (NumPy <-> torch CPU); a copy off or onto a GPU.
    Python scalars and lists become arrays of that backend.

    Examples
    --------
    >>> import polyarray as pa
    >>> import numpy as np
    >>> type(pa.to_backend(np.zeros(3), "numpy")).__name__
    'ndarray'
    """
    target = spec if isinstance(spec, Backend) else parse_spec(spec)
    source = backend_of(x)
    if source is None:
        return target.table["asarray"](x, device=target.native_device)
    host_only = target.capabilities.device_kinds == ("cpu",)
    exported = source.export(x, to_host=host_only)
    if source.name == target.name:
        return target.move(exported)
    if source.read_only(exported):
        # Shared, the other framework's writable array would write into read-only memory.
        return target.move(target.table["asarray"](source.export_copy(exported)))
    try:
        converted = target.table["from_dlpack"](exported)
    except (BufferError, TypeError, RuntimeError, ValueError):
        # DLPack cannot describe this layout (negative strides, read-only): copy.
        converted = target.table["asarray"](source.export_copy(exported))
    return target.move(converted)


def native_byte_order(x: Any, copy: bool | None) -> Any:
    """``x``, a NumPy array in the other byte order (read from a file, say), in this
    machine's: the same values, in a copy (refused where ``copy`` is False).

    polyarray's arrays are all in the machine's byte order: the standard's dtypes have no
    byte order, torch has no other and refused such arrays, and NumPy's own functions give
    native results. ``pa.asarray`` and ``pa.to_backend`` convert, on every backend.
    """
    if copy is False:
        raise ValueError(
            f"pa.asarray(copy=False) of an array in non-native byte order ({x.dtype.str}): "
            "polyarray's arrays are in this machine's byte order, which takes a copy. Pass "
            "copy=None or copy=True."
        )
    return x.astype(x.dtype.newbyteorder("="))


def to_numpy(x: Any, /) -> Any:
    """``x`` as a ``numpy.ndarray``: shared memory for CPU tensors, a copy from a GPU.

    Examples
    --------
    >>> import polyarray as pa
    >>> pa.to_numpy([1.5, 2.5]).tolist()
    [1.5, 2.5]
    """
    return to_backend(x, "numpy")
