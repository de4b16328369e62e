"""Checks of arguments beyond axes, shared by every backend: the domains of ``take``,
``diff``, ``roll``, ``tensordot``, ``cross``, ``outer``, ``searchsorted``, ``reshape``,
``fftfreq``... where one framework answered and the other refused (docs/semantics.md).
Each is called on a failure path or where a framework's answer differs, not on every call.
"""

from __future__ import annotations

import contextlib
import math
import operator
from typing import Any

from polyarray._rules import checks, mistakes
from polyarray.errors import AxisError, ReshapeError, ShapeError


def take_without_axis(name: str, x: Any) -> None:
    """Refuse ``take`` without an axis for an array that is not 1-d, as the standard asks
    (NumPy flattened it, torch refused)."""
    if not x.ndim:
        checks.check_dimensions(name, x)
    raise ValueError(
        f"pa.{name}: axis is required for an array of {x.ndim} dimensions (only 1-d "
        "arrays may omit it); pass axis, or flatten first with pa.reshape(x, (-1,))."
    )


def check_take_indices(name: str, indices: Any) -> None:
    """``take`` takes 1-d indices, as the standard says (NumPy took any shape, torch's
    ``index_select`` refused others but gave shape (1,) for 0-d ones)."""
    if indices.ndim != 1:
        raise ValueError(
            f"pa.{name} takes 1-d indices, not indices of shape {tuple(indices.shape)}; "
            "reshape them first, e.g. pa.reshape(indices, (-1,))."
        )


def check_same_ndim(name: str, arrays: Any, what: str) -> None:
    """A ``ShapeError`` when the arrays (x and its indices, or those joined) differ in
    their number of dimensions (NumPy: ValueError, torch: RuntimeError)."""
    ndims = [getattr(a, "ndim", None) for a in arrays]
    if len(set(ndims)) > 1:
        raise ShapeError(
            f"pa.{name}: {what} must have as many dimensions, not {', '.join(map(str, ndims))}."
        )


def check_along_shapes(name: str, x: Any, indices: Any, axis: int) -> None:
    """A ``BroadcastError`` where ``take_along_axis``'s other axes do not broadcast, as
    NumPy's fancy indexing reports it before any index out of range (JAX and torch's
    bounds test: IndexError). ``x`` and ``indices`` have as many dimensions."""
    shape, index_shape = tuple(x.shape), tuple(indices.shape)
    if shape == index_shape:
        return
    along = axis % len(shape)
    for d, (size, count) in enumerate(zip(shape, index_shape, strict=True)):
        if d != along and size != count and 1 not in (size, count):
            detail = f"shapes {shape}, {index_shape}"
            raise mistakes.mistake_error(mistakes.BROADCAST, name, (x, indices), detail)


def check_sorter(x1: Any, sorter: Any, *, integer: bool, values_known: bool = True) -> None:
    """``searchsorted``'s ``sorter`` as NumPy takes it: an array of integers (``integer``
    says whether it is one of the backend's), one per element of ``x1``, in range where
    its values can be read (JAX took booleans and floats and clamped indices out of range;
    torch raised RuntimeError)."""
    if not integer:
        kind = getattr(sorter, "dtype", type(sorter).__name__)
        raise TypeError(f"pa.searchsorted: sorter must be an array of integers, not {kind}.")
    if tuple(sorter.shape) != tuple(x1.shape):
        raise ValueError(
            f"pa.searchsorted: sorter must have the shape of the sorted array, "
            f"{tuple(x1.shape)}, not {tuple(sorter.shape)}."
        )
    size = math.prod(x1.shape)
    if values_known and size and not bool(((sorter >= 0) & (sorter < size)).all()):
        raise ValueError(
            f"pa.searchsorted: sorter holds indices out of range for {size} element(s)."
        )


def check_rtol(name: str, rtol: Any) -> None:
    """``matrix_rank``'s and ``pinv``'s ``rtol``: a real number or an array of them, else
    a ``TypeError`` before any other check (NumPy's multiply refused a string but passed
    empty matrices unchecked; torch refused complex numbers, JAX took them)."""
    dtype = getattr(rtol, "dtype", None)
    if type(rtol) in (bool, int, float) or (dtype is not None and not _is_complex(dtype)):
        return
    raise TypeError(
        f"pa.{name}: rtol must be a real number or an array of real numbers, "
        f"not {type(rtol).__name__}."
    )


def _is_complex(dtype: Any) -> bool:
    """Whether a NumPy, torch or JAX dtype is complex."""
    return bool(getattr(dtype, "is_complex", False)) or "complex" in str(dtype)


def check_search(x1: Any, side: Any) -> None:
    """``searchsorted`` takes a 1-d sorted array (torch also searched stacks of them) and
    ``side`` ``"left"`` or ``"right"`` (NumPy: ValueError, torch: RuntimeError)."""
    if x1.ndim != 1:
        raise ValueError(
            f"pa.searchsorted searches a 1-d sorted array, not one of shape {tuple(x1.shape)}."
        )
    if side not in ("left", "right"):
        raise ValueError(f"pa.searchsorted: side must be 'left' or 'right', not {side!r}.")


def check_diff_edge(x: Any, edge: Any, axis: int, what: str) -> None:
    """``diff``'s ``prepend``/``append`` (``what``): an array of ``x``'s shape except
    along ``axis``, as the standard says; a ``ShapeError`` for others (NumPy repeated
    0-d ones along the other axes and raised AxisError or ValueError for others, torch
    RuntimeError)."""
    shape, expected = tuple(edge.shape), list(x.shape)
    if edge.ndim == x.ndim:
        expected[axis] = shape[axis]
        if shape == tuple(expected):
            return
    raise ShapeError(
        f"pa.diff: {what} must have the shape of x, {tuple(x.shape)}, except along axis "
        f"{axis}, not {shape}."
    )


def diff_order(n: int, x: Any, axis: int, prepend: Any, append: Any) -> int:
    """``diff``'s ``n``, checked after the axis, or the length it differences along ``axis``
    where ``n`` is larger: the differences are empty from there on, and NumPy and torch
    would loop ``n`` times (``n=2**40`` did not return). Called for every ``n`` but 1.

    An axis ``x`` lacks is reported first (``AxisError``; ``ScalarOverflowError`` beyond
    int64, except for a 0-d ``x``, which has no axes): NumPy skipped the check for
    ``n=0`` and torch refused an ``n`` beyond int64 before it. A negative ``n`` is a
    ``NegativeSizeError`` before ``prepend`` and ``append`` are looked at (torch's check
    came first only beyond int64)."""
    ndim = x.ndim
    if not ndim:  # no axes at all, however large the axis (as every axis of a 0-d array)
        raise checks.no_axes_error("diff", axis)
    if not -ndim <= axis < ndim:
        huge = checks.beyond_int64("diff", axis)
        raise huge or mistakes.mistake_error(mistakes.AXIS, "diff", (x,), f"axis {axis}")
    if n < 0:
        raise mistakes.mistake_error(mistakes.NEGATIVE_SIZE, "diff", (x,), f"n={n}")
    length: int = x.shape[axis]
    for edge in (prepend, append):
        if edge is not None and getattr(edge, "ndim", 0) == ndim:
            length += edge.shape[axis]
    return min(n, length)


def check_roll_shift(shift: Any, axis: Any) -> None:
    """A tuple of shifts goes with a tuple of as many axes, as the standard says (NumPy
    summed the shifts for axis=None and repeated a short tuple; torch refused)."""
    if type(shift) is tuple and (type(axis) is not tuple or len(axis) != len(shift)):
        raise ValueError(
            f"pa.roll: shift={shift} needs axis to be a tuple of {len(shift)} axes, not "
            f"{axis!r}; pass one int shift to roll the flattened array."
        )


def check_repeat_counts(name: str, repeats: Any) -> None:
    """Refuse an array of repeat counts that are not integers (NumPy took booleans as 0
    and 1, torch refused every dtype but int64)."""
    dtype = str(repeats.dtype).rpartition(".")[2]
    if "int" not in dtype:
        raise integer_indices_error(name, dtype, "repeats")


def integer_indices_error(name: str, dtype_name: str, what: str = "indices") -> TypeError:
    """The error for indices (or counts) that are not integers (NumPy took booleans as 0
    and 1)."""
    return TypeError(
        f"pa.{name}: {what} must have an integer dtype, not {dtype_name}; convert them "
        f"first, e.g. pa.astype({what}, pa.int64)."
    )


def axis_out_of_range(name: str, arrays: tuple[Any, ...], axis: int) -> Exception | None:
    """The ``AxisError`` for an ``axis`` that some of ``arrays`` lack (0-d ones have none),
    or None when it is in range for each; for the failure paths of ``vecdot``, ``cross``."""
    for array in arrays:
        ndim = getattr(array, "ndim", 0)  # (a Python scalar is 0-d)
        if not -ndim <= axis < ndim:
            huge = checks.beyond_int64(name, axis)
            if huge is not None:
                return huge
            if not ndim:
                return checks.no_axes_error(name, axis)
            return AxisError(
                f"pa.{name}: axis {axis} is out of range for an array of {ndim} "
                f"dimension(s); axes must lie in [-{ndim}, {ndim})."
            )
    return None


def vecdot_axis_error(name: str, x1: Any, x2: Any, axis: Any, exc: Exception) -> Exception:
    """The error of ``vecdot`` whose framework raised ``exc``: an ``AxisError`` when
    ``axis`` is out of range of an operand (NumPy: ValueError for 0-d operands, torch:
    IndexError), else ``exc`` itself."""
    if type(axis) is int:
        error = axis_out_of_range(name, (x1, x2), axis)
        if error is not None:
            return error
    return exc


def tensordot_axes(axes: Any, name: str = "tensordot") -> Any:
    """``tensordot``'s ``axes``: a non-negative int, or two sequences of axes, each axis an
    int (NumPy integers count); a ``ValueError`` for a negative count (NumPy took one,
    torch refused), a ``TypeError`` for other types."""
    if type(axes) is not bool and hasattr(type(axes), "__index__"):
        count = operator.index(axes)
        if count < 0:
            raise ValueError(
                f"pa.{name}: axes={count} is negative; it counts the axes contracted "
                "(the last of x1 with the first of x2) and must be at least 0."
            )
        return count
    if isinstance(axes, (tuple, list)) and len(axes) == 2:
        first, second = axes
        if isinstance(first, (tuple, list)) and isinstance(second, (tuple, list)):
            expected = "an int"
            return (
                tuple(checks.as_integer(name, "axes", a, expected) for a in first),
                tuple(checks.as_integer(name, "axes", a, expected) for a in second),
            )
    raise TypeError(
        f"pa.{name}: axes must be a non-negative int or a pair of sequences of axes, "
        f"not {type(axes).__name__} ({axes!r})."
    )


def diagonal_offset(x: Any, offset: int) -> int:
    """``offset`` of ``diagonal``/``trace``, brought within the matrices' size where it lies
    beyond them (the diagonal is empty either way): NumPy raised OverflowError for offsets
    no C int holds, torch gave the empty diagonal."""
    if x.ndim < 2:
        return offset
    rows: int = x.shape[-2]
    columns: int = x.shape[-1]
    return max(-rows, min(offset, columns))


def check_tensordot_count(x1: Any, x2: Any, axes: Any, name: str) -> None:
    """An ``AxisError`` for an int ``axes`` larger than either array's number of dimensions
    (``ScalarOverflowError`` beyond int64, as such ints are reported elsewhere)."""
    if type(axes) is int:
        ndims = (getattr(x1, "ndim", 0), getattr(x2, "ndim", 0))
        if axes > min(ndims):
            from polyarray._rules import mistakes

            detail = f"axes={axes} for arrays of {ndims[0]} and {ndims[1]} dimensions"
            raise checks.beyond_int64(name, axes) or mistakes.mistake_error(
                mistakes.AXIS, name, (x1, x2), detail
            )


def tensordot_shapes(x1: Any, x2: Any, axes: Any, name: str) -> None:
    """A ``MatmulShapeError`` where ``tensordot`` contracts axes of different lengths:
    torch broadcasts a length of 1 silently (``(2, 3)`` with ``(1, 4)`` over one axis gave
    a ``(2, 4)`` result), NumPy refuses, as the standard does."""
    shape1, shape2 = tuple(getattr(x1, "shape", ())), tuple(getattr(x2, "shape", ()))
    if type(axes) is int:
        check_tensordot_count(x1, x2, axes, name)
        if not axes:
            return
        pairs = list(zip(shape1[len(shape1) - axes :], shape2[:axes], strict=True))
    else:
        try:
            pairs = [(shape1[a], shape2[b]) for a, b in zip(*axes, strict=True)]
        except (IndexError, ValueError):
            return  # (axes out of range, or of two lengths: the framework reports that)
    if any(a != b for a, b in pairs):
        from polyarray._rules import mistakes

        detail = f"contracted lengths {pairs}"
        raise mistakes.mistake_error(mistakes.MATMUL, name, (x1, x2), detail)


def correction_argument(name: str, correction: Any) -> float:
    """``std``/``var``'s ``correction``: an int or a float (NumPy numbers count); None and
    bools are a ``TypeError`` (torch took None for its own default, 1), NaN a
    ``ValueError`` (the backends' results differed)."""
    if correction != correction:
        raise ValueError(f"pa.{name}: correction must be a number, not NaN.")
    if type(correction) is int and not -(2**63) <= correction < 2**63:
        # As NumPy reads ddof (torch took it): a ScalarOverflowError, as for such ints.
        raise mistakes.mistake_error(mistakes.INT_OVERFLOW, name, (correction,), "correction")
    if type(correction) is not bool and isinstance(correction, (int, float)):
        return correction
    if type(correction) is not bool and hasattr(type(correction), "__float__"):
        try:
            if not getattr(correction, "ndim", 0):
                return float(correction)
        except (TypeError, ValueError):
            pass
    raise TypeError(
        f"pa.{name}: correction must be an int or a float, not {type(correction).__name__} "
        f"({correction!r})."
    )


def check_cross(x1: Any, x2: Any, axis: int, *, booleans: bool) -> None:
    """The standard's ``cross`` takes vectors of length 3 along ``axis``: an ``AxisError``
    for an axis out of range, a ``ValueError`` for another length. NumPy computed the
    2-d cross product of 2-vectors (a scalar), torch refused them."""
    error = axis_out_of_range("linalg.cross", (x1, x2), axis)
    if error is not None:
        raise error
    if booleans:  # (NumPy: TypeError from its subtraction; torch: NotImplementedError)
        raise TypeError(
            "pa.linalg.cross of booleans is not defined (it subtracts); convert "
            "first, e.g. pa.astype(x, pa.int8)."
        )
    sizes = (x1.shape[axis], x2.shape[axis])
    if sizes != (3, 3):
        raise ValueError(
            f"pa.linalg.cross needs vectors of length 3 along axis {axis}, not of lengths "
            f"{sizes[0]} and {sizes[1]} (the standard defines the 3-d cross product only)."
        )


def check_vectors(name: str, x1: Any, x2: Any) -> None:
    """Refuse arrays that are not 1-d where the standard takes vectors (``outer``:
    NumPy flattened them, torch refused)."""
    for x in (x1, x2):
        if getattr(x, "ndim", 0) != 1:  # (a Python scalar counts as 0-d)
            raise ValueError(
                f"pa.{name} takes two 1-d arrays, not an array of shape "
                f"{tuple(getattr(x, 'shape', ()))}; reshape it first, e.g. pa.reshape(x, (-1,))."
            )


def fft_window(name: str, n: Any, d: Any) -> int:
    """``n`` of ``fftfreq``/``rfftfreq`` as an int, refusing a window of no samples
    (``ValueError``) and a sample spacing of zero (``ZeroDivisionError``, as NumPy raises).

    NumPy raised ZeroDivisionError for ``n=0`` and gave empty results for negative ``n``;
    torch gave an empty array, or ``[-0.]`` for ``rfftfreq(-1)``, and NaN and infinities
    for ``d=0``. Called only where ``n`` is not a positive int or ``d`` is zero.
    """
    count: int = checks.integer_argument(name, "n", n)
    if count < 1:
        raise ValueError(
            f"pa.{name}: n, the window length, must be at least 1, not {count} (the "
            "frequencies of a window of no samples are not defined)."
        )
    if d == 0:
        raise ZeroDivisionError(
            f"pa.{name}: d, the sample spacing, must not be zero (the frequencies are 1 / (d * n))."
        )
    return count


def fft_frequency_arguments(name: str, n: Any, d: Any) -> tuple[int, float]:
    """``fftfreq``/``rfftfreq``'s ``n`` and ``d``, as :func:`fft_window` checks them, ``d``
    a real number (NumPy's too, read as the Python float it holds: NumPy computed in
    float32 for a float32 ``d``, torch in the dtype asked for) and ``n`` within int64.

    A complex, boolean or non-numeric ``d`` is a ``TypeError`` (NumPy gave complex or
    truncated frequencies, torch refused); ``n`` beyond int64 a ``ScalarOverflowError``
    (NumPy's ``rfftfreq(2**64)`` was empty). Called only where ``n`` is not an int in
    [1, 2**63) or ``d`` is not a nonzero int or float.
    """
    spacing = d
    if type(d) is not float and type(d) is not int:
        kind = getattr(getattr(d, "dtype", None), "kind", None)
        spacing = None
        if type(d) is not bool and kind in (None, "f", "i", "u") and hasattr(type(d), "__float__"):
            with contextlib.suppress(TypeError, ValueError):  # (a complex tensor, say)
                spacing = float(d)
        if spacing is None:
            raise TypeError(
                f"pa.{name}: d, the sample spacing, must be a real number, not "
                f"{type(d).__name__} ({d!r})."
            )
    count = fft_window(name, n, spacing)
    if count >= 2**63:
        from polyarray._rules import mistakes

        raise mistakes.mistake_error(mistakes.INT_OVERFLOW, name, (count,), f"n={count}")
    return count, spacing


def frequency_dtype(name: str, dtype: Any) -> str:
    """The name of ``fftfreq``/``rfftfreq``'s ``dtype``, a real floating-point one as the
    standard says; others are a ``TypeError`` (NumPy gave integer, boolean and complex
    frequencies, torch raised RuntimeError or NotImplementedError)."""
    from polyarray._dtypes import canonical_name

    dtype_name = canonical_name(dtype)
    if dtype_name not in ("float32", "float64"):
        raise TypeError(
            f"pa.{name}: dtype must be a real floating-point dtype (pa.float32 or "
            f"pa.float64), not {dtype_name}: the frequencies are fractions. Convert the "
            "result afterwards if you need another dtype."
        )
    return dtype_name


def permutation_error(name: str, x: Any, axes: Any) -> Exception:
    """The ``AxisError`` for ``permute_dims`` axes that are not a permutation of ``x``'s
    (NumPy: ValueError "axes don't match array", torch: RuntimeError); an axis beyond
    int64 is the ``ScalarOverflowError`` such ints are everywhere (torch raised it, NumPy
    an AxisError). Axes that are not a tuple or list of ints (None, an int, a string, a
    float or bool entry) are a ``TypeError`` on every backend (NumPy reversed the axes for
    None, JAX took booleans, JAX reported the rest as a bad permutation)."""
    if type(axes) is not tuple and type(axes) is not list:
        return TypeError(
            f"pa.{name}: axes must be a tuple of ints naming each of the {x.ndim} axes "
            f"once, not {type(axes).__name__} ({axes!r}); e.g. axes={tuple(range(x.ndim))[::-1]}."
        )
    for axis in axes:
        if type(axis) is bool or not hasattr(axis, "__index__"):
            return TypeError(
                f"pa.{name}: each axis must be an int, not {type(axis).__name__} "
                f"({axis!r}) in axes {axes!r}."
            )
    for axis in axes:
        error = checks.beyond_int64(name, axis)
        if error is not None:
            return error
    return AxisError(
        f"pa.{name}: axes {axes!r} must name each of the {x.ndim} axes of an array of "
        f"shape {tuple(x.shape)} once."
    )


def check_reshape_shape(name: str, shape: Any) -> None:
    """Refuse a ``reshape`` shape that is not a tuple (or list) of sizes, each at least 0
    except one -1 at most (the size inferred). NumPy took any negative size as -1
    (``(-2, 3)``) and an int as a 1-d shape; torch refused both."""
    sizes = checks.integer_sequence(name, "shape", shape)
    if any(size < -1 for size in sizes) or sizes.count(-1) > 1:
        raise ReshapeError(
            f"pa.{name}: shape {sizes} is not a shape: sizes are at least 0, and at most "
            "one of them is -1 (the size inferred from the others)."
        )


def moveaxis_axes(source: Any, destination: Any) -> tuple[Any, Any]:
    """``moveaxis``'s source and destination as ints or tuples of ints of one length (an
    int and a 1-tuple pair up); a ``ValueError`` for lengths that differ (NumPy's error;
    torch raised TypeError or RuntimeError)."""
    source = checks.axis_argument("moveaxis", source, none=False)
    destination = checks.axis_argument("moveaxis", destination, none=False)
    if type(source) is int and type(destination) is int:
        return source, destination
    source = source if type(source) is tuple else (source,)
    destination = destination if type(destination) is tuple else (destination,)
    if len(source) != len(destination):
        raise ValueError(
            f"pa.moveaxis: source {source} and destination {destination} must name as many axes."
        )
    return source, destination


def triangle_arguments(name: str, x: Any, k: Any) -> int:
    """``tril``/``triu``'s ``k`` as an int and ``x`` at least 2-d, as the standard says.

    NumPy integers count as ints; bools, floats and None are a ``TypeError`` (NumPy took
    ``True`` and ``1.5``, torch ``None``). An array of fewer than two dimensions is a
    ``LinAlgError``, as in the matrix functions of ``pa.linalg`` (NumPy made a 1-d one a
    matrix and raised TypeError for 0-d ones, torch RuntimeError). Called only where ``k``
    is not a plain int or ``x`` has fewer than two dimensions.
    """
    offset: int = checks.integer_argument(name, "k", k)
    if x.ndim < 2:
        from polyarray._rules import mistakes

        detail = f"an array of {x.ndim} dimension(s)"
        raise mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, name, (x,), detail)
    return offset
