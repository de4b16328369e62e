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

import functools
from collections.abc import Callable
from typing import Any, NoReturn

from polyarray import _names, _selection
from polyarray._dtypes import DTYPE_ARGUMENT_TYPES, PYTHON_SCALARS
from polyarray._names import Dispatch
from polyarray.backends import Backend, owner_of
from polyarray.errors import MixedBackendsError, PolyarrayError

__all__ = [
    "PASSED",
    "Function",
    "as_flag",
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


def _backend_of_type(kind: type) -> Backend | None:
    backend = _BACKEND_OF_TYPE.get(kind)
    # Scalars, lists, dtypes and shapes belong to no backend (and are never cached as
    # such: a framework imported later may own a type that none owns now).
    if backend is None and kind not in DTYPE_ARGUMENT_TYPES and kind not in _LITERALS:
        # Built-ins first, then plug-ins, importing only what may own the type.
        owner = owner_of(kind)
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


def as_flag(value: Any, parameter: str, name: str, *, none: bool = False) -> bool:
    """A flag that is neither True nor False: a 0-d boolean array (a NumPy bool) gives its
    value; anything else is a clear TypeError."""
    if _backend_of_type(type(value)) is not None and getattr(value, "shape", None) == ():
        from polyarray._dtypes import canonical_name

        if canonical_name(value.dtype) == "bool":
            return bool(value)
    allowed = "True, False or None" if none else "True or False"
    raise TypeError(
        f"pa.{name}: {parameter} must be {allowed}, not {value!r} "
        f"({type(value).__name__}). Write {parameter}=bool(...) to take a value's truth."
    )


def same_type(values: Any) -> type | None:
    """The type every element of a list or tuple has, or None (also for empty ones)."""
    if type(values) not in _LITERALS or not values:
        return None
    kind = type(values[0])
    for value in values:
        if type(value) is not kind:
            return None
    return kind


def _parameters(name: str) -> list[str]:
    """The positional parameters of a function, as the name table writes them."""
    positional = _names.signature(name).split("*,")[0]
    return [p.strip() for p in positional.split(",") if p.strip() not in ("", "/")]


@functools.cache
def _optional_positions(name: str) -> frozenset[int]:
    """Positions where None may stand for an array (``clip``'s bounds)."""
    return frozenset(i for i, p in enumerate(_parameters(name)) if p.endswith("=None"))


@functools.cache
def _always_arrays(name: str) -> range:
    """Positions of a variadic function that are arrays even beside an array: every one of
    ``meshgrid(*arrays)``; elsewhere the first (where's condition, clip's x), the others
    being weak Python scalars."""
    star = _parameters(name)[0].startswith("*")
    return range(_MANY) if star else range(1)


_MANY = 2**31  # (a bound no argument list reaches)


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
        candidates = self._sequence(args) if sequence else [args[i] for i in positions]
        found: dict[str, Backend] = {}
        an_array = None
        # Where an array goes, anything but an array, a Python scalar or a list is refused
        # here: frameworks answer None, strings, dicts or objects with an AttributeError
        # from deep inside, or a value (NumPy's sum(None) is None, where(None, x, y) is y,
        # broadcast_arrays(None, x) an object array).
        checked = self.kind is not Dispatch.DTYPE
        for index, value in enumerate(candidates):
            kind = type(value)
            backend = _backend_of_type(kind)
            if backend is not None:
                found.setdefault(backend.name, backend)
                an_array = value
            elif checked and kind not in PYTHON_SCALARS and kind not in _LITERALS:
                if value is None and not sequence and index in _optional_positions(self.name):
                    continue  # clip's bounds
                raise self._not_an_array(kind, sequence)
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

    def _sequence(self, args: tuple[Any, ...]) -> list[Any]:
        """The arrays of ``concat``/``stack``: a non-empty list or tuple (or an array)."""
        arrays: Any = args[0] if args else None
        kind = type(arrays)
        if kind not in _LITERALS and _backend_of_type(kind) is None:
            raise TypeError(
                f"pa.{self.name} takes a list or tuple of arrays, not {kind.__name__}. "
                f"Put the arrays in a list, e.g. pa.{self.name}([x, y])."
            )
        if not len(arrays):
            raise ValueError(
                f"pa.{self.name} needs at least one array; the {kind.__name__} is empty."
            )
        return list(arrays)

    def _not_an_array(self, kind: type, held: bool) -> TypeError:
        given = f"a list holding a {kind.__name__}" if held else kind.__name__
        return TypeError(
            f"pa.{self.name} takes arrays, Python scalars (bool, int, float, complex) and "
            f"lists of them, not {given}. Make it an array first, e.g. pa.asarray(...)."
        )

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
        # So do the arguments that are always arrays: where's condition, clip's x, every
        # argument of meshgrid and broadcast_arrays (torch takes no scalar there).
        to_convert = _CONVERTED if no_arrays or self.kind is Dispatch.ARRAY else _LITERALS
        always = _always_arrays(self.name) if self.kind is Dispatch.VARIADIC else range(0)
        result = list(args)
        for i in positions:
            kind = type(result[i])
            if kind in to_convert or (kind in PYTHON_SCALARS and i in always):
                result[i] = asarray(result[i], device=device)
        return tuple(result)

    def failed(self, exc: Exception, kind: type | None, args: tuple[Any, ...]) -> NoReturn:
        """Re-raise ``exc`` of the implementation for arrays of type ``kind``, translated."""
        self.failed_on(exc, _BACKEND_OF_TYPE.get(kind) if kind is not None else None, args)

    def failed_on(self, exc: Exception, backend: Backend | None, args: tuple[Any, ...]) -> NoReturn:
        """Re-raise ``exc`` as the backend translates it (unchanged when it does not)."""
        translated: Exception | None = None
        if not isinstance(exc, PolyarrayError):  # an argument of the wrong type, first
            translated = _argument_error(self.name, self.kind, args)
        if translated is None and backend is not None:
            translated = backend.translate_error(exc, self.name, args)
        if translated is None:
            raise exc
        raise translated from exc


# -- arguments that are not arrays: sizes, shapes, bounds (looked at once a call failed) --


def _is_int(value: Any) -> bool:
    # Python ints and what stands for one (NumPy integers, 0-d integer arrays); not bools.
    return type(value) is not bool and hasattr(type(value), "__index__")


def _is_shape(value: Any) -> bool:
    if _is_int(value):
        return True
    if type(value) not in _LITERALS and getattr(value, "ndim", None) != 1:
        return False  # (a 1-d array of ints is a shape to both frameworks)
    return all(_is_int(length) for length in value)


def _is_number(value: Any) -> bool:
    return type(value) in PYTHON_SCALARS or getattr(value, "shape", None) == ()


def _is_real(value: Any) -> bool:
    return type(value) is not complex and _is_number(value)


#: What each positional parameter of the creation functions (and broadcast_shapes) takes:
#: a test, and the words of the error. Frameworks word these errors each their own way
#: (NumPy "Use () not None as shape arguments", torch "argument 'size' (position 1) must
#: be tuple of ints"), or raise another type (NumPy's fftfreq(None) is a ValueError).
_ARGUMENTS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "shape": (_is_shape, "an int or a tuple of ints as shape, e.g. (2, 3)"),
    "*shapes": (_is_shape, "shapes (ints or tuples of ints)"),
    "n_rows": (_is_int, "an int as n_rows"),
    "n_cols": (lambda v: v is None or _is_int(v), "an int or None as n_cols"),
    "num": (_is_int, "an int as num"),
    "n": (_is_int, "an int as n"),
    "start": (_is_number, "a Python number as start"),
    "stop": (lambda v: v is None or _is_number(v), "a Python number as stop"),
    "step": (_is_number, "a Python number as step"),
    "x": (lambda v: hasattr(v, "__dlpack__"), "an array of a library with DLPack"),
    "arange:start": (_is_real, "a real Python number as start"),
    "arange:stop": (lambda v: v is None or _is_real(v), "a real Python number as stop"),
    "arange:step": (_is_real, "a real Python number as step"),
    "linspace:stop": (_is_number, "a Python number as stop"),  # (no one-bound linspace)
}


def _argument_error(name: str, kind: Dispatch, args: tuple[Any, ...]) -> TypeError | None:
    """A clear error for a creation function's argument of the wrong type, if one is."""
    if kind is not Dispatch.CREATE and name != "broadcast_shapes":
        return None
    parameters = _parameters(name)
    star = parameters[0] if parameters and parameters[0].startswith("*") else None
    for position, value in enumerate(args):
        parameter = star or (parameters[position] if position < len(parameters) else "")
        parameter = parameter.split("=")[0]
        rule = _ARGUMENTS.get(f"{name}:{parameter}") or _ARGUMENTS.get(parameter)
        if rule is not None and not rule[0](value):
            accepted = rule[1]
            return TypeError(f"pa.{name} takes {accepted}, not {value!r:.40}.")
    return None
