"""``pa.quantile``, ``pa.percentile``, ``pa.cov`` and ``pa.corrcoef`` on every backend,
against NumPy's own functions; polyarray's decisions where NumPy warns, fails or differs
(empty slices, infinities, float32, no degree of freedom) are in docs/semantics/everyday.md.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray.errors import AxisError, ShapeError

NAN, INF = math.nan, math.inf
METHODS = ["linear", "lower", "higher", "nearest", "midpoint"]
DATA = np.random.default_rng(13).normal(size=(3, 5, 4))


def values(x: Any) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 2), (-1, 0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_quantile_matches_numpy(xp: Any, method: str, axis: Any, keepdims: bool) -> None:
    x = xp.asarray(DATA, dtype=xp.float64)
    q = [0.0, 0.1, 0.25, 0.5, 0.7, 1.0]
    result = xp.quantile(x, q, axis=axis, keepdims=keepdims, method=method)
    expected = np.quantile(DATA, q, axis=axis, keepdims=keepdims, method=method)
    assert result.dtype == xp.float64
    assert tuple(result.shape) == expected.shape
    np.testing.assert_allclose(values(result), expected, rtol=1e-12)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("q", [0, 12.5, 50, 99.9, 100])
def test_percentile_matches_numpy(xp: Any, method: str, q: float) -> None:
    x = xp.asarray(DATA[0], dtype=xp.float64)
    result = xp.percentile(x, q, axis=0, method=method)
    expected = np.percentile(DATA[0], q, axis=0, method=method)
    np.testing.assert_allclose(values(result), expected, rtol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_ties_and_halves_land_as_numpy(xp: Any, method: str) -> None:
    data = np.array([4.0, 1.0, 3.0, 2.0, 2.0])
    q = [0.125, 0.375, 0.5, 0.625, 0.875]  # (halfway between elements: "nearest" ties)
    result = xp.quantile(xp.asarray(data, dtype=xp.float64), q, method=method)
    np.testing.assert_allclose(values(result), np.quantile(data, q, method=method))


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int32", "int64", "uint16", "bool"])
def test_integers_and_booleans_give_the_default_float(xp: Any, dtype: str) -> None:
    data = (np.arange(12) * 7 % 11).reshape(3, 4).astype(dtype)
    result = xp.quantile(xp.asarray(data), [0.3, 0.5], axis=1)
    assert result.dtype == xp.float32
    expected = np.quantile(data.astype(np.float64), [0.3, 0.5], axis=1)
    np.testing.assert_allclose(values(result), expected, rtol=1e-6)


@pytest.mark.parametrize("q", [0.3, [0.3], np.float64(0.3)])
def test_float32_stays_float32(xp: Any, q: Any) -> None:
    result = xp.quantile(xp.asarray([1.0, 2.0, 3.0], dtype=xp.float32), q)
    assert result.dtype == xp.float32
    np.testing.assert_allclose(values(result), np.quantile([1.0, 2.0, 3.0], q), rtol=1e-6)


@pytest.mark.parametrize("method", METHODS)
def test_positions_are_computed_in_float64(xp: Any, method: str) -> None:
    # 0.58 of 51 elements: position 28.999999999999996 in float64, 29.000002 in float32.
    data = np.arange(51, dtype=np.float32)
    result = xp.quantile(xp.asarray(data), 0.58, method=method)
    expected = np.quantile(data.astype(np.float64), 0.58, method=method)
    assert result.dtype == xp.float32
    np.testing.assert_allclose(values(result), expected, rtol=1e-6)


def test_q_as_an_array_of_the_backend_and_of_two_dimensions(xp: Any) -> None:
    q = [[0.1, 0.9], [0.5, 0.25]]
    x = xp.asarray(DATA[0], dtype=xp.float64)
    expected = np.quantile(DATA[0], q, axis=-1)
    for levels in (xp.asarray(q, dtype=xp.float64), q):
        result = xp.quantile(x, levels, axis=-1)
        assert tuple(result.shape) == (2, 2, 5)
        np.testing.assert_allclose(values(result), expected, rtol=1e-12)


def test_a_nan_gives_nan_for_its_slice(xp: Any) -> None:
    data = np.array([[1.0, NAN, 3.0], [1.0, 2.0, 3.0]])
    result = xp.quantile(xp.asarray(data), [0.0, 0.5, 1.0], axis=1)
    np.testing.assert_array_equal(values(result), np.quantile(data, [0.0, 0.5, 1.0], axis=1))


def test_infinities_give_the_limit(xp: Any) -> None:
    # polyarray's decision (NumPy gives NaN at q=1 of [1, inf, inf] and at q=0 midpoint).
    x = xp.asarray([1.0, INF, INF], dtype=xp.float64)
    np.testing.assert_array_equal(
        values(xp.quantile(x, [0.0, 0.25, 0.75, 1.0])), [1, INF, INF, INF]
    )
    y = xp.asarray([-INF, 1.0, INF], dtype=xp.float64)
    np.testing.assert_array_equal(
        values(xp.quantile(y, [0.0, 0.25, 0.5, 0.75, 1.0])), [-INF, -INF, 1, INF, INF]
    )
    z = xp.asarray([-INF, INF], dtype=xp.float64)
    assert math.isnan(float(xp.quantile(z, 0.5)))


def test_a_0d_array_is_its_own_quantile(xp: Any) -> None:
    result = xp.quantile(xp.asarray(2.5, dtype=xp.float64), [0.1, 0.9])
    np.testing.assert_array_equal(values(result), [2.5, 2.5])
    with pytest.raises(AxisError):
        xp.quantile(xp.asarray(2.5), 0.5, axis=0)


@pytest.mark.parametrize(
    ("shape", "axis", "expected"), [((0,), None, ()), ((0, 3), 0, (3,)), ((2, 0), 1, (2,))]
)
def test_an_empty_slice_gives_nan(
    xp: Any, shape: tuple[int, ...], axis: Any, expected: tuple[int, ...]
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = xp.quantile(xp.zeros(shape), 0.5, axis=axis)
    assert tuple(result.shape) == expected
    assert result.dtype == xp.float32
    assert np.isnan(values(result)).all()


def test_the_reduction_of_no_slice_is_empty(xp: Any) -> None:
    result = xp.quantile(xp.zeros((0, 3)), [0.5, 0.7], axis=1)
    assert tuple(result.shape) == (2, 0)


@pytest.mark.parametrize("q", [-0.1, 1.5, NAN, [0.5, 2.0]])
def test_a_level_out_of_range_is_a_value_error(xp: Any, q: Any) -> None:
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        xp.quantile(xp.asarray([1.0, 2.0]), q)


@pytest.mark.parametrize("q", [-1, 100.5, NAN, [50, 101]])
def test_a_percentile_out_of_range_is_a_value_error(xp: Any, q: Any) -> None:
    with pytest.raises(ValueError, match=r"\[0, 100\]"):
        xp.percentile(xp.asarray([1.0, 2.0]), q)


@pytest.mark.parametrize("q", [True, "0.5", 0.5j, None])
def test_a_level_that_is_not_a_real_number_is_a_type_error(xp: Any, q: Any) -> None:
    with pytest.raises(TypeError, match="q must"):
        xp.quantile(xp.asarray([1.0, 2.0]), q)


def test_a_ragged_q_is_a_value_error(xp: Any) -> None:
    with pytest.raises(ValueError, match="ragged"):
        xp.quantile(xp.asarray([1.0, 2.0]), [[0.1], [0.2, 0.3]])


@pytest.mark.parametrize("method", ["hazen", "LINEAR", None])
def test_an_unknown_method_is_a_value_error(xp: Any, method: Any) -> None:
    with pytest.raises(ValueError, match="method must be"):
        xp.quantile(xp.asarray([1.0, 2.0]), 0.5, method=method)


def test_complex_input_is_a_type_error(xp: Any) -> None:
    with pytest.raises(TypeError):
        xp.quantile(xp.asarray([1.0 + 1j, 2.0]), 0.5)


def test_the_input_is_not_changed(xp: Any) -> None:
    data = np.array([3.0, 1.0, 2.0])
    x = xp.asarray(data, dtype=xp.float64)
    xp.quantile(x, 0.5)
    np.testing.assert_array_equal(values(x), data)


# cov and corrcoef

OBSERVATIONS = np.random.default_rng(7).normal(size=(3, 6))


@pytest.mark.parametrize("rowvar", [True, False])
@pytest.mark.parametrize("correction", [0, 1, 2, 1.5])
def test_cov_matches_numpy(xp: Any, rowvar: bool, correction: float) -> None:
    data = OBSERVATIONS if rowvar else OBSERVATIONS.T
    result = xp.cov(xp.asarray(data, dtype=xp.float64), rowvar=rowvar, correction=correction)
    n = 6
    expected = np.cov(data, rowvar=rowvar, ddof=0) * n / (n - correction)
    assert result.dtype == xp.float64
    np.testing.assert_allclose(values(result), expected, rtol=1e-12)


@pytest.mark.parametrize("rowvar", [True, False])
def test_corrcoef_matches_numpy(xp: Any, rowvar: bool) -> None:
    data = OBSERVATIONS if rowvar else OBSERVATIONS.T
    result = xp.corrcoef(xp.asarray(data, dtype=xp.float64), rowvar=rowvar)
    np.testing.assert_allclose(values(result), np.corrcoef(data, rowvar=rowvar), rtol=1e-12)


@pytest.mark.parametrize("name", ["cov", "corrcoef"])
def test_one_variable_gives_a_0d_array(xp: Any, name: str) -> None:
    data = np.array([1.0, 4.0, 2.0, 8.0])
    for x in (data, data[None, :]):
        result = getattr(xp, name)(xp.asarray(x, dtype=xp.float64))
        assert tuple(result.shape) == ()
        np.testing.assert_allclose(values(result), getattr(np, name)(x), rtol=1e-12)


@pytest.mark.parametrize("name", ["cov", "corrcoef"])
@pytest.mark.parametrize("dtype", ["int8", "uint8", "int64", "bool", "float32"])
def test_cov_dtypes(xp: Any, name: str, dtype: str) -> None:
    # int and bool: the default float; float32 stays float32 (NumPy's cov gives float64).
    data = (np.arange(12) * 5 % 7).reshape(2, 6).astype(dtype)
    result = getattr(xp, name)(xp.asarray(data))
    assert result.dtype == xp.float32
    np.testing.assert_allclose(
        values(result), getattr(np, name)(data.astype(np.float64)), rtol=1e-5
    )


def test_complex_covariance(xp: Any) -> None:
    data = np.array([[1 + 2j, 3 - 1j, 0.5j], [2, 1j, -1]])
    result = xp.cov(xp.asarray(data, dtype=xp.complex128))
    np.testing.assert_allclose(values(result), np.cov(data), rtol=1e-12)
    np.testing.assert_allclose(
        values(xp.corrcoef(xp.asarray(data, dtype=xp.complex128))), np.corrcoef(data), rtol=1e-12
    )


def test_no_degree_of_freedom_gives_numpys_values_without_a_warning(xp: Any) -> None:
    data = np.array([[1.0, 2.0], [3.0, 3.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = xp.cov(xp.asarray(data, dtype=xp.float64), correction=2)
        empty = xp.cov(xp.zeros((2, 0)))
        constant = xp.corrcoef(xp.asarray(data, dtype=xp.float64))
    np.testing.assert_array_equal(values(result), [[INF, NAN], [NAN, NAN]])
    assert tuple(empty.shape) == (2, 2)
    assert np.isnan(values(empty)).all()
    assert np.isnan(values(constant)[1]).all()
    assert values(constant)[0, 0] == pytest.approx(1.0)


@pytest.mark.parametrize("name", ["cov", "corrcoef"])
@pytest.mark.parametrize("shape", [(), (2, 2, 2)])
def test_cov_takes_one_or_two_dimensions(xp: Any, name: str, shape: tuple[int, ...]) -> None:
    with pytest.raises(ShapeError, match="1-d array"):
        getattr(xp, name)(xp.zeros(shape))


@pytest.mark.parametrize("correction", [None, True, "1", NAN])
def test_a_bad_correction_is_an_error(xp: Any, correction: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        xp.cov(xp.asarray([1.0, 2.0, 3.0]), correction=correction)


def test_a_bad_rowvar_is_a_type_error(xp: Any) -> None:
    with pytest.raises(TypeError, match="rowvar"):
        xp.cov(xp.asarray([1.0, 2.0, 3.0]), rowvar=1)
