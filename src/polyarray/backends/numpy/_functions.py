"""Where polyarray's NumPy functions differ from array-api-compat's NumPy namespace.

The reasons, each decided once for every backend (see ``docs/semantics.md``):

- NumPy returns NumPy *scalars* (``numpy.float32(1.5)``) from reductions and from
  element-wise functions of 0-d arrays; polyarray returns 0-d arrays on every backend, as
  the standard asks, so ``pa.mean(x)`` is an ``ndarray`` here and a ``Tensor`` on torch.
- Arrays made from Python floats, and float creation functions without a dtype, get
  polyarray's default float (float32 unless configured), not NumPy's float64.
- ``mean``/``var``/``std``/``median`` of integer arrays return the default float.
- dtype arguments may be :class:`polyarray.DType`, strings or Python types.

Hot functions (the ones in ``benchmarks/overhead.py``) are written out so that each call
costs one Python frame on top of NumPy; the rest are wrapped generically.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from typing import Any

import numpy as np

from polyarray import _config
from polyarray._dtypes import canonical_name, register_native
from polyarray._names import DTYPES
from polyarray._results import MinMaxResult
from polyarray._rules import arrays as array_rules
from polyarray._rules import checks, data_types, elementwise, promotion, special_cases
from polyarray.errors import ScalarOverflowError

_ndarray = np.ndarray
_generic = np.generic
# Scalar types (numpy.float32), not dtype objects: NumPy's Python-level functions such as
# linspace handle a dtype *object* through a slower path (about 500 ns more per call).
_NATIVE: dict[str, Any] = {name: np.dtype(name).type for name in DTYPES}
# Arrays carry dtype objects: names and kinds are looked up by those.
_NAME: dict[Any, str] = {np.dtype(name): name for name in DTYPES}
_INTEGRAL = frozenset(np.dtype(n) for n in DTYPES if n == "bool" or "int" in n)
_PYTHON_LITERALS = (float, complex, list, tuple)
_SCALARS = (bool, int, float, complex)


def register_scalar_type(scalar_type: type, name: str) -> None:
    register_native(scalar_type, name)


def _dtype(dtype: Any) -> Any:
    return _NATIVE[canonical_name(dtype)]


def _default_float() -> Any:
    return _NATIVE[_config.float_name]


def _default_complex() -> Any:
    return _NATIVE[_config.complex_name]


def _to_array(result: Any) -> Any:
    """Turn NumPy scalars (also inside tuples and lists) into 0-d arrays."""
    if isinstance(result, _generic):
        return np.asarray(result)  # a 0-d array sharing the scalar's dtype
    if isinstance(result, tuple):
        items = [_to_array(item) for item in result]
        return type(result)(*items) if hasattr(result, "_fields") else tuple(items)
    if isinstance(result, list):
        return [_to_array(item) for item in result]
    return result


def _arrays_out(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        return result if type(result) is _ndarray else _to_array(result)

    return wrapper


# NumPy's names for the standard's element-wise functions, where they differ.
_NUMPY_NAMES = {
    "atan2": "arctan2",
    "bitwise_left_shift": "left_shift",
    "bitwise_right_shift": "right_shift",
    "pow": "power",
}


class _NumpyOps(array_rules.ArrayOps):
    """The primitives the shared element-wise rules need, for NumPy arrays."""

    array_type = (_ndarray, _generic)  # NumPy scalars count as arrays, as in dispatch
    names = _NAME
    integral = _INTEGRAL

    def native(self, name: str) -> Any:
        return _NATIVE[name]

    def cast(self, x: Any, name: str) -> Any:
        return x if _NAME[x.dtype] == name else x.astype(_NATIVE[name])

    def scalar(self, value: Any, name: str, like: Any) -> Any:
        return np.asarray(value, dtype=_NATIVE[name])

    def full_bool(self, like: Any, fill: bool) -> Any:
        return np.full(like.shape, fill, dtype=np.bool_)

    def compute(self, name: str, native: Any, x1: Any, x2: Any) -> Any:
        if name == "floor_divide" and x1.dtype.kind == "f":
            # Infinite operands are "invalid" to NumPy; the result is then corrected to
            # the standard's (see special_cases.fix_floor_divide), so the warning would mislead.
            with np.errstate(invalid="ignore"):
                result = native(x1, x2)
        elif name == "divide" and x1.dtype.kind == "c":
            with np.errstate(invalid="ignore", divide="ignore"):
                result = special_cases.fix_complex_division_by_zero(np, x1, x2, native(x1, x2))
        elif name == "pow" and x1.dtype.kind == "f":
            with np.errstate(invalid="ignore"):
                result = special_cases.fix_pow_half(np, x1, x2, native(x1, x2))
        else:
            result = native(x1, x2)
        return result if type(result) is _ndarray else _to_array(result)

    def compute_unary(self, name: str, native: Any, x: Any) -> Any:
        if name in elementwise.COMPLEX_FIXES and x.dtype.kind == "c":
            with np.errstate(invalid="ignore"):  # special cases corrected afterwards
                result = native(x)
        else:
            result = native(x)
        return result if type(result) is _ndarray else _to_array(result)


_OPS = _NumpyOps()


def _check_cpu(device: Any) -> None:
    if device is not None and device != "cpu":
        raise ValueError(
            f"the NumPy backend has only the 'cpu' device, not {device!r}. "
            "Use the torch backend for other devices."
        )


def overrides(xp: types.ModuleType) -> dict[str, Callable[..., Any]]:
    """The function table entries that replace array-api-compat's (see module docstring)."""

    # -- creation ---------------------------------------------------------------------

    def asarray(
        obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None
    ) -> Any:
        _check_cpu(device)
        if dtype is not None:
            try:
                return xp.asarray(obj, dtype=_dtype(dtype), copy=copy)
            except OverflowError as exc:  # a Python int out of the dtype's range
                raise ScalarOverflowError(f"{exc}. Choose a wider dtype, e.g. pa.int64.") from None
        result = xp.asarray(obj, copy=copy)
        # Only Python numbers and lists get the default float; arrays keep their dtype.
        if type(obj) in _PYTHON_LITERALS and result.dtype.kind in "fc":
            target = _default_float() if result.dtype.kind == "f" else _default_complex()
            if result.dtype != target:
                result = result.astype(target)
        return result

    def _float_creation(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def create(*args: Any, dtype: Any = None, device: Any = None, **kwargs: Any) -> Any:
            _check_cpu(device)
            native = _default_float() if dtype is None else _dtype(dtype)
            return function(*args, dtype=native, **kwargs)

        return create

    def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
        _check_cpu(device)
        if dtype is None:
            dtype = data_types.default_name_for_scalar(fill_value)
        return np.full(shape, fill_value, dtype=None if dtype is None else _dtype(dtype))

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
        if device is not None:
            _check_cpu(device)
        if dtype is None:  # the default dtypes read inline: this is a hot path
            if type(start) is complex or type(stop) is complex:
                native = _NATIVE[_config.complex_name]
            else:
                native = _NATIVE[_config.float_name]
        else:
            native = _dtype(dtype)
        if endpoint:  # NumPy's keyword parsing is slow; pass only what differs
            return np.linspace(start, stop, num, dtype=native)
        return np.linspace(start, stop, num, dtype=native, endpoint=False)

    def arange(
        start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
    ) -> Any:
        _check_cpu(device)
        if dtype is None:
            is_float = any(type(v) is float for v in (start, stop, step))
            native = _default_float() if is_float else _NATIVE["int64"]
        else:
            native = _dtype(dtype)
        checks.check_arange(start, stop, step, None if dtype is None else canonical_name(dtype))
        return xp.arange(start, stop, step, dtype=native)

    def _like(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def create(*args: Any, dtype: Any = None, device: Any = None, **kwargs: Any) -> Any:
            _check_cpu(device)
            return function(*args, dtype=None if dtype is None else _dtype(dtype), **kwargs)

        return create

    # -- data types -------------------------------------------------------------------

    def _dtype_name(value: Any) -> str:
        if isinstance(value, (_ndarray, _generic)):
            return _NAME[value.dtype]
        return canonical_name(value)

    def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Any:
        _check_cpu(device)
        return x.astype(_dtype(dtype), copy=copy)

    def can_cast(from_: Any, to: Any, /) -> bool:
        return promotion.can_cast(_dtype_name(from_), canonical_name(to))

    def result_type(*arrays_and_dtypes: Any) -> Any:
        names = [_dtype_name(a) for a in arrays_and_dtypes if type(a) not in _SCALARS]
        scalars = [a for a in arrays_and_dtypes if type(a) in _SCALARS]
        return _NATIVE[promotion.result_name(names, scalars)]

    def isdtype(dtype: Any, kind: Any) -> bool:
        def kind_arg(k: Any) -> Any:
            return k if isinstance(k, str) else _dtype(k)

        kinds = tuple(kind_arg(k) for k in kind) if isinstance(kind, tuple) else kind_arg(kind)
        return bool(xp.isdtype(_dtype(dtype), kinds))

    def finfo(type: Any, /) -> Any:
        return data_types.finfo(_dtype_name(type))

    def iinfo(type: Any, /) -> Any:
        return data_types.iinfo(_dtype_name(type))

    def _with_dtype_kwarg(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def call(*args: Any, dtype: Any = None, **kwargs: Any) -> Any:
            result = function(*args, dtype=None if dtype is None else _dtype(dtype), **kwargs)
            return result if type(result) is _ndarray else _to_array(result)

        return call

    # -- statistics -------------------------------------------------------------------

    def _as_float(x: Any) -> Any:
        # Integers and booleans are averaged in float64, then given the default float.
        return x.astype(np.float64) if x.dtype.kind in "biu" else x

    def _finish_float(result: Any, x: Any) -> Any:
        if x.dtype.kind in "biu":
            return np.asarray(result, dtype=_default_float())
        return result if type(result) is _ndarray else result[...]

    def mean(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        if x.dtype.kind in "fc":
            result = x.mean(axis=axis, keepdims=keepdims)
            return result if type(result) is _ndarray else result[...]
        return _finish_float(_as_float(x).mean(axis=axis, keepdims=keepdims), x)

    def var(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
        return _finish_float(
            xp.var(_as_float(x), axis=axis, correction=correction, keepdims=keepdims), x
        )

    def std(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
        return _finish_float(
            xp.std(_as_float(x), axis=axis, correction=correction, keepdims=keepdims), x
        )

    def median(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        return _finish_float(np.median(_as_float(x), axis=axis, keepdims=keepdims), x)

    def _with_indices(arg_function: Callable[..., Any]) -> Callable[..., Any]:
        def reduce(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
            # np.argmax/argmin give the first index of ties and of the first NaN.
            if axis is None:
                flat = x.reshape(-1)
                index = arg_function(flat, keepdims=True)
                values = flat[index]
                shape = (1,) * x.ndim if keepdims else ()
                return MinMaxResult(values.reshape(shape), index.reshape(shape))
            index = arg_function(x, axis=axis, keepdims=True)
            values = np.take_along_axis(x, index, axis=axis)
            if not keepdims:
                values, index = np.squeeze(values, axis=axis), np.squeeze(index, axis=axis)
            return MinMaxResult(values, index)

        return reduce

    # -- hot paths: one frame over NumPy ----------------------------------------------

    general_add = elementwise.binary("add", np.add, _OPS, xp)

    def add(x1: Any, x2: Any, /) -> Any:
        try:
            if x1.dtype is x2.dtype:
                result = np.add(x1, x2)
                return result if type(result) is _ndarray else result[...]
        except AttributeError:  # a Python scalar: polyarray's promotion rules apply
            pass
        return general_add(x1, x2)

    def argmax(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
        # The method skips np.argmax's __array_function__ dispatch.
        result = x.argmax(axis=axis, keepdims=keepdims)
        return result if type(result) is _ndarray else result[...]

    def reshape(x: Any, /, shape: tuple[int, ...], *, copy: bool | None = None) -> Any:
        if copy is None:
            return x.reshape(shape)
        return xp.reshape(x, shape, copy=copy)

    general_matmul = array_rules.promoting(_OPS, _arrays_out(np.matmul), 2)

    def matmul(x1: Any, x2: Any, /) -> Any:
        if x1.dtype is x2.dtype:
            result = np.matmul(x1, x2)
            return result if type(result) is _ndarray else result[...]
        return general_matmul(x1, x2)

    # -- functions of several arrays: promote first ------------------------------------

    def where(condition: Any, x1: Any, x2: Any, /) -> Any:
        name = array_rules.promoted_name(_OPS, [x1, x2], "where")
        a1, a2 = array_rules.as_name(_OPS, [x1, x2], name)
        return np.where(condition, a1, a2)

    def isin(x1: Any, x2: Any, /, *, invert: bool = False) -> Any:
        name = array_rules.promoted_name(_OPS, [x1, x2], "isin")
        a1, a2 = array_rules.as_name(_OPS, [x1, x2], name)
        return np.isin(a1, a2, invert=invert)

    def searchsorted(x1: Any, x2: Any, /, *, side: str = "left", sorter: Any = None) -> Any:
        name = array_rules.promoted_name(_OPS, [x1, x2], "searchsorted")
        a1, a2 = array_rules.as_name(_OPS, [x1, x2], name)
        return _to_array(xp.searchsorted(a1, a2, side=side, sorter=sorter))

    def diff(
        x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None
    ) -> Any:
        x, prepend, append = array_rules.promoted_diff_arguments(_OPS, x, prepend, append)
        # NumPy's own "no prepend" is a sentinel, not None: pass only what was given.
        extra = {k: v for k, v in (("prepend", prepend), ("append", append)) if v is not None}
        return _to_array(xp.diff(x, axis=axis, n=n, **extra))

    def meshgrid(*arrays: Any, indexing: str = "xy") -> Any:
        if len({a.dtype for a in arrays}) > 1:
            name = array_rules.promoted_name(_OPS, list(arrays), "meshgrid")
            arrays = tuple(_OPS.cast(a, name) for a in arrays)
        return tuple(xp.meshgrid(*arrays, indexing=indexing))

    table: dict[str, Callable[..., Any]] = {}
    # Everything array-api-compat offers returns arrays, not NumPy scalars.
    creation = {"arange", "asarray", "empty", "eye", "from_dlpack", "full", "linspace"}
    creation |= {"ones", "zeros", "meshgrid", "fft.fftfreq", "fft.rfftfreq"}
    skip = creation | {"can_cast", "finfo", "iinfo", "isdtype", "result_type"}
    for prefix, namespace in (("", xp), ("linalg.", xp.linalg), ("fft.", xp.fft)):
        for name in dir(namespace):
            value = getattr(namespace, name)
            if (
                not name.startswith("_")
                and prefix + name not in skip
                and callable(value)
                and not isinstance(value, type)  # result classes, dtypes
            ):
                table[prefix + name] = _arrays_out(value)

    table.update(
        asarray=asarray,
        full=full,
        linspace=linspace,
        arange=arange,
        astype=astype,
        can_cast=can_cast,
        result_type=result_type,
        isdtype=isdtype,
        finfo=finfo,
        iinfo=iinfo,
        mean=mean,
        var=var,
        std=std,
        median=median,
        max_with_indices=_with_indices(np.argmax),
        min_with_indices=_with_indices(np.argmin),
        add=add,
        argmax=argmax,
        reshape=reshape,
        matmul=matmul,
    )
    table.update(where=where, isin=isin, searchsorted=searchsorted, diff=diff, meshgrid=meshgrid)
    for name in elementwise.PROMOTING_BINARY:
        if name != "add":
            table[name] = elementwise.binary(
                name, getattr(np, _NUMPY_NAMES.get(name, name)), _OPS, xp
            )
    for name in ("logical_and", "logical_or", "logical_xor"):
        table[name] = array_rules.promoting(_OPS, table[name], 2)
    for name in elementwise.UNARY:
        table[name] = elementwise.unary(name, table[name], _OPS, xp)
    for name in ("vecdot", "tensordot", "linalg.vecdot", "linalg.tensordot", "linalg.outer"):
        table[name] = array_rules.promoting(_OPS, table[name], 2)
    table["linalg.matmul"] = general_matmul
    table["linalg.cross"] = array_rules.promoting(_OPS, table["linalg.cross"], 2)
    for name in ("concat", "stack"):
        table[name] = array_rules.sequence_promoting(_OPS, table[name])
    for name in ("zeros", "ones", "empty", "eye", "fft.fftfreq", "fft.rfftfreq"):
        namespace = xp.fft if name.startswith("fft.") else xp
        table[name] = _float_creation(getattr(namespace, name.rpartition(".")[2]))
    for name in ("zeros_like", "ones_like", "empty_like", "full_like"):
        table[name] = _like(getattr(xp, name))
    for name in ("sum", "prod", "cumulative_sum", "cumulative_prod", "linalg.trace"):
        namespace = xp.linalg if name.startswith("linalg.") else xp
        table[name] = _with_dtype_kwarg(getattr(namespace, name.rpartition(".")[2]))
    for name in ("cumulative_sum", "cumulative_prod"):
        table[name] = checks.needs_dimensions(name, table[name])
    # NumPy accepts axis 0 for 0-d arrays in these two only; elsewhere it raises, as here.
    table["squeeze"] = checks.no_axes_for_scalars("squeeze", table["squeeze"], position=1)
    compat_clip = table["clip"]

    def clip(x: Any, /, min: Any = None, max: Any = None) -> Any:
        for bound in (min, max):
            checks.check_clip_bound(bound, _NAME[x.dtype])
        return compat_clip(x, min, max)

    table["clip"] = clip
    table["repeat"] = checks.no_axes_for_scalars("repeat", table["repeat"])
    return table
