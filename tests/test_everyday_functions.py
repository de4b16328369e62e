"""The everyday functions beyond the standard (issue 13), on every backend, against NumPy.

``pa.nansum`` ... ``pa.nanargmin``, ``pa.softmax``, ``pa.log_softmax``, ``pa.logsumexp``,
``pa.sigmoid``, ``pa.isclose`` and ``pa.allclose``: NumPy (and, for softmax and its
relatives, the formula written out in float64) is the reference; polyarray's decisions
where NumPy warns or differs are in docs/semantics.md ("Everyday functions").
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray.errors import AxisError, BroadcastError, EmptyReductionError

NAN = math.nan

MATRIX = np.array([[1.0, NAN, 3.0, -2.0], [4.0, 5.0, NAN, 0.5], [NAN, NAN, NAN, NAN]])
FINITE = np.array([[1.0, 7.0, 3.0, -2.0], [4.0, 5.0, 2.0, 0.5], [0.0, 1.0, 1.0, 0.0]])
INTEGERS = np.array([[1, 7, 3, -2], [4, 5, 2, 0]], dtype=np.int32)


def values(x: Any) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def reference(name: str, x: np.ndarray, **kwargs: Any) -> np.ndarray:
    """NumPy's answer, without its warnings for all-NaN slices (polyarray gives none)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.asarray(getattr(np, name)(x, **kwargs))


@pytest.mark.parametrize("name", ["nansum", "nanmean", "nanmax", "nanmin", "nanstd", "nanvar"])
@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_nan_reductions_match_numpy(xp: Any, name: str, axis: Any, keepdims: bool) -> None:
    x = xp.asarray(MATRIX, dtype=xp.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning, all-NaN rows included
        result = getattr(xp, name)(x, axis=axis, keepdims=keepdims)
    expected = reference(name, MATRIX, axis=axis, keepdims=keepdims)
    assert result.dtype == xp.float64
    np.testing.assert_allclose(values(result), expected, rtol=1e-12, equal_nan=True)


@pytest.mark.parametrize("name", ["nanstd", "nanvar"])
@pytest.mark.parametrize("correction", [0, 1, 1.5])
def test_nan_deviation_takes_a_correction(xp: Any, name: str, correction: float) -> None:
    x = xp.asarray(MATRIX[:2], dtype=xp.float64)
    result = getattr(xp, name)(x, axis=1, correction=correction)
    expected = reference(name, MATRIX[:2], axis=1, ddof=correction)
    np.testing.assert_allclose(values(result), expected, rtol=1e-12)


@pytest.mark.parametrize("name", ["nanmean", "nanstd", "nanvar"])
def test_integers_give_the_default_float(xp: Any, name: str) -> None:
    result = getattr(xp, name)(xp.asarray(INTEGERS), axis=0)
    assert result.dtype == xp.float32
    np.testing.assert_allclose(values(result), reference(name, INTEGERS, axis=0), rtol=1e-6)


@pytest.mark.parametrize("name", ["nansum", "nanmax", "nanmin", "nanargmax", "nanargmin"])
def test_integers_reduce_as_the_plain_reduction(xp: Any, name: str) -> None:
    x = xp.asarray(INTEGERS)
    plain = getattr(xp, name.removeprefix("nan"))(x, axis=1)
    result = getattr(xp, name)(x, axis=1)
    assert result.dtype == plain.dtype
    np.testing.assert_array_equal(values(result), values(plain))
    np.testing.assert_array_equal(values(result), reference(name, INTEGERS, axis=1))


@pytest.mark.parametrize("name", ["nanargmax", "nanargmin"])
@pytest.mark.parametrize("axis", [None, 0, 1])
def test_nan_arg_reductions_match_numpy(xp: Any, name: str, axis: Any) -> None:
    result = getattr(xp, name)(xp.asarray(MATRIX[:2]), axis=axis)
    assert result.dtype == xp.int64
    np.testing.assert_array_equal(values(result), reference(name, MATRIX[:2], axis=axis))


@pytest.mark.parametrize("name", ["nanargmax", "nanargmin"])
def test_nan_arg_reductions_take_the_first_on_ties(xp: Any, name: str) -> None:
    x = xp.asarray([NAN, 2.0, 2.0, NAN, 2.0])
    assert int(getattr(xp, name)(x)) == 1


@pytest.mark.parametrize("name", ["nanargmax", "nanargmin"])
def test_an_all_nan_slice_has_no_index(xp: Any, name: str) -> None:
    # NumPy's ValueError, as polyarray's one error for a reduction with nothing to reduce.
    with pytest.raises(EmptyReductionError, match="only NaN"):
        getattr(xp, name)(xp.asarray(MATRIX), axis=1)


@pytest.mark.parametrize("name", ["nanmax", "nanmin", "nanargmax", "nanargmin"])
def test_an_empty_slice_is_an_empty_reduction(xp: Any, name: str) -> None:
    with pytest.raises(EmptyReductionError):
        getattr(xp, name)(xp.zeros((0, 3)), axis=0)


@pytest.mark.parametrize("name", ["nansum", "nanmean", "nanmax", "nanargmax"])
def test_an_axis_out_of_range_is_an_axis_error(xp: Any, name: str) -> None:
    with pytest.raises(AxisError):
        getattr(xp, name)(xp.asarray(FINITE), axis=2)


def test_nansum_and_nanmean_of_empty_arrays(xp: Any) -> None:
    empty = xp.zeros((0,))
    assert float(xp.nansum(empty)) == 0.0
    assert math.isnan(float(xp.nanmean(empty)))


def test_nansum_takes_a_dtype(xp: Any) -> None:
    result = xp.nansum(xp.asarray([1.0, NAN, 2.0], dtype=xp.float32), dtype=xp.float64)
    assert result.dtype == xp.float64
    assert float(result) == 3.0


# -- softmax, log_softmax, logsumexp, sigmoid -----------------------------------------


def softmax_reference(x: np.ndarray, axis: int) -> np.ndarray:
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_softmax_and_log_softmax_match_the_formula(xp: Any, axis: int) -> None:
    x = xp.asarray(FINITE, dtype=xp.float64)
    expected = softmax_reference(FINITE, axis)
    np.testing.assert_allclose(values(xp.softmax(x, axis=axis)), expected, rtol=1e-12)
    logs = values(xp.log_softmax(x, axis=axis))
    np.testing.assert_allclose(logs, np.log(expected), rtol=1e-12)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_is_stable_for_large_inputs(xp: Any, name: str) -> None:
    x = xp.asarray([1000.0, 1000.0, -1000.0])
    result = values(getattr(xp, name)(x))
    assert np.isfinite(result).all()
    np.testing.assert_allclose(np.exp(result[:2]) if name == "log_softmax" else result[:2], 0.5)


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp", "sigmoid"])
@pytest.mark.parametrize("dtype", ["int32", "int64", "bool"])
def test_integers_and_booleans_give_the_default_float(xp: Any, name: str, dtype: str) -> None:
    x = xp.asarray([[1, 0, 1], [0, 0, 1]], dtype=getattr(xp, dtype))
    result = getattr(xp, name)(x)
    assert result.dtype == xp.float32
    floats = getattr(xp, name)(xp.astype(x, xp.float32))
    np.testing.assert_allclose(values(result), values(floats), rtol=1e-6)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_of_a_0d_array_is_an_axis_error(xp: Any, name: str) -> None:
    # torch takes dim=-1 of a 0-d tensor; NumPy-like rules (and JAX) have no such axis.
    with pytest.raises(AxisError):
        getattr(xp, name)(xp.asarray(2.0))


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_axis_out_of_range(xp: Any, name: str) -> None:
    with pytest.raises(AxisError):
        getattr(xp, name)(xp.asarray(FINITE), axis=2)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_of_an_empty_array_is_empty(xp: Any, name: str) -> None:
    result = getattr(xp, name)(xp.zeros((2, 0)))
    assert tuple(result.shape) == (2, 0)


@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_matches_numpy(xp: Any, axis: Any, keepdims: bool) -> None:
    x = xp.asarray(FINITE, dtype=xp.float64)
    expected = np.log(np.exp(FINITE).sum(axis=axis, keepdims=keepdims))
    result = xp.logsumexp(x, axis=axis, keepdims=keepdims)
    np.testing.assert_allclose(values(result), expected, rtol=1e-12)


def test_logsumexp_is_stable_for_large_inputs(xp: Any) -> None:
    result = float(xp.logsumexp(xp.asarray([1000.0, 1000.0], dtype=xp.float64)))
    assert result == pytest.approx(1000.0 + math.log(2.0), rel=1e-12)


def test_logsumexp_of_nothing_is_minus_infinity(xp: Any) -> None:
    assert float(xp.logsumexp(xp.zeros((0,)))) == -math.inf


def test_sigmoid_matches_the_formula_without_overflow(xp: Any) -> None:
    grid = np.linspace(-50.0, 50.0, 101)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = values(xp.sigmoid(xp.asarray(grid, dtype=xp.float64)))
        extremes = values(xp.sigmoid(xp.asarray([-1000.0, 1000.0])))
    np.testing.assert_allclose(result, 1.0 / (1.0 + np.exp(-grid)), rtol=1e-12)
    np.testing.assert_array_equal(extremes, [0.0, 1.0])


# -- isclose, allclose ------------------------------------------------------------------

A = np.array([1.0, 1.0 + 1e-6, 1.1, NAN, math.inf, -math.inf, math.inf, 0.0])
B = np.array([1.0, 1.0, 1.0, NAN, math.inf, math.inf, NAN, 1e-9])


@pytest.mark.parametrize("equal_nan", [False, True])
def test_isclose_matches_numpy(xp: Any, equal_nan: bool) -> None:
    result = xp.isclose(xp.asarray(A), xp.asarray(B), equal_nan=equal_nan)
    assert result.dtype == xp.bool
    np.testing.assert_array_equal(values(result), np.isclose(A, B, equal_nan=equal_nan))


def test_isclose_takes_tolerances(xp: Any) -> None:
    a, b = xp.asarray(A[:3]), xp.asarray(B[:3])
    np.testing.assert_array_equal(
        values(xp.isclose(a, b, rtol=0.2, atol=0.0)), np.isclose(A[:3], B[:3], rtol=0.2, atol=0.0)
    )


def test_isclose_broadcasts_and_takes_scalars_and_integers(xp: Any) -> None:
    np.testing.assert_array_equal(values(xp.isclose(xp.asarray(A), 1.0)), np.isclose(A, 1.0))
    np.testing.assert_array_equal(values(xp.isclose(1.0, xp.asarray(B))), np.isclose(1.0, B))
    ints = xp.asarray([1, 2, 3])
    np.testing.assert_array_equal(values(xp.isclose(ints, xp.asarray([1.0, 2.5, 3.0]))), [1, 0, 1])
    result = xp.isclose(xp.asarray([[1.0], [2.0]]), xp.asarray([1.0, 2.0]))
    np.testing.assert_array_equal(values(result), [[True, False], [False, True]])


def test_allclose_is_a_python_bool(xp: Any) -> None:
    assert xp.allclose(xp.asarray(FINITE), xp.asarray(FINITE + 1e-9)) is True
    assert xp.allclose(xp.asarray(A), xp.asarray(B)) is False
    assert xp.allclose(xp.asarray([NAN]), xp.asarray([NAN]), equal_nan=True) is True


@pytest.mark.parametrize("name", ["isclose", "allclose"])
def test_isclose_of_shapes_that_do_not_broadcast(xp: Any, name: str) -> None:
    with pytest.raises(BroadcastError):
        getattr(xp, name)(xp.asarray([1.0, 2.0]), xp.asarray([1.0, 2.0, 3.0]))


# -- the axis rules of the plain reductions (differential campaign, issue 13) -------------

AXIS_FUNCTIONS = [
    "nansum", "nanmean", "nanmax", "nanmin", "nanstd", "nanvar", "nanargmax", "nanargmin",
    "logsumexp", "softmax", "log_softmax",
]  # fmt: skip


def one_axis_error(name: str, axis: Any, error: type[Exception]) -> type[Exception]:
    """``error``, or the TypeError of a tuple given to nanargmax/nanargmin (one axis)."""
    return TypeError if name.startswith("nanarg") and type(axis) is tuple else error


@pytest.mark.parametrize("name", AXIS_FUNCTIONS)
@pytest.mark.parametrize("numpy_axis", [np.int64(-2), np.asarray(0)], ids=["int64", "0-d"])
def test_numpy_integers_are_axes(xp: Any, name: str, numpy_axis: Any) -> None:
    x = xp.asarray(MATRIX[:2], dtype=xp.float64)
    result = getattr(xp, name)(x, axis=numpy_axis)
    expected = getattr(xp, name)(x, axis=int(numpy_axis))
    np.testing.assert_array_equal(values(result), values(expected))


@pytest.mark.parametrize("name", AXIS_FUNCTIONS)
@pytest.mark.parametrize("axis", [[], [0], [0, 1]])
def test_a_list_axis_says_write_a_tuple(xp: Any, name: str, axis: list[int]) -> None:
    with pytest.raises(TypeError, match=rf"pa\.{name}: .*write axis=\("):
        getattr(xp, name)(xp.asarray(FINITE), axis=axis)


@pytest.mark.parametrize("name", AXIS_FUNCTIONS)
@pytest.mark.parametrize("axis", [0, -1, (0,)])
def test_a_0d_array_has_no_axes(xp: Any, name: str, axis: Any) -> None:
    with pytest.raises(one_axis_error(name, axis, AxisError), match=rf"pa\.{name}: "):
        getattr(xp, name)(xp.asarray(2.0), axis=axis)


@pytest.mark.parametrize("name", AXIS_FUNCTIONS)
@pytest.mark.parametrize("axis", [2, -3, (0, 0), (1, -1)])
def test_axes_out_of_range_or_repeated(xp: Any, name: str, axis: Any) -> None:
    with pytest.raises(one_axis_error(name, axis, AxisError), match=rf"pa\.{name}: "):
        getattr(xp, name)(xp.asarray(FINITE), axis=axis)


@pytest.mark.parametrize("name", ["nanargmax", "nanargmin"])
def test_nanarg_takes_one_axis(xp: Any, name: str) -> None:
    with pytest.raises(TypeError, match=rf"pa\.{name}: "):
        getattr(xp, name)(xp.asarray(FINITE), axis=(0,))


@pytest.mark.parametrize("name", ["nansum", "nanmean", "logsumexp"])
@pytest.mark.parametrize("shape", [(2, 3), (1, 1, 0)])
def test_keepdims_with_every_axis_keeps_every_axis(xp: Any, name: str, shape: Any) -> None:
    result = getattr(xp, name)(xp.ones(shape), axis=None, keepdims=True)
    assert tuple(result.shape) == (1,) * len(shape)


@pytest.mark.parametrize("dtype", ["uint64", "int32", "uint8"])
def test_nansum_to_integers_converts_as_astype(xp: Any, dtype: str) -> None:
    x = xp.asarray([[0.0, math.inf, 2.5], [NAN, -math.inf, 1.0]], dtype=xp.float32)
    with warnings.catch_warnings():  # (NumPy warns of the invalid conversion, as astype)
        warnings.simplefilter("ignore", RuntimeWarning)
        result = xp.nansum(x, axis=0, dtype=getattr(xp, dtype))
        converted = xp.astype(xp.where(xp.isnan(x), 0.0, x), getattr(xp, dtype))
    assert result.dtype == getattr(xp, dtype)
    expected = xp.sum(converted, axis=0, dtype=getattr(xp, dtype))
    np.testing.assert_array_equal(values(result), values(expected))


@pytest.mark.parametrize("name", ["nanmax", "nanmin", "nanargmax", "nanargmin"])
def test_complex_numbers_have_no_order(xp: Any, name: str) -> None:
    with pytest.raises(TypeError, match="complex"):
        getattr(xp, name)(xp.asarray([1 + 0j, 0.5 + 0j], dtype=xp.complex64))


@pytest.mark.parametrize("name", ["isclose", "allclose"])
@pytest.mark.parametrize("other", [None, "1.0", {1.0}], ids=["None", "str", "set"])
def test_isclose_of_what_is_not_an_array(xp: Any, name: str, other: Any) -> None:
    with pytest.raises(TypeError, match=rf"pa\.{name} takes arrays"):
        getattr(xp, name)(xp.asarray(FINITE), other)


@pytest.mark.parametrize("name", ["isclose", "allclose"])
@pytest.mark.parametrize("tolerance", ["rtol", "atol"])
@pytest.mark.parametrize(
    ("value", "error"), [(-1, ValueError), (NAN, ValueError), (None, TypeError), (True, TypeError)]
)
def test_isclose_tolerances(xp: Any, name: str, tolerance: str, value: Any, error: Any) -> None:
    with pytest.raises(error, match=rf"pa\.{name}: {tolerance} must be"):
        getattr(xp, name)(xp.asarray(FINITE), xp.asarray(FINITE), **{tolerance: value})


@pytest.mark.parametrize("name", ["isclose", "allclose"])
def test_isclose_takes_numpy_floats_as_tolerances(xp: Any, name: str) -> None:
    a, b = xp.asarray(A[:3]), xp.asarray(B[:3])
    result = getattr(xp, name)(a, b, rtol=np.float32(0.2), atol=np.float64(0.0))
    np.testing.assert_array_equal(values(result), getattr(np, name)(A[:3], B[:3], rtol=0.2))
