"""Creation functions of the standard, on JAX.

Decisions (docs/semantics.md), the NumPy backend's on ``jax.numpy``:

- Python floats, and float creation functions without a dtype, give polyarray's default
  float (float32 unless configured); JAX in 64-bit mode would give float64.
- ``asarray`` of anything but a JAX array converts as the NumPy backend does (JAX itself
  converts Python values and NumPy arrays through NumPy), then puts the result on the
  device: the same dtypes, values and errors for Python ints beyond int64, strings,
  ragged lists. ``arange`` and ``linspace`` of concrete bounds are the NumPy backend's
  values put on the device (``jnp.linspace`` rounds differently in the last place and
  ``jnp.arange`` counts float ranges its own way); traced bounds get ``jax.numpy``'s.
- JAX arrays are immutable: ``copy=False`` where a copy is needed (a NumPy array, a
  Python value, another dtype or device) raises the ``ValueError`` NumPy's backend does.
- Shapes are checked before XLA sees them: a shape whose element count overflows int64
  aborts the process inside XLA ("overflow in static extent product").
- ``device`` is the backend's JAX device, or None for JAX's default one (then nothing is
  placed); a user's string ("cpu", "gpu:1") or ``jax.Device`` is taken too.
"""

from __future__ import annotations

import operator
from typing import Any, Final, Literal

import jax
import jax.numpy as jnp
import numpy as np

from polyarray import _config
from polyarray._rules import arguments, checks, conversion, mistakes
from polyarray._rules import creation as rules
from polyarray._rules import data_types as type_rules
from polyarray.backends.jax._arrays import NAME, NATIVE, Array, Tracer, native_dtype, one_dtype
from polyarray.backends.numpy import creation as host

__all__ = [
    "arange",
    "asarray",
    "empty",
    "empty_like",
    "eye",
    "from_dlpack",
    "full",
    "full_like",
    "linspace",
    "meshgrid",
    "ones",
    "ones_like",
    "tril",
    "triu",
    "zeros",
    "zeros_like",
]

_INT64_END: Final = 2**63
#: Diagonal offsets beyond this are brought within the matrix first (an empty triangle).
_K_END: Final = 2**31
_SEQUENCES: Final = (list, tuple)
_DEVICE: Final = jax.Device
_F32: Final = NATIVE["float32"]
_F64: Final = NATIVE["float64"]
_HUGE: Final = float(np.finfo(np.float32).max)


# -- devices and shapes ---------------------------------------------------------------------


def device_argument(name: str, device: Any) -> Any:
    """``device`` as a JAX device: the backend's own, a ``jax.Device``, or a name."""
    if isinstance(device, _DEVICE):
        return device
    if type(device) is str:
        kind, _, index = device.partition(":")
        kind = "gpu" if kind == "cuda" else kind  # (torch's word for the same devices)
        if kind in ("cpu", "gpu") and (not index or index.isdigit()):
            try:
                return jax.devices(kind)[int(index or 0)]
            except (RuntimeError, IndexError):  # no such platform, or too few of them
                pass
    raise mistakes.mistake_error(mistakes.UNKNOWN_DEVICE, name, (), repr(device))


def _options(name: str, dtype: Any, device: Any) -> Any:
    """The dtype, then the device (polyarray's order, rules.check_options); the device."""
    rules.check_options(dtype, None, native_dtype, lambda _: None)
    return device_argument(name, device)


def checked_shape(name: str, shape: Any, native: Any) -> tuple[int, ...]:
    """``shape`` as Python ints XLA can make, refused as the NumPy backend refuses it.

    XLA aborts the process for a shape whose element count overflows int64 (even beside
    a 0), and JAX takes ``True`` as 1: a bool is refused (the dispatcher words it), a
    negative size is a ``NegativeSizeError``, a size beyond int64 the
    ``ScalarOverflowError``, and more bytes than int64 counts over the nonzero sizes the
    ``AllocationError`` NumPy's are.
    """
    sizes = (shape,) if type(shape) is int else shape
    if type(sizes) is not tuple or not all(type(size) is int for size in sizes):
        if isinstance(shape, (bool, np.bool_)) or isinstance(sizes, (str, bytes)):
            raise TypeError(f"pa.{name}: a shape of ints, not {shape!r:.40}")
        if getattr(shape, "ndim", 1) == 0 or not hasattr(shape, "__iter__"):
            sizes = (shape,)
        sizes = tuple(_size(name, size) for size in sizes)
    for size in sizes:
        if not -_INT64_END <= size < _INT64_END:
            raise mistakes.mistake_error(mistakes.INT_OVERFLOW, name, (size,), "")
        if size < 0:
            raise mistakes.mistake_error(mistakes.NEGATIVE_SIZE, name, (sizes,), f"{size}")
    rules.check_countable(name, sizes, np.dtype(native).itemsize)
    return sizes


def _size(name: str, size: Any) -> int:
    if isinstance(size, (bool, np.bool_)):
        raise TypeError(f"pa.{name}: a shape of ints, not {size!r}")
    return operator.index(size)  # (TypeError for floats and None: the dispatcher words it)


def _placed(result: Any, device: Any) -> Any:
    return result if device is None else jax.device_put(result, device)


def _on_host(name: str, function: Any, *args: Any, **kwargs: Any) -> Any:
    """``function`` of the NumPy backend, its NumPy errors in polyarray's words (as the
    NumPy backend's dispatch words them: "Maximum allowed size exceeded" an
    ``AllocationError``)."""
    try:
        return function(*args, **kwargs)
    except Exception as exc:
        global _NUMPY_BACKEND
        if _NUMPY_BACKEND is None:
            from polyarray.backends import backend_class

            _NUMPY_BACKEND = backend_class("numpy")()
        translated = _NUMPY_BACKEND.translate_error(exc, name, args)
        if translated is None:
            raise
        raise translated from exc


_NUMPY_BACKEND: Any = None

#: A NumPy array made a JAX array on the default device by a compiled identity: one copy,
#: as ``jax.numpy.asarray`` makes, at about 4 us where that costs about 11 (its Python
#: checks of the argument).
_ONTO_DEFAULT_DEVICE: Final = jax.jit(lambda values: values)


def _from_host(values: np.ndarray[Any, Any], device: Any) -> Any:
    """The NumPy array ``values`` (computed on the host) as a JAX array on ``device``."""
    if device is None:
        return _ONTO_DEFAULT_DEVICE(values)
    return jnp.asarray(values, device=device)


# -- asarray --------------------------------------------------------------------------------


def asarray(obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None) -> Any:
    """The standard's ``asarray``: Python floats give the default float."""
    native = None if dtype is None else native_dtype(dtype)  # (a bad dtype first)
    if device is not None:
        device = device_argument("asarray", device)
    if isinstance(obj, Array):  # (tracers too)
        return _from_jax(obj, native, device, copy)
    if type(obj) in _SEQUENCES and _holds_jax_arrays(obj):
        return _stacked(obj, native, device, copy)
    try:
        converted = _on_host("asarray", host.asarray, obj, dtype=dtype, copy=copy)
    except jax.errors.TracerArrayConversionError:  # a tracer deeper in a list
        return _stacked(obj, native, device, copy)
    if copy is False:  # (Python values raised above: NumPy arrays shared there)
        raise conversion.copy_refused("asarray")
    return jnp.asarray(converted, device=device)


def _from_jax(x: Any, native: Any, device: Any, copy: bool | None) -> Any:
    result = x
    if native is not None and x.dtype != native:
        if copy is False:
            raise conversion.copy_refused("asarray")
        result = x.astype(native)
    if device is not None and not isinstance(x, Tracer) and device not in x.devices():
        if copy is False:
            raise conversion.copy_refused("asarray")
        return jax.device_put(result, device)
    if copy and result is x:
        return jnp.array(x, copy=True)
    return result


def _holds_jax_arrays(obj: Any) -> bool:
    """Whether a (nested) list holds JAX arrays, as its first element shows."""
    first = obj
    while type(first) in _SEQUENCES:
        if not first:
            return False
        first = first[0]
    return isinstance(first, Array)


def _stacked(obj: Any, native: Any, device: Any, copy: bool | None) -> Any:
    """A (nested) list holding JAX arrays (tracers under ``jax.jit``) as one array; floats
    in the default float, as from any list (docs/semantics.md)."""
    if copy is False:
        raise conversion.copy_refused("asarray")
    error = conversion.diagnose("asarray", obj, None)  # a ragged list, strings...
    if error is not None:
        raise error
    result = jnp.asarray(obj, dtype=native)
    if native is None:
        kind = result.dtype.kind
        if kind == "f":
            result = result.astype(NATIVE[_config.float_name])
        elif kind == "c":
            result = result.astype(NATIVE[_config.complex_name])
    return _placed(result, device)


def from_dlpack(x: Any, /, *, device: Any = None, copy: bool | None = None) -> Any:
    """The standard's ``from_dlpack`` (``jax.numpy.from_dlpack``)."""
    if device is not None:
        device = device_argument("from_dlpack", device)
    if copy is not False and isinstance(x, np.ndarray):
        # A copy: JAX would share a writable NumPy array's memory (its values could change
        # under an immutable array) and cannot export a read-only one through DLPack.
        return jnp.array(x, copy=True, device=device)
    if copy is False and isinstance(x, np.ndarray) and not x.flags.writeable:
        raise ValueError(
            "pa.from_dlpack(copy=False) of a read-only NumPy array: DLPack cannot share "
            "it with JAX. Pass copy=None (a copy is made) or copy=True."
        )
    return jnp.from_dlpack(x, device=device, copy=copy)


# -- ranges ---------------------------------------------------------------------------------


def _traced(*values: Any) -> bool:
    return any(isinstance(value, Tracer) for value in values)


def _host_value(value: Any) -> Any:
    """A concrete JAX bound as the NumPy array holding its value."""
    return np.asarray(value) if isinstance(value, Array) else value


def arange(
    start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
) -> Any:
    """The standard's ``arange``: NumPy's backend's values, put on the device."""
    if device is not None:
        device = _options("arange", dtype, device)
    if _traced(start, stop, step):  # JAX's own (it needs concrete bounds: its error)
        return jnp.arange(start, stop, step, dtype=None if dtype is None else native_dtype(dtype))
    values = _on_host(
        "arange", host.arange, _host_value(start), _host_value(stop), _host_value(step), dtype=dtype
    )
    return _from_host(values, device)


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
    """The standard's ``linspace``: NumPy's backend's points, put on the device."""
    if device is not None:
        device = _options("linspace", dtype, device)
    if _traced(start, stop):
        if type(num) is not int:
            num = checks.integer_argument("linspace", "num", num)
        if dtype is None:
            native = NATIVE[_config.float_name]
            if jnp.iscomplexobj(start) or jnp.iscomplexobj(stop):
                native = NATIVE[_config.complex_name]
        else:
            native = native_dtype(dtype)
        return jnp.linspace(start, stop, num, endpoint=endpoint, dtype=native)
    points = _on_host(
        "linspace",
        host.linspace,
        _host_value(start),
        _host_value(stop),
        num,
        dtype=dtype,
        endpoint=endpoint,
    )
    return _from_host(points, device)


# -- filled arrays ----------------------------------------------------------------------------


# zeros, ones and empty (and their *_like) compiled once per shape and dtype: eager, each
# costs jax.numpy some 40 us on the CPU, a compiled one about 4. As eager, the result is
# on the default device, not committed to it.
_FILLED: Final = {
    "zeros": jax.jit(jnp.zeros, static_argnums=(0, 1)),
    "ones": jax.jit(jnp.ones, static_argnums=(0, 1)),
    "empty": jax.jit(jnp.empty, static_argnums=(0, 1)),
}


def _float_or(dtype: Any) -> Any:
    return NATIVE[_config.float_name] if dtype is None else native_dtype(dtype)


def zeros(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``zeros`` (the default float without a dtype)."""
    if device is not None:
        device = _options("zeros", dtype, device)
    native = _float_or(dtype)
    if device is None:
        return _FILLED["zeros"](checked_shape("zeros", shape, native), native)
    return jnp.zeros(checked_shape("zeros", shape, native), dtype=native, device=device)


def ones(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``ones`` (the default float without a dtype)."""
    if device is not None:
        device = _options("ones", dtype, device)
    native = _float_or(dtype)
    if device is None:
        return _FILLED["ones"](checked_shape("ones", shape, native), native)
    return jnp.ones(checked_shape("ones", shape, native), dtype=native, device=device)


def empty(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``empty`` (zeros: JAX has no uninitialised memory)."""
    if device is not None:
        device = _options("empty", dtype, device)
    native = _float_or(dtype)
    if device is None:
        return _FILLED["empty"](checked_shape("empty", shape, native), native)
    return jnp.empty(checked_shape("empty", shape, native), dtype=native, device=device)


def _like(name: str, x: Any, dtype: Any, device: Any) -> tuple[Any, Any]:
    """The dtype and device of a ``*_like`` result (x's unless told otherwise)."""
    if device is not None:
        device = _options(name, dtype, device)
    return (x.dtype if dtype is None else native_dtype(dtype)), device


def _uncommitted(x: Any) -> bool:
    """Whether ``x`` is a concrete array on the default device, not committed to it: a
    ``*_like`` result is then a new array as ``zeros`` makes it (a committed ``x`` gives a
    result committed to its device; under tracing, the trace's own)."""
    return isinstance(x, Array) and not isinstance(x, Tracer) and not x.committed


def zeros_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``zeros_like``."""
    native, device = _like("zeros_like", x, dtype, device)
    if device is None and _uncommitted(x):
        return _FILLED["zeros"](x.shape, native)
    return jnp.zeros_like(x, dtype=native, device=device)


def ones_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``ones_like``."""
    native, device = _like("ones_like", x, dtype, device)
    if device is None and _uncommitted(x):
        return _FILLED["ones"](x.shape, native)
    return jnp.ones_like(x, dtype=native, device=device)


def empty_like(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``empty_like``."""
    native, device = _like("empty_like", x, dtype, device)
    if device is None and _uncommitted(x):
        return _FILLED["empty"](x.shape, native)
    return jnp.empty_like(x, dtype=native, device=device)


def _fill(name: str, fill_value: Any, native: Any) -> Any:
    """The checked fill for ``native``: jax.numpy makes garbage of NaN for an integer
    dtype, wraps -1 in uint8, and takes strings; polyarray refuses them as NumPy's
    backend does. Floats for integers are truncated toward zero, as NumPy does."""
    if type(fill_value) is float and (native is _F64 or native is _F32):
        if native is _F32 and not -_HUGE <= fill_value <= _HUGE:
            return host._beyond_float32(fill_value)  # (NaN stays NaN)
        return fill_value
    fill_value = conversion.check_fill(name, fill_value, NAME[native])
    kind = native.kind
    if type(fill_value) is float and kind in "iu":
        return int(fill_value)
    if type(fill_value) is int and kind in "fc" and not -_INT64_END <= fill_value < _INT64_END:
        return float(fill_value)  # (JAX cannot take it as an int64)
    return fill_value


def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``full``: a Python float fill gives the default float."""
    if device is not None:
        device = _options("full", dtype, device)
    if dtype is None:
        name = type_rules.default_name_for_scalar(fill_value) or ""
        if not name:  # (not a Python scalar: check_fill raises its TypeError)
            conversion.check_fill("full", fill_value, name)
        native = NATIVE[name]
    else:
        native = native_dtype(dtype)
    fill_value = _fill("full", fill_value, native)
    return jnp.full(checked_shape("full", shape, native), fill_value, dtype=native, device=device)


def full_like(x: Any, /, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The standard's ``full_like``."""
    native, device = _like("full_like", x, dtype, device)
    fill_value = _fill("full_like", fill_value, native)
    return jnp.full_like(x, fill_value, dtype=native, device=device)


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
    if type(k) is not int or type(n_rows) is not int or not (n_cols is None or type(n_cols) is int):
        if dtype is not None:
            native_dtype(dtype)  # (the dtype first, then the sizes, then the device)
        n_rows, n_cols, k = rules.eye_arguments(n_rows, n_cols, k)  # (JAX took k=True)
    if device is not None:
        device = _options("eye", dtype, device)
    native = _float_or(dtype)
    checked_shape("eye", (n_rows, n_rows if n_cols is None else n_cols), native)
    if not -_K_END < k < _K_END:  # beyond every element, as a smaller k (as in tril)
        k = max(-n_rows - 1, min(k, (n_rows if n_cols is None else n_cols) + 1))
    if device is None:
        return _EYE(n_rows, n_cols, k, native)
    return jnp.eye(n_rows, n_cols, k, dtype=native, device=device)


# (as _FILLED: eager, jax.numpy's eye costs some 90 us on the CPU)
_EYE: Final = jax.jit(jnp.eye, static_argnums=(0, 1, 2, 3))


def meshgrid(*arrays: Any, indexing: Literal["xy", "ij"] = "xy") -> Any:
    """The standard's ``meshgrid``: arrays of several dtypes are promoted first."""
    if indexing not in ("xy", "ij"):
        raise ValueError(f"pa.meshgrid: indexing must be 'xy' or 'ij', not {indexing!r}.")
    # NumPy flattens arrays of other than one dimension (jax.numpy refuses them).
    flat = [a if a.ndim == 1 else jnp.ravel(a) for a in one_dtype(arrays, "meshgrid")]
    return tuple(jnp.meshgrid(*flat, indexing=indexing))


def tril(x: Any, /, *, k: int = 0) -> Any:
    """The standard's ``tril`` of a matrix or a stack of them."""
    if type(k) is not int or x.ndim < 2:  # (jax.numpy makes a 1-d x a matrix, takes 1.5)
        k = arguments.triangle_arguments("tril", x, k)
    if not -_K_END < k < _K_END:  # beyond every element (JAX's int arithmetic would wrap)
        k = arguments.diagonal_offset(x, k)
    return jnp.tril(x, k)


def triu(x: Any, /, *, k: int = 0) -> Any:
    """The standard's ``triu`` of a matrix or a stack of them."""
    if type(k) is not int or x.ndim < 2:  # (as in tril)
        k = arguments.triangle_arguments("triu", x, k)
    if not -_K_END < k < _K_END:
        k = arguments.diagonal_offset(x, k)
    return jnp.triu(x, k)
