"""The creation functions' rarer paths on torch, off their common calls: ``linspace`` of
integer dtypes, computed as NumPy computes it, and ``tril``/``triu`` with a ``k`` that is
not a plain int within int64 or of the uint16/uint32/uint64 dtypes (which torch has no
kernels for).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import torch

from polyarray._rules import arguments, checks, mistakes
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import NAME, UNSIGNED

__all__ = ["INTEGERS", "integer_linspace", "triangle"]

#: The integer dtypes (not bool), whose linspace NumPy floors.
INTEGERS: Final = frozenset(
    getattr(torch, name) for name in ("int8", "int16", "int32", "int64", "uint8")
) | frozenset(UNSIGNED)

_TOP_BIT: Final = 2**63


def integer_linspace(
    start: Any, stop: Any, num: int, native: Any, device: Any, endpoint: bool
) -> Any:
    """``linspace`` of the integer dtype ``native`` with NumPy's values: computed in float64
    as ``numpy.linspace`` computes it (``start + i * step``, the last point ``stop``), then
    floored (NumPy 2's rule for integer dtypes).

    torch's integer kernels compute otherwise (``linspace(7, 3.54, 6, dtype=int16)`` gave
    3 where NumPy gives 4; https://github.com/pytorch/pytorch/issues/88652 and #81996, where
    the CPU and CUDA kernels differ too) and it has none for uint16/uint32/uint64.
    """
    checks.check_linspace_bounds(start, stop, NAME[native])
    if num < 0:  # (torch.arange would word it otherwise)
        raise mistakes.mistake_error(mistakes.NEGATIVE_SIZE, "linspace", (start, stop, num), "")
    div = num - 1 if endpoint else num
    low, high = float(start), float(stop)
    delta = high - low
    y = torch.arange(num, dtype=torch.float64, device=device)
    if div > 0:
        step = delta / div
        y = y / div * delta if step == 0 else y * step  # (NumPy's care for denormal steps)
    else:
        y = y * delta
    y = y + low
    if endpoint and num > 1:
        y[-1] = high
    y = torch.floor(y)
    if native is torch.uint64:
        # torch converts float64 to uint64 through int64 (2**64 - 2048 gave 0): the values
        # from 2**63 go as int64 less 2**63, with the top bit set back.
        top = y >= _TOP_BIT
        bits = torch.where(top, y - _TOP_BIT, y).to(torch.int64) | (top.to(torch.int64) << 63)
        return bits.view(torch.uint64)
    return y.to(native)


def triangle(function: Callable[..., Any], name: str, x: Any, k: Any) -> Any:
    """``tril``/``triu`` (``function``) where ``k`` is not a plain int within int64 (torch
    refused ``True`` and ``1.5``, took ``None``, and could not take 2**63: NumPy's answer,
    the whole triangle or none, is given for such a ``k``) or ``x`` is unsigned."""
    if type(k) is not int or x.ndim < 2:
        k = arguments.triangle_arguments(name, x, k)
    if not -_TOP_BIT <= k < _TOP_BIT:
        k = arguments.diagonal_offset(x, k)
    if x.dtype in UNSIGNED:
        return unsigned.from_bits(function(unsigned.to_bits(x), k), x.dtype)
    return function(x, k)
