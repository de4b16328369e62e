"""Set functions of the standard, on torch.

``unique_*`` work for every dtype: complex numbers (torch.unique has no complex kernel)
are deduplicated as (real, imaginary) rows, uint16/uint32/uint64 through an
order-preserving map onto signed integers; ``unique_all`` gives the first index of each
value, which torch.unique cannot (https://github.com/pytorch/pytorch/issues/36748).
``isin`` promotes its arguments by polyarray's rules.
"""

from __future__ import annotations

from typing import Any

import torch

from polyarray._rules import arrays as array_rules
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import OPS, UNSIGNED, Tensor, compat, promoted, scalar_tensor

__all__ = ["isin", "unique_all", "unique_counts", "unique_inverse", "unique_values"]


def isin(x1: Any, x2: Any, /, *, invert: bool = False) -> Any:
    """The standard's ``isin``: whether each element of ``x1`` is in ``x2``."""
    if not isinstance(x1, Tensor):
        array_rules.check_scalar(x1, "isin")
        x1 = scalar_tensor(x1, promoted([x2, x1], "isin"), x2.device)
    elif not isinstance(x2, Tensor):
        array_rules.check_scalar(x2, "isin")
        x2 = scalar_tensor(x2, promoted([x1, x2], "isin"), x1.device)
    if x1.dtype is not x2.dtype:
        name = array_rules.promoted_name(OPS, [x1, x2], "isin")
        x1, x2 = array_rules.as_name(OPS, [x1, x2], name)
    if not x2.is_contiguous():
        # torch.isin views the test elements flat, which some strided tensors refuse
        # (a swapaxes of shape (4, 1, 3) raised "view size is not compatible"; the fix
        # of https://github.com/pytorch/pytorch/issues/67432 left this case): a copy.
        x2 = x2.contiguous()
    if x1.dtype in UNSIGNED:
        x1, x2 = unsigned.ordered(x1), unsigned.ordered(x2)
    elif x1.dtype is torch.bool:  # torch has no boolean kernel: as 0 and 1
        x1, x2 = x1.to(torch.uint8), x2.to(torch.uint8)
    elif x1.is_complex():
        # torch has no complex kernel: each element against every one of x2 (memory of
        # x1.numel() * x2.numel() booleans), NaN matching nothing, as in NumPy.
        found = (x1.reshape(-1, 1) == x2.reshape(1, -1)).any(dim=1).reshape(x1.shape)
        return ~found if invert else found
    elif not invert:
        return torch.isin(x1, x2)  # (the keyword costs torch ~100 ns)
    return torch.isin(x1, x2, invert=invert)


def _unique(x: Any) -> tuple[Any, Any, Any]:
    """Sorted unique values, inverse indices (shaped as x) and counts; any dtype."""
    flat = x.reshape(-1)
    if flat.is_complex():
        # torch.unique has no complex kernel: deduplicate (real, imag) rows instead.
        rows, inverse, counts = torch.unique(
            torch.view_as_real(flat), dim=0, return_inverse=True, return_counts=True
        )
        values = torch.view_as_complex(rows.contiguous())
    elif flat.dtype in UNSIGNED:
        mapped, inverse, counts = torch.unique(
            unsigned.ordered(flat), return_inverse=True, return_counts=True
        )
        values = unsigned.from_ordered(mapped, flat.dtype)
    else:
        values, inverse, counts = torch.unique(flat, return_inverse=True, return_counts=True)
    return values, inverse.reshape(x.shape), counts


def _plain(x: Any) -> bool:
    """Whether torch.unique takes ``x`` as it is (not complex, not uint16/32/64)."""
    return x.dtype not in UNSIGNED and not x.is_complex()


def unique_all(x: Any, /) -> Any:
    """The standard's ``unique_all``: values, first indices, inverse indices, counts."""
    if _plain(x):  # (torch's inverse indices are shaped as x)
        values, inverse, counts = torch.unique(x, return_inverse=True, return_counts=True)
    else:
        values, inverse, counts = _unique(x)
    n = x.numel()
    device = x.device
    positions = torch.arange(n, device=device)
    # The first index of each unique value: the smallest position mapping to it.
    indices = torch.full(values.shape, n, dtype=torch.int64, device=device)
    indices = indices.scatter_reduce(0, inverse.reshape(-1), positions, reduce="amin")
    # (tuple.__new__ skips the named tuple's keyword handling: ~150 ns)
    return tuple.__new__(compat.UniqueAllResult, (values, indices, inverse, counts))


def unique_counts(x: Any, /) -> Any:
    """The standard's ``unique_counts``: the sorted unique values and their counts."""
    if _plain(x):  # (torch.unique flattens; no inverse indices to compute)
        return tuple.__new__(compat.UniqueCountsResult, torch.unique(x, return_counts=True))
    values, _, counts = _unique(x)
    return compat.UniqueCountsResult(values, counts)


def unique_inverse(x: Any, /) -> Any:
    """The standard's ``unique_inverse``: the unique values and where each element went."""
    if _plain(x):  # (torch's inverse indices are shaped as x)
        return tuple.__new__(compat.UniqueInverseResult, torch.unique(x, return_inverse=True))
    values, inverse, _ = _unique(x)
    return compat.UniqueInverseResult(values, inverse)


def unique_values(x: Any, /) -> Any:
    """The standard's ``unique_values``: the sorted unique values."""
    if _plain(x):
        return torch.unique(x)
    return _unique(x)[0]
