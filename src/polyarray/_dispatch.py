"""Turning the name table into functions that find their backend.

Every public function is a small closure made here from its name and its
:class:`~polyarray._names.Dispatch` kind. The fast path costs a ``type()`` call and one
dictionary lookup in a per-function cache ``{array type: implementation}``; everything
unusual (Python scalars and lists, a type seen for the first time, arrays of two
backends) takes the slow path, which fills the cache.

Errors raised by a backend pass through a ``try`` that costs nothing when nothing fails;
when something does, the backend may translate the framework's exception into
polyarray's documented one (chained, so nothing is lost).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn

from polyarray import _selection
from polyarray._names import Dispatch
from polyarray.backends import Backend, backend_class, registered
from polyarray.errors import MixedBackendsError

__all__ = ["backend_of", "build", "imported_backends", "load_imported_backends"]

_SCALARS = (bool, int, float, complex)
_LITERALS = (list, tuple)

# type of a native array -> a backend instance (default device) that handles it.
_BACKEND_OF_TYPE: dict[type, Backend] = {}


def imported_backends() -> list[type[Backend]]:
    """Backend classes whose framework is already imported (imports nothing heavy)."""
    classes = []
    for name in registered():
        try:
            cls = backend_class(name)
        except ImportError:  # a broken third-party plug-in must not break the others
            continue
        if cls.module in sys.modules:
            classes.append(cls)
    return classes


def load_imported_backends() -> None:
    """Build the function tables (and dtype maps) of every backend already imported."""
    for cls in imported_backends():
        cls.functions()


def _backend_of_type(kind: type) -> Backend | None:
    backend = _BACKEND_OF_TYPE.get(kind)
    if backend is None and kind not in _SCALARS and kind not in _LITERALS:
        for cls in imported_backends():
            if issubclass(kind, cls.array_types()):
                backend = _BACKEND_OF_TYPE[kind] = cls()
                break
    return backend


def backend_of(x: Any) -> Backend | None:
    """The backend of a native array (None for anything else: scalars, lists...)."""
    return _backend_of_type(type(x))


def _mixed_error(name: str, backends: dict[str, Backend]) -> MixedBackendsError:
    names = sorted(backends)
    return MixedBackendsError(
        f"pa.{name} got arrays of two backends, {names[0]!r} and {names[1]!r}. polyarray "
        f"never converts silently: convert one first, e.g. pa.to_backend(x, {names[0]!r})."
    )


def _array_positions(kind: Dispatch, args: tuple[Any, ...]) -> range:
    if kind is Dispatch.ARRAY:
        return range(min(len(args), 1))
    if kind is Dispatch.BINARY:
        return range(min(len(args), 2))
    return range(len(args))


class _Function:
    """What the slow path needs to know about one public function."""

    __slots__ = ("cache", "key", "kind", "name")

    def __init__(self, name: str, key: str, kind: Dispatch) -> None:
        self.name = name
        self.key = key
        self.kind = kind
        self.cache: dict[type, Callable[..., Any]] = {}

    def implementation(self, backend: Backend) -> Callable[..., Any]:
        try:
            return backend.table[self.key]
        except KeyError:
            raise NotImplementedError(
                f"the {backend.name} backend does not implement pa.{self.name}."
            ) from None

    def call_slow(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Find the backend from all array arguments, convert literals, then call."""
        positions = _array_positions(self.kind, args)
        candidates = list(args[0]) if self.kind is Dispatch.SEQUENCE and args else []
        candidates += [args[i] for i in positions] if self.kind is not Dispatch.SEQUENCE else []
        found: dict[str, Backend] = {}
        array_type = None
        for value in candidates:
            backend = _backend_of_type(type(value))
            if backend is not None:
                found.setdefault(backend.name, backend)
                array_type = type(value)
        if len(found) > 1:
            raise _mixed_error(self.name, found)
        if array_type is None:
            backend = _selection.current()
        else:
            backend = found.popitem()[1]
            self.cache[array_type] = self.implementation(backend)
        args = self._convert_literals(backend, args, positions, array_type is None)
        return self.run(backend, self.implementation(backend), args, kwargs)

    def _convert_literals(
        self, backend: Backend, args: tuple[Any, ...], positions: range, no_arrays: bool
    ) -> tuple[Any, ...]:
        if self.kind is Dispatch.DTYPE:
            return args
        asarray = backend.table["asarray"]
        device = backend.native_device
        if self.kind is Dispatch.SEQUENCE:
            converted = [
                asarray(v, device=device) if type(v) in _LITERALS or type(v) in _SCALARS else v
                for v in args[0]
            ]
            return (converted, *args[1:])
        # Python scalars stay scalars next to an array (the framework then keeps the
        # array's dtype, as the standard asks); alone, every argument becomes an array.
        to_convert = _LITERALS + _SCALARS if no_arrays or self.kind is Dispatch.ARRAY else _LITERALS
        result = list(args)
        for i in positions:
            if type(result[i]) in to_convert:
                result[i] = asarray(result[i], device=device)
        return tuple(result)

    def run(
        self,
        backend: Backend,
        implementation: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        try:
            return implementation(*args, **kwargs)
        except Exception as exc:
            translated = backend.translate_error(exc, self.name, args)
            if translated is None:
                raise
            raise translated from exc


def _translate_and_raise(
    spec: _Function, kind: type, exc: Exception, args: tuple[Any, ...]
) -> NoReturn:
    backend = _BACKEND_OF_TYPE.get(kind)
    translated = backend.translate_error(exc, spec.name, args) if backend is not None else None
    if translated is None:
        raise exc
    raise translated from exc


def _make_array_function(spec: _Function) -> Callable[..., Any]:
    cache = spec.cache

    def function(x: Any, /, *args: Any, **kwargs: Any) -> Any:
        kind = type(x)
        try:
            implementation = cache[kind]
        except KeyError:
            return spec.call_slow((x, *args), kwargs)
        try:
            return implementation(x, *args, **kwargs)
        except Exception as exc:
            _translate_and_raise(spec, kind, exc, (x, *args))

    return function


def _make_binary_function(spec: _Function) -> Callable[..., Any]:
    cache = spec.cache

    def function(x1: Any, x2: Any, /, *args: Any, **kwargs: Any) -> Any:
        kind = type(x1)
        if kind is type(x2):
            implementation = cache.get(kind)
            if implementation is not None:
                try:
                    return implementation(x1, x2, *args, **kwargs)
                except Exception as exc:
                    _translate_and_raise(spec, kind, exc, (x1, x2, *args))
        return spec.call_slow((x1, x2, *args), kwargs)

    return function


def _make_general_function(spec: _Function) -> Callable[..., Any]:
    def function(*args: Any, **kwargs: Any) -> Any:
        return spec.call_slow(args, kwargs)

    return function


def _make_creation_function(spec: _Function) -> Callable[..., Any]:
    key = spec.key
    current = _selection.current

    def function(*args: Any, **kwargs: Any) -> Any:
        backend = current()
        if kwargs.get("device") is None and backend.native_device is not None:
            kwargs["device"] = backend.native_device
        return spec.run(backend, backend.table[key], args, kwargs)

    return function


_FACTORIES: dict[Dispatch, Callable[[_Function], Callable[..., Any]]] = {
    Dispatch.ARRAY: _make_array_function,
    Dispatch.BINARY: _make_binary_function,
    Dispatch.VARIADIC: _make_general_function,
    Dispatch.SEQUENCE: _make_general_function,
    Dispatch.DTYPE: _make_general_function,
    Dispatch.CREATE: _make_creation_function,
}


def build(table: dict[str, Dispatch], *, module: str, prefix: str = "") -> dict[str, Any]:
    """The public functions of one namespace: name -> function, from its table."""
    functions: dict[str, Any] = {}
    for name, kind in table.items():
        spec = _Function(prefix + name, prefix + name, kind)
        function = _FACTORIES[kind](spec)
        function.__name__ = function.__qualname__ = name
        function.__module__ = module
        function.__doc__ = _docstring(prefix + name, kind)
        functions[name] = function
    return functions


def _docstring(name: str, kind: Dispatch) -> str:
    where = {
        Dispatch.CREATE: "Creates its result on the active backend and device.",
        Dispatch.DTYPE: "Follows its array arguments' backend, else the active backend.",
    }.get(kind, "Runs on the backend of its array arguments.")
    return (
        f"``{name}`` of the Python Array API standard, on any backend.\n\n{where}\n"
        "See https://data-apis.org/array-api/latest/ for its signature and semantics, and "
        "polyarray's docs/semantics.md for where polyarray decides between backends."
    )
