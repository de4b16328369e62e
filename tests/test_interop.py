"""pa.to_backend and pa.to_numpy: zero-copy where memory allows, explicit copies otherwise."""

from __future__ import annotations

import numpy as np
import pytest

import polyarray as pa


def test_to_numpy_of_every_backend(backend: pa.Backend) -> None:
    x = pa.asarray([[1.5, 2.5]])
    result = pa.to_numpy(x)
    assert type(result) is np.ndarray
    assert result.dtype == np.float32
    np.testing.assert_array_equal(result, [[1.5, 2.5]])


def test_round_trip_keeps_dtype_and_values(backend: pa.Backend) -> None:
    for dtype in ("int8", "uint8", "int64", "float64", "complex64", "bool"):
        source = np.arange(6).reshape(2, 3).astype(dtype)
        converted = pa.to_backend(source, backend)
        assert converted.dtype == getattr(pa, dtype)
        assert backend.device_of(converted) == backend.device_name
        np.testing.assert_array_equal(pa.to_numpy(converted), source)


def test_cpu_conversion_shares_memory() -> None:
    torch = pytest.importorskip("torch")
    array = np.zeros(4)
    tensor = pa.to_backend(array, "torch")
    tensor[0] = 5.0
    assert array[0] == 5.0
    back = pa.to_numpy(tensor)
    back[1] = 7.0
    assert float(tensor[1]) == 7.0
    assert isinstance(tensor, torch.Tensor)


def test_layouts_dlpack_cannot_share_are_copied() -> None:
    pytest.importorskip("torch")
    array = np.arange(6.0)
    reversed_view = pa.to_backend(array[::-1], "torch")
    np.testing.assert_array_equal(pa.to_numpy(reversed_view), array[::-1])
    read_only = np.arange(3.0)
    read_only.flags.writeable = False
    np.testing.assert_array_equal(pa.to_numpy(pa.to_backend(read_only, "torch")), read_only)


def test_tensors_requiring_grad_are_detached() -> None:
    torch = pytest.importorskip("torch")
    leaf = torch.ones(3, requires_grad=True)
    result = pa.to_numpy(leaf * 2)
    np.testing.assert_array_equal(result, [2.0, 2.0, 2.0])
    moved = pa.to_backend(leaf, "torch")
    assert not moved.requires_grad
    assert leaf.requires_grad


def test_conjugated_tensors_convert() -> None:
    torch = pytest.importorskip("torch")
    tensor = torch.tensor([1 + 2j], dtype=torch.complex64).conj()
    np.testing.assert_array_equal(pa.to_numpy(tensor), [1 - 2j])


def test_python_values_become_arrays_of_the_target(backend: pa.Backend) -> None:
    converted = pa.to_backend([1.0, 2.0], backend)
    assert type(converted) is type(pa.zeros(1))
    assert converted.dtype == pa.float32
    assert pa.to_numpy(3).dtype == np.int64


def test_numpy_scalars_convert(backend: pa.Backend) -> None:
    converted = pa.to_backend(np.float64(2.5), backend)
    assert converted.shape == ()
    assert converted.dtype == pa.float64


def test_unknown_target_is_a_clear_error() -> None:
    with pytest.raises(pa.errors.UnknownBackendError, match="unknown backend spec 'cupy'"):
        pa.to_backend(np.zeros(1), "cupy")


@pytest.mark.cuda
def test_cuda_round_trip_copies() -> None:
    array = np.arange(4.0)
    on_gpu = pa.to_backend(array, "torch:cuda")
    assert on_gpu.device.type == "cuda"
    np.testing.assert_array_equal(pa.to_numpy(on_gpu), array)
