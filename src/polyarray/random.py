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

import threading
from typing import Any

from polyarray import _selection
from polyarray._random_generator import Generator, _seed

__all__ = [
    "Generator",
    "bernoulli",
    "choice",
    "default_rng",
    "exponential",
    "integers",
    "normal",
    "permutation",
    "random",
    "seed",
    "standard_normal",
    "uniform",
]


def default_rng(seed: int | None = None, *, portable: bool | None = None) -> Generator:
    """A new :class:`Generator` on the active backend and device, like NumPy's.

    ``portable=True`` gives the same numbers for a seed on every backend and device (the
    portable stream: see the random-numbers page of the docs); ``portable=False`` the
    backend's own generator, reproducible for a backend, device and seed only. Unset, it
    follows ``POLYARRAY_RANDOM`` (``portable`` or ``native``; native when unset).

    Examples
    --------
    >>> import polyarray as pa
    >>> a = pa.random.default_rng(42).uniform(size=3)
    >>> b = pa.random.default_rng(42).uniform(size=3)
    >>> bool(pa.all(a == b))
    True
    >>> pa.random.default_rng(42, portable=True).integers(0, 10, size=3).tolist()
    [9, 0, 5]
    """
    return Generator(seed, portable=portable)


_lock = threading.Lock()
_global_seed: int | None = None
_global: dict[tuple[str, str], Generator] = {}


def seed(n: int | None = None) -> None:
    """Re-seed the generators behind the module-level functions, on every backend."""
    global _global_seed
    checked = _seed(n)
    with _lock:
        _global_seed = checked
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


def standard_normal(size: int | tuple[int, ...] | None = None, dtype: Any = None) -> Any:
    """Standard normal samples from the shared generator of the active backend."""
    return _shared().standard_normal(size, dtype)


def exponential(
    scale: Any = 1.0, size: int | tuple[int, ...] | None = None, dtype: Any = None
) -> Any:
    """Exponential samples of mean ``scale`` from the shared generator of the active backend."""
    return _shared().exponential(scale, size, dtype)


def bernoulli(p: Any = 0.5, size: int | tuple[int, ...] | None = None) -> Any:
    """Boolean samples, True with probability ``p``, from the shared generator."""
    return _shared().bernoulli(p, size)


def permutation(x: Any) -> Any:
    """A permutation of ``arange(x)``, or a shuffled copy of ``x``, from the shared generator."""
    return _shared().permutation(x)


def choice(
    a: Any, size: int | tuple[int, ...] | None = None, replace: bool = True, p: Any = None
) -> Any:
    """Samples of ``arange(a)`` or of the entries of ``a`` from the shared generator."""
    return _shared().choice(a, size, replace, p)


def __dir__() -> list[str]:
    # dir() shows the public names only, as dir(polyarray) does: the imports and helpers
    # above are no names for users.
    return list(__all__)
