"""The JAX backend's compiled bodies (issue 11, per-call overhead): ``median``,
``max_with_indices``/``min_with_indices``, ``matrix_rank``, the checked solvers
(``inv``, ``solve``, ``cholesky``, ``matrix_power`` with ``n < 0``), ``take`` and
``take_along_axis`` with their bounds check, and ``linspace``/``arange`` made on the host.

Each is one ``jax.jit`` dispatch on concrete arrays; these tests check that the answers
are those of NumPy, that the functions still work under ``jax.jit`` and ``jax.vmap`` (the
compiled body inside a trace), and that the value checks still raise on concrete input
and are skipped, as documented, on tracers.
"""

from __future__ import annotations

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
        pytest.skip("a JAX test: compiled bodies and tracing")
    return backend


def _close(actual: Any, expected: Any) -> None:
    np.testing.assert_allclose(np.asarray(actual), expected, rtol=1e-5, atol=1e-6)


_VALUES = np.array([[3.0, 1.0, 4.0, 1.0], [5.0, 9.0, 2.0, 6.0], [5.0, 3.0, 5.0, 8.0]])


# -- median -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("axis", "keepdims"), [(None, False), (0, True), (-1, False), ((0, 1), True)]
)
def test_median_eager_jit_and_vmap(on_jax: Any, axis: Any, keepdims: bool) -> None:
    x = pa.asarray(_VALUES)
    expected = np.median(_VALUES, axis=axis, keepdims=keepdims)
    _close(pa.median(x, axis=axis, keepdims=keepdims), expected)
    traced = jax.jit(lambda a: pa.median(a, axis=axis, keepdims=keepdims))
    _close(traced(x), expected)
    _close(jax.vmap(pa.median)(x), np.median(_VALUES, axis=1))


def test_median_of_integers_nan_and_nothing(on_jax: Any) -> None:
    integers = pa.asarray([4, 1, 3, 2], dtype=pa.int32)
    result = pa.median(integers)
    assert str(result.dtype) == "float32"
    _close(result, 2.5)
    _close(pa.median(pa.asarray([1.0, float("nan"), 2.0])), np.nan)
    _close(pa.median(pa.zeros((0, 3)), axis=0), np.full(3, np.nan))


# -- max_with_indices / min_with_indices --------------------------------------------------------


@pytest.mark.parametrize("axis", [None, 0, -1])
def test_with_indices_eager_jit_and_vmap(on_jax: Any, axis: Any) -> None:
    x = pa.asarray(_VALUES)
    values, indices = pa.max_with_indices(x, axis=axis)
    _close(values, np.max(_VALUES, axis=axis))
    assert np.asarray(indices).tolist() == np.argmax(_VALUES, axis=axis).tolist()
    traced = jax.jit(lambda a: tuple(pa.min_with_indices(a, axis=axis, keepdims=True)))
    low, where = traced(x)
    _close(low, np.min(_VALUES, axis=axis, keepdims=True))
    assert np.asarray(where).tolist() == np.argmin(_VALUES, axis=axis, keepdims=True).tolist()
    mapped = jax.vmap(lambda row: tuple(pa.max_with_indices(row)))(x)
    assert np.asarray(mapped[1]).tolist() == np.argmax(_VALUES, axis=1).tolist()


def test_with_indices_axis_out_of_range(on_jax: Any) -> None:
    with pytest.raises(errors.AxisError):
        pa.max_with_indices(pa.asarray(_VALUES), axis=2)


# -- the checked solvers --------------------------------------------------------------------------

_SINGULAR = np.array([[1.0, 2.0], [2.0, 4.0]])
_DEFINITE = np.array([[4.0, 1.0], [1.0, 3.0]])


def _solvers() -> dict[str, Any]:
    return {
        "inv": pa.linalg.inv,
        "solve": lambda a: pa.linalg.solve(a, pa.ones((2,))),
        "matrix_power": lambda a: pa.linalg.matrix_power(a, -1),
        "cholesky": pa.linalg.cholesky,
    }


@pytest.mark.parametrize("name", ["inv", "solve", "matrix_power", "cholesky"])
def test_solvers_raise_on_concrete_input_only(on_jax: Any, name: str) -> None:
    solver = _solvers()[name]
    bad = _SINGULAR if name != "cholesky" else -_DEFINITE
    with pytest.raises(errors.LinAlgError):
        solver(pa.asarray(bad))
    # Traced: JAX's NaN or infinities, as docs/semantics.md says, no error.
    traced = np.asarray(jax.jit(solver)(pa.asarray(bad)))
    assert not np.isfinite(traced).all()


def test_solvers_answers_eager_jit_and_vmap(on_jax: Any) -> None:
    x = pa.asarray(_DEFINITE)
    expected = {
        "inv": np.linalg.inv(_DEFINITE),
        "solve": np.linalg.solve(_DEFINITE, np.ones(2)),
        "matrix_power": np.linalg.inv(_DEFINITE),
        "cholesky": np.linalg.cholesky(_DEFINITE),
    }
    for name, solver in _solvers().items():
        _close(solver(x), expected[name])
        _close(jax.jit(solver)(x), expected[name])
        stacked = jax.vmap(solver)(pa.stack([x, x]))
        _close(stacked, np.stack([expected[name]] * 2))
    _close(pa.linalg.cholesky(x, upper=True), np.linalg.cholesky(_DEFINITE).T)


def test_non_finite_refused_by_decompositions(on_jax: Any) -> None:
    x = pa.asarray([[1.0, float("inf")], [0.0, 1.0]])
    for decomposition in (pa.linalg.svd, pa.linalg.pinv, pa.linalg.eigvals):
        with pytest.raises(errors.LinAlgError):
            decomposition(x)


# -- matrix_rank ------------------------------------------------------------------------------


def test_matrix_rank_eager_jit_and_vmap(on_jax: Any) -> None:
    stack = np.stack([_SINGULAR, _DEFINITE, np.zeros((2, 2))])
    expected = np.linalg.matrix_rank(stack).tolist()
    x = pa.asarray(stack)
    assert np.asarray(pa.linalg.matrix_rank(x)).tolist() == expected
    assert np.asarray(jax.jit(pa.linalg.matrix_rank)(x)).tolist() == expected
    assert np.asarray(jax.vmap(pa.linalg.matrix_rank)(x)).tolist() == expected
    # rtol relative to the largest singular value: 0.5 drops the second of (5, 0.5)
    scaled = pa.asarray(np.diag([5.0, 0.5]))
    assert int(pa.linalg.matrix_rank(scaled, rtol=0.5)) == 1
    assert int(pa.linalg.matrix_rank(pa.zeros((0, 3)))) == 0


# -- take / take_along_axis -----------------------------------------------------------------------


def test_take_bounds_concrete_and_traced(on_jax: Any) -> None:
    x = pa.asarray([10.0, 20.0, 30.0])
    inside = pa.asarray([2, -3, 0])
    assert np.asarray(pa.take(x, inside)).tolist() == [30.0, 10.0, 10.0]
    assert np.asarray(jax.jit(pa.take)(x, inside)).tolist() == [30.0, 10.0, 10.0]
    outside = pa.asarray([0, 3])
    with pytest.raises(IndexError, match="index 3 is out of bounds"):
        pa.take(x, outside)
    # Concrete indices of a traced array are still checked; traced indices are not.
    with pytest.raises(IndexError):
        jax.jit(lambda a: pa.take(a, outside))(x)
    jax.jit(pa.take)(x, outside)  # (JAX's fill value: no error, as documented)
    mapped = jax.vmap(lambda row: pa.take(row, inside))(pa.stack([x, x]))
    assert np.asarray(mapped).tolist() == [[30.0, 10.0, 10.0]] * 2


def test_take_along_axis_bounds_and_vmap(on_jax: Any) -> None:
    x = pa.asarray(_VALUES)
    order = pa.argsort(x, axis=-1)
    expected = np.take_along_axis(_VALUES, np.argsort(_VALUES, axis=-1), axis=-1)
    _close(pa.take_along_axis(x, order), expected)
    _close(jax.jit(pa.take_along_axis)(x, order), expected)
    _close(jax.vmap(lambda a, i: pa.take_along_axis(a, i, axis=0))(x, order), expected)
    with pytest.raises(IndexError, match="out of bounds for axis 0"):
        pa.take_along_axis(x, pa.asarray([[3, 0, 0, 0]]), axis=0)


# -- creation on the host, astype, isdtype ----------------------------------------------------


def test_ranges_are_jax_arrays_with_numpys_values(on_jax: Any) -> None:
    points = pa.linspace(0.0, 1.0, 5)
    assert isinstance(points, jax.Array)
    assert str(points.dtype) == "float32"
    assert np.asarray(points).tolist() == np.linspace(0.0, 1.0, 5, dtype=np.float32).tolist()
    steps = pa.arange(2, 11, 3)
    assert isinstance(steps, jax.Array)
    assert np.asarray(steps).tolist() == [2, 5, 8]
    assert str(steps.dtype) == "int64"


def test_astype_copies_and_converts(on_jax: Any) -> None:
    x = pa.asarray([1.5, 2.5], dtype=pa.float32)
    converted = pa.astype(x, pa.float64)
    assert str(converted.dtype) == "float64"
    assert np.asarray(converted).tolist() == [1.5, 2.5]
    assert pa.astype(x, pa.float32) is not x  # copy=True: a new array
    assert pa.astype(x, pa.float32, copy=False) is x


def test_isdtype_answers_stay_right_when_cached(on_jax: Any) -> None:
    for _ in range(2):  # (the second answers come from the cache)
        assert pa.isdtype(pa.float64, "real floating")
        assert not pa.isdtype(pa.int8, "real floating")
        assert pa.isdtype(pa.int8, ("bool", "integral"))
        assert pa.isdtype(pa.float32, pa.float32)
    with pytest.raises(TypeError):
        pa.isdtype(pa.float32, ["real floating"])  # a list: unhashable, refused as before


def test_constants_of_a_traced_function(on_jax: Any) -> None:
    """Concrete arrays captured by a traced function: the compiled bodies join the trace
    (their flags are tracers), and the answers are JAX's, as for traced input."""
    singular, x = pa.asarray(_SINGULAR), pa.asarray([10.0, 20.0, 30.0])
    assert not np.isfinite(np.asarray(jax.jit(lambda: pa.linalg.inv(singular))())).all()
    inside, outside = pa.asarray([2, 0]), pa.asarray([3])
    taken = jax.jit(lambda: pa.take(x, inside))()
    assert np.asarray(taken).tolist() == [30.0, 10.0]
    with pytest.raises(IndexError):  # (the indices are concrete: checked in NumPy)
        jax.jit(lambda: pa.take(x, outside))()
    _close(jax.jit(lambda: pa.median(x))(), 20.0)
