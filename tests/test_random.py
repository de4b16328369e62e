"""pa.random: NumPy's names, the active backend and device, reproducible per seed."""

from __future__ import annotations

import numpy as np
import pytest

import polyarray as pa


def values(x: object) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def test_same_seed_same_numbers(backend: pa.Backend) -> None:
    first = pa.random.default_rng(7).normal(size=(3, 4))
    second = pa.random.default_rng(7).normal(size=(3, 4))
    np.testing.assert_array_equal(values(first), values(second))
    assert not np.array_equal(values(first), values(pa.random.default_rng(8).normal(size=(3, 4))))


def test_generator_methods(backend: pa.Backend) -> None:
    rng = pa.random.default_rng(0)
    normal = rng.normal(loc=10.0, scale=0.1, size=10_000)
    assert normal.dtype == pa.float32
    assert abs(float(pa.mean(normal)) - 10.0) < 0.01
    uniform = rng.uniform(-2.0, 3.0, size=(100, 100), dtype=pa.float64)
    assert uniform.dtype == pa.float64
    assert float(pa.min(uniform)) >= -2.0
    assert float(pa.max(uniform)) < 3.0
    integers = rng.integers(5, 8, size=1000)
    assert integers.dtype == pa.int64
    assert set(values(integers).tolist()) == {5, 6, 7}
    assert set(values(rng.integers(2, size=200, endpoint=True)).tolist()) == {0, 1, 2}
    assert rng.random().shape == ()
    assert 0.0 <= float(rng.random()) < 1.0
    assert rng.standard_normal(4).shape == (4,)


def test_generator_stays_on_its_backend(backend: pa.Backend) -> None:
    rng = pa.random.default_rng(1)
    with pa.use_backend("numpy"):
        sample = rng.normal(size=2)
    assert backend.device_of(sample) == backend.device_name
    assert type(sample) is type(pa.zeros(1))
    assert repr(rng) == f"<polyarray.random.Generator on {backend.spec!r}>"


def test_module_level_functions_are_seeded(backend: pa.Backend) -> None:
    pa.random.seed(123)
    first = values(pa.random.normal(size=5))
    pa.random.seed(123)
    np.testing.assert_array_equal(values(pa.random.normal(size=5)), first)
    assert pa.random.uniform(size=2).dtype == pa.float32
    assert pa.random.random(3).shape == (3,)
    assert pa.random.integers(3, size=4).dtype == pa.int64


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda r: r.normal(size=(2, "x")), TypeError, "size must be"),
        (lambda r: r.normal(dtype=pa.int32), TypeError, "real floating"),
        (lambda r: r.integers(5, 5), ValueError, "low < high"),
        (lambda r: r.integers(0, 5, dtype=pa.float32), TypeError, "integer dtype"),
    ],
)
def test_bad_arguments(backend: pa.Backend, call: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        call(pa.random.default_rng(0))  # type: ignore[operator]


def test_bad_seed() -> None:
    with pytest.raises(TypeError, match="seed must be an int"):
        pa.random.default_rng("abc")  # type: ignore[arg-type]
