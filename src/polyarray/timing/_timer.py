"""Measuring one function on one backend: :class:`Timer` and :func:`measure`.

How a measurement is made (``throughput`` mode, the default):

1. Warm-up, by time: call the function, synchronise, repeat until ``warmup`` seconds have
   passed (at least once). The first calls pay for lazy initialisation (dispatch caches,
   BLAS thread pools, cuBLAS handles); synchronising after each warm-up call also tells us
   what one call really costs on an asynchronous backend.
2. Blocks: calls are grouped into blocks of ``number`` calls with one synchronisation at
   each end, long enough (at least 1000x the cost of reading the clock and synchronising,
   and a hundredth of ``min_time``) that the timer's own overhead is negligible.
3. Stop when at least ``min_time`` has been spent, at least ``min_samples`` blocks were
   timed and their spread (IQR / median) is at most ``target_spread``, or when
   ``max_time`` has been spent, whichever comes first.

Every step goes through the backend's ``synchronize()``; nothing here knows about a
particular framework. The garbage collector is paused while blocks run, as ``timeit`` does,
so that a collection triggered by other code does not land in one sample.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable, Mapping
from typing import Any

from polyarray import _selection
from polyarray.backends import Backend, parse_spec
from polyarray.backends._base import EventTimer
from polyarray.timing import _cold, _load, _warnings
from polyarray.timing._errors import TimingError
from polyarray.timing._measurement import Measurement
from polyarray.timing._stats import summarize

__all__ = ["MODES", "Timer", "measure"]

#: The measurement modes, each answering a different question (see docs/timing.md).
MODES: dict[str, str] = {
    "throughput": "sync, N calls, sync: time per call when calls follow each other "
    "(the only mode comparable between NumPy and a GPU)",
    "device": "the device's own clock (CUDA events) around N calls: GPU time without "
    "launch overhead",
    "latency": "sync around every single call: how long a caller waits for one result",
    "cold": "the first call in a fresh Python process: what a short script pays",
}

#: A block lasts at least this many times the cost of an empty block (clock + syncs).
_OVERHEAD_FACTOR = 1000
#: The spread is recomputed only when the sample count grew by this factor (sorting is O(n log n)).
_CHECK_GROWTH = 1.1


def _resolve(backend: str | Backend | None) -> Backend:
    if backend is None:
        return _selection.current()
    if isinstance(backend, Backend):
        return backend
    if isinstance(backend, str):
        return parse_spec(backend)
    raise TimingError(
        f"backend must be a spec such as 'numpy' or 'torch:cuda', a polyarray Backend, or "
        f"None for the active backend; got {type(backend).__name__} {backend!r}"
    )


def _check_mode(mode: str) -> str:
    if mode not in MODES:
        raise TimingError(f"unknown timing mode {mode!r}; choose one of: {', '.join(MODES)}")
    return mode


def _positive(name: str, value: float, *, allow_zero: bool = False) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TimingError(f"{name} must be a number of seconds, not {value!r}") from None
    if not math.isfinite(number) or number < 0 or (number == 0 and not allow_zero):
        bound = "zero or more" if allow_zero else "more than zero"
        raise TimingError(f"{name} must be a finite number {bound}, not {value!r}")
    return number


def _optional_amount(name: str, value: float | None) -> float | None:
    if value is None:
        return None
    return _positive(name, value, allow_zero=True)


class Timer:
    """Times ``fn`` (a function of no arguments) on one backend, in one mode.

    Parameters
    ----------
    fn:
        What to time. Make its inputs beforehand and close over them (a ``lambda`` or
        ``functools.partial``), so that creating and converting them is not timed.
    backend:
        The backend whose ``synchronize()`` (and device clock) to use, which is also
        active while ``fn`` runs. None: the active backend.
    mode:
        ``"throughput"`` (default), ``"device"``, ``"latency"`` or ``"cold"``; see
        :data:`MODES`.

    Examples
    --------
    >>> import polyarray as pa
    >>> from polyarray.timing import Timer
    >>> x = pa.to_backend([1.0, 2.0, 3.0], "numpy")
    >>> timer = Timer(lambda: pa.sum(x), backend="numpy")
    >>> timer.timeit(10) > 0
    True
    """

    def __init__(
        self,
        fn: Callable[[], object],
        *,
        backend: str | Backend | None = None,
        mode: str = "throughput",
    ) -> None:
        if not callable(fn):
            raise TimingError(
                f"fn must be a function of no arguments, not {type(fn).__name__}; wrap a call "
                "with arguments as `lambda: f(x)` or `functools.partial(f, x)`"
            )
        self.fn = fn
        self.backend = _resolve(backend)
        self.mode = _check_mode(mode)
        self._events: EventTimer | None = None
        if mode == "device":
            self._events = self.backend.event_timer()
            if self._events is None:
                raise TimingError(
                    f"the {self.backend.spec} backend has no device clock, so 'device' mode "
                    "cannot time it; use mode='throughput' (synchronised host timing), which "
                    "is what 'device' mode would approximate on a CPU anyway"
                )

    # -- one block -------------------------------------------------------------------

    def timeit(self, number: int = 1) -> float:
        """Seconds per call of one block of ``number`` calls (no warm-up, no statistics).

        Examples
        --------
        >>> from polyarray.timing import Timer
        >>> Timer(lambda: None, backend="numpy").timeit(100) < 0.01
        True
        """
        if self.mode == "cold":
            raise TimingError("'cold' mode times single first calls: use measure(), not timeit()")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise TimingError(f"number must be a positive int (calls per block), not {number!r}")
        with _selection.use_backend(self.backend):
            return self._block(number)

    def _block(self, number: int) -> float:
        fn, sync, clock = self.fn, self.backend.synchronize, time.perf_counter
        wait = self.backend.wait_for
        if self.mode == "latency":
            total = 0.0
            for _ in range(number):
                sync()
                start = clock()
                wait(fn())
                sync()
                total += clock() - start
            return total / number
        if self._events is not None:  # device mode
            events = self._events
            sync()  # start from an idle queue, so the start mark is recorded now
            events.start()
            for _ in range(number):
                fn()
            events.stop()
            return events.elapsed() / number
        if self.backend.waits_per_result:
            # Arrays that are futures (JAX) may finish out of order: each result is kept
            # and waited for at the end of the block, not only the last.
            sync()
            start = clock()
            wait([fn() for _ in range(number)])
            sync()
            return (clock() - start) / number
        sync()
        start = clock()
        for _ in range(number):
            fn()
        sync()
        return (clock() - start) / number

    # -- a whole measurement -----------------------------------------------------------

    def _warm_up(self, duration: float) -> tuple[int, float]:
        """Call until ``duration`` has passed; return (calls, typical seconds per call)."""
        fn, sync, clock = self.fn, self.backend.synchronize, time.perf_counter
        wait = self.backend.wait_for
        durations: list[float] = []
        begin = clock()
        while True:
            sync()
            start = clock()
            wait(fn())
            sync()
            end = clock()
            durations.append(end - start)
            if end - begin >= duration:
                break
        # The first call carries one-off costs; the typical call is the median of the rest.
        typical = summarize(durations[1:] or durations).median
        return len(durations), typical

    def _overhead(self) -> float:
        """Seconds an empty block costs: reading the clock and synchronising twice."""
        sync, clock = self.backend.synchronize, time.perf_counter
        best = math.inf
        for _ in range(20):
            sync()
            start = clock()
            sync()
            best = min(best, clock() - start)
        return best

    def measure(
        self,
        *,
        min_time: float = 0.2,
        max_time: float = 5.0,
        warmup: float = 0.05,
        target_spread: float = 0.05,
        min_samples: int = 5,
        max_samples: int = 10_000,
        name: str | None = None,
        params: Mapping[str, Any] | None = None,
        dtype: str | None = None,
        flops: float | None = None,
        bytes: float | None = None,  # the name; shadows only locally
        peak_gflops: float | None = None,
        peak_gbs: float | None = None,
        labels: Mapping[str, Any] | None = None,
    ) -> Measurement:
        """Warm up, time blocks until the spread is small or time runs out; see :func:`measure`."""
        min_time = _positive("min_time", min_time)
        max_time = _positive("max_time", max_time)
        warmup = _positive("warmup", warmup, allow_zero=True)
        target_spread = _positive("target_spread", target_spread)
        if max_time < min_time:
            raise TimingError(
                f"max_time ({max_time} s) must be at least min_time ({min_time} s): the "
                "measurement stops at max_time even when the spread is still large"
            )
        for label, count in (("min_samples", min_samples), ("max_samples", max_samples)):
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise TimingError(f"{label} must be a positive int, not {count!r}")
        if max_samples < min_samples:
            raise TimingError(
                f"max_samples ({max_samples}) must be at least min_samples ({min_samples})"
            )
        flops = _optional_amount("flops", flops)
        bytes = _optional_amount("bytes", bytes)
        peak_gflops = _optional_amount("peak_gflops", peak_gflops)
        peak_gbs = _optional_amount("peak_gbs", peak_gbs)

        if self.mode == "cold":
            times = _cold.measure_cold(
                _cold.Given(self.fn), self.backend, samples=min_samples, max_time=max_time
            )
            number, warmup_calls = 1, 0
        else:
            with _selection.use_backend(self.backend):
                warmup_calls, typical = self._warm_up(warmup)
                number = self._block_size(typical, min_time)
                times = self._sample(
                    number, min_time, max_time, target_spread, min_samples, max_samples
                )
        measurement = Measurement(
            name=name or getattr(self.fn, "__name__", None) or "function",
            backend=self.backend.spec,
            mode=self.mode,
            times=tuple(times),
            number=number,
            params=dict(params or {}),
            dtype=dtype,
            flops=flops,
            bytes=bytes,
            peak_gflops=peak_gflops,
            peak_gbs=peak_gbs,
            warmup_calls=warmup_calls,
            labels=dict(labels or {}),
        )
        return measurement.with_warnings(
            *_warnings.measurement_warnings(measurement, min_samples=min_samples)
        )

    def _block_size(self, typical: float, min_time: float) -> int:
        if self.mode == "latency":
            return 1  # latency means one call between two synchronisations
        target = max(_OVERHEAD_FACTOR * self._overhead(), min_time / 100)
        return max(1, math.ceil(target / typical)) if typical > 0 else 1000

    def _sample(
        self,
        number: int,
        min_time: float,
        max_time: float,
        target_spread: float,
        min_samples: int,
        max_samples: int,
    ) -> list[float]:
        clock = time.perf_counter
        samples: list[float] = []
        next_check = min_samples
        collecting = gc.isenabled()
        gc.disable()
        try:
            begin = clock()
            while True:
                samples.append(self._block(number))
                elapsed = clock() - begin
                if elapsed >= max_time or len(samples) >= max_samples:
                    break
                if elapsed >= min_time and len(samples) >= next_check:
                    if summarize(samples).spread <= target_spread:
                        break
                    next_check = max(len(samples) + 1, math.ceil(len(samples) * _CHECK_GROWTH))
        finally:
            if collecting:
                gc.enable()
        return samples


def measure(
    fn: Callable[[], object],
    *,
    backend: str | Backend | None = None,
    mode: str = "throughput",
    min_time: float = 0.2,
    max_time: float = 5.0,
    warmup: float = 0.05,
    target_spread: float = 0.05,
    min_samples: int = 5,
    max_samples: int = 10_000,
    flops: float | None = None,
    bytes: float | None = None,  # the name; shadows only locally
    peak_gflops: float | None = None,
    peak_gbs: float | None = None,
    name: str | None = None,
    params: Mapping[str, Any] | None = None,
    dtype: str | None = None,
    labels: Mapping[str, Any] | None = None,
) -> Measurement:
    """Time ``fn()`` on a backend, correctly synchronised; return a :class:`Measurement`.

    Parameters
    ----------
    fn:
        A function of no arguments. Create its inputs beforehand (and convert them with
        ``pa.to_backend``), so that only the operation itself is timed.
    backend:
        Spec or :class:`~polyarray.Backend` to synchronise (and to make active while
        ``fn`` runs); None means the active backend.
    mode:
        ``"throughput"`` (sync, N calls, sync), ``"device"`` (CUDA events),
        ``"latency"`` (sync around every call) or ``"cold"`` (first call in a fresh
        process; ``fn`` must then be picklable). See :data:`MODES`.
    min_time, max_time:
        Seconds of sampling: at least ``min_time``; stop as soon as the spread is at most
        ``target_spread`` (IQR / median), at the latest after ``max_time``.
    warmup:
        Seconds of warm-up calls before sampling (always at least one call).
    min_samples, max_samples:
        Bounds on the number of timed blocks (``cold`` mode: processes started).
    flops, bytes:
        Floating-point operations and bytes moved per call, for GFLOP/s and GB/s.
    peak_gflops, peak_gbs:
        The device's peaks, for % of peak (a reading above 100 % flags a missing sync).
    name, params, dtype, labels:
        How to label the result.

    Returns
    -------
    Measurement
        Per-call times of every sample (seconds) and everything derived from them.

    Warns
    -----
    TimingWarning
        When, as it starts, the machine is loaded (the load average reaches the usable
        cores) or the backend's CPU threads are more than the cores the load leaves free.

    Examples
    --------
    >>> import polyarray as pa
    >>> from polyarray.timing import measure
    >>> a = pa.to_backend([[1.0, 2.0], [3.0, 4.0]], "numpy")
    >>> m = measure(lambda: pa.matmul(a, a), backend="numpy", min_time=0.01, flops=16)
    >>> m.median > 0 and m.gflops is not None
    True
    """
    timer = Timer(fn, backend=backend, mode=mode)
    _load.warn_if_loaded([timer.backend], stacklevel=2)
    return timer.measure(
        min_time=min_time,
        max_time=max_time,
        warmup=warmup,
        target_spread=target_spread,
        min_samples=min_samples,
        max_samples=max_samples,
        name=name,
        params=params,
        dtype=dtype,
        flops=flops,
        bytes=bytes,
        peak_gflops=peak_gflops,
        peak_gbs=peak_gbs,
        labels=labels,
    )
