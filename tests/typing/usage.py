"""Typed use of polyarray, checked with ``mypy --strict`` by ``scripts/check``.

``main`` runs too (``tests/test_typing.py``), so the code it type-checks is also correct.
Each ``# type: ignore[...]`` in ``rejected`` marks a call the stubs must reject: under
``--strict`` an ignore that is not needed is itself an error, so those lines prove that
the signatures are checked (positional-only and keyword-only parameters, their types).
"""

from __future__ import annotations

from typing import Any

import polyarray as pa
from polyarray import testing
from polyarray.backends import Backend
from polyarray.errors import PolyarrayError


def column_means(x: Any) -> Any:
    return pa.mean(x, axis=0)


def normalise(image: Any, scale: Any) -> Any:
    scaled = pa.multiply(image, scale)
    return pa.divide(scaled, pa.max(scaled))


def main() -> None:
    backend: Backend = pa.get_backend()
    names: list[str] = pa.available_backends()
    assert backend.name in names

    x = pa.linspace(0, 5, 4)
    grid = pa.reshape(pa.arange(48), (3, 4, 4))
    table = pa.ones((6, 5)) + pa.reshape(pa.arange(5), (1, 5))
    assert grid.shape == (3, 4, 4)
    assert table.shape == (6, 5)
    testing.assert_close(x, [0.0, 5 / 3, 10 / 3, 5.0])

    values = pa.asarray([0.5, 1, 3.4])
    spread = pa.std(values, correction=0)
    result: pa.MinMaxResult = pa.max_with_indices(pa.reshape(grid, (3, 16)), axis=-1)
    testing.assert_equal(result.indices, [15, 15, 15])
    assert float(spread) > 0

    means = column_means(pa.reshape(pa.arange(20, dtype=pa.float64), (5, 4)))
    testing.assert_close(means, [8.0, 9.0, 10.0, 11.0])
    image = pa.random.default_rng(0).uniform(size=(4, 4, 3))
    assert normalise(image, pa.asarray([0.5, 1.0, 2.0])).shape == (4, 4, 3)

    dtype: pa.DType = pa.float32
    assert pa.zeros(2, dtype=dtype).dtype == pa.float32
    assert pa.isdtype(pa.float64, "real floating")
    product = pa.linalg.matmul(pa.eye(3), pa.ones((3, 2)))
    spectrum = pa.fft.rfft(pa.ones(8), n=8, norm="ortho")
    assert product.shape == (3, 2)
    assert spectrum.shape == (5,)

    with pa.use_backend("numpy") as numpy_backend:
        assert numpy_backend.name == "numpy"
        xp = pa.namespace("numpy")
        assert xp.backend == numpy_backend
    try:
        pa.set_backend("no-such-backend")
    except PolyarrayError as exc:
        message = str(exc)
    assert "no-such-backend" in message


def rejected(values: Any) -> None:
    """Calls the stubs reject (never run: each ignore must be needed, or mypy fails)."""
    pa.mean(values, 0)  # type: ignore[call-arg]
    pa.mean(x=values)  # type: ignore[call-arg]
    pa.reshape(values, shape=3)  # type: ignore[arg-type]
    pa.linspace(0, 1, 5, endpoint="yes")  # type: ignore[arg-type]
    pa.std(values, keepdims=1.5)  # type: ignore[arg-type]
    pa.fft.fft(values, norm="sideways")  # type: ignore[arg-type]
    pa.no_such_function(values)  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
