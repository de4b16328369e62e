"""Facts about dtypes that are the same on every backend: ``finfo``, ``iinfo``, the dtype
of a Python scalar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from polyarray import _config
from polyarray._dtypes import BY_NAME, DType
from polyarray._rules.promotion import RANGES


@dataclass(frozen=True)
class FInfo:
    """Machine limits of a floating-point dtype (what ``pa.finfo`` returns).

    Attributes follow the standard; ``dtype`` is the real dtype (float32 for complex64).
    """

    bits: int
    eps: float
    max: float
    min: float
    smallest_normal: float
    dtype: DType


@dataclass(frozen=True)
class IInfo:
    """Machine limits of an integer dtype (what ``pa.iinfo`` returns)."""

    bits: int
    max: int
    min: int
    dtype: DType


def _float_info(bits: int, mantissa: int, max_exponent: int) -> FInfo:
    largest = (2.0 - 2.0**-mantissa) * 2.0 ** (max_exponent - 1)
    return FInfo(
        bits=bits,
        eps=2.0**-mantissa,
        max=largest,
        min=-largest,
        smallest_normal=2.0 ** (2 - max_exponent),
        dtype=BY_NAME[f"float{bits}"],
    )


_FINFO: Final = {
    "float32": _float_info(32, 23, 128),
    "float64": _float_info(64, 52, 1024),
}
_FINFO["complex64"] = _FINFO["float32"]
_FINFO["complex128"] = _FINFO["float64"]


def finfo(name: str) -> FInfo:
    """``finfo`` of the floating-point or complex dtype called ``name``."""
    try:
        return _FINFO[name]
    except KeyError:
        raise TypeError(
            f"finfo needs a floating-point or complex dtype, not {name}. "
            "For integer dtypes use pa.iinfo."
        ) from None


# Built once, as _FINFO: the objects are frozen, so every call may return the same one.
_IINFO: Final = {
    name: IInfo(bits=BY_NAME[name].bits, max=high, min=low, dtype=BY_NAME[name])
    for name, (low, high) in RANGES.items()
}


def iinfo(name: str) -> IInfo:
    """``iinfo`` of the integer dtype called ``name``."""
    try:
        return _IINFO[name]
    except KeyError:
        raise TypeError(
            f"iinfo needs an integer dtype, not {name}. For floating-point dtypes use pa.finfo."
        ) from None


def default_name_for_scalar(value: Any) -> str | None:
    """The dtype polyarray gives an array made from the Python scalar ``value``."""
    kind = type(value)
    if kind is bool:
        return "bool"
    if kind is int:
        return "int64"
    if kind is float:
        return _config.default_float()
    if kind is complex:
        return _config.default_complex()
    return None
