"""Statistics of timing samples: quantiles, the summary, and the Mann-Whitney U test."""

from __future__ import annotations

import math

import numpy as np
import pytest

from polyarray.timing import mann_whitney_p, summarize
from polyarray.timing._stats import quantile

SAMPLES = [0.9, 1.0, 1.1, 1.0, 5.0, 1.2, 0.95, 1.05]


@pytest.mark.parametrize("q", [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0])
def test_quantile_matches_numpy_linear_method(q: float) -> None:
    assert quantile(sorted(SAMPLES), q) == pytest.approx(np.quantile(SAMPLES, q), rel=1e-12)


def test_summary_of_fixed_samples() -> None:
    stats = summarize(SAMPLES)
    assert stats.samples == 8
    assert stats.median == pytest.approx(1.025)
    assert stats.q1 == pytest.approx(np.quantile(SAMPLES, 0.25))
    assert stats.q3 == pytest.approx(np.quantile(SAMPLES, 0.75))
    assert stats.p10 == pytest.approx(np.quantile(SAMPLES, 0.10))
    assert stats.p90 == pytest.approx(np.quantile(SAMPLES, 0.90))
    assert (stats.min, stats.max) == (0.9, 5.0)
    assert stats.mean == pytest.approx(np.mean(SAMPLES))
    assert stats.stdev == pytest.approx(np.std(SAMPLES, ddof=1))
    assert stats.iqr == pytest.approx(stats.q3 - stats.q1)
    assert stats.spread == pytest.approx(stats.iqr / stats.median)


def test_median_ignores_the_outlier_that_pulls_the_mean() -> None:
    stats = summarize(SAMPLES)
    assert stats.median < 1.1 < stats.mean


def test_one_sample() -> None:
    stats = summarize([2e-3])
    assert (stats.median, stats.iqr, stats.stdev, stats.samples) == (2e-3, 0.0, 0.0, 1)


def test_zero_median_has_infinite_spread() -> None:
    assert math.isinf(summarize([0.0, 0.0, 1.0]).spread)


def test_empty_samples_are_an_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        summarize([])
    with pytest.raises(ValueError, match="no values"):
        quantile([], 0.5)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        quantile([1.0], 1.5)


def test_to_dict_has_derived_fields() -> None:
    data = summarize(SAMPLES).to_dict()
    assert {"median", "q1", "q3", "iqr", "spread", "p10", "p90", "samples"} <= set(data)


def test_mann_whitney_separated_samples_are_significant() -> None:
    fast = [1.0 + 0.01 * i for i in range(10)]
    slow = [2.0 + 0.01 * i for i in range(10)]
    assert mann_whitney_p(fast, slow) < 0.001
    assert mann_whitney_p(fast, slow) == pytest.approx(mann_whitney_p(slow, fast))


def test_mann_whitney_identical_samples_are_not() -> None:
    same = [1.0, 1.1, 1.2, 1.3, 1.4]
    assert mann_whitney_p(same, same) > 0.5
    assert mann_whitney_p([1.0] * 5, [1.0] * 5) == 1.0


def test_mann_whitney_agrees_with_scipy() -> None:
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(0)
    first = rng.lognormal(0.0, 0.2, 30).round(2).tolist()  # rounding makes ties
    second = rng.lognormal(0.1, 0.2, 25).round(2).tolist()
    expected = stats.mannwhitneyu(first, second, alternative="two-sided", method="asymptotic")
    assert mann_whitney_p(first, second) == pytest.approx(expected.pvalue, rel=1e-6)


def test_mann_whitney_needs_values() -> None:
    with pytest.raises(ValueError, match="at least one value"):
        mann_whitney_p([], [1.0])
