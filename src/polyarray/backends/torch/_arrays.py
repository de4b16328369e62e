"""What every torch chapter module shares: dtype tables, the rules' binding, torch helpers.

- The dtype tables (standard name <-> ``torch.dtype``) and the dtype sets the functions
  test membership in, so a fast path costs one set lookup.
- :data:`OPS`, the :class:`~polyarray._rules.arrays.ArrayOps` of tensors, through which the
  shared rules (:mod:`polyarray._rules`) run on torch. It routes uint16/uint32/uint64 through
  :mod:`~polyarray.backends.torch._unsigned` and corrects torch's complex arithmetic.
- Promotion of tensors by a cached lookup on their dtypes (:func:`promote_pair`), and the
  shared rules' promotion of arrays and Python scalars (:func:`promoted`).
- Helpers: the torch dtype of any dtype argument, the default float, axis normalisation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

import array_api_compat.torch as compat
import torch

from polyarray import _config
from polyarray._dtypes import DType, canonical_name
from polyarray._names import DTYPES
from polyarray._rules import arrays as array_rules
from polyarray._rules import promotion, special_cases
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.errors import AxisError

__all__ = [
    "ALL",
    "COMPLEX",
    "INTEGRAL",
    "NAME",
    "NATIVE",
    "OPS",
    "REAL_FLOATS",
    "UNSIGNED",
    "UNSIGNED_ANY",
    "Tensor",
    "accumulate",
    "axes_of",
    "compat",
    "default_float",
    "native_dtype",
    "promote_pair",
    "promoted",
    "promoted_on_bits",
    "promoting",
    "same_dtype",
    "scalar_tensor",
    "sequence_promoted",
    "take_along",
]

Tensor: Final = torch.Tensor
NATIVE: Final[dict[str, torch.dtype]] = {name: getattr(torch, name) for name in DTYPES}
NAME: Final[dict[torch.dtype, str]] = {native: name for name, native in NATIVE.items()}
ALL: Final = frozenset(NATIVE.values())
#: Booleans and integers: what the float-only functions convert to the default float.
INTEGRAL: Final = frozenset(NATIVE[n] for n in DTYPES if n == "bool" or "int" in n)
#: The unsigned dtypes torch has few kernels for (computed through ``_unsigned``).
UNSIGNED: Final = unsigned.UNSIGNED
#: Every unsigned dtype: their sums and products are uint64.
UNSIGNED_ANY: Final = frozenset(NATIVE[n] for n in DTYPES if n.startswith("uint"))
REAL_FLOATS: Final = frozenset({torch.float32, torch.float64})
COMPLEX: Final = frozenset({torch.complex64, torch.complex128})


# -- dtypes -------------------------------------------------------------------------------

# Every dtype argument seen (DType, string, Python type, native dtype) -> its torch dtype:
# one dictionary lookup where canonical_name() and the table would take two and a call.
_DTYPE_ARGUMENTS: dict[Any, torch.dtype] = {**NATIVE, **{d: d for d in NATIVE.values()}}


def native_dtype(dtype: Any) -> torch.dtype:
    """The torch dtype of any dtype argument (raises ``UnknownDtypeError`` for others)."""
    if type(dtype) is DType:  # its name, faster than its hash (a Python method)
        return NATIVE[dtype.name]
    try:
        return _DTYPE_ARGUMENTS[dtype]
    except (KeyError, TypeError):  # first sight, or unhashable (canonical_name says why)
        native = NATIVE[canonical_name(dtype)]
    _DTYPE_ARGUMENTS[dtype] = native
    return native


def in_default_float(x: Any) -> Any:
    """``x``, or its integers and booleans in the default float: what the functions
    defined on real and complex numbers only (FFTs, linear algebra) compute them in
    (torch would use its own default dtype, or refuse)."""
    if x.is_floating_point() or x.is_complex():
        return x
    return x.to(dtype=NATIVE[_config.float_name])


def default_float() -> torch.dtype:
    """polyarray's default float (float32 unless set otherwise), as a torch dtype."""
    return NATIVE[_config.float_name]


# -- the shared rules, bound to tensors --------------------------------------------------


class TorchOps(array_rules.ArrayOps):
    """The primitives the shared element-wise rules need, for torch tensors."""

    array_type = Tensor
    names = NAME
    integral = INTEGRAL
    # The others (maximum, atan2, hypot, logaddexp, nextafter) want a tensor second.
    takes_scalars = frozenset(
        {"add", "subtract", "multiply", "divide", "copysign", "equal", "not_equal"}
        | {"less", "less_equal", "greater", "greater_equal"}
    )

    def native(self, name: str) -> Any:
        return NATIVE[name]

    def cast(self, x: Any, name: str) -> Any:
        dtype = NATIVE[name]
        return x if x.dtype == dtype else x.to(dtype=dtype)  # (faster than positional)

    def scalar(self, value: Any, name: str, like: Any) -> Any:
        device = None if like is None else like.device
        try:
            return torch.tensor(value, dtype=NATIVE[name], device=device)
        except (OverflowError, RuntimeError):
            if type(value) is int and name.startswith(("float", "complex")):
                # torch reads Python ints through 64 bits even for a float dtype; NumPy
                # (and Python) convert a wider int to the nearest float.
                return torch.tensor(float(value), dtype=NATIVE[name], device=device)
            raise

    def full_bool(self, like: Any, fill: bool) -> Any:
        return torch.full(like.shape, fill, dtype=torch.bool, device=like.device)

    def compute(self, name: str, native: Any, x1: Any, x2: Any) -> Any:
        if x1.dtype in UNSIGNED:
            return unsigned.binary(name, x1, x2)
        if name in ("add", "subtract") and x1.is_complex():
            # torch adds ``alpha * x2`` with a complex multiplication, so 0 + inf j
            # becomes NaN + inf j; adding the parts keeps infinities exact.
            function = torch.add if name == "add" else torch.subtract
            return torch.complex(function(x1.real, x2.real), function(x1.imag, x2.imag))
        try:
            result = native(x1, x2)
        except OverflowError:
            if type(x2) is not int:
                raise
            # A Python int beyond 64 bits next to a float array: torch reads ints through
            # 64 bits; NumPy (and Python) take the nearest float.
            result = native(x1, float(x2))
        if name == "divide" and result.is_complex():
            result = special_cases.fix_complex_division_by_zero(compat, x1, x2, result)
        elif name == "pow" and result.is_complex():
            # x ** 0 is 1 for every x, as for real numbers, in NumPy and in Python.
            result = torch.where(x2 == 0, torch.ones_like(result), result)
        return result

    def compute_unary(self, name: str, native: Any, x: Any) -> Any:
        if x.dtype in UNSIGNED:
            return unsigned.unary(name, x)
        result = native(x)
        if name == "reciprocal" and result.is_complex():
            one = torch.ones_like(x)
            result = special_cases.fix_complex_division_by_zero(compat, one, x, result)
        return result


#: The shared rules' view of tensors.
OPS: Final = TorchOps()


def promoted(values: list[Any], name: str) -> torch.dtype:
    """The result dtype of tensors and Python scalars under polyarray's rules."""
    return NATIVE[array_rules.promoted_name(OPS, values, name)]


# (dtype, dtype) -> the promoted dtype; filled on first sight of each pair.
_PAIRS: dict[tuple[torch.dtype, torch.dtype], torch.dtype] = {}


def promote_pair(a: torch.dtype, b: torch.dtype) -> torch.dtype:
    """The result dtype of tensors of dtypes ``a`` and ``b``: a cached lookup.

    Raises ``PromotionError`` for pairs without one (uint64 with a signed integer).
    """
    try:
        return _PAIRS[a, b]
    except KeyError:
        result = _PAIRS[a, b] = NATIVE[promotion.promote(NAME[a], NAME[b])]
        return result


def same_dtype(arrays: Sequence[Any]) -> torch.dtype | None:
    """The dtype every tensor of ``arrays`` has, or None when they differ (or it is empty)."""
    if not arrays:
        return None
    dtype: torch.dtype = arrays[0].dtype
    for array in arrays:
        if array.dtype is not dtype:
            return None
    return dtype


def sequence_promoted(arrays: Sequence[Any]) -> list[Any]:
    """Tensors of several dtypes, cast to their promoted dtype."""
    dtype = arrays[0].dtype
    for array in arrays[1:]:
        dtype = promote_pair(dtype, array.dtype)
    return [a if a.dtype is dtype else a.to(dtype) for a in arrays]


def promoting(function: Callable[..., Any], positions: int) -> Callable[..., Any]:
    """``function`` with its first ``positions`` arguments promoted (the shared rule)."""
    return array_rules.promoting(OPS, function, positions)


def promoted_on_bits(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` of two arrays, promoted first; unsigned ones computed on their bits.

    For products and sums of several arrays: the signed integers of the same bits wrap
    alike, and torch has kernels for them.
    """
    return promoting(unsigned.through(function, order=False, values_out="all"), 2)


def scalar_tensor(value: Any, dtype: torch.dtype, device: Any) -> Any:
    """A Python scalar as a 0-d tensor of ``dtype`` on ``device``."""
    return torch.tensor(value, dtype=dtype, device=device)


# -- axes ---------------------------------------------------------------------------------


def axes_of(axis: Any, ndim: int) -> tuple[int, ...]:
    """``axis`` (None, an int or a tuple) as a tuple of non-negative axes, range-checked."""
    if axis is None:
        return tuple(range(ndim))
    axes = axis if isinstance(axis, tuple) else (axis,)
    for a in axes:
        if not -ndim <= a < max(ndim, 1):
            raise AxisError(
                f"axis {a} is out of range for an array of {ndim} dimension(s); axes "
                f"must lie in [-{ndim}, {ndim})."
            )
    return tuple(a % ndim for a in axes) if ndim else ()


def take_along(x: Any, index: Any, axis: int) -> Any:
    """``take_along_dim`` for every dtype (bits of unsigned ones, which it lacks)."""
    if x.dtype in UNSIGNED:
        taken = torch.take_along_dim(unsigned.to_bits(x), index, dim=axis)
        return unsigned.from_bits(taken, x.dtype)
    return torch.take_along_dim(x, index, dim=axis)


# -- sums and products --------------------------------------------------------------------


def _accumulation_dtype(x: Any, dtype: Any) -> torch.dtype:
    """The standard's result dtype of sum/prod/cumulative_*/trace without a dtype argument."""
    if dtype is not None:
        return native_dtype(dtype)
    if x.dtype in UNSIGNED_ANY:
        return torch.uint64
    if x.dtype in INTEGRAL:
        return torch.int64
    result: torch.dtype = x.dtype
    return result


def accumulate(function: Callable[..., Any], x: Any, dtype: Any, **kwargs: Any) -> Any:
    """``function(x, dtype=..., **kwargs)`` (a sum or product) in the standard's dtype.

    torch sums unsigned integers to int64 and has no uint16/32/64 kernels: those
    accumulate int64 bits, which wrap modulo 2**64 exactly as uint64 does, then convert.
    """
    target = _accumulation_dtype(x, dtype)
    if target == torch.bool:
        # NumPy converts to bool first (a product is then "all so far", a sum "any so
        # far"); torch has no bool kernel for cumprod: 0/1 integers give the same truths.
        values = x.to(torch.bool).to(torch.int64)
        return function(values, dtype=torch.int64, **kwargs).to(torch.bool)
    if target not in UNSIGNED and x.dtype not in UNSIGNED:
        return function(x, dtype=target, **kwargs)
    floating = promotion.KIND[NAME[target]] >= 2
    if floating:
        values = x.to(target)  # floats hold unsigned values (rounded), not bits
    elif x.dtype == torch.uint64:
        values = unsigned.to_bits(x)
    else:
        values = x.to(torch.int64)
    result = function(values, dtype=target if floating else torch.int64, **kwargs)
    if target == torch.uint64:
        return result.view(torch.uint64)
    return result.to(target)
