"""Manipulation, indexing, linear algebra, FFT and polyarray's extras on JAX (issue 11):
the decisions of the NumPy backend where ``jax.numpy`` answers otherwise (indices out of
range JAX clamps or fills, singular and non-definite matrices it fills with NaN, integer
input it computes in float64 in 64-bit mode), and the same functions under ``jax.jit`` and
``jax.vmap``, where value checks are skipped and JAX's own answer is given.

The tests of behaviour every backend shares run on each backend of the ``backend``
fixture; those about tracing skip other backends.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import errors

jax = pytest.importorskip("jax")


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


# -- indices out of range: refused, not clamped -------------------------------------------


@pytest.mark.parametrize("index", [3, -4, 2**40])
def test_take_refuses_indices_out_of_range(backend: Any, index: int) -> None:
    # JAX fills an index out of range with NaN (or the smallest integer), silently.
    with pytest.raises(IndexError):
        pa.take(pa.asarray([1.0, 2.0, 3.0]), pa.asarray([0, index]))
    with pytest.raises(IndexError):
        pa.take(pa.asarray([[1, 2, 3]]), pa.asarray([index]), axis=1)


def test_negative_repeat_counts_on_jax(on_jax: Any) -> None:
    # (JAX: TypeError from broadcast_in_dim; NumPy's NegativeSizeError)
    with pytest.raises(errors.NegativeSizeError):
        pa.repeat(pa.reshape(pa.arange(6), (2, 3)), pa.asarray([1, -1]), axis=0)


@pytest.mark.parametrize("index", [3, -4])
def test_take_along_axis_refuses_indices_out_of_range(backend: Any, index: int) -> None:
    with pytest.raises(IndexError):
        pa.take_along_axis(pa.asarray([[1, 2, 3]]), pa.asarray([[index]]), axis=1)


def test_indices_in_range_count_from_the_end(backend: Any) -> None:
    x = pa.asarray([[10, 20, 30]])
    assert _values(pa.take(x, pa.asarray([-1, 0]), axis=1)) == [[30, 10]]
    assert _values(pa.take_along_axis(x, pa.asarray([[-3, 2]]), axis=1)) == [[10, 30]]


@pytest.mark.parametrize("dtype", ["bool", "float32"])
def test_indices_must_be_integers(backend: Any, dtype: str) -> None:
    with pytest.raises(TypeError, match="indices must have an integer dtype"):
        pa.take(pa.asarray([1, 2, 3]), pa.asarray([0, 1], dtype=dtype))


# -- manipulation -------------------------------------------------------------------------


def test_concat_and_stack_promote_by_polyarray_rules(backend: Any) -> None:
    a = pa.asarray([1, 2], dtype=pa.uint8)
    b = pa.asarray([-1, 2], dtype=pa.int8)
    assert _dtype(pa.concat([a, b])) == "int16"
    assert _dtype(pa.stack([a, b])) == "int16"
    with pytest.raises(errors.PromotionError):  # (JAX: float64)
        pa.concat([pa.asarray([1], dtype=pa.int64), pa.asarray([1], dtype=pa.uint64)])


def test_broadcast_arrays_is_a_tuple(backend: Any) -> None:
    result = pa.broadcast_arrays(pa.asarray([1, 2]), pa.asarray([[3], [4]]))
    assert type(result) is tuple
    assert [tuple(r.shape) for r in result] == [(2, 2), (2, 2)]


@pytest.mark.parametrize(
    "call",
    [
        lambda x: pa.flip(x, axis=(0, 0)),
        lambda x: pa.moveaxis(x, (0, 0), (0, 1)),
        lambda x: pa.permute_dims(x, (0, 0)),
        lambda x: pa.squeeze(x, axis=2),
        lambda x: pa.flip(pa.asarray(1.0), axis=0),
    ],
    ids=["flip", "moveaxis", "permute_dims", "squeeze", "flip 0-d"],
)
def test_bad_axes_are_axis_errors(backend: Any, call: Any) -> None:
    with pytest.raises(errors.AxisError):
        call(pa.reshape(pa.arange(6), (2, 3)))


def test_shapes_that_do_not_fit(backend: Any) -> None:
    x = pa.reshape(pa.arange(6), (2, 3))
    with pytest.raises(errors.ReshapeError):
        pa.reshape(x, (4, 2))
    with pytest.raises(errors.ShapeError):
        pa.concat([x, pa.reshape(pa.arange(8), (2, 4))])
    with pytest.raises(errors.ShapeError):
        pa.stack([x, pa.arange(3)])
    with pytest.raises(errors.MatmulShapeError):
        pa.matmul(x, x)
    with pytest.raises(errors.MatmulShapeError):
        pa.vecdot(pa.ones(3), pa.ones(2))


# -- linear algebra -----------------------------------------------------------------------


def test_products_promote_by_polyarray_rules(backend: Any) -> None:
    m = pa.asarray([[1, 2], [3, 4]], dtype=pa.uint8)
    assert _dtype(pa.matmul(m, pa.asarray([[1, 0], [0, 1]], dtype=pa.int8))) == "int16"
    assert _dtype(pa.tensordot(m, pa.ones((2, 2)), axes=1)) == "float32"
    assert _dtype(pa.linalg.outer(pa.asarray([1, 2]), pa.ones(2))) == "float32"


@pytest.mark.parametrize("name", ["inv", "det", "eigvalsh", "svdvals", "cholesky"])
def test_linalg_of_integers_is_in_the_default_float(backend: Any, name: str) -> None:
    m = pa.asarray([[2, 1], [1, 3]])
    assert _dtype(getattr(pa.linalg, name)(m)) == "float32"


def test_eigvals_of_integers_are_complex64(backend: Any) -> None:
    assert _dtype(pa.linalg.eigvals(pa.asarray([[2, 1], [1, 3]]))) == "complex64"


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa.linalg.inv(pa.zeros((2, 2))),
        lambda: pa.linalg.solve(pa.zeros((2, 2)), pa.ones(2)),
        lambda: pa.linalg.matrix_power(pa.zeros((2, 2)), -1),
        lambda: pa.linalg.cholesky(-pa.eye(2)),
        lambda: pa.linalg.inv(pa.ones((2, 3))),
    ],
    ids=["inv", "solve", "matrix_power", "cholesky", "not square"],
)
def test_matrices_linalg_cannot_work_with(backend: Any, call: Any) -> None:
    # JAX returned NaN and infinities for the first four, silently.
    with pytest.raises(errors.LinAlgError):
        call()


@pytest.mark.parametrize("name", ["svd", "pinv", "eig", "eigvals"])
@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_decompositions_refuse_non_finite_matrices(backend: Any, name: str, bad: float) -> None:
    with pytest.raises(errors.LinAlgError):  # (NumPy's eig words it otherwise)
        getattr(pa.linalg, name)(pa.asarray([[1.0, bad], [0.0, 1.0]]))


# -- FFT ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fft", "rfft", "ihfft", "fftn"])
@pytest.mark.parametrize("dtype", ["int64", "bool", "uint8"])
def test_ffts_of_integers_are_in_the_default_complex(backend: Any, name: str, dtype: str) -> None:
    x = pa.asarray([1, 0, 1, 1], dtype=dtype)
    assert _dtype(getattr(pa.fft, name)(x)) == "complex64"


@pytest.mark.parametrize("name", ["fftfreq", "rfftfreq"])
def test_frequencies_dtypes(backend: Any, name: str) -> None:
    function = getattr(pa.fft, name)
    assert _dtype(function(8)) == "float32"
    assert _dtype(function(8, d=0.1, dtype=pa.float64)) == "float64"
    expected = getattr(np.fft, name)(8, 0.1)
    assert np.allclose(pa.to_numpy(function(8, d=0.1, dtype=pa.float64)), expected)
    with pytest.raises(TypeError):
        function(8, dtype=pa.int64)
    with pytest.raises(ValueError, match="must be at least 1"):
        function(0)


def test_fft_norm_is_checked(backend: Any) -> None:
    with pytest.raises(ValueError, match="norm must be"):
        pa.fft.fft(pa.ones(4), norm="bad")
    with pytest.raises(TypeError, match="transforms real input"):
        pa.fft.rfft(pa.asarray([1j, 2j]))


# -- extras ---------------------------------------------------------------------------------


def test_max_and_min_with_indices_pick_the_first_tie_and_nan(backend: Any) -> None:
    x = pa.asarray([[1.0, 3.0, 3.0, math.nan, math.nan], [2.0, 0.0, 0.0, 5.0, 5.0]])
    high = pa.max_with_indices(x, axis=1)
    low = pa.min_with_indices(x, axis=1)
    assert _values(high.indices) == [3, 3]
    assert _values(low.indices) == [3, 1]
    assert math.isnan(_values(high.values)[0])
    flat = pa.max_with_indices(pa.asarray([1, 5, 5]), keepdims=True)
    assert _values(flat.indices) == [1]
    assert _values(flat.values) == [5]
    with pytest.raises(TypeError):
        pa.max_with_indices(pa.asarray([1j]))


def test_median(backend: Any) -> None:
    assert _values(pa.median(pa.asarray([1, 4, 2, 3]))) == 2.5
    assert _dtype(pa.median(pa.asarray([1, 4, 2, 3]))) == "float32"
    assert math.isnan(_values(pa.median(pa.asarray([1.0, math.nan, 2.0]))))
    with warnings.catch_warnings():  # (NumPy warns "Mean of empty slice")
        warnings.simplefilter("ignore", RuntimeWarning)
        empty = pa.median(pa.zeros((2, 0)), axis=1)  # (jax.numpy's median fails here)
    assert tuple(empty.shape) == (2,)
    assert all(math.isnan(v) for v in _values(empty))
    kept = pa.median(pa.reshape(pa.arange(6), (2, 3)), axis=(0, 1), keepdims=True)
    assert tuple(kept.shape) == (1, 1)
    assert _values(kept) == [[2.5]]


# -- under jax.jit and jax.vmap -------------------------------------------------------------


def test_take_under_jit_gives_jaxs_answer(on_jax: Any) -> None:
    x = pa.asarray([1.0, 2.0, 3.0])

    @jax.jit
    def taken(indices: Any) -> Any:
        return pa.take(x, indices)

    assert _values(taken(pa.asarray([2, -1]))) == [3.0, 3.0]
    # Values are not checked under tracing: JAX's fill value for an index out of range.
    assert math.isnan(_values(taken(pa.asarray([5])))[0])


def test_linalg_and_fft_under_jit(on_jax: Any) -> None:
    @jax.jit
    def compute(m: Any) -> Any:
        return pa.linalg.inv(m), pa.linalg.svd(m).S, pa.fft.fft(m), pa.median(m)

    inverse, singular, spectrum, middle = compute(pa.asarray([[2.0, 1.0], [1.0, 3.0]]))
    assert np.allclose(pa.to_numpy(inverse), [[0.6, -0.2], [-0.2, 0.4]], atol=1e-6)
    assert _dtype(singular) == "float32"
    assert _dtype(spectrum) == "complex64"
    assert _values(middle) == 1.5
    # A singular matrix under tracing: JAX's own (non-finite) answer, no error.
    assert not np.isfinite(pa.to_numpy(jax.jit(pa.linalg.inv)(pa.zeros((2, 2))))).all()


def test_products_and_indices_under_vmap(on_jax: Any) -> None:
    m = pa.reshape(pa.arange(12, dtype=pa.float32), (3, 2, 2))
    result = jax.vmap(lambda a: pa.matmul(a, a))(m)
    assert np.allclose(pa.to_numpy(result), pa.to_numpy(pa.matmul(m, m)))
    picks = jax.vmap(lambda a, i: pa.take(a, i))(pa.ones((3, 4)), pa.asarray([[0], [1], [3]]))
    assert tuple(picks.shape) == (3, 1)
    found = jax.vmap(lambda a: pa.max_with_indices(a, axis=0).indices)(m)
    assert _values(found) == [[1, 1], [1, 1], [1, 1]]


def test_results_are_new_arrays_and_inputs_unchanged(on_jax: Any) -> None:
    x = pa.asarray([[3.0, 1.0], [2.0, 4.0]])
    before = pa.to_numpy(x).copy()
    for result in (
        pa.reshape(x, (4,)),
        pa.flip(x),
        pa.roll(x, 1),
        pa.linalg.cholesky(pa.asarray([[2.0, 1.0], [1.0, 3.0]])),
        pa.median(x, axis=0),
    ):
        assert isinstance(result, jax.Array)
    assert (pa.to_numpy(x) == before).all()
