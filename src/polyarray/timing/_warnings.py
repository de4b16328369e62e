"""When figures may mislead: the rules, their thresholds and their messages.

Per measurement: a large spread, too few samples, a reading above the device's peak.
Per run: a loaded machine, thread counts that differ between CPU backends (or exceed the
cores), TF32 on, ``OPENBLAS_CORETYPE`` forcing a BLAS kernel. Each message says what is
wrong and what to do. They are data (printed with the results, stored in JSON), not
Python warnings, so they travel with the numbers they qualify. The one Python warning,
:class:`TimingWarning`, is given by ``measure`` and ``compare`` when the machine is loaded
or threads are oversubscribed as they start (see :mod:`polyarray.timing._load`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from polyarray.timing._measurement import Measurement
from polyarray.timing._peaks import tf32_active

__all__ = [
    "UNTRUSTED_MARK",
    "TimingWarning",
    "loaded_warning",
    "measurement_warnings",
    "run_warnings",
    "untrustworthy",
]

#: IQR / median above this is called a large spread.
SPREAD_LIMIT = 0.10
#: A 1-minute load average of this fraction of the usable cores or more is a loaded machine
#: (a lagging average: the competition sampled during the run catches smaller loads).
LOAD_FRACTION = 1.0
#: Other programs' runnable threads during the run, on average, per usable core.
COMPETITION_FRACTION = 0.25
#: How the warnings that make a row untrustworthy begin (marked "!" in tables and plots).
_SPREAD_TEXT = "large spread"
_SAMPLES_TEXT = "fewer than"
_LOADED_TEXT = "loaded while measured"
UNTRUSTWORTHY_PREFIXES = (_SPREAD_TEXT, _SAMPLES_TEXT, _LOADED_TEXT)
#: The mark of an untrustworthy row in tables (plots hatch its bar).
UNTRUSTED_MARK = "!"


class TimingWarning(UserWarning):
    """The machine is loaded, or threads are oversubscribed, as a timing starts.

    Given by :func:`~polyarray.timing.measure` and :func:`~polyarray.timing.compare`
    (once per call) when the 1-minute load average reaches the usable cores, or when a CPU
    backend's thread pool is larger than the cores the load leaves free: its kernels then
    wait for preempted threads and the times say more about the machine than about the
    code. The message says which, and how to pin threads (see ``docs/timing.md``).

    Examples
    --------
    >>> import warnings
    >>> from polyarray.timing import TimingWarning
    >>> with warnings.catch_warnings():  # a busy machine, known and accepted
    ...     warnings.simplefilter("ignore", TimingWarning)
    """


def loaded_warning(cores: int) -> str:
    """The warning for a measurement made while other programs took the cores."""
    # No figure that varies by row: rows with the same warning share one note.
    return (
        f"{_LOADED_TEXT}: other programs' runnable threads and this backend's own "
        f"outnumbered the {cores} usable core(s), so the time includes waiting for the "
        "CPU. Rerun when the machine is idle"
    )


def untrustworthy(measurement: Measurement) -> bool:
    """Whether a large spread, too few samples or the load make the row untrustworthy."""
    return any(w.startswith(UNTRUSTWORTHY_PREFIXES) for w in measurement.warnings)


def measurement_warnings(measurement: Measurement, *, min_samples: int = 5) -> list[str]:
    """The warnings that one measurement's own figures call for."""
    found: list[str] = []
    stats = measurement.stats
    if stats.samples >= 2 and stats.spread > SPREAD_LIMIT:
        # No figure in the text (the spread is in the table): equal warnings share a note.
        found.append(
            f"{_SPREAD_TEXT} (IQR above {SPREAD_LIMIT:.0%} of the median): the machine is busy "
            "or the function varies. Close other programs, or raise min_time/max_time"
        )
    if stats.samples < min_samples:
        found.append(
            f"{_SAMPLES_TEXT} {min_samples} samples fitted in max_time: the spread is unreliable. "
            "Raise max_time for more samples"
        )
    pct = measurement.pct_peak
    if pct is not None and pct > 100:
        found.append(
            f"{pct:.0f}% of the device's peak is impossible: a missing synchronize()? (an "
            "asynchronous call timed before it finished), or a wrong flops/bytes model or peak"
        )
    return found


def run_warnings(env: Mapping[str, Any], results: Iterable[Measurement]) -> list[str]:
    """The warnings about the conditions of a whole run."""
    measured = list(results)
    found: list[str] = []
    cores = int((env.get("cpu") or {}).get("usable_cores") or 1)
    backends = {m.backend for m in measured}
    threads = {
        name: count
        for name, count in (env.get("threads") or {}).items()
        if count is not None and name in backends
    }
    # Advice to use one thread only where some backend used more.
    single = all(count == 1 for count in threads.values())
    load = env.get("load_average")
    if load and load[0] >= LOAD_FRACTION * cores:
        found.append(
            f"loaded machine: the load average was {load[0]:.2f} on {cores} usable core(s) "
            "when the run started: other programs compete for the CPU, so times are slower "
            "and noisier than on an idle machine"
            + (
                ""
                if single
                else "; multi-threaded kernels also wait for preempted threads, "
                "and --threads 1 gives steadier figures"
            )
        )
    competition = env.get("competition") or {}
    if competition.get("mean", 0) >= max(0.5, COMPETITION_FRACTION * cores):
        found.append(
            f"busy machine during the run: on average {competition['mean']:.1f} runnable "
            f"thread(s) of other programs (at most {competition['max']}) competed for the "
            f"{cores} usable core(s); times are slower and noisier than on an idle machine. "
            "Rerun when it is idle" + ("" if single else ", or with --threads 1")
        )
    if len(set(threads.values())) > 1:
        listed = ", ".join(f"{name} uses {count}" for name, count in sorted(threads.items()))
        found.append(
            f"thread counts differ ({listed}): CPU comparisons between them are unfair. "
            "Rerun with --threads N (or set OMP_NUM_THREADS)"
        )
    crowded = sorted(name for name, count in threads.items() if count > cores)
    if crowded:
        found.append(
            f"{', '.join(crowded)} use(s) more threads than the {cores} usable core(s): "
            "threads will compete. Rerun with --threads N"
        )
    on_cuda_float32 = any(
        "cuda" in m.backend and m.dtype == "float32" and m.flops for m in measured
    )
    if on_cuda_float32 and tf32_active(env):
        found.append(
            "TF32 is on (torch.backends.cuda.matmul.allow_tf32 or float32_matmul_precision): "
            "float32 matmul on CUDA uses a 10-bit mantissa (relative error ~3e-4); those "
            "rows are labelled 'tf32' and compared with the TF32 peak"
        )
    coretype = (env.get("variables") or {}).get("OPENBLAS_CORETYPE")
    if coretype:
        found.append(
            f"OPENBLAS_CORETYPE={coretype} forces OpenBLAS's {coretype} kernel instead of the "
            "one for this CPU; NumPy's matmul may be slower than it should be. Unset it "
            "for a fair comparison"
        )
    return found
