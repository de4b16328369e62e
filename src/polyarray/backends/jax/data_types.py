"""Data type functions of the standard, on JAX.

Promotion, ``can_cast``, ``finfo`` and ``iinfo`` are polyarray's rules
(:mod:`polyarray._rules.promotion`, :mod:`polyarray._rules.data_types`), the same on every
backend: JAX's own promotion table differs (``int64`` with ``uint64`` gives ``float64``,
and Python scalars are weak). JAX's dtypes are NumPy's dtype objects.
"""

from __future__ import annotations

from typing import Any

import jax
import numpy as np

from polyarray._dtypes import PYTHON_SCALARS, canonical_name
from polyarray._rules import data_types, promotion
from polyarray.backends.jax._arrays import NAME, NATIVE, Array, Tracer, native_dtype

__all__ = ["astype", "can_cast", "finfo", "iinfo", "isdtype", "result_type"]


def _name_of(value: Any) -> str:
    """The standard name of an array's dtype or of a dtype argument."""
    return NAME[value.dtype] if isinstance(value, Array) else canonical_name(value)


def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Any:
    """The standard's ``astype``: a new array unless ``copy=False`` and nothing changes."""
    native = native_dtype(dtype)
    if device is not None:
        from polyarray.backends.jax.creation import device_argument

        device = device_argument("astype", device)
        if isinstance(x, Tracer) or device in x.devices():
            device = None
    # A conversion is a new array already: JAX's copy=True would copy it once more (an
    # extra dispatch, as long as the conversion on small arrays).
    result = x.astype(native, copy=copy and native == x.dtype)
    return result if device is None else jax.device_put(result, device)


def can_cast(from_: Any, to: Any, /) -> bool:
    """The standard's ``can_cast`` (its promotion table: no cross-kind casts)."""
    return promotion.can_cast(_name_of(from_), canonical_name(to))


def result_type(*arrays_and_dtypes: Any) -> Any:
    """The standard's ``result_type`` under polyarray's promotion rules."""
    names = [_name_of(a) for a in arrays_and_dtypes if type(a) not in PYTHON_SCALARS]
    scalars = [a for a in arrays_and_dtypes if type(a) in PYTHON_SCALARS]
    return NATIVE[promotion.result_name(names, scalars)]


#: (dtype, kind) -> isdtype's answer, for the arguments seen (a few dozen in practice).
_ISDTYPE: dict[tuple[Any, Any], bool] = {}


def isdtype(dtype: Any, kind: Any) -> bool:
    """The standard's ``isdtype``; ``kind`` may be a dtype, a kind's name or a tuple of them."""
    try:
        return _ISDTYPE[dtype, kind]
    except (KeyError, TypeError):  # (TypeError: unhashable, refused below)
        pass
    answer = _isdtype(dtype, kind)
    if len(_ISDTYPE) < 4096:
        _ISDTYPE[dtype, kind] = answer
    return answer


def _isdtype(dtype: Any, kind: Any) -> bool:
    if isinstance(kind, tuple):
        kinds: Any = tuple(k if isinstance(k, str) else native_dtype(k) for k in kind)
    else:
        kinds = kind if isinstance(kind, str) else native_dtype(kind)
    return bool(np.isdtype(native_dtype(dtype), kinds))


def finfo(type: Any, /) -> data_types.FInfo:
    """The standard's ``finfo`` of a float dtype or array (polyarray's, on every backend)."""
    return data_types.finfo(_name_of(type))


def iinfo(type: Any, /) -> data_types.IInfo:
    """The standard's ``iinfo`` of an integer dtype or array."""
    return data_types.iinfo(_name_of(type))
