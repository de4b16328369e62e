"""The causes a 100,000-call campaign (seed 41, torch against NumPy) found, one answer now.

Each call gave one exception type, or one value, on one backend and another on the other
(issue 10); the order of checks follows polyarray's documented one (NumPy's where it says
so): an axis before emptiness, a count's sign before its int64 range.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import polyarray as pa
from differential.compare import Divergence
from differential.draw import Call
from differential.known import known
from polyarray.errors import AxisError, EmptyReductionError, NegativeSizeError, ScalarOverflowError

BELOW_INT64 = -(2**63) - 1


def values(x: object) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


# -- counts and bounds -------------------------------------------------------------------


@pytest.mark.parametrize("options", [{}, {"device": None}, {"endpoint": False}])
def test_linspace_a_count_below_int64_is_negative_first(backend: pa.Backend, options: dict) -> None:
    # torch's hot path read the count as an int64 first: ScalarOverflowError.
    with pytest.raises(NegativeSizeError):
        pa.linspace(-6, 0.5, BELOW_INT64, **options)


@pytest.mark.parametrize("num", [-5, BELOW_INT64])
@pytest.mark.parametrize("dtype", ["float32", "float64", "bool"])
def test_linspace_a_complex_bound_with_a_real_dtype_is_reported_before_the_count(
    backend: pa.Backend, num: int, dtype: str
) -> None:
    with pytest.raises(TypeError, match="complex bound"):
        pa.linspace(0j, -8.18, num, dtype=getattr(pa, dtype))


def test_linspace_integer_bounds_are_checked_before_a_count_below_int64(
    backend: pa.Backend,
) -> None:
    with pytest.raises(ScalarOverflowError, match="beyond uint8"):
        pa.linspace(-3, 5, BELOW_INT64, dtype=pa.uint8)


@pytest.mark.parametrize("args", [(BELOW_INT64,), (BELOW_INT64, 0), (-(2**64),)])
def test_arange_a_bound_below_int64_overflows(backend: pa.Backend, args: tuple) -> None:
    # NumPy's arange(-2**63 - 1) was an empty array; arange(-2**63 - 1, 0) overflowed.
    with pytest.raises(ScalarOverflowError):
        pa.arange(*args)


def test_arange_of_the_int64_minimum_is_still_empty(backend: pa.Backend) -> None:
    assert values(pa.arange(-(2**63))).shape == (0,)


@pytest.mark.parametrize("options", [{}, {"device": "cpu"}, {"dtype": "float32"}])
def test_arange_a_0d_float32_bound_counts_as_the_number_it_holds(
    backend: pa.Backend, options: dict
) -> None:
    # torch counted a float32 tensor bound in float32 (the stop rounded onto the start:
    # an empty range) when a dtype or a device was given.
    if "device" in options:  # (the default device, CPU or not: torch's general path)
        options = {"device": pa.asarray(0.0).device}
    if "dtype" in options:
        options = {"dtype": pa.float32}
    start = np.float32(18.238994598388672)
    stop = 18.23899517150626
    expected = np.arange(float(start), stop, 1)
    result = pa.arange(pa.asarray(start), stop, 1, **options)
    assert values(result).shape == expected.shape


# -- axes before everything else ---------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2])
def test_diff_of_a_0d_array_is_an_axis_error_for_any_axis(backend: pa.Backend, n: int) -> None:
    for axis in (BELOW_INT64, 2**64, 0):
        with pytest.raises(AxisError, match="0-d array"):
            pa.diff(pa.asarray(25.25), axis=axis, n=n)


def test_diff_of_a_1d_array_with_an_axis_beyond_int64_overflows(backend: pa.Backend) -> None:
    with pytest.raises(ScalarOverflowError):
        pa.diff(pa.asarray([1.0, 2.0, 4.0]), axis=BELOW_INT64, n=2)


@pytest.mark.parametrize("function", ["min", "max"])
@pytest.mark.parametrize("dtype", ["uint16", "int16", "float32"])
@pytest.mark.parametrize("axis", [(0, 0), (0, -2), (1, 1)])
def test_min_max_of_an_empty_array_report_a_repeated_axis_first(
    backend: pa.Backend, function: str, dtype: str, axis: tuple
) -> None:
    x = pa.zeros((0, 3), dtype=getattr(pa, dtype))
    with pytest.raises(AxisError):
        getattr(pa, function)(x, axis=axis)


@pytest.mark.parametrize("function", ["min", "max"])
def test_min_max_of_an_empty_array_along_valid_axes_is_still_empty(
    backend: pa.Backend, function: str
) -> None:
    x = pa.zeros((0, 3), dtype=pa.uint16)
    with pytest.raises(EmptyReductionError):
        getattr(pa, function)(x, axis=0)
    assert values(getattr(pa, function)(x, axis=1)).shape == (0,)


@pytest.mark.parametrize(
    ("source", "destination", "error"),
    [
        (-5, 2**64, AxisError),
        ((0, -5), (1, 2**64), AxisError),
        (2**64, -5, ScalarOverflowError),
        (0, 2**64, ScalarOverflowError),
        ((0, 1), (1, 2**64), ScalarOverflowError),
    ],
)
def test_moveaxis_checks_the_source_then_the_destination(
    backend: pa.Backend, source: object, destination: object, error: type
) -> None:
    with pytest.raises(error):
        pa.moveaxis(pa.asarray([[127]], dtype=pa.int8), source, destination)


@pytest.mark.parametrize(("source", "error"), [(0, AxisError), (2**64, ScalarOverflowError)])
def test_moveaxis_of_a_0d_array_in_the_same_order(
    backend: pa.Backend, source: int, error: type
) -> None:
    with pytest.raises(error):
        pa.moveaxis(pa.asarray(1.0), source, 2**64)


@pytest.mark.parametrize("order", [-np.inf, -1, 2, np.inf])
@pytest.mark.parametrize("axis", [(2**62, 1, 2), (1, 1), (1, -2)])
def test_vector_norm_of_an_empty_array_reports_a_bad_axis_first(
    backend: pa.Backend, order: float, axis: tuple
) -> None:
    x = pa.zeros((2, 0, 4), dtype=pa.float32)
    with pytest.raises(AxisError):
        pa.linalg.vector_norm(x, axis=axis, keepdims=True, ord=order)


def test_matrix_power_an_exponent_beyond_int64_before_the_shape(backend: pa.Backend) -> None:
    with pytest.raises(ScalarOverflowError):
        pa.linalg.matrix_power(pa.asarray(-24004), 2**64)


# -- values ------------------------------------------------------------------------------


def test_isin_with_strided_test_elements(backend: pa.Backend) -> None:
    # torch.isin viewed a transposed (4, 1, 3) tensor flat: "view size is not compatible".
    elements = np.arange(9, dtype=np.uint32).reshape(1, 3, 3)
    tests = np.swapaxes(np.arange(12, dtype=np.int8).reshape(3, 1, 4), 0, -1)
    x1, x2 = pa.asarray(elements), pa.asarray(np.ascontiguousarray(tests))
    # a (4, 1, 3) view of a (3, 1, 4) array, not a copy
    strided = pa.permute_dims(pa.asarray(np.arange(12, dtype=np.int8).reshape(3, 1, 4)), (2, 1, 0))
    for invert in (False, True):
        expected = np.isin(elements, tests, invert=invert)
        assert values(pa.isin(x1, x2, invert=invert)).tolist() == expected.tolist()
        assert values(pa.isin(x1, strided, invert=invert)).tolist() == expected.tolist()


@pytest.mark.parametrize("function", ["std", "var"])
@pytest.mark.parametrize("correction", [0, 0.5, 1])
def test_spread_over_no_axes_is_nan_for_nan_and_infinities(
    backend: pa.Backend, function: str, correction: float
) -> None:
    data = np.array([[1.0, -10.1], [np.nan, np.inf], [-np.inf, 2.5]])
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # (NumPy's inf - inf, 0 / 0)
        expected = getattr(np, function)(data, axis=(), ddof=correction)
        x = pa.asarray(data, dtype=pa.float64)
        result = getattr(pa, function)(x, axis=(), correction=correction)
    np.testing.assert_array_equal(values(result), expected)


def test_spread_of_complex_numbers_over_no_axes_is_real(backend: pa.Backend) -> None:
    data = np.array([1 + 1j, complex(np.inf, 0), complex(0, np.nan)])
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # (NumPy's inf - inf)
        expected = np.var(data, axis=())
        result = values(pa.var(pa.asarray(data), axis=()))
    assert result.dtype.kind == "f"
    np.testing.assert_array_equal(result, expected)


# -- the divergences kept, recognised by the differential tests ----------------------------


def test_known_recognises_complex_pow_at_a_zero_base_whatever_the_mutation() -> None:
    divergence = Divergence("values", "")
    at_zero = Call(args=(np.array([0], np.int8), np.array([-2.99 + 4.87j])))
    elsewhere = Call(args=(np.array([1], np.int8), np.array([-2.99 + 4.87j])))
    assert known("pow", "arg 0: dtype int8", divergence, at_zero, "torch") is not None
    assert known("pow", "arg 0: dtype int8", divergence, elsewhere, "torch") is None


def test_known_recognises_vector_norms_whose_powers_overflow() -> None:
    divergence = Divergence("values", "")
    huge = Call(args=(np.array(-90.7),), kwargs={"ord": 2**63})
    ordinary = Call(args=(np.array([3.0, 4.0]),), kwargs={"ord": 3})
    assert known("linalg.vector_norm", "ord", divergence, huge, "torch") is not None
    assert known("linalg.vector_norm", "ord", divergence, ordinary, "torch") is None
