"""``pa.random``'s generator: NumPy's method names over the portable stream or a backend's
own generator (``polyarray.random`` holds the public functions)."""

from __future__ import annotations

import hashlib
import math
import operator
import os
from typing import Any

import polyarray
from polyarray import _config, _random_checks, _random_portable, _selection, _threefry
from polyarray._dtypes import as_dtype
from polyarray._rules.promotion import RANGES
from polyarray.backends import Backend
from polyarray.errors import ScalarOverflowError

__all__ = ["Generator"]

_INF = float("inf")
_FLOAT64 = as_dtype("float64")


def _parameters_shape(*values: Any) -> tuple[int, ...] | None:
    """The broadcast shape of the array parameters among ``values``, or None (numbers)."""
    shapes = [tuple(v.shape) for v in values if hasattr(v, "shape")]
    return polyarray.broadcast_shapes(*shapes) if shapes else None


def _shape(size: Any) -> tuple[int, ...]:
    if size is None:
        return ()
    try:
        if type(size) is not bool and hasattr(type(size), "__index__"):
            return (operator.index(size),)
        if isinstance(size, (tuple, list)) and not any(type(n) is bool for n in size):
            return tuple(operator.index(n) for n in size)
    except TypeError:
        pass
    raise TypeError(f"size must be None, an int or a tuple of ints, not {size!r}.")


#: Seeds up to 64 bits reach the backend's generator as they are; wider ones are folded
#: into 64 bits first (torch's generators take 64 bits, NumPy's any size), the same way on
#: every backend, so that any non-negative int is a seed everywhere.
_SEED_BITS = 64


def _seed(seed: Any) -> int | None:
    """``seed`` checked: None, or a non-negative int of any size (NumPy integers count)."""
    if seed is None:
        return None
    if type(seed) is bool or not hasattr(type(seed), "__index__"):
        raise TypeError(
            f"seed must be an int, at least 0, or None, not {type(seed).__name__} ({seed!r})."
        )
    value = operator.index(seed)
    if value < 0:
        raise ValueError(f"seed must be an int, at least 0, or None, not {value}.")
    if value >> _SEED_BITS:
        digest = hashlib.blake2b(value.to_bytes((value.bit_length() + 7) // 8, "little"))
        value = int.from_bytes(digest.digest()[: _SEED_BITS // 8], "little")
    return value


class Generator:
    """A seeded source of random arrays on one backend and device.

    Made by :func:`default_rng`; its methods follow ``numpy.random.Generator``. A
    portable generator (``portable=True``) draws the same numbers for a seed on every
    backend and device; a native one uses the backend's own generator, reproducible for a
    backend, device and seed only.
    """

    def __init__(
        self,
        seed: int | None = None,
        *,
        backend: str | Backend | None = None,
        portable: bool | None = None,
    ) -> None:
        if backend is None:
            self.backend = _selection.current()
        else:
            self.backend = _selection._as_backend(backend)
        if portable is None:
            portable = _portable_by_default()
        elif portable is not True and portable is not False:
            raise TypeError(f"portable must be True, False or None, not {portable!r}.")
        checked = _seed(seed)
        # Children of spawn() derive their seeds from this (drawn once when not given).
        self._seed_material = _random_portable.fresh_seed() if checked is None else checked
        self._spawned = 0
        self._portable: _random_portable.PortableStream | None = None
        self._native: Any = None
        if portable:
            key = _threefry.seed_key(self._seed_material)
            self._portable = _random_portable.PortableStream(self.backend, key)
        else:
            self._native = self.backend.new_rng(checked)

    @property
    def portable(self) -> bool:
        """Whether this generator draws the portable stream (the same on every backend)."""
        return self._portable is not None

    def spawn(self, n: int) -> list[Generator]:
        """``n`` new generators whose streams are independent of this one's and of each
        other's, as NumPy's ``Generator.spawn``: one per worker, chunk or task.

        Children are portable when this generator is (then they equal the children of the
        same seed on every backend), on the same backend and device; spawning again gives
        new children, and this generator's own stream does not move.

        Examples
        --------
        >>> import polyarray as pa
        >>> first, second = pa.random.default_rng(0, portable=True).spawn(2)
        >>> bool(pa.all(first.random(3) != second.random(3)))
        True
        """
        count = _random_checks.count("spawn", "n", n)
        children = []
        for _ in range(count):
            child = Generator.__new__(Generator)
            child.backend = self.backend
            child._spawned = 0
            child._portable = child._native = None
            if self._portable is not None:
                key = self._portable.spawn_key()
                child._seed_material = key[0] << 32 | key[1]
                child._portable = _random_portable.PortableStream(self.backend, key)
            else:
                child._seed_material = _child_seed(self._seed_material, self._spawned)
                self._spawned += 1
                child._native = self.backend.new_rng(child._seed_material)
            children.append(child)
        return children

    def __repr__(self) -> str:
        kind = " (portable)" if self._portable is not None else ""
        return f"<polyarray.random.Generator{kind} on {self.backend.spec!r}>"

    def _float(self, dtype: Any) -> Any:
        chosen = _config.get_default_float() if dtype is None else as_dtype(dtype)
        if chosen.kind != "real floating":
            raise TypeError(f"random floats need a real floating dtype, not {chosen.name}.")
        return self.backend.native_dtype(chosen)

    def _draw(self, name: str, method: str, shape: tuple[int, ...], *args: Any) -> Any:
        """The source's ``method(*args)``: the portable stream's, or the backend's with the
        native generator, its errors translated as those of every polyarray function are
        (a negative size: ``NegativeSizeError``...)."""
        if self._portable is not None:
            return getattr(self._portable, method)(*args)
        try:
            return getattr(self.backend, method)(self._native, *args)
        except Exception as exc:
            translated = self.backend.translate_error(exc, f"random.{name}", (shape,))
            if translated is None:
                raise
            raise translated from exc

    def standard_normal(self, size: int | tuple[int, ...] | None = None, dtype: Any = None) -> Any:
        """Samples of the standard normal distribution."""
        shape = _shape(size)
        return self._draw("standard_normal", "standard_normal", shape, shape, self._float(dtype))

    def normal(
        self,
        loc: Any = 0.0,
        scale: Any = 1.0,
        size: int | tuple[int, ...] | None = None,
        dtype: Any = None,
    ) -> Any:
        """Samples of the normal distribution with mean ``loc`` and deviation ``scale``."""
        # Through pa.add/pa.multiply so that 0-d results stay arrays on NumPy too. Without
        # a size, array parameters draw one sample per entry (not one sample for all).
        if size is None:
            size = _parameters_shape(loc, scale)
        return polyarray.add(loc, polyarray.multiply(scale, self.standard_normal(size, dtype)))

    def random(self, size: int | tuple[int, ...] | None = None, dtype: Any = None) -> Any:
        """Uniform samples in [0, 1)."""
        shape = _shape(size)
        return self._draw("random", "random", shape, shape, self._float(dtype))

    def uniform(
        self,
        low: Any = 0.0,
        high: Any = 1.0,
        size: int | tuple[int, ...] | None = None,
        dtype: Any = None,
    ) -> Any:
        """Uniform samples in [low, high)."""
        span = polyarray.subtract(high, low)
        if size is None:  # (one sample per entry of array bounds, as for normal)
            size = tuple(span.shape) if hasattr(span, "shape") else None
        return polyarray.add(low, polyarray.multiply(span, self.random(size, dtype)))

    def integers(
        self,
        low: int,
        high: int | None = None,
        size: int | tuple[int, ...] | None = None,
        dtype: Any = "int64",
        endpoint: bool = False,
    ) -> Any:
        """Uniform integers in [low, high), or [0, low) when ``high`` is None.

        ``endpoint=True`` includes ``high``.
        """
        if high is None:
            low, high = 0, low
        low, high = _bound("low", low), _bound("high", high)
        high = high + 1 if endpoint else high
        if high <= low:
            raise ValueError(f"integers needs low < high, got low={low}, high={high}.")
        chosen = as_dtype(dtype)
        if chosen.kind not in ("signed integer", "unsigned integer"):
            raise TypeError(f"integers needs an integer dtype, not {chosen.name}.")
        smallest, largest = RANGES[chosen.name]
        if low < smallest or high - 1 > largest:
            raise ScalarOverflowError(
                f"integers of {chosen.name} lie in [{smallest}, {largest}], and [{low}, "
                f"{high - 1}] does not; choose a wider dtype, e.g. pa.int64."
            )
        native = self.backend.native_dtype(chosen)
        shape = _shape(size)
        return self._draw("integers", "integers", shape, low, high, shape, native)

    def exponential(
        self, scale: Any = 1.0, size: int | tuple[int, ...] | None = None, dtype: Any = None
    ) -> Any:
        """Samples of the exponential distribution with mean ``scale``.

        ``scale`` is a number or an array of them, at least 0 (a ``ValueError`` otherwise);
        without ``size`` an array ``scale`` gives one sample per entry. The samples are of
        ``dtype``, polyarray's default float unless given; an integer ``dtype`` is a
        ``TypeError``.

        Examples
        --------
        >>> import polyarray as pa
        >>> pa.random.default_rng(0).exponential(2.0, size=3).shape
        (3,)
        """
        scale = _random_checks.parameter(self.backend, "exponential", "scale", scale, 0.0, _INF)
        shape = _shape(size) if size is not None or type(scale) is float else tuple(scale.shape)
        drawn = self._draw("exponential", "exponential", shape, shape, self._float(dtype))
        return drawn if type(scale) is float and scale == 1.0 else polyarray.multiply(scale, drawn)

    def bernoulli(self, p: Any = 0.5, size: int | tuple[int, ...] | None = None) -> Any:
        """Boolean samples that are True with probability ``p``.

        ``p`` is a number or an array of them in [0, 1] (a ``ValueError`` otherwise);
        without ``size`` an array ``p`` gives one sample per entry, with ``size`` it
        broadcasts against it. Drawn as float64 uniforms below ``p``.

        Examples
        --------
        >>> import polyarray as pa
        >>> pa.random.default_rng(0).bernoulli(0.3, size=4).dtype == pa.bool
        True
        """
        p = _random_checks.parameter(self.backend, "bernoulli", "p", p, 0.0, 1.0)
        shape = _shape(size) if size is not None or type(p) is float else tuple(p.shape)
        uniform = self._draw(
            "bernoulli", "random", shape, shape, self.backend.native_dtype(_FLOAT64)
        )
        return polyarray.less(uniform, p)

    def permutation(self, x: Any) -> Any:
        """A random permutation of ``arange(x)`` (int64) for an int ``x``, or a shuffled
        copy of the array ``x`` along its first axis (``x`` itself is left unchanged).

        A 0-d integer array counts as an int (NumPy: an ``AxisError`` for a 0-d
        ``ndarray``); a negative ``x`` is a ``NegativeSizeError`` (a ``ValueError``) and
        one that is no int a ``TypeError``.

        Examples
        --------
        >>> import polyarray as pa
        >>> order = pa.random.default_rng(0).permutation(4)
        >>> sorted(pa.to_numpy(order).tolist())
        [0, 1, 2, 3]
        """
        if _random_checks.is_count(x):
            n = _random_checks.count("permutation", "x", x)
            return self._draw("permutation", "permutation", (n,), n)
        values = _random_checks.on_backend(self.backend, x)
        if not values.ndim:  # (a list holding one number)
            raise TypeError(f"pa.random.permutation: x must be an int or an array, not {x!r}.")
        length = int(values.shape[0])
        order = self._draw("permutation", "permutation", (length,), length)
        return polyarray.take(values, order, axis=0)

    def choice(
        self,
        a: Any,
        size: int | tuple[int, ...] | None = None,
        replace: bool = True,
        p: Any = None,
    ) -> Any:
        """Samples of ``arange(a)`` for an int ``a``, or of the entries of a 1-D array ``a``.

        ``replace=False`` draws distinct entries (a ``ValueError`` when ``size`` asks for
        more than there are); ``p`` gives each entry's probability: 1-D, of the length of
        ``a``, finite, non-negative and summing to 1 within NumPy's tolerance (a
        ``ValueError`` otherwise). Without ``size``, one sample as a 0-d array.

        Examples
        --------
        >>> import polyarray as pa
        >>> pa.random.default_rng(0).choice(5, size=3, replace=False).shape
        (3,)
        """
        pool, n = _random_checks.pool(self.backend, a)
        shape = _shape(size)
        k = math.prod(shape)
        if replace is not True and replace is not False:
            raise TypeError(f"pa.random.choice: replace must be True or False, not {replace!r}.")
        if n == 0 and k:
            raise ValueError("pa.random.choice: a cannot be empty unless no samples are taken.")
        if not replace and k > n:
            raise ValueError(
                f"pa.random.choice: cannot take {k} distinct samples from {n} without "
                "replacement (replace=False)."
            )
        weights = None if p is None else _random_checks.probabilities(self.backend, p, n)
        picks = self._picks(n, k, replace, weights)
        if pool is not None:
            picks = polyarray.take(pool, picks, axis=0)
        return polyarray.reshape(picks, shape)

    def _picks(self, n: int, k: int, replace: bool, weights: Any) -> Any:
        """``k`` indices into ``arange(n)`` (int64, 1-D) for ``choice``."""
        if not k:
            with _selection.use_backend(self.backend):
                return polyarray.zeros(0, dtype=polyarray.int64)
        if weights is None:
            if replace:
                return self.integers(0, n, size=k)
            return self.permutation(n)[:k]
        float64 = self.backend.native_dtype(_FLOAT64)
        if replace:
            # The inverse of the cumulative distribution at uniform draws; the last entry
            # guards against rounding past the total.
            cumulative = polyarray.cumulative_sum(weights)
            uniform = self._draw("choice", "random", (k,), (k,), float64)
            at = polyarray.multiply(uniform, cumulative[-1])
            found = polyarray.searchsorted(cumulative, at, side="right")
            return polyarray.minimum(found, n - 1)
        # Without replacement: the k smallest of E_i / p_i (E_i exponential) are a draw of
        # successive choices with the weights p (entries of p == 0 never come first).
        if int(polyarray.count_nonzero(weights)) < k:
            raise ValueError(
                f"pa.random.choice: p has fewer than {k} non-zero entries, too few for "
                "replace=False."
            )
        drawn = self._draw("choice", "exponential", (n,), (n,), float64)
        positive = polyarray.greater(weights, 0.0)
        safe = polyarray.where(positive, weights, 1.0)
        keys = polyarray.where(positive, polyarray.divide(drawn, safe), _INF)
        return polyarray.argsort(keys, stable=True)[:k]


def _bound(name: str, value: Any) -> int:
    """A bound of ``integers``: an int (NumPy integers count), not a bool or a float (NumPy
    truncated floats, torch refused them)."""
    if type(value) is bool or not hasattr(type(value), "__index__"):
        raise TypeError(f"integers needs int bounds, not {name}={value!r}.")
    return operator.index(value)


def _child_seed(parent: int, index: int) -> int:
    """The seed of a native generator's ``index``-th child: the parent's seed and the
    index folded into 64 bits (NumPy's and torch's streams of nearby seeds are unrelated)."""
    material = f"polyarray-spawn:{parent}:{index}".encode()
    return int.from_bytes(hashlib.blake2b(material, digest_size=8).digest(), "little")


def _portable_by_default() -> bool:
    """``POLYARRAY_RANDOM``: ``portable`` makes the portable stream the default, ``native``
    (or nothing) the backend's own generator."""
    chosen = os.environ.get("POLYARRAY_RANDOM", "").strip().lower()
    if chosen in ("", "native"):
        return False
    if chosen == "portable":
        return True
    raise ValueError(
        f"POLYARRAY_RANDOM={os.environ['POLYARRAY_RANDOM']!r} is not a choice: set it to "
        "'portable' or 'native', or unset it."
    )
