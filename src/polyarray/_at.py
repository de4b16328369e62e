"""``pa.at(x, index).set(value)``: updates that work on every backend, JAX's included.

NumPy and torch users write ``x[i] = v``; JAX arrays are immutable and take
``x.at[i].set(v)`` instead. ``pa.at`` is one spelling for all of them, built on
array-api-extra's ``at`` (which routes to JAX's ``.at[]`` and to ``__setitem__``
elsewhere). polyarray's rule that functions never mutate their inputs holds here too:
every update returns a new array and ``x`` is left as it was, on every backend (a user
who wants the in-place write on NumPy or torch writes ``x[i] = v``).

The index is the standard's: ints, slices, ``...``, ``None``, an integer or boolean array.
Integer indices out of range raise ``IndexError`` on every backend (JAX's scatter would
drop them silently) where the index values can be read: not inside ``jax.jit``, where
JAX's behaviour applies. Values are Python scalars or arrays of ``x``'s backend; they
take ``x``'s dtype, and one that dtype cannot hold is refused (``TypeError``, or
``ScalarOverflowError`` for an int out of range) rather than silently cast.
"""

from __future__ import annotations

import operator
from typing import Any

from polyarray._dtypes import PYTHON_SCALARS, canonical_name
from polyarray._rules import promotion

__all__ = ["At", "at"]

_OPERATIONS = ("set", "add", "subtract", "multiply", "divide", "power", "min", "max")


def at(x: Any, index: Any, /) -> At:
    """Updates of ``x`` at ``index`` that return a new array, on every backend.

    Parameters
    ----------
    x
        An array of any backend (JAX arrays included, which cannot be written into).
    index
        Where to update: an int, a slice, ``...``, ``None``, an integer or boolean array,
        or a tuple of them (the standard's indexing).

    Returns
    -------
    At
        An object whose methods ``set``, ``add``, ``subtract``, ``multiply``, ``divide``,
        ``power``, ``min`` and ``max`` take the value and return the updated copy.

    Raises
    ------
    TypeError
        ``x`` is not an array, or the value is of a dtype ``x``'s cannot hold.
    IndexError
        An integer index is out of range (outside ``jax.jit``).

    Examples
    --------
    >>> import polyarray as pa
    >>> x = pa.zeros(4)
    >>> y = pa.at(x, 1).set(5.0)
    >>> pa.to_numpy(y).tolist(), pa.to_numpy(x).tolist()
    ([0.0, 5.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0])
    >>> pa.to_numpy(pa.at(x, slice(0, 2)).add(1.0)).tolist()
    [1.0, 1.0, 0.0, 0.0]
    """
    from polyarray._dispatch import backend_of

    backend = backend_of(x)
    if backend is None:
        raise TypeError(
            f"pa.at updates an array, not {type(x).__name__}; make one first, e.g. pa.asarray(...)."
        )
    return At(x, index, backend)


class At:
    """The updates of one array at one index (made by :func:`at`)."""

    __slots__ = ("_backend", "_index", "_x")

    def __init__(self, x: Any, index: Any, backend: Any) -> None:
        self._x = x
        self._index = index
        self._backend = backend

    def __repr__(self) -> str:
        return f"pa.at({type(self._x).__name__} of shape {tuple(self._x.shape)}, {self._index!r})"

    def set(self, value: Any, /) -> Any:
        """A copy of ``x`` with ``value`` at the index."""
        return self._update("set", value)

    def add(self, value: Any, /) -> Any:
        """A copy of ``x`` with ``value`` added at the index."""
        return self._update("add", value)

    def subtract(self, value: Any, /) -> Any:
        """A copy of ``x`` with ``value`` subtracted at the index."""
        return self._update("subtract", value)

    def multiply(self, value: Any, /) -> Any:
        """A copy of ``x`` with the elements at the index multiplied by ``value``."""
        return self._update("multiply", value)

    def divide(self, value: Any, /) -> Any:
        """A copy of ``x`` with the elements at the index divided by ``value``."""
        return self._update("divide", value)

    def power(self, value: Any, /) -> Any:
        """A copy of ``x`` with the elements at the index raised to ``value``."""
        return self._update("power", value)

    def min(self, value: Any, /) -> Any:
        """A copy of ``x`` with the elements at the index replaced by their minimum with
        ``value``."""
        return self._update("min", value)

    def max(self, value: Any, /) -> Any:
        """A copy of ``x`` with the elements at the index replaced by their maximum with
        ``value``."""
        return self._update("max", value)

    def _update(self, operation: str, value: Any) -> Any:
        import array_api_extra as xpx

        x, index = self._x, self._index
        dtype_name = canonical_name(x.dtype)
        value = self._value(operation, value, dtype_name)
        _check_index(x, index)
        from polyarray import _selection

        with _selection.use_backend(self._backend):
            updater = xpx.at(x, index)
            return getattr(updater, operation)(value, copy=True)

    def _value(self, operation: str, value: Any, dtype_name: str) -> Any:
        """``value`` checked against ``x``'s dtype (and made an array of its backend)."""
        from polyarray._dispatch import backend_of

        if operation == "divide" and dtype_name in _NOT_FLOAT:
            raise TypeError(
                f"pa.at(...).divide: x is an array of {dtype_name}, which cannot hold the "
                "quotients; convert it to a float dtype first (pa.astype)."
            )
        if type(value) in PYTHON_SCALARS:
            promotion.promote_scalar(dtype_name, value)  # (range and kind, as pa.add)
            if isinstance(value, bool) or dtype_name == "bool" or not isinstance(value, int):
                if isinstance(value, complex) and "complex" not in dtype_name:
                    raise TypeError(
                        f"pa.at(...).{operation}: a complex value cannot go into an array "
                        f"of {dtype_name}; make x complex first (pa.astype)."
                    )
                if isinstance(value, float) and dtype_name in _NOT_FLOAT:
                    raise TypeError(
                        f"pa.at(...).{operation}: a float value cannot go into an array "
                        f"of {dtype_name}; convert x (pa.astype) or the value (int)."
                    )
            return value
        backend = backend_of(value)
        if backend is None:
            raise TypeError(
                f"pa.at(...).{operation} takes a Python scalar or an array, not "
                f"{type(value).__name__}."
            )
        if backend.name != self._backend.name:
            raise TypeError(
                f"pa.at(...).{operation}: the value is a {backend.name} array and x a "
                f"{self._backend.name} one; convert with pa.to_backend first."
            )
        value_name = canonical_name(value.dtype)
        if not promotion.can_cast(value_name, dtype_name):
            raise TypeError(
                f"pa.at(...).{operation}: a {value_name} value cannot go into an array of "
                f"{dtype_name} without losing values; convert it first (pa.astype)."
            )
        return value


_NOT_FLOAT = frozenset(
    {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"}
)


def _check_index(x: Any, index: Any) -> None:
    """Refuse integer indices out of range, as NumPy does (JAX drops them)."""
    from polyarray._dispatch import backend_of

    parts = index if type(index) is tuple else (index,)
    axis = 0
    shape = tuple(x.shape)
    for part in parts:
        if part is None:
            continue
        if part is Ellipsis:
            axis = len(shape) - sum(1 for p in parts if p is not None and p is not Ellipsis)
            continue
        if isinstance(part, bool) or axis >= len(shape):
            axis += 1
            continue
        size = shape[axis]
        if isinstance(part, int) or (hasattr(part, "__index__") and not hasattr(part, "shape")):
            position = operator.index(part)
            if not -size <= position < size:
                raise IndexError(
                    f"pa.at: index {position} is out of range for axis {axis} of size {size}."
                )
        elif _readable_integers(part, backend_of(part)):
            from polyarray._interop import to_numpy

            values = to_numpy(part)
            if values.size and (values.min() < -size or values.max() >= size):
                raise IndexError(
                    f"pa.at: the index array holds values out of range for axis {axis} of "
                    f"size {size} (from {values.min()} to {values.max()})."
                )
        axis += 1


def _readable_integers(part: Any, backend: Any) -> bool:
    """Whether ``part`` is an integer index array whose values Python can read."""
    if backend is None or "int" not in canonical_name(part.dtype):
        return False
    return bool(backend.concrete(part))
