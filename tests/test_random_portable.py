"""The portable random stream (issue 15): one seed, NumPy's numbers on every backend.

Every backend's draws are compared with the NumPy backend's for the same seed: integers,
uniform floats, booleans and permutations bit for bit, normals and exponentials within the
bound docs/random.md states. Then the stream's own promises: JAX's bits, slices of the
stream equal to the whole, independent children, unbiased integers, honest statistics.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import _threefry
from polyarray.errors import NegativeSizeError, ScalarOverflowError

SEEDS = (0, 1, 12345, 2**64 - 1)


def values(x: Any) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def portable(seed: int) -> pa.random.Generator:
    return pa.random.default_rng(seed, portable=True)


def on_numpy(draw: Callable[[pa.random.Generator], Any], seed: int) -> np.ndarray:
    with pa.use_backend("numpy"):
        return values(draw(portable(seed)))


EXACT: dict[str, Callable[[pa.random.Generator], Any]] = {
    "random float32": lambda r: r.random((7, 5), dtype=pa.float32),
    "random float64": lambda r: r.random(33, dtype=pa.float64),
    "random, 0-d": lambda r: r.random(),
    "random, empty": lambda r: r.random((0, 3)),
    "uniform": lambda r: r.uniform(-2.0, 3.0, size=40, dtype=pa.float64),
    "integers below 10": lambda r: r.integers(10, size=300),
    "integers, span 3": lambda r: r.integers(-1, 2, size=500),
    "integers, span 2**31 + 1 (half redrawn)": lambda r: r.integers(0, 2**31 + 1, size=500),
    "integers, power-of-two span": lambda r: r.integers(0, 16, size=50, dtype=pa.uint8),
    "integers int8, whole range": lambda r: r.integers(-128, 128, size=50, dtype=pa.int8),
    "integers uint16 endpoint": lambda r: r.integers(
        0, 65535, size=50, dtype=pa.uint16, endpoint=True
    ),
    "integers int32 wide": lambda r: r.integers(-(2**31), 2**31 - 7, size=50, dtype=pa.int32),
    "integers uint32 whole": lambda r: r.integers(0, 2**32, size=50, dtype=pa.uint32),
    "integers span over 2**32": lambda r: r.integers(0, 3 * 2**40 + 1, size=200),
    "integers int64 whole range": lambda r: r.integers(-(2**63), 2**63, size=50),
    "integers int64 over 2**63 span": lambda r: r.integers(-(2**63), 2**62 + 5, size=200),
    "integers int64 near the top": lambda r: r.integers(2**63 - 10, 2**63, size=50),
    "integers uint64 top": lambda r: r.integers(2**64 - 10, 2**64, size=50, dtype=pa.uint64),
    "integers uint64 over 2**63": lambda r: r.integers(3, 2**64 - 3, size=200, dtype=pa.uint64),
    "integers, one value": lambda r: r.integers(5, 6, size=4),
    "bernoulli": lambda r: r.bernoulli(0.3, size=64),
    "permutation": lambda r: r.permutation(50),
    "permutation of an array": lambda r: r.permutation(pa.arange(12.0)),
    "permutation, empty": lambda r: r.permutation(0),
    "choice": lambda r: r.choice(7, size=20),
    "choice without replacement": lambda r: r.choice(30, size=10, replace=False),
    "choice with p": lambda r: r.choice(4, size=30, p=[0.1, 0.2, 0.3, 0.4]),
    "choice with p, without replacement": lambda r: r.choice(
        5, size=3, replace=False, p=[0.1, 0.0, 0.3, 0.4, 0.2]
    ),
    "several draws in a row": lambda r: pa.concat(
        [r.random(3, dtype=pa.float64), pa.astype(r.integers(100, size=3), pa.float64)]
    ),
}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("draw", EXACT)
def test_bit_identical_to_numpy(backend: pa.Backend, draw: str, seed: int) -> None:
    drawn = EXACT[draw](portable(seed))
    expected = on_numpy(EXACT[draw], seed)
    assert backend.device_of(drawn) == backend.device_name
    got = values(drawn)
    assert got.dtype == expected.dtype
    assert got.shape == expected.shape
    np.testing.assert_array_equal(got, expected, strict=True)


#: Normals and exponentials: float32 ones within one unit in the last place of NumPy's
#: (they are rounded from float64), float64 ones within 8 float64 epsilons of max(1, |x|).
TRANSFORMED: dict[str, Callable[[pa.random.Generator, Any], Any]] = {
    "standard_normal": lambda r, d: r.standard_normal((100, 50), dtype=d),
    "normal": lambda r, d: r.normal(1.0, 3.0, size=999, dtype=d),
    "exponential": lambda r, d: r.exponential(2.0, size=(20, 20), dtype=d),
}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("draw", TRANSFORMED)
def test_normals_within_the_bound(backend: pa.Backend, draw: str, dtype: str) -> None:
    native = getattr(pa, dtype)
    got = values(TRANSFORMED[draw](portable(3), native))
    expected = on_numpy(lambda r: TRANSFORMED[draw](r, native), 3)
    assert got.dtype == expected.dtype == np.dtype(dtype)
    if dtype == "float32":
        np.testing.assert_array_max_ulp(got, expected, maxulp=1)
    else:
        bound = 8 * np.finfo(np.float64).eps * np.maximum(1.0, np.abs(expected))
        assert np.all(np.abs(got - expected) <= bound)


def test_the_bits_are_jax_randoms() -> None:
    jax = pytest.importorskip("jax")
    import jax.numpy as jnp

    with pa.use_backend("numpy"):
        rng = portable(2024)
        first = values(rng.random((4, 6), dtype=pa.float32))
        second = values(rng.random(10, dtype=pa.float64))
    with pa.use_backend("jax"):  # (polyarray's jax backend turns 64-bit types on)
        key = jax.random.key(2024)
        expected_first = jax.random.uniform(jax.random.fold_in(key, 0), (4, 6), jnp.float32)
        expected_second = jax.random.uniform(jax.random.fold_in(key, 1), (10,), jnp.float64)
    np.testing.assert_array_equal(first, np.asarray(expected_first))
    np.testing.assert_array_equal(second, np.asarray(expected_second))


#: Random123's known answers for Threefry-2x32 with 20 rounds: (key, block, words).
KNOWN_ANSWERS = [
    ((0, 0), (0, 0), (0x6B200159, 0x99BA4EFE)),
    ((0xFFFFFFFF, 0xFFFFFFFF), (0xFFFFFFFF, 0xFFFFFFFF), (0x1CB996FC, 0xBB002BE7)),
    ((0x13198A2E, 0x03707344), (0x243F6A88, 0x85A308D3), (0xC4923A9C, 0x483DF7A0)),
]


@pytest.mark.parametrize(("key", "block", "words"), KNOWN_ANSWERS)
def test_the_rounds_give_threefrys_known_answers(
    key: tuple[int, int], block: tuple[int, int], words: tuple[int, int]
) -> None:
    assert _threefry.fold_in(key, block[1], domain=block[0]) == words


@pytest.mark.parametrize(
    ("key", "block", "words"),
    # (block numbers are int64s, as arrays have fewer entries: not the all-ones block)
    [answer for answer in KNOWN_ANSWERS if answer[1][0] < 2**31],
)
def test_each_backends_blocks_give_the_known_answers(
    backend: pa.Backend, key: tuple[int, int], block: tuple[int, int], words: tuple[int, int]
) -> None:
    counter = pa.asarray([block[0] << 32 | block[1]], dtype=pa.int64)
    got = tuple(int(values(w)[0]) for w in backend.threefry_blocks(key, counter))
    assert got == words


@pytest.mark.parametrize(("start", "stop"), [(0, 5), (17, 300), (299, 300), (4, 4)])
def test_any_slice_of_the_stream_is_the_whole_streams(
    backend: pa.Backend, start: int, stop: int
) -> None:
    key = _threefry.seed_key(99)
    whole = [values(w) for w in backend.threefry_blocks(key, 300)]
    counters = pa.arange(start, stop, dtype=pa.int64)
    part = [values(w) for w in backend.threefry_blocks(key, counters)]
    for got, expected in zip(part, whole, strict=True):
        np.testing.assert_array_equal(got, expected[start:stop], strict=True)
        assert got.dtype == np.int64
        assert np.all((got >= 0) & (got < 2**32))


def test_blocks_beyond_two_to_the_32(backend: pa.Backend) -> None:
    # Counters whose high word is set (arrays of more than 2**32 entries reach them).
    counters = pa.asarray([2**32, 2**32 + 1, 2**40 + 3], dtype=pa.int64)
    got = [values(w) for w in backend.threefry_blocks((1, 2), counters)]
    with_ints = [
        _threefry.fold_in((1, 2), c & 0xFFFFFFFF, domain=c >> 32)
        for c in (2**32, 2**32 + 1, 2**40 + 3)
    ]
    assert [tuple(pair) for pair in zip(*got, strict=True)] == with_ints


def test_children_are_independent_and_portable(backend: pa.Backend) -> None:
    parent = portable(5)
    children = parent.spawn(3)
    assert all(child.portable and child.backend is parent.backend for child in children)
    draws = [values(child.random(1000, dtype=pa.float64)) for child in children]
    own = values(parent.random(1000, dtype=pa.float64))
    assert np.array_equal(own, on_numpy(lambda r: r.random(1000, dtype=pa.float64), 5))
    for i, first in enumerate([*draws, own]):
        for second in [*draws, own][i + 1 :]:
            assert not np.any(first == second)
            assert abs(np.corrcoef(first, second)[0, 1]) < 0.15
    with pa.use_backend("numpy"):
        expected = [values(c.random(1000, dtype=pa.float64)) for c in portable(5).spawn(3)]
    np.testing.assert_array_equal(np.stack(draws), np.stack(expected))
    again = values(parent.spawn(1)[0].random(1000, dtype=pa.float64))
    assert not any(np.array_equal(again, d) for d in draws)


def test_native_children_differ_and_repeat(backend: pa.Backend) -> None:
    first = [values(c.random(50)) for c in pa.random.default_rng(8).spawn(2)]
    second = [values(c.random(50)) for c in pa.random.default_rng(8).spawn(2)]
    assert not np.array_equal(first[0], first[1])
    np.testing.assert_array_equal(np.stack(first), np.stack(second))
    assert not pa.random.default_rng(8).spawn(1)[0].portable


@pytest.mark.parametrize("bad", [-1, 1.5, True, "2"])
def test_spawn_needs_a_count(backend: pa.Backend, bad: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        portable(1).spawn(bad)


def test_integers_are_unbiased(backend: pa.Backend) -> None:
    # A span of 2**31 + 1, grouped in thirds: a biased method (the 32-bit value modulo the
    # span, say) would put twice as many entries in the first third as in the others.
    # Chi-square, 2 degrees of freedom: 13.8 is p=0.001.
    span = 2**31 + 1
    drawn = values(portable(21).integers(0, span, size=30000))
    counts = np.bincount(drawn * 3 // span, minlength=3)
    chi_square = float(np.sum((counts - 10000.0) ** 2 / 10000.0))
    assert drawn.min() >= 0
    assert drawn.max() < span
    assert chi_square < 13.8


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_moments(backend: pa.Backend, dtype: str) -> None:
    rng = portable(31)
    n = 40000
    uniform = values(rng.random(n, dtype=getattr(pa, dtype))).astype(np.float64)
    normal = values(rng.standard_normal(n, dtype=getattr(pa, dtype))).astype(np.float64)
    exponential = values(rng.exponential(size=n, dtype=getattr(pa, dtype))).astype(np.float64)
    # Five standard errors of each estimate.
    assert abs(uniform.mean() - 0.5) < 5 * np.sqrt(1 / 12 / n)
    assert abs(uniform.var() - 1 / 12) < 5 * np.sqrt(1 / 180 / n)
    assert abs(normal.mean()) < 5 / np.sqrt(n)
    assert abs(normal.var() - 1) < 5 * np.sqrt(2 / n)
    assert abs(exponential.mean() - 1) < 5 / np.sqrt(n)
    assert uniform.min() >= 0
    assert uniform.max() < 1
    assert exponential.min() >= 0


def test_permutation_is_a_permutation(backend: pa.Backend) -> None:
    order = values(portable(4).permutation(1000))
    assert order.dtype == np.int64
    np.testing.assert_array_equal(np.sort(order), np.arange(1000))


def test_default_follows_polyarray_random(
    backend: pa.Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLYARRAY_RANDOM", "portable")
    assert pa.random.default_rng(3).portable
    np.testing.assert_array_equal(
        values(pa.random.default_rng(3).random(5)), on_numpy(lambda r: r.random(5), 3)
    )
    assert not pa.random.default_rng(3, portable=False).portable
    monkeypatch.setenv("POLYARRAY_RANDOM", "native")
    assert not pa.random.default_rng(3).portable
    monkeypatch.setenv("POLYARRAY_RANDOM", "fast")
    with pytest.raises(ValueError, match="POLYARRAY_RANDOM"):
        pa.random.default_rng(3)


def test_unseeded_portable_generators_differ(backend: pa.Backend) -> None:
    first, second = portable_none(), portable_none()
    assert first.portable
    assert not np.array_equal(values(first.random(20)), values(second.random(20)))


def portable_none() -> pa.random.Generator:
    return pa.random.default_rng(None, portable=True)


@pytest.mark.parametrize("bad", [1, "yes", None.__class__])
def test_portable_must_be_a_bool(backend: pa.Backend, bad: Any) -> None:
    with pytest.raises(TypeError, match="portable"):
        pa.random.default_rng(0, portable=bad)


def test_bad_sizes_and_bounds(backend: pa.Backend) -> None:
    rng = portable(0)
    with pytest.raises(NegativeSizeError):
        rng.random((2, -1))
    with pytest.raises(NegativeSizeError):
        rng.standard_normal(-3)
    with pytest.raises(NegativeSizeError):
        rng.integers(5, size=(-1,))
    with pytest.raises(ScalarOverflowError):
        rng.integers(0, 300, size=2, dtype=pa.uint8)
    with pytest.raises(TypeError):
        rng.random(3, dtype=pa.int32)
    # A refused call does not move the stream: the next draw is the first's.
    np.testing.assert_array_equal(values(rng.random(4)), on_numpy(lambda r: r.random(4), 0))
