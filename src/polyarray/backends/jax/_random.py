"""Random numbers on JAX: a key held by the generator and split at every draw.

JAX's keys are values, not state: ``pa.random.default_rng(seed)`` keeps one and splits it
per call, so that a seed gives the same stream every run and no two draws reuse a key.
Seeds are the 64-bit ints polyarray's ``pa.random`` hands every backend (wider ones are
folded there); JAX's ``jax.random.key`` takes only int64's range, so the key is built from
the seed's two 32-bit halves (what ``key`` itself does for seeds it takes).

``integers`` draws over the whole range of int64 and uint64, as on the other backends:
``jax.random.randint`` takes bounds of the dtype only (``high`` is exclusive, so int64's
end ``2**63`` is beyond it), so the ends are shifted into range and back.
"""

from __future__ import annotations

from typing import Any, Final

import jax
import jax.extend.random
import jax.numpy as jnp
import numpy as np

from polyarray.backends.jax.creation import checked_shape

__all__ = [
    "Key",
    "exponential",
    "integers",
    "permutation",
    "standard_normal",
    "threefry_blocks",
    "uniform",
]

_INT64_END: Final = 2**63
_UINT64: Final = np.dtype(np.uint64)
_INT64: Final = np.dtype(np.int64)


class Key:
    """A JAX PRNG key that is split at every draw."""

    __slots__ = ("key",)

    def __init__(self, seed: int) -> None:
        halves = np.array([seed >> 32, seed & 0xFFFFFFFF], dtype=np.uint32)
        self.key = jax.random.wrap_key_data(jnp.asarray(halves), impl="threefry2x32")

    def next(self) -> Any:
        self.key, drawn = jax.random.split(self.key)
        return drawn


def standard_normal(rng: Key, shape: tuple[int, ...], dtype: Any) -> Any:
    """Normal draws of ``dtype`` (a float) in ``shape``."""
    shape = checked_shape("random.standard_normal", shape, dtype)
    return jax.random.normal(rng.next(), shape, dtype=dtype)


def uniform(rng: Key, shape: tuple[int, ...], dtype: Any) -> Any:
    """Uniform draws in [0, 1) of ``dtype`` (a float) in ``shape``."""
    shape = checked_shape("random.random", shape, dtype)
    return jax.random.uniform(rng.next(), shape, dtype=dtype)


def exponential(rng: Key, shape: tuple[int, ...], dtype: Any) -> Any:
    """Standard exponential draws (scale 1) of ``dtype`` (a float) in ``shape``."""
    shape = checked_shape("random.exponential", shape, dtype)
    return jax.random.exponential(rng.next(), shape, dtype=dtype)


def permutation(rng: Key, n: int) -> Any:
    """A permutation of ``arange(n)`` in int64, ``n`` at least 0."""
    return jax.random.permutation(rng.next(), jnp.arange(n, dtype=jnp.int64))


def integers(rng: Key, low: int, high: int, shape: tuple[int, ...], dtype: Any) -> Any:
    """Integers in [low, high) of ``dtype``; the bounds are within its range (checked by
    ``pa.random``), ``high`` up to one past its largest value."""
    shape = checked_shape("random.integers", shape, dtype)
    key = rng.next()
    dtype = np.dtype(dtype)
    if high - low == 2**64:  # the whole of int64 or uint64: every bit pattern
        bits = jax.random.bits(key, shape, dtype=jnp.uint64)
        return bits if dtype == _UINT64 else jax.lax.bitcast_convert_type(bits, jnp.int64)
    if dtype == _UINT64 and high > _INT64_END - 1:
        # Beyond int64: drawn in int64 shifted down by 2**63, then shifted back (the top
        # bit flipped).
        drawn = _int64_draws(key, shape, low - _INT64_END, high - _INT64_END)
        return jax.lax.bitcast_convert_type(drawn ^ jnp.int64(-_INT64_END), jnp.uint64)
    if dtype == _INT64:
        return _int64_draws(key, shape, low, high)
    return jax.random.randint(key, shape, low, high, dtype=dtype)


def _int64_draws(key: Any, shape: tuple[int, ...], low: int, high: int) -> Any:
    """int64 draws in [low, high), ``high`` up to 2**63 (and ``low`` above -2**63 then)."""
    if high == _INT64_END:
        return jax.random.randint(key, shape, low - 1, high - 1, dtype=jnp.int64) + 1
    return jax.random.randint(key, shape, low, high, dtype=jnp.int64)


@jax.jit
def _blocks_at(key: Any, counters: Any) -> tuple[Any, Any]:
    high = (counters >> 32).astype(jnp.uint32)
    low = (counters & 0xFFFFFFFF).astype(jnp.uint32)
    w0, w1 = jax.extend.random.threefry_2x32(key, jnp.stack([high, low]))
    return w0.astype(jnp.int64), w1.astype(jnp.int64)


def threefry_blocks(place: Any, key: tuple[int, int], counters: Any) -> tuple[Any, Any]:
    """The portable stream's Threefry-2x32 words (int64 in [0, 2**32)) of the blocks at
    ``counters`` (an int ``n`` for blocks ``0 .. n-1``, or an int64 array of block numbers),
    by JAX's own compiled ``threefry_2x32``: the rounds polyarray's generic code runs."""
    if isinstance(counters, int):
        counters = jnp.arange(counters, dtype=jnp.int64)
    words = jnp.asarray(np.array(key, dtype=np.uint32))
    w0, w1 = _blocks_at(words, counters)
    return place(w0), place(w1)
