"""The statistical, searching, sorting and set functions on JAX (issue 11): the dtypes of
reductions in JAX's 64-bit mode, the axis and correction rules, ties and NaN, stable
sorts, and the functions under ``jax.jit`` and ``jax.vmap`` (``nonzero`` and the
``unique_*`` functions, whose shapes depend on the values, raise
``DataDependentShapeError`` there).

The tests of behaviour every backend shares run on each backend of the ``backend``
fixture; those about tracing skip other backends.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import errors

jax = pytest.importorskip("jax")

Call = Callable[[], Any]


@pytest.fixture
def on_jax(backend: Any) -> Any:
    """The backend, on JAX runs only (the other backends have no tracers)."""
    if backend.name != "jax":
        pytest.skip("a JAX test: tracing")
    return backend


def _dtype(x: Any) -> str:
    return str(pa.to_numpy(x).dtype)


def _values(x: Any) -> list[Any]:
    return pa.to_numpy(x).tolist()  # type: ignore[no-any-return]


# -- dtypes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dtype", "expected"),
    [
        ("bool", "int64"),
        ("int8", "int64"),
        ("int32", "int64"),
        ("uint8", "uint64"),
        ("uint32", "uint64"),
        ("float32", "float32"),
        ("complex64", "complex64"),
    ],
)
@pytest.mark.parametrize("name", ["sum", "prod", "cumulative_sum", "cumulative_prod"])
def test_accumulations_give_the_standard_dtypes(
    backend: Any, name: str, dtype: str, expected: str
) -> None:
    x = pa.asarray([1, 0, 1], dtype=getattr(pa, dtype))
    result = getattr(pa, name)(x)
    assert _dtype(result) == expected
    assert np.ravel(pa.to_numpy(result))[-1] == (2 if name.endswith("sum") else 0)


@pytest.mark.parametrize("name", ["mean", "var", "std"])
@pytest.mark.parametrize("dtype", ["bool", "int8", "int64", "uint64"])
def test_moments_of_integers_are_in_the_default_float(backend: Any, name: str, dtype: str) -> None:
    # JAX's 64-bit mode computes them in float64 (as NumPy does): float32 on every backend.
    x = pa.asarray([[0, 1], [1, 1]], dtype=getattr(pa, dtype))
    expected = getattr(np, name)(np.asarray([[0, 1], [1, 1]], dtype=np.float64), axis=0)
    result = getattr(pa, name)(x, axis=0)
    assert _dtype(result) == "float32"
    np.testing.assert_allclose(pa.to_numpy(result), expected, rtol=1e-6)


def test_moments_of_integers_follow_the_default_float(backend: Any) -> None:
    pa.set_default_float(pa.float64)
    assert _dtype(pa.mean(pa.asarray([1, 2]))) == "float64"


def test_dtype_argument_of_sums(backend: Any) -> None:
    x = pa.asarray([100, 100], dtype=pa.int32)
    assert _dtype(pa.sum(x, dtype=pa.int8)) == "int8"
    assert _values(pa.cumulative_sum(pa.asarray([1, 0, 2]), dtype=pa.bool)) == [True] * 3
    assert _values(pa.cumulative_prod(pa.asarray([1, 0, 2]), dtype=pa.bool)) == [
        True,
        False,
        False,
    ]
    result = pa.cumulative_prod(pa.asarray([1, 0, 2]), dtype=pa.bool, include_initial=True)
    assert _values(result) == [True, True, False, False]


def test_include_initial(backend: Any) -> None:
    x = pa.asarray([[1, 2], [3, 4]])
    assert _values(pa.cumulative_sum(x, axis=1, include_initial=True)) == [[0, 1, 3], [0, 3, 7]]
    assert _values(pa.cumulative_prod(x, axis=0, include_initial=True)) == [
        [1, 1],
        [1, 2],
        [3, 8],
    ]


# -- the axis and correction rules ---------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda x: pa.sum(x, axis=0),
        lambda x: pa.mean(x, axis=-1),
        lambda x: pa.var(x, axis=(0,)),
        lambda x: pa.max(x, axis=0),
        lambda x: pa.argmax(x, axis=0),
        lambda x: pa.argmin(x, axis=-1),
        lambda x: pa.count_nonzero(x, axis=0),
        lambda x: pa.sort(x),
        lambda x: pa.argsort(x, axis=0),
    ],
)
def test_a_0d_array_has_no_axes(backend: Any, call: Callable[[Any], Any]) -> None:
    with pytest.raises(errors.AxisError):
        call(pa.asarray(1.0))


@pytest.mark.parametrize("name", ["mean", "var", "std", "sum", "max", "argmax", "argmin"])
@pytest.mark.parametrize("axis", [2, -3])
def test_an_axis_out_of_range(backend: Any, name: str, axis: int) -> None:
    # JAX's mean, var, std and argmax raised a plain IndexError ("tuple index out of range").
    with pytest.raises(errors.AxisError):
        getattr(pa, name)(pa.ones((2, 3)), axis=axis)


@pytest.mark.parametrize("name", ["sum", "mean", "std", "max"])
@pytest.mark.parametrize("axis", [[0], 1.0, True, (0, 1.0)])
def test_axes_of_the_wrong_type(backend: Any, name: str, axis: Any) -> None:
    # JAX took lists of axes in its reductions.
    with pytest.raises(TypeError):
        getattr(pa, name)(pa.ones((2, 3)), axis=axis)


@pytest.mark.parametrize("name", ["cumulative_sum", "cumulative_prod"])
def test_cumulative_of_0d_is_refused(backend: Any, name: str) -> None:
    with pytest.raises(ValueError, match="at least one dimension"):
        getattr(pa, name)(pa.asarray(2.0))


@pytest.mark.parametrize("name", ["var", "std"])
def test_correction_without_degrees_of_freedom(backend: Any, name: str) -> None:
    # Divided by max(n - correction, 0) = 0: inf, or NaN where there is no spread
    # (JAX gave NaN for both). NumPy and torch warn about it.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = getattr(pa, name)(pa.asarray([[0.0, 1.0], [2.0, 2.0]]), axis=1, correction=2)
        assert _dtype(result) == "float32"
        assert _values(result)[0] == math.inf
        assert math.isnan(_values(result)[1])
        result = getattr(pa, name)(pa.asarray([0, 1, 2]), correction=5)
    assert _dtype(result) == "float32"
    assert _values(result) == math.inf


@pytest.mark.parametrize("name", ["var", "std"])
def test_correction_of_one(backend: Any, name: str) -> None:
    result = getattr(pa, name)(pa.asarray([1.0, 2.0, 3.0, 4.0]), correction=1)
    np.testing.assert_allclose(_values(result), getattr(np, name)([1, 2, 3, 4], ddof=1), 1e-6)


@pytest.mark.parametrize(("correction", "error"), [(None, TypeError), (math.nan, ValueError)])
def test_correction_arguments(backend: Any, correction: Any, error: type) -> None:
    with pytest.raises(error):
        pa.var(pa.ones(3), correction=correction)


# -- max, min, argmax, argmin --------------------------------------------------------------


@pytest.mark.parametrize("name", ["max", "min", "argmax", "argmin"])
def test_empty_search_is_refused(backend: Any, name: str) -> None:
    with pytest.raises(errors.EmptyReductionError):
        getattr(pa, name)(pa.zeros(0))
    with pytest.raises(errors.EmptyReductionError):
        getattr(pa, name)(pa.zeros((0, 3)), axis=0)


@pytest.mark.parametrize("name", ["max", "min", "argmax", "argmin", "sort", "argsort"])
def test_complex_order_is_refused(backend: Any, name: str) -> None:
    # JAX orders complex numbers by their parts, as NumPy does; torch refused.
    with pytest.raises(TypeError):
        getattr(pa, name)(pa.asarray([1j, 2.0]))


def test_first_index_of_ties_and_of_nan(backend: Any) -> None:
    assert _values(pa.argmax(pa.asarray([1, 5, 5, 2]))) == 1
    assert _values(pa.argmin(pa.asarray([4, 1, 1, 2]))) == 1
    x = pa.asarray([1.0, math.nan, 5.0, math.nan])
    assert _values(pa.argmax(x)) == 1
    assert _values(pa.argmin(x)) == 1
    assert _dtype(pa.argmax(x)) == "int64"
    assert _values(pa.argmax(pa.asarray([[1, 3], [3, 1]]), axis=0, keepdims=True)) == [[1, 0]]


# -- searchsorted, nonzero, where, count_nonzero -------------------------------------------


def test_searchsorted_gives_int64_indices(backend: Any) -> None:
    # JAX counts in int32 where the length fits.
    sorted_ = pa.asarray([1.0, 2.0, 2.0, 4.0])
    found = pa.searchsorted(sorted_, pa.asarray([2.0, 5.0]))
    assert _dtype(found) == "int64"
    assert _values(found) == [1, 4]
    assert _values(pa.searchsorted(sorted_, pa.asarray([2.0]), side="right")) == [3]
    # Promotion of the two by polyarray's rules, and a Python scalar to look for.
    assert _values(pa.searchsorted(pa.asarray([1, 2, 3], dtype=pa.int8), 2.5)) == 2
    order = pa.asarray([1, 2, 0])
    assert _values(pa.searchsorted(pa.asarray([3, 1, 2]), pa.asarray([2]), sorter=order)) == [1]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: pa.searchsorted(pa.ones((2, 2)), pa.ones(1)), ValueError),
        (lambda: pa.searchsorted(pa.ones(2), pa.ones(1), side="middle"), ValueError),
        (lambda: pa.searchsorted(pa.ones(2, dtype=pa.complex64), pa.ones(1)), TypeError),
        (lambda: pa.nonzero(pa.asarray(1.0)), ValueError),
    ],
)
def test_searching_mistakes(backend: Any, call: Call, error: type) -> None:
    with pytest.raises(error):
        call()


def test_nonzero_where_and_count_nonzero(backend: Any) -> None:
    x = pa.asarray([[0.0, -0.0, 2.0], [math.nan, 0.0, 1.0]])
    rows, columns = pa.nonzero(x)
    assert (_dtype(rows), _values(rows), _values(columns)) == ("int64", [0, 1, 1], [2, 0, 2])
    count = pa.count_nonzero(x, axis=(0, 1), keepdims=True)
    assert (_dtype(count), _values(count)) == ("int64", [[3]])
    assert _values(pa.count_nonzero(x)) == 3
    chosen = pa.where(pa.asarray([True, False]), pa.asarray([1, 2], dtype=pa.int8), 3.5)
    assert (_dtype(chosen), _values(chosen)) == ("float32", [1.0, 3.5])
    chosen = pa.where(pa.asarray([True, False]), pa.asarray([1, 2], dtype=pa.uint8), 7)
    assert (_dtype(chosen), _values(chosen)) == ("uint8", [1, 7])


# -- sorting ------------------------------------------------------------------------------------


def test_sorts_are_stable_in_both_directions(backend: Any) -> None:
    x = pa.asarray([1, 2, 1, 2, 0])
    assert _values(pa.argsort(x)) == [4, 0, 2, 1, 3]
    assert _values(pa.argsort(x, descending=True)) == [1, 3, 0, 2, 4]
    assert _values(pa.sort(x, descending=True)) == [2, 2, 1, 1, 0]


def test_nan_sorts_last_ascending_and_first_descending(backend: Any) -> None:
    x = pa.asarray([1.0, math.nan, 2.0, math.nan])
    assert _values(pa.argsort(x)) == [0, 2, 1, 3]
    assert _values(pa.argsort(x, descending=True)) == [1, 3, 2, 0]
    assert _values(pa.sort(x, descending=True))[2:] == [2.0, 1.0]


def test_sort_axis_must_be_an_int(backend: Any) -> None:
    # JAX (as NumPy) flattens for axis=None.
    with pytest.raises(TypeError):
        pa.sort(pa.ones((2, 2)), axis=None)  # type: ignore[arg-type]


# -- sets -------------------------------------------------------------------------------------


def test_unique_functions(backend: Any) -> None:
    x = pa.asarray([[2.0, math.nan], [2.0, math.nan]])
    values, indices, inverse, counts = pa.unique_all(x)
    assert _values(values)[0] == 2.0
    assert len(_values(values)) == 3  # NaNs are distinct
    assert (_values(indices), _values(counts)) == ([0, 1, 3], [2, 1, 1])
    assert inverse.shape == (2, 2)
    assert _dtype(indices) == _dtype(inverse) == _dtype(counts) == "int64"
    result = pa.unique_inverse(pa.asarray([[3, 1], [3, 2]]))
    assert _values(result.values) == [1, 2, 3]
    assert _values(result.inverse_indices) == [[2, 0], [2, 1]]
    result = pa.unique_counts(pa.asarray([3, 1, 3]))
    assert (_values(result.values), _values(result.counts)) == ([1, 3], [1, 2])
    assert _values(pa.unique_values(pa.asarray([0.0, -0.0, 1.0]))) == [0.0, 1.0]
    assert type(pa.unique_all(pa.asarray([1]))).__name__ == "UniqueAllResult"


def test_isin_promotes(backend: Any) -> None:
    found = pa.isin(pa.asarray([1.0, math.nan, 3.0]), pa.asarray([1, 3], dtype=pa.int8))
    assert _values(found) == [True, False, True]
    assert _values(pa.isin(pa.asarray([1, 2]), 2, invert=True)) == [True, False]


# -- under jax.jit and jax.vmap ----------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda x: pa.sum(x, axis=0),
        lambda x: pa.mean(x, axis=1),
        lambda x: pa.var(x, correction=1),
        lambda x: pa.std(x, axis=0, correction=5),
        lambda x: pa.max(x, axis=0),
        lambda x: pa.cumulative_sum(x, axis=1, include_initial=True),
        lambda x: pa.argmax(x, axis=1),
        lambda x: pa.argmin(x),
        lambda x: pa.count_nonzero(x, axis=0),
        lambda x: pa.where(x > 1, x, 0.0),
        lambda x: pa.searchsorted(pa.sort(x[0]), x[1]),
        lambda x: pa.sort(x, descending=True),
        lambda x: pa.argsort(x, axis=0),
        lambda x: pa.isin(x, x[0]),
    ],
)
def test_reductions_under_jit_are_the_eager_ones(on_jax: Any, call: Callable[[Any], Any]) -> None:
    x = pa.asarray([[1.0, 3.0, 2.0], [2.0, 0.0, 2.0]])
    eager = call(x)
    traced = jax.jit(call)(x)
    assert _dtype(traced) == _dtype(eager)
    np.testing.assert_array_equal(pa.to_numpy(traced), pa.to_numpy(eager))


def test_reductions_under_vmap(on_jax: Any) -> None:
    x = pa.asarray([[1, 3, 2], [2, 0, 2]])
    assert _values(jax.vmap(lambda row: pa.argmax(row))(x)) == [1, 0]
    means = jax.vmap(lambda row: pa.mean(row))(x)
    assert _dtype(means) == "float32"
    assert _values(jax.vmap(lambda row: pa.sort(row))(x)) == [[1, 2, 3], [0, 2, 2]]


@pytest.mark.parametrize(
    "name", ["nonzero", "unique_values", "unique_counts", "unique_inverse", "unique_all"]
)
@pytest.mark.parametrize("transform", ["jit", "vmap"])
def test_value_dependent_shapes_are_refused_under_tracing(
    on_jax: Any, name: str, transform: str
) -> None:
    function = getattr(jax, transform)(getattr(pa, name))
    with pytest.raises(errors.DataDependentShapeError, match="tracer"):
        function(pa.asarray([[1, 0], [1, 2]]))


def test_value_dependent_shapes_still_work_eagerly_and_under_grad(on_jax: Any) -> None:
    # jax.grad traces with the values known: JAX's own nonzero works there.
    def total(x: Any) -> Any:
        return pa.sum(x[pa.nonzero(x)] ** 2)

    x = pa.asarray([0.0, 2.0, 3.0])
    assert _values(jax.grad(total)(x)) == [0.0, 4.0, 6.0]


@pytest.mark.parametrize(
    ("sorter", "error"),
    [
        (lambda: pa.asarray([0.0, 1.0, 2.0]), TypeError),
        (lambda: pa.asarray([True, False, True]), TypeError),
        (lambda: True, TypeError),
        (lambda: pa.asarray([0, 1]), ValueError),
        (lambda: pa.asarray([0, 1, 5]), ValueError),
    ],
    ids=["floats", "booleans", "not an array", "too short", "out of range"],
)
def test_searchsorted_sorter_mistakes(backend: Any, sorter: Call, error: type) -> None:
    # JAX took booleans and floats as indices, and clamped indices out of range.
    # torch raised RuntimeError for each (sorter went to torch.searchsorted unchecked).
    sorted_, sought = pa.asarray([3, 1, 2]), pa.asarray([2])
    with pytest.raises(error):
        pa.searchsorted(sorted_, sought, sorter=sorter())


def test_unique_keeps_complex_numbers_holding_nan(backend: Any) -> None:
    # jax.numpy's unique turned 1+nanj and nan+nanj into nan+0j.
    if backend.name == "torch":
        # torch's backend deduplicates (real, imaginary) rows with torch.unique(dim=0),
        # which leaves rows holding NaN unsorted and repeats others ([nan+nanj, 2j, 1+nanj,
        # 1, 1+nanj, 1] for this data): the lead's to fix in torch/sets.py.
        pytest.xfail("torch: unique of complex numbers holding NaN")
    nan = math.nan
    data = np.asarray([complex(nan, nan), complex(1, nan), 1, 2j, complex(1, nan), 1], "complex64")
    values, indices, inverse, counts = pa.unique_all(pa.asarray(data))
    expected = np.unique(data, return_counts=True, equal_nan=False)
    np.testing.assert_array_equal(pa.to_numpy(values), expected[0])  # (NaNs where NumPy's are)
    assert _values(indices) == [3, 2, 1, 4, 0]
    assert _values(inverse) == [4, 2, 1, 0, 3, 1]
    assert _values(counts) == [1, 2, 1, 1, 1]
    parts = pa.to_numpy(pa.unique_values(pa.asarray(data[:2])))
    assert (parts.real[0], np.isnan(parts.imag).tolist()) == (1.0, [True, True])


@pytest.mark.parametrize("dtype", ["int8", "int32", "int64", "uint8"])
@pytest.mark.parametrize("side", ["left", "right"])
def test_searchsorted_with_a_sorter_as_numpy(backend: Any, dtype: str, side: str) -> None:
    values = np.array([3.0, 1.0, 2.0, 1.0])
    order = np.argsort(values, kind="stable").astype(dtype)
    sought = np.array([0.5, 1.0, 2.5, 3.0, 4.0])
    want = np.searchsorted(values, sought, side=side, sorter=order)
    got = pa.searchsorted(
        pa.asarray(values), pa.asarray(sought), side=side, sorter=pa.asarray(order)
    )
    assert pa.to_numpy(got).tolist() == want.tolist()
