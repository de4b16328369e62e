"""The portable random stream against each backend's native generator (issue 15).

For every method of ``pa.random``'s generator, at 1e3 and 1e6 entries, on every installed
backend (numpy, torch, jax; ``torch:cuda`` when a CUDA device is there): a portable
generator (``default_rng(0, portable=True)``) against a native one (``portable=False``,
the backend's own generator behind the same API), in the same run. Cases are timed in
interleaved rounds (one batch of each per round, after a warm-up) so that a noisy
neighbour slows both alike; JAX's and CUDA's results are waited for inside the timed call.

Printed per case: the median time per call of each and ``portable / native``, the median
over rounds of the ratio within a round. The decision rule of the issue: the portable
stream becomes the default if it costs at most 2x native at 1e6 on the CPU.

Run::

    python benchmarks/random.py                  # about a minute
    python benchmarks/random.py --quick          # a smoke run, a few seconds
    python benchmarks/random.py --backends numpy --sizes 1000000
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
from collections.abc import Callable
from typing import Any

import polyarray as pa

METHODS: dict[str, Callable[[Any, int], Any]] = {
    "random float32": lambda r, n: r.random(n, dtype=pa.float32),
    "random float64": lambda r, n: r.random(n, dtype=pa.float64),
    "uniform": lambda r, n: r.uniform(-1.0, 1.0, size=n),
    "standard_normal float32": lambda r, n: r.standard_normal(n, dtype=pa.float32),
    "standard_normal float64": lambda r, n: r.standard_normal(n, dtype=pa.float64),
    "normal": lambda r, n: r.normal(2.0, 3.0, size=n),
    "integers below 10": lambda r, n: r.integers(0, 10, size=n),
    "integers below 2**40": lambda r, n: r.integers(0, 2**40, size=n),
    "exponential": lambda r, n: r.exponential(size=n),
    "bernoulli": lambda r, n: r.bernoulli(0.3, size=n),
    "permutation": lambda r, n: r.permutation(n),
    "choice": lambda r, n: r.choice(n, size=n),
}


def available_backends() -> list[str]:
    found = ["numpy"]
    if importlib.util.find_spec("torch"):
        found.append("torch")
        import torch

        if torch.cuda.is_available():
            found.append("torch:cuda")
    if importlib.util.find_spec("jax"):
        found.append("jax")
    return found


def timed(backend: pa.Backend, call: Callable[[], Any], repeat: int) -> float:
    """Seconds per call of ``call``, its result waited for."""
    backend.synchronize()
    start = time.perf_counter()
    for _ in range(repeat):
        backend.wait_for(call())
    backend.synchronize()
    return (time.perf_counter() - start) / repeat


def measure(spec: str, method: str, size: int, rounds: int, budget: float) -> dict[str, float]:
    with pa.use_backend(spec) as backend:
        draws = {
            "portable": pa.random.default_rng(0, portable=True),
            "native": pa.random.default_rng(0, portable=False),
        }
        calls = {kind: (lambda r=rng: METHODS[method](r, size)) for kind, rng in draws.items()}
        one = max(timed(backend, call, 1) for call in calls.values())  # (also a warm-up)
        repeat = max(1, int(budget / rounds / 2 / max(one, 1e-7)))
        times: dict[str, list[float]] = {kind: [] for kind in calls}
        for _ in range(rounds):
            for kind, call in calls.items():
                times[kind].append(timed(backend, call, repeat))
    ratios = [p / n for p, n in zip(times["portable"], times["native"], strict=True)]
    return {
        "portable": statistics.median(times["portable"]),
        "native": statistics.median(times["native"]),
        "ratio": statistics.median(ratios),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default=",".join(available_backends()))
    parser.add_argument("--sizes", default="1000,1000000")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--budget", type=float, default=0.6, help="seconds per case")
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    args = parser.parse_args()
    rounds, budget = (2, 0.05) if args.quick else (args.rounds, args.budget)
    print(f"{'backend':<11} {'method':<24} {'size':>8} {'portable':>10} {'native':>10} ratio")
    for spec in args.backends.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            for method in args.methods.split(","):
                row = measure(spec, method, size, rounds, budget)
                print(
                    f"{spec:<11} {method:<24} {size:>8} {row['portable'] * 1e6:>8.1f}us "
                    f"{row['native'] * 1e6:>8.1f}us {row['ratio']:5.2f}x",
                    flush=True,
                )


if __name__ == "__main__":
    main()
