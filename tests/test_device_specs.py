"""torch device specs are checked when given: a device torch lacks here is refused at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import polyarray as pa
from polyarray.backends import parse_spec
from polyarray.errors import DeviceUnavailableError, UnknownBackendError

torch = pytest.importorskip("torch")

CUDA_DEVICES = torch.cuda.device_count() if torch.cuda.is_available() else 0
HERE = "The devices torch "  # how each message starts its list of the devices here

# Every way a spec is given.
CHOOSERS: list[Callable[[str], Any]] = [pa.set_backend, pa.use_backend, pa.namespace, parse_spec]


@pytest.mark.parametrize("choose", CHOOSERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize(
    "spec",
    [
        "torch:mps",
        "torch:mps:0",
        "torch:xpu",
        "torch:meta",
        "torch:hip",
        "torch:cpu:1",
        f"torch:cuda:{CUDA_DEVICES}",  # one past the last GPU (cuda:0 where there is none)
        "torch:cuda:7" if CUDA_DEVICES < 8 else "torch:cuda:99",
    ],
)
def test_a_device_this_torch_lacks_is_refused_up_front(
    spec: str, choose: Callable[[str], Any]
) -> None:
    before = pa.get_backend()
    with pytest.raises(DeviceUnavailableError) as info:
        choose(spec)
    message = str(info.value)
    assert message.startswith(f"'{spec}' was asked for")
    if not spec.startswith("torch:cuda") or CUDA_DEVICES:
        assert HERE in message
        assert "'torch:cpu'" in message.split(HERE)[1]
    else:
        assert "no CUDA device" in message
    assert isinstance(info.value, RuntimeError)
    assert pa.get_backend() == before


def test_the_devices_here_are_listed() -> None:
    with pytest.raises(DeviceUnavailableError) as info:
        pa.set_backend("torch:mps")
    listed = str(info.value).split(HERE)[1]
    expected = ["torch:cpu", *(f"torch:cuda:{i}" for i in range(CUDA_DEVICES))]
    assert listed == f"{torch.__version__} has here: {', '.join(map(repr, expected))}."


@pytest.mark.parametrize("device", ["nonsense", "CUDA", "cuda:-1", "cuda:x", " cpu", "gpu"])
def test_a_device_torch_does_not_know_is_an_unknown_backend(device: str) -> None:
    with pytest.raises(UnknownBackendError, match=f"torch knows no device {device!r}") as info:
        pa.set_backend(f"torch:{device}")
    assert HERE in str(info.value)
    assert isinstance(info.value.__cause__, (RuntimeError, TypeError))  # torch's own error
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("spec", ["torch:cpu", "torch:cpu:0"])
def test_the_cpu_by_any_name_is_the_torch_backend(spec: str) -> None:
    backend = parse_spec(spec)
    assert backend == parse_spec("torch")
    assert backend.spec == "torch"
    with pa.use_backend(spec):
        assert pa.ones(2).device == torch.device("cpu")


def test_cuda_without_a_gpu_says_so() -> None:
    if CUDA_DEVICES:
        pytest.skip("this machine has a CUDA device")
    for spec in ("torch:cuda", "torch:cuda:0"):
        with pytest.raises(DeviceUnavailableError, match="no CUDA device"):
            pa.set_backend(spec)


@pytest.mark.cuda
def test_every_gpu_here_is_accepted() -> None:
    for index in range(CUDA_DEVICES):
        backend = parse_spec(f"torch:cuda:{index}")
        assert backend.spec == f"torch:cuda:{index}"
        with pa.use_backend(backend):
            assert pa.ones(2).device == torch.device("cuda", index)
    assert parse_spec("torch:cuda").spec == "torch:cuda"
