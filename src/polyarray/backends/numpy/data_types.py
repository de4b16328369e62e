"""Data type functions of the standard, on NumPy.

Promotion, ``can_cast``, ``finfo`` and ``iinfo`` are polyarray's own, the same on every
backend (:mod:`polyarray._rules.promotion`, :mod:`polyarray._rules.data_types`); they
take arrays, NumPy dtypes, NumPy scalar types (``numpy.float32``, registered by
:func:`register_scalar_type`) and every other dtype argument.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from polyarray._dtypes import canonical_name, register_native
from polyarray._rules import data_types, promotion
from polyarray.backends.numpy._arrays import NAME, NATIVE, check_cpu, generic, native_dtype, ndarray

__all__ = ["astype", "can_cast", "finfo", "iinfo", "isdtype", "result_type"]

_SCALARS: Final = (bool, int, float, complex)


def register_scalar_type(scalar_type: type, name: str) -> None:
    """Accept NumPy's scalar type ``scalar_type`` (``numpy.float32``) as the dtype ``name``."""
    register_native(scalar_type, name)


def _dtype_name(value: Any) -> str:
    if isinstance(value, (ndarray, generic)):
        return NAME[value.dtype]
    return canonical_name(value)


def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Any:
    """The standard's ``astype``: a copy unless ``copy=False`` and the dtype is ``x``'s."""
    check_cpu(device)
    return x.astype(native_dtype(dtype), copy=copy)


def can_cast(from_: Any, to: Any, /) -> bool:
    """The standard's ``can_cast``, by its own promotion table."""
    return promotion.can_cast(_dtype_name(from_), canonical_name(to))


def finfo(type: Any, /) -> data_types.FInfo:
    """The standard's ``finfo`` of a dtype or an array."""
    return data_types.finfo(_dtype_name(type))


def iinfo(type: Any, /) -> data_types.IInfo:
    """The standard's ``iinfo`` of a dtype or an array."""
    return data_types.iinfo(_dtype_name(type))


def isdtype(dtype: Any, kind: Any) -> bool:
    """The standard's ``isdtype``; ``kind`` may be a dtype, a kind's name or a tuple of them."""
    if isinstance(kind, tuple):
        kinds: Any = tuple(k if isinstance(k, str) else native_dtype(k) for k in kind)
    else:
        kinds = kind if isinstance(kind, str) else native_dtype(kind)
    return bool(np.isdtype(native_dtype(dtype), kinds))


def result_type(*arrays_and_dtypes: Any) -> Any:
    """The standard's ``result_type`` under polyarray's promotion rules."""
    names = [_dtype_name(a) for a in arrays_and_dtypes if type(a) not in _SCALARS]
    scalars = [a for a in arrays_and_dtypes if type(a) in _SCALARS]
    return NATIVE[promotion.result_name(names, scalars)]
