"""What ``asarray`` and ``full`` accept, and one clear error for what they do not.

NumPy makes object or string arrays of ``None``, strings, dicts, sets, generators,
``Decimal``s and Python ints beyond 64 bits, and converts ``None`` to NaN under a float
dtype; torch fails on the same inputs with raw errors from inside, or wraps an int out of
a dtype's range. polyarray makes neither object nor string arrays: each backend asks the
rules below, in the same words, **only** where its framework failed or made an array
polyarray never makes, so converting lists of numbers and arrays pays nothing for them.
"""

from __future__ import annotations

import math
from typing import Any, Final

from polyarray._dtypes import PYTHON_SCALARS
from polyarray._rules.promotion import RANGES
from polyarray.errors import ScalarOverflowError, ShapeError

__all__ = [
    "ACCEPTED",
    "REFUSED_KINDS",
    "check_fill",
    "copy_refused",
    "diagnose",
    "int_beyond_int64",
    "int_out_of_range",
    "refused",
]

#: What ``asarray`` converts, in the words of its errors.
ACCEPTED: Final = (
    "arrays, Python scalars (bool, int, float, complex) and (nested) lists or tuples of them"
)
_LITERALS: Final = (list, tuple)
_INT64: Final = RANGES["int64"]
_REAL_FLOATS: Final = frozenset({"float32", "float64"})
#: NumPy dtype kinds polyarray never makes: object, strings, bytes, void, dates, durations.
REFUSED_KINDS: Final = frozenset("OUSVMm")


def _hint(value: Any) -> str:
    if isinstance(value, (str, bytes)):
        return "polyarray makes no string arrays: convert the text to numbers first."
    if value is None:
        return "polyarray makes no object arrays: use a number (float('nan') for a gap)."
    if hasattr(value, "__float__") or hasattr(value, "__index__"):  # Decimal, Fraction...
        return "Convert it to a Python int or float first, e.g. float(value)."
    if hasattr(value, "__iter__") or hasattr(value, "__next__"):  # sets, dicts, generators
        return "Make it a list first, e.g. list(values)."
    return "polyarray makes no object arrays."


def refused(name: str, value: Any, *, inside: bool = False) -> TypeError:
    """The error for a value ``pa.name`` cannot make an array of (an element when ``inside``)."""
    what = type(value).__name__
    if _is_array(value):  # a NumPy array or scalar of strings, objects or dates
        what = f"a {what} of dtype {value.dtype}"
        hint = "polyarray has no string, object or date arrays: convert it to numbers first."
    else:
        hint = _hint(value)
    given = f"a list holding {what if _is_array(value) else 'a ' + what} ({value!r:.40})"
    return TypeError(f"pa.{name} takes {ACCEPTED}, not {given if inside else what}. {hint}")


def int_out_of_range(value: int, dtype_name: str) -> ScalarOverflowError:
    """A Python int that the integer dtype ``dtype_name`` cannot hold."""
    low, high = RANGES[dtype_name]
    if _INT64[0] <= value <= _INT64[1]:
        advice = "Choose a wider dtype, e.g. pa.int64."
    elif 0 <= value <= RANGES["uint64"][1]:
        advice = "Pass dtype=pa.uint64, or a float dtype."
    else:
        advice = "No integer dtype holds it: pass a float dtype, e.g. pa.float64."
    return ScalarOverflowError(
        f"Python int {value} is out of bounds for {dtype_name} (range {low} to {high}). {advice}"
    )


def copy_refused(name: str) -> ValueError:
    """``copy=False`` where a copy is needed: nothing to share memory with."""
    return ValueError(
        f"pa.{name}(copy=False) would need a copy here (of a Python scalar, list or tuple, "
        "or for another dtype or device). Pass copy=None to copy only when needed."
    )


def _complex_error(dtype_name: str) -> TypeError:
    return TypeError(f"cannot convert complex numbers to {dtype_name}; take their real part first.")


def check_fill(name: str, value: Any, dtype_name: str) -> Any:
    """Raise unless ``value`` is a Python scalar that an array of ``dtype_name`` can hold;
    the fill to use (for booleans, the truth of any number, as ``asarray`` takes it: NumPy
    raised OverflowError for ``2**63``, torch for ``2**64``).

    ``full`` and ``full_like`` call it off their common path (a float fill of a float
    dtype): NumPy makes a string array of ``"a"`` and fills an integer array with garbage
    for NaN; torch wraps an int out of range (``full((2,), -1, dtype=uint8)`` gave 255).
    """
    kind = type(value)
    if kind not in PYTHON_SCALARS:
        raise TypeError(
            f"pa.{name} takes a Python scalar (bool, int, float, complex) as fill_value, "
            f"not {kind.__name__}. Convert it first, e.g. float(value)."
        )
    if dtype_name == "bool":
        return bool(value)
    if kind is bool:
        return value
    if dtype_name in RANGES:
        if kind is complex:
            raise _complex_error(dtype_name)
        if kind is float:
            if math.isnan(value):
                raise ValueError(f"cannot convert float NaN to {dtype_name}.")
            if math.isinf(value):
                raise ScalarOverflowError(f"cannot convert float infinity to {dtype_name}.")
        # (floats are truncated toward zero, as NumPy does)
        number = math.trunc(value) if kind is float else value
        low, high = RANGES[dtype_name]
        if not low <= number <= high:
            raise int_out_of_range(number, dtype_name)
    elif kind is complex and dtype_name in _REAL_FLOATS:
        raise _complex_error(dtype_name)
    return value


class _Survey:
    """What a nested list holds, found in one walk."""

    __slots__ = ("bad", "complexes", "floats", "high", "inf", "low", "nan", "ragged")

    def __init__(self) -> None:
        self.bad: list[Any] = []  # the first value that is no number, list or array
        self.ragged = self.floats = self.complexes = self.nan = self.inf = False
        self.low, self.high = 0, 0  # of the ints, and of the finite floats truncated

    def number(self, value: int) -> None:
        self.low = min(self.low, value)
        self.high = max(self.high, value)


def _is_array(value: Any) -> bool:
    return hasattr(value, "shape") and hasattr(value, "dtype")


def _walk(value: Any, survey: _Survey) -> tuple[int, ...] | None:
    """The shape of ``value``, recording in ``survey`` what it holds (None: unknown)."""
    kind = type(value)
    if kind in _LITERALS:
        shapes = []
        for item in value:
            shapes.append(_walk(item, survey))
            if survey.bad:
                return ()
        known = [s for s in shapes if s is not None]
        if any(s != known[0] for s in known):
            survey.ragged = True
        return (len(value), *(known[0] if known else ()))
    if kind is int:
        survey.number(value)
    elif kind is float:
        survey.floats = True
        if math.isnan(value):
            survey.nan = True
        elif math.isinf(value):
            survey.inf = True
        else:
            survey.number(math.trunc(value))
    elif kind is complex:
        survey.complexes = True
    elif kind is bool:
        pass
    elif _is_array(value):
        if getattr(value.dtype, "kind", "") in REFUSED_KINDS:  # a NumPy string array
            survey.bad.append(value)
        return tuple(value.shape)
    elif hasattr(value, "__array__") or hasattr(value, "__dlpack__"):
        return None  # an array of another kind: its framework knows its shape
    else:
        survey.bad.append(value)
    return ()


def diagnose(name: str, obj: Any, dtype_name: str | None) -> Exception | None:
    """polyarray's error for converting ``obj`` to ``dtype_name`` (None: the default), if any.

    Called where a conversion failed or made an object or string array: a value that is
    no number gives a ``TypeError``, lists of different lengths a ``ShapeError``, a Python
    int out of the dtype's range (int64 by default) a ``ScalarOverflowError``, NaN or
    infinity for an integer dtype a ``ValueError`` or ``ScalarOverflowError``, complex
    numbers for a real dtype a ``TypeError``. None when none of these explains it.
    """
    survey = _Survey()
    _walk(obj, survey)
    if survey.bad:
        return refused(name, survey.bad[0], inside=survey.bad[0] is not obj)
    if survey.ragged:
        return ShapeError(
            f"pa.{name}: the nested lists differ in length (a ragged shape, such as "
            "[[1], [1, 2]]), and arrays are rectangular. Pad them to one length, or keep "
            "them as separate arrays."
        )
    if dtype_name is None:
        if survey.floats or survey.complexes:
            return None
        dtype_name = "int64"  # what Python ints become
    if dtype_name in RANGES:
        if survey.complexes:
            return _complex_error(dtype_name)
        if survey.nan:
            return ValueError(f"cannot convert float NaN to {dtype_name}.")
        if survey.inf:
            return ScalarOverflowError(f"cannot convert float infinity to {dtype_name}.")
        low, high = RANGES[dtype_name]
        if survey.low < low:
            return int_out_of_range(survey.low, dtype_name)
        if survey.high > high:
            return int_out_of_range(survey.high, dtype_name)
    elif survey.complexes and dtype_name in _REAL_FLOATS:
        return _complex_error(dtype_name)
    return None


def int_beyond_int64(obj: Any) -> Exception | None:
    """The error for Python ints beyond int64 among ``obj``'s values (NumPy made uint64)."""
    survey = _Survey()
    _walk(obj, survey)
    if survey.high > _INT64[1] and not (survey.floats or survey.complexes):
        return int_out_of_range(survey.high, "int64")
    return None
