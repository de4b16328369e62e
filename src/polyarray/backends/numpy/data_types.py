"""Data type functions of the standard, on NumPy.

Promotion, ``can_cast``, ``finfo`` and ``iinfo`` are polyarray's own, the same on every
backend (:mod:`polyarray._rules.promotion`, :mod:`polyarray._rules.data_types`); they
take arrays, NumPy dtypes, NumPy scalar types (``numpy.float32``, registered by
:func:`register_scalar_type`) and every other dtype argument.
"""

from __future__ import annotations

import contextlib
from typing import Any, Final

import numpy as np

from polyarray._dtypes import PYTHON_SCALARS, canonical_name, register_native
from polyarray._rules import data_types, promotion
from polyarray.backends.numpy._arrays import NAME, NATIVE, check_cpu, generic, native_dtype, ndarray

__all__ = ["astype", "can_cast", "finfo", "iinfo", "isdtype", "result_type"]


def register_scalar_type(scalar_type: type, name: str) -> None:
    """Accept NumPy's scalar type ``scalar_type`` (``numpy.float32``) as the dtype ``name``."""
    register_native(scalar_type, name)


def _dtype_name(value: Any) -> str:
    if isinstance(value, (ndarray, generic)):
        return NAME[value.dtype]
    return canonical_name(value)


def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Any:
    """The standard's ``astype``: a copy unless ``copy=False`` and the dtype is ``x``'s."""
    dtype = native_dtype(dtype)  # (the dtype before the device, as on torch and JAX)
    check_cpu(device)
    return x.astype(dtype, copy=copy)


# Answers of the data type functions by their (hashable) arguments, arrays standing for
# their dtype: a call with arguments seen before costs one dictionary lookup. Python
# scalars are left out (their value matters, and True, 1 and 1.0 are equal keys), and each
# cache stops growing at _LIMIT entries, so arbitrary arguments cannot fill memory.
_LIMIT: Final = 1024
_CAN_CAST: Final[dict[tuple[Any, Any], bool]] = {}
_FINFO: Final[dict[Any, data_types.FInfo]] = {}
_IINFO: Final[dict[Any, data_types.IInfo]] = {}
_ISDTYPE: Final[dict[tuple[Any, Any], bool]] = {}
_RESULT_TYPE: Final[dict[tuple[Any, ...], Any]] = {}
_ARRAYS: Final = (ndarray, generic)


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> None:
    if len(cache) < _LIMIT:
        with contextlib.suppress(TypeError):  # an unhashable argument: not remembered
            cache[key] = value


def can_cast(from_: Any, to: Any, /) -> bool:
    """The standard's ``can_cast``, by its own promotion table."""
    key = (from_.dtype if isinstance(from_, _ARRAYS) else from_, to)
    try:
        return _CAN_CAST[key]
    except (KeyError, TypeError):  # not seen yet, or unhashable
        pass
    answer = promotion.can_cast(_dtype_name(from_), canonical_name(to))
    _remember(_CAN_CAST, key, answer)
    return answer


def finfo(type: Any, /) -> data_types.FInfo:
    """The standard's ``finfo`` of a dtype or an array."""
    key = type.dtype if isinstance(type, _ARRAYS) else type
    try:
        return _FINFO[key]
    except (KeyError, TypeError):
        pass
    info = data_types.finfo(_dtype_name(type))
    _remember(_FINFO, key, info)
    return info


def iinfo(type: Any, /) -> data_types.IInfo:
    """The standard's ``iinfo`` of a dtype or an array."""
    key = type.dtype if isinstance(type, _ARRAYS) else type
    try:
        return _IINFO[key]
    except (KeyError, TypeError):
        pass
    info = data_types.iinfo(_dtype_name(type))
    _remember(_IINFO, key, info)
    return info


def isdtype(dtype: Any, kind: Any) -> bool:
    """The standard's ``isdtype``; ``kind`` may be a dtype, a kind's name or a tuple of them."""
    key = (dtype, kind)
    try:
        return _ISDTYPE[key]
    except (KeyError, TypeError):
        pass
    if isinstance(kind, tuple):
        kinds: Any = tuple(k if isinstance(k, str) else native_dtype(k) for k in kind)
    else:
        kinds = kind if isinstance(kind, str) else native_dtype(kind)
    answer = bool(np.isdtype(native_dtype(dtype), kinds))
    _remember(_ISDTYPE, key, answer)
    return answer


def result_type(*arrays_and_dtypes: Any) -> Any:
    """The standard's ``result_type`` under polyarray's promotion rules."""
    key = tuple([a.dtype if isinstance(a, _ARRAYS) else a for a in arrays_and_dtypes])
    try:
        return _RESULT_TYPE[key]
    except (KeyError, TypeError):
        pass
    names = [_dtype_name(a) for a in arrays_and_dtypes if type(a) not in PYTHON_SCALARS]
    scalars = [a for a in arrays_and_dtypes if type(a) in PYTHON_SCALARS]
    result = NATIVE[promotion.result_name(names, scalars)]
    if not scalars:
        _remember(_RESULT_TYPE, key, result)
    return result
