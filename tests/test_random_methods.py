"""pa.random's ``permutation``, ``choice``, ``exponential`` and ``bernoulli`` (issue 13) and
``standard_normal``, on every backend: reproducible per seed, dtypes, shapes, ranges,
loose statistics on a fixed seed, and the errors of bad arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray.errors import MixedBackendsError, NegativeSizeError


def values(x: Any) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


DRAWS: dict[str, Callable[[Any], Any]] = {
    "exponential": lambda r: r.exponential(2.0, size=(3, 4)),
    "bernoulli": lambda r: r.bernoulli(0.3, size=20),
    "permutation": lambda r: r.permutation(20),
    "permutation of an array": lambda r: r.permutation(pa.arange(20)),
    "choice": lambda r: r.choice(10, size=8),
    "choice without replacement": lambda r: r.choice(10, size=8, replace=False),
    "choice with p": lambda r: r.choice(4, size=8, p=[0.1, 0.2, 0.3, 0.4]),
    "choice with p without replacement": lambda r: r.choice(
        4, size=3, replace=False, p=[0.1, 0.2, 0.3, 0.4]
    ),
    "standard_normal": lambda r: r.standard_normal((2, 3)),
}


@pytest.mark.parametrize("draw", DRAWS)
def test_same_seed_same_numbers(backend: pa.Backend, draw: str) -> None:
    first = values(DRAWS[draw](pa.random.default_rng(11)))
    again = values(DRAWS[draw](pa.random.default_rng(11)))
    np.testing.assert_array_equal(first, again)
    others = [values(DRAWS[draw](pa.random.default_rng(seed))) for seed in (12, 13, 14)]
    assert any(not np.array_equal(first, other) for other in others)


@pytest.mark.parametrize("draw", DRAWS)
def test_results_stay_on_the_generators_backend(backend: pa.Backend, draw: str) -> None:
    result = DRAWS[draw](pa.random.default_rng(0))
    assert type(result) is type(pa.zeros(1))
    assert backend.device_of(result) == backend.device_name


def test_successive_draws_differ(backend: pa.Backend) -> None:
    rng = pa.random.default_rng(3)
    assert not np.array_equal(values(rng.exponential(size=5)), values(rng.exponential(size=5)))
    assert not np.array_equal(values(rng.permutation(30)), values(rng.permutation(30)))


# -- exponential ----------------------------------------------------------------------


def test_exponential_dtype_shape_and_mean(backend: pa.Backend) -> None:
    rng = pa.random.default_rng(0)
    draws = rng.exponential(3.0, size=20_000)
    assert draws.dtype == pa.float32
    assert draws.shape == (20_000,)
    assert float(pa.min(draws)) >= 0.0
    assert abs(float(pa.mean(draws)) - 3.0) < 0.15
    assert rng.exponential(dtype=pa.float64, size=(2, 3)).dtype == pa.float64
    assert rng.exponential(size=(2, 3)).shape == (2, 3)
    assert abs(float(pa.mean(rng.exponential(size=20_000))) - 1.0) < 0.05


def test_exponential_without_size_is_0d(backend: pa.Backend) -> None:
    draw = pa.random.default_rng(0).exponential()
    assert type(draw) is type(pa.zeros(1))
    assert draw.shape == ()
    assert draw.dtype == pa.float32


def test_exponential_array_scale(backend: pa.Backend) -> None:
    scale = pa.asarray([1.0, 10.0, 0.0])
    draws = pa.random.default_rng(0).exponential(scale)
    assert draws.shape == (3,)
    assert float(draws[2]) == 0.0
    many = pa.random.default_rng(0).exponential(scale, size=(5000, 3))
    means = values(pa.mean(many, axis=0))
    np.testing.assert_allclose(means, [1.0, 10.0, 0.0], rtol=0.1, atol=1e-6)


# -- bernoulli ------------------------------------------------------------------------


@pytest.mark.parametrize("p", [0.0, 0.25, 0.5, 0.9, 1.0])
def test_bernoulli_frequency(backend: pa.Backend, p: float) -> None:
    draws = pa.random.default_rng(5).bernoulli(p, size=20_000)
    assert draws.dtype == pa.bool
    assert draws.shape == (20_000,)
    frequency = float(pa.mean(pa.astype(draws, pa.float64)))
    assert abs(frequency - p) < 0.02
    if p in (0.0, 1.0):
        assert frequency == p


def test_bernoulli_shapes_and_array_p(backend: pa.Backend) -> None:
    rng = pa.random.default_rng(0)
    assert rng.bernoulli().shape == ()
    assert rng.bernoulli().dtype == pa.bool
    assert rng.bernoulli(size=(2, 3)).shape == (2, 3)
    p = pa.asarray([0.0, 1.0, 0.5])
    one_each = rng.bernoulli(p)
    assert one_each.shape == (3,)
    assert values(one_each)[:2].tolist() == [False, True]
    many = rng.bernoulli(p, size=(4000, 3))
    np.testing.assert_allclose(
        values(pa.mean(pa.astype(many, pa.float64), axis=0)), [0.0, 1.0, 0.5], atol=0.03
    )


# -- permutation ----------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 7, 100])
def test_permutation_of_an_int(backend: pa.Backend, n: int) -> None:
    order = pa.random.default_rng(2).permutation(n)
    assert order.dtype == pa.int64
    assert order.shape == (n,)
    assert sorted(values(order).tolist()) == list(range(n))


def test_permutation_of_an_array_is_a_shuffled_copy(backend: pa.Backend) -> None:
    x = pa.reshape(pa.arange(30, dtype=pa.float32), (10, 3))
    before = values(x).copy()
    shuffled = pa.random.default_rng(4).permutation(x)
    assert shuffled.shape == (10, 3)
    assert shuffled.dtype == pa.float32
    np.testing.assert_array_equal(values(x), before)  # not changed
    got = values(shuffled)
    assert sorted(map(tuple, got.tolist())) == sorted(map(tuple, before.tolist()))
    assert not np.array_equal(got, before)
    # A list is an array too, and an empty one stays empty.
    assert sorted(values(pa.random.default_rng(0).permutation([3, 1, 2])).tolist()) == [1, 2, 3]
    assert pa.random.default_rng(0).permutation(pa.zeros((0, 2))).shape == (0, 2)


def test_permutation_of_numpy_integers_and_0d_arrays(backend: pa.Backend) -> None:
    rng = pa.random.default_rng(0)
    assert rng.permutation(np.int32(5)).shape == (5,)
    assert sorted(values(rng.permutation(pa.asarray(4))).tolist()) == [0, 1, 2, 3]
    assert rng.choice(pa.asarray(4), size=3).shape == (3,)


# -- choice ---------------------------------------------------------------------------


def test_choice_of_an_int(backend: pa.Backend) -> None:
    rng = pa.random.default_rng(1)
    draws = rng.choice(5, size=(200, 3))
    assert draws.dtype == pa.int64
    assert draws.shape == (200, 3)
    assert set(values(draws).ravel().tolist()) == {0, 1, 2, 3, 4}
    single = rng.choice(5)
    assert single.shape == ()
    assert 0 <= int(single) < 5


def test_choice_of_an_array(backend: pa.Backend) -> None:
    pool = pa.asarray([10.0, 20.0, 30.0])
    draws = pa.random.default_rng(1).choice(pool, size=100)
    assert draws.dtype == pa.float32
    assert set(values(draws).tolist()) <= {10.0, 20.0, 30.0}
    assert pa.random.default_rng(1).choice(pool).shape == ()
    assert set(values(pa.random.default_rng(1).choice([7, 8], 50)).tolist()) == {7, 8}


@pytest.mark.parametrize("k", [0, 1, 5, 10])
def test_choice_without_replacement_is_distinct(backend: pa.Backend, k: int) -> None:
    draws = values(pa.random.default_rng(6).choice(10, size=k, replace=False))
    assert draws.shape == (k,)
    assert len(set(draws.tolist())) == k
    assert set(draws.tolist()) <= set(range(10))
    shaped = values(pa.random.default_rng(6).choice(pa.arange(12), size=(3, 4), replace=False))
    assert sorted(shaped.ravel().tolist()) == list(range(12))


def test_choice_respects_p(backend: pa.Backend) -> None:
    p = [0.1, 0.0, 0.6, 0.3]
    draws = values(pa.random.default_rng(9).choice(4, size=20_000, p=p))
    frequencies = np.bincount(draws, minlength=4) / draws.size
    np.testing.assert_allclose(frequencies, p, atol=0.02)
    assert frequencies[1] == 0.0
    certain = values(pa.random.default_rng(9).choice(3, size=50, p=[0.0, 1.0, 0.0]))
    assert set(certain.tolist()) == {1}


def test_choice_with_p_without_replacement(backend: pa.Backend) -> None:
    p = pa.asarray([0.05, 0.0, 0.8, 0.15], dtype=pa.float64)
    rng = pa.random.default_rng(10)
    firsts = []
    for _ in range(300):
        draw = values(rng.choice(4, size=3, replace=False, p=p))
        assert len(set(draw.tolist())) == 3
        assert 1 not in draw.tolist()  # probability 0: never, while others remain
        firsts.append(int(draw[0]))
    # The first pick follows p: index 2 (0.8) most of the time.
    assert 0.7 < firsts.count(2) / len(firsts) < 0.9


def test_choice_of_nothing(backend: pa.Backend) -> None:
    assert pa.random.default_rng(0).choice(0, size=0).shape == (0,)
    assert pa.random.default_rng(0).choice(3, size=(2, 0)).shape == (2, 0)


# -- dtypes of the float distributions ------------------------------------------------


@pytest.mark.parametrize("name", ["exponential", "standard_normal", "random"])
def test_float_distributions_dtype(backend: pa.Backend, name: str) -> None:
    rng = pa.random.default_rng(0)
    assert getattr(rng, name)(size=4).dtype == pa.float32
    assert getattr(rng, name)(size=4, dtype=pa.float64).dtype == pa.float64
    assert getattr(rng, name)(size=4, dtype="float64").dtype == pa.float64
    with pytest.raises(TypeError, match="real floating"):
        getattr(rng, name)(size=4, dtype=pa.int32)
    assert getattr(rng, name)().shape == ()


def test_default_float_is_followed(backend: pa.Backend) -> None:
    pa.set_default_float("float64")
    assert pa.random.default_rng(0).exponential(size=2).dtype == pa.float64


# -- module-level functions -----------------------------------------------------------


def test_module_level_functions_are_seeded(backend: pa.Backend) -> None:
    calls: list[Callable[[], Any]] = [
        lambda: pa.random.exponential(size=4),
        lambda: pa.random.bernoulli(0.5, size=8),
        lambda: pa.random.permutation(8),
        lambda: pa.random.choice(8, size=4, replace=False),
        lambda: pa.random.standard_normal(4),
    ]
    pa.random.seed(99)
    first = [values(call()) for call in calls]
    pa.random.seed(99)
    for call, expected in zip(calls, first, strict=True):
        np.testing.assert_array_equal(values(call()), expected)
    for name in ("exponential", "bernoulli", "permutation", "choice", "standard_normal"):
        assert name in pa.random.__all__
        assert name in dir(pa.random)


# -- bad arguments --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda r: r.exponential(-1.0), ValueError, "scale"),
        (lambda r: r.exponential(float("nan")), ValueError, "scale"),
        (lambda r: r.exponential(pa.asarray([1.0, -1.0])), ValueError, "scale"),
        (lambda r: r.exponential(1j), TypeError, "scale"),
        (lambda r: r.exponential(True), TypeError, "scale"),
        (lambda r: r.exponential(size=(2, "x")), TypeError, "size must be"),
        (lambda r: r.exponential(size=-1), NegativeSizeError, "-1"),
        (lambda r: r.bernoulli(1.5), ValueError, "p must lie"),
        (lambda r: r.bernoulli(-0.1), ValueError, "p must lie"),
        (lambda r: r.bernoulli(float("nan")), ValueError, "p must lie"),
        (lambda r: r.bernoulli(pa.asarray([0.5, 2.0])), ValueError, "every p"),
        (lambda r: r.bernoulli("a"), TypeError, "real number"),
        (lambda r: r.permutation(-1), NegativeSizeError, "at least 0"),
        (lambda r: r.permutation(2.5), TypeError, "must be an int"),
        (lambda r: r.permutation(True), TypeError, "must be an int"),
        (lambda r: r.permutation(pa.asarray(3.0)), TypeError, "must be an int"),
        (lambda r: r.choice(3, size=4, replace=False), ValueError, "distinct"),
        (lambda r: r.choice(0, size=1), ValueError, "empty"),
        (lambda r: r.choice(-2), NegativeSizeError, "at least 0"),
        (lambda r: r.choice(2.5), TypeError, "must be an int"),
        (lambda r: r.choice(pa.ones((2, 2))), ValueError, "1-D"),
        (lambda r: r.choice(pa.asarray(3.0)), TypeError, "must be an int"),
        (lambda r: r.choice(3, p=[0.5, 0.5]), ValueError, "same length"),
        (lambda r: r.choice(3, p=[[0.5, 0.25, 0.25]]), ValueError, "1-D"),
        (lambda r: r.choice(3, p=[0.5, 0.6, -0.1]), ValueError, "negative"),
        (lambda r: r.choice(3, p=[0.5, 0.2, 0.2]), ValueError, "sum to"),
        (lambda r: r.choice(2, p=[float("nan"), 1.0]), ValueError, "finite"),
        (lambda r: r.choice(3, size=3, replace=False, p=[0.5, 0.5, 0.0]), ValueError, "non-zero"),
        (lambda r: r.choice(3, replace=1), TypeError, "replace"),
    ],
)
def test_bad_arguments(backend: pa.Backend, call: Any, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        call(pa.random.default_rng(0))
    assert issubclass(error, (TypeError, ValueError))


def test_the_sum_tolerance_is_numpys(backend: pa.Backend) -> None:
    rng = pa.random.default_rng(0)
    assert rng.choice(2, p=[0.5, 0.5 + 1e-9]).shape == ()  # within sqrt(eps) of float64
    with pytest.raises(ValueError, match="sum to"):
        rng.choice(2, p=[0.5, 0.5 + 1e-6])
    # float32 probabilities: float32's tolerance (NumPy's too).
    assert rng.choice(2, p=pa.asarray([0.5, 0.5001], dtype=pa.float32)).shape == ()


def test_array_from_another_backend(backend: pa.Backend) -> None:
    other = "torch" if backend.name != "torch" else "numpy"
    with pa.use_backend(other):
        pool = pa.arange(5)
    with pytest.raises(MixedBackendsError):
        pa.random.default_rng(0).permutation(pool)


@pytest.mark.parametrize("method", ["normal", "uniform"])
def test_array_parameters_without_size_draw_one_sample_per_entry(
    backend: pa.Backend, method: str
) -> None:
    # Before, one sample was drawn and broadcast: every entry got the same noise.
    rng = pa.random.default_rng(3)
    drawn = getattr(rng, method)(pa.zeros((2, 3)), pa.ones((3,)))
    assert drawn.shape == (2, 3)
    assert len(set(pa.to_numpy(drawn).ravel().tolist())) == 6
