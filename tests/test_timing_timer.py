"""The timer measures what it claims: sleeps as sleeps, asynchronous work at its real
duration (only because it synchronises), device clocks through the backend's hook, first
calls in fresh processes. No test asserts how fast anything is: only how long a known
sleep lasts, and how two measurements of the same work relate.
"""

from __future__ import annotations

import functools
import gc
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import polyarray as pa
from polyarray.backends import Backend, Capabilities
from polyarray.timing import MODES, Measurement, Timer, TimingError, measure

WORK = 0.004  # seconds of "device work" per call: long against the timer, short for CI
QUICK: dict[str, Any] = {"min_time": 0.03, "max_time": 0.3, "warmup": 0.005}


class FakeAsyncBackend(Backend):
    """A backend whose calls return at once while a worker thread does the work, like a GPU.

    ``synchronize()`` waits for the worker (unless built with ``synchronizes=False``, which
    models forgetting to synchronise), and ``event_timer()`` gives marks that the worker
    timestamps when it reaches them, like CUDA events.
    """

    name = "fake-async"
    module = "queue"
    capabilities = Capabilities(autodiff=False, asynchronous=True, device_kinds=("cpu",))

    def __init__(self, *, synchronizes: bool = True) -> None:
        super().__init__()
        self.synchronizes = synchronizes
        self.work: queue.Queue[Callable[[], None]] = queue.Queue()
        self.synchronize_calls = 0
        threading.Thread(target=self._serve, daemon=True).start()

    @classmethod
    def functions(cls) -> dict[str, Callable[..., Any]]:
        return {}

    def _serve(self) -> None:
        while True:
            task = self.work.get()
            try:
                task()
            finally:
                self.work.task_done()

    def launch(self, seconds: float = WORK) -> None:
        """Queue ``seconds`` of work and return immediately, as a kernel launch does."""
        self.work.put(functools.partial(time.sleep, seconds))

    def synchronize(self) -> None:
        self.synchronize_calls += 1
        if self.synchronizes:
            self.work.join()

    def drain(self) -> None:
        self.work.join()

    def event_timer(self) -> FakeEvents:
        return FakeEvents(self)


class FakeEvents:
    """Marks in the fake device's queue, timestamped by the worker when it reaches them."""

    def __init__(self, backend: FakeAsyncBackend) -> None:
        self.backend = backend
        self.marks: dict[str, float] = {}
        self.stopped = threading.Event()

    def _mark(self, label: str) -> None:
        self.marks[label] = time.perf_counter()
        if label == "stop":
            self.stopped.set()

    def start(self) -> None:
        self.stopped.clear()
        self.backend.work.put(functools.partial(self._mark, "start"))

    def stop(self) -> None:
        self.backend.work.put(functools.partial(self._mark, "stop"))

    def elapsed(self) -> float:
        self.stopped.wait()
        return self.marks["stop"] - self.marks["start"]


@pytest.fixture
def fake() -> Iterator[FakeAsyncBackend]:
    backend = FakeAsyncBackend()
    yield backend
    backend.drain()


# -- a sleep is a sleep ---------------------------------------------------------------------


def test_sleep_is_measured_as_a_sleep() -> None:
    m = measure(functools.partial(time.sleep, WORK), backend="numpy", **QUICK)
    # A sleep never returns early; the upper bound only allows for a busy machine.
    assert WORK <= m.median < 3 * WORK
    assert m.number == 1  # one call already outlasts the block target
    assert all(t >= WORK for t in m.times)


@pytest.mark.parametrize("mode", ["throughput", "latency"])
def test_sleep_in_every_host_mode(mode: str) -> None:
    m = measure(functools.partial(time.sleep, WORK), backend="numpy", mode=mode, **QUICK)
    assert m.mode == mode
    assert WORK <= m.median < 3 * WORK


# -- asynchronous work is measured at its real duration ---------------------------------------


def test_asynchronous_work_is_measured_at_its_real_duration(fake: FakeAsyncBackend) -> None:
    m = measure(fake.launch, backend=fake, **QUICK)
    assert WORK <= m.median < 3 * WORK
    assert fake.synchronize_calls > 0


def test_without_synchronising_the_same_work_reads_far_less(fake: FakeAsyncBackend) -> None:
    # A fixed number of calls (a measurement would queue thousands of launches, and draining
    # them would take minutes): the same five calls timed with and without synchronising.
    forgetful = FakeAsyncBackend(synchronizes=False)
    try:
        unsynchronised = Timer(forgetful.launch, backend=forgetful).timeit(5)
    finally:
        forgetful.drain()
    synchronised = Timer(fake.launch, backend=fake).timeit(5)
    assert synchronised >= WORK
    # What the founding notebook measured on a GPU: the launches, not the work.
    assert unsynchronised < synchronised / 4


def test_latency_mode_synchronises_around_every_call(fake: FakeAsyncBackend) -> None:
    m = measure(fake.launch, backend=fake, mode="latency", **QUICK)
    assert m.number == 1
    assert all(t >= WORK for t in m.times)


def test_device_mode_uses_the_backends_event_timer(fake: FakeAsyncBackend) -> None:
    m = measure(fake.launch, backend=fake, mode="device", **QUICK)
    # The worker's own timestamps bracket exactly the queued work.
    assert WORK <= m.median < 3 * WORK
    assert m.mode == "device"


def test_warm_up_synchronises_so_the_block_size_fits_the_real_work(
    fake: FakeAsyncBackend,
) -> None:
    # Were warm-up calls not synchronised, a call would look ~free and blocks would hold
    # thousands of calls (seconds of queued work each).
    m = measure(fake.launch, backend=fake, **QUICK)
    assert m.number * WORK < 1.0


def test_device_mode_needs_a_device_clock() -> None:
    with pytest.raises(TimingError, match=r"no device clock.*throughput"):
        Timer(lambda: None, backend="numpy", mode="device")


# -- warm-up, blocks, stopping -----------------------------------------------------------------


def test_first_call_cost_is_absorbed_by_the_warm_up() -> None:
    calls: list[int] = []

    def slow_first_call() -> None:
        calls.append(1)
        if len(calls) == 1:
            time.sleep(0.05)  # lazy initialisation, as cuBLAS does on its first matmul

    m = measure(slow_first_call, backend="numpy", **QUICK)
    assert m.warmup_calls >= 1
    assert max(m.times) < 0.01


def test_fast_calls_are_grouped_into_blocks() -> None:
    m = measure(lambda: None, backend="numpy", min_time=0.02, max_time=0.2, warmup=0.002)
    assert m.number > 10  # the timer's overhead is spread over many calls
    assert m.median < 1e-3


def test_stops_at_max_time_when_the_spread_stays_large() -> None:
    durations = iter([0.001, 0.004] * 10_000)

    def erratic() -> None:
        time.sleep(next(durations))

    start = time.perf_counter()
    m = measure(erratic, backend="numpy", min_time=0.02, max_time=0.1, warmup=0.0)
    assert time.perf_counter() - start < 1.0
    assert any("large spread" in w for w in m.warnings)


def test_stops_early_when_the_spread_is_small() -> None:
    start = time.perf_counter()
    measure(lambda: None, backend="numpy", min_time=0.02, max_time=30.0, target_spread=0.5)
    assert time.perf_counter() - start < 5.0


def test_few_samples_are_flagged() -> None:
    m = measure(functools.partial(time.sleep, 0.02), backend="numpy", min_time=0.01, max_time=0.01)
    assert m.stats.samples < 5
    assert any("fewer than 5 samples" in w for w in m.warnings)


def test_garbage_collector_is_restored() -> None:
    assert gc.isenabled()
    measure(lambda: None, backend="numpy", min_time=0.005, max_time=0.01)
    assert gc.isenabled()


def test_the_backend_is_active_while_the_function_runs() -> None:
    seen: list[str] = []
    measure(lambda: seen.append(pa.get_backend().spec), backend="numpy", min_time=0.005)
    assert set(seen) == {"numpy"}


def test_timeit_times_one_block() -> None:
    seconds = Timer(functools.partial(time.sleep, 0.002), backend="numpy").timeit(3)
    assert seconds >= 0.002


# -- figures derived from the times --------------------------------------------------------------


def test_rates_and_peak() -> None:
    m = measure(
        functools.partial(time.sleep, 0.002),
        backend="numpy",
        flops=2e6,
        bytes=4e6,
        peak_gflops=10.0,
        peak_gbs=1.0,
        **QUICK,
    )
    gflops, gbs = 2e6 / m.median / 1e9, 4e6 / m.median / 1e9
    assert m.gflops == pytest.approx(gflops)
    assert m.gbs == pytest.approx(gbs)
    assert m.pct_peak == pytest.approx(max(gflops / 10.0, gbs / 1.0) * 100)


def test_above_peak_warns_of_a_missing_sync() -> None:
    m = measure(lambda: None, backend="numpy", flops=1e9, peak_gflops=1.0, min_time=0.005)
    assert m.pct_peak is not None
    assert m.pct_peak > 100
    assert any("missing synchronize()" in w for w in m.warnings)


def test_labels_and_repr() -> None:
    m = measure(
        lambda: None,
        backend="numpy",
        min_time=0.005,
        name="nothing",
        params={"n": 3},
        dtype="float32",
    )
    assert (m.name, dict(m.params), m.dtype, m.backend) == ("nothing", {"n": 3}, "float32", "numpy")
    assert "nothing n=3 float32 on numpy [throughput]" in str(m)
    assert repr(m).startswith("<Measurement nothing n=3 float32 on numpy")


def test_measurement_needs_times() -> None:
    with pytest.raises(ValueError, match="at least one time"):
        Measurement("f", "numpy", "throughput", ())


# -- cold mode ---------------------------------------------------------------------------------


def test_cold_mode_times_first_calls_in_fresh_processes() -> None:
    m = measure(functools.partial(time.sleep, 0.01), backend="numpy", mode="cold", min_samples=2)
    assert 1 <= m.stats.samples <= 2
    assert (m.number, m.warmup_calls) == (1, 0)
    assert all(t >= 0.01 for t in m.times)


def test_cold_mode_needs_a_picklable_function() -> None:
    with pytest.raises(TimingError, match="picklable"):
        measure(lambda: None, backend="numpy", mode="cold")


def test_cold_mode_reports_a_failing_process(fake: FakeAsyncBackend) -> None:
    # The fake backend is not registered, so the fresh process cannot select it.
    with pytest.raises(TimingError, match="process failed"):
        measure(time.time, backend=fake, mode="cold", min_samples=1)


def test_cold_mode_has_no_blocks() -> None:
    with pytest.raises(TimingError, match="measure"):
        Timer(time.time, backend="numpy", mode="cold").timeit()


# -- bad arguments get clear errors --------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"mode": "fastest"}, "unknown timing mode 'fastest'"),
        ({"min_time": 0}, "min_time must be a finite number more than zero"),
        ({"min_time": -1.0}, "min_time"),
        ({"min_time": "long"}, "min_time must be a number of seconds"),
        ({"max_time": float("inf")}, "max_time"),
        ({"min_time": 1.0, "max_time": 0.5}, "max_time .* must be at least min_time"),
        ({"warmup": -0.1}, "warmup must be a finite number zero or more"),
        ({"target_spread": 0}, "target_spread"),
        ({"min_samples": 0}, "min_samples must be a positive int"),
        ({"max_samples": 2.5}, "max_samples must be a positive int"),
        ({"min_samples": 10, "max_samples": 5}, "max_samples .* at least min_samples"),
        ({"flops": -1}, "flops"),
        ({"bytes": float("nan")}, "bytes"),
        ({"backend": 3}, "backend must be a spec"),
    ],
)
def test_bad_arguments(options: dict[str, Any], message: str) -> None:
    with pytest.raises(TimingError, match=message):
        measure(lambda: None, **{"backend": "numpy", **options})


def test_fn_must_be_callable() -> None:
    with pytest.raises(TimingError, match="function of no arguments"):
        measure(42, backend="numpy")  # type: ignore[arg-type]


@pytest.mark.parametrize("number", [0, -1, 1.5, True])
def test_timeit_needs_a_positive_int(number: Any) -> None:
    with pytest.raises(TimingError, match="positive int"):
        Timer(lambda: None, backend="numpy").timeit(number)


def test_unknown_backend_spec() -> None:
    with pytest.raises(ValueError, match="unknown backend spec"):
        measure(lambda: None, backend="nosuch")


def test_timing_error_is_a_polyarray_value_error() -> None:
    assert issubclass(TimingError, pa.errors.PolyarrayError)
    assert issubclass(TimingError, ValueError)


def test_every_mode_is_documented() -> None:
    assert set(MODES) == {"throughput", "device", "latency", "cold"}
    assert all(MODES.values())


def test_cold_processes_get_the_thread_limit_and_the_import_path() -> None:
    import sys

    from polyarray.timing._cold import _child_environment

    limited = _child_environment(2)
    assert limited["OMP_NUM_THREADS"] == limited["OPENBLAS_NUM_THREADS"] == "2"
    assert all(entry in limited["PYTHONPATH"] for entry in sys.path if entry)
    unlimited = _child_environment(None)
    assert unlimited.get("OMP_NUM_THREADS") == os.environ.get("OMP_NUM_THREADS")
