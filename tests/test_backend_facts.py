"""What backends say about themselves for gradients and timing (the methods of ``Backend``
that keep framework code out of shared modules)."""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import pytest

from polyarray.backends import Backend, Capabilities, backend_class

TORCH = importlib.util.find_spec("torch") is not None


def _plain_backend(module: str = "json", autodiff: bool = False) -> Any:
    """A backend with nothing but the defaults (its module is a standard library one)."""

    class PlainBackend(Backend):
        name = "plain"
        capabilities = Capabilities(autodiff=autodiff, asynchronous=False, device_kinds=("cpu",))

    PlainBackend.module = module
    return PlainBackend


def test_the_defaults_of_a_backend_without_gradients_or_timing_facts() -> None:
    cls = _plain_backend()
    assert cls.gradients_unavailable() == "pa.grad cannot differentiate arrays of the plain backend"
    assert _plain_backend(autodiff=True).gradients_unavailable() is None
    constant = object()
    assert cls.stop_gradient(object.__new__(cls), constant) is constant
    assert cls.timing_facts(["plain"]) == {}
    assert cls.cpu_threads([]) is None
    with cls.limited_threads(1):
        pass
    missing = _plain_backend(module="polyarray_test_no_such_distribution")
    assert missing.package_versions() == {"polyarray_test_no_such_distribution": None}


def test_timing_facts_import_only_the_backend_module() -> None:
    cls = _plain_backend(module="colorsys")
    sys.modules.pop("colorsys", None)
    cls.timing_facts(["plain"])
    assert "colorsys" in sys.modules  # loaded, so that its native pools would be listed


def test_numpy_threads_are_those_of_its_own_blas_pool() -> None:
    numpy = backend_class("numpy")
    pools = [
        {"api": "openmp", "owner": "torch", "threads": 8},
        {"api": "blas", "owner": "scipy", "threads": 4},
        {"api": "blas", "owner": "numpy", "threads": 2},
    ]
    assert numpy.cpu_threads(pools) == 2
    assert numpy.cpu_threads(pools[:2]) is None
    assert numpy.cpu_threads("unknown: install threadpoolctl") is None
    assert "numpy_blas_build" in numpy.timing_facts(["numpy"])


def test_numpy_limits_its_blas_threads() -> None:
    threadpoolctl = pytest.importorskip("threadpoolctl")
    numpy = backend_class("numpy")
    with numpy.limited_threads(1):
        blas = [p for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]
        assert blas
        assert all(pool["num_threads"] == 1 for pool in blas)


@pytest.mark.skipif(not TORCH, reason="torch's facts need torch")
def test_torch_sets_and_restores_its_intra_op_threads() -> None:
    import torch

    cls = backend_class("torch")
    before = torch.get_num_threads()
    assert cls.cpu_threads([]) == before
    with cls.limited_threads(1):
        assert torch.get_num_threads() == 1
        assert cls.cpu_threads([]) == 1
    assert torch.get_num_threads() == before
    facts = cls.timing_facts(["torch"])
    assert facts["gpus"] == []  # no CUDA spec measured
    assert {"cuda_build", "tf32_matmul", "float32_matmul_precision"} <= set(facts["torch"])


def test_numpy_needs_torch_for_gradients(monkeypatch: pytest.MonkeyPatch) -> None:
    from polyarray import backends

    numpy = backend_class("numpy")
    assert numpy.gradients_unavailable() == (
        None if TORCH else "pa.grad needs torch, which is not installed"
    )
    monkeypatch.setattr(backends, "installed", lambda name: False)
    assert numpy.gradients_unavailable() == "pa.grad needs torch, which is not installed"
