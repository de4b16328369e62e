"""Process-wide settings: the default floating-point dtype.

The default float is float32 on every backend (PyTorch's choice, and what accelerators
are fast at), or float64 when ``POLYARRAY_DEFAULT_FLOAT=float64`` is set or after
``pa.set_default_float("float64")``. It applies to arrays polyarray *makes* without an
explicit dtype: from Python floats and lists, ``linspace``, ``arange`` with a float
argument, ``zeros``/``ones``/``empty``/``eye``/``full`` with a float fill, random numbers,
and the mean/var/std of integer arrays. Arrays that already exist keep their dtype.
The default complex dtype follows it (complex64 with float32, complex128 with float64).
"""

from __future__ import annotations

import os
from typing import Any

from polyarray._dtypes import BY_NAME, DType, as_dtype
from polyarray.errors import UnknownDtypeError

__all__ = ["default_complex", "default_float", "get_default_float", "set_default_float"]

_ENV_VAR = "POLYARRAY_DEFAULT_FLOAT"
_COMPLEX_OF = {"float32": "complex64", "float64": "complex128"}


def _checked_float(dtype: Any, source: str) -> DType:
    try:
        result = as_dtype(dtype)
    except UnknownDtypeError:
        result = None
    if result is None or result.name not in _COMPLEX_OF:
        raise UnknownDtypeError(
            f"{source} must be float32 or float64, not {dtype!r}."
            + (
                f" Unset {_ENV_VAR} or set it to 'float32' or 'float64'."
                if source == _ENV_VAR
                else ""
            )
        )
    return result


def _from_environment() -> DType:
    value = os.environ.get(_ENV_VAR, "").strip()
    return _checked_float(value, _ENV_VAR) if value else BY_NAME["float32"]


_default_float: DType = _from_environment()
#: The names of the defaults, read directly by the backends' hot paths.
float_name: str = _default_float.name
complex_name: str = _COMPLEX_OF[float_name]


def set_default_float(dtype: Any) -> None:
    """Set the default floating-point dtype of arrays polyarray makes (float32 or float64).

    Examples
    --------
    >>> import polyarray as pa
    >>> pa.set_default_float("float64")
    >>> pa.asarray([0.5]).dtype == pa.float64
    True
    >>> pa.set_default_float(pa.float32)
    """
    global _default_float, float_name, complex_name
    _default_float = _checked_float(dtype, "the default float dtype")
    float_name, complex_name = _default_float.name, _COMPLEX_OF[_default_float.name]


def get_default_float() -> DType:
    """The default floating-point dtype: ``pa.float32`` unless set otherwise."""
    return _default_float


def default_float() -> str:
    """Name of the default float dtype."""
    return float_name


def default_complex() -> str:
    """Name of the complex dtype that pairs with the default float."""
    return complex_name
