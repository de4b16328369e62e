"""The portable stream: one seed, the same random numbers on every backend and device.

The stream is defined by Threefry-2x32 (``polyarray._threefry``) and the transforms
below, written once in polyarray's own functions, so every backend computes the same
words and turns them into numbers the same way:

- A seed's key is ``(seed >> 32, seed & 0xFFFFFFFF)`` (``jax.random.key(seed)``'s).
- Draw number ``j`` of a generator (its ``j``-th method call, from 0) has the key
  ``fold_in(key, j)``; entry ``i`` (row-major) of the draw is block ``i`` under that key:
  two 32-bit words ``w0, w1``, whose 32-bit value is ``w0 ^ w1`` and 64-bit value
  ``w0 << 32 | w1``: ``jax.random.bits(fold_in(key, j), shape, uint32/uint64)``.
- ``random``: float32 ``(bits32 >> 9) * 2**-23``, float64 ``(bits64 >> 12) * 2**-52``:
  ``jax.random.uniform``'s numbers, bit for bit.
- ``integers``: exact and unbiased, by rejection. Spans up to 2**32 by Lemire's method:
  the 32-bit value times the span, split at bit 32, gives the entry (high part) and
  rejects it when the low part is below ``2**32 mod span`` (rarely: under span / 2**32).
  Wider spans: the 64-bit value masked to the span's bit length, kept if below the span.
  The ``t``-th redraw of entry ``i`` is block ``i`` under ``fold_in(draw key, t)``, so
  each entry depends on its index only, not on its neighbours. Not
  ``jax.random.randint``'s numbers (which are slightly biased for large spans).
- ``standard_normal``: Box-Muller, ``sqrt(-2 log u1) cos(2 pi u2)``, computed in float64:
  float32 from one block (``u1 = (w0 + 1) 2**-32``, ``u2 = w1 2**-32``) and rounded,
  float64 from two (``u1``, ``u2`` with 53 bits: the draw key's block and
  ``fold_in(draw key, 1)``'s). ``exponential``: ``-log u1`` alike.
- ``permutation(n)``: a stable argsort of 63-bit keys (the 64-bit values' top bit
  cleared).

Integers, uniform floats, booleans and permutations are bit-identical on every backend;
normals and exponentials differ at most by the backends' rounding of log, sqrt and cos
(see docs/random.md for the bound that the tests check).
"""

from __future__ import annotations

import math
import os
from typing import Any, Final

import polyarray
from polyarray import _selection, _threefry
from polyarray._dtypes import as_dtype
from polyarray.backends import Backend
from polyarray.errors import NegativeSizeError

__all__ = ["PortableStream", "generic_blocks"]

_INT64_MAX: Final = 2**63 - 1
_TWO_PI: Final = 2 * math.pi
#: A redraw is needed with probability under 1/2 per entry and attempt; this many in a row
#: (probability under 2**-256 for any one entry) means the stream is broken, not unlucky.
_MOST_ATTEMPTS: Final = 256


def generic_blocks(backend: Backend, key: tuple[int, int], counters: Any) -> tuple[Any, Any]:
    """Threefry words of the blocks at ``counters`` (an int ``n``: blocks ``0 .. n-1``, or an
    int64 array of block numbers) as int64 arrays in [0, 2**32), in the backend's own
    functions: what ``Backend.threefry_blocks`` does unless a backend has a faster way."""
    word_name = backend.threefry_word
    signed = word_name == "int32"
    word_type = getattr(polyarray, word_name)
    with _selection.use_backend(backend):
        if isinstance(counters, int) and counters <= 2**31:
            x1 = polyarray.arange(counters, dtype=word_type)
            x0 = polyarray.zeros(counters, dtype=word_type)
        else:
            if isinstance(counters, int):
                counters = polyarray.arange(counters, dtype=polyarray.int64)
            x0 = _to_word(counters >> 32, word_type, signed)
            x1 = _to_word(counters & _threefry.MASK, word_type, signed)
        w0, w1 = _threefry.block(key, x0, x1, word=_threefry.signed_word if signed else int)
        return _to_int64(w0, signed), _to_int64(w1, signed)


def _to_word(values: Any, word_type: Any, signed: bool) -> Any:
    """int64 values in [0, 2**32) as words (int32 ones with the same bits)."""
    if signed:
        values = values - ((values >> 31) << 32)
    return polyarray.astype(values, word_type)


def _to_int64(words: Any, signed: bool) -> Any:
    wide = polyarray.astype(words, polyarray.int64)
    return wide & _threefry.MASK if signed else wide


def _checked_count(name: str, shape: tuple[int, ...]) -> int:
    for n in shape:
        if n < 0:
            raise NegativeSizeError(
                f"pa.random.{name}: sizes, counts and dimensions must be at least 0, and "
                f"{n} is not."
            )
    return math.prod(shape)


def fresh_seed() -> int:
    """64 bits of the operating system's entropy, for a generator made without a seed."""
    return int.from_bytes(os.urandom(8), "little")


class PortableStream:
    """The portable stream's draws for one generator: a key and a count of draws."""

    __slots__ = ("_backend", "_children", "_draws", "_key")

    def __init__(self, backend: Backend, key: tuple[int, int]) -> None:
        self._backend = backend
        self._key = key
        self._draws = 0
        self._children = 0

    def _next_key(self) -> tuple[int, int]:
        key = _threefry.fold_in(self._key, self._draws)
        self._draws += 1
        return key

    def spawn_key(self) -> tuple[int, int]:
        """The key of a new child stream (keys of domain 1: no draw of this stream's has
        them, and no other child's)."""
        key = _threefry.fold_in(self._key, self._children, domain=1)
        self._children += 1
        return key

    def _blocks(self, key: tuple[int, int], counters: Any) -> tuple[Any, Any]:
        return self._backend.threefry_blocks(key, counters)

    def _shaped(self, flat: Any, shape: tuple[int, ...]) -> Any:
        return polyarray.reshape(flat, shape)

    def random(self, shape: tuple[int, ...], dtype: Any) -> Any:
        """Uniform floats in [0, 1) of the native float ``dtype``."""
        n = _checked_count("random", shape)
        w0, w1 = self._blocks(self._next_key(), n)
        with _selection.use_backend(self._backend):
            if as_dtype(dtype).name == "float32":
                mantissa = (w0 ^ w1) >> 9
                scale = 2.0**-23
            else:
                mantissa = (w0 << 20) | (w1 >> 12)
                scale = 2.0**-52
            return self._shaped(polyarray.astype(mantissa, dtype) * scale, shape)

    def _open_unit(self, name: str, shape: tuple[int, ...], dtype: Any) -> tuple[Any, Any]:
        """(u1 in (0, 1], u2 in [0, 1)) float64 pairs: 32-bit ones for float32 results,
        53-bit ones (two blocks an entry) for float64 results."""
        n = _checked_count(name, shape)
        key = self._next_key()
        w0, w1 = self._blocks(key, n)
        with _selection.use_backend(self._backend):
            if as_dtype(dtype).name == "float32":
                u1 = (polyarray.astype(w0, polyarray.float64) + 1.0) * 2.0**-32
                u2 = polyarray.astype(w1, polyarray.float64) * 2.0**-32
                return u1, u2
            v0, v1 = self._blocks(_threefry.fold_in(key, 1), n)
            bits1 = (w0 << 21) | (w1 >> 11)
            bits2 = (v0 << 21) | (v1 >> 11)
            u1 = (polyarray.astype(bits1, polyarray.float64) + 1.0) * 2.0**-53
            u2 = polyarray.astype(bits2, polyarray.float64) * 2.0**-53
            return u1, u2

    def standard_normal(self, shape: tuple[int, ...], dtype: Any) -> Any:
        """Standard normal floats of the native float ``dtype`` (Box-Muller)."""
        u1, u2 = self._open_unit("standard_normal", shape, dtype)
        with _selection.use_backend(self._backend):
            radius = polyarray.sqrt(-2.0 * polyarray.log(u1))
            normal = radius * polyarray.cos(_TWO_PI * u2)
            return self._shaped(polyarray.astype(normal, dtype), shape)

    def exponential(self, shape: tuple[int, ...], dtype: Any) -> Any:
        """Standard exponential floats of the native float ``dtype`` (``-log u``)."""
        u1, _ = self._open_unit("exponential", shape, dtype)
        with _selection.use_backend(self._backend):
            return self._shaped(polyarray.astype(-polyarray.log(u1), dtype), shape)

    def permutation(self, n: int) -> Any:
        """A permutation of ``arange(n)`` in int64: a stable sort of random 63-bit keys."""
        w0, w1 = self._blocks(self._next_key(), n)
        with _selection.use_backend(self._backend):
            keys = ((w0 & 0x7FFFFFFF) << 32) | w1
            return polyarray.argsort(keys, stable=True)

    def integers(self, low: int, high: int, shape: tuple[int, ...], dtype: Any) -> Any:
        """Integers in [low, high) of the native integer ``dtype`` (in its range: checked by
        the generator), drawn without bias."""
        n = _checked_count("integers", shape)
        key = self._next_key()
        span = high - low
        with _selection.use_backend(self._backend):
            offsets = self._offsets(key, n, span)
            return self._shaped(_shift(offsets, low, span, dtype), shape)

    def _offsets(self, key: tuple[int, int], n: int, span: int) -> Any:
        """Entries in [0, span) as int64: below 2**63 as they are; for spans over 2**63
        (only the widest dtypes have them) less 2**63, so that all fit."""
        bits = (span - 1).bit_length()
        if bits <= 32:
            return self._redrawn(key, n, _Multiplied(span))
        return self._redrawn(key, n, _Masked(span, bits))

    def _redrawn(self, key: tuple[int, int], n: int, method: _Multiplied | _Masked) -> Any:
        """``method``'s values of the blocks ``0 .. n-1``, the rejected ones redrawn: the
        ``t``-th time from the same block under ``fold_in(key, t)``.

        Which entries are pending is kept on the host (NumPy arrays), and the redrawn
        blocks go to the backend padded to a power-of-two count (the padding repeats a
        pending entry, whose value is the same each time): JAX compiles every operation
        anew for each new shape, and the counts of rejections differ from call to call."""
        offsets, rejected = method.values(*self._blocks(key, n))
        if rejected is None or not bool(polyarray.any(rejected)):
            return offsets
        pending = polyarray.nonzero(polyarray.to_numpy(rejected))[0]
        attempt = 1
        while pending.shape[0]:
            if attempt > _MOST_ATTEMPTS:
                raise RuntimeError(
                    "pa.random.integers: the portable stream rejected an entry "
                    f"{_MOST_ATTEMPTS} times in a row; please report this as a bug."
                )
            length = int(pending.shape[0])
            padding = max(16, 1 << (length - 1).bit_length()) - length
            with _selection.use_backend("numpy"):
                repeated = polyarray.full(padding, int(pending[0]), dtype=polyarray.int64)
                padded = polyarray.concat([pending, repeated])
            counters = polyarray.to_backend(padded, self._backend)
            key_t = _threefry.fold_in(key, attempt)
            redrawn, rejected = method.values(*self._blocks(key_t, counters))
            offsets = polyarray.at(offsets, counters).set(redrawn)
            pending = pending[polyarray.to_numpy(rejected)[:length]]
            attempt += 1
        return offsets


class _Multiplied:
    """Spans up to 2**32: Lemire's multiply-and-reject ("Fast random integer generation in
    an interval", 2019). The 32-bit value ``r`` times the span is split at bit 32: the
    high part is the entry, and a low part below ``2**32 mod span`` is rejected (so few,
    under span / 2**32 of them, that redraws are rare)."""

    def __init__(self, span: int) -> None:
        self.span = span
        self.threshold = (2**32 - span) % span

    def values(self, w0: Any, w1: Any) -> tuple[Any, Any]:
        r = w0 ^ w1
        # r * span needs 64 unsigned bits: the 16-bit halves of r times the span (under
        # 2**48 each) are added up with their carries in int64.
        high_half = (r >> 16) * self.span
        low_half = (r & 0xFFFF) * self.span
        low_sum = ((high_half & 0xFFFF) << 16) + low_half
        entries = (high_half >> 16) + (low_sum >> 32)
        if not self.threshold:  # a power of two: nothing to reject
            return entries, None
        return entries, (low_sum & _threefry.MASK) < self.threshold


class _Masked:
    """Spans over 2**32: the 64-bit value masked to the span's bit length, rejected when
    not below the span (under half of them)."""

    def __init__(self, span: int, bits: int) -> None:
        self.bits = bits
        self.power_of_two = span == 1 << bits
        # 64-bit candidates are less 2**63 (see _candidates), and so is their limit.
        self.limit = span - 2**63 if bits == 64 else span

    def values(self, w0: Any, w1: Any) -> tuple[Any, Any]:
        candidates = _candidates(w0, w1, self.bits)
        if self.power_of_two:
            return candidates, None
        return candidates, candidates >= self.limit


def _candidates(w0: Any, w1: Any, bits: int) -> Any:
    """Blocks' 64-bit values masked to ``bits`` bits (over 32) as int64; 64-bit ones less
    2**63 (their top bit flipped), since int64 holds no more."""
    if bits < 64:
        return ((w0 & ((1 << (bits - 32)) - 1)) << 32) | w1
    # w0 - 2**31 is the signed high word of the value less 2**63.
    return ((w0 - 2**31) << 32) | w1


def _shift(offsets: Any, low: int, span: int, dtype: Any) -> Any:
    """``low + offsets`` in the native integer ``dtype``, without passing int64's range on
    the way (the offsets of spans over 2**63 are less 2**63, see ``_candidates``)."""
    start = low + 2**63 if (span - 1).bit_length() == 64 else low
    unsigned_top = as_dtype(dtype).name == "uint64"
    if unsigned_top:  # values up to 2**64 - 1: computed less 2**63, then the bits flipped
        start -= 2**63
    # Added in steps that int64 holds; the sum moves one way, from the offsets to results
    # that lie in int64's range, so no step passes it.
    while start:
        step = max(-_INT64_MAX, min(_INT64_MAX, start))
        offsets = offsets + step
        start -= step
    if unsigned_top:
        offsets = offsets ^ -(2**63)
    return polyarray.astype(offsets, dtype)
