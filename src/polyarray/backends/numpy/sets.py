"""Set functions of the standard, on NumPy.

The ``unique_*`` functions call ``numpy.unique`` (sorted values; NaNs are distinct, as
the standard says) and return array-api-compat's named tuples, the same on every backend.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from polyarray.backends.numpy._arrays import compat_aliases, promoted

__all__ = ["isin", "unique_all", "unique_counts", "unique_inverse", "unique_values"]

# The named tuples are made as their own __new__ makes them, without its Python-level
# call (about 150 ns), as in linalg.
_tuple_new: Final = tuple.__new__


def _shaped(inverse: Any, x: Any) -> Any:
    # The inverse indices have x's shape: NumPy has flattened them in some versions
    # (https://github.com/numpy/numpy/issues/20638); NumPy 2.4's already have it.
    return inverse if inverse.shape == x.shape else inverse.reshape(x.shape)


def isin(x1: Any, x2: Any, /, *, invert: bool = False) -> Any:
    """The standard's ``isin``, after promotion to one dtype."""
    return np.isin(*promoted(x1, x2, "isin"), invert=invert)


def unique_all(x: Any, /) -> Any:
    """The standard's ``unique_all``: values, first indices, inverse indices, counts."""
    values, indices, inverse, counts = np.unique(
        x, return_index=True, return_inverse=True, return_counts=True, equal_nan=False
    )
    return _tuple_new(
        compat_aliases().UniqueAllResult, (values, indices, _shaped(inverse, x), counts)
    )


def unique_counts(x: Any, /) -> Any:
    """The standard's ``unique_counts``: values and counts."""
    values, counts = np.unique(x, return_counts=True, equal_nan=False)
    return _tuple_new(compat_aliases().UniqueCountsResult, (values, counts))


def unique_inverse(x: Any, /) -> Any:
    """The standard's ``unique_inverse``: values and inverse indices (of x's shape)."""
    values, inverse = np.unique(x, return_inverse=True, equal_nan=False)
    return _tuple_new(compat_aliases().UniqueInverseResult, (values, _shaped(inverse, x)))


def unique_values(x: Any, /) -> Any:
    """The standard's ``unique_values``, sorted."""
    return np.unique(x, equal_nan=False)
