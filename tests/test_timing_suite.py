"""The seed suite computes the right answers on every backend, and the runner is fair:
answers checked against NumPy before timing, failures reported rather than timed, inputs
converted outside the timed region, thread counts recorded (and set when asked).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray.backends import Backend
from polyarray.timing import SEED_SUITE, Benchmark, TimingError, compare
from polyarray.timing._suite import Prepared, check_result, select

TINY: dict[str, Any] = {"min_time": 0.002, "max_time": 0.01, "warmup": 0.0, "min_samples": 2}
NAMES = [b.name for b in SEED_SUITE]


def _small(benchmark: Benchmark) -> int:
    # Sizes small enough for CI, large enough to be a real case of each benchmark.
    return 64 if benchmark.name == "matmul" else 32 if benchmark.sizes[0] <= 256 else 1000


def test_seed_suite_is_what_the_issue_lists() -> None:
    assert NAMES == [
        "linspace",
        "arange",
        "reshape",
        "image_times_vector",
        "mean",
        "std",
        "max_with_indices",
        "grad",
        "matmul",
    ]
    matmul = SEED_SUITE[-1]
    assert (matmul.sizes, matmul.dtypes) == ((256, 1000, 2048), ("float32", "float64"))


@pytest.mark.parametrize("name", NAMES)
def test_seed_benchmark_matches_numpy(backend: Backend, name: str) -> None:
    benchmark = select(SEED_SUITE, [name])[0]
    reason = benchmark.skip_reason(backend)
    if reason is not None:
        pytest.skip(reason)
    size = _small(benchmark)
    for dtype in benchmark.dtypes:
        expected = benchmark.reference(*benchmark.inputs(size, dtype))
        call = benchmark.prepare(size, dtype, backend)
        assert check_result(call(), expected, dtype) is None


@pytest.mark.parametrize("name", NAMES)
def test_every_seed_benchmark_has_a_work_model(name: str) -> None:
    benchmark = select(SEED_SUITE, [name])[0]
    size = _small(benchmark)
    if name == "reshape":  # a view: nothing is computed or moved
        assert benchmark.flops(size, 4) == benchmark.bytes(size, 4) == 0
    else:
        assert benchmark.bytes(size, 4) > 0
    assert benchmark.description


def test_matmul_work_model() -> None:
    matmul = select(SEED_SUITE, ["matmul"])[0]
    assert matmul.flops(1000, 8) == 2e9
    assert matmul.bytes(1000, 8) == 3 * 1000 * 1000 * 8


def test_inputs_are_converted_outside_the_timed_call(backend: Backend) -> None:
    matmul = select(SEED_SUITE, ["matmul"])[0]
    call = matmul.prepare(16, "float32", backend)
    assert isinstance(call, functools.partial)
    assert all(backend.device_of(a) == backend.device_name for a in call.args)
    assert all(type(a) in backend.array_types() for a in call.args)


def test_prepared_case_rebuilds_on_the_active_backend(backend: Backend) -> None:
    recipe = Prepared(select(SEED_SUITE, ["mean"])[0], 8, "float32")
    result = recipe()()
    assert type(result) in backend.array_types()


def test_compare_runs_every_case_on_the_backend(backend: Backend) -> None:
    run = compare(
        select(SEED_SUITE, ["reshape", "mean", "matmul"]),
        backends=[backend],
        sizes=[16],
        **TINY,
    )
    assert not run.problems
    assert [(m.name, m.dtype) for m in run.results] == [
        ("reshape", "float32"),
        ("mean", "float32"),
        ("matmul", "float32"),
        ("matmul", "float64"),
    ]
    assert all(m.backend == backend.spec and m.median > 0 for m in run.results)
    matmul = run.results[-1]
    assert matmul.gflops == pytest.approx(2 * 16**3 / matmul.median / 1e9)
    assert run.env["backends"] == [backend.spec]
    assert run.env.get("competition", {"samples": 5})["samples"] == 5  # sampled (Linux)


# -- correctness checks ----------------------------------------------------------------------


def test_check_result_accepts_rounding_within_tolerance() -> None:
    expected = np.linspace(0, 1, 5, dtype="float32")
    assert check_result(expected + np.float32(1e-7), expected, "float32") is None


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (np.linspace(0, 1.1, 5, dtype="float32"), "max |error|"),
        (np.zeros(4, dtype="float32"), "shape"),
        (np.linspace(0, 1, 5, dtype="float64"), "dtype"),
        (np.array([np.nan, 0.25, 0.5, 0.75, 1.0], dtype="float32"), "max |error|"),
        ((np.zeros(5, dtype="float32"), np.zeros(5)), "returned 2 array"),
    ],
)
def test_check_result_reports_what_differs(result: Any, message: str) -> None:
    expected = np.linspace(0, 1, 5, dtype="float32")
    assert message in str(check_result(result, expected, "float32"))


def test_check_result_integers_must_match_exactly() -> None:
    assert "1 of 3 values differ" in str(check_result(np.array([0, 1, 3]), np.arange(3), "int64"))


def _wrong_mean(x: Any) -> Any:
    return pa.mean(x, axis=0) + 1


def _failing(x: Any) -> Any:
    raise RuntimeError("kernel exploded")


def _case(run: Any) -> Benchmark:
    mean = select(SEED_SUITE, ["mean"])[0]
    return Benchmark(
        "broken",
        run=run,
        inputs=mean.inputs,
        reference=mean.reference,
        sizes=(8,),
        quick_sizes=(8,),
        params=mean.params,
    )


def test_a_wrong_answer_is_reported_and_not_timed() -> None:
    run = compare(_case(_wrong_mean), backends=["numpy"], **TINY)
    assert run.results == ()
    (problem,) = run.problems
    assert (problem.kind, problem.backend) == ("wrong", "numpy")
    assert "differs from NumPy" in problem.message
    assert run.failed


def test_an_exception_is_reported_and_the_run_goes_on() -> None:
    run = compare([_case(_failing), select(SEED_SUITE, ["reshape"])[0]], backends=["numpy"], **TINY)
    assert [m.name for m in run.results] == ["reshape"]
    assert run.problems[0].kind == "error"
    assert "RuntimeError: kernel exploded" in run.problems[0].message


def test_missing_function_is_a_skip_not_a_failure() -> None:
    mean = select(SEED_SUITE, ["mean"])[0]
    future = Benchmark(
        "future",
        run=mean.run,
        inputs=mean.inputs,
        reference=mean.reference,
        sizes=(8,),
        quick_sizes=(8,),
        needs="no_such_function",
    )
    run = compare(future, backends=["numpy"], **TINY)
    assert run.problems[0].kind == "skipped"
    assert "pa.no_such_function does not exist" in run.problems[0].message
    assert not run.failed


def test_device_mode_is_skipped_where_there_is_no_device_clock() -> None:
    run = compare(
        select(SEED_SUITE, ["reshape"]), backends=["numpy"], modes=["throughput", "device"], **TINY
    )
    assert [m.mode for m in run.results] == ["throughput"]
    assert run.problems[0].kind == "skipped"
    assert "no device clock" in run.problems[0].message


def test_cold_mode_on_a_seed_case() -> None:
    run = compare(
        select(SEED_SUITE, ["reshape"]),
        backends=["numpy"],
        modes=["cold"],
        min_time=0.001,
        max_time=0.001,
        min_samples=1,
    )
    (m,) = run.results
    assert (m.mode, m.number, m.stats.samples) == ("cold", 1, 1)


# -- choosing what runs ---------------------------------------------------------------------


def test_dtypes_select_the_benchmarks_that_support_them() -> None:
    run = compare(
        select(SEED_SUITE, ["arange", "reshape"]),
        backends=["numpy"],
        dtypes=["int64"],
        sizes=[8],
        **TINY,
    )
    assert [(m.name, m.dtype) for m in run.results] == [("arange", "int64")]
    assert run.problems[0].name == "reshape"
    assert "runs in float32, float64" in run.problems[0].message


def test_quick_uses_the_smaller_sizes() -> None:
    linspace = select(SEED_SUITE, ["linspace"])
    run = compare(linspace, backends=["numpy"], quick=True, **TINY)
    assert run.results[0].params == {"n": linspace[0].quick_sizes[0]}


def test_only_unknown_name() -> None:
    with pytest.raises(TimingError, match=r"no benchmark is called 'nope'.*matmul"):
        select(SEED_SUITE, ["nope"])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sizes": [0]}, "sizes must be positive integers"),
        ({"sizes": [2.5]}, "sizes must be positive integers"),
        ({"dtypes": ["float128"]}, "unknown dtype 'float128'"),
        ({"modes": ["quickest"]}, "unknown timing mode 'quickest'"),
        ({"modes": []}, "no modes"),
        ({"backends": []}, "no backends"),
        ({"threads": 0}, "threads must be a positive int"),
    ],
)
def test_compare_bad_arguments(options: dict[str, Any], message: str) -> None:
    with pytest.raises(TimingError, match=message):
        compare(select(SEED_SUITE, ["reshape"]), **{"backends": ["numpy"], **TINY, **options})


def test_compare_needs_benchmarks() -> None:
    with pytest.raises(TimingError, match="no benchmarks"):
        compare([], backends=["numpy"])


def test_compare_defaults_to_every_available_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pa, "available_backends", lambda: ["numpy"])
    run = compare(select(SEED_SUITE, ["reshape"]), sizes=[4], **TINY)
    assert run.backends == ["numpy"]
    assert run.options["baseline"] == "numpy"


def test_threads_are_set_for_the_run_and_restored() -> None:
    threadpoolctl = pytest.importorskip("threadpoolctl")

    def numpy_blas_threads() -> list[int]:
        return [
            pool["num_threads"]
            for pool in threadpoolctl.threadpool_info()
            if pool["user_api"] == "blas"
        ]

    before = numpy_blas_threads()
    run = compare(select(SEED_SUITE, ["matmul"]), backends=["numpy"], sizes=[8], threads=1, **TINY)
    assert run.env["threads"]["numpy"] == 1
    assert run.options["threads"] == 1
    assert numpy_blas_threads() == before


def test_progress_is_reported_for_every_measurement() -> None:
    seen: list[tuple[int, int, str]] = []
    compare(
        select(SEED_SUITE, ["reshape"]),
        backends=["numpy"],
        progress=lambda done, total, label: seen.append((done, total, label)),
        **TINY,
    )
    assert seen[0][:2] == (0, 1)
    assert "reshape" in seen[0][2]
    assert seen[-1] == (1, 1, "done")
