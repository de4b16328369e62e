"""Backend-independent data types: ``pa.float32`` and friends.

A :class:`DType` names a data type of the standard without belonging to any library, so
``pa.zeros(3, dtype=pa.float32)`` works under every backend, and it compares equal to the
native dtypes it stands for, so ``x.dtype == pa.float32`` holds for a ``numpy.ndarray``
and a ``torch.Tensor`` alike. Arrays keep their native dtypes: polyarray never wraps them.

Dtype arguments are also accepted as strings (``"float32"``), Python types (``float`` is
float64, ``int`` is int64, as in NumPy) and the backend's own dtype objects. Every backend
turns them into its native dtype through :func:`canonical_name`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from polyarray._names import DTYPES
from polyarray.errors import UnknownDtypeError

#: Kinds of dtypes, as ``isdtype`` names them.
_KINDS: Final = {
    "bool": "bool",
    "int": "signed integer",
    "uint": "unsigned integer",
    "float": "real floating",
    "complex": "complex floating",
}


class DType:
    """A data type of the Array API standard, independent of any backend.

    Examples
    --------
    >>> import polyarray as pa
    >>> pa.float32
    polyarray.float32
    >>> pa.zeros(2, dtype=pa.float32).dtype == pa.float32
    True
    """

    __slots__ = ("bits", "kind", "name")

    name: str
    kind: str
    bits: int

    def __init__(self, name: str) -> None:
        prefix = name.rstrip("0123456789")
        self.name = name
        self.kind = _KINDS[prefix]
        self.bits = int(name[len(prefix) :] or 8)

    def __repr__(self) -> str:
        return f"polyarray.{self.name}"

    def __str__(self) -> str:
        return self.name

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DType):
            return other is self
        if isinstance(other, str):
            return other == self.name
        try:
            known = other in _NATIVE_NAMES
        except TypeError:  # unhashable, e.g. a tuple holding a dict: not a dtype
            return False
        if not known:
            # A native dtype seen before its backend was used: have the registry's
            # finders register the dtypes of the frameworks imported since, look again.
            for find in _NATIVE_FINDERS:  # cheapest first: the built-ins', then plug-ins'
                find()
                if other in _NATIVE_NAMES:
                    break
        return _NATIVE_NAMES.get(other) == self.name

    # There is one instance per dtype (BY_NAME; unpickling returns it), so identity is a
    # hash consistent with equality among DTypes, and object's C-level hash costs nothing
    # next to a Python method on every dictionary lookup keyed by a dtype.
    __hash__ = object.__hash__

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # Pickle by name so that unpickling gives back the one shared instance.
        return (as_dtype, (self.name,))

    @property
    def itemsize(self) -> int:
        """Size of one element in bytes."""
        return max(self.bits // 8, 1)


#: The Python scalar types: what the standard's functions take next to arrays.
PYTHON_SCALARS: Final = frozenset({bool, int, float, complex})

#: The types of arguments that say nothing about a backend: dtypes (polyarray's, their
#: names, Python types and every registered native dtype's type), kinds and shapes, Python
#: scalars and None. A data type function whose arguments are all of these runs on the
#: active backend without looking for arrays (``polyarray._dispatch``).
DTYPE_ARGUMENT_TYPES: set[type] = {str, type, tuple, type(None), *PYTHON_SCALARS}

#: Every standard dtype by name, in the standard's order.
BY_NAME: Final[dict[str, DType]] = {name: DType(name) for name in DTYPES}
DTYPE_ARGUMENT_TYPES.add(DType)

# Native dtype objects (numpy.dtype, numpy scalar types, torch.dtype) -> standard name.
# Backends fill it when they load, so comparing needs no import of any framework.
_NATIVE_NAMES: dict[Any, str] = {}
# Called when a comparison meets an object not registered (yet): each registers the native
# dtypes it can find without importing a framework. polyarray.backends adds the one that
# loads the backends whose framework is imported; this module imports no backend.
_NATIVE_FINDERS: list[Callable[[], None]] = []

# Python types and strings accepted as dtype arguments.
_ALIASES: Final[dict[Any, str]] = {
    **{name: name for name in BY_NAME},
    **{d: d.name for d in BY_NAME.values()},
    bool: "bool",
    int: "int64",
    float: "float64",
    complex: "complex128",
}


def register_native(native: Any, name: str) -> None:
    """Record that the native dtype object ``native`` is the standard dtype ``name``."""
    _NATIVE_NAMES[native] = name
    DTYPE_ARGUMENT_TYPES.add(type(native))


def add_native_finder(finder: Callable[[], None]) -> None:
    """Have ``finder`` called when ``DType ==`` meets an object that is not registered.

    ``finder`` registers more native dtypes (with :func:`register_native`), typically those
    of frameworks imported since the last call; it must not import a framework.
    """
    if finder not in _NATIVE_FINDERS:
        _NATIVE_FINDERS.append(finder)


def canonical_name(dtype: Any) -> str:
    """The standard name of a dtype argument: a DType, string, Python type or native dtype.

    Raises
    ------
    UnknownDtypeError
        If ``dtype`` names no dtype of the standard.
    """
    try:
        return _ALIASES.get(dtype) or _NATIVE_NAMES[dtype]
    except (KeyError, TypeError):
        pass
    raise UnknownDtypeError(
        f"{dtype!r} is not a data type polyarray knows. Use one of the standard's dtypes "
        f"({', '.join('pa.' + n for n in BY_NAME)}), their names as strings, "
        "or the Python types bool, int, float and complex."
    )


def as_dtype(dtype: Any) -> DType:
    """The :class:`DType` for any dtype argument (see :func:`canonical_name`)."""
    return BY_NAME[canonical_name(dtype)]
