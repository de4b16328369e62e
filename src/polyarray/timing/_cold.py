"""``cold`` mode: the first call of a function in a fresh Python process.

The parent pickles a *preparer* (a callable returning the function to time, so inputs are
made in the child, outside the timed region) together with the backend spec, and starts
``python -m polyarray.timing._cold FILE`` once per sample. The child activates the
backend, prepares, synchronises, times one call with a synchronisation after it, and
prints the seconds as JSON. Importing the framework is *not* part of the time: "cold"
means the first call after start-up (lazy initialisation of dispatch caches, BLAS pools,
cuBLAS handles), not the start-up itself.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from polyarray.backends import Backend
from polyarray.timing._errors import TimingError

__all__ = ["Given", "measure_cold"]

#: Seconds a child process may take before it is considered hung.
_CHILD_TIMEOUT = 600.0


class Given:
    """A picklable preparer that returns a function made in the parent (``measure(fn)``)."""

    def __init__(self, fn: Callable[[], object]) -> None:
        self.fn = fn

    def __call__(self) -> Callable[[], object]:
        return self.fn


#: Variables that size the thread pools of OpenBLAS, MKL and OpenMP (torch) at start-up.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _child_environment(threads: int | None) -> dict[str, str]:
    # The child must find whatever module the pickled function lives in, including test
    # modules and scripts that the parent imported from its own sys.path.
    paths = [entry or os.getcwd() for entry in sys.path]
    existing = os.environ.get("PYTHONPATH")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([*paths, *([existing] if existing else [])]),
    }
    if threads is not None:  # the parent's in-process limits do not reach a new process
        env.update(dict.fromkeys(_THREAD_VARIABLES, str(threads)))
    return env


def measure_cold(
    prepare: Callable[[], Callable[[], object]],
    backend: Backend,
    *,
    samples: int,
    max_time: float,
    threads: int | None = None,
) -> list[float]:
    """Seconds of the first call in each of up to ``samples`` fresh processes.

    At least one process is started; more while the total stays under ``max_time``.
    ``threads`` sets the children's BLAS and OpenMP thread counts (as ``--threads`` does).
    """
    try:
        payload = pickle.dumps({"spec": backend.spec, "prepare": prepare})
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        raise TimingError(
            "'cold' mode runs the function in a fresh Python process, so it must be picklable: "
            "a function defined at the top level of a module, or functools.partial of one "
            f"with picklable arguments (lambdas and local functions are not). Pickling "
            f"failed: {exc}"
        ) from exc
    times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="polyarray-cold-") as folder:
        path = Path(folder) / "call.pickle"
        path.write_bytes(payload)
        environment = _child_environment(threads)
        begin = time.perf_counter()
        while len(times) < samples:
            times.append(_run_child(path, environment))
            if time.perf_counter() - begin >= max_time:
                break
    return times


def _run_child(path: Path, environment: dict[str, str]) -> float:
    command = [sys.executable, "-m", "polyarray.timing._cold", str(path)]
    try:
        completed = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=environment,
            timeout=_CHILD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TimingError(
            f"the 'cold' mode process did not finish within {_CHILD_TIMEOUT:.0f} s"
        ) from None
    if completed.returncode != 0:
        tail = "\n".join(completed.stderr.strip().splitlines()[-6:])
        raise TimingError(f"the 'cold' mode process failed (exit {completed.returncode}):\n{tail}")
    try:
        return float(json.loads(completed.stdout.strip().splitlines()[-1])["seconds"])
    except (IndexError, KeyError, TypeError, ValueError):
        raise TimingError(
            f"the 'cold' mode process printed no timing; its output was: {completed.stdout!r}"
        ) from None


def _child(path: str) -> float:
    from polyarray import _selection
    from polyarray.backends import parse_spec

    payload: dict[str, Any] = pickle.loads(Path(path).read_bytes())  # our own file
    backend = parse_spec(payload["spec"])
    with _selection.use_backend(backend):
        fn = payload["prepare"]()
        backend.synchronize()
        start = time.perf_counter()
        backend.wait_for(fn())
        backend.synchronize()
        return time.perf_counter() - start


def main(argv: Sequence[str]) -> int:
    """Entry point of the child process: ``python -m polyarray.timing._cold FILE``."""
    if len(argv) != 1:
        print(
            "usage: python -m polyarray.timing._cold FILE (started by cold mode)", file=sys.stderr
        )
        return 2
    print(json.dumps({"seconds": _child(argv[0])}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
