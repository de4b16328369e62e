"""One exception type per mistake: framework errors classified by their message and
re-raised as polyarray's documented types (see docs/errors.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

#: The mistakes polyarray reports with one exception type on every backend.
BROADCAST, AXIS, RESHAPE, MATMUL, EMPTY_REDUCTION, SHAPES, SQUEEZE, FFT_LENGTH = (
    "broadcast",
    "axis",
    "reshape",
    "matmul",
    "empty reduction",
    "shapes",
    "squeeze",
    "fft length",
)


#: Mistakes with one type on every backend whatever the function (docs/errors.md).
NEGATIVE_SIZE, TOO_LARGE, INT_OVERFLOW, LINALG, NOT_1D = (
    "negative size",
    "too large",
    "int overflow",
    "linalg",
    "not 1-d",
)
#: The FFT functions' mistakes, and an option out of those a function takes.
FFT_NORM, FFT_REAL_INPUT, FFT_S_AND_AXES, FFT_NO_AXES, OPTION = (
    "fft norm",
    "fft real input",
    "fft s and axes",
    "fft no axes",
    "option",
)

#: None where an array goes, met on a fast path that does not look at argument types.
NONE_ARRAY = "none as an array"
#: ``bitwise_invert`` of a floating-point array (the binary bitwise functions check first).
BITWISE_FLOAT = "bitwise of floats"

#: A ``device=`` argument naming no device the framework knows.
UNKNOWN_DEVICE = "unknown device"
#: An array with fewer dimensions than a pa.linalg function of matrices needs.
TOO_FEW_DIMENSIONS = "too few dimensions"
#: The pa.linalg functions of matrices (at least 2-d; solve's x2 at least 1-d).
_MATRIX_FUNCTIONS = frozenset(
    f"linalg.{name}"
    for name in [
        "cholesky",
        "det",
        "diagonal",
        "eig",
        "eigh",
        "eigvals",
        "eigvalsh",
        "inv",
        "matrix_norm",
        "matrix_power",
        "matrix_rank",
        "pinv",
        "qr",
        "slogdet",
        "solve",
        "svd",
        "svdvals",
        "trace",
    ]
) | {"tril", "triu"}  # (the triangles of matrices: at least 2-d, as the standard says)
#: Complex input to a function of real numbers, which torch has no kernel for (NumPy's
#: own refusals are the element-wise rules' or the backends' checks).
COMPLEX_INPUT = "complex input"

#: What each function's options may be, for the OPTION mistake.
_OPTIONS = {
    "linalg.matrix_norm": "ord must be 'fro', 'nuc', 1, -1, 2, -2, inf or -inf",
    "linalg.vector_norm": "ord must be a number (an int, a float, inf or -inf)",
    "linalg.qr": "mode must be 'reduced' or 'complete'",
}

#: The range of int64, the widest signed dtype: sizes, axes and counts fit in it.
_INT64_MIN, _INT64_END = -(2**63), 2**63


def _ints(args: tuple[Any, ...]) -> list[int]:
    """The Python ints among ``args``, in tuples and lists too (bools left out)."""
    found: list[int] = []
    for arg in args:
        if type(arg) is int:
            found.append(arg)
        elif isinstance(arg, (list, tuple)):
            found.extend(_ints(tuple(arg)))
    return found


def refine(mistake: str, name: str, args: tuple[Any, ...], detail: str = "") -> str:
    """``mistake`` corrected by what ``args`` show, where frameworks word two mistakes alike.

    A size too large to count is an int beyond int64 when one is among the arguments
    (NumPy says "Maximum allowed dimension exceeded" for both); torch reports a negative
    shape entry in ``broadcast_to`` as an overflow of the element count, or as a shape
    that does not broadcast; NumPy takes any int as a number of FFT points, and ``detail``
    (its message) says which.
    """
    if mistake == TOO_LARGE:
        if any(not _INT64_MIN <= value < _INT64_END for value in _ints(args)):
            return INT_OVERFLOW
        if any(value < 0 for value in _shape_entries(args)):
            return NEGATIVE_SIZE
    elif mistake == FFT_LENGTH:
        # NumPy reads any int as a number of points: one beyond int64 (torch cannot).
        found = re.search(r"\((-?\d+)\)", detail)
        if found and not _INT64_MIN <= int(found.group(1)) < _INT64_END:
            return INT_OVERFLOW
    elif (
        mistake == BROADCAST
        and name == "broadcast_to"
        and any(value < 0 for value in _shape_entries(args))
    ):
        return NEGATIVE_SIZE
    return mistake


def _shape_entries(args: tuple[Any, ...]) -> list[int]:
    """The ints in the tuples and lists among ``args`` (shapes, not fill values)."""
    return _ints(tuple(a for a in args if isinstance(a, (tuple, list))))


def _shapes(args: tuple[Any, ...]) -> list[tuple[int, ...]]:
    if args and all(isinstance(a, tuple) for a in args):  # broadcast_shapes(*shapes)
        return [tuple(a) for a in args]
    found: list[tuple[int, ...]] = []
    for arg in args:
        if hasattr(arg, "shape") and hasattr(arg, "dtype"):
            found.append(tuple(arg.shape))
        elif isinstance(arg, (list, tuple)):
            found.extend(_shapes(tuple(arg)))
    return found


def mistake_error(mistake: str, name: str, args: tuple[Any, ...], detail: str) -> Exception:
    """polyarray's exception for ``mistake`` in ``pa.name``, worded alike on every backend.

    ``detail`` (the framework's own message) is kept at the end, in parentheses.
    """
    from polyarray import errors

    shapes = ", ".join(str(s) for s in _shapes(args)) or "?"
    detail = detail.strip().splitlines()[0] if detail.strip() else ""
    if mistake == BROADCAST:
        from polyarray.backends._base import Backend

        return Backend.broadcast_error(name, _shapes(args), detail)
    if mistake == AXIS:
        return errors.AxisError(
            f"pa.{name}: an axis is out of range or repeated for input shape(s) {shapes}; "
            f"axes must lie in [-ndim, ndim) and be distinct ({detail})"
        )
    if mistake == RESHAPE:
        target = args[1] if len(args) > 1 else "?"
        return errors.ReshapeError(
            f"pa.{name}: cannot reshape an array of shape {shapes} into {target}: both must "
            f"hold the same number of elements ({detail})"
        )
    if mistake == MATMUL:
        return errors.MatmulShapeError(
            f"pa.{name}: the contracted dimensions of shapes {shapes} differ (for matmul, "
            f"the last axis of x1 and the second-to-last of x2) ({detail})"
        )
    if mistake == EMPTY_REDUCTION:
        return errors.EmptyReductionError(
            f"pa.{name} of an empty array (shape {shapes}) along the reduced axes is not "
            f"defined: {name} has no identity. Check the size first ({detail})"
        )
    if mistake == FFT_LENGTH:
        # A plain ValueError, as NumPy raises: there is no polyarray class for it.
        return ValueError(
            f"pa.{name}: the number of FFT points must be at least 1 ({detail}); pass n "
            "explicitly for inputs of length 1."
        )
    if mistake == NEGATIVE_SIZE:
        # The shape's entries first (full's fill value may be negative too).
        found = [v for v in _ints(args[:1]) if v < 0] or [v for v in _ints(args) if v < 0]
        negative = ", ".join(str(v) for v in found) or "one given"
        return errors.NegativeSizeError(
            f"pa.{name}: sizes, counts and dimensions must be at least 0, and {negative} is "
            f"not ({detail})"
        )
    if mistake == TOO_LARGE:
        return errors.AllocationError(
            f"pa.{name}: the array asked for is too large to make here: more elements than "
            f"the backend can count, or more bytes than memory holds; check its shape "
            f"({detail})"
        )
    if mistake == INT_OVERFLOW:
        huge = [v for v in _ints(args) if not _INT64_MIN <= v < _INT64_END]
        which = f"the Python int {huge[0]} is" if huge else "an argument is"
        return errors.ScalarOverflowError(
            f"pa.{name}: {which} out of the range of the integer dtype it must fit in (the "
            f"widest, int64 and uint64, hold -2**63 to 2**64 - 1); use a smaller value "
            f"({detail})"
        )
    if mistake == UNKNOWN_DEVICE:  # a ValueError, as the NumPy backend's for any but 'cpu'
        return ValueError(
            f"pa.{name}: the device argument names no device this backend knows; use one "
            f"of pa.__array_namespace_info__().devices() ({detail})"
        )
    if mistake == TOO_FEW_DIMENSIONS:
        needs = " (and x2 at least one)" if name == "linalg.solve" else ""
        return errors.LinAlgError(
            f"pa.{name}: the input must be a matrix or a stack of them, at least two "
            f"dimensions{needs}, not shapes {shapes} ({detail})"
        )
    if mistake == LINALG:
        return errors.LinAlgError(f"pa.{name}: {_linalg_reason(detail)} ({detail})")
    if mistake == NOT_1D:
        return errors.MatmulShapeError(
            f"pa.{name} takes arrays of at least one dimension, not shapes {shapes}; for a "
            f"0-d array, multiply instead (pa.multiply) ({detail})"
        )
    if mistake == FFT_NORM:
        # A plain ValueError, as NumPy raises: a bad option, not a polyarray class.
        return ValueError(f"pa.{name}: norm must be 'backward', 'ortho' or 'forward' ({detail})")
    if mistake == FFT_REAL_INPUT:
        return TypeError(
            f"pa.{name} transforms real input, not complex; take the real part first "
            f"(pa.real), or use the complex transform ({detail})"
        )
    if mistake == FFT_S_AND_AXES:
        return ValueError(
            f"pa.{name}: s and axes, when both given, must have the same length: one size "
            f"per transformed axis ({detail})"
        )
    if mistake == NONE_ARRAY:  # (the dispatcher's words, for the same mistake)
        return TypeError(
            f"pa.{name} takes arrays, Python scalars (bool, int, float, complex) and lists "
            f"of them, not NoneType. Make it an array first, e.g. pa.asarray(...)."
        )
    if mistake == BITWISE_FLOAT:  # (the binary bitwise functions' words)
        dtype = next((str(a.dtype) for a in args if hasattr(a, "dtype")), "?")
        return TypeError(
            f"pa.{name} needs integer or boolean arrays, not {dtype.removeprefix('torch.')}. "
            f"Convert it, e.g. pa.astype(x, pa.int64)."
        )
    if mistake == COMPLEX_INPUT:
        from polyarray._rules.elementwise import complex_refused

        return complex_refused(name)
    if mistake == FFT_NO_AXES:
        return ValueError(
            f"pa.{name} must transform at least one axis: an empty s or axes, or a 0-d "
            f"input, leaves none ({detail})"
        )
    if mistake == OPTION:
        return ValueError(f"pa.{name}: {_OPTIONS.get(name, 'an option is invalid')} ({detail})")
    if mistake == SQUEEZE:
        return errors.ShapeError(
            f"pa.{name}: only axes of length 1 can be squeezed, and shape {shapes} has a "
            f"longer one among those asked for ({detail})"
        )
    return errors.ShapeError(
        f"pa.{name}: the shapes {shapes} do not fit together; all arrays must have the same "
        f"shape except along the joining axis ({detail})"
    )


def _linalg_reason(detail: str) -> str:
    """What was wrong with the matrix, in the same words on every backend."""
    text = detail.lower()
    if "square" in text:
        return "the matrices (the last two axes) must be square"
    if "dimension" in text:
        return "the input must have at least two dimensions (a stack of matrices)"
    if "positive" in text:
        return "the matrix is not positive definite (cholesky needs a Hermitian one)"
    if "singular" in text:
        return "the matrix is singular (not invertible); pa.linalg.pinv may help"
    if "converge" in text or "nan" in text or "inf" in text:
        return (
            "the algorithm did not converge (NaN or infinity among the values, or an "
            "ill-conditioned matrix)"
        )
    return "the matrix cannot be worked with"


def fft_sizes_error(name: str, s: Any) -> TypeError:
    """The error for an ``s`` of the n-d FFTs that is not a sequence (torch took an int)."""
    return TypeError(
        f"pa.{name}: s must be a tuple of ints, one size per transformed axis, not "
        f"{type(s).__name__} ({s!r}); write s=({s!r},) for one axis."
    )


def too_few_dimensions(name: str, args: tuple[Any, ...]) -> bool:
    """Whether ``args`` have fewer dimensions than ``pa.name``, of matrices, needs.

    Looked at before the framework's message: NumPy and torch report it as a
    ``LinAlgError``, an ``AxisError``, a plain ``ValueError`` or ``RuntimeError``, or an
    empty reduction, by function.
    """
    if name not in _MATRIX_FUNCTIONS or not args:
        return False
    if getattr(args[0], "ndim", 2) < 2:
        return True
    return name == "linalg.solve" and len(args) > 1 and getattr(args[1], "ndim", 1) < 1


def scalar_product(name: str, args: tuple[Any, ...]) -> bool:
    """Whether ``matmul`` failed for a Python scalar operand, a 0-d array (the frameworks
    raised AttributeError for it where the other operand was not 0-d, or the two 0-d)."""
    return name in ("matmul", "linalg.matmul") and any(
        type(arg) in (bool, int, float, complex) for arg in args
    )


def none_as_array(exc: Exception, args: tuple[Any, ...]) -> bool:
    """Whether ``exc`` is a framework's failure to use a None among ``args`` as an array."""
    return (
        isinstance(exc, AttributeError)
        and "'NoneType' object has no attribute" in str(exc)
        and any(arg is None for arg in args)
    )


#: NumPy's messages for the mistakes, which jax.numpy words alike (it copies NumPy's
#: checks): every backend's table matches them, beside the framework's own.
SHARED_MESSAGES: Final = {
    "broadcast": r"could not be broadcast|shape mismatch|not broadcastable",
    "axis": r"out of bounds for array of dimension|repeated axis|duplicate value in 'axis'",
    "reshape": r"cannot reshape array of size|can only specify one unknown dimension",
    "matmul": r"mismatch in its core dimension",
    "empty reduction": r"zero-size array to reduction operation|empty sequence",
    "squeeze": r"cannot select an axis to squeeze out",
    "shapes": r"all the input array dimensions except for the concatenation axis",
    "negative size": r"negative dimensions are not allowed",
    "int overflow": r"Python int too large to convert",
    "fft norm": r"Invalid norm value",
}


def mistake_patterns(
    own: Sequence[tuple[str | re.Pattern[str], str]],
) -> list[tuple[re.Pattern[str], str]]:
    """A backend's table for :func:`classify`, from its own ``(pattern, mistake)`` rows
    (strings or compiled) in the order they are tried: the first row of each mistake
    also matches its :data:`SHARED_MESSAGES` (a row may then be ``""``, the shared
    messages alone); a shared mistake with no row of its own is tried last."""
    table, seen = [], set()
    for pattern, mistake in own:
        text = pattern if isinstance(pattern, str) else pattern.pattern
        parts = [text] if text else []
        if mistake not in seen and mistake in SHARED_MESSAGES:
            parts.insert(0, SHARED_MESSAGES[mistake])
        seen.add(mistake)
        if not parts:
            raise ValueError(f"no messages for the mistake {mistake!r}")
        table.append((re.compile("|".join(parts)), mistake))
    for mistake, pattern in SHARED_MESSAGES.items():
        if mistake not in seen:
            table.append((re.compile(pattern), mistake))
    return table


def classify(patterns: list[tuple[Any, str]], exc: Exception) -> str | None:
    """The mistake whose pattern (a compiled regex) matches the exception's message."""
    from polyarray.errors import PolyarrayError

    if isinstance(exc, PolyarrayError):
        return None  # already polyarray's own
    message = str(exc)
    for pattern, mistake in patterns:
        if pattern.search(message):
            return mistake
    return None
