"""Turning the name table into functions that find their backend.

Every public function is generated here from its row of the name table: its
:class:`~polyarray._names.Dispatch` kind and its exact signature. The fast path costs a
``type()`` call and one dictionary lookup in a per-function cache
``{array type: implementation}``, and passes the arguments on as written (repacking
``*args, **kwargs`` would cost more than everything else together); everything
unusual (Python scalars and lists, a type seen for the first time, arrays of two
backends) takes the slow path, which fills the cache.

Errors raised by a backend pass through a ``try`` that costs nothing when nothing fails;
when something does, the backend may translate the framework's exception into
polyarray's documented one (chained, so nothing is lost).
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from polyarray import _names, _selection
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
        classes = imported_backends()
        # A backend that names the type exactly wins over one that owns a base class
        # (a plug-in's ndarray subclass belongs to the plug-in, not to NumPy).
        owner = next((c for c in classes if kind in c.array_types()), None) or next(
            (c for c in classes if issubclass(kind, c.array_types())), None
        )
        if owner is not None:
            backend = _BACKEND_OF_TYPE[kind] = owner()
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

    __slots__ = ("cache", "kind", "name")

    def __init__(self, name: str, kind: Dispatch) -> None:
        self.name = name  # qualified, as in the function tables: "mean", "linalg.solve"
        self.kind = kind
        self.cache: dict[type, Callable[..., Any]] = {}

    def implementation(self, backend: Backend) -> Callable[..., Any]:
        try:
            return backend.table[self.name]
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
        an_array = None
        for value in candidates:
            backend = _backend_of_type(type(value))
            if backend is not None:
                found.setdefault(backend.name, backend)
                an_array = value
        if len(found) > 1:
            raise _mixed_error(self.name, found)
        if an_array is None:
            backend = _selection.current()
            device = backend.creation_device
        else:
            backend = found.popitem()[1]
            self.cache[type(an_array)] = self.implementation(backend)
            device = backend.device_of(an_array)  # lists join the array on its device
        args = self._convert_literals(backend, device, args, positions, an_array is None)
        return self.run(backend, self.implementation(backend), args, kwargs)

    def _convert_literals(
        self,
        backend: Backend,
        device: Any,
        args: tuple[Any, ...],
        positions: range,
        no_arrays: bool,
    ) -> tuple[Any, ...]:
        if self.kind is Dispatch.DTYPE:
            return args
        asarray = backend.table["asarray"]
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
            _translate_for_backend(self, backend, exc, args)


def _translate_for_backend(
    spec: _Function, backend: Backend | None, exc: Exception, args: tuple[Any, ...]
) -> NoReturn:
    translated = backend.translate_error(exc, spec.name, args) if backend is not None else None
    if translated is None:
        raise exc
    raise translated from exc


def _translate_and_raise(
    spec: _Function, kind: type, exc: Exception, args: tuple[Any, ...]
) -> NoReturn:
    _translate_for_backend(spec, _BACKEND_OF_TYPE.get(kind), exc, args)


# The bodies of the generated functions, by kind. ``{call}`` is the argument list passed on
# to the implementation, ``{first}``/``{second}`` the array parameters, ``{pack}`` the
# arguments as (tuple, dict) for the slow path. Each body is compiled once, at import.
_ARRAY_BODY = """
    kind = type({first})
    try:
        implementation = cache[kind]
    except KeyError:
        return spec.call_slow(*{pack})
    try:
        return implementation({call})
    except Exception as exc:
        translate_and_raise(spec, kind, exc, {pack}[0])
"""
_BINARY_BODY = """
    kind = type({first})
    if kind is type({second}):
        try:
            implementation = cache[kind]
        except KeyError:
            pass
        else:
            try:
                return implementation({call})
            except Exception as exc:
                translate_and_raise(spec, kind, exc, {pack}[0])
    return spec.call_slow(*{pack})
"""
_CREATE_BODY = """
    backend = context_get() or process_default.backend or default()
    if device is None:
        device = backend.creation_device
    try:
        return backend.table[key]({call})
    except Exception as exc:
        translate_for_backend(spec, backend, exc, {pack}[0])
"""
_GENERAL_BODY = """
    return spec.call_slow(*{pack})
"""
_BODIES = {
    Dispatch.ARRAY: _ARRAY_BODY,
    Dispatch.BINARY: _BINARY_BODY,
    Dispatch.CREATE: _CREATE_BODY,
    Dispatch.VARIADIC: _GENERAL_BODY,
    Dispatch.SEQUENCE: _GENERAL_BODY,
    Dispatch.DTYPE: _GENERAL_BODY,
}


def _generate(spec: _Function, parameters: str) -> Callable[..., Any]:
    """Compile the public function ``spec.name`` with exactly ``parameters``."""
    signature = inspect.signature(eval(f"lambda {parameters}: None"))
    positional: list[str] = []
    keywords: list[str] = []
    for parameter in signature.parameters.values():
        if parameter.kind is parameter.VAR_POSITIONAL:
            positional.append("*" + parameter.name)
        elif parameter.kind is parameter.KEYWORD_ONLY:
            keywords.append(parameter.name)
        else:
            positional.append(parameter.name)
    call = ", ".join([*positional, *(f"{k}={k}" for k in keywords)])
    pack = f"(({', '.join(positional)},), {{{', '.join(f'{k!r}: {k}' for k in keywords)}}})"
    names = [p.lstrip("*") for p in positional]
    body = _BODIES[spec.kind].format(
        first=names[0] if names else "",
        second=names[1] if len(names) > 1 else "",
        call=call,
        pack=pack,
    )
    namespace: dict[str, Any] = {
        "spec": spec,
        "cache": spec.cache,
        "key": spec.name,
        "context_get": _selection._context.get,
        "default": _selection._default,
        "process_default": _selection.process_default,
        "translate_for_backend": _translate_for_backend,
        "translate_and_raise": _translate_and_raise,
    }
    short_name = spec.name.rpartition(".")[2]
    exec(f"def {short_name}({parameters}):{body}", namespace)
    function: Callable[..., Any] = namespace[short_name]
    return function


def build(table: dict[str, Dispatch], *, module: str, prefix: str = "") -> dict[str, Any]:
    """The public functions of one namespace: name -> function, from its table."""
    functions: dict[str, Any] = {}
    for name, kind in table.items():
        spec = _Function(prefix + name, kind)
        function = _generate(spec, _names.signature(prefix + name))
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
