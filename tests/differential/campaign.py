"""A long differential campaign: many mutated calls of every function, counted by cause.

    python tests/differential/campaign.py --backend torch --calls 100000 --json report.json

Each function of the name table gets ``calls / number of functions`` examples drawn by
hypothesis (the valid strategy of ``table.py``, mutated by ``mutate.py``); every call runs
on NumPy and on the backend and is compared (``check.py``). Nothing stops at a divergence:
the report counts calls, divergences outside the documented list (``known.py``), the
documented ones, and the causes with an example of each. The exit status is 1 when any
undocumented divergence was found.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from differential.check import check
from differential.known import known
from differential.mutate import mutated
from differential.table import FUNCTIONS, STRATEGIES


class Tally:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.divergent: Counter[str] = Counter()
        self.documented: Counter[str] = Counter()
        self.causes: Counter[tuple[str, str]] = Counter()
        self.examples: dict[tuple[str, str], dict[str, str]] = {}

    def record(self, name: str, label: str, call: Any, divergence: Any, spec: str) -> None:
        self.calls[name] += 1
        if divergence is None:
            return
        if known(name, label, divergence, call, spec) is not None:
            self.documented[name] += 1
            return
        self.divergent[name] += 1
        key = (name, divergence.cause)
        self.causes[key] += 1
        if key not in self.examples:
            self.examples[key] = {
                "mutation": label,
                "call": _short(call),
                "detail": divergence.detail[:300],
            }


def _short(call: Any) -> str:
    def fmt(v: Any) -> str:
        if hasattr(v, "dtype") and hasattr(v, "shape"):
            return f"array({v.tolist()!r:.60}, dtype={v.dtype})"
        return repr(v)[:80]

    parts = [fmt(a) for a in call.args] + [f"{k}={fmt(v)}" for k, v in call.kwargs.items()]
    return ", ".join(parts)


def explore(name: str, spec: str, examples: int, at: int, tally: Tally) -> None:
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @seed(at)
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        call, label = data.draw(mutated(name, STRATEGIES[name]))
        tally.record(name, label, call, check(name, call, spec), spec)

    one()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="torch", help="the spec compared with NumPy")
    parser.add_argument("--calls", type=int, default=10_000, help="calls in all (about)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--functions", default="", help="comma-separated names (default all)")
    parser.add_argument("--json", type=Path, help="write the full report here")
    parser.add_argument("--memory-gb", type=int, default=12, help="address-space limit")
    parser.add_argument("--top", type=int, default=40, help="causes to print")
    options = parser.parse_args(argv)
    # A call that asks for a huge array must fail, not fill the machine's memory.
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (options.memory_gb << 30, hard))
    names = options.functions.split(",") if options.functions else FUNCTIONS
    per_function = max(1, options.calls // len(names))
    tally = Tally()
    start = time.perf_counter()
    for i, name in enumerate(names):
        explore(name, options.backend, per_function, options.seed * 100_003 + i, tally)
    seconds = time.perf_counter() - start
    calls, divergent = sum(tally.calls.values()), sum(tally.divergent.values())
    documented = sum(tally.documented.values())
    print(
        f"{options.backend} against numpy: {calls} calls of {len(names)} functions in "
        f"{seconds:.0f} s; {divergent} undocumented divergences ({100 * divergent / calls:.2f}%), "
        f"{documented} documented ({100 * documented / calls:.2f}%), "
        f"{len(tally.causes)} distinct (function, cause) pairs"
    )
    for (name, cause), count in tally.causes.most_common(options.top):
        example = tally.examples[(name, cause)]
        print(f"{count:6d}  {name}: {cause}\n        {example['mutation']} :: {example['call']}")
        print(f"        {example['detail'][:200]}")
    if options.json:
        report = {
            "backend": options.backend,
            "seed": options.seed,
            "calls": calls,
            "seconds": seconds,
            "undocumented": divergent,
            "documented": documented,
            "per_function": {n: [tally.calls[n], tally.divergent[n]] for n in names},
            "causes": [
                {"function": n, "cause": c, "count": k, **tally.examples[(n, c)]}
                for (n, c), k in tally.causes.most_common()
            ],
        }
        options.json.write_text(json.dumps(report, indent=1))
    return 1 if divergent else 0


if __name__ == "__main__":
    sys.exit(main())
