"""``pa.namespace(spec)``: polyarray bound to one backend, as an object.

Functions on arrays already follow their arguments, so binding matters for what makes
new arrays: creation functions, random numbers, ``__array_namespace_info__``. A bound
namespace runs every call under ``use_backend(spec)``, so ``xp.zeros(3)`` lands on its
backend wherever it is called from. This is what the pytest fixture ``xp`` provides.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from typing import Any

from polyarray import _selection
from polyarray.backends import Backend, parse_spec

__all__ = ["Namespace", "namespace"]


class Namespace:
    """The polyarray namespace with one backend active for every call.

    Examples
    --------
    >>> import polyarray as pa
    >>> xp = pa.namespace("numpy")
    >>> type(xp.ones(2)).__name__
    'ndarray'
    """

    def __init__(self, backend: Backend, module: types.ModuleType | None = None) -> None:
        import polyarray

        self.backend = backend
        self._module = polyarray if module is None else module

    def __repr__(self) -> str:
        return f"<{self._module.__name__} namespace on {self.backend.spec!r}>"

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._module, name)
        if isinstance(value, types.ModuleType):
            bound: Any = Namespace(self.backend, value)
        elif callable(value) and not isinstance(value, type):
            bound = self._bind(value)
        else:
            bound = value
        setattr(self, name, bound)  # later lookups skip __getattr__
        return bound

    def __dir__(self) -> list[str]:
        return dir(self._module)

    def _bind(self, function: Callable[..., Any]) -> Callable[..., Any]:
        backend = self.backend

        @functools.wraps(function)
        def call(*args: Any, **kwargs: Any) -> Any:
            with _selection.use_backend(backend):
                return function(*args, **kwargs)

        return call


def namespace(spec: str | Backend) -> Namespace:
    """polyarray with the backend ``spec`` active for every call made through it."""
    return Namespace(spec if isinstance(spec, Backend) else parse_spec(spec))
