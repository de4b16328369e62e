"""``polyarray bench``: the seed suite (or a part of it) on every available backend.

Registered by :mod:`polyarray._cli`; everything about the command lives here. Heavy
imports (NumPy, torch, rich, matplotlib) happen only when the command runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import warnings
from collections.abc import Callable
from typing import Any

__all__ = ["add_parser", "run"]

#: (min_time, max_time, warmup) in seconds, per measurement.
_DEFAULT_TIMES = (0.2, 1.0, 0.05)
_QUICK_TIMES = (0.02, 0.15, 0.01)

_DESCRIPTION = """\
Time polyarray's seed suite (creation, reshape, broadcasting, reductions, gradient,
matmul) on every available backend, correctly synchronised, with the answer checked
against NumPy first. Prints medians, spreads, GFLOP/s, GB/s and the speed relative to the
first backend, with warnings when figures may mislead.
"""

_EPILOG = """\
examples:
  polyarray bench                              # the seed suite on every backend
  polyarray bench --quick                      # smaller sizes, shorter timing (seconds)
  polyarray bench --only matmul --sizes 512,1024 --dtypes float32
  polyarray bench --backends numpy,torch:cuda --modes throughput,device
  polyarray bench --json base.json             # save; later: --compare base.json
  polyarray bench --compare base.json new.json # compare two saved runs, no timing
"""


def _comma_list(kind: str, convert: Callable[[str], Any] = str) -> Callable[[str], list[Any]]:
    def parse(text: str) -> list[Any]:
        items = [item.strip() for item in text.split(",") if item.strip()]
        if not items:
            raise argparse.ArgumentTypeError(f"expected a comma-separated list of {kind}")
        try:
            return [convert(item) for item in items]
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a positive integer") from None
    if value < 1:
        raise ValueError(f"{text!r} is not a positive integer")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive, finite number of seconds")
    return value


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be positive")
    return value


def _threads(text: str) -> int:
    try:
        return _positive_int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add the ``bench`` subcommand to the ``polyarray`` command's subparsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "bench",
        help="time the seed suite on every available backend",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    choose = parser.add_argument_group("what to run")
    choose.add_argument(
        "--backends",
        type=_comma_list("backend specs"),
        metavar="SPECS",
        help="comma-separated backend specs, e.g. numpy,torch,torch:cuda (default: every "
        "available backend; the first is the baseline)",
    )
    choose.add_argument(
        "--only",
        type=_comma_list("benchmark names"),
        metavar="NAMES",
        help="comma-separated benchmark names (see --list)",
    )
    choose.add_argument(
        "--sizes",
        type=_comma_list("sizes", _positive_int),
        metavar="N,...",
        help="sizes instead of each benchmark's defaults (matmul: n of n x n; linspace, "
        "arange, grad: elements; image benchmarks: image side)",
    )
    choose.add_argument(
        "--dtypes",
        type=_comma_list("dtypes"),
        metavar="DTYPES",
        help="dtypes instead of each benchmark's defaults, e.g. float32,float64",
    )
    choose.add_argument(
        "--modes",
        type=_comma_list("modes"),
        metavar="MODES",
        default=["throughput"],
        help="throughput (default), device (CUDA events), latency, cold (first call in a "
        "fresh process); comma-separated",
    )
    choose.add_argument(
        "--quick",
        action="store_true",
        help="smaller sizes and shorter timing: a check in seconds, not a measurement",
    )
    choose.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    timing = parser.add_argument_group("how long to time each case")
    timing.add_argument(
        "--min-time",
        type=_seconds,
        metavar="S",
        help=f"seconds of sampling at least (default {_DEFAULT_TIMES[0]}; "
        f"--quick {_QUICK_TIMES[0]})",
    )
    timing.add_argument(
        "--max-time",
        type=_seconds,
        metavar="S",
        help=f"seconds of sampling at most, if the spread stays large (default "
        f"{_DEFAULT_TIMES[1]}; --quick {_QUICK_TIMES[1]})",
    )
    timing.add_argument(
        "--warmup",
        type=_seconds,
        metavar="S",
        help=f"seconds of warm-up calls (default {_DEFAULT_TIMES[2]})",
    )
    timing.add_argument(
        "--threads",
        type=_threads,
        metavar="N",
        help="run NumPy's BLAS and torch's CPU pool with N threads each (default: each "
        "backend's own count, or fewer when the load average leaves fewer cores free: the "
        "header says so)",
    )
    timing.add_argument(
        "--cpu-peak-gflops",
        type=_rate,
        metavar="X",
        help="this CPU's peak GFLOP/s, to show %% of peak on CPU backends",
    )
    timing.add_argument(
        "--cpu-peak-gbs",
        type=_rate,
        metavar="X",
        help="this CPU's peak memory bandwidth in GB/s, for %% of peak on CPU backends",
    )
    output = parser.add_argument_group("output")
    output.add_argument("--json", metavar="PATH", help="write the run as JSON (polyarray.timing/1)")
    output.add_argument("--csv", metavar="PATH", help="write one CSV row per result")
    output.add_argument(
        "--plot", metavar="PATH", help="draw a PNG of the medians (needs polyarray[plot])"
    )
    output.add_argument(
        "--compare",
        nargs="+",
        metavar="JSON",
        help="BASE.json: compare this run with a saved one; BASE.json NEW.json: compare two "
        "saved runs without timing anything",
    )
    output.add_argument(
        "--plain", action="store_true", help="plain-text table even if rich is installed"
    )
    output.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.set_defaults(handler=run, parser=parser)
    return parser


def _list_benchmarks() -> str:
    from polyarray.timing._suite import SEED_SUITE

    width = max(len(b.name) for b in SEED_SUITE)
    lines = []
    for benchmark in SEED_SUITE:
        sizes = ",".join(map(str, benchmark.sizes))
        lines.append(
            f"{benchmark.name:<{width}}  {benchmark.description} (sizes {sizes}; dtypes "
            f"{','.join(benchmark.dtypes)})"
        )
    return "\n".join(lines)


def _fail(message: str) -> int:
    print(f"polyarray bench: error: {message}", file=sys.stderr)
    return 2


def run(arguments: argparse.Namespace) -> int:
    """Carry out ``polyarray bench`` with parsed arguments; returns the exit status."""
    from polyarray.errors import PolyarrayError
    from polyarray.timing._table import rich_available

    if arguments.list:
        print(_list_benchmarks())
        return 0
    if arguments.compare and len(arguments.compare) > 2:
        return _fail("--compare takes BASE.json, or BASE.json NEW.json")
    if arguments.plot and importlib.util.find_spec("matplotlib") is None:
        return _fail(
            "--plot needs matplotlib, which is not installed: pip install 'polyarray[plot]'"
        )
    use_rich = rich_available() and not arguments.plain
    try:
        if arguments.compare and len(arguments.compare) == 2:
            return _compare_files(*arguments.compare)
        return _bench(arguments, use_rich)
    except PolyarrayError as exc:  # bad specs, unreadable files, missing devices
        return _fail(str(exc))


def _compare_files(base_path: str, new_path: str) -> int:
    from polyarray.timing._compare import compare_runs
    from polyarray.timing._json import load

    comparison = compare_runs(load(base_path), load(new_path))
    print(f"{new_path} against {base_path}:")
    print(comparison.format() or "no case is in both runs")
    return 0


def _bench(arguments: argparse.Namespace, use_rich: bool) -> int:
    from polyarray.timing._compare import compare_runs
    from polyarray.timing._csv import write_csv
    from polyarray.timing._json import load, save
    from polyarray.timing._plot import plot
    from polyarray.timing._progress import progress_reporter
    from polyarray.timing._runner import compare
    from polyarray.timing._suite import SEED_SUITE, select
    from polyarray.timing._table import print_run
    from polyarray.timing._warnings import TimingWarning

    base = load(arguments.compare[0]) if arguments.compare else None  # fail before timing
    min_time, max_time, warmup = _QUICK_TIMES if arguments.quick else _DEFAULT_TIMES
    min_time = arguments.min_time or min_time
    max_time = max(arguments.max_time or max_time, min_time)
    if arguments.max_time is not None and arguments.max_time < min_time:
        return _fail(f"--max-time {arguments.max_time} is shorter than --min-time {min_time}")
    with (
        progress_reporter(
            enabled=not arguments.no_progress, use_rich=use_rich and sys.stderr.isatty()
        ) as progress,
        warnings.catch_warnings(),
    ):
        # The run's own warnings, printed with the table, say what TimingWarning would.
        warnings.simplefilter("ignore", TimingWarning)
        result = compare(
            select(SEED_SUITE, arguments.only),
            backends=arguments.backends,
            sizes=arguments.sizes,
            dtypes=arguments.dtypes,
            modes=arguments.modes,
            quick=arguments.quick,
            min_time=min_time,
            max_time=max_time,
            warmup=arguments.warmup if arguments.warmup is not None else warmup,
            # Unless --threads decides: fewer threads when the load leaves fewer free cores.
            threads="auto" if arguments.threads is None else arguments.threads,
            cpu_peak_gflops=arguments.cpu_peak_gflops,
            cpu_peak_gbs=arguments.cpu_peak_gbs,
            progress=progress,
        )
    print_run(result, use_rich=use_rich)
    written = []
    if arguments.json:
        written.append(f"JSON: {save(result, arguments.json)}")
    if arguments.csv:
        written.append(f"CSV: {write_csv(result, arguments.csv)}")
    if arguments.plot and result.results:
        written.append(f"plot: {plot(result, arguments.plot)}")
    if written:
        print("\nwrote " + "; ".join(written))
    if base is not None:
        print(f"\ncompared with {arguments.compare[0]}:")
        print(compare_runs(base, result).format() or "no case is in both runs")
    return 1 if result.failed else 0
