"""Per-call cost of every public polyarray function over the native call, on small inputs.

Run::

    python benchmarks/overhead.py                       # every function, numpy and torch
    python benchmarks/overhead.py --backends jax        # against jax.numpy itself
    python benchmarks/overhead.py --backends numpy --functions mean,add,linalg.solve
    python benchmarks/overhead.py --check --json overhead.json

Each function of ``polyarray._names.functions()`` gets a case per backend
(``benchmarks/_cases.py``): small inputs built from its signature
(``benchmarks/_inputs.py``), the polyarray call and the native call that gives the same
result (``np.mean(x)``, ``torch.cat(arrays)``, ``torch.linalg.solve(x1, x2)``). Where no
single native call does, the native side is the shortest native expression that does; the
table marks those with ``*`` and lists them below it. The native NumPy calls use the
standard's names that NumPy has since 2.1 (``np.concat``, ``np.unstack``, ``np.astype``).

Method:

- one thread (``OMP/MKL/OPENBLAS_NUM_THREADS=1`` before the imports,
  ``torch.set_num_threads(1)``);
- both statements are compiled by ``timeit`` into the same loop over the same names, so
  the loop costs the same on both sides and cancels out of the overhead (it is in both
  times, so it pulls the ratio slightly towards 1);
- a sample is as many calls as take about ``--sample-ms`` (2 ms) on the slower side, and
  its per-call time is their mean; the garbage collector is off during a sample;
- samples are taken in pairs, polyarray then native, so both see the same load, and the
  ``--repeat`` (60) pairs of a case are spread over ``--rounds`` (5) sweeps over all
  cases, so that a burst of load from another process cannot spoil every sample of one
  case; cases whose minimum has not *settled* (fewer than 3 samples within 3% of it, on
  either side) get up to ``--extra-rounds`` (2) more sweeps, and are marked ``?`` if
  they still have not;
- the figures are the minimum over samples (the least disturbed; the overhead is
  ``min(pa) - min(native)``, the ratio ``min(pa) / min(native)``), with the median beside
  it (``over med`` is the median over pairs of the difference within the pair).

A full run, both backends with the defaults, takes about two minutes on two cores. A
case that raises, or whose two calls disagree in shape or dtype, is listed as not timed
(and fails ``--check``).

On a shared machine the minimum still moves with the load of other processes: two runs of
the same code differ per case by about 50 ns (median) and up to about 300 ns (90th
percentile), more for calls of tens of microseconds, so a case near the budget can land
on either side of it. Run ``--check`` on a quiet machine, or again for the cases it lists
(``--functions``).

Goal: at most ``--budget`` (300) ns over native for every function on every backend;
``--check`` exits 1 when one exceeds it, listing them.
"""

from __future__ import annotations

import os

# One thread everywhere, set before NumPy or torch start their thread pools.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import timeit  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

import _cases  # noqa: E402
import polyarray as pa  # noqa: E402
from polyarray import _names  # noqa: E402
from polyarray.backends import installed  # noqa: E402

NS = 1e9
#: A case's minimum is settled when this many samples lie within this fraction of it.
SETTLED_COUNT, SETTLED_TOLERANCE = 3, 0.03


@dataclass
class Measurement:
    """The samples of one case (seconds per call), or why it could not be timed."""

    case: _cases.Case
    number: int = 0
    pa: list[float] = field(default_factory=list)
    native: list[float] = field(default_factory=list)
    error: str = ""
    timers: tuple[timeit.Timer, timeit.Timer] | None = None

    def prepare(self, sample_seconds: float) -> None:
        """Check that both calls run and agree, choose the calls per sample, warm up."""
        try:
            ours, native = self.case.run()
        except Exception as exc:  # a function in progress elsewhere: report, carry on
            self.error = f"{type(exc).__name__}: {exc}".splitlines()[0][:160]
            return
        if _cases.summary(ours) != _cases.summary(native):
            self.error = (
                f"results differ: {_cases.summary(ours)} vs native {_cases.summary(native)}"
            )[:160]
            return
        names = self.case.names
        self.timers = (
            timeit.Timer(self.case.call, globals=names),
            timeit.Timer(self.case.native, globals=names),
        )
        self.number = calls_per_sample(self.timers, sample_seconds)
        self.sample(1)  # warm-up: caches and first-call paths, not kept
        self.pa.clear()
        self.native.clear()

    def sample(self, pairs: int) -> None:
        if self.timers is None:
            return
        ours, native = self.timers
        for _ in range(pairs):  # interleaved, so both see the same load
            self.pa.append(ours.timeit(self.number) / self.number)
            self.native.append(native.timeit(self.number) / self.number)

    def settled(self) -> bool:
        """Whether each side's minimum was seen more than by chance: ``SETTLED_COUNT``
        samples within ``SETTLED_TOLERANCE`` of it."""
        return all(
            sum(s <= min(samples) * (1 + SETTLED_TOLERANCE) for s in samples) >= SETTLED_COUNT
            for samples in (self.pa, self.native)
        )

    def row(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "function": self.case.function,
            "backend": self.case.backend,
            "call": self.case.call,
            "native": self.case.native,
            "native_is_expression": self.case.is_expression,
        }
        if self.error or not self.pa:
            return {**row, "error": self.error or "not timed"}
        native_min, pa_min = min(self.native) * NS, min(self.pa) * NS
        differences = [(p - n) * NS for p, n in zip(self.pa, self.native, strict=True)]
        return {
            **row,
            "calls_per_sample": self.number,
            "samples": len(self.pa),
            "native_min_ns": native_min,
            "native_median_ns": statistics.median(self.native) * NS,
            "pa_min_ns": pa_min,
            "pa_median_ns": statistics.median(self.pa) * NS,
            "overhead_ns": pa_min - native_min,
            "overhead_median_ns": statistics.median(differences),
            "ratio": pa_min / native_min,
            "settled": self.settled(),
        }


def calls_per_sample(timers: tuple[timeit.Timer, timeit.Timer], seconds: float) -> int:
    """How many calls make a sample of about ``seconds`` on the slower of the two sides."""
    number = 1
    while True:
        # the least of three, so that one preempted try does not shrink the sample
        elapsed = max(min(timer.repeat(3, number)) for timer in timers)
        if elapsed >= seconds / 4:
            return max(1, round(number * seconds / elapsed))
        number *= 4


def measure(
    functions: list[str],
    backends: list[str],
    repeat: int,
    rounds: int,
    sample_ms: float,
    extra_rounds: int,
) -> list[Measurement]:
    """Every case, ``repeat`` pairs of samples each, taken in ``rounds`` sweeps; then up to
    ``extra_rounds`` more sweeps over the cases whose minimum has not settled."""
    measurements: dict[str, list[Measurement]] = {}
    for backend in backends:
        pa.set_backend(backend)  # creation and dtype functions follow the active backend
        measurements[backend] = [
            Measurement(case) for case in _cases.make_cases(backend, functions)
        ]
        for measurement in measurements[backend]:
            measurement.prepare(sample_ms / 1e3)
    rounds = max(1, min(rounds, repeat))
    for done in range(rounds):
        pairs = repeat // rounds + (done < repeat % rounds)
        print(f"  round {done + 1}/{rounds} ({pairs} pairs per case)", file=sys.stderr)
        _sweep(measurements, pairs)
    for done in range(extra_rounds):
        unsettled = {
            backend: [m for m in group if m.timers is not None and not m.settled()]
            for backend, group in measurements.items()
        }
        count = sum(map(len, unsettled.values()))
        if not count:
            break
        print(f"  extra round {done + 1}/{extra_rounds} ({count} unsettled)", file=sys.stderr)
        _sweep(unsettled, max(1, repeat // rounds))
    return [m for group in measurements.values() for m in group]


def _sweep(measurements: dict[str, list[Measurement]], pairs: int) -> None:
    for backend, group in measurements.items():
        pa.set_backend(backend)
        for measurement in group:
            measurement.sample(pairs)


def print_report(rows: list[dict[str, Any]], budget: float) -> list[dict[str, Any]]:
    """The table, worst overhead first, and the count within budget per backend; returns
    the rows over budget."""
    timed = sorted((r for r in rows if "error" not in r), key=lambda r: -r["overhead_ns"])
    header = (
        f"{'function':<26} {'backend':<7} {'native':>9} {'(med)':>9} {'polyarray':>9} "
        f"{'(med)':>9} {'over':>8} {'over med':>8} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in timed:
        mark = "*" if r["native_is_expression"] else " "
        print(
            f"{r['function'] + mark:<26} {r['backend']:<7} {r['native_min_ns']:>9.0f} "
            f"{r['native_median_ns']:>9.0f} {r['pa_min_ns']:>9.0f} {r['pa_median_ns']:>9.0f} "
            f"{r['overhead_ns']:>+8.0f} {r['overhead_median_ns']:>+8.0f} {r['ratio']:>5.2f}x"
            f"{'' if r['settled'] else ' ?'}"
        )
    print("\nTimes in ns per call: min over samples, (med) the median; over = min(polyarray)")
    print("- min(native); over med = median over pairs of the difference within the pair.")
    unsettled = sum(1 for r in timed if not r["settled"])
    print(
        f"? not settled ({unsettled} of {len(timed)}): fewer than {SETTLED_COUNT} samples "
        f"within {SETTLED_TOLERANCE:.0%} of a minimum, which may then be too high."
    )
    marked = [r for r in rows if r["native_is_expression"]]
    if marked:
        print("* the native side is an expression, not a single call:")
        for r in marked:
            print(f"    {r['backend']:<6} {r['function']:<22} {r['native']}")
    errors = [r for r in rows if "error" in r]
    if errors:
        print(f"\n{len(errors)} case(s) not timed:")
        for r in errors:
            print(f"    {r['backend']:<6} {r['function']:<22} {r['error']}")
    over = [r for r in timed if r["overhead_ns"] > budget]
    print()
    for backend in dict.fromkeys(r["backend"] for r in rows):
        total = sum(1 for r in rows if r["backend"] == backend)
        within = sum(1 for r in timed if r["backend"] == backend and r["overhead_ns"] <= budget)
        print(f"{backend}: {within} of {total} functions within {budget:.0f} ns of native")
    return over


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--backends", default="numpy,torch", help="comma-separated")
    parser.add_argument(
        "--functions", default="", help="comma-separated qualified names (default: all)"
    )
    parser.add_argument("--repeat", type=int, default=60, help="sample pairs per case")
    parser.add_argument("--rounds", type=int, default=5, help="sweeps the pairs are spread over")
    parser.add_argument(
        "--extra-rounds", type=int, default=2, help="more sweeps over unsettled cases"
    )
    parser.add_argument("--sample-ms", type=float, default=2.0, help="length of one sample")
    parser.add_argument("--budget", type=float, default=300.0, help="ns over native")
    parser.add_argument("--check", action="store_true", help="exit 1 if a case is over budget")
    parser.add_argument("--json", metavar="PATH", help="write the rows to PATH")
    arguments = parser.parse_args(argv)
    known = _names.functions()
    arguments.functions = [f for f in arguments.functions.split(",") if f] or list(known)
    unknown = [f for f in arguments.functions if f not in known]
    if unknown:
        parser.error(f"not public functions: {', '.join(unknown)}")
    arguments.backends = [b for b in arguments.backends.split(",") if b]
    unsupported = [b for b in arguments.backends if b not in _cases.NATIVE]
    if unsupported:
        parser.error(f"no native calls for backend(s) {', '.join(unsupported)}")
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    backends = []
    for backend in arguments.backends:
        if installed(backend):
            backends.append(backend)
        else:
            print(f"{backend}: not installed, skipped")
    versions = [f"Python {sys.version.split()[0]}", f"numpy {np.__version__}"]
    if "torch" in backends:
        import torch

        torch.set_num_threads(1)
        versions.append(f"torch {torch.__version__}")
    if "jax" in backends:
        import jax

        versions.append(f"jax {jax.__version__} ({jax.devices()[0].platform})")
    load = os.getloadavg()[0]
    print(f"{', '.join(versions)}; one thread; {os.cpu_count()} CPUs, load {load:.2f}", flush=True)
    started = time.perf_counter()
    measurements = measure(
        arguments.functions,
        backends,
        arguments.repeat,
        arguments.rounds,
        arguments.sample_ms,
        arguments.extra_rounds,
    )
    rows = [m.row() for m in measurements]
    elapsed = time.perf_counter() - started
    print(
        f"{len(rows)} cases, {arguments.repeat} sample pairs each in {arguments.rounds} "
        f"rounds (+ up to {arguments.extra_rounds} for unsettled cases), {elapsed:.0f} s; "
        f"load {os.getloadavg()[0]:.2f} at the end\n"
    )
    over = print_report(rows, arguments.budget)
    if arguments.json:
        with open(arguments.json, "w", encoding="utf-8") as stream:
            json.dump({"versions": versions, "budget_ns": arguments.budget, "rows": rows}, stream)
            stream.write("\n")
    if not arguments.check:
        return 0
    errors = [r for r in rows if "error" in r]
    if over or errors:
        listed = [f"{r['backend']}:{r['function']} ({r['overhead_ns']:+.0f} ns)" for r in over]
        listed += [f"{r['backend']}:{r['function']} (error)" for r in errors]
        print(f"\ncheck failed, over {arguments.budget:.0f} ns or not timed: {', '.join(listed)}")
        return 1
    print(f"\ncheck passed: every case within {arguments.budget:.0f} ns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
