"""Statistics of timing samples, in pure Python (no NumPy: timing must not perturb imports).

The headline is the median: timing noise is one-sided (a run can be slowed down by other
work, never sped up), so the mean is pulled up by outliers while the median is not. The
spread is the interquartile range relative to the median, which, unlike the standard
deviation, ignores the few slow outliers every machine produces.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["Stats", "mann_whitney_p", "quantile", "summarize"]


def quantile(sorted_values: Sequence[float], q: float) -> float:
    """The ``q`` quantile of already sorted values, linearly interpolated.

    The same definition as ``numpy.quantile``'s default ("linear", Hyndman & Fan type 7).

    Examples
    --------
    >>> quantile([1.0, 2.0, 3.0, 4.0], 0.5)
    2.5
    """
    if not sorted_values:
        raise ValueError("the quantile of no values is undefined")
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"a quantile must lie in [0, 1], not {q}")
    position = q * (len(sorted_values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    fraction = position - low
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * fraction


@dataclass(frozen=True)
class Stats:
    """Summary of per-call times, all in seconds.

    Attributes
    ----------
    median:
        The headline figure.
    q1, q3:
        First and third quartiles; ``iqr = q3 - q1``.
    p10, p90:
        10th and 90th percentiles.
    min, max, mean, stdev:
        The usual; ``stdev`` is the sample standard deviation (0 for one sample).
    samples:
        How many samples the figures summarise.
    """

    median: float
    q1: float
    q3: float
    p10: float
    p90: float
    min: float
    max: float
    mean: float
    stdev: float
    samples: int

    @property
    def iqr(self) -> float:
        """The interquartile range, ``q3 - q1``."""
        return self.q3 - self.q1

    @property
    def spread(self) -> float:
        """The IQR relative to the median (0.05 means 5 %); the noise figure we report."""
        return self.iqr / self.median if self.median > 0 else math.inf

    def to_dict(self) -> dict[str, Any]:
        """The fields plus ``iqr`` and ``spread``, for JSON."""
        return {**asdict(self), "iqr": self.iqr, "spread": self.spread}


def summarize(times: Sequence[float]) -> Stats:
    """The :class:`Stats` of a non-empty sequence of times.

    Examples
    --------
    >>> summarize([3.0, 1.0, 2.0]).median
    2.0
    """
    if not times:
        raise ValueError("cannot summarise an empty list of times")
    ordered = sorted(float(t) for t in times)
    count = len(ordered)
    try:
        mean = math.fsum(ordered) / count
    except OverflowError:  # times near the largest float (a hand-edited file): scale first
        mean = math.fsum(t / count for t in ordered)
    try:
        variance = math.fsum((t - mean) ** 2 for t in ordered) / (count - 1) if count > 1 else 0.0
    except OverflowError:
        variance = math.inf
    return Stats(
        median=quantile(ordered, 0.5),
        q1=quantile(ordered, 0.25),
        q3=quantile(ordered, 0.75),
        p10=quantile(ordered, 0.10),
        p90=quantile(ordered, 0.90),
        min=ordered[0],
        max=ordered[-1],
        mean=mean,
        stdev=math.sqrt(variance),
        samples=count,
    )


def mann_whitney_p(first: Sequence[float], second: Sequence[float]) -> float:
    """Two-sided p-value of the Mann-Whitney U test that both samples share one distribution.

    Rank-based, so it makes no normality assumption (timings are skewed). Uses the normal
    approximation with the tie correction, which is accurate from about 8 samples a side;
    with fewer it is conservative enough for "is this change real?".

    Examples
    --------
    >>> mann_whitney_p([1.0, 1.1, 1.2, 1.3, 1.4], [2.0, 2.1, 2.2, 2.3, 2.4]) < 0.05
    True
    """
    n1, n2 = len(first), len(second)
    if n1 == 0 or n2 == 0:
        raise ValueError("the Mann-Whitney test needs at least one value in each sample")
    pooled = sorted([(float(v), 0) for v in first] + [(float(v), 1) for v in second])
    ranks = [0.0] * len(pooled)
    tie_term = 0.0
    start = 0
    while start < len(pooled):
        end = start
        while end + 1 < len(pooled) and pooled[end + 1][0] == pooled[start][0]:
            end += 1
        average_rank = (start + end) / 2 + 1  # ranks are 1-based
        for index in range(start, end + 1):
            ranks[index] = average_rank
        tied = end - start + 1
        tie_term += tied**3 - tied
        start = end + 1
    rank_sum_first = math.fsum(r for r, (_, group) in zip(ranks, pooled, strict=True) if group == 0)
    u_first = rank_sum_first - n1 * (n1 + 1) / 2
    total = n1 + n2
    variance = n1 * n2 / 12 * ((total + 1) - tie_term / (total * (total - 1) if total > 1 else 1))
    if variance <= 0:  # every value equal: no evidence of a difference
        return 1.0
    z = (abs(u_first - n1 * n2 / 2) - 0.5) / math.sqrt(variance)  # 0.5: continuity correction
    return min(1.0, math.erfc(max(z, 0.0) / math.sqrt(2)))
