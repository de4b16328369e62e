"""A loaded machine is said, and thread counts follow it: the fallback rule as a function of
(load, cores, threads), the :class:`TimingWarning` of ``measure`` and ``compare``, the rows
marked when other programs took the cores, ``--threads`` deciding, and ``polyarray info``'s
line about asynchronous execution. The machine's load is monkeypatched: no test depends on
how busy the machine running it is, and none times anything long.
"""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

import pytest

from polyarray import _cli
from polyarray.backends import Backend, Capabilities
from polyarray.timing import SEED_SUITE, TimingWarning, _load, _runner, compare, format_run, measure
from polyarray.timing._suite import select
from polyarray.timing._warnings import untrustworthy

TINY: dict[str, Any] = {"min_time": 0.002, "max_time": 0.01, "warmup": 0.0, "min_samples": 2}
LOADED = _load.Load(average=6.0, competing=5, cores=2)
IDLE = _load.Load(average=0.1, competing=0, cores=2)


@pytest.mark.parametrize(
    ("load", "cores", "threads", "chosen"),
    [
        (6.0, 2, {"numpy": 2, "torch": 2}, 1),  # the machine: 1 thread each
        (1.0, 2, {"numpy": 2, "torch": 2}, 1),  # one core taken: two threads would wait
        (0.3, 2, {"numpy": 2, "torch": 2}, None),  # idle: each keeps its own
        (None, 2, {"numpy": 2, "torch": 2}, None),  # load unknown (Windows): keep
        (6.0, 2, {"numpy": 1, "torch": 1}, None),  # one thread already
        (6.0, 2, {"numpy": None, "jax": None}, None),  # no thread pool known
        (4.0, 16, {"numpy": 16, "torch": 16}, 12),  # as many as the free cores
        (12.0, 16, {"numpy": 2, "torch": 8}, 4),  # the largest pool decides
        (0.0, 4, {"torch": 8}, 4),  # more threads than cores, even idle
    ],
)
def test_thread_fallback_rule(
    load: float | None, cores: int, threads: dict[str, int | None], chosen: int | None
) -> None:
    count, reason = _load.choose_threads(load, cores, threads)
    assert count == chosen
    assert (reason is None) == (chosen is None)
    if reason is not None:
        assert f"{count} thread" in reason
        assert "--threads N decides" in reason


def test_free_cores_round_to_whole_cores() -> None:
    assert [_load.free_cores(load, 2) for load in (None, 0.0, 0.4, 0.6, 1.5, 9.0)] == [
        2,
        2,
        2,
        1,
        0,
        0,
    ]


def test_load_problems_name_the_load_and_the_crowded_backends() -> None:
    found = _load.load_problems(LOADED, {"numpy": 1, "torch": 2})
    assert found[0].startswith("loaded machine: the load average is 6.00 on 2 usable core(s)")
    assert "threads oversubscribed (torch uses 2)" in found[1]
    assert "torch.set_num_threads(1)" in found[1]
    assert _load.load_problems(IDLE, {"numpy": 2, "torch": 2}) == []


def _patch_load(monkeypatch: pytest.MonkeyPatch, load: _load.Load, threads: int) -> None:
    monkeypatch.setattr(_load, "read_load", lambda: load)
    monkeypatch.setattr(
        _load, "thread_counts", lambda backends: {type(b).name: threads for b in backends}
    )


def test_measure_warns_on_a_loaded_machine(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    _patch_load(monkeypatch, LOADED, threads=2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        measure(lambda: None, backend=backend, **TINY)
    given = [w for w in caught if issubclass(w.category, TimingWarning)]
    # A GPU's kernels do not share the CPU's cores: only CPU backends are warned about.
    assert len(given) == (backend.device_name == "cpu")
    for warning in given:
        assert "loaded machine" in str(warning.message)
        assert "threads oversubscribed" in str(warning.message)
        assert warning.filename == __file__  # points at the caller of measure


def test_measure_is_silent_on_an_idle_machine(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    _patch_load(monkeypatch, IDLE, threads=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error", TimingWarning)
        assert measure(lambda: None, backend=backend, **TINY).median >= 0


def test_compare_warns_once_per_run(backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    _patch_load(monkeypatch, LOADED, threads=2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run = compare(
            select(SEED_SUITE, ["reshape", "mean"]), backends=[backend], sizes=[8], **TINY
        )
    given = [w for w in caught if issubclass(w.category, TimingWarning)]
    assert len(given) == (backend.device_name == "cpu")
    assert len(run.results) == 2


def test_auto_threads_fall_back_and_say_why(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    _patch_load(monkeypatch, LOADED, threads=2)
    run = compare(
        select(SEED_SUITE, ["reshape"]), backends=[backend], sizes=[8], threads="auto", **TINY
    )
    if backend.device_name != "cpu":
        assert run.options["threads"] is None
        return
    assert run.options["threads"] == 1
    assert "leaves 0 of 2 usable core(s) free" in run.options["threads_fallback"]
    assert "threads: load average 6.00" in format_run(run, width=200)


def test_explicit_threads_decide(backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    _patch_load(monkeypatch, LOADED, threads=2)
    run = compare(select(SEED_SUITE, ["reshape"]), backends=[backend], sizes=[8], threads=2, **TINY)
    assert run.options["threads"] == 2
    assert "threads_fallback" not in run.options


def test_rows_measured_while_the_cores_were_taken_are_marked(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_runner, "competing_threads", lambda: 8)
    run = compare(select(SEED_SUITE, ["reshape"]), backends=[backend], sizes=[8], **TINY)
    (row,) = run.results
    loaded = any(w.startswith("loaded while measured") for w in row.warnings)
    assert loaded == (backend.device_name == "cpu")
    assert untrustworthy(row) or not loaded


def test_bench_header_says_when_threads_fell_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _patch_load(monkeypatch, LOADED, threads=2)
    fast = ["--no-progress", "--min-time", "0.002", "--max-time", "0.01", "--warmup", "0.001"]
    small = ["--only", "reshape", "--sizes", "8", "--backends", "numpy", "--plain", *fast]
    assert _cli.main(["bench", *small]) == 0
    assert "threads: load average 6.00" in capsys.readouterr().out
    assert _cli.main(["bench", *small, "--threads", "2"]) == 0
    assert "threads: load average" not in capsys.readouterr().out


class _FakeAccelerated(Backend):
    """Asynchronous on its accelerator only, as torch is on CUDA."""

    name = "fake-accelerated"
    module = "queue"
    capabilities = Capabilities(autodiff=False, asynchronous=True, device_kinds=("cpu", "cuda"))


class _FakeFutures(_FakeAccelerated):
    """Asynchronous on every device, as JAX is."""

    waits_per_result: ClassVar[bool] = True


def test_info_says_synchronous_where_no_accelerator_is_here() -> None:
    assert _cli._asynchrony(_FakeAccelerated, accelerated_here=False) == "synchronous: no cuda here"
    assert "asynchronous on cuda" in _cli._asynchrony(_FakeAccelerated, accelerated_here=True)
    assert _cli._asynchrony(_FakeFutures, accelerated_here=False) == (
        "asynchronous on every device"
    )


def test_info_line_of_each_backend_is_true_here(backend: Backend) -> None:
    cls = type(backend)
    line = next(line for line in _cli.info().splitlines() if line.split()[:1] == [cls.name])
    if not cls.capabilities.asynchronous:
        assert "asynchronous" not in line
    elif cls.waits_per_result:
        assert "asynchronous on every device" in line
    else:
        assert ("asynchronous on" in line) == bool(cls.accelerators())
