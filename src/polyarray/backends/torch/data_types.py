"""Data type functions of the standard, on torch.

Promotion, ``can_cast``, ``finfo`` and ``iinfo`` are polyarray's rules
(:mod:`polyarray._rules.promotion`, :mod:`polyarray._rules.data_types`), the same on every
backend; dtype arguments may be :class:`polyarray.DType`, strings, Python types or torch
dtypes.
"""

from __future__ import annotations

from typing import Any

from polyarray._dtypes import PYTHON_SCALARS, canonical_name
from polyarray._rules import data_types, promotion
from polyarray.backends.torch._arrays import (
    NAME,
    NATIVE,
    Tensor,
    compat,
    native_dtype,
    promote_pair,
)

__all__ = ["astype", "can_cast", "finfo", "iinfo", "isdtype", "result_type"]


def _name_of(value: Any) -> str:
    """The standard name of a tensor's dtype or of a dtype argument."""
    return NAME[value.dtype] if isinstance(value, Tensor) else canonical_name(value)


def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Any:
    """The standard's ``astype``: a copy unless ``copy=False`` (``Tensor.to`` aliases)."""
    if device is None:
        # (Tensor.to parses a keyword dtype faster than a positional one.)
        return x.to(dtype=native_dtype(dtype), copy=copy)
    return x.to(device, dtype=native_dtype(dtype), copy=copy)


def can_cast(from_: Any, to: Any, /) -> bool:
    """The standard's ``can_cast`` (its promotion table: no cross-kind casts)."""
    return promotion.can_cast(_name_of(from_), canonical_name(to))


def result_type(*arrays_and_dtypes: Any) -> Any:
    """The standard's ``result_type`` under polyarray's promotion rules."""
    # Tensors and dtypes only: their torch dtypes, promoted by the cached pair lookup.
    dtypes = []
    for value in arrays_and_dtypes:
        if type(value) in PYTHON_SCALARS:
            break
        dtypes.append(value.dtype if isinstance(value, Tensor) else native_dtype(value))
    else:
        if dtypes:
            result = dtypes[0]
            for dtype in dtypes[1:]:
                result = promote_pair(result, dtype)
            return result
    names = [_name_of(a) for a in arrays_and_dtypes if type(a) not in PYTHON_SCALARS]
    scalars = [a for a in arrays_and_dtypes if type(a) in PYTHON_SCALARS]
    return NATIVE[promotion.result_name(names, scalars)]


def isdtype(dtype: Any, kind: Any) -> bool:
    """The standard's ``isdtype``; array-api-compat knows the kinds' names."""
    if isinstance(kind, tuple):
        kinds: Any = tuple(k if isinstance(k, str) else native_dtype(k) for k in kind)
    else:
        kinds = kind if isinstance(kind, str) else native_dtype(kind)
    return bool(compat.isdtype(native_dtype(dtype), kinds))


def finfo(type: Any, /) -> Any:
    """The standard's ``finfo`` of a float dtype or tensor (polyarray's, on every backend)."""
    return data_types.finfo(_name_of(type))


def iinfo(type: Any, /) -> Any:
    """The standard's ``iinfo`` of an integer dtype or tensor."""
    return data_types.iinfo(_name_of(type))
