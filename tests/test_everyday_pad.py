"""``pa.pad`` on every backend, against ``numpy.pad``; the decisions (widths beyond the
axis, the fill value's conversion, the errors) are in docs/semantics/everyday.md."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray.errors import AllocationError, ScalarOverflowError

MODES = ["constant", "edge", "reflect", "symmetric", "wrap"]
WIDTHS = [0, 1, 3, (2, 0), ((1, 2),), ((0, 1), (2, 3)), ((1,), (2,)), ((7, 1), (0, 9))]
DATA = np.arange(12).reshape(3, 4)


def values(x: Any) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("dtype", ["float32", "int16", "uint8", "bool", "int64"])
def test_pad_matches_numpy(xp: Any, mode: str, width: Any, dtype: str) -> None:
    data = (DATA % 5).astype(dtype)
    result = xp.pad(xp.asarray(data), width, mode=mode)
    expected = np.pad(data, width, mode=mode)
    assert result.dtype == getattr(xp, dtype)
    np.testing.assert_array_equal(values(result), expected)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", [(5, 6), (0, 11)])
@pytest.mark.parametrize("size", [1, 2, 3])
def test_widths_beyond_the_axis_repeat_as_numpy(xp: Any, mode: str, width: Any, size: int) -> None:
    data = np.arange(1, size + 1, dtype=np.float64)
    result = xp.pad(xp.asarray(data, dtype=xp.float64), width, mode=mode)
    np.testing.assert_array_equal(values(result), np.pad(data, width, mode=mode))


@pytest.mark.parametrize("value", [7, -2.5, float("inf"), float("nan")])
def test_constant_values_in_a_float_dtype(xp: Any, value: float) -> None:
    data = np.ones((2, 2), dtype=np.float32)
    result = xp.pad(xp.asarray(data), 1, constant_values=value)
    np.testing.assert_array_equal(values(result), np.pad(data, 1, constant_values=value))


def test_constant_values_as_a_0d_array(xp: Any) -> None:
    result = xp.pad(xp.asarray([1, 2], dtype=xp.int32), 1, constant_values=xp.asarray(5))
    np.testing.assert_array_equal(values(result), [5, 1, 2, 5])


@pytest.mark.parametrize(("value", "dtype"), [(300, "uint8"), (-1, "uint8"), (2**40, "int32")])
def test_a_fill_out_of_the_dtypes_range_overflows(xp: Any, value: int, dtype: str) -> None:
    with pytest.raises(ScalarOverflowError):
        xp.pad(xp.zeros(3, dtype=getattr(xp, dtype)), 1, constant_values=value)


def test_a_fill_is_converted_as_full_converts(xp: Any) -> None:
    x = xp.zeros(2, dtype=xp.int32)
    result = xp.pad(x, 1, constant_values=2.75)
    expected = xp.full((), 2.75, dtype=xp.int32)
    np.testing.assert_array_equal(values(result), [values(expected), 0, 0, values(expected)])
    with pytest.raises(ValueError, match="NaN"):
        xp.pad(x, 1, constant_values=float("nan"))  # as pa.full: NaN has no int


@pytest.mark.parametrize("value", [[1, 2], None, "0"])
def test_a_fill_that_is_not_a_scalar_is_a_type_error(xp: Any, value: Any) -> None:
    with pytest.raises(TypeError, match="constant_values"):
        xp.pad(xp.zeros(3), 1, constant_values=value)


@pytest.mark.parametrize("mode", MODES)
def test_a_0d_array_is_copied(xp: Any, mode: str) -> None:
    x = xp.asarray(4.0)
    result = xp.pad(x, 2, mode=mode)
    assert tuple(result.shape) == ()
    assert float(result) == 4.0


def test_an_empty_axis_takes_only_constant_padding(xp: Any) -> None:
    x = xp.zeros((0, 2))
    result = xp.pad(x, 1)
    np.testing.assert_array_equal(values(result), np.pad(np.zeros((0, 2)), 1))
    np.testing.assert_array_equal(
        values(xp.pad(x, ((0, 0), (1, 1)), mode="edge")), np.zeros((0, 4))
    )
    with pytest.raises(ValueError, match="empty"):
        xp.pad(x, 1, mode="reflect")


@pytest.mark.parametrize("width", [-1, (1, -2), ((0, 1), (-1, 0))])
def test_a_negative_width_is_a_value_error(xp: Any, width: Any) -> None:
    with pytest.raises(ValueError, match="negative"):
        xp.pad(xp.zeros((2, 2)), width)


@pytest.mark.parametrize("width", [1.0, (1, 2.5), True, "1", None])
def test_a_width_that_is_not_an_int_is_a_type_error(xp: Any, width: Any) -> None:
    with pytest.raises(TypeError, match="pad_width"):
        xp.pad(xp.zeros((2, 2)), width)


@pytest.mark.parametrize("width", [((1, 1), (1, 1), (1, 1)), (1, 2, 3), ((1, 2, 3),)])
def test_widths_that_do_not_fit_the_axes_are_a_value_error(xp: Any, width: Any) -> None:
    with pytest.raises(ValueError, match="pad_width"):
        xp.pad(xp.zeros((2, 2)), width)


@pytest.mark.parametrize("mode", ["mean", "Reflect", None])
def test_an_unknown_mode_is_a_value_error(xp: Any, mode: Any) -> None:
    with pytest.raises(ValueError, match="mode must be"):
        xp.pad(xp.zeros(3), 1, mode=mode)


def test_numpy_integer_widths(xp: Any) -> None:
    result = xp.pad(xp.asarray(DATA), np.array([[1, 0], [0, 2]]), mode="wrap")
    np.testing.assert_array_equal(values(result), np.pad(DATA, [[1, 0], [0, 2]], mode="wrap"))
    result = xp.pad(xp.asarray(DATA), np.int64(1), mode="edge")
    np.testing.assert_array_equal(values(result), np.pad(DATA, 1, mode="edge"))


@pytest.mark.parametrize("mode", MODES)
def test_the_result_is_new_and_the_input_unchanged(xp: Any, mode: str) -> None:
    x = xp.asarray(DATA)
    result = xp.pad(x, 0, mode=mode)
    assert result is not x
    np.testing.assert_array_equal(values(result), DATA)
    np.testing.assert_array_equal(values(xp.pad(x, 2, mode=mode)), np.pad(DATA, 2, mode=mode))
    np.testing.assert_array_equal(values(x), DATA)


def test_complex_padding(xp: Any) -> None:
    data = np.array([1 + 1j, 2 - 3j])
    result = xp.pad(xp.asarray(data, dtype=xp.complex128), (1, 2), mode="reflect")
    np.testing.assert_array_equal(values(result), np.pad(data, (1, 2), mode="reflect"))
    const = xp.pad(xp.asarray(data, dtype=xp.complex128), 1, constant_values=0.5j)
    np.testing.assert_array_equal(values(const), np.pad(data, 1, constant_values=0.5j))


@pytest.mark.parametrize("mode", ["constant", "reflect", "wrap"])
@pytest.mark.parametrize(
    ("width", "error"), [(2**62, AllocationError), (2**63, ScalarOverflowError)]
)
def test_a_huge_width_is_polyarrays_error(xp: Any, mode: str, width: int, error: type) -> None:
    with pytest.raises(error):
        xp.pad(xp.zeros((2, 2)), ((0, 0), (width, 0)), mode=mode)
