"""Random numbers on any backend, with NumPy's names: ``pa.random``.

>>> import polyarray as pa
>>> rng = pa.random.default_rng(0)
>>> rng.normal(size=(2, 3)).shape
(2, 3)

A generator lives on the backend and device that were active when it was made, and draws
arrays of polyarray's default float unless given a dtype. The same seed gives the same
numbers on the same backend and device; different backends (and torch's CPU and CUDA
generators) have their own streams, so the numbers differ between them.

The module-level functions (``pa.random.normal`` and friends) draw from one generator per
backend and device, re-seeded by ``pa.random.seed(n)``.
"""

from __future__ import annotations

import operator
import threading
from typing import Any

import polyarray
from polyarray import _config, _selection
from polyarray._dtypes import as_dtype
from polyarray.backends import Backend

__all__ = ["Generator", "default_rng", "integers", "normal", "random", "seed", "uniform"]


def _shape(size: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if size is None:
        return ()
    if isinstance(size, int):
        return (operator.index(size),)
    try:
        return tuple(operator.index(n) for n in size)
    except TypeError:
        raise TypeError(f"size must be None, an int or a tuple of ints, not {size!r}.") from None


class Generator:
    """A seeded source of random arrays on one backend and device.

    Made by :func:`default_rng`; its methods follow ``numpy.random.Generator``.
    """

    def __init__(self, seed: int | None = None, *, backend: str | Backend | None = None) -> None:
        if backend is None:
            self.backend = _selection.current()
        else:
            self.backend = _selection._as_backend(backend)
        if seed is not None and not isinstance(seed, int):
            raise TypeError(f"seed must be an int or None, not {type(seed).__name__}.")
        self._native = self.backend.new_rng(seed)

    def __repr__(self) -> str:
        return f"<polyarray.random.Generator on {self.backend.spec!r}>"

    def _float(self, dtype: Any) -> Any:
        chosen = _config.get_default_float() if dtype is None else as_dtype(dtype)
        if chosen.kind != "real floating":
            raise TypeError(f"random floats need a real floating dtype, not {chosen.name}.")
        return self.backend.native_dtype(chosen)

    def standard_normal(self, size: int | tuple[int, ...] | None = None, dtype: Any = None) -> Any:
        """Samples of the standard normal distribution."""
        return self.backend.standard_normal(self._native, _shape(size), self._float(dtype))

    def normal(
        self,
        loc: Any = 0.0,
        scale: Any = 1.0,
        size: int | tuple[int, ...] | None = None,
        dtype: Any = None,
    ) -> Any:
        """Samples of the normal distribution with mean ``loc`` and deviation ``scale``."""
        # Through pa.add/pa.multiply so that 0-d results stay arrays on NumPy too.
        return polyarray.add(loc, polyarray.multiply(scale, self.standard_normal(size, dtype)))

    def random(self, size: int | tuple[int, ...] | None = None, dtype: Any = None) -> Any:
        """Uniform samples in [0, 1)."""
        return self.backend.random(self._native, _shape(size), self._float(dtype))

    def uniform(
        self,
        low: Any = 0.0,
        high: Any = 1.0,
        size: int | tuple[int, ...] | None = None,
        dtype: Any = None,
    ) -> Any:
        """Uniform samples in [low, high)."""
        span = polyarray.subtract(high, low)
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
        high = high + 1 if endpoint else high
        if high <= low:
            raise ValueError(f"integers needs low < high, got low={low}, high={high}.")
        chosen = as_dtype(dtype)
        if chosen.kind not in ("signed integer", "unsigned integer"):
            raise TypeError(f"integers needs an integer dtype, not {chosen.name}.")
        native = self.backend.native_dtype(chosen)
        return self.backend.integers(self._native, low, high, _shape(size), native)


def default_rng(seed: int | None = None) -> Generator:
    """A new :class:`Generator` on the active backend and device, like NumPy's.

    Examples
    --------
    >>> import polyarray as pa
    >>> a = pa.random.default_rng(42).uniform(size=3)
    >>> b = pa.random.default_rng(42).uniform(size=3)
    >>> bool(pa.all(a == b))
    True
    """
    return Generator(seed)


_lock = threading.Lock()
_global_seed: int | None = None
_global: dict[tuple[str, str], Generator] = {}


def seed(n: int | None = None) -> None:
    """Re-seed the generators behind the module-level functions, on every backend."""
    global _global_seed
    with _lock:
        _global_seed = n
        _global.clear()


def _shared() -> Generator:
    backend = _selection.current()
    key = (backend.name, backend.device_name)
    with _lock:
        generator = _global.get(key)
        if generator is None:
            generator = _global[key] = Generator(_global_seed, backend=backend)
    return generator


def normal(
    loc: Any = 0.0, scale: Any = 1.0, size: int | tuple[int, ...] | None = None, dtype: Any = None
) -> Any:
    """Normal samples from the shared generator of the active backend."""
    return _shared().normal(loc, scale, size, dtype)


def uniform(
    low: Any = 0.0, high: Any = 1.0, size: int | tuple[int, ...] | None = None, dtype: Any = None
) -> Any:
    """Uniform samples in [low, high) from the shared generator of the active backend."""
    return _shared().uniform(low, high, size, dtype)


def random(size: int | tuple[int, ...] | None = None, dtype: Any = None) -> Any:
    """Uniform samples in [0, 1) from the shared generator of the active backend."""
    return _shared().random(size, dtype)


def integers(
    low: int,
    high: int | None = None,
    size: int | tuple[int, ...] | None = None,
    dtype: Any = "int64",
    endpoint: bool = False,
) -> Any:
    """Uniform integers from the shared generator of the active backend."""
    return _shared().integers(low, high, size, dtype, endpoint)
