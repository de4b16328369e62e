"""pa.at: updates that return a new array on every backend (JAX's immutable arrays too)."""

from __future__ import annotations

import numpy as np
import pytest

import polyarray as pa
from polyarray.errors import ScalarOverflowError


def values(x: object) -> list[object]:
    return pa.to_numpy(x).tolist()  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("operation", "value", "expected"),
    [
        ("set", 5.0, [0.0, 5.0, 0.0, 0.0]),
        ("add", 2.0, [0.0, 2.0, 0.0, 0.0]),
        ("subtract", 2.0, [0.0, -2.0, 0.0, 0.0]),
        ("multiply", 3.0, [0.0, 0.0, 0.0, 0.0]),
        ("divide", 2.0, [0.0, 0.0, 0.0, 0.0]),
        ("power", 2.0, [0.0, 0.0, 0.0, 0.0]),
        ("min", -1.0, [0.0, -1.0, 0.0, 0.0]),
        ("max", 7.0, [0.0, 7.0, 0.0, 0.0]),
    ],
)
def test_each_update_returns_a_new_array_and_leaves_x(
    backend: pa.Backend, operation: str, value: float, expected: list[float]
) -> None:
    x = pa.zeros(4)
    y = getattr(pa.at(x, 1), operation)(value)
    assert values(y) == expected
    assert values(x) == [0.0] * 4
    assert y.dtype == pa.float32
    assert type(y) is type(x)


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (slice(1, 3), [0, 9, 9, 0]),
        (-1, [0, 0, 0, 9]),
        (Ellipsis, [9, 9, 9, 9]),
        ("int-array", [9, 0, 9, 0]),
        ("bool-array", [9, 0, 0, 9]),
    ],
)
def test_indices_of_the_standard(backend: pa.Backend, index: object, expected: list[int]) -> None:
    x = pa.zeros(4, dtype=pa.int64)
    if index == "int-array":
        index = pa.asarray([0, 2])
    elif index == "bool-array":
        index = pa.asarray([True, False, False, True])
    assert values(pa.at(x, index).set(9)) == expected


def test_a_tuple_index_updates_a_matrix(backend: pa.Backend) -> None:
    x = pa.zeros((2, 3), dtype=pa.int32)
    assert values(pa.at(x, (1, slice(None))).add(4)) == [[0, 0, 0], [4, 4, 4]]
    assert values(pa.at(x, (Ellipsis, 0)).set(1)) == [[1, 0, 0], [1, 0, 0]]


@pytest.mark.parametrize("index", [4, -5, (0, 3), "array"])
def test_an_index_out_of_range_is_an_index_error(backend: pa.Backend, index: object) -> None:
    # JAX's scatter drops such updates silently; NumPy raises.
    x = pa.zeros((4, 3)) if isinstance(index, tuple) else pa.zeros(4)
    if index == "array":
        index = pa.asarray([0, 4])
    with pytest.raises(IndexError, match="out of range"):
        pa.at(x, index).set(1.0)


@pytest.mark.parametrize(
    ("dtype", "value", "error"),
    [
        ("int64", 1.5, TypeError),
        ("float32", 1j, TypeError),
        ("uint8", 300, ScalarOverflowError),
        ("int8", -129, ScalarOverflowError),
        ("bool", 2.5, TypeError),
        ("int32", "a", TypeError),
        ("int32", None, TypeError),
    ],
)
def test_a_value_the_dtype_cannot_hold_is_refused(
    backend: pa.Backend, dtype: str, value: object, error: type[Exception]
) -> None:
    x = pa.zeros(3, dtype=getattr(pa, dtype))
    with pytest.raises(error):
        pa.at(x, 0).set(value)
    assert values(x) == [0, 0, 0]


def test_an_array_value_must_cast_safely(backend: pa.Backend) -> None:
    x = pa.zeros(3, dtype=pa.int32)
    with pytest.raises(TypeError, match="without losing values"):
        pa.at(x, 0).set(pa.asarray([1.5]))
    assert values(pa.at(x, slice(0, 2)).set(pa.asarray([1, 2], dtype=pa.int8))) == [1, 2, 0]


def test_dividing_an_integer_array_is_refused(backend: pa.Backend) -> None:
    with pytest.raises(TypeError, match="float dtype"):
        pa.at(pa.zeros(3, dtype=pa.int64), 0).divide(2)


def test_x_must_be_an_array() -> None:
    with pytest.raises(TypeError, match="updates an array"):
        pa.at([1, 2, 3], 0)  # type: ignore[arg-type]


def test_a_read_only_numpy_array_is_not_written() -> None:
    x = np.zeros(3)
    x.flags.writeable = False
    assert pa.at(x, 0).set(1.0).tolist() == [1.0, 0.0, 0.0]
    assert x.tolist() == [0.0, 0.0, 0.0]


def test_inside_jax_jit() -> None:
    jax = pytest.importorskip("jax")
    with pa.use_backend("jax"):
        x = pa.zeros(3)
        y = jax.jit(lambda a: pa.at(a, 1).add(3.0))(x)
    assert values(y) == [0.0, 3.0, 0.0]
