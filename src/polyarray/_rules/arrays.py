"""What the shared rules need of a backend's arrays (:class:`ArrayOps`), and promotion of
arrays and Python scalars to one dtype under polyarray's rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from polyarray._dtypes import PYTHON_SCALARS
from polyarray._rules.data_types import default_name_for_scalar
from polyarray._rules.promotion import RANGES, result_name
from polyarray._rules.special_cases import comparison_fill

# -- promotion and element-wise rules, written once for every backend ---------------------


class ArrayOps:
    """What the shared element-wise rules need to know about one backend's arrays.

    Subclasses set ``array_type`` and ``names`` (native dtype -> standard name) and
    implement the few primitives below; :func:`binary` and :func:`unary` do the rest.
    """

    array_type: Any  # a type, or a tuple of types (NumPy arrays and NumPy scalars)
    names: dict[Any, str]
    integral: frozenset[Any]
    #: Binary functions whose native function takes an array and a Python int or float,
    #: in that order, and keeps a floating array's dtype.
    takes_scalars: frozenset[str] = frozenset()

    def native(self, name: str) -> Any:
        """The native dtype called ``name``."""
        raise NotImplementedError

    def cast(self, x: Any, name: str) -> Any:
        """``x`` converted to the dtype ``name`` (``x`` itself when it already has it)."""
        raise NotImplementedError

    def scalar(self, value: Any, name: str, like: Any) -> Any:
        """The Python scalar ``value`` as a 0-d array of dtype ``name`` next to ``like``."""
        raise NotImplementedError

    def full_bool(self, like: Any, fill: bool) -> Any:
        """A boolean array shaped like ``like``, filled with ``fill``."""
        raise NotImplementedError

    def any(self, mask: Any) -> bool:
        """Whether any element of the boolean array ``mask`` is true."""
        return bool(mask.any())

    def compute(self, name: str, native: Any, x1: Any, x2: Any) -> Any:
        """``native(x1, x2)`` for arrays of one dtype (a backend may reroute some dtypes)."""
        return native(x1, x2)

    def compute_unary(self, name: str, native: Any, x: Any) -> Any:
        """``native(x)`` (a backend may reroute some dtypes)."""
        return native(x)


def check_scalar(value: Any, name: str) -> None:
    """Raise a clear ``TypeError`` unless ``value`` is a Python scalar."""
    if type(value) not in PYTHON_SCALARS:
        raise TypeError(
            f"pa.{name} takes arrays and Python scalars (bool, int, float, complex), not "
            f"{type(value).__name__}. Convert it first, e.g. pa.asarray(value)."
        )


def promoted_name(ops: ArrayOps, values: list[Any], name: str) -> str:
    """The result dtype name of arrays and Python scalars under polyarray's rules."""
    array_type = ops.array_type
    names = [ops.names[v.dtype] for v in values if isinstance(v, array_type)]
    scalars = [v for v in values if not isinstance(v, array_type)]
    for value in scalars:
        check_scalar(value, name)
    if not names:
        # Only scalars (a direct call; the dispatcher converts these): their own dtypes.
        names = [default_name_for_scalar(scalars[0]) or ""]
        scalars = scalars[1:]
    return result_name(names, scalars)


def promoted_diff_arguments(
    ops: ArrayOps, x: Any, prepend: Any, append: Any
) -> tuple[Any, Any, Any]:
    """``diff``'s array, ``prepend`` and ``append``, cast to one dtype when theirs differ.

    ``prepend`` and ``append`` are arrays, as the standard says: anything else is a
    ``TypeError`` (NumPy took Python scalars, torch raised AttributeError).
    """
    for edge, what in ((prepend, "prepend"), (append, "append")):
        if edge is not None and not isinstance(edge, ops.array_type):
            raise TypeError(
                f"pa.diff: {what} must be an array of x's shape except along axis, not "
                f"{type(edge).__name__}; make one, e.g. with pa.full."
            )
    parts = [p for p in (x, prepend, append) if p is not None]
    if len({p.dtype for p in parts}) > 1:
        name = promoted_name(ops, parts, "diff")
        x, prepend, append = (
            None if p is None else ops.cast(p, name) for p in (x, prepend, append)
        )
    return x, prepend, append


def as_name(ops: ArrayOps, values: list[Any], name: str) -> list[Any]:
    """Arrays cast to dtype ``name`` and Python scalars made 0-d arrays of it."""
    like = next((v for v in values if isinstance(v, ops.array_type)), None)
    return [
        ops.cast(v, name) if isinstance(v, ops.array_type) else ops.scalar(v, name, like)
        for v in values
    ]


def promoting(ops: ArrayOps, function: Any, positions: int) -> Callable[..., Any]:
    """``function`` with its first ``positions`` arguments promoted to one dtype."""
    label = getattr(function, "__name__", "function")

    def call(*args: Any, **kwargs: Any) -> Any:
        values = list(args[:positions])
        name = promoted_name(ops, values, label)
        return function(*as_name(ops, values, name), *args[positions:], **kwargs)

    call.__name__ = label
    call.__doc__ = getattr(function, "__doc__", None)
    return call


def sequence_promoting(ops: ArrayOps, function: Any) -> Callable[..., Any]:
    """``function(arrays, ...)`` with every array of ``arrays`` promoted to one dtype."""
    label = getattr(function, "__name__", "function")

    def call(arrays: Any, /, *args: Any, **kwargs: Any) -> Any:
        arrays = list(arrays)
        if len({a.dtype for a in arrays}) > 1:
            name = promoted_name(ops, arrays, label)
            arrays = [ops.cast(a, name) for a in arrays]
        return function(arrays, *args, **kwargs)

    call.__name__ = label
    call.__doc__ = getattr(function, "__doc__", None)
    return call


def out_of_range_comparison(ops: ArrayOps, name: str, x1: Any, x2: Any) -> Any:
    """The exact answer of comparing an integer array with an int beyond its range."""
    scalar_first = not isinstance(x1, ops.array_type)
    array, scalar = (x2, x1) if scalar_first else (x1, x2)
    if type(scalar) is not int or not isinstance(array, ops.array_type):
        return None
    dtype_name = ops.names[array.dtype]
    low, high = RANGES.get(dtype_name, (scalar, scalar))
    if low <= scalar <= high:
        return None
    return ops.full_bool(array, comparison_fill(name, scalar_first, scalar > high))
