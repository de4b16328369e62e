"""Which backend is active: the process default, and context-local overrides.

``POLYARRAY_BACKEND`` (read once, at the first use) sets the process default, and
``set_backend`` changes it. ``use_backend`` overrides it for a block through a
``ContextVar``, so every thread and every asyncio task sees its own choice, blocks nest,
and leaving a block restores exactly what was there before.

The active backend decides where *new* arrays go (creation functions, Python scalars and
lists). Functions on arrays always follow their arguments' backend.
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Callable
from typing import Any, TypeVar

from polyarray._scoped import scoped
from polyarray.backends import (
    Backend,
    accelerators,
    installed,
    loadable,
    parse_spec,
    registered,
)

__all__ = ["available_backends", "current", "get_backend", "set_backend", "use_backend"]

ENV_VAR = "POLYARRAY_BACKEND"

_F = TypeVar("_F", bound=Callable[..., Any])


class _ProcessDefault:
    """The process-wide default backend, chosen lazily so ``import polyarray`` loads nothing.

    An object rather than module globals so that the generated creation functions can
    read it with one attribute lookup.
    """

    __slots__ = ("backend", "source")

    def __init__(self) -> None:
        self.backend: Backend | None = None
        self.source: str | None = None  # ENV_VAR or "set_backend", for messages


process_default = _ProcessDefault()
_context: contextvars.ContextVar[Backend | None] = contextvars.ContextVar(
    "polyarray_backend", default=None
)


def _default() -> Backend:
    if process_default.backend is None:
        spec = os.environ.get(ENV_VAR, "").strip()
        process_default.backend = parse_spec(spec, source=ENV_VAR) if spec else parse_spec("numpy")
        process_default.source = ENV_VAR if spec else None
    return process_default.backend


def from_environment() -> bool:
    """Whether the process default came from ``POLYARRAY_BACKEND`` (and was not replaced)."""
    return process_default.backend is not None and process_default.source == ENV_VAR


# While pa.grad runs f for NumPy inputs on torch, NumPy is stood in for by torch CPU, so
# that bound namespaces (`xp.ones` in a test) and `use_backend("numpy")` inside f make
# arrays that can be differentiated. Empty everywhere else.
_substitutes: contextvars.ContextVar[dict[str, Backend] | None] = contextvars.ContextVar(
    "polyarray_backend_substitutes", default=None
)


def _substituted(backend: Backend) -> Backend:
    substitutes = _substitutes.get()
    return substitutes.get(backend.name, backend) if substitutes else backend


class substituting:  # noqa: N801 - a context manager used like a function
    """Within the block, ``use_backend`` of a backend named in ``mapping`` uses its stand-in."""

    def __init__(self, mapping: dict[str, Backend]) -> None:
        self._mapping = mapping
        self._tokens: list[contextvars.Token[dict[str, Backend] | None]] = []

    def __enter__(self) -> None:
        self._tokens.append(_substitutes.set({**(_substitutes.get() or {}), **self._mapping}))

    def __exit__(self, *exc_info: object) -> None:
        _substitutes.reset(self._tokens.pop())


def current() -> Backend:
    """The active backend (fast: called by every creation function)."""
    return _context.get() or _default()


def _as_backend(spec: str | Backend) -> Backend:
    return spec if isinstance(spec, Backend) else parse_spec(spec)


def set_backend(spec: str | Backend) -> Backend:
    """Set the process-wide default backend; returns it.

    Blocks inside ``use_backend`` keep their own choice.

    Examples
    --------
    >>> import polyarray as pa
    >>> pa.set_backend("numpy")
    <polyarray backend 'numpy'>
    """
    process_default.backend = _as_backend(spec)
    process_default.source = "set_backend"
    return process_default.backend


# The tokens of the use_backend blocks open in this context, innermost last.
_open_blocks: contextvars.ContextVar[tuple[contextvars.Token[Backend | None], ...]] = (
    contextvars.ContextVar("polyarray_open_blocks", default=())
)


class use_backend:  # noqa: N801 - used like a function: `with pa.use_backend("torch"):`
    """Use a backend for a block, or for every call of a decorated function.

    Context-local: each thread and asyncio task sees its own choice. Blocks nest.

    Examples
    --------
    >>> import polyarray as pa
    >>> with pa.use_backend("numpy"):
    ...     type(pa.zeros(2)).__name__
    'ndarray'
    """

    def __init__(self, spec: str | Backend) -> None:
        self.backend = _as_backend(spec)

    def __enter__(self) -> Backend:
        backend = _substituted(self.backend)
        token = _context.set(backend)
        # The token is kept in the context, not on this object, so one use_backend object
        # can be entered by several threads or tasks at once.
        _open_blocks.set((*_open_blocks.get(), token))
        return backend

    def __exit__(self, *exc_info: object) -> None:
        *outer, token = _open_blocks.get()
        _open_blocks.set(tuple(outer))
        _context.reset(token)

    def __call__(self, function: _F) -> _F:
        # Generators and coroutines run their bodies in steps: the backend holds for each.
        backend = self.backend
        wrapped: _F = scoped(function, _context, lambda: _substituted(backend))
        return wrapped


def get_backend() -> Backend:
    """The active backend: its ``name``, ``device_name``, ``spec`` and ``capabilities``.

    Examples
    --------
    >>> import polyarray as pa
    >>> with pa.use_backend("numpy"):
    ...     pa.get_backend().name
    'numpy'
    """
    return current()


def available_backends() -> list[str]:
    """Specs of the backends usable here, with each extra device (``"torch:cuda:0"``).

    This imports the installed frameworks to ask them about their devices. A third-party
    backend that cannot be loaded is left out, with a ``PluginWarning`` (once).
    """
    specs: list[str] = []
    for name in registered():
        cls = loadable(name)
        if cls is None or not installed(name):
            continue
        specs.append(name)
        specs.extend(f"{name}:{device}" for device in accelerators(name, cls))
    return specs
