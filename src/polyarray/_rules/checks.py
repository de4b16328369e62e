"""Argument checks shared by every backend, made before the framework is called."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from polyarray._rules.promotion import KIND, RANGES
from polyarray.errors import AxisError, ScalarOverflowError


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


def beyond_int64(name: str, axis: Any) -> Exception | None:
    """The ``ScalarOverflowError`` for an axis no int64 holds (as polyarray reports such
    ints where the frameworks convert them: docs/errors.md), or None."""
    if type(axis) is int and not -(2**63) <= axis < 2**63:
        from polyarray._rules import mistakes

        return mistakes.mistake_error(mistakes.INT_OVERFLOW, name, (axis,), f"axis {axis}")
    return None


def no_axes_error(name: str, axis: Any) -> Exception:
    """The error for an axis given to a 0-d array, which has none."""
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


def check_linspace_bounds(start: Any, stop: Any, dtype_name: str) -> None:
    """Refuse ``linspace`` bounds whose floors the integer dtype ``dtype_name`` cannot hold
    (every point lies between them, floored as NumPy 2 floors them): NumPy wrapped them
    silently (``linspace(-2.5, 0, 3, dtype=uint8)`` began at 253), torch raised its own
    overflow error. Complex bounds are a ``TypeError``, NaN a ``ValueError``."""
    smallest, largest = RANGES[dtype_name]
    for bound in (start, stop):
        if type(bound) is complex:
            raise complex_bounds_error(bound)
        try:  # (as the points are computed: in float64)
            value = float(bound)
        except OverflowError:
            value = math.inf
        if value != value:
            raise ValueError(f"pa.linspace: cannot convert float NaN to {dtype_name}.")
        if math.isinf(value) or not smallest <= math.floor(value) <= largest:
            raise ScalarOverflowError(
                f"pa.linspace: the bound {bound!r} lies beyond {dtype_name}'s range "
                f"[{smallest}, {largest}]; choose a wider dtype, or a float dtype."
            )


def complex_bounds_error(bound: Any) -> TypeError:
    """The error for a complex ``linspace`` bound with a real dtype (NumPy dropped the
    imaginary part with a warning, torch raised RuntimeError)."""
    return TypeError(
        f"pa.linspace: a complex bound ({bound}) with a real dtype is not defined; pass "
        "real bounds, or a complex dtype."
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


def as_integer(name: str, parameter: str, value: Any, expected: str) -> int:
    """``value`` as a Python int, if Python takes it as one (``operator.index``: NumPy
    integer scalars, 0-d integer arrays), but not a bool; else a ``TypeError``."""
    if type(value) is not bool:  # (a bool is an int to operator.index)
        try:
            return operator.index(value)
        except TypeError:
            pass
    hint = f"; write {parameter}={tuple(value)!r}" if type(value) is list else ""
    raise TypeError(
        f"pa.{name}: {parameter} must be {expected}, not {type(value).__name__} ({value!r}){hint}."
    )


def axis_argument(name: str, axis: Any, *, tuples: bool = True, none: bool = True) -> Any:
    """``axis`` as the standard types it: a Python int, a tuple of them where the function
    takes several axes (``tuples``), or None where it takes none (``none``).

    NumPy integer scalars count as ints (NumPy takes them, torch's fast paths did not);
    bools, floats, lists and strings are a ``TypeError`` on every backend (each framework
    took some of them: NumPy ``True`` as axis 1 in ``sort`` and ``flip``, torch lists in
    its reductions). Called only where ``axis`` is not already a plain int.
    """
    if type(axis) is int:
        return axis
    expected = "an int" + (", a tuple of ints" if tuples else "") + (" or None" if none else "")
    if axis is None:
        if none:
            return None
        raise TypeError(f"pa.{name}: axis must be {expected}, not None.")
    if type(axis) is tuple and tuples:
        for a in axis:
            if type(a) is not int:
                return tuple(as_integer(name, "axis", a, expected) for a in axis)
        return axis
    return as_integer(name, "axis", axis, expected)


def array_axis(name: str, x: Any, axis: Any, *, tuples: bool = True, none: bool = True) -> Any:
    """:func:`axis_argument`, and an ``AxisError`` for an axis of a 0-d ``x``, which has
    none (``axis=()`` and ``None`` are fine). NumPy's reductions and torch take axes 0 and
    -1 of 0-d arrays; the standard (and JAX) do not.

    Backends call it only where ``axis`` is not a plain int or ``x`` is 0-d, so the
    common call pays one type test (and, on NumPy, ``x.ndim``).
    """
    axis = axis_argument(name, axis, tuples=tuples, none=none)
    if axis is not None and axis != () and not x.ndim:
        raise no_axes_error(name, axis)
    return axis


def sequence_axes(name: str, x: Any, axes: Any, *, single: bool = False) -> tuple[int, ...]:
    """The ``axes`` of the FFT functions (a sequence of ints, or one int where ``single``)
    as a tuple, each in range for ``x`` and none repeated, else an ``AxisError``.

    NumPy transforms a repeated axis twice (``fftn(x, axes=(0, 0))``), torch refuses it;
    the standard leaves repeats undefined, and polyarray refuses them on every backend.
    """
    expected = "a sequence of ints" + (" or an int" if single else "")
    if isinstance(axes, (tuple, list)):
        items = tuple(a if type(a) is int else as_integer(name, "axes", a, expected) for a in axes)
    elif single:
        items = (as_integer(name, "axes", axes, expected),)
    else:
        raise TypeError(
            f"pa.{name}: axes must be {expected} or None, not {type(axes).__name__} ({axes!r})."
        )
    ndim = x.ndim
    if not ndim and items:
        raise no_axes_error(name, items)
    for a in items:
        if not -ndim <= a < ndim:
            raise AxisError(
                f"pa.{name}: axis {a} is out of range for an array of {ndim} dimension(s); "
                f"axes must lie in [-{ndim}, {ndim})."
            )
    if len({a % ndim for a in items}) != len(items):
        raise AxisError(f"pa.{name}: axes {items} repeat an axis; give each axis once.")
    return items


def integer_argument(name: str, parameter: str, value: Any, *, tuples: bool = False) -> Any:
    """An int parameter (``shift``, ``k``, ``offset``, ``n``, ``repeats``...) as a Python int
    (or a tuple of them, where ``tuples``): NumPy integers count, bools and floats are a
    ``TypeError`` on every backend. Called only where ``value`` is not a plain int."""
    if type(value) is int:
        return value
    expected = "an int" + (" or a tuple of ints" if tuples else "")
    if type(value) is tuple and tuples:
        return tuple(as_integer(name, parameter, v, expected) for v in value)
    return as_integer(name, parameter, value, expected)


def integer_sequence(name: str, parameter: str, value: Any) -> tuple[int, ...]:
    """A shape-like parameter (``repetitions``): a tuple or list of ints (NumPy integers
    count) as a tuple; an int, bools and floats are a ``TypeError`` (NumPy took ``2`` and
    ``(1.0,)`` in ``tile``, torch refused them)."""
    if not isinstance(value, (tuple, list)):
        raise TypeError(
            f"pa.{name}: {parameter} must be a tuple of ints, not {type(value).__name__} "
            f"({value!r}); write {parameter}=({value!r},) for one."
        )
    return tuple(v if type(v) is int else as_integer(name, parameter, v, "an int") for v in value)


def all_ints(values: tuple[Any, ...]) -> bool:
    """Whether every element of ``values`` is a plain Python int."""
    for value in values:  # noqa: SIM110 (a loop: about twice as fast as all() of a generator)
        if type(value) is not int:
            return False
    return True


def distinct_axes(name: str, axes: tuple[int, ...], ndim: int) -> None:
    """An ``AxisError`` for axes out of ``[-ndim, ndim)`` or repeated (``squeeze``,
    ``expand_dims``, whose frameworks raised IndexError or ValueError for them)."""
    for a in axes:
        if not -ndim <= a < ndim:
            raise beyond_int64(name, a) or AxisError(
                f"pa.{name}: axis {a} is out of range for {ndim} dimension(s); axes must "
                f"lie in [-{ndim}, {ndim})."
            )
    if len({a % ndim for a in axes}) != len(axes):
        raise AxisError(f"pa.{name}: axes {axes} repeat an axis; give each axis once.")


def check_no_axes(name: str, x: Any, axis: Any) -> None:
    """Raise ``AxisError`` when ``axis`` is given for a 0-d array, which has none.

    The check :func:`no_axes_for_scalars` wraps around a function, as a plain call for
    backends that write the function out (torch accepts axes 0 and -1 of 0-d tensors).
    """
    if axis is not None and axis != () and not x.ndim:
        raise no_axes_error(name, axis)


def complex_order(name: str, order: complex) -> TypeError:
    """The error for a complex ``ord`` of a norm (NumPy took ``-inf + 0j`` as ``-inf``)."""
    return TypeError(
        f"pa.{name}: ord must be a real number or a string the function names, not the "
        f"complex {order!r}. Pass its real part, e.g. ord={order.real!r}."
    )


def vector_order(name: str, order: Any) -> Any:
    """``vector_norm``'s ``ord`` as every backend takes it: None is NumPy's default, 2; a
    complex order is a ``TypeError`` (NumPy compared it with 0, torch took ``2 + 0j``); a
    NaN order a ``ValueError`` (NumPy gave NaN, torch the input's magnitudes); an int
    beyond int64 a float (torch refused it, NumPy and JAX take it so). Backends call it
    after their axis checks, so a 0-d array's axis is reported first, as on NumPy."""
    if order is None:
        return 2
    if type(order) is int:
        return order if -(2**63) <= order < 2**63 else float(order)
    if type(order) is complex:
        raise complex_order(name, order)
    if type(order) is str:
        # (NumPy refused names of matrix norms such as 'fro' only where it reduced: a
        # reduction over no axes took them, and torch took them where it did nothing)
        raise ValueError(
            f"pa.{name}: ord must be a number (an int, a float, inf or -inf), not the "
            f"string {order!r}."
        )
    if order != order:
        raise ValueError(
            f"pa.{name}: ord is NaN, which names no norm; pass a number (2, 1, inf, ...)."
        )
    return order


def refuse_non_finite(name: str, all_finite: bool) -> None:
    """Raise polyarray's ``LinAlgError`` for a matrix holding NaN or an infinity, given to
    a decomposition whose LAPACK routine cannot be trusted with one: ``all_finite`` is the
    backend's ``isfinite(x).all()``, computed by the backend (the one pass this costs is
    small next to the decomposition)."""
    if not all_finite:
        from polyarray.errors import LinAlgError

        raise LinAlgError(
            f"pa.linalg.{name}: the matrix holds NaN or an infinity, which {name} refuses on "
            "every backend (LAPACK's routine can hang or crash on one); check "
            "pa.all(pa.isfinite(x)) first, or replace them (pa.where)"
        )
