"""Linear algebra functions of the main namespace, on torch.

The arguments are promoted to one dtype by polyarray's rules (torch's ``matmul`` does not
promote); products of uint16/uint32/uint64 are computed on the signed integers of the
same bits, which wrap alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import torch

from polyarray._rules import arguments, checks
from polyarray._rules import arrays as array_rules
from polyarray.backends.torch._arrays import (
    COMPLEX,
    REAL_FLOATS,
    UNSIGNED,
    Tensor,
    compat,
    promoted_on_bits,
)

__all__ = ["matmul", "matrix_transpose", "tensordot", "vecdot"]


_matmul: Final = promoted_on_bits(compat.matmul)
_tensordot: Final = promoted_on_bits(compat.tensordot)
_vecdot: Final = promoted_on_bits(compat.vecdot)
_FLOATING: Final = REAL_FLOATS | COMPLEX


def _of_booleans(function: Callable[..., Any], x1: Any, x2: Any, **kwargs: Any) -> Any:
    """A product of boolean tensors as NumPy computes it: true where any term is (an or of
    ands). torch has no boolean kernels; float32 is exact for this test on every device
    (the terms are 0 and 1, and a sum of them is 0 only when each is)."""
    return function(x1.to(torch.float32), x2.to(torch.float32), **kwargs) > 0


def _booleans(x1: Any, x2: Any) -> bool:
    """Whether ``x1`` and ``x2`` are both boolean tensors."""
    return getattr(x1, "dtype", None) is torch.bool and getattr(x2, "dtype", None) is torch.bool


def _one_kernel_dtype(x1: Any, x2: Any) -> bool:
    """Whether ``x1`` and ``x2`` are tensors of one dtype torch has kernels for."""
    try:
        return x1.dtype is x2.dtype and x1.dtype not in UNSIGNED
    except AttributeError:  # a Python scalar: polyarray's promotion rules apply
        return False


def matmul(x1: Any, x2: Any, /) -> Any:
    """The standard's ``matmul``, of ``x1`` and ``x2`` promoted to one dtype."""
    if x1.dtype is x2.dtype:
        try:
            return x1.matmul(x2)  # the method: cheaper than torch.matmul
        except NotImplementedError:  # an unsigned or boolean dtype without kernel
            if x1.dtype is torch.bool:
                return _of_booleans(torch.matmul, x1, x2)
    return _matmul(x1, x2)


def matrix_transpose(x: Any, /) -> Any:
    """The standard's ``matrix_transpose``: the last two axes swapped."""
    if x.ndim < 2:
        raise ValueError(
            f"pa.matrix_transpose needs a matrix or a stack of them (at least 2 "
            f"dimensions), not an array of {x.ndim} dimension(s)."
        )
    return x.mT


def tensordot(x1: Any, x2: Any, /, *, axes: Any = 2) -> Any:
    """The standard's ``tensordot`` (torch's ``dims``)."""
    return contract(x1, x2, axes, "tensordot")


def contract(x1: Any, x2: Any, axes: Any, name: str) -> Any:
    """``tensordot`` (and ``linalg.tensordot``, ``name``: its errors say which)."""
    if type(axes) is not int or axes < 0:
        _check_operands(x1, x2, name)
        axes = arguments.tensordot_axes(axes, name)  # (torch takes no NumPy integers)
    # torch broadcasts a contracted length of 1 silently: the lengths are compared (about
    # 0.4 us; a wrong answer otherwise), in detail only where they differ.
    try:
        shape1, shape2 = x1.shape, x2.shape
        rank = len(shape1)
        same = type(axes) is int and axes <= rank and shape1[rank - axes :] == shape2[:axes]
    except AttributeError:  # a Python scalar
        _check_operands(x1, x2, name)
        same = False
    if not same:
        arguments.tensordot_shapes(x1, x2, axes, name)
    if _one_kernel_dtype(x1, x2):
        try:
            return torch.tensordot(x1, x2, dims=axes)
        except NotImplementedError:
            if x1.dtype is not torch.bool:
                raise
        return _of_booleans(torch.tensordot, x1, x2, dims=axes)  # (no boolean kernel)
    return _tensordot(x1, x2, axes=axes)


def _check_operands(x1: Any, x2: Any, name: str) -> None:
    """A ``TypeError`` for an operand that is neither a tensor nor a Python scalar (None),
    before the axes are looked at: NumPy's promotion refuses it first."""
    for value in (x1, x2):
        if not isinstance(value, Tensor):
            array_rules.check_scalar(value, name)


def vecdot(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``vecdot``: the dot product of vectors along ``axis`` (x1 conjugated)."""
    if type(axis) is not int:
        axis = checks.axis_argument("vecdot", axis, tuples=False, none=False)
    dtype = getattr(x1, "dtype", None)
    if dtype is getattr(x2, "dtype", None) and dtype in _FLOATING and x1.shape == x2.shape:
        ndim = x1.ndim
        if -ndim <= axis < ndim:
            # Arrays of one float dtype and shape: torch's vecdot is the standard's (x1
            # conjugated), without array-api-compat's broadcasting and batched matmul
            # (~15 us on small tensors).
            if axis == -1:  # (the keyword costs torch ~500 ns)
                return torch.linalg.vecdot(x1, x2)
            return torch.linalg.vecdot(x1, x2, dim=axis)
    try:
        if _booleans(x1, x2):
            return _of_booleans(compat.vecdot, x1, x2, axis=axis)
        if _one_kernel_dtype(x1, x2):
            # array-api-compat's vecdot refuses contracted axes of different lengths, which
            # torch broadcasts.
            return compat.vecdot(x1, x2, axis=axis)
        return _vecdot(x1, x2, axis=axis)
    except IndexError as exc:  # x.shape[axis]: an axis out of range, as NumPy reports it
        raise arguments.vecdot_axis_error("vecdot", x1, x2, axis, exc) from exc
