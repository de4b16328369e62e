"""Set functions of the standard, on NumPy.

The ``unique_*`` functions call ``numpy.unique`` (sorted values; NaNs are distinct, as
the standard says) and return array-api-compat's named tuples, the same on every backend.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray.backends.numpy._arrays import compat_aliases, promoted

__all__ = ["isin", "unique_all", "unique_counts", "unique_inverse", "unique_values"]


def isin(x1: Any, x2: Any, /, *, invert: bool = False) -> Any:
    """The standard's ``isin``, after promotion to one dtype."""
    return np.isin(*promoted(x1, x2, "isin"), invert=invert)


def unique_all(x: Any, /) -> Any:
    """The standard's ``unique_all``: values, first indices, inverse indices, counts."""
    values, indices, inverse, counts = np.unique(
        x, return_index=True, return_inverse=True, return_counts=True, equal_nan=False
    )
    # The inverse indices have x's shape: NumPy has flattened them in some versions
    # (https://github.com/numpy/numpy/issues/20638).
    return compat_aliases().UniqueAllResult(values, indices, inverse.reshape(x.shape), counts)


def unique_counts(x: Any, /) -> Any:
    """The standard's ``unique_counts``: values and counts."""
    values, counts = np.unique(x, return_counts=True, equal_nan=False)
    return compat_aliases().UniqueCountsResult(values, counts)


def unique_inverse(x: Any, /) -> Any:
    """The standard's ``unique_inverse``: values and inverse indices (of x's shape)."""
    values, inverse = np.unique(x, return_inverse=True, equal_nan=False)
    return compat_aliases().UniqueInverseResult(values, inverse.reshape(x.shape))


def unique_values(x: Any, /) -> Any:
    """The standard's ``unique_values``, sorted."""
    return np.unique(x, equal_nan=False)
