"""How a public function finds its backend: the fast paths' helpers and the slow path.

The public functions are plain source, written by ``tools/gen_api.py`` into
``polyarray/_api/`` (and ``linalg.py``, ``fft.py``). Each has a :class:`Function` with a
cache ``{array type: implementation}``; its fast path costs a ``type()`` call and one
dictionary lookup, and passes the arguments on as written. Everything unusual (Python
scalars and lists, a type seen for the first time, arrays of two backends) takes
:meth:`Function.slow`, which fills the cache.

Errors raised by a backend pass through a ``try`` that costs nothing when nothing fails;
when something does, the backend may translate the framework's exception into
polyarray's documented one (chained, so nothing is lost).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from polyarray import _names, _selection
from polyarray._dtypes import DTYPE_ARGUMENT_TYPES, PYTHON_SCALARS
from polyarray._names import Dispatch
from polyarray.backends import Backend, builtin, imported_classes
from polyarray.errors import MixedBackendsError

__all__ = [
    "PASSED",
    "Function",
    "backend_of",
    "DTYPE_ARGUMENT_TYPES",
    "context_backend",
    "first_backend",
    "process_default",
    "same_type",
]

_LITERALS = frozenset({list, tuple})
#: What becomes an array of the backend where no array stands: literals and scalars.
_CONVERTED = _LITERALS | PYTHON_SCALARS

# type of a native array -> a backend instance (default device) that handles it.
_BACKEND_OF_TYPE: dict[type, Backend] = {}


def _owner(kind: type) -> type[Backend] | None:
    # A built-in that names the type exactly needs no look at the plug-ins (whose entry
    # points cost an import of importlib.metadata). Otherwise a backend that names the type
    # exactly wins over one that owns a base class (a plug-in's ndarray subclass belongs to
    # the plug-in, not to NumPy).
    exact = next((c for c in imported_classes(builtin()) if kind in c.array_types()), None)
    if exact is not None:
        return exact
    classes = imported_classes()
    return next((c for c in classes if kind in c.array_types()), None) or next(
        (c for c in classes if issubclass(kind, c.array_types())), None
    )


def _backend_of_type(kind: type) -> Backend | None:
    backend = _BACKEND_OF_TYPE.get(kind)
    # Scalars, lists, dtypes and shapes belong to no backend (and are never cached as
    # such: a framework imported later may own a type that none owns now).
    if backend is None and kind not in DTYPE_ARGUMENT_TYPES and kind not in _LITERALS:
        owner = _owner(kind)
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


#: Arguments that pass to an implementation as they are, next to arrays: Python scalars
#: (the framework then keeps the array's dtype, as the standard asks) and None.
PASSED: frozenset[type] = PYTHON_SCALARS | {type(None)}


# The creation functions' choice of backend, inlined in their bodies: the block's backend
# (``use_backend``), else the process default, else the one the environment names.
context_backend = _selection._context.get
process_default = _selection.process_default
first_backend = _selection._default


def same_type(values: Any) -> type | None:
    """The type every element of a list or tuple has, or None (also for empty ones)."""
    if type(values) not in _LITERALS or not values:
        return None
    kind = type(values[0])
    for value in values:
        if type(value) is not kind:
            return None
    return kind


def _array_positions(kind: Dispatch, args: tuple[Any, ...]) -> range:
    if kind is Dispatch.ARRAY:
        return range(min(len(args), 1))
    if kind is Dispatch.BINARY:
        return range(min(len(args), 2))
    return range(len(args))


class Function:
    """One public function's cache and slow path (its fast path is in its body)."""

    __slots__ = ("cache", "kind", "name")

    def __init__(self, name: str) -> None:
        self.name = name  # qualified, as in the function tables: "mean", "linalg.solve"
        self.kind = _names.functions()[name]
        self.cache: dict[type | None, Callable[..., Any]] = {}

    def implementation(self, backend: Backend) -> Callable[..., Any]:
        try:
            return backend.table[self.name]
        except KeyError:
            raise NotImplementedError(
                f"the {backend.name} backend does not implement pa.{self.name}."
            ) from None

    def slow(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Find the backend from all array arguments, convert literals, then call."""
        positions = _array_positions(self.kind, args)
        sequence = self.kind is Dispatch.SEQUENCE
        candidates = list(args[0]) if sequence and args else []
        candidates += [] if sequence else [args[i] for i in positions]
        found: dict[str, Backend] = {}
        an_array = None
        # Where an array goes (the first one or two arguments), anything but an array, a
        # Python scalar or a list is refused here: frameworks answer None, strings, dicts
        # or objects with an AttributeError from deep inside (NumPy's sum(None) with None).
        checked = self.kind is Dispatch.ARRAY or self.kind is Dispatch.BINARY
        for value in candidates:
            kind = type(value)
            backend = _backend_of_type(kind)
            if backend is not None:
                found.setdefault(backend.name, backend)
                an_array = value
            elif checked and kind not in PYTHON_SCALARS and kind not in _LITERALS:
                raise TypeError(
                    f"pa.{self.name} takes arrays, Python scalars (bool, int, float, complex) "
                    f"and lists of them, not {kind.__name__}. Make it an array first, e.g. "
                    "pa.asarray(...)."
                )
        if len(found) > 1:
            raise _mixed_error(self.name, found)
        if an_array is None:
            backend = _selection.current()
            device = backend.creation_device
        else:
            backend = found.popitem()[1]
            device = backend.device_of(an_array)  # lists join the array on its device
            self._remember(backend, args)
        args = self._convert_literals(backend, device, args, positions, an_array is None)
        implementation = self.implementation(backend)
        try:
            return implementation(*args, **kwargs)
        except Exception as exc:
            self.failed_on(exc, backend, args)

    def _remember(self, backend: Backend, args: tuple[Any, ...]) -> None:
        """Cache the implementation under the type the fast path will look up."""
        if not args:
            return
        if self.kind is Dispatch.DTYPE:
            # Keyed by the arrays' type, when the dtype arguments are among arrays of one.
            arrays = [a for a in args if type(a) not in DTYPE_ARGUMENT_TYPES]
            kind = same_type(arrays)
        elif self.kind is Dispatch.SEQUENCE:
            kind = same_type(args[0])
        else:
            kind = type(args[0])
        if kind is not None and _backend_of_type(kind) == backend:
            self.cache[kind] = self.implementation(backend)

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
            converted = [asarray(v, device=device) if type(v) in _CONVERTED else v for v in args[0]]
            return (converted, *args[1:])
        # Python scalars stay scalars next to an array (the framework then keeps the
        # array's dtype, as the standard asks); alone, every argument becomes an array.
        to_convert = _CONVERTED if no_arrays or self.kind is Dispatch.ARRAY else _LITERALS
        result = list(args)
        for i in positions:
            if type(result[i]) in to_convert:
                result[i] = asarray(result[i], device=device)
        return tuple(result)

    def failed(self, exc: Exception, kind: type | None, args: tuple[Any, ...]) -> NoReturn:
        """Re-raise ``exc`` of the implementation for arrays of type ``kind``, translated."""
        self.failed_on(exc, _BACKEND_OF_TYPE.get(kind) if kind is not None else None, args)

    def failed_on(self, exc: Exception, backend: Backend | None, args: tuple[Any, ...]) -> NoReturn:
        """Re-raise ``exc`` as the backend translates it (unchanged when it does not)."""
        translated = backend.translate_error(exc, self.name, args) if backend is not None else None
        if translated is None:
            raise exc
        raise translated from exc
