"""Choosing the backend: the environment, set_backend, use_backend, and their errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading

import numpy as np
import pytest

import polyarray as pa
from polyarray.errors import (
    BackendNotInstalledError,
    DeviceUnavailableError,
    MixedBackendsError,
    PolyarrayError,
    UnknownBackendError,
)


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("POLYARRAY_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=False
    )


def test_default_backend_is_numpy() -> None:
    result = run_python("import polyarray as pa; print(pa.get_backend().spec)")
    assert result.stdout.strip() == "numpy", result.stderr


def test_environment_variable_chooses_the_backend() -> None:
    code = "import polyarray as pa; x = pa.zeros(2); print(type(x).__module__, pa.get_backend())"
    result = run_python(code, POLYARRAY_BACKEND="torch")
    assert result.stdout.split() == ["torch", "<polyarray", "backend", "'torch'>"], result.stderr


def test_unknown_spec_in_environment_names_the_variable() -> None:
    result = run_python("import polyarray as pa; pa.zeros(2)", POLYARRAY_BACKEND="tensorflow")
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "UnknownBackendError" in last_line
    assert "'tensorflow'" in last_line
    assert "POLYARRAY_BACKEND" in last_line
    assert "numpy, torch" in last_line


def test_environment_never_imports_a_module_by_name(tmp_path: object) -> None:
    # A spec naming an importable module must not import it: only registered names count.
    result = run_python(
        "import sys, polyarray as pa\n"
        "try:\n    pa.zeros(1)\nexcept pa.errors.UnknownBackendError:\n    pass\n"
        "print('json' in sys.modules, 'this' in sys.modules)",
        POLYARRAY_BACKEND="this",
    )
    assert result.stdout.split()[-1] == "False", result.stderr


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("", "non-empty string"),
        ("  ", "non-empty string"),
        ("nump", "unknown backend spec 'nump'"),
        ("torch:", "names no device"),
        ("torch:gpu", "no device 'gpu'"),
        ("torch:cuda:x", "no device 'cuda:x'"),
        ("numpy:cuda", "CPU only, not on 'cuda'"),
        (":cuda", "unknown backend spec ':cuda'"),
    ],
)
def test_bad_specs_raise_unknown_backend(spec: str, expected: str) -> None:
    with pytest.raises(UnknownBackendError, match=re.escape(expected)) as info:
        pa.set_backend(spec)
    assert isinstance(info.value, ValueError)


def test_bad_spec_type_is_rejected() -> None:
    with pytest.raises(UnknownBackendError, match="non-empty string"):
        pa.use_backend(3)  # type: ignore[arg-type]


def test_cuda_without_device_raises_and_never_falls_back() -> None:
    pytest.importorskip("torch")
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA device")
    before = pa.get_backend()
    with pytest.raises(DeviceUnavailableError, match="no CUDA device") as info:
        pa.set_backend("torch:cuda")
    assert "fall back" in str(info.value)
    assert isinstance(info.value, RuntimeError)
    assert pa.get_backend() == before


def test_missing_framework_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import polyarray.backends as registry

    monkeypatch.setattr(registry, "installed", lambda name: name != "torch")
    with pytest.raises(
        BackendNotInstalledError, match=r"pip install torch .*pip install -e '\.\[torch\]'"
    ):
        pa.set_backend("torch")


def test_set_backend_changes_the_process_default(backend: pa.Backend) -> None:
    seen: list[pa.Backend] = []
    pa.set_backend(backend)
    # A new thread starts with an empty context: it sees the process default.
    thread = threading.Thread(target=lambda: seen.append(pa.get_backend()))
    thread.start()
    thread.join()
    assert seen == [backend]
    pa.set_backend("numpy")
    assert pa.get_backend() == backend  # this test's own use_backend block still wins


def test_use_backend_nests_and_restores(backend: pa.Backend) -> None:
    with pa.use_backend("numpy"):
        assert isinstance(pa.zeros(1), np.ndarray)
        with pa.use_backend(backend) as inner:
            assert inner == backend
            assert pa.get_backend() == backend
        assert pa.get_backend().name == "numpy"
    assert pa.get_backend() == backend  # the fixture's own block


def test_use_backend_restores_after_an_exception(backend: pa.Backend) -> None:
    with pytest.raises(ZeroDivisionError), pa.use_backend("numpy"):
        1 / 0  # noqa: B018
    assert pa.get_backend() == backend


def test_use_backend_as_decorator(backend: pa.Backend) -> None:
    @pa.use_backend("numpy")
    def make() -> object:
        return pa.ones(3)

    assert isinstance(make(), np.ndarray)
    assert pa.get_backend() == backend


def test_creation_follows_active_backend(backend: pa.Backend) -> None:
    made = [pa.zeros(2), pa.asarray([1.0]), pa.arange(3), pa.linspace(0, 1, 3), pa.eye(2)]
    made += [pa.full(2, 1.5), pa.ones_like(made[0]), pa.random.default_rng(0).normal(size=2)]
    for x in made:
        assert isinstance(x, backend.array_types())
        if backend.name == "numpy":
            assert type(x) is np.ndarray
        elif backend.name == "torch":
            assert type(x) is _tensor_type()
        assert backend.device_of(x) == backend.device_name


def test_functions_follow_their_arrays_not_the_active_backend(backend: pa.Backend) -> None:
    x = pa.asarray([1.0, 2.0, 3.0])
    with pa.use_backend("numpy"):
        result = pa.mean(x)
    assert type(result) is type(x)


def test_lists_become_arrays_of_the_active_backend(backend: pa.Backend) -> None:
    result = pa.sin([0.0, 1.0])
    assert type(result) is type(pa.zeros(1))
    assert result.dtype == pa.float32


def test_lists_next_to_an_array_take_its_backend(backend: pa.Backend) -> None:
    x = pa.asarray([1.0, 2.0])
    with pa.use_backend("numpy"):
        result = pa.add(x, [10.0, 20.0])
    assert type(result) is type(x)
    assert backend.device_of(result) == backend.device_name  # and its device
    np.testing.assert_array_equal(pa.to_numpy(result), [11.0, 22.0])


def test_mixed_backends_name_both_and_the_fix() -> None:
    torch = pytest.importorskip("torch")
    with pytest.raises(MixedBackendsError) as info:
        pa.add(np.ones(2), torch.ones(2))
    message = str(info.value)
    assert "'numpy'" in message
    assert "'torch'" in message
    assert "pa.to_backend" in message
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, PolyarrayError)


def test_mixed_backends_in_a_sequence() -> None:
    torch = pytest.importorskip("torch")
    with pytest.raises(MixedBackendsError):
        pa.concat([np.ones(2), torch.ones(2)])


@pytest.mark.cuda
def test_mixed_devices_name_both() -> None:
    import torch

    from polyarray.errors import MixedDevicesError

    with pytest.raises(MixedDevicesError, match=r"cpu.*cuda:0"):
        pa.add(torch.ones(2), torch.ones(2, device="cuda"))


def test_get_backend_describes_capabilities(backend: pa.Backend) -> None:
    active = pa.get_backend()
    assert active.name == backend.name
    assert active.device_name == backend.device_name
    assert active.capabilities.autodiff is (backend.name in ("torch", "jax"))
    assert "cpu" in active.capabilities.device_kinds


def test_available_backends_lists_installed() -> None:
    available = pa.available_backends()
    assert available[0] == "numpy"
    assert ("torch" in available) == (pytest.importorskip.__name__ != "" and _torch_installed())


def _torch_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("torch") is not None


def _tensor_type() -> type:
    import torch

    return torch.Tensor


def test_one_use_backend_object_shared_by_threads(backend: pa.Backend) -> None:
    shared = pa.use_backend(backend)
    seen: list[bool] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        for _ in range(200):
            with shared:
                seen.append(pa.get_backend() == backend)
            seen.append(pa.get_backend().spec == "numpy")  # each thread's own default

    pa.set_backend("numpy")
    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8 * 400
    assert all(seen)
