"""Result types of polyarray's own functions."""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = ["LstsqResult", "MinMaxResult", "TopKResult"]


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


class TopKResult(NamedTuple):
    """What ``pa.top_k`` returns.

    Attributes
    ----------
    values:
        The ``k`` largest (or smallest) values along the axis, sorted, as native arrays
        of the input's backend and dtype.
    indices:
        Where they are along the axis (int64); the first one first for ties.
    """

    values: Any
    indices: Any


class LstsqResult(NamedTuple):
    """What ``pa.linalg.lstsq`` returns, in NumPy's order.

    Attributes
    ----------
    solution:
        The least-squares solution of shape (N,) or (N, K), the minimum-norm one when
        ``a`` is rank-deficient.
    residuals:
        The sums of squared residuals of each column of ``b``, of shape (1,) or (K,),
        when ``a`` has full column rank and more rows than columns; else empty (0,).
    rank:
        The rank of ``a``: a Python int (a traced 0-d int64 array under ``jax.jit``).
    singular_values:
        The singular values of ``a``, largest first, of shape (min(M, N),).
    """

    solution: Any
    residuals: Any
    rank: Any
    singular_values: Any
