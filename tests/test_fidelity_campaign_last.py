"""The last divergences of the 100k-call differential campaign (issue 10), one answer now.

Each case is a call that gave torch one answer and NumPy another: an error on one only,
two error types, or another value (docs/semantics.md, "Argument edges found by the
100k-call differential campaign" and the rows it names).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import polyarray as pa
from polyarray import errors


def values(x: object) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def array(value: object, dtype: str) -> object:
    return pa.asarray(np.asarray(value, dtype=dtype))


# -- shapes and counts --------------------------------------------------------------------


def test_broadcast_to_refuses_a_negative_size_beside_a_zero(backend: pa.Backend) -> None:
    # torch made a tensor of shape (-8, 0).
    with pytest.raises(errors.NegativeSizeError):
        pa.broadcast_to(0, (-8, 0))


def test_broadcast_to_refuses_more_bytes_than_int64_counts(backend: pa.Backend) -> None:
    # torch made a view of 2**62 float32 elements (2**64 bytes).
    with pytest.raises(errors.AllocationError):
        pa.broadcast_to(array(np.inf, "float32"), (2**62,))
    assert pa.broadcast_to(array(1.0, "float32"), (2, 3)).shape == (2, 3)


@pytest.mark.parametrize("endpoint", [True, False])
def test_linspace_refuses_a_count_beyond_int64(backend: pa.Backend, endpoint: bool) -> None:
    # NumPy gave an empty array for endpoint=False.
    with pytest.raises(errors.ScalarOverflowError):
        pa.linspace(1.5, -9, 2**63, endpoint=endpoint)


def test_linspace_refuses_a_boolean_count(backend: pa.Backend) -> None:
    # torch took True as 1 with endpoint=False.
    with pytest.raises(TypeError, match="num"):
        pa.linspace(1.5, 3, True, endpoint=False)


@pytest.mark.parametrize("args", [(2**63 - 1,), (0, 2**63 - 1), (-1, 2**63 - 1)])
def test_arange_refuses_a_count_near_int64s_end(backend: pa.Backend, args: tuple[int, ...]) -> None:
    # NumPy's count overflowed: an empty array.
    with pytest.raises(errors.AllocationError):
        pa.arange(*args)
    assert pa.arange(0).shape == (0,)
    assert pa.arange(-3).shape == (0,)


def test_arange_reads_0d_bounds_as_python_numbers(backend: pa.Backend) -> None:
    # NumPy counted in the float32 bound's dtype: 6.5e-214 became 0, an empty array.
    result = pa.arange(array(0.0, "float32"), 6.4738610705016265e-214, 2)
    assert result.shape == (1,)
    assert result.dtype == pa.float32


@pytest.mark.parametrize("dtype", ["complex128", "uint64", "int8"])
def test_repeat_refuses_a_negative_count_beyond_int64_first(
    backend: pa.Backend, dtype: str
) -> None:
    # torch checked the 0-d array's axis (AxisError) or int64's range first.
    x0d = array(0, dtype)
    with pytest.raises(errors.NegativeSizeError):
        pa.repeat(x0d, -(2**63) - 1, axis=np.int32(0))
    with pytest.raises(errors.NegativeSizeError):
        pa.repeat(array([2, 2, 18], dtype), -(2**63) - 1, axis=None)


def test_stack_checks_the_dtypes_before_a_huge_axis(backend: pa.Backend) -> None:
    # NumPy reported an axis beyond a C int first, but the dtypes first for axis=5.
    arrays = [array([[1]], "uint8"), array([[4]], "uint64"), array([[2]], "int8")]
    for axis in (5, 2**31, 2**63 - 1):
        with pytest.raises(errors.PromotionError):
            pa.stack(arrays, axis=axis)


@pytest.mark.parametrize("axis", [1, 2**63, 2**64])
def test_stack_checks_the_shapes_before_a_huge_axis(backend: pa.Backend, axis: int) -> None:
    # torch reported the axis beyond int64 first (docs/errors.md: shapes before the axis).
    x = array(np.zeros((3, 1, 1)), "int64")
    with pytest.raises(errors.ShapeError):
        pa.stack([x, array(1, "int64"), x], axis=axis)


@pytest.mark.parametrize("dtype", [None, pa.float64])
def test_linspace_refuses_a_negative_count_beyond_int64_as_negative(
    backend: pa.Backend, dtype: object
) -> None:
    with pytest.raises(errors.NegativeSizeError):
        pa.linspace(0.8, -7.2, -(2**63) - 1, endpoint=False, dtype=dtype)


def test_moveaxis_refuses_an_axis_beyond_int64_before_the_0d_check(backend: pa.Backend) -> None:
    with pytest.raises(errors.ScalarOverflowError):
        pa.moveaxis(array(340, "uint32"), -(2**63) - 1, 0)
    with pytest.raises(errors.AxisError):
        pa.moveaxis(array(340, "uint32"), 0, 0)


@pytest.mark.parametrize("dtype", ["float64", "uint8"])
@pytest.mark.parametrize("axis", [5, -2, (0, 5)])
def test_roll_checks_the_axes_of_an_empty_array(
    backend: pa.Backend, dtype: str, axis: int | tuple[int, ...]
) -> None:
    # torch rolled the empty tensor without a look at the axis.
    with pytest.raises(errors.AxisError):
        pa.roll(array([], dtype), -3, axis=axis)
    assert pa.roll(array([], dtype), -3, axis=(0, 0)).shape == (0,)


# -- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["floor_divide", "remainder"])
@pytest.mark.parametrize("dtype", ["int16", "uint8", "bool"])
def test_integer_division_of_an_empty_array_by_zero(
    backend: pa.Backend, name: str, dtype: str
) -> None:
    # NumPy's backend raised, though no element is divided (NumPy's own answer is empty).
    function = getattr(pa, name)
    result = function(array([], dtype), array([[0]], dtype))
    assert result.shape == (1, 0)
    assert result.dtype == getattr(pa, dtype)
    with pytest.raises(errors.IntegerDivisionByZeroError):
        function(array([1], dtype), array([[0]], dtype))


def test_median_refuses_a_complex_python_scalar(backend: pa.Backend) -> None:
    with pytest.raises(TypeError, match="complex"):
        pa.median(complex("nan+nanj"), axis=None, keepdims=True)


def test_searchsorted_refuses_complex_values_into_an_empty_result(backend: pa.Backend) -> None:
    with pytest.raises(TypeError, match="complex"):
        pa.searchsorted(array([8, 8], "uint64"), array(np.zeros((2, 1, 0)), "complex128"))


def test_searchsorted_right_stops_before_a_nan(backend: pa.Backend) -> None:
    # NaN sorts last, above every number: torch's right side went past it.
    x = array([-0.0, 0.0, np.nan], "float32")
    result = pa.searchsorted(x, array([0.0, np.nan, 5.0, -1.0], "float32"), side="right")
    assert values(result).tolist() == [2, 3, 2, 0]


@pytest.mark.parametrize("name", ["var", "std"])
def test_correction_beyond_int64_overflows(backend: pa.Backend, name: str) -> None:
    # torch computed with it.
    function = getattr(pa, name)
    with pytest.raises(errors.ScalarOverflowError):
        function(array([-1.0] * 4, "float32"), axis=(0,), keepdims=True, correction=2**63)
    with pytest.raises(errors.ScalarOverflowError):
        function(array(4e-104, "float64"), correction=-(2**63) - 1)


@pytest.mark.parametrize("name", ["var", "std"])
def test_negative_correction_of_an_empty_array_is_zero(backend: pa.Backend, name: str) -> None:
    # torch's mean of nothing made NaN of it; NumPy: no deviations over a count of 5.
    function = getattr(pa, name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # (NumPy's mean of nothing)
        result = function(array([], "float32"), correction=-5)
        stacked = function(array(np.zeros((2, 0)), "complex64"), axis=1, correction=-1.5)
    assert result.dtype == pa.float32
    assert values(result).tolist() == 0.0
    assert stacked.dtype == pa.float32
    assert values(stacked).tolist() == [0.0, 0.0]


def test_matrix_norm_refuses_a_huge_int_order(backend: pa.Backend) -> None:
    # torch read it through int64 first (ScalarOverflowError).
    with pytest.raises(ValueError, match="ord must be"):
        pa.linalg.matrix_norm(array(np.eye(2), "float64"), ord=2**64, keepdims=True)


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa.log10([[[120, 255], [2**64 - 1, 2**64 - 1]]]),
        lambda: pa.asarray([120, 2**64 - 1]),
        lambda: pa.where(array(False, "bool"), [[[998145, 9896976395362025472]]], 1),
        lambda: pa.linalg.outer(array([], "uint8"), [1889, 101, 2**64 - 1]),
        lambda: pa.min_with_indices([131, 2**64 - 1], axis=-1),
    ],
)
def test_lists_of_ints_beyond_int64_overflow(backend: pa.Backend, call: object) -> None:
    # NumPy made float64 of ints within and beyond int64 (docs/semantics.md, "asarray of
    # Python ints beyond int64").
    with pytest.raises(errors.ScalarOverflowError):
        call()  # type: ignore[operator]
    # Beside a float they make a float array, as on every backend.
    assert pa.asarray([1.5, 2**64 - 1]).dtype == pa.float32


def test_reshape_of_an_empty_array_with_an_unknown_size_beside_a_zero(backend: pa.Backend) -> None:
    # (-1, 0) of 0 elements: -1 could be anything. NumPy: ReshapeError; torch: RuntimeError.
    with pytest.raises(errors.ReshapeError):
        pa.reshape(pa.zeros((1, 3, 0)), (-1, 0))
