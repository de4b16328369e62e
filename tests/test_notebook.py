"""The founding notebook's cells, done through ``pa``, on every backend, with its values."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import polyarray as pa


def values(x: Any) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def test_linspace(backend: pa.Backend) -> None:
    x = pa.linspace(0, 5, 4)
    assert x.dtype == pa.float32
    np.testing.assert_allclose(values(x), [0.0, 5 / 3, 10 / 3, 5.0], rtol=1e-6)


def test_arange_reshape(backend: pa.Backend) -> None:
    x = pa.reshape(pa.arange(48), (3, 4, 4))
    assert x.shape == (3, 4, 4)
    assert x.dtype == pa.int64
    assert values(x)[2, 3, 1] == 2 * 16 + 3 * 4 + 1


def test_broadcast_add(backend: pa.Backend) -> None:
    x = pa.ones((6, 5)) + pa.reshape(pa.arange(5), (1, 5))
    assert x.shape == (6, 5)
    np.testing.assert_array_equal(values(x), np.ones((6, 5)) + np.arange(5))


def test_image_times_scale(backend: pa.Backend) -> None:
    image = pa.random.default_rng(0).uniform(size=(256, 256, 3))
    scale = pa.asarray([0.5, 1.0, 2.0])
    scaled = pa.multiply(image, scale)
    assert scaled.shape == (256, 256, 3)
    assert scaled.dtype == pa.float32
    np.testing.assert_allclose(values(scaled), values(image) * [0.5, 1.0, 2.0], rtol=1e-6)


def test_statistics_of_a_list(backend: pa.Backend) -> None:
    x = pa.asarray([0.5, 1, 3.4])
    assert float(pa.mean(x)) == pytest.approx(1.6333333, rel=1e-6)
    assert float(pa.std(x)) == pytest.approx(np.std([0.5, 1, 3.4]), rel=1e-6)
    assert float(pa.max(x)) == pytest.approx(3.4)
    assert float(pa.min(x)) == pytest.approx(0.5)


def test_mean_over_axis_0(backend: pa.Backend) -> None:
    x = pa.reshape(pa.arange(20, dtype=float), (5, 4))
    assert x.dtype == pa.float64  # an explicit dtype wins over the default float
    np.testing.assert_array_equal(values(pa.mean(x, axis=0)), [8.0, 9.0, 10.0, 11.0])


def test_mean_over_batch_and_channels(backend: pa.Backend) -> None:
    batch = pa.random.default_rng(1).normal(size=(5, 256, 256, 3))
    means = pa.mean(batch, axis=(0, 3))
    assert means.shape == (256, 256)
    # Against the exact means (in float64): NumPy's own float32 ones add over these axes
    # element by element, which polyarray does not (see docs/semantics.md).
    exact = values(batch).astype(np.float64).mean(axis=(0, 3))
    np.testing.assert_allclose(values(means), exact, rtol=1e-5, atol=1e-7)


def test_max_with_indices_last_axis(backend: pa.Backend) -> None:
    x = pa.asarray([[1.0, 7.0, 3.0], [9.0, 2.0, 9.0]])
    result = pa.max_with_indices(x, axis=-1)
    np.testing.assert_array_equal(values(result.values), [7.0, 9.0])
    np.testing.assert_array_equal(values(result.indices), [1, 0])


def test_matmul_1000(backend: pa.Backend) -> None:
    a = pa.random.default_rng(2).uniform(size=(1000, 1000), dtype=pa.float64)
    b = pa.random.default_rng(3).uniform(size=(1000, 1000), dtype=pa.float64)
    product = pa.matmul(a, b)
    assert product.shape == (1000, 1000)
    np.testing.assert_allclose(values(product), values(a) @ values(b), rtol=1e-10)
