"""Set functions of the standard, on Dask: gathered (:mod:`._gathered`).

The size of their results depends on the values, which Dask leaves unknown (NaN) until
computed; polyarray promises NumPy's shapes, sorted values and NaN handling, so these
compute their input and run the NumPy backend's functions on it. ``isin`` is the NumPy
backend's of Dask arrays (lazy: its result has its input's shape).
"""

from __future__ import annotations

from polyarray.backends.dask._gathered import gathered
from polyarray.backends.numpy import sets as numpy_sets

__all__ = ["unique_all", "unique_counts", "unique_inverse", "unique_values"]

unique_all = gathered(numpy_sets.unique_all)
unique_counts = gathered(numpy_sets.unique_counts)
unique_inverse = gathered(numpy_sets.unique_inverse)
unique_values = gathered(numpy_sets.unique_values)
