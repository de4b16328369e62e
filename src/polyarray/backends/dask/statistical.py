"""Statistical functions on Dask: the NumPy backend's of Dask arrays (Dask's reductions
and ``cumsum``/``cumprod``, lazy), except the cumulative forms Dask lacks
(``include_initial``, and the checks of a missing axis), which are gathered."""

from __future__ import annotations

from typing import Any

from polyarray.backends.dask._gathered import gathered
from polyarray.backends.numpy import statistical as numpy_statistical

__all__ = ["cumulative_prod", "cumulative_sum"]

_GATHERED_SUM = gathered(numpy_statistical.cumulative_sum)
_GATHERED_PROD = gathered(numpy_statistical.cumulative_prod)


def _lazy_form(x: Any, axis: Any, include_initial: bool) -> bool:
    """Whether Dask's own cumsum/cumprod computes it (along one given axis, or a 1-d x)."""
    return bool(x.ndim) and not include_initial and (type(axis) is int or x.ndim == 1)


def cumulative_sum(
    x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
) -> Any:
    """The standard's ``cumulative_sum``; not of 0-d arrays."""
    if _lazy_form(x, axis, include_initial):
        return numpy_statistical.cumulative_sum(x, axis=axis, dtype=dtype)
    return _GATHERED_SUM(x, axis=axis, dtype=dtype, include_initial=include_initial)


def cumulative_prod(
    x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
) -> Any:
    """The standard's ``cumulative_prod``; not of 0-d arrays."""
    if _lazy_form(x, axis, include_initial):
        return numpy_statistical.cumulative_prod(x, axis=axis, dtype=dtype)
    return _GATHERED_PROD(x, axis=axis, dtype=dtype, include_initial=include_initial)
