"""Threefry-2x32, the counter-based generator behind ``pa.random``'s portable stream.

Threefry (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011) is a
keyed bijection of pairs of 32-bit words: block ``(x0, x1)`` under key ``(k0, k1)`` gives
two random words. It needs only 32-bit addition, rotation and xor, so it is written once
here with Python's operators, which every backend's arrays (and Python ints) have; any
block of a stream can be computed without the ones before it, so a Dask chunk or a CUDA
tensor computes its own part and still equals the whole.

The rounds are those of JAX's ``threefry2x32`` (20 rounds, key injection every 4), so a
key gives the words ``jax.random`` gives for it.

Words are held in a dtype that wraps on overflow: ``uint32`` where the backend has 32-bit
unsigned addition and shifts, or ``int32`` (two's complement: the same bits) where it
does not, as on torch. Right shifts are masked so that an arithmetic shift of a negative
int32 gives the logical shift's bits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

__all__ = ["MASK", "block", "fold_in", "seed_key", "signed_word"]

MASK: Final = 0xFFFFFFFF
#: Threefry's key-schedule parity constant (the Skein/Threefish C240 for 32-bit words).
_PARITY: Final = 0x1BD11BDA
_ROTATIONS: Final = ((13, 15, 26, 6), (17, 29, 16, 24))


def signed_word(value: int) -> int:
    """The int32 with the bits of the 32-bit word ``value`` (0 <= value < 2**32)."""
    return (value ^ 0x80000000) - 0x80000000


def block(
    key: tuple[int, int],
    x0: Any,
    x1: Any,
    *,
    word: Callable[[int], int] = int,
    wrap: Callable[[Any], Any] | None = None,
) -> tuple[Any, Any]:
    """The Threefry-2x32 output words of blocks ``(x0, x1)`` under ``key``.

    ``x0`` and ``x1`` are words: arrays of a wrapping 32-bit dtype (they are updated in
    place where the backend allows it: pass arrays nobody else holds) or Python ints.
    ``word`` turns a 32-bit constant into the words' representation (``signed_word`` for
    int32); ``wrap`` reduces a sum back to 32 bits where the words do not wrap by
    themselves (Python ints: ``lambda v: v & MASK``).
    """
    k0, k1 = key
    schedule = (k0, k1, k0 ^ k1 ^ _PARITY)
    injections = [
        (word(schedule[(g + 1) % 3]), word((schedule[(g + 2) % 3] + g + 1) & MASK))
        for g in range(5)
    ]
    x0 += word(k0)
    x1 += word(k1)
    if wrap is not None:
        x0, x1 = wrap(x0), wrap(x1)
    for group, (into0, into1) in enumerate(injections):
        for r in _ROTATIONS[group % 2]:
            x0 += x1
            if wrap is not None:
                x0 = wrap(x0)
            low = x1 >> (32 - r)
            low &= (1 << r) - 1  # (a logical shift's bits from an arithmetic one)
            x1 <<= r
            if wrap is not None:
                x1 = wrap(x1)
            x1 |= low
            x1 ^= x0
        x0 += into0
        x1 += into1
        if wrap is not None:
            x0, x1 = wrap(x0), wrap(x1)
    return x0, x1


def _int_wrap(value: Any) -> Any:
    return value & MASK


def _int_block(key: tuple[int, int], x0: int, x1: int) -> tuple[int, int]:
    words: tuple[int, int] = block(key, x0, x1, wrap=_int_wrap)
    return words


def seed_key(seed: int) -> tuple[int, int]:
    """The key of a 64-bit seed: its high and low words, as ``jax.random.key(seed)``."""
    return (seed >> 32) & MASK, seed & MASK


def fold_in(key: tuple[int, int], data: int, *, domain: int = 0) -> tuple[int, int]:
    """A new key from ``key`` and a 32-bit ``data``: ``jax.random.fold_in(key, data)``
    for ``domain`` 0. Another ``domain`` (the block's high word) gives keys that no
    ``fold_in`` of domain 0 gives (Threefry is a bijection for a key)."""
    return _int_block(key, domain, data & MASK)
