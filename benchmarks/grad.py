"""pa.grad against hand-written torch autograd, and the NumPy bridge against the torch path.

The function is the founding notebook's ``y = sum(x**3)``, at 1e3 and 1e6 float32
elements. Every case is timed in the same run, in interleaved rounds (one batch of each
case per round) so that a noisy neighbour slows all cases alike; each case is warmed up
first. Printed: min and median per call, and the ratios of medians and of minimums.

- ``torch by hand``: ``x = t.detach().requires_grad_(); (x**3).sum().backward(); x.grad``
- ``pa.grad torch``: ``pa.grad(lambda x: pa.sum(x**3))(t)``
- ``numpy by hand``: the bridge written by hand: ``torch.from_numpy``, the same as above,
  and ``.numpy()`` on the gradient
- ``pa.grad numpy``: ``pa.grad(...)(a)`` for the NumPy array ``a`` sharing ``t``'s values

Goal (issue 4): ``pa.grad torch`` at most 1.1x ``torch by hand`` at 1e6 elements.

Run with one thread, as the issue asks (set here through ``torch.set_num_threads(1)``)::

    python benchmarks/grad.py            # about 30 s
    python benchmarks/grad.py --quick    # a smoke run, a few seconds
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import torch

import polyarray as pa

GOAL = 1.1


def cases(size: int) -> dict[str, Callable[[], Any]]:
    """The functions timed for one array size, each computing d sum(x**3) / dx."""
    rng = np.random.default_rng(0)
    array = rng.random(size, dtype=np.float32)
    tensor = torch.from_numpy(array.copy())
    gradient = pa.grad(lambda x: pa.sum(x**3))

    def torch_by_hand() -> Any:
        x = tensor.detach().requires_grad_()
        (x**3).sum().backward()
        return x.grad

    def numpy_by_hand() -> Any:
        x = torch.from_numpy(array).requires_grad_()
        (x**3).sum().backward()
        assert x.grad is not None
        return x.grad.numpy()

    expected = 3 * array.astype(np.float64) ** 2
    functions = {
        "torch by hand": torch_by_hand,
        "pa.grad torch": lambda: gradient(tensor),
        "numpy by hand": numpy_by_hand,
        "pa.grad numpy": lambda: gradient(array),
    }
    for name, function in functions.items():  # all compute the same thing
        np.testing.assert_allclose(pa.to_numpy(function()), expected, rtol=1e-5, err_msg=name)
    return functions


def measure(
    functions: dict[str, Callable[[], Any]], rounds: int, batch: int
) -> dict[str, list[float]]:
    """Seconds per call of each function: one sample per batch, cases interleaved."""
    for function in functions.values():  # warm-up: caches, allocator, lazy imports
        for _ in range(max(batch, 3)):
            function()
    samples: dict[str, list[float]] = {name: [] for name in functions}
    clock = time.perf_counter
    for _ in range(rounds):
        for name, function in functions.items():
            start = clock()
            for _ in range(batch):
                function()
            samples[name].append((clock() - start) / batch)
    return samples


def report(size: int, samples: dict[str, list[float]]) -> float:
    """Print one table; return the ratio pa.grad torch / torch by hand (medians)."""
    median = {name: statistics.median(times) for name, times in samples.items()}
    least = {name: min(times) for name, times in samples.items()}
    reference = {
        "torch by hand": "torch by hand",
        "pa.grad torch": "torch by hand",
        "numpy by hand": "torch by hand",
        "pa.grad numpy": "pa.grad torch",
    }
    print(f"\nsum(x**3), {size:.0e} float32 elements, {len(next(iter(samples.values())))} samples")
    print(f"{'case':<15} {'min µs':>10} {'median µs':>10}  ratio (median, min)")
    for name in samples:
        base = reference[name]
        ratio = "" if base == name else (
            f"{median[name] / median[base]:.3f}x, {least[name] / least[base]:.3f}x vs {base}"
        )
        print(f"{name:<15} {least[name] * 1e6:>10.1f} {median[name] * 1e6:>10.1f}  {ratio}")
    return median["pa.grad torch"] / median["torch by hand"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few samples: a smoke run")
    options = parser.parse_args()
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}, numpy {np.__version__}, 1 thread")
    plans = {1_000: (40, 50), 1_000_000: (100, 3)}  # size: (rounds, calls per sample)
    if options.quick:
        plans = {size: (4, batch) for size, (_, batch) in plans.items()}
    ratios = {}
    for size, (rounds, batch) in plans.items():
        ratios[size] = report(size, measure(cases(size), rounds, batch))
    big = ratios[1_000_000]
    verdict = "met" if big <= GOAL else "MISSED"
    print(f"\ngoal pa.grad torch <= {GOAL}x by hand at 1e6 elements: {big:.3f}x, {verdict}")


if __name__ == "__main__":
    main()
