"""``polyarray bench``: a smoke run of every output option, comparisons, and a clear error
(exit status 2) for every bad argument. Runs in-process with tiny timing budgets; one test
starts the real command in a subprocess to prove the entry point works end to end.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from polyarray import _cli
from polyarray.timing import SEED_SUITE, load
from polyarray.timing import _cli as bench_cli

FAST = ["--no-progress", "--min-time", "0.002", "--max-time", "0.01", "--warmup", "0.001"]
SMALL = ["--only", "reshape,matmul", "--sizes", "16", "--backends", "numpy"]


def _bench(*arguments: str) -> int:
    return _cli.main(["bench", *arguments])


def test_quick_run_writes_json_csv_and_plot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    json_path, csv_path, png_path = tmp_path / "run.json", tmp_path / "run.csv", tmp_path / "b.png"
    arguments = ["--quick", *SMALL, *FAST, "--json", str(json_path), "--csv", str(csv_path)]
    has_matplotlib = importlib.util.find_spec("matplotlib") is not None
    if has_matplotlib:
        arguments += ["--plot", str(png_path)]
    assert _bench(*arguments) == 0
    out = capsys.readouterr().out
    assert "reshape" in out
    assert "matmul" in out
    assert "GFLOP/s" in out
    assert f"JSON: {json_path}" in out
    run = load(json_path)
    assert [m.name for m in run.results] == ["reshape", "matmul", "matmul"]
    assert run.options["quick"] is True
    assert len(csv_path.read_text().splitlines()) == 4
    if has_matplotlib:
        assert png_path.read_bytes()[:4] == b"\x89PNG"


def test_plain_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert _bench("--plain", "--only", "reshape", "--backends", "numpy", *FAST) == 0
    out = capsys.readouterr().out
    assert "benchmark" in out
    assert "---------" in out


def test_compare_with_a_saved_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "base.json"
    assert _bench(*SMALL, *FAST, "--json", str(base)) == 0
    assert _bench(*SMALL, *FAST, "--compare", str(base)) == 0
    out = capsys.readouterr().out
    assert f"compared with {base}" in out
    assert "ratio" in out
    assert "p=" in out


def test_compare_two_saved_runs_times_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, new = tmp_path / "base.json", tmp_path / "new.json"
    assert _bench(*SMALL, *FAST, "--json", str(base)) == 0
    assert _bench(*SMALL, *FAST, "--json", str(new)) == 0
    capsys.readouterr()

    def no_timing(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("comparing two files must not run benchmarks")

    monkeypatch.setattr("polyarray.timing._runner.compare", no_timing)
    assert _bench("--compare", str(base), str(new)) == 0
    out = capsys.readouterr().out
    assert f"{new} against {base}" in out
    assert out.count("matmul") == 2


def test_progress_lines_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    arguments = [a for a in FAST if a != "--no-progress"]
    assert _bench("--only", "reshape", "--backends", "numpy", *arguments) == 0
    assert "[1/1] reshape" in capsys.readouterr().err


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert _bench("--list") == 0
    out = capsys.readouterr().out
    assert all(benchmark.name in out for benchmark in SEED_SUITE)


def test_defaults_run_the_seed_suite_on_every_available_backend(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, Any] = {}

    def fake_compare(benchmarks: Any, **options: Any) -> Any:
        from polyarray.timing import Run

        seen.update(options, benchmarks=benchmarks)
        return Run(env={}, results=())

    monkeypatch.setattr("polyarray.timing._runner.compare", fake_compare)
    assert _bench("--no-progress") == 0
    assert [b.name for b in seen["benchmarks"]] == [b.name for b in SEED_SUITE]
    assert seen["backends"] is None  # compare() then uses pa.available_backends()
    assert seen["modes"] == ["throughput"]
    assert (seen["min_time"], seen["max_time"]) == bench_cli._DEFAULT_TIMES[:2]
    assert seen["quick"] is False


def test_a_failed_case_gives_exit_status_1(monkeypatch: pytest.MonkeyPatch) -> None:
    from polyarray.timing import Problem, Run

    failed = Run(env={}, results=(), problems=(Problem("f", "numpy", "-", "wrong", "bad"),))
    monkeypatch.setattr("polyarray.timing._runner.compare", lambda *a, **k: failed)
    assert _bench("--no-progress") == 1


def test_info_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli.main(["info"]) == 0
    assert "backends:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--only", "nope"], "no benchmark is called 'nope'"),
        (["--backends", "nosuch"], "unknown backend spec 'nosuch'"),
        (["--dtypes", "float128"], "unknown dtype 'float128'"),
        (["--modes", "fastest"], "unknown timing mode 'fastest'"),
        (["--compare", "missing.json"], "cannot read 'missing.json'"),
        (["--compare", "a.json", "b.json", "c.json"], "--compare takes BASE.json"),
        (["--min-time", "0.5", "--max-time", "0.1"], "shorter than --min-time"),
    ],
)
def test_bad_arguments_are_explained(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _bench(*arguments, "--no-progress") == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--sizes", "0"], "'0' is not a positive integer"),
        (["--sizes", "big"], "'big' is not a positive integer"),
        (["--sizes", ","], "expected a comma-separated list of sizes"),
        (["--min-time", "-1"], "positive, finite number of seconds"),
        (["--max-time", "soon"], "'soon' is not a number of seconds"),
        (["--threads", "0"], "'0' is not a positive integer"),
        (["--cpu-peak-gflops", "-5"], "must be positive"),
    ],
)
def test_malformed_options_are_usage_errors(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _bench(*arguments)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_plot_without_matplotlib_fails_before_timing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "matplotlib" else real_find_spec(name, *a),
    )
    assert _bench("--plot", "out.png") == 2
    assert "pip install 'polyarray[plot]'" in capsys.readouterr().err


def test_bad_json_for_compare(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"machine_info": {}, "benchmarks": []}))
    assert _bench("--compare", str(other)) == 2
    assert "not a polyarray timing file" in capsys.readouterr().err


def test_the_installed_command_runs_end_to_end(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "polyarray", "bench", "--quick", *SMALL, *FAST],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "matmul" in completed.stdout


def test_runs_without_the_optional_packages(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A fresh machine with only polyarray's required dependencies: no rich, no threadpoolctl.
    for name in ("rich", "threadpoolctl"):
        monkeypatch.setitem(sys.modules, name, None)  # importing it now fails
    assert _bench("--only", "matmul", "--sizes", "16", "--backends", "numpy", *FAST) == 0
    out = capsys.readouterr().out
    assert "---------" in out  # the plain table
    assert "pip install 'polyarray[bench]'" in out  # where the BLAS kernel would be


def test_threads_without_threadpoolctl_is_explained(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "threadpoolctl", None)
    assert _bench("--threads", "1", "--only", "matmul", "--backends", "numpy", *FAST) == 2
    assert "needs threadpoolctl" in capsys.readouterr().err


def test_progress_reporter_plain_lines() -> None:
    import io

    from polyarray.timing._progress import progress_reporter

    stream = io.StringIO()
    with progress_reporter(stream=stream) as report:
        assert report is not None
        report(0, 2, "first")
        report(1, 2, "second")
        report(2, 2, "done")
    assert stream.getvalue() == "[1/2] first\n[2/2] second\n"


def test_progress_reporter_rich_bar() -> None:
    pytest.importorskip("rich")
    import io

    from polyarray.timing._progress import progress_reporter

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True  # rich draws bars on terminals only

    stream = Terminal()
    with progress_reporter(use_rich=True, stream=stream) as report:
        assert report is not None
        report(0, 1, "only case")
        report(1, 1, "done")
    assert "1/1" in stream.getvalue()  # the bar's final state: one of one done


def test_progress_reporter_disabled() -> None:
    from polyarray.timing._progress import progress_reporter

    with progress_reporter(enabled=False) as report:
        assert report is None
