"""The order in which the FFT functions check their arguments, the same on every backend.

NumPy and torch check ``norm``, ``n``, the axis and the input's dtype in different orders
(and NumPy's order differs between its own functions: ``hfft`` looks at ``norm`` first,
``fft`` at ``n``), so one call with two mistakes raised two different errors. polyarray
checks, in this order: ``norm`` (a ``ValueError``, even where no axis is transformed),
then ``n`` (``TypeError``, ``ScalarOverflowError`` beyond int64, ``ValueError`` below 1),
then the axis (``TypeError``, ``ScalarOverflowError``, ``AxisError``), and only then the
input's dtype (the framework's check). See docs/semantics.md and docs/errors.md.

The backends call :func:`one_axis` only off the common path (``n`` given, an axis that is
not a plain int, or a ``norm`` other than the default), :func:`check_norm` only for a
``norm`` other than ``"backward"``, and :func:`check_axis` once the framework has failed.
"""

from __future__ import annotations

from typing import Any, Final

from polyarray._rules import checks, mistakes

#: The default norm: the backends test ``norm is not BACKWARD`` on the common path (the
#: default and every literal "backward" are this one interned string; any other string
#: equal to it takes the slow path, which accepts it).
BACKWARD: Final = "backward"
#: The norms the standard names; None (taken as "backward") both frameworks accept too.
_NORMS: Final = frozenset({BACKWARD, "ortho", "forward"})


def check_norm(name: str, norm: Any) -> None:
    """Raise ``ValueError`` for a ``norm`` the standard does not name: before anything
    else, as NumPy skipped the check without axes to transform (``axes=()``, 0-d input)
    and torch did not, and torch raised ``TypeError`` for a ``norm`` that is no string
    and took bytes."""
    if norm is None or (isinstance(norm, str) and norm in _NORMS):
        return
    raise mistakes.mistake_error(mistakes.FFT_NORM, name, (), f"norm={norm!r}")


def one_axis(name: str, x: Any, n: Any, axis: Any, norm: Any) -> tuple[Any, int]:
    """``n`` and ``axis`` of a one-axis transform, checked in polyarray's order (the
    module's docstring), as a Python int (or None) and a Python int."""
    if norm is not BACKWARD:
        check_norm(name, norm)
    if n is not None:
        if type(n) is not int:  # (NumPy: ValueError for 0.5, torch: TypeError)
            n = checks.integer_argument(name, "n", n)
        if not -(2**63) <= n < 2**63:
            raise mistakes.mistake_error(mistakes.INT_OVERFLOW, name, (n,), f"n={n}")
        if n < 1:
            raise mistakes.mistake_error(mistakes.FFT_LENGTH, name, (), f"n={n}")
    if type(axis) is not int:
        axis = checks.axis_argument(name, axis, tuples=False, none=False)
    check_axis(name, x, axis)
    return n, axis


def check_axis(name: str, x: Any, axis: int) -> None:
    """Raise polyarray's error for an ``axis`` that ``x`` does not have: before the input's
    dtype is looked at (torch's ``rfft`` of a complex 0-d array said "complex input",
    NumPy's "axis")."""
    huge = checks.beyond_int64(name, axis)
    if huge is not None:
        raise huge
    ndim = x.ndim
    if not -ndim <= axis < ndim:
        raise mistakes.mistake_error(
            mistakes.AXIS, name, (x,), f"axis {axis} for an array of {ndim} dimension(s)"
        )


def whole_lengths(name: str, x: Any, s: Any, axes: Any) -> list[Any]:
    """``s`` with each ``-1`` replaced by the length that uses all of the input along its
    axis, as the standard says: the axis's own length, and for ``irfftn``'s last axis the
    default ``2 * (m - 1)`` (torch's reading; NumPy took ``m``, JAX refused -1)."""
    last = len(s) - 1
    return [
        (2 * (x.shape[axis] - 1) if i == last and name == "fft.irfftn" else x.shape[axis])
        if type(n) is int and n == -1
        else n
        for i, (n, axis) in enumerate(zip(s, axes, strict=True))
    ]


def check_lengths(name: str, s: Any) -> None:
    """Refuse a length of ``s`` below one (other than -1, the whole axis) with the
    ``ValueError`` NumPy gives, before the axes ``s`` implies are checked against the
    input, as NumPy orders them (torch and JAX reported a 0-d input's missing axis)."""
    for n in s:
        if type(n) is int and n < 1 and n != -1:
            raise mistakes.mistake_error(mistakes.FFT_LENGTH, name, (), f"n={n}")
