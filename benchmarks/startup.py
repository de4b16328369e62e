"""How long a fresh Python takes to give its first NumPy result through polyarray.

Run::

    python benchmarks/startup.py               # 20 rounds, about 15 s
    python benchmarks/startup.py --check       # exit 1 if (a) is over 1.3x

Every figure comes from fresh interpreters (``sys.executable``), started one after the
other in rounds; the order of the commands is reversed every other round, so that a slow
spell of the machine and any effect of the order fall on all of them alike. Each command
runs once before the rounds (caches, bytecode).

(a) ``python -c "import numpy; numpy.ones(3)"`` against
    ``python -c "import polyarray as pa; pa.ones(3)"``: the ratio of the medians and of
    the minimums. ``--check`` fails when the ratio of the medians exceeds ``--limit``.
(b) ``python -c "import polyarray"`` against ``python -c pass``: ms over a bare start.
(c) whether ``importlib.metadata`` and ``array_api_compat.numpy`` (and NumPy and torch) are
    in ``sys.modules`` after ``import polyarray`` and after the first ``pa.ones(3)`` (and
    at the start, before either: what ``site`` and ``.pth`` files import).
(d) the largest entries of ``python -X importtime -c "import polyarray as pa; pa.ones(3)"``
    by cumulative time (the minimum per module over a few runs).

The environment is passed through as it is (thread settings included);
``PYTHONDONTWRITEBYTECODE`` is reported, since without bytecode on disk every start
compiles the modules it imports again.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

COMMANDS: dict[str, str] = {
    "bare": "pass",
    "numpy": "import numpy; numpy.ones(3)",
    "import": "import polyarray",
    "polyarray": "import polyarray as pa; pa.ones(3)",
}

#: Modules whose presence after ``import polyarray`` (c) reports.
WATCHED = ("importlib.metadata", "array_api_compat", "array_api_compat.numpy", "numpy", "torch")

_PRESENCE = f"""
import json, sys
watched = {WATCHED!r}
present = lambda: [name in sys.modules for name in watched]
at_start = present()
import polyarray as pa
after_import = present()
pa.ones(3)
print(json.dumps([at_start, after_import, present()]))
"""


def run_python(code: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *options, "-c", code], capture_output=True, text=True, check=True
    )


def start_times(rounds: int) -> dict[str, list[float]]:
    """Seconds from start to exit of each command, ``rounds`` times, interleaved."""
    for code in COMMANDS.values():
        run_python(code)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    order = list(COMMANDS)
    for done in range(rounds):
        for name in order if done % 2 == 0 else reversed(order):
            started = time.perf_counter()
            run_python(COMMANDS[name])
            times[name].append(time.perf_counter() - started)
    return times


def presence() -> dict[str, tuple[bool, bool, bool]]:
    """For each watched module, whether it is in ``sys.modules``: at the start (what
    ``site`` imports), after ``import polyarray``, after the first ``pa.ones(3)``."""
    columns = json.loads(run_python(_PRESENCE).stdout)
    return {name: flags for name, *flags in zip(WATCHED, *columns, strict=True)}


def import_times(runs: int) -> dict[str, tuple[int, int]]:
    """``-X importtime`` of the first result: module -> (self, cumulative) microseconds, the
    minimum over ``runs`` runs."""
    best: dict[str, tuple[int, int]] = {}
    for _ in range(runs):
        lines = run_python(COMMANDS["polyarray"], "-X", "importtime").stderr.splitlines()
        for line in lines:
            if not line.startswith("import time:") or "[us]" in line:
                continue
            own, cumulative, name = (part.strip() for part in line[12:].split("|"))
            entry = (int(own), int(cumulative))
            best[name] = min(best.get(name, entry), entry, key=lambda e: e[1])
    return best


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:8.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="starts of each command")
    parser.add_argument("--limit", type=float, default=1.3, help="most (a) may be, as a ratio")
    parser.add_argument("--top", type=int, default=15, help="entries of -X importtime shown")
    parser.add_argument("--importtime-runs", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 if (a) is over --limit")
    arguments = parser.parse_args(argv)

    bytecode = os.environ.get("PYTHONDONTWRITEBYTECODE")
    print(f"Python {sys.version.split()[0]} ({sys.executable}); {os.cpu_count()} CPUs, ", end="")
    print(f"load {os.getloadavg()[0]:.2f}; {arguments.rounds} rounds")
    print(
        f"PYTHONDONTWRITEBYTECODE={bytecode!r}: bytecode is not written, modules without a "
        "current .pyc compile at every start"
        if bytecode
        else "PYTHONDONTWRITEBYTECODE is not set"
    )
    times = start_times(arguments.rounds)
    median = {name: statistics.median(values) for name, values in times.items()}
    least = {name: min(values) for name, values in times.items()}

    print(f"\n(a) first NumPy result, ms              {'median':>8} {'min':>8}")
    for name in ("numpy", "polyarray"):
        print(f"    {COMMANDS[name]:<36}{_ms(median[name])} {_ms(least[name])}")
    ratio = median["polyarray"] / median["numpy"]
    ratio_min = least["polyarray"] / least["numpy"]
    verdict = "ok" if ratio <= arguments.limit else "OVER"
    print(f"    {'ratio':<36}{ratio:>7.2f}x {ratio_min:>7.2f}x", end="")
    print(f"  (limit {arguments.limit}x on the medians: {verdict})")

    print(f"\n(b) import polyarray, ms                {'median':>8} {'min':>8}")
    for name, label in (("bare", "python -c pass"), ("import", "import polyarray")):
        print(f"    {label:<36}{_ms(median[name])} {_ms(least[name])}")
    over, over_min = median["import"] - median["bare"], least["import"] - least["bare"]
    print(f"    {'over bare':<36}{_ms(over)} {_ms(over_min)}")

    print("\n(c) in sys.modules                at start  after import  after pa.ones(3)")
    for name, flags in presence().items():
        at_start, after_import, after_first = ("yes" if flag else "no" for flag in flags)
        print(f"    {name:<30}{at_start:>8}  {after_import:>12}  {after_first:>16}")

    entries = import_times(arguments.importtime_runs)
    top = sorted(entries.items(), key=lambda item: -item[1][1])[: arguments.top]
    print(f"\n(d) python -X importtime -c {COMMANDS['polyarray']!r}")
    print(f"    top {len(top)} by cumulative time, min over {arguments.importtime_runs} runs, us")
    print(f"    {'cumulative':>10} {'self':>8}  module")
    for name, (own, cumulative) in top:
        print(f"    {cumulative:>10} {own:>8}  {name}")

    if arguments.check and ratio > arguments.limit:
        print(f"\ncheck failed: (a) is {ratio:.2f}x, over {arguments.limit}x")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
