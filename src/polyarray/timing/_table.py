"""Runs as tables: plain text (always available) and rich (when ``rich`` is installed).

Both show the same columns: the case, the backend, the median time per call, the spread
(IQR / median), samples x calls per sample, GFLOP/s, GB/s, % of peak where known, the
speed relative to the baseline backend (its median / this median, so above 1 is faster)
and footnote numbers pointing at the warnings printed under the table.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from polyarray.timing._env import TOOL_PACKAGES
from polyarray.timing._measurement import Run, format_seconds, params_label

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


@dataclass
class _Row:
    cells: list[str]
    notes: list[int]
    first_of_case: bool


def _baseline(run: Run) -> str | None:
    baseline = run.options.get("baseline")
    backends = run.backends
    if baseline in backends:
        return str(baseline)
    return backends[0] if backends else None


def _rows(run: Run) -> tuple[list[str], list[_Row], list[str]]:
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
    rows: list[_Row] = []
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
        cells.append(",".join(f"[{n}]" for n in notes))
        rows.append(_Row(cells, notes, first))
    return header, rows, list(numbers)


def _legend(run: Run) -> str | None:
    baseline = _baseline(run)
    if baseline is None or len(run.backends) <= 1:
        return None
    return (
        f"median: time per call; ±IQR: interquartile range / median; vs {baseline}: "
        f"{baseline}'s median / this median (above 1 is faster than {baseline})"
    )


def _problem_lines(run: Run) -> list[str]:
    return [str(problem) for problem in run.problems]


def format_run(run: Run) -> str:
    """A plain-text report of a run: environment, table, warnings and problems.

    Examples
    --------
    >>> from polyarray.timing import Measurement, Run, format_run
    >>> run = Run(env={}, results=(Measurement("f", "numpy", "throughput", (1e-3,)),))
    >>> "1 ms" in format_run(run)
    True
    """
    lines = environment_lines(run.env)
    if run.options.get("modes"):
        lines.append(f"mode: {', '.join(run.options['modes'])}")
    lines.append("")
    header, rows, footnotes = _rows(run)
    if rows:
        table = [header] + [row.cells for row in rows]
        widths = [max(len(r[i]) for r in table) for i in range(len(header))]
        numeric = {i for i, title in enumerate(header) if title not in _TEXT_COLUMNS}

        def render(cells: Sequence[str]) -> str:
            return "  ".join(
                cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
                for i, cell in enumerate(cells)
            ).rstrip()

        lines.append(render(header))
        lines.append("  ".join("-" * w for w in widths))
        for index, row in enumerate(rows):
            if row.first_of_case and index:
                lines.append("")
            lines.append(render(row.cells))
    else:
        lines.append("no results")
    legend = _legend(run)
    if legend:
        lines += ["", legend]
    if footnotes:
        lines += ["", "notes:"] + [f"[{i}] {text}" for i, text in enumerate(footnotes, 1)]
    if run.warnings:
        lines += ["", "warnings:"] + [f"- {w}" for w in run.warnings]
    problems = _problem_lines(run)
    if problems:
        lines += ["", "not timed:"] + [f"- {p}" for p in problems]
    return "\n".join(lines)


#: Columns a narrow terminal loses first, in this order (the JSON and CSV keep them all).
_OPTIONAL_COLUMNS = ("samples", "GB/s", "% peak")


def _columns_that_fit(
    header: Sequence[str], rows: Sequence[Sequence[str]], width: int
) -> list[int]:
    """Indices of the columns to show in ``width`` characters, dropping optional ones."""
    sizes = [max([len(header[i]), *(len(row[i]) for row in rows)]) for i in range(len(header))]
    kept = list(range(len(header)))
    for title in _OPTIONAL_COLUMNS:
        if sum(sizes[i] + 2 for i in kept) <= width:
            break
        if title in header:
            kept.remove(header.index(title))
    return kept


def print_run(run: Run, *, file: TextIO | None = None, use_rich: bool | None = None) -> None:
    """Print a run: with rich when installed (and ``use_rich`` is not False), else plain."""
    stream = file if file is not None else sys.stdout
    if use_rich is None:
        use_rich = rich_available()
    if not use_rich:
        print(format_run(run), file=stream)
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Off a terminal (a file, a CI log) rich would assume 80 columns and cut the table.
    width = None if stream.isatty() else 200
    console = Console(file=stream, highlight=False, width=width)
    for line in environment_lines(run.env):
        console.print(Text(line, style="dim"))
    if run.options.get("modes"):
        console.print(Text(f"mode: {', '.join(run.options['modes'])}", style="dim"))
    header, rows, footnotes = _rows(run)
    kept = _columns_that_fit(header, [row.cells for row in rows], console.width)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for index in kept:
        title = header[index]
        if title in ("benchmark", "size"):  # may wrap on a narrow terminal
            table.add_column(title, justify="left", overflow="fold")
        elif title in _TEXT_COLUMNS:
            table.add_column(title, justify="left", no_wrap=True)
        else:
            table.add_column(title, justify="right", no_wrap=True)
    for index, row in enumerate(rows):
        style = "yellow" if row.notes else None
        table.add_row(
            *(row.cells[i] for i in kept),
            style=style,
            end_section=index + 1 < len(rows) and rows[index + 1].first_of_case,
        )
    console.print(table)
    legend = _legend(run)
    if legend:
        console.print(Text(legend, style="dim"))
    for number, text in enumerate(footnotes, 1):
        console.print(Text(f"[{number}] {text}", style="yellow"))
    for warning in run.warnings:
        console.print(Text(f"warning: {warning}", style="bold yellow"))
    for problem in run.problems:
        style = "dim" if problem.kind == "skipped" else "bold red"
        console.print(Text(str(problem), style=style))
