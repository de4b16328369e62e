"""``polyarray bench``'s text fits its width without splitting a word: the table (narrow
layout below the wide one's width), the legend, the notes, the warnings, plain and rich,
on a terminal or a pipe. No timing: the runs are built from fixed samples.

A word is split when a piece of it appears alone, so the check is: every word of the
output at 80 columns is a word of the same report laid out without a width limit (which
wraps nothing), and every name of the input appears whole.
"""

from __future__ import annotations

import io
from typing import Any

import pytest

from polyarray.timing import Measurement, Problem, Run, format_run
from polyarray.timing._layout import PIPE_WIDTH
from polyarray.timing._table import print_run
from polyarray.timing._warnings import UNTRUSTED_MARK, untrustworthy

LONG_NAMES = ("image_times_vector_of_a_long_name", "max_with_indices", "matmul")
STEADY = (1.0e-3, 1.01e-3, 0.99e-3, 1.0e-3, 1.02e-3)
NOISY = (1.0e-3, 3.0e-3, 0.5e-3, 2.0e-3, 1.0e-3)
LONG_WARNING = (
    "loaded machine: the load average was 6.00 on 2 usable core(s) when the run started: "
    "other programs compete for the CPU, so times are slower and noisier than on an idle "
    "machine; multi-threaded kernels also wait for preempted threads"
)
ENV: dict[str, Any] = {
    "polyarray": "0.1.0",
    "python": "3.11.7",
    "packages": {"numpy": "2.4.6", "torch": "2.13.0+cpu", "jax": "0.10.2", "jaxlib": "0.10.2"},
    "cpu": {"model": "AMD EPYC 9654 96-Core Processor", "usable_cores": 2, "flags": ["avx2"]},
    "load_average": [6.0, 5.0, 4.0],
}


def _measurement(name: str, backend: str, times: tuple[float, ...]) -> Measurement:
    measured = Measurement(
        name,
        backend,
        "throughput",
        times,
        number=2,
        params={"shape": "196608->256x256x3"} if name == "max_with_indices" else {"n": 100_000},
        dtype="float32",
        flops=2e6,
        bytes=1.2e5,
    )
    if times is NOISY:
        return measured.with_warnings("large spread (IQR above 10% of the median): busy")
    return measured


def _run() -> Run:
    results = tuple(
        _measurement(name, backend, NOISY if backend == "torch:cuda:0" else STEADY)
        for name in LONG_NAMES
        for backend in ("numpy", "torch", "torch:cuda:0")
    )
    problem = Problem("grad", "jax", "-", "skipped", "needs a longer explanation " * 6)
    return Run(
        env=ENV,
        results=results,
        problems=(problem,),
        warnings=(LONG_WARNING,),
        options={
            "modes": ["throughput"],
            "baseline": "numpy",
            "threads_fallback": "load average 6.00 leaves 0 of 2 usable core(s) free",
        },
    )


def _words(text: str) -> set[str]:
    # A table's rules ("-------") are drawn to each layout's column widths: not words.
    return {word for word in text.split() if word.strip("-")}


UNLIMITED = format_run(_run(), width=10_000)


def _check_fits(text: str, width: int) -> None:
    assert max(len(line) for line in text.splitlines()) <= width
    split = _words(text) - _words(UNLIMITED)
    assert not split, f"words split or made up: {sorted(split)}"
    for name in (*LONG_NAMES, "196608->256x256x3", "torch:cuda:0", "n=100000"):
        assert name in _words(text)


@pytest.mark.parametrize("width", [80, 60])
def test_plain_table_fits_without_splitting_a_word(width: int) -> None:
    _check_fits(format_run(_run(), width=width), width)


def test_rich_table_fits_at_columns_80(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("rich")
    monkeypatch.setenv("COLUMNS", "80")
    stream = io.StringIO()
    print_run(_run(), file=stream, use_rich=True)
    _check_fits(stream.getvalue(), 80)


def test_a_pipe_without_columns_gets_the_pipe_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    stream = io.StringIO()  # not a terminal, as a pipe
    print_run(_run(), file=stream, use_rich=False)
    _check_fits(stream.getvalue(), PIPE_WIDTH)


def test_a_wide_enough_width_keeps_the_one_line_rows() -> None:
    text = format_run(_run(), width=10_000)
    row = next(line for line in text.splitlines() if line.startswith(LONG_NAMES[0]))
    assert "numpy" in row.split()


def test_warnings_wrap_at_word_boundaries_and_lose_nothing() -> None:
    lines = format_run(_run(), width=80).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("warning: loaded"))
    block = [lines[start]]
    block += [line for line in lines[start + 1 :] if line.startswith("  ")][:10]
    rejoined = " ".join(line.strip() for line in block).removeprefix("warning: ")
    assert rejoined.startswith(LONG_WARNING)
    assert len(block) > 1


def test_the_legend_explains_every_column_heading() -> None:
    text = " ".join(format_run(_run(), width=80).split())  # the legend as one line
    assert "median: time per call" in text
    assert "samples: timed blocks x calls per block (72x2: 72 blocks of 2 calls each)" in text
    assert "vs numpy: numpy's median / this median" in text
    assert f"{UNTRUSTED_MARK}: untrustworthy" in text


def test_untrustworthy_rows_and_only_they_are_marked() -> None:
    run = _run()
    lines = format_run(run, width=10_000).splitlines()
    rows = [line.split() for line in lines if "ms" in line.split()]  # the rows' medians
    marked = [UNTRUSTED_MARK in row for row in rows]
    assert marked == [untrustworthy(m) for m in run.results]
    assert any(marked)
    assert not all(marked)


def test_the_thread_fallback_is_in_the_header() -> None:
    text = " ".join(format_run(_run(), width=80).split())
    assert "threads: load average 6.00 leaves 0 of 2 usable core(s) free" in text


def test_the_plot_marks_untrustworthy_bars(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    from polyarray.timing import plot

    drawn: list[Figure] = []
    save = Figure.savefig

    def keep(self: Figure, *args: Any, **kwargs: Any) -> None:
        drawn.append(self)
        save(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", keep)
    run = _run()
    plot(run, tmp_path / "bench.png")
    (axes,) = drawn[0].axes
    hatched = [bar for bar in axes.patches if bar.get_hatch()]
    assert len(hatched) == sum(untrustworthy(m) for m in run.results)
    legend = axes.get_legend()
    assert legend is not None
    assert any("untrustworthy" in text.get_text() for text in legend.get_texts())
