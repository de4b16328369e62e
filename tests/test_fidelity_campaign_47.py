"""The divergences of the final 100k-call torch campaign (seed 47, issue 10), one answer now.

Each case gave torch one answer and NumPy another (docs/semantics/reductions.md "isclose",
docs/semantics/linalg.md "a NaN order", docs/errors.md for axes beyond int64); the complex
products with infinite parts are documented as each backend's own (arithmetic.md).
"""

from __future__ import annotations

import numpy as np
import pytest

import polyarray as pa
from polyarray import errors


def array(value: object, dtype: str) -> object:
    return pa.asarray(np.asarray(value, dtype=dtype))


def test_isclose_compares_integers_as_numpy_does(backend: pa.Backend) -> None:
    # torch took both as float32, in which -5976 and 103442008956899 are within rtol=1.
    a = array([[-5976], [-2054]], "int16")
    b = array(103442008956899, "uint64")
    assert pa.allclose(a, b, rtol=1, atol=1) is False
    expected = np.isclose(np.array([[-5976], [-2054]], np.int16), np.uint64(103442008956899), 1, 1)
    assert np.array_equal(pa.to_numpy(pa.isclose(a, b, rtol=1, atol=1)), expected)


def test_isclose_of_huge_integers_beside_a_python_int(backend: pa.Backend) -> None:
    a = array([2**53, 2**53 + 2], "int64")
    result = pa.to_numpy(pa.isclose(a, 2**53 + 2, rtol=0, atol=1))
    assert result.tolist() == [False, True]


def test_isclose_keeps_a_floating_operands_dtype_beside_integers(backend: pa.Backend) -> None:
    # float32 beside int16: compared in float32 (1e-8 apart is equal there) on every backend.
    a = array([1.0 + 2**-20], "float32")
    assert pa.to_numpy(pa.isclose(a, array([1], "int16"), rtol=0, atol=0)).tolist() == [False]
    assert pa.to_numpy(pa.isclose(array([1.0], "float32"), 1, rtol=0, atol=0)).tolist() == [True]


@pytest.mark.parametrize("order", [float("nan"), np.float64("nan")])
def test_vector_norm_refuses_a_nan_order(backend: pa.Backend, order: float) -> None:
    # NumPy gave NaN, torch the magnitudes of the input.
    with pytest.raises(ValueError, match="NaN"):
        pa.linalg.vector_norm(array([[0.5]], "float64"), keepdims=True, ord=order)


def test_vector_norm_reports_a_0d_axis_before_a_complex_order(backend: pa.Backend) -> None:
    # torch reported the order (TypeError), NumPy the axis.
    with pytest.raises(errors.AxisError):
        pa.linalg.vector_norm(array(-1.0, "float64"), axis=0, ord=-np.inf + 0j)


def test_vector_norm_still_refuses_a_complex_order(backend: pa.Backend) -> None:
    with pytest.raises(TypeError, match="real part"):
        pa.linalg.vector_norm(array([3.0, 4.0], "float32"), ord=2 + 0j)


@pytest.mark.parametrize("axis", [-(2**63) - 1, 2**64])
@pytest.mark.parametrize("dtypes", [("int8", "uint8", "uint64"), ("int8", "int8")])
def test_concat_reports_an_axis_beyond_int64_before_the_dtypes(
    backend: pa.Backend, axis: int, dtypes: tuple[str, ...]
) -> None:
    # torch reported that int16 and uint64 have no common dtype; JAX called the axis out of
    # range.
    arrays = [array([1, 2], dtype) for dtype in dtypes]
    with pytest.raises(errors.ScalarOverflowError):
        pa.concat(arrays, axis=axis)


def test_concat_without_a_common_dtype_is_a_promotion_error(backend: pa.Backend) -> None:
    with pytest.raises(errors.PromotionError):
        pa.concat([array([1], "int8"), array([1], "uint64")], axis=0)


# -- found by the 100k-call JAX campaign (seed 42) -------------------------------------------


@pytest.mark.parametrize(
    ("function", "shape", "axes"),
    [("fftn", (1, 0), None), ("ifftn", (4, 0), (0, 1)), ("rfftn", (0, 3), None)],
)
def test_n_d_ffts_of_an_empty_axis_without_s_are_refused(
    backend: pa.Backend, function: str, shape: tuple[int, ...], axes: object
) -> None:
    # JAX gave an empty result; NumPy and torch refuse an axis of no points.
    with pytest.raises(ValueError, match="FFT points"):
        getattr(pa.fft, function)(pa.zeros(shape), axes=axes)


def test_n_d_fft_lengths_are_checked_before_the_axes_they_imply(backend: pa.Backend) -> None:
    with pytest.raises(ValueError, match="FFT points"):
        pa.fft.rfftn(pa.asarray(6.5), s=(0,))
    with pytest.raises(errors.AxisError):
        pa.fft.rfftn(pa.asarray(6.5), s=(3,))


@pytest.mark.parametrize(
    ("function", "s", "shape"),
    [("fftn", (-1, 3), (2, 3)), ("rfftn", (-1, -1), (2, 2)), ("irfftn", (-1, -1), (2, 4))],
)
def test_a_length_of_minus_one_uses_the_whole_axis(
    backend: pa.Backend, function: str, s: tuple[int, ...], shape: tuple[int, ...]
) -> None:
    x = pa.ones((2, 3))
    assert getattr(pa.fft, function)(x, s=s).shape == shape


@pytest.mark.parametrize("axes", [None, 1, "ab", (None, 1), (True, False), (1.0, 0)])
def test_permute_dims_takes_a_tuple_of_ints_only(backend: pa.Backend, axes: object) -> None:
    with pytest.raises(TypeError, match="int"):
        pa.permute_dims(pa.zeros((1, 0), dtype=pa.bool), axes)  # type: ignore[arg-type]


def test_permute_dims_takes_numpy_integers_and_lists(backend: pa.Backend) -> None:
    x = pa.zeros((1, 0))
    assert pa.permute_dims(x, (np.int64(1), 0)).shape == (0, 1)
    assert pa.permute_dims(x, [1, 0]).shape == (0, 1)  # type: ignore[arg-type]
    with pytest.raises(errors.AxisError):
        pa.permute_dims(x, (1, 1))


# -- found by the 100k-call torch campaign of seed 48 -----------------------------------------


def test_astype_reports_the_dtype_before_the_device(backend: pa.Backend) -> None:
    # NumPy reported the device first.
    with pytest.raises(errors.UnknownDtypeError):
        pa.astype(array(514, "uint16"), "foo", copy=False, device="nonsense")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["matmul", "linalg.matmul"])
def test_matmul_reports_contracted_lengths_before_batch_shapes(
    backend: pa.Backend, name: str
) -> None:
    function = pa.matmul if name == "matmul" else pa.linalg.matmul
    # torch reported the batch shapes (4 and 2 do not broadcast) first.
    with pytest.raises(errors.MatmulShapeError):
        function(pa.zeros((4, 1, 2)), pa.zeros((2, 4, 2)))
    # Batch shapes alone that do not broadcast: BroadcastError (JAX: ValueError).
    with pytest.raises(errors.BroadcastError):
        function(pa.zeros((5, 2, 3)), pa.zeros((4, 3, 2)))


@pytest.mark.parametrize(
    ("shapes", "axis", "error"),
    [
        ([(0,)], -2, errors.AxisError),
        ([(0,), (0,)], 1, errors.AxisError),
        ([(0,), (2, 3)], 1, errors.ShapeError),
        ([(0,), (0, 3)], 0, errors.ShapeError),
    ],
)
def test_concat_does_not_skip_1d_empty_arrays(
    backend: pa.Backend, shapes: list[tuple[int, ...]], axis: int, error: type[Exception]
) -> None:
    # torch skips tensors of shape (0,) whatever the axis and the other tensors' ndim.
    with pytest.raises(error):
        pa.concat([pa.zeros(shape) for shape in shapes], axis=axis)


def test_concat_of_1d_empty_arrays_along_their_axis(backend: pa.Backend) -> None:
    assert pa.concat([pa.zeros((0,)), pa.zeros((2,))], axis=-1).shape == (2,)
    assert pa.concat([pa.zeros((0,))], axis=0).shape == (0,)


@pytest.mark.parametrize("args", [(2**63,), (0, 2**63), (2**64,)])
def test_arange_bound_beyond_int64_is_a_scalar_overflow(
    backend: pa.Backend, args: tuple[int, ...]
) -> None:
    # NumPy's (and JAX's) arange(2**63) was an AllocationError, torch's a ScalarOverflowError.
    with pytest.raises(errors.ScalarOverflowError):
        pa.arange(*args)


def test_arange_of_int64s_largest_count_is_an_allocation_error(backend: pa.Backend) -> None:
    with pytest.raises(errors.AllocationError):
        pa.arange(2**63 - 1)


# -- found by the 100k-call torch campaign of seed 49 -----------------------------------------


def test_searchsorted_right_side_past_a_nan_it_meets(backend: pa.Backend) -> None:
    # torch's right side took the NaN it met for smaller than -16.0: 1, not 0.
    x = array([1.401298464324817e-45, np.nan], "float32")
    assert int(pa.searchsorted(x, -16.177577399419746, side="right")) == 0
    values = array([np.nan, 1.0, 2.0, 5.0, np.inf], "float32")
    sorted_ = array([1.0, 2.0, np.nan, np.nan], "float32")
    found = pa.to_numpy(pa.searchsorted(sorted_, values, side="right")).tolist()
    assert found == [4, 1, 2, 2, 2]


def test_vector_norm_of_nothing_with_a_huge_order_is_zero(backend: pa.Backend) -> None:
    # NumPy and JAX took 1 / 1e308 in float32 for 0, and gave 0**0 = 1.
    assert float(pa.linalg.vector_norm(pa.zeros((2, 3, 0)), ord=1e308)) == 0.0
    assert pa.to_numpy(pa.linalg.vector_norm(pa.zeros((2, 0)), axis=1, ord=3.0)).tolist() == [0, 0]


# -- found by the 100k-call torch campaign of seed 50 -----------------------------------------


def test_roll_of_a_0d_array_by_a_shift_beyond_int64(backend: pa.Backend) -> None:
    # torch raised ScalarOverflowError; a shift is taken modulo the length, as NumPy does.
    x = array(0j, "complex64")
    assert pa.to_numpy(pa.roll(x, 2**63)).tolist() == 0j
    assert pa.to_numpy(pa.roll(array([0, 1, 2], "int64"), 2**63 + 2)).tolist() == [2, 0, 1]


def test_full_of_no_elements_beside_a_size_no_int64_counts(backend: pa.Backend) -> None:
    # torch's float fast path made an empty tensor of shape (2**62, 0, 2).
    with pytest.raises(errors.AllocationError):
        pa.full((2**62, 0, 2), -57.38)


@pytest.mark.parametrize("where", ["a", "b"])
def test_lstsq_refuses_nan(backend: pa.Backend, where: str) -> None:
    # torch's gelsd failed an internal assertion (RuntimeError); NumPy's SVD did not converge.
    a = array([[np.nan if where == "a" else 1.0, 0.5], [0.5, 2.0], [1.0, 1.0]], "float32")
    b = array([1.0, np.nan if where == "b" else 2.0, 3.0], "float32")
    with pytest.raises(errors.LinAlgError):
        pa.linalg.lstsq(a, b)


def test_tensordot_of_one_term_keeps_nan_times_zero(backend: pa.Backend) -> None:
    # NumPy's BLAS call skipped the zero factor: 0 where np.matmul gives NaN.
    x = array([[0.0], [np.nan]], "float32")
    result = pa.to_numpy(pa.linalg.tensordot(x, array([[False]], "bool"), axes=1))
    assert np.isnan(result[1, 0])
    assert result[0, 0] == 0
    full = pa.to_numpy(pa.tensordot(array([[np.nan]], "float32"), array([[0.0]], "float32")))
    assert np.isnan(full)


# -- found by the 100k-call torch campaign of seed 52 -----------------------------------------


def test_repeat_beyond_int64s_count_is_an_allocation_error(backend: pa.Backend) -> None:
    # NumPy's count overflowed to a negative size (NegativeSizeError).
    with pytest.raises(errors.AllocationError):
        pa.repeat(array([-11, -2], "int64"), 2**63 - 1, axis=0)


def test_repeat_of_nothing_by_a_huge_count(backend: pa.Backend) -> None:
    # torch refused it with a RuntimeError; nothing repeated is nothing.
    assert pa.repeat(pa.zeros((0, 2)), 2**62, axis=0).shape == (0, 2)
    with pytest.raises(errors.AllocationError):
        pa.repeat(pa.zeros((2, 0)), 2**62, axis=0)


@pytest.mark.parametrize(
    ("args", "expected"),
    [((-11, -1, 2**63 - 1), [-11]), ((-(2**63), 2**63 - 1, 2**62), [-(2**63), -(2**62), 0, 2**62])],
)
def test_arange_with_steps_torch_cannot_count(
    backend: pa.Backend, args: tuple[int, ...], expected: list[int]
) -> None:
    # torch's int64 count overflowed: an empty range.
    assert pa.to_numpy(pa.arange(*args)).tolist() == expected


def test_reshape_of_nothing_to_sizes_no_int64_counts(backend: pa.Backend) -> None:
    # torch reported the element count (ReshapeError), NumPy and JAX the size first.
    with pytest.raises(errors.AllocationError):
        pa.reshape(pa.zeros((4, 0), dtype=pa.int32), (2**62, 1))
    with pytest.raises(errors.ReshapeError):
        pa.reshape(pa.zeros((4, 0), dtype=pa.int32), (5, 1))


# -- found by the 100k-call torch campaign of seed 53 -----------------------------------------


def test_repeat_count_beyond_int64_is_a_scalar_overflow(backend: pa.Backend) -> None:
    # NumPy's new count check reported the size first (AllocationError).
    with pytest.raises(errors.ScalarOverflowError):
        pa.repeat(array([-96], "int64"), 2**63)


def test_clip_reports_a_float_bound_before_an_int_bound_out_of_range(backend: pa.Backend) -> None:
    # torch reported max=-1 beyond uint16 first.
    with pytest.raises(TypeError, match="float bound"):
        pa.clip(array([4172, 4172], "uint16"), 1.0, -1)


def test_complex_linspace_to_an_infinite_real_bound(backend: pa.Backend) -> None:
    # torch's kernel counts back from stop: NaN in the second half.
    points = pa.to_numpy(pa.linspace(10, -np.inf, 5, dtype=pa.complex64))
    assert np.isnan(points[0].real)
    assert np.all(np.isneginf(points[1:].real))
    assert np.all(points.imag == 0)
