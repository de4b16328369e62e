"""Argument checks shared by every backend, made before the framework is called."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from polyarray._rules.promotion import KIND, RANGES
from polyarray.errors import ScalarOverflowError


def needs_dimensions(name: str, function: Any) -> Callable[..., Any]:
    """``function`` refusing 0-d arrays, for which the standard leaves it undefined."""

    def call(x: Any, /, *args: Any, **kwargs: Any) -> Any:
        check_dimensions(name, x)
        return function(x, *args, **kwargs)

    call.__name__ = name
    return call


def check_dimensions(name: str, x: Any) -> None:
    """Raise ``ValueError`` for a 0-d ``x``: the check :func:`needs_dimensions` wraps around
    a function, as a plain call for backends that write the function out."""
    if not x.ndim:
        raise ValueError(
            f"pa.{name} needs an array with at least one dimension (the standard "
            "leaves 0-d input undefined, and NumPy and torch disagree). Reshape it "
            "first, e.g. pa.reshape(x, (1,))."
        )


def no_axes_error(name: str, axis: Any) -> Exception:
    """The error for an axis given to a 0-d array, which has none."""
    from polyarray.errors import AxisError

    return AxisError(
        f"pa.{name}: axis {axis!r} is out of range for a 0-d array, which has no axes; "
        "use axis=None, or reshape it to 1-d first."
    )


def no_axes_for_scalars(
    name: str, function: Any, *, position: int | None = None
) -> Callable[..., Any]:
    """``function`` raising AxisError for an axis of a 0-d array.

    torch accepts 0 and -1 there, and NumPy's ``squeeze`` and ``repeat`` do too; the
    standard (and NumPy elsewhere) says a 0-d array has no axes. ``position`` is where a
    positional axis argument sits, for functions that take it so.
    """

    def call(x: Any, /, *args: Any, **kwargs: Any) -> Any:
        if position is not None and len(args) >= position:
            axis = args[position - 1]
        else:
            axis = kwargs.get("axis")
        if axis is not None and axis != () and hasattr(x, "ndim") and not x.ndim:
            raise no_axes_error(name, axis)
        return function(x, *args, **kwargs)

    call.__name__ = name
    return call


def check_arange(start: Any, stop: Any, step: Any, dtype_name: str | None) -> None:
    """Refuse the ``arange`` calls NumPy and torch answer differently.

    Float bounds with an integer dtype: NumPy steps by the difference of the first two
    converted values (``arange(-0.5, 1, 1, dtype=int64)`` is ``[0, 0]``), torch converts
    the bounds first; the standard defines neither. A zero step never ends.
    """
    if step == 0:
        raise ValueError("pa.arange: step must not be zero.")
    if dtype_name is not None and KIND[dtype_name] < 2:
        floats = [v for v in (start, stop, step) if type(v) is float]
        if floats:
            raise TypeError(
                f"pa.arange with the integer dtype {dtype_name} needs integer start, stop "
                f"and step, not {floats[0]!r}; round them first or use a float dtype."
            )


def check_clip_bound(bound: Any, dtype_name: str) -> None:
    """Refuse a Python float bound for an integer array in ``clip``.

    The standard leaves bounds of another kind undefined; NumPy rounds the clipped values
    back to integers silently and torch refuses, so polyarray refuses on every backend.
    """
    if type(bound) is float and KIND[dtype_name] < 2:
        raise TypeError(
            f"pa.clip: a float bound ({bound}) for an integer array ({dtype_name}) is not "
            "defined; convert the array or the bound first."
        )


def check_clip_int_bounds(low: Any, high: Any, dtype_name: str) -> None:
    """Refuse a Python int bound that would clip an integer array out of its dtype.

    ``clip(int8 array, min=300)`` would make every element 300, which int8 cannot hold:
    NumPy raised a bare OverflowError and torch clipped nothing (a wrong answer), so
    polyarray raises ``ScalarOverflowError`` on every backend. A bound beyond the other
    end of the range (``min=-1000`` for int8) clips nothing, which is the right answer.
    """
    smallest, largest = RANGES[dtype_name]
    for bound, side in ((low, "min"), (high, "max")):
        if type(bound) is int and (bound > largest if side == "min" else bound < smallest):
            raise ScalarOverflowError(
                f"pa.clip: {side}={bound} lies beyond {dtype_name}'s range "
                f"[{smallest}, {largest}], so every element would become a value "
                f"{dtype_name} cannot hold. Convert the array first, e.g. "
                "pa.astype(x, pa.int64)."
            )


def check_no_axes(name: str, x: Any, axis: Any) -> None:
    """Raise ``AxisError`` when ``axis`` is given for a 0-d array, which has none.

    The check :func:`no_axes_for_scalars` wraps around a function, as a plain call for
    backends that write the function out (torch accepts axes 0 and -1 of 0-d tensors).
    """
    if axis is not None and axis != () and not x.ndim:
        raise no_axes_error(name, axis)
