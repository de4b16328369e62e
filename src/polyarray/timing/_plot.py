"""Runs as a PNG: one horizontal bar per case and backend, median time on a log axis with
the interquartile range as whiskers; hatched bars (and a "!" after them) are the rows a
large spread, too few samples or a loaded machine make untrustworthy, as in the table.
Needs matplotlib (``pip install 'polyarray[plot]'``).

Drawn on a ``matplotlib.figure.Figure`` directly, without pyplot: no global state, no GUI
backend, safe in scripts, servers and tests.
"""

from __future__ import annotations

import os
from pathlib import Path

from polyarray.timing._errors import TimingError
from polyarray.timing._measurement import Run, params_label
from polyarray.timing._warnings import UNTRUSTED_MARK, untrustworthy

__all__ = ["plot"]


def plot(run: Run, path: str | os.PathLike[str], *, title: str | None = None) -> Path:
    """Draw the run's median times (log scale, IQR whiskers) into a PNG file at ``path``.

    Examples
    --------
    >>> from polyarray.timing import Measurement, Run, plot
    >>> run = Run(env={}, results=(Measurement("f", "numpy", "throughput", (1e-3, 2e-3)),))
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     plot(run, pathlib.Path(folder) / "bench.png").stat().st_size > 0
    True
    """
    try:
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch
    except ImportError:
        raise TimingError(
            "plotting needs matplotlib, which is not installed: pip install 'polyarray[plot]'"
        ) from None
    if not run.results:
        raise TimingError("the run has no results to plot")
    backends = run.backends
    modes = list(dict.fromkeys(m.mode for m in run.results))
    cases = list(
        dict.fromkeys((m.name, params_label(m.params), m.dtype or "", m.mode) for m in run.results)
    )
    by_key = {
        (m.name, params_label(m.params), m.dtype or "", m.mode, m.backend): m for m in run.results
    }

    height = 0.8 / len(backends)
    figure = Figure(figsize=(9, 1.2 + 0.32 * len(cases) * max(1, len(backends) / 2)))
    axes = figure.subplots()
    colours = [f"C{i}" for i in range(10)]
    for index, backend in enumerate(backends):
        positions, medians, low, high, flagged = [], [], [], [], []
        for row, case in enumerate(cases):
            m = by_key.get((*case, backend))
            if m is None:
                continue
            stats = m.stats
            positions.append(row + (index - (len(backends) - 1) / 2) * height)
            medians.append(stats.median)
            low.append(stats.median - stats.q1)
            high.append(stats.q3 - stats.median)
            flagged.append(untrustworthy(m))
        bars = axes.barh(
            positions,
            medians,
            height=height * 0.9,
            xerr=[low, high],
            color=colours[index % len(colours)],
            error_kw={"elinewidth": 1, "capsize": 2},
        )
        for bar, position, median, spread, bad in zip(
            bars.patches, positions, medians, high, flagged, strict=True
        ):
            if bad:
                bar.set_hatch("///")
                bar.set_edgecolor("black")
                axes.text(median + spread, position, f" {UNTRUSTED_MARK}", va="center", fontsize=8)
    labels = [
        " ".join(part for part in (name, params, dtype, mode if len(modes) > 1 else "") if part)
        for name, params, dtype, mode in cases
    ]
    axes.set_yticks(range(len(cases)), labels, fontsize=8)
    axes.invert_yaxis()  # first case at the top, as in the table
    axes.set_xscale("log")
    axes.set_xlabel("median seconds per call (log scale; whiskers: interquartile range)")
    axes.grid(axis="x", which="both", alpha=0.3)
    # Own handles: a bar container's would show its first bar's hatch for every backend.
    handles = [Patch(facecolor=colours[i % len(colours)]) for i in range(len(backends))]
    names = list(backends)
    if any(untrustworthy(m) for m in run.results):
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="///"))
        names.append(f"{UNTRUSTED_MARK} untrustworthy:\nspread, samples\nor load (see table)")
    axes.legend(
        handles,
        names,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        title="backend",
    )
    cpu = (run.env.get("cpu") or {}).get("model")
    gpus = ", ".join(str(g.get("name")) for g in run.env.get("gpus") or ())
    machine = " + ".join(part for part in (cpu, gpus) if part)
    axes.set_title(title or f"polyarray bench{f' on {machine}' if machine else ''}", fontsize=10)
    figure.tight_layout()
    target = Path(path)
    figure.savefig(target, dpi=120, format="png")
    return target
