"""Running benchmarks over backends x sizes x dtypes x modes: :func:`compare`.

Fairness rules, applied to every case:

* identical inputs: made once with NumPy from a fixed seed, converted to each backend with
  ``pa.to_backend`` outside the timed region (no transfer is ever timed);
* the answer is checked against NumPy's before timing; a wrong answer is reported, not
  timed;
* explicit dtypes; thread counts recorded (and set equal with ``threads=``); TF32 state
  recorded, and float32 rows on CUDA labelled when it is on;
* cases are run case by case with the backends interleaved, so a slow drift of the machine
  (another job starting, thermal throttling) affects every backend alike.
"""

from __future__ import annotations

import contextlib
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import polyarray as pa
from polyarray._dtypes import as_dtype
from polyarray.backends import Backend, parse_spec
from polyarray.timing import _cold, _load, _warnings
from polyarray.timing._env import capture_environment, competing_threads
from polyarray.timing._errors import TimingError
from polyarray.timing._measurement import Measurement, Problem, Run, describe
from polyarray.timing._peaks import peaks_for, tf32_active
from polyarray.timing._suite import SEED_SUITE, Benchmark, Prepared, check_result
from polyarray.timing._timer import MODES, Timer

__all__ = ["Progress", "compare"]

#: ``progress(done, total, label)``: called before each measurement and once at the end.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class _Case:
    benchmark: Benchmark
    size: int
    dtype: str

    @property
    def params(self) -> dict[str, Any]:
        return self.benchmark.params(self.size)


def _cases(
    benchmarks: Sequence[Benchmark],
    sizes: Sequence[int] | None,
    dtypes: Sequence[str] | None,
    quick: bool,
) -> tuple[list[_Case], list[Problem]]:
    cases: list[_Case] = []
    left_out: list[Problem] = []
    for benchmark in benchmarks:
        chosen_sizes = sizes or (benchmark.quick_sizes if quick else benchmark.sizes)
        if dtypes:
            chosen_dtypes = [d for d in dtypes if d in benchmark.supported_dtypes]
            if not chosen_dtypes:
                message = (
                    f"none of the dtypes asked for; it runs in "
                    f"{', '.join(benchmark.supported_dtypes)}"
                )
                left_out.append(Problem(benchmark.name, "all", "-", "skipped", message))
        else:
            chosen_dtypes = list(benchmark.dtypes)
        cases.extend(_Case(benchmark, s, d) for s in chosen_sizes for d in chosen_dtypes)
    return cases, left_out


def _check_sizes(sizes: Sequence[int] | None) -> None:
    for size in sizes or ():
        if not isinstance(size, int) or isinstance(size, bool) or size < 1:
            raise TimingError(f"sizes must be positive integers, not {size!r}")


def _check_dtypes(dtypes: Sequence[str] | None) -> None:
    from polyarray._names import DTYPES

    for dtype in dtypes or ():
        if dtype not in DTYPES:
            raise TimingError(
                f"unknown dtype {dtype!r}; choose from the standard's: {', '.join(DTYPES)}"
            )


def _auto_threads(backends: Sequence[Backend]) -> tuple[int | None, str | None]:
    """``threads="auto"``: each backend's own count, or fewer where the load calls for it."""
    on_cpu = [b for b in backends if b.device_name == "cpu"]
    if not on_cpu:
        return None, None
    load = _load.read_load()
    return _load.choose_threads(load.average, load.cores, _load.thread_counts(on_cpu))


@contextlib.contextmanager
def _thread_limit(threads: int | None, backends: Sequence[Backend]) -> Iterator[None]:
    """Run with ``threads`` threads in each backend's CPU pool, then restore.

    Each backend sets its own (NumPy's BLAS, torch's intra-op pool):
    :meth:`~polyarray.backends.Backend.limited_threads`.
    """
    if threads is None:
        yield
        return
    if not isinstance(threads, int) or isinstance(threads, bool) or threads < 1:
        raise TimingError(f"threads must be a positive int, not {threads!r}")
    with contextlib.ExitStack() as stack:
        for cls in dict.fromkeys(type(backend) for backend in backends):
            stack.enter_context(cls.limited_threads(threads))
        yield


def compare(
    benchmarks: Sequence[Benchmark] | Benchmark | None = None,
    *,
    backends: Sequence[str | Backend] | None = None,
    sizes: Sequence[int] | None = None,
    dtypes: Sequence[str] | None = None,
    modes: Sequence[str] = ("throughput",),
    quick: bool = False,
    min_time: float = 0.2,
    max_time: float = 5.0,
    warmup: float = 0.05,
    target_spread: float = 0.05,
    min_samples: int = 5,
    threads: int | Literal["auto"] | None = None,
    cpu_peak_gflops: float | None = None,
    cpu_peak_gbs: float | None = None,
    progress: Progress | None = None,
) -> Run:
    """Time benchmarks on every backend, size, dtype and mode, fairly; return a :class:`Run`.

    Parameters
    ----------
    benchmarks:
        :class:`Benchmark` objects (None: the seed suite, :data:`SEED_SUITE`).
    backends:
        Specs or backends (None: every available one, ``pa.available_backends()``). The
        first is the baseline that tables compare against.
    sizes, dtypes:
        Override each benchmark's default sizes and dtypes (dtypes a benchmark does not
        support are left out for it).
    modes:
        Any of ``throughput``, ``device``, ``latency``, ``cold`` (see
        :data:`~polyarray.timing.MODES`); backends without a device clock skip ``device``.
    quick:
        Use each benchmark's smaller ``quick_sizes``.
    min_time, max_time, warmup, target_spread, min_samples:
        Passed to :func:`~polyarray.timing.measure` for every case.
    threads:
        Run NumPy's BLAS and torch's CPU pool with this many threads (restored after).
        ``"auto"`` (what ``polyarray bench`` uses): each backend's own count, unless the
        load average leaves fewer free cores than that; then as many threads as there are
        free cores, at least one (the reason is recorded in ``options["threads_fallback"]``).
        None: each backend's own count; a :class:`TimingWarning` if the machine is loaded
        or the threads are more than the free cores.
    cpu_peak_gflops, cpu_peak_gbs:
        This CPU's peaks, for % of peak on CPU backends (GPU peaks are known by name).
    progress:
        ``progress(done, total, label)``, called before each measurement and at the end.

    Examples
    --------
    >>> from polyarray.timing import SEED_SUITE, compare
    >>> matmul = [b for b in SEED_SUITE if b.name == "matmul"]
    >>> run = compare(matmul, backends=["numpy"], sizes=[64], dtypes=["float64"],
    ...               min_time=0.01, max_time=0.05)
    >>> [m.params["n"] for m in run.results]
    [64]
    """
    if benchmarks is None:
        chosen = list(SEED_SUITE)
    elif isinstance(benchmarks, Benchmark):
        chosen = [benchmarks]
    else:
        chosen = list(benchmarks)
    if not chosen:
        raise TimingError("no benchmarks to run")
    for mode in modes:
        if mode not in MODES:
            raise TimingError(f"unknown timing mode {mode!r}; choose from: {', '.join(MODES)}")
    if not modes:
        raise TimingError(f"no modes to run; choose from: {', '.join(MODES)}")
    _check_sizes(sizes)
    _check_dtypes(dtypes)
    specs = pa.available_backends() if backends is None else list(backends)
    if not specs:
        raise TimingError("no backends to run on")
    resolved = [b if isinstance(b, Backend) else parse_spec(b) for b in specs]
    cases, left_out = _cases(chosen, sizes, dtypes, quick)
    fallback: str | None = None
    if isinstance(threads, str) and threads == "auto":
        count, fallback = _auto_threads(resolved)
    else:
        count = threads  # checked by _thread_limit
    options = {
        "modes": list(modes),
        "quick": quick,
        "min_time": min_time,
        "max_time": max_time,
        "warmup": warmup,
        "target_spread": target_spread,
        "min_samples": min_samples,
        "threads": count,
        "baseline": resolved[0].spec,
    }
    if fallback is not None:
        options["threads_fallback"] = fallback
    with _thread_limit(count, resolved):
        _load.warn_if_loaded(resolved, stacklevel=2)
        env = capture_environment([b.spec for b in resolved])
        results, problems = _run_cases(
            cases,
            resolved,
            modes,
            env,
            progress,
            measure_options={
                "min_time": min_time,
                "max_time": max_time,
                "warmup": warmup,
                "target_spread": target_spread,
                "min_samples": min_samples,
            },
            cpu_peaks=(cpu_peak_gflops, cpu_peak_gbs),
            threads=count,
        )
    return Run(
        env=env,
        results=tuple(results),
        problems=(*left_out, *problems),
        warnings=tuple(_warnings.run_warnings(env, results)),
        options=options,
    )


def _run_cases(
    cases: Sequence[_Case],
    backends: Sequence[Backend],
    modes: Sequence[str],
    env: dict[str, Any],
    progress: Progress | None,
    *,
    measure_options: dict[str, Any],
    cpu_peaks: tuple[float | None, float | None],
    threads: int | None,
) -> tuple[list[Measurement], list[Problem]]:
    results: list[Measurement] = []
    problems: list[Problem] = []
    total = len(cases) * len(backends) * len(modes)
    done = 0
    # Other programs' runnable threads, sampled before each measurement and at the end.
    competition: list[int | None] = []
    for case in cases:
        numpy_inputs = case.benchmark.inputs(case.size, case.dtype)
        expected = case.benchmark.reference(*numpy_inputs)
        for backend in backends:
            call, problem = _checked_call(case, backend, expected)
            if problem is not None:
                problems.append(problem)
            label = f"{describe(case.benchmark.name, case.params, case.dtype)} on {backend.spec}"
            for mode in modes:
                if progress is not None:
                    progress(done, total, f"{label} [{mode}]")
                done += 1
                before = competing_threads()
                competition.append(before)
                if call is None:
                    continue
                try:
                    measurement = _measure_case(
                        case, backend, mode, call, env, measure_options, cpu_peaks, threads
                    )
                except Exception as exc:  # e.g. a cold-mode process that failed
                    problems.append(_problem(case, backend, "error", _describe_error(exc), mode))
                    continue
                if isinstance(measurement, str):
                    problems.append(_problem(case, backend, "skipped", measurement, mode))
                else:
                    results.append(_flag_load(measurement, backend, env, before))
    if progress is not None:
        progress(total, total, "done")
    competition.append(competing_threads())
    counts = [count for count in competition if count is not None]
    if counts:
        env["competition"] = {
            "samples": len(counts),
            "mean": round(sum(counts) / len(counts), 2),
            "max": max(counts),
        }
    return results, problems


def _flag_load(
    measurement: Measurement, backend: Backend, env: dict[str, Any], before: int | None
) -> Measurement:
    """The measurement, with a warning if other programs took the cores while it ran.

    Other programs' runnable threads are sampled before and after it (the mean of two
    instants: one alone is too noisy); a GPU's kernels do not share the CPU's cores.
    """
    after = competing_threads()
    samples = [count for count in (before, after) if count is not None]
    if backend.device_name != "cpu" or not samples:
        return measurement
    competing = statistics.fmean(samples)
    cores = int((env.get("cpu") or {}).get("usable_cores") or 1)
    threads = (env.get("threads") or {}).get(type(backend).name)
    if not _load.oversubscribed(competing, threads, cores):
        return measurement
    return measurement.with_warnings(_warnings.loaded_warning(cores))


def _problem(case: _Case, backend: Backend, kind: str, message: str, mode: str = "-") -> Problem:
    return Problem(case.benchmark.name, backend.spec, mode, kind, message, case.params, case.dtype)


def _describe_error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _checked_call(
    case: _Case, backend: Backend, expected: Any
) -> tuple[Callable[[], Any] | None, Problem | None]:
    """The call to time, after checking its answer against NumPy's; or why there is none."""
    reason = case.benchmark.skip_reason(backend)
    if reason is not None:
        return None, _problem(case, backend, "skipped", reason)
    try:
        call = case.benchmark.prepare(case.size, case.dtype, backend)
        with pa.use_backend(backend):
            result = call()
            backend.wait_for(result)
            backend.synchronize()
        mismatch = check_result(result, expected, case.dtype)
    except Exception as exc:  # one failing case must not stop the whole run
        return None, _problem(case, backend, "error", _describe_error(exc))
    if mismatch is not None:
        message = f"result differs from NumPy's, so it was not timed: {mismatch}"
        return None, _problem(case, backend, "wrong", message)
    return call, None


def _measure_case(
    case: _Case,
    backend: Backend,
    mode: str,
    call: Callable[[], Any],
    env: dict[str, Any],
    options: dict[str, Any],
    cpu_peaks: tuple[float | None, float | None],
    threads: int | None,
) -> Measurement | str:
    """The measurement, or why this mode cannot measure this backend."""
    benchmark = case.benchmark
    itemsize = as_dtype(case.dtype).itemsize
    peak_gflops, peak_gbs = peaks_for(
        env, backend.spec, case.dtype, cpu_gflops=cpu_peaks[0], cpu_gbs=cpu_peaks[1]
    )
    flops = benchmark.flops(case.size, itemsize) or None
    labels: dict[str, Any] = {}
    if "cuda" in backend.spec and case.dtype == "float32" and flops and tf32_active(env):
        labels["tf32"] = True
    if mode == "device" and backend.event_timer() is None:
        return f"{backend.spec} has no device clock ('device' mode is for GPUs)"
    common: dict[str, Any] = {
        "name": benchmark.name,
        "params": case.params,
        "dtype": case.dtype,
        "flops": flops,
        "bytes": benchmark.bytes(case.size, itemsize) or None,
        "peak_gflops": peak_gflops,
        "peak_gbs": peak_gbs,
        "labels": labels,
    }
    if mode == "cold":
        times = _cold.measure_cold(
            Prepared(benchmark, case.size, case.dtype),
            backend,
            samples=options["min_samples"],
            max_time=options["max_time"],
            threads=threads,
        )
        measurement = Measurement(backend=backend.spec, mode=mode, times=tuple(times), **common)
        return measurement.with_warnings(
            *_warnings.measurement_warnings(measurement, min_samples=options["min_samples"])
        )
    return Timer(call, backend=backend, mode=mode).measure(**options, **common)
