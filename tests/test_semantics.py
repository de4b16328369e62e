"""The places where NumPy and PyTorch differ, and what polyarray decided (docs/semantics.md)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import polyarray as pa
from polyarray import _names
from writes import try_write


def values(x: object) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


# -- default float --------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: pa.asarray([1.0, 2.0]),
        lambda: pa.asarray(1.5),
        lambda: pa.zeros(2),
        lambda: pa.ones((2, 2)),
        lambda: pa.empty(3),
        lambda: pa.eye(2),
        lambda: pa.full(2, 0.5),
        lambda: pa.linspace(0, 1, 5),
        lambda: pa.arange(0.0, 1.0, 0.5),
        lambda: pa.random.default_rng(0).normal(size=3),
        lambda: pa.random.default_rng(0).uniform(size=3),
        lambda: pa.mean(pa.asarray([1, 2])),
    ],
    ids=[
        "asarray",
        "scalar",
        "zeros",
        "ones",
        "empty",
        "eye",
        "full",
        "linspace",
        "arange",
        "normal",
        "uniform",
        "mean-int",
    ],
)
@pytest.mark.parametrize("default", ["float32", "float64"])
def test_default_float(backend: pa.Backend, make: object, default: str) -> None:
    pa.set_default_float(default)
    assert make().dtype == getattr(pa, default)  # type: ignore[operator]


def test_default_complex_follows_default_float(backend: pa.Backend) -> None:
    assert pa.asarray([1j]).dtype == pa.complex64
    pa.set_default_float(pa.float64)
    assert pa.asarray([1j]).dtype == pa.complex128


def test_float64_default_keeps_python_precision(backend: pa.Backend) -> None:
    pa.set_default_float("float64")
    assert float(pa.asarray([0.1])[0]) == 0.1


def test_existing_arrays_keep_their_dtype(backend: pa.Backend) -> None:
    x = pa.asarray([1.0], dtype=pa.float64)
    assert pa.asarray(x).dtype == pa.float64
    assert pa.zeros_like(x).dtype == pa.float64
    assert pa.asarray(np.zeros(2)).dtype == pa.float64


def test_integers_default_to_int64(backend: pa.Backend) -> None:
    assert pa.asarray([1, 2]).dtype == pa.int64
    assert pa.arange(3).dtype == pa.int64
    assert pa.full(2, 7).dtype == pa.int64
    assert pa.full(2, True).dtype == pa.bool


def test_bad_default_float_is_rejected() -> None:
    with pytest.raises(pa.errors.UnknownDtypeError, match="float32 or float64"):
        pa.set_default_float("int32")


def test_bad_default_float_in_environment_names_the_variable() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "POLYARRAY_DEFAULT_FLOAT": "float16"}
    result = subprocess.run(
        [sys.executable, "-c", "import polyarray as pa; pa.zeros(1)"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "POLYARRAY_DEFAULT_FLOAT" in result.stderr.splitlines()[-1]


# -- std and var ----------------------------------------------------------------------


def test_std_var_default_to_correction_zero(backend: pa.Backend) -> None:
    x = pa.asarray([[1.0, 2, 3], [4, 5, 6]])
    assert float(pa.std(x)) == pytest.approx(1.7078251)
    assert float(pa.std(x, correction=1)) == pytest.approx(1.8708287)
    assert float(pa.var(x)) == pytest.approx(35 / 12)
    np.testing.assert_allclose(values(pa.var(x, axis=1, correction=1)), [1.0, 1.0])


@pytest.mark.parametrize("function", ["mean", "var", "std", "median"])
@pytest.mark.parametrize("dtype", ["int8", "int64", "uint8", "bool"])
def test_statistics_of_integers_are_default_float(
    backend: pa.Backend, function: str, dtype: str
) -> None:
    x = pa.asarray([[1, 0, 1], [1, 1, 0]], dtype=dtype)
    result = getattr(pa, function)(x, axis=1)
    assert result.dtype == pa.float32
    expected = getattr(np, function)(np.asarray([[1, 0, 1], [1, 1, 0]], dtype=float), axis=1)
    np.testing.assert_allclose(values(result), expected, rtol=1e-6)


# -- median ---------------------------------------------------------------------------


def test_median_of_even_count_is_mean_of_middle(backend: pa.Backend) -> None:
    assert float(pa.median(pa.asarray([1.0, 2.0, 3.0, 4.0]))) == 2.5
    assert float(pa.median(pa.asarray([4.0, 1.0, 3.0]))) == 3.0


def test_median_axes_keepdims_and_nan(backend: pa.Backend) -> None:
    data = np.arange(24, dtype=np.float32).reshape(2, 3, 4)[:, :, ::-1]
    x = pa.asarray(data.copy())
    for axis in [None, 0, 1, -1, (0, 2)]:
        for keepdims in (False, True):
            result = pa.median(x, axis=axis, keepdims=keepdims)
            expected = np.median(data, axis=axis, keepdims=keepdims)
            assert result.shape == expected.shape
            np.testing.assert_allclose(values(result), expected)
    with_nan = pa.asarray([[1.0, math.nan, 2.0], [1.0, 2.0, 3.0]])
    np.testing.assert_array_equal(values(pa.median(with_nan, axis=1)), [math.nan, 2.0])


# -- max_with_indices -----------------------------------------------------------------


def test_max_with_indices_ties_give_first_index(backend: pa.Backend) -> None:
    x = pa.asarray([[3.0, 3.0, 1.0], [0.0, 5.0, 5.0]])
    values_, indices = pa.max_with_indices(x, axis=1)
    np.testing.assert_array_equal(values(indices), [0, 1])
    np.testing.assert_array_equal(values(values_), [3.0, 5.0])
    assert indices.dtype == pa.int64
    smallest = pa.min_with_indices(pa.asarray([2.0, 1.0, 1.0]))
    assert (float(smallest.values), int(smallest.indices)) == (1.0, 1)


def test_max_with_indices_nan_is_the_maximum(backend: pa.Backend) -> None:
    x = pa.asarray([1.0, math.nan, 3.0, math.nan])
    result = pa.max_with_indices(x)
    assert math.isnan(float(result.values))
    assert int(result.indices) == 1
    low = pa.min_with_indices(x)
    assert math.isnan(float(low.values))
    assert int(low.indices) == 1


def test_max_with_indices_keepdims_and_axis_none(backend: pa.Backend) -> None:
    x = pa.reshape(pa.arange(12), (3, 4))
    kept = pa.max_with_indices(x, axis=0, keepdims=True)
    assert kept.values.shape == (1, 4)
    assert kept.indices.shape == (1, 4)
    flat = pa.max_with_indices(x, keepdims=True)
    assert flat.values.shape == (1, 1)
    assert int(pa.max_with_indices(x).indices) == 11


# -- sorting ------------------------------------------------------------------------


def test_sort_and_argsort_are_stable(backend: pa.Backend) -> None:
    x = pa.asarray([1, 0] * 9)
    expected = np.argsort(np.asarray([1, 0] * 9), kind="stable")
    np.testing.assert_array_equal(values(pa.argsort(x)), expected)
    descending = pa.argsort(x, descending=True)
    np.testing.assert_array_equal(values(descending)[:9], np.arange(0, 18, 2))


# -- results are arrays, never NumPy scalars -------------------------------------------


@pytest.mark.parametrize(
    "compute",
    [
        lambda x: pa.mean(x),
        lambda x: pa.sum(x),
        lambda x: pa.max(x),
        lambda x: pa.argmax(x),
        lambda x: pa.sin(pa.sum(x)),
        lambda x: pa.add(pa.sum(x), pa.sum(x)),
        lambda x: pa.matmul(x, x),
        lambda x: pa.linalg.vector_norm(x),
        lambda x: pa.vecdot(x, x),
    ],
)
def test_reductions_return_zero_d_native_arrays(backend: pa.Backend, compute: object) -> None:
    x = pa.asarray([1.0, 2.0, 3.0])
    result = compute(x)  # type: ignore[operator]
    assert type(result) is type(x)
    assert result.shape == ()


# -- Python scalars next to arrays ------------------------------------------------------


def test_python_scalars_keep_the_array_dtype(backend: pa.Backend) -> None:
    x = pa.asarray([1.0, 2.0])  # float32
    assert pa.add(x, 1.5).dtype == pa.float32
    assert pa.multiply(2, x).dtype == pa.float32
    i = pa.asarray([1, 2], dtype=pa.int16)
    assert pa.add(i, 3).dtype == pa.int16


def test_linspace_needs_a_count(backend: pa.Backend) -> None:
    with pytest.raises(TypeError, match="num"):
        pa.linspace(0, 1)  # type: ignore[call-arg]


def test_astype_copies_by_default(backend: pa.Backend) -> None:
    x = pa.asarray([1.0, 2.0])
    y = pa.astype(x, pa.float32)
    try_write(y, 0, 5.0)
    assert float(x[0]) == 1.0


def test_flip_is_the_portable_reverse(backend: pa.Backend) -> None:
    np.testing.assert_array_equal(values(pa.flip(pa.arange(4), axis=0)), [3, 2, 1, 0])


def test_bad_broadcast_is_one_exception_type(backend: pa.Backend) -> None:
    with pytest.raises(pa.errors.BroadcastError) as info:
        pa.add(pa.ones((6, 5)), pa.ones(4))
    assert isinstance(info.value, ValueError)
    assert "(6, 5)" in str(info.value)


@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("which", ["max", "min"])
def test_with_indices_match_numpy_on_ties_and_nan(
    backend: pa.Backend, axis: int, which: str
) -> None:
    # Many ties and NaN, on arrays big enough for vectorised kernels, along every axis.
    rng = np.random.default_rng(5)
    data = rng.integers(0, 3, size=(7, 50, 33)).astype(np.float32)
    data[rng.random(data.shape) < 0.05] = np.nan
    result = getattr(pa, f"{which}_with_indices")(pa.asarray(data), axis=axis)
    expected_index = getattr(np, f"arg{which}")(data, axis=axis)
    np.testing.assert_array_equal(values(result.indices), expected_index)
    expected_values = np.take_along_axis(data, np.expand_dims(expected_index, axis), axis)
    np.testing.assert_array_equal(values(result.values), np.squeeze(expected_values, axis))


@pytest.mark.parametrize("scalar_first", [False, True], ids=["array-scalar", "scalar-array"])
def test_isin_takes_a_python_scalar_on_either_side(backend: pa.Backend, scalar_first: bool) -> None:
    x = pa.asarray([1, 2, 3])
    if scalar_first:
        result = pa.isin(2, x)
        assert result.shape == ()
        assert bool(result)
    else:
        assert values(pa.isin(x, 2)).tolist() == [False, True, False]
        assert values(pa.isin(x, 2, invert=True)).tolist() == [True, False, True]


BINARY_ELEMENTWISE = [
    name
    for name, kind in _names.STANDARD_FUNCTIONS["element-wise"].items()
    if kind is _names.Dispatch.BINARY and not name.startswith(("bitwise_", "logical_"))
]


@pytest.mark.parametrize("scalar", [2, -3, 0.5, -0.0, 1e30], ids=repr)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", BINARY_ELEMENTWISE)
def test_a_python_scalar_acts_as_an_array_of_the_arrays_dtype(
    backend: pa.Backend, name: str, dtype: str, scalar: float
) -> None:
    # The scalar path skips promotion; it must give what an array of the scalar gives.
    x = pa.asarray([-2.5, -0.0, 0.0, 1.0, 3.0, float("inf")], dtype=dtype)
    function = getattr(pa, name)
    with np.errstate(all="ignore"):
        result = function(x, scalar)
        expected = function(x, pa.full_like(x, scalar))
    assert result.dtype == expected.dtype
    # (NumPy computes x ** 0.5 as a square root for a scalar exponent: the last bit.)
    tolerance = 4 * float(np.finfo(dtype).eps)
    np.testing.assert_allclose(values(result), values(expected), rtol=tolerance, atol=0)
