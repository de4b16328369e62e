"""How busy the machine is, and what that means for the threads a timing should use.

On a machine whose cores are taken by other programs, a kernel that splits its work over
more threads than there are free cores waits for its preempted threads: on a busy 2-core
machine torch's default two threads made calls 30-100x slower than one thread (10 ms a
call against 0.1 ms), and a plot of that blames the framework, not the machine.

The rules are pure functions of (load average, usable cores, thread counts), so they are
tested without a busy machine; :func:`read_load` is the one place the machine is asked.

Backends are timed one after another (case by case, interleaved), never at the same time,
so the threads asked for are those of the largest pool among the measured backends, not
their sum.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from polyarray.timing._warnings import LOAD_FRACTION, TimingWarning

if TYPE_CHECKING:
    from polyarray.backends import Backend

__all__ = [
    "Load",
    "choose_threads",
    "free_cores",
    "load_problems",
    "oversubscribed",
    "read_load",
    "thread_counts",
    "warn_if_loaded",
]


@dataclass(frozen=True)
class Load:
    """One reading of the machine: 1-minute load average, other programs' runnable
    threads now, and the cores this process may use (None: unknown here)."""

    average: float | None
    competing: int | None
    cores: int


def read_load() -> Load:
    """The machine's load now (Linux and macOS; the load average is None on Windows)."""
    from polyarray.timing._env import _load_average, competing_threads, usable_cores

    average = _load_average()
    return Load(average[0] if average else None, competing_threads(), usable_cores())


def free_cores(load: float | None, cores: int) -> int:
    """Whole cores the load average leaves free (all of them where it is unknown)."""
    if load is None:
        return cores
    # Rounded to whole cores: a load of 0.3 leaves a 2-core machine its two cores.
    return max(0, cores - int(load + 0.5))


def choose_threads(
    load: float | None, cores: int, threads: Mapping[str, int | None]
) -> tuple[int | None, str | None]:
    """The thread count per backend for a run, and why; ``(None, None)``: keep each own.

    ``threads`` are the backends' own counts (``{"numpy": 2, "torch": 2}``). When the
    load leaves fewer free cores than the largest of them, every backend gets the free
    cores (at least one thread): fewer threads than cores beats threads that wait.

    Examples
    --------
    >>> choose_threads(6.0, 2, {"numpy": 2, "torch": 2})
    (1, 'load average 6.00 leaves 0 of 2 usable core(s) free for the 2 threads asked: 1 thread per backend (--threads N decides)')
    >>> choose_threads(0.2, 2, {"numpy": 2, "torch": 2})
    (None, None)
    """  # noqa: E501 - a doctest's expected output is one line
    asked = max((count for count in threads.values() if count), default=0)
    free = free_cores(load, cores)
    if asked <= 1 or free >= asked:
        return None, None
    chosen = max(1, free)
    reason = (
        f"load average {load:.2f} leaves {free} of {cores} usable core(s) free for the "
        f"{asked} threads asked: {chosen} thread{'' if chosen == 1 else 's'} per backend "
        "(--threads N decides)"
    )
    return chosen, reason


def oversubscribed(competing: float | None, threads: int | None, cores: int) -> bool:
    """Whether other programs' runnable threads and ``threads`` outnumber the cores."""
    if competing is None:
        return False
    return competing + (threads or 1) > cores


def load_problems(load: Load, threads: Mapping[str, int | None]) -> list[str]:
    """What makes a timing on this machine misleading now: the texts of the warnings."""
    found: list[str] = []
    if load.average is not None and load.average >= LOAD_FRACTION * load.cores:
        found.append(
            f"loaded machine: the load average is {load.average:.2f} on {load.cores} usable "
            "core(s); other programs compete for the CPU, so times are slower and noisier "
            "than on an idle machine"
        )
    free = free_cores(load.average, load.cores)
    crowded = {name: n for name, n in threads.items() if n and n > 1 and n > free}
    if crowded:
        listed = ", ".join(f"{name} uses {n}" for name, n in sorted(crowded.items()))
        found.append(
            f"threads oversubscribed ({listed}) with {free} of {load.cores} usable core(s) "
            "free: multi-threaded kernels wait for preempted threads and can be many times "
            "slower. Pin threads (torch.set_num_threads(1), OMP_NUM_THREADS=1, "
            "threadpoolctl; see docs/timing.md)"
        )
    return found


def thread_counts(backends: Sequence[Backend]) -> dict[str, int | None]:
    """Each backend's own thread count now (its framework is imported, so that its pools
    are seen)."""
    from polyarray.timing._env import _threadpools

    classes = list(dict.fromkeys(type(backend) for backend in backends))
    for cls in classes:
        importlib.import_module(cls.module)
    pools = _threadpools([cls.module for cls in classes])
    return {cls.name: cls.cpu_threads(pools) for cls in classes}


def warn_if_loaded(backends: Sequence[Backend], *, stacklevel: int) -> None:
    """Warn (:class:`TimingWarning`) when the load or the thread counts mislead timings.

    CPU backends only: a GPU's kernels do not share the CPU's cores.
    """
    on_cpu = [b for b in backends if b.device_name == "cpu"]
    if not on_cpu:
        return
    problems = load_problems(read_load(), thread_counts(on_cpu))
    if problems:
        warnings.warn("; ".join(problems), TimingWarning, stacklevel=stacklevel + 1)
