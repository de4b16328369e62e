"""The CUDA paths of timing, proven without a GPU: torch's ``synchronize()`` and CUDA-event
timer are driven against fakes of ``torch.cuda`` that keep a fake GPU clock, so the tests
check what is called, on which stream, in which order, and the unit conversion.
"""

from __future__ import annotations

from typing import Any

import pytest

from polyarray.backends import parse_spec
from polyarray.timing import Timer, TimingError, measure

torch = pytest.importorskip("torch")

KERNEL = 0.002  # seconds one fake kernel takes on the fake GPU clock


class FakeGPU:
    """A GPU clock advanced by fake kernels, and a log of the torch.cuda calls made."""

    def __init__(self) -> None:
        self.clock = 0.0
        self.log: list[tuple[Any, ...]] = []

    def kernel(self) -> None:
        self.clock += KERNEL

    def event_class(self) -> type:
        gpu = self

        class FakeEvent:
            def __init__(self, enable_timing: bool = False) -> None:
                assert enable_timing, "timing events must be created with enable_timing=True"
                self.time: float | None = None
                gpu.log.append(("event",))

            def record(self, stream: Any = None) -> None:
                self.time = gpu.clock
                gpu.log.append(("record", stream))

            def synchronize(self) -> None:
                gpu.log.append(("event.synchronize",))

            def elapsed_time(self, end: FakeEvent) -> float:
                assert gpu.log[-1] == ("event.synchronize",), "elapsed_time before sync"
                assert self.time is not None
                assert end.time is not None
                return (end.time - self.time) * 1e3  # CUDA reports milliseconds

        return FakeEvent


@pytest.fixture
def gpu(monkeypatch: pytest.MonkeyPatch) -> FakeGPU:
    fake = FakeGPU()
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    monkeypatch.setattr(torch.cuda, "Event", fake.event_class())
    monkeypatch.setattr(torch.cuda, "current_stream", lambda device=None: ("stream", str(device)))
    monkeypatch.setattr(
        torch.cuda, "synchronize", lambda device=None: fake.log.append(("synchronize", str(device)))
    )
    return fake


def test_torch_on_the_cpu_has_no_device_clock_and_no_cuda_sync(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def forbidden(*args: Any) -> None:
        raise AssertionError("torch.cuda.synchronize called for a CPU backend")

    monkeypatch.setattr(torch.cuda, "synchronize", forbidden)
    backend = parse_spec("torch")
    backend.synchronize()
    assert backend.event_timer() is None
    with pytest.raises(TimingError, match="no device clock"):
        Timer(lambda: None, backend=backend, mode="device")


def test_torch_cuda_synchronize_waits_for_its_device(gpu: FakeGPU) -> None:
    parse_spec("torch:cuda").synchronize()
    assert gpu.log == [("synchronize", "cuda")]


def test_cuda_event_timer_reports_device_seconds(gpu: FakeGPU) -> None:
    events = parse_spec("torch:cuda").event_timer()
    assert events is not None
    events.start()
    gpu.kernel()
    gpu.kernel()
    events.stop()
    assert events.elapsed() == pytest.approx(2 * KERNEL)
    records = [entry for entry in gpu.log if entry[0] == "record"]
    assert records == [("record", ("stream", "cuda"))] * 2  # the stream the kernels run on


def test_device_mode_times_kernels_with_events(gpu: FakeGPU) -> None:
    m = measure(gpu.kernel, backend="torch:cuda", mode="device", min_time=0.01, max_time=0.05)
    # The host sees the fake kernels as free; only the events see their length.
    assert m.median == pytest.approx(KERNEL)
    assert m.backend == "torch:cuda"
    kinds = [entry[0] for entry in gpu.log]
    start = kinds.index("record")
    assert kinds[start - 1] == "synchronize"  # each block starts from an idle device
    assert kinds[start + 1 : start + 3] == ["record", "event.synchronize"]


def test_throughput_mode_synchronises_the_cuda_device(gpu: FakeGPU) -> None:
    measure(gpu.kernel, backend="torch:cuda", min_time=0.005, max_time=0.01)
    assert ("synchronize", "cuda") in gpu.log
    assert not any(entry[0] == "record" for entry in gpu.log)  # no events in this mode


def test_a_second_gpu_is_synchronised_and_timed_on_its_own_stream(
    gpu: FakeGPU, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    backend = parse_spec("torch:cuda:1")
    backend.synchronize()
    events = backend.event_timer()
    assert events is not None
    events.start()
    events.stop()
    assert ("synchronize", "cuda:1") in gpu.log
    assert ("record", ("stream", "cuda:1")) in gpu.log
