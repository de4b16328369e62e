"""Result types of polyarray's own functions."""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = ["MinMaxResult"]


class MinMaxResult(NamedTuple):
    """What ``pa.max_with_indices`` and ``pa.min_with_indices`` return.

    Attributes
    ----------
    values:
        The extreme values, as native arrays of the input's backend and dtype.
    indices:
        Where they are along the reduced axis (int64); the first one for ties and NaN.
    """

    values: Any
    indices: Any
