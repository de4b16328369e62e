"""Runs as tables: plain text (always available) and rich (when ``rich`` is installed).

Both show the same columns: the case, the backend, the median time per call, the spread
(IQR / median), samples x calls per sample, GFLOP/s, GB/s, % of peak where known, the
speed relative to the baseline backend (its median / this median, so above 1 is faster)
and footnote numbers pointing at the warnings printed under the table; ``!`` marks a row
that a large spread, too few samples or a loaded machine make untrustworthy. Everything is
laid out for the output's width without splitting a word (:mod:`._layout`).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from polyarray.timing._env import TOOL_PACKAGES
from polyarray.timing._layout import Line, TableRow, output_width, table_lines, wrap
from polyarray.timing._measurement import Run, format_seconds, params_label
from polyarray.timing._warnings import UNTRUSTED_MARK, untrustworthy

__all__ = ["environment_lines", "format_run", "print_run", "rich_available"]


#: The CPU flags worth a place in the table's header (the JSON keeps them all).
_HEADLINE_FLAGS = ("avx2", "fma", "avx512f", "amx_tile", "neon", "sve")
_TEXT_COLUMNS = ("benchmark", "size", "dtype", "backend", "mode", "notes")


def rich_available() -> bool:
    """Whether the optional ``rich`` package is importable."""
    try:
        import rich  # noqa: F401
    except ImportError:
        return False
    return True


def _rate(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _threads(count: Any) -> str:
    return f"{count} thread" + ("" if count == 1 else "s")


def environment_lines(env: Mapping[str, Any]) -> list[str]:
    """A few lines saying where and with what the run was made."""
    packages = env.get("packages") or {}
    # The backends' packages; the tools (threadpoolctl, rich...) are in the JSON only.
    versions = [f"{name} {v}" for name, v in packages.items() if v and name not in TOOL_PACKAGES]
    lines = [
        " · ".join(
            [
                f"polyarray {env.get('polyarray', '?')}",
                f"Python {env.get('python', '?')}",
                *versions,
            ]
        )
    ]
    cpu = env.get("cpu") or {}
    cpu_text = f"CPU: {cpu.get('model', '?')}, {cpu.get('usable_cores', '?')} usable cores"
    headline_flags = [f for f in cpu.get("flags") or () if f in _HEADLINE_FLAGS]
    if headline_flags:
        cpu_text += f" ({' '.join(headline_flags)})"
    load = env.get("load_average")
    if load:
        cpu_text += f" · load {load[0]:.2f}"
    lines.append(cpu_text)
    blas = env.get("blas")
    threads = env.get("threads") or {}
    parts = []
    blas_pools = [p for p in blas if p.get("api") == "blas"] if isinstance(blas, list) else []
    for pool in blas_pools:
        owner = f"{pool['owner']}: " if pool.get("owner") else ""
        kernel = f" {pool['kernel']} kernel" if pool.get("kernel") else ""
        parts.append(
            f"{owner}{pool.get('library')} {pool.get('version') or ''}{kernel}, "
            f"{_threads(pool.get('threads'))}".replace("  ", " ")
        )
    if blas and not isinstance(blas, list):  # no threadpoolctl: NumPy's build names its BLAS
        build = env.get("numpy_blas_build") or {}
        name = " ".join(str(build[k]) for k in ("name", "version") if build.get(k))
        parts.append(f"numpy: {name or 'BLAS'} (kernel and threads {blas})")
    # Each backend's own thread count, unless its BLAS pool above already shows it.
    parts.extend(
        f"{backend}: {_threads(count)}"
        for backend, count in threads.items()
        if count is not None
        and not any(p.get("owner") == backend and p.get("threads") == count for p in blas_pools)
    )
    if parts:
        lines.append("BLAS/threads: " + " · ".join(parts))
    lines.extend(
        f"GPU {gpu.get('spec')}: {gpu.get('name')} (compute {gpu.get('capability')}, "
        f"{gpu.get('memory_gb')} GB)"
        for gpu in env.get("gpus") or ()
    )
    return lines


def _baseline(run: Run) -> str | None:
    baseline = run.options.get("baseline")
    backends = run.backends
    if baseline in backends:
        return str(baseline)
    return backends[0] if backends else None


def _rows(run: Run) -> tuple[list[str], list[TableRow], list[str]]:
    results = run.results
    modes = list(dict.fromkeys(m.mode for m in results))
    baseline = _baseline(run)
    by_key = {m.key: m for m in results}
    show_peak = any(m.pct_peak is not None for m in results)
    header = ["benchmark", "size", "dtype", "backend"]
    if len(modes) > 1:
        header.append("mode")
    header += ["median", "±IQR", "samples", "GFLOP/s", "GB/s"]
    if show_peak:
        header.append("% peak")
    show_ratio = baseline is not None and len(run.backends) > 1
    if show_ratio:
        header.append(f"vs {baseline}")
    header.append("notes")
    numbers: dict[str, int] = {}
    rows: list[TableRow] = []
    previous_case: tuple[Any, ...] | None = None
    for m in results:
        case = (m.name, params_label(m.params), m.dtype)
        first = case != previous_case
        previous_case = case
        dtype = (m.dtype or "") + ("+tf32" if m.labels.get("tf32") else "")
        cells = [m.name, params_label(m.params), dtype] if first else ["", "", ""]
        cells.append(m.backend)
        if len(modes) > 1:
            cells.append(m.mode)
        stats = m.stats
        cells += [
            format_seconds(stats.median),
            f"{stats.spread:.1%}",
            f"{stats.samples}x{m.number}",
            _rate(m.gflops),
            _rate(m.gbs),
        ]
        if show_peak:
            cells.append("" if m.pct_peak is None else f"{m.pct_peak:.0f}%")
        if show_ratio:
            base = by_key.get((m.name, params_label(m.params), str(baseline), m.dtype, m.mode))
            cells.append(f"{base.median / m.median:.2f}x" if base and m.median > 0 else "")
        # Rows with the same warning share its note, so a noisy run lists it once.
        notes = [numbers.setdefault(warning, len(numbers) + 1) for warning in m.warnings]
        flagged = untrustworthy(m)
        mark = [UNTRUSTED_MARK] if flagged else []
        cells.append(" ".join([*mark, ",".join(f"[{n}]" for n in sorted(notes))]).strip())
        rows.append(TableRow(cells, first, flagged))
    return header, rows, list(numbers)


def _legend(run: Run, rows: Sequence[TableRow]) -> str:
    """What the columns mean (``samples`` such as ``72x2`` included)."""
    parts = [
        "median: time per call",
        "±IQR: interquartile range / median",
        "samples: timed blocks x calls per block (72x2: 72 blocks of 2 calls each)",
    ]
    baseline = _baseline(run)
    if baseline is not None and len(run.backends) > 1:
        parts.append(
            f"vs {baseline}: {baseline}'s median / this median (above 1 is faster than {baseline})"
        )
    if any(row.flagged for row in rows):
        parts.append(
            f"{UNTRUSTED_MARK}: untrustworthy (large spread, too few samples or a loaded "
            "machine: see its notes)"
        )
    return "; ".join(parts)


def _preamble(run: Run, width: int) -> list[str]:
    """The environment, the modes and the thread choice, wrapped to ``width``."""
    texts = environment_lines(run.env)
    if run.options.get("modes"):
        texts.append(f"mode: {', '.join(run.options['modes'])}")
    if run.options.get("threads_fallback"):
        texts.append(f"threads: {run.options['threads_fallback']}")
    return [line for text in texts for line in wrap(text, width)]


def _closing(run: Run, footnotes: Sequence[str], width: int) -> list[tuple[str, str]]:
    """The notes, warnings and problems under the table, wrapped: (line, kind) pairs."""
    lines: list[tuple[str, str]] = []
    for number, text in enumerate(footnotes, 1):
        mark = f"[{number}] "
        lines += [(line, "note") for line in wrap(text, width, first=mark, rest=" " * len(mark))]
    for warning in run.warnings:
        lines += [(line, "warning") for line in wrap(warning, width, first="warning: ")]
    for problem in run.problems:
        kind = "skipped" if problem.kind == "skipped" else "problem"
        lines += [(line, kind) for line in wrap(str(problem), width, first="- ")]
    return lines


def _table(run: Run, width: int) -> tuple[list[Line], list[TableRow], list[str]]:
    header, rows, footnotes = _rows(run)
    lines = table_lines(
        header,
        rows,
        width,
        case_columns=3,
        right=[title for title in header if title not in _TEXT_COLUMNS],
        optional=_OPTIONAL_COLUMNS,
    )
    return lines, rows, footnotes


def format_run(run: Run, *, width: int | None = None) -> str:
    """A plain-text report of a run: environment, table, legend, warnings and problems.

    Lines are at most ``width`` columns (default: ``COLUMNS``, else 100), broken at word
    boundaries only; a table too wide for them puts each case on a title line above its
    rows. Rows marked ``!`` are untrustworthy (see their notes).

    Examples
    --------
    >>> from polyarray.timing import Measurement, Run, format_run
    >>> run = Run(env={}, results=(Measurement("f", "numpy", "throughput", (1e-3,)),))
    >>> "1 ms" in format_run(run)
    True
    """
    width = width or output_width()
    lines = [*_preamble(run, width), ""]
    table, rows, footnotes = _table(run, width)
    lines += [line.text for line in table] if rows else ["no results"]
    if rows:
        lines += ["", *wrap(_legend(run, rows), width, rest="")]
    closing = _closing(run, footnotes, width)
    if closing:
        lines += ["", *(text for text, _ in closing)]
    return "\n".join(lines)


#: Columns the narrow layout loses first, in this order (the JSON and CSV keep them all).
_OPTIONAL_COLUMNS = ("% peak", "GB/s", "samples")
#: The rich style of each kind of line.
_STYLES = {
    "note": "yellow",
    "warning": "bold yellow",
    "skipped": "dim",
    "problem": "bold red",
    "flagged": "yellow",
    "title": "bold",
    "header": "bold",
}


def print_run(run: Run, *, file: TextIO | None = None, use_rich: bool | None = None) -> None:
    """Print a run: with rich when installed (and ``use_rich`` is not False), else plain.

    The width is ``COLUMNS`` when set, else the terminal's, else 100 (a file or a pipe).
    """
    stream = file if file is not None else sys.stdout
    width = output_width(stream)
    if use_rich is None:
        use_rich = rich_available()
    if not use_rich:
        print(format_run(run, width=width), file=stream)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, width=width)

    def say(line: str, kind: str | None = None) -> None:
        # Already wrapped to the width: rich must neither wrap nor crop it again.
        console.print(
            Text(line, style=_STYLES.get(kind or "", "")),
            overflow="ignore",
            crop=False,
            no_wrap=True,
        )

    for line in _preamble(run, width):
        say(line, "skipped")
    table, rows, footnotes = _table(run, width)
    say("")
    for entry in table if rows else [Line("no results", "row")]:
        say(entry.text, entry.kind)
    if rows:
        say("")
        for line in wrap(_legend(run, rows), width, rest=""):
            say(line, "skipped")
    closing = _closing(run, footnotes, width)
    if closing:
        say("")
    for line, kind in closing:
        say(line, kind)
