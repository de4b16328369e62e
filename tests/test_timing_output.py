"""Outputs of a run: JSON (schema polyarray.timing/1) round trip, CSV, comparison of two
runs, tables (plain and rich), the PNG plot; and the environment and warnings around them.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from polyarray.timing import (
    SCHEMA,
    Measurement,
    Problem,
    Run,
    TimingError,
    capture_environment,
    compare_runs,
    dumps,
    format_run,
    gpu_peak,
    load,
    loads,
    plot,
    save,
    to_csv,
    write_csv,
)
from polyarray.timing._csv import COLUMNS
from polyarray.timing._peaks import peaks_for
from polyarray.timing._table import print_run
from polyarray.timing._warnings import run_warnings

STEADY = (1.00e-3, 1.02e-3, 0.99e-3, 1.01e-3, 1.00e-3, 1.03e-3, 0.98e-3, 1.01e-3)


def _measurement(backend: str = "numpy", scale: float = 1.0, **changes: Any) -> Measurement:
    fields: dict[str, Any] = {
        "name": "matmul",
        "backend": backend,
        "mode": "throughput",
        "times": tuple(t * scale for t in STEADY),
        "number": 4,
        "params": {"n": 100},
        "dtype": "float32",
        "flops": 2e6,
        "bytes": 1.2e5,
        "peak_gflops": 10.0,
        "warnings": ("a warning",),
        "labels": {"tf32": False},
    }
    fields.update(changes)
    return Measurement(**fields)


def _run(scale: float = 1.0) -> Run:
    return Run(
        env=capture_environment(["numpy"]),
        results=(_measurement(), _measurement("torch", scale)),
        problems=(Problem("grad", "numpy", "-", "skipped", "needs torch", {"n": 8}, "float32"),),
        warnings=("loaded machine: test",),
        options={"modes": ["throughput"], "baseline": "numpy"},
    )


# -- JSON ---------------------------------------------------------------------------------


def test_json_round_trip(tmp_path: Path) -> None:
    run = _run()
    path = save(run, tmp_path / "run.json")
    data = json.loads(path.read_text())
    assert data["schema"] == SCHEMA == "polyarray.timing/1"
    first = data["results"][0]
    assert {"name", "backend", "params", "dtype", "mode", "times", "stats"} <= set(first)
    assert first["times"] == list(STEADY)
    back = load(path)
    assert back.env == json.loads(json.dumps(run.env))
    assert back.problems == run.problems
    assert back.warnings == run.warnings
    for original, copy in zip(run.results, back.results, strict=True):
        assert copy.key == original.key
        assert copy.times == original.times
        assert copy.stats == original.stats
        assert (copy.gflops, copy.pct_peak, copy.warnings) == (
            original.gflops,
            original.pct_peak,
            original.warnings,
        )


def test_json_has_no_infinities() -> None:
    zero = Measurement("f", "numpy", "throughput", (0.0, 0.0))  # spread of a zero median
    text = dumps(Run(env={}, results=(zero,)))
    assert "Infinity" not in text
    assert json.loads(text)["results"][0]["stats"]["spread"] is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "is not JSON"),
        ("[1, 2]", "no 'schema' field"),
        ('{"schema": "pytest-benchmark/4"}', "has schema 'pytest-benchmark/4'"),
        ('{"schema": "polyarray.timing/1", "results": [{"name": "f"}]}', "malformed"),
    ],
)
def test_bad_json_is_explained(text: str, message: str) -> None:
    with pytest.raises(TimingError, match=message):
        loads(text)


def test_missing_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(TimingError, match="cannot read"):
        load(tmp_path / "absent.json")


# -- CSV ----------------------------------------------------------------------------------


def test_csv_has_a_row_per_result(tmp_path: Path) -> None:
    run = _run()
    rows = list(csv.DictReader(io.StringIO(to_csv(run))))
    assert len(rows) == 2
    assert tuple(rows[0]) == COLUMNS
    assert rows[1]["backend"] == "torch"
    assert float(rows[0]["median_s"]) == pytest.approx(run.results[0].median)
    assert int(rows[0]["calls_per_sample"]) == 4
    assert rows[0]["params"] == "n=100"
    assert write_csv(run, tmp_path / "run.csv").read_text() == to_csv(run)


# -- comparing runs -------------------------------------------------------------------------


def test_compare_runs_finds_real_changes() -> None:
    base = _run()
    faster = Run(env={}, results=(_measurement(scale=0.5), _measurement("torch", 2.0)))
    comparison = compare_runs(base, faster)
    verdicts = {c.new.backend: c.verdict for c in comparison.changes}
    assert verdicts == {"numpy": "faster", "torch": "slower"}
    assert comparison.changes[0].ratio == pytest.approx(0.5)
    assert [c.new.backend for c in comparison.regressions] == ["torch"]
    assert "2.00x faster" in comparison.format()


def test_compare_runs_calls_noise_the_same() -> None:
    base = _run()
    again = Run(env={}, results=(_measurement(times=tuple(reversed(STEADY))),))
    comparison = compare_runs(base, again)
    assert [c.verdict for c in comparison.changes] == ["same"]
    assert [m.backend for m in comparison.only_in_base] == ["torch"]
    assert "only in the base run" in comparison.format()


def test_compare_runs_of_json_files(tmp_path: Path) -> None:
    save(_run(), tmp_path / "base.json")
    save(_run(scale=3.0), tmp_path / "new.json")
    comparison = compare_runs(load(tmp_path / "base.json"), load(tmp_path / "new.json"))
    assert [c.verdict for c in comparison.changes] == ["same", "slower"]


# -- tables -------------------------------------------------------------------------------


def test_plain_table() -> None:
    text = format_run(_run(scale=0.5))
    assert "matmul" in text
    assert "n=100" in text
    assert "vs numpy" in text
    assert "2.00x" in text  # torch at half numpy's time
    assert "[1] a warning" in text
    assert text.count("a warning") == 1  # two rows share the note
    assert "loaded machine: test" in text
    assert "skipped: needs torch" in text
    assert "% peak" in text


def test_rich_table_shows_the_same() -> None:
    pytest.importorskip("rich")
    stream = io.StringIO()
    print_run(_run(scale=0.5), file=stream, use_rich=True)
    text = stream.getvalue()
    assert "2.00x" in text
    assert "a warning" in text
    assert "needs torch" in text


def test_plain_table_without_rich() -> None:
    run = _run()
    stream = io.StringIO()
    print_run(run, file=stream, use_rich=False)
    assert stream.getvalue() == format_run(run) + "\n"


def test_empty_run_table() -> None:
    assert "no results" in format_run(Run(env={}, results=()))


# -- plot ---------------------------------------------------------------------------------


def test_plot_writes_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = plot(_run(), tmp_path / "bench.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_without_results() -> None:
    pytest.importorskip("matplotlib")
    with pytest.raises(TimingError, match="no results"):
        plot(Run(env={}, results=()), "unused.png")


def test_plot_without_matplotlib(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # import now fails
    with pytest.raises(TimingError, match=r"pip install 'polyarray\[plot\]'"):
        plot(_run(), tmp_path / "bench.png")


# -- environment, peaks, warnings ----------------------------------------------------------------


def test_environment_capture() -> None:
    env = capture_environment(["numpy"])
    assert env["packages"]["numpy"]
    assert env["cpu"]["usable_cores"] >= 1
    assert isinstance(env["cpu"]["flags"], list)
    assert env["timer"]["clock"] == "time.perf_counter"
    assert set(env["variables"]) == {
        name
        for name in os.environ
        if name.startswith(("OPENBLAS_", "OMP_", "MKL_", "POLYARRAY_", "CUDA_VISIBLE_DEVICES"))
        or name == "VECLIB_MAXIMUM_THREADS"
    }
    json.dumps(env)  # JSON-ready


def test_environment_records_openblas_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    assert capture_environment([])["variables"]["OPENBLAS_CORETYPE"] == "Haswell"


def test_environment_records_blas_and_threads() -> None:
    pytest.importorskip("threadpoolctl")
    env = capture_environment(["numpy"])
    assert any(pool["api"] == "blas" for pool in env["blas"])
    assert env["threads"]["numpy"] >= 1


def test_environment_records_torch_settings() -> None:
    pytest.importorskip("torch")
    env = capture_environment(["torch"])
    assert env["threads"]["torch"] >= 1
    assert {"tf32_matmul", "float32_matmul_precision", "cuda_build"} <= set(env["torch"])


def test_gpu_peaks_by_name() -> None:
    h100 = gpu_peak("NVIDIA H100 80GB HBM3")
    pcie = gpu_peak("NVIDIA H100 PCIe")
    assert h100 is not None
    assert pcie is not None
    assert h100.gbs > pcie.gbs
    assert gpu_peak("NVIDIA H200")
    assert gpu_peak("Imaginary GPU 9000") is None


def test_peaks_for_a_backend() -> None:
    env = {"gpus": [{"spec": "torch:cuda", "name": "NVIDIA H100 80GB HBM3"}], "torch": {}}
    tf32 = {**env, "torch": {"tf32_matmul": True}}
    assert peaks_for(env, "torch:cuda", "float32")[0] == 67_000
    assert peaks_for(tf32, "torch:cuda", "float32")[0] == 494_700
    assert peaks_for(env, "numpy", "float32") == (None, None)
    assert peaks_for(env, "numpy", "float32", cpu_gflops=100.0, cpu_gbs=20.0) == (100.0, 20.0)
    assert peaks_for(env, "torch:cuda:3", "float32") == (None, None)


def _env(**changes: Any) -> dict[str, Any]:
    env: dict[str, Any] = {
        "cpu": {"usable_cores": 4},
        "load_average": [0.1, 0.1, 0.1],
        "threads": {"numpy": 4, "torch": 4},
        "torch": {"tf32_matmul": False, "float32_matmul_precision": "highest"},
        "variables": {},
    }
    env.update(changes)
    return env


BOTH = [_measurement("numpy"), _measurement("torch")]


def test_no_run_warnings_on_a_quiet_fair_machine() -> None:
    assert run_warnings(_env(), BOTH) == []


def test_loaded_machine_warning() -> None:
    (warning,) = run_warnings(_env(load_average=[4.5, 2.0, 1.0]), BOTH)
    assert "loaded machine" in warning
    assert "4.50" in warning
    assert run_warnings(_env(load_average=[3.5, 2.0, 1.0]), BOTH) == []  # 4 cores


def test_thread_mismatch_warning() -> None:
    (warning,) = run_warnings(_env(threads={"numpy": 4, "torch": 2}), BOTH)
    assert "thread counts differ" in warning
    assert "--threads" in warning


def test_too_many_threads_warning() -> None:
    (warning,) = run_warnings(_env(threads={"numpy": 8, "torch": 8}), BOTH)
    assert "more threads than the 4 usable core(s)" in warning


def test_tf32_warning() -> None:
    cuda = [_measurement("torch:cuda")]
    on = _env(torch={"tf32_matmul": False, "float32_matmul_precision": "high"})
    assert any("TF32 is on" in w for w in run_warnings(on, cuda))
    assert run_warnings(_env(), cuda) == []


def test_openblas_coretype_warning() -> None:
    (warning,) = run_warnings(_env(variables={"OPENBLAS_CORETYPE": "Haswell"}), BOTH)
    assert "OPENBLAS_CORETYPE=Haswell" in warning
    assert "Unset it" in warning


def test_public_names_load_lazily() -> None:
    import subprocess
    import sys

    import polyarray.timing as timing

    assert set(timing.__all__) == set(timing._EXPORTS)
    assert all(getattr(timing, name) is not None for name in timing.__all__)
    assert dir(timing) == timing.__all__
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = timing.nope
    # The `polyarray` command registers `bench` without loading the timing machinery.
    code = "import sys, polyarray._cli; print(sorted(m for m in sys.modules if 'timing._' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['polyarray.timing._cli']"


def test_competition_during_the_run_warning() -> None:
    busy = _env(competition={"samples": 20, "mean": 1.4, "max": 3})
    (warning,) = run_warnings(busy, BOTH)
    assert "busy machine during the run" in warning
    assert "1.4" in warning
    assert run_warnings(_env(competition={"samples": 20, "mean": 0.1, "max": 1}), BOTH) == []


def test_competing_threads_excludes_this_process() -> None:
    from polyarray.timing._env import competing_threads

    count = competing_threads()
    if not Path("/proc/loadavg").exists():
        assert count is None
    else:
        assert count is not None
        assert count >= 0
