"""Comparing two runs: which cases got faster or slower, and whether the change is real.

Cases are matched by name, parameters, backend, dtype and mode. The change is the ratio
of medians; it is called significant when the two samples' distributions differ by the
Mann-Whitney U test (p below ``alpha``) *and* the medians differ by more than
``min_change`` (a statistically clear 0.5 % change is still not worth reporting).
"""

from __future__ import annotations

from dataclasses import dataclass

from polyarray.timing._measurement import Measurement, Run, describe, format_seconds
from polyarray.timing._stats import mann_whitney_p

__all__ = ["Change", "Comparison", "compare_runs"]


@dataclass(frozen=True)
class Change:
    """One case in both runs.

    Attributes
    ----------
    ratio:
        New median / base median: below 1 is faster.
    p_value:
        Mann-Whitney U two-sided p-value of the per-sample times.
    verdict:
        ``"faster"``, ``"slower"`` or ``"same"`` (not significant).
    """

    base: Measurement
    new: Measurement
    ratio: float
    p_value: float
    verdict: str

    @property
    def label(self) -> str:
        """The case in words, with its backend and mode."""
        m = self.new
        return f"{describe(m.name, m.params, m.dtype)} on {m.backend} [{m.mode}]"


@dataclass(frozen=True)
class Comparison:
    """What :func:`compare_runs` found: the matched cases and those in one run only."""

    changes: tuple[Change, ...]
    only_in_base: tuple[Measurement, ...]
    only_in_new: tuple[Measurement, ...]

    @property
    def regressions(self) -> list[Change]:
        """The significant slow-downs."""
        return [c for c in self.changes if c.verdict == "slower"]

    def format(self) -> str:
        """A plain-text report, one line per case."""
        lines = []
        width = max((len(c.label) for c in self.changes), default=0)
        for change in self.changes:
            speed = 1 / change.ratio if change.ratio > 0 else float("inf")
            how = (
                f"{speed:.2f}x faster"
                if change.verdict == "faster"
                else f"{change.ratio:.2f}x slower"
                if change.verdict == "slower"
                else "same"
            )
            lines.append(
                f"{change.label:<{width}}  {format_seconds(change.base.median):>9} -> "
                f"{format_seconds(change.new.median):>9}  ratio {change.ratio:5.2f}  "
                f"p={change.p_value:.2g}  {how}"
            )
        for title, group in (
            ("only in the base run", self.only_in_base),
            ("only in the new run", self.only_in_new),
        ):
            lines.extend(
                f"{describe(m.name, m.params, m.dtype)} on {m.backend} [{m.mode}]: {title}"
                for m in group
            )
        return "\n".join(lines)


def compare_runs(
    base: Run, new: Run, *, alpha: float = 0.01, min_change: float = 0.02
) -> Comparison:
    """Match the cases of two runs and say which changed significantly.

    Parameters
    ----------
    base, new:
        The runs (for example ``polyarray.timing.load("base.json")``).
    alpha:
        Significance level of the Mann-Whitney U test.
    min_change:
        Smallest relative change of the median worth calling faster or slower.

    Examples
    --------
    >>> from polyarray.timing import Measurement, Run, compare_runs
    >>> old = Run({}, (Measurement("f", "numpy", "throughput", (2.0, 2.1, 2.0, 2.2, 2.1) * 2),))
    >>> new = Run({}, (Measurement("f", "numpy", "throughput", (1.0, 1.1, 1.0, 1.2, 1.1) * 2),))
    >>> compare_runs(old, new).changes[0].verdict
    'faster'
    """
    base_by_key = {m.key: m for m in base.results}
    new_by_key = {m.key: m for m in new.results}
    changes = []
    for key, fresh in new_by_key.items():
        old = base_by_key.get(key)
        if old is None:
            continue
        ratio = fresh.median / old.median if old.median > 0 else float("inf")
        p_value = mann_whitney_p(old.times, fresh.times)
        verdict = "same"
        if p_value < alpha and abs(ratio - 1) > min_change:
            verdict = "faster" if ratio < 1 else "slower"
        changes.append(Change(old, fresh, ratio, p_value, verdict))
    return Comparison(
        changes=tuple(changes),
        only_in_base=tuple(m for k, m in base_by_key.items() if k not in new_by_key),
        only_in_new=tuple(m for k, m in new_by_key.items() if k not in base_by_key),
    )
