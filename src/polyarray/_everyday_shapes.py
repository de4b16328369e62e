"""``pa.top_k``, ``pa.diag``, ``pa.one_hot`` and ``pa.split``: their checks and the code
written once against polyarray's namespace.

Each backend's ``everyday`` module checks the arguments here first, so that a mistake
is the same exception on every backend (torch's ``topk`` takes ``k`` beyond the axis as a
``RuntimeError``, NumPy's ``diag`` of a 3-d array is a ``ValueError``, torch's
``one_hot`` of -1 a ``RuntimeError`` where JAX gives a row of zeros), then calls the
framework's own function where it gives polyarray's answer. ``top_k`` goes through
polyarray's stable ``argsort`` (torch's ``topk`` leaves the order of ties open), and
``split`` slices, the same way on every backend. The decisions are in
docs/semantics/everyday.md.

No framework is imported here; ``polyarray`` is imported at the first call.
"""

from __future__ import annotations

import operator
from typing import Any

from polyarray._results import TopKResult
from polyarray._rules import checks, creation
from polyarray._rules.elementwise import complex_refused
from polyarray.errors import AxisError, NegativeSizeError

__all__ = [
    "along",
    "diag_arguments",
    "one_hot_arguments",
    "split",
    "split_cuts",
    "top_k",
    "top_k_arguments",
]


def _pa() -> Any:
    import polyarray

    return polyarray


def _one_axis(name: str, x: Any, axis: Any) -> int:
    """``axis`` as one axis of ``x`` in ``[0, ndim)``: an int (NumPy integers count), an
    ``AxisError`` for a 0-d ``x`` or an axis out of range."""
    ndim: int = x.ndim
    if type(axis) is not int or not ndim:
        axis = checks.array_axis(name, x, axis, tuples=False, none=False)
    if not -ndim <= axis < ndim:
        checks.distinct_axes(name, (axis,), ndim)
    return int(axis) % ndim


def along(x: Any, axis: int, start: int, stop: int) -> Any:
    """``x[start:stop]`` along ``axis`` (a view where the backend makes one)."""
    return x[(slice(None),) * axis + (slice(start, stop),)]


# -- top_k ---------------------------------------------------------------------------------


def top_k_arguments(x: Any, k: Any, axis: Any, complex_input: bool) -> tuple[int, int]:
    """``k`` and ``axis`` checked: the axis as ``pa.argsort`` takes it, complex input
    (``complex_input``, which the backend tells) a ``TypeError``, ``k`` an int in
    ``[0, size along the axis]`` (else a ``TypeError``, a ``ValueError``)."""
    axis = _one_axis("top_k", x, axis)
    if complex_input:
        raise complex_refused("top_k")
    if type(k) is not int:
        k = checks.integer_argument("top_k", "k", k)
    size = x.shape[axis]
    if not 0 <= k <= size:
        raise ValueError(
            f"pa.top_k: k={k} is not in [0, {size}], the number of elements along axis "
            f"{axis}; take k=min(k, x.shape[axis])."
        )
    return k, axis


def top_k(x: Any, k: Any, /, *, axis: Any, largest: bool) -> TopKResult:
    """The ``k`` largest (smallest) elements along ``axis``, largest (smallest) first,
    the first index first among equal ones, NaN counted as the largest value: the head
    of polyarray's stable (descending) ``argsort``."""
    pa = _pa()
    k, axis = top_k_arguments(x, k, axis, pa.isdtype(x.dtype, "complex floating"))
    order = pa.argsort(x, axis=axis, descending=largest, stable=True)
    indices = along(order, axis, 0, k)
    return TopKResult(pa.take_along_axis(x, indices, axis=axis), indices)


# -- diag ----------------------------------------------------------------------------------


def diag_arguments(x: Any, k: Any) -> int:
    """``k`` checked (an int, NumPy integers counting) for a 1-d or 2-d ``x`` (else a
    ``ValueError``); for a 2-d ``x`` clipped to the matrix (the diagonal is then empty
    everywhere), for a 1-d one refused when the matrix could never be made."""
    ndim = x.ndim
    if ndim != 1 and ndim != 2:
        raise ValueError(
            f"pa.diag takes a 1-d array (to make a matrix) or a 2-d one (to take a "
            f"diagonal), not a {ndim}-d one; for the diagonals of a stack of matrices, "
            "use pa.linalg.diagonal."
        )
    if type(k) is not int:
        k = checks.integer_argument("diag", "k", k)
    if ndim == 2:
        rows, cols = x.shape
        return max(-int(rows), min(int(k), int(cols)))  # (no backend has to read a k beyond int64)
    side = x.shape[0] + abs(k)
    creation.check_countable("diag", (side, side), x.dtype.itemsize)  # (XLA aborts)
    return int(k)


# -- one_hot -------------------------------------------------------------------------------


def one_hot_arguments(x: Any, num_classes: Any, axis: Any, integral: bool) -> tuple[int, int]:
    """``num_classes`` and ``axis`` checked, for an integer ``x`` (``integral``, which
    the backend tells; booleans and floats are a ``TypeError``): ``num_classes`` an int,
    zero or more (else ``NegativeSizeError``), ``axis`` where the new axis goes, in
    ``[-ndim - 1, ndim]`` (else ``AxisError``), returned in ``[0, ndim]``."""
    if not integral:
        raise TypeError(
            f"pa.one_hot takes integer class labels, not {str(x.dtype).removeprefix('torch.')}; "
            "convert them first, "
            "e.g. pa.astype(x, pa.int64)."
        )
    if type(num_classes) is not int:
        num_classes = checks.integer_argument("one_hot", "num_classes", num_classes)
    if num_classes < 0:
        raise NegativeSizeError(f"pa.one_hot: num_classes must be zero or more, not {num_classes}.")
    if type(axis) is not int:
        axis = checks.axis_argument("one_hot", axis, tuples=False, none=False)
    ndim = x.ndim + 1
    if not -ndim <= axis < ndim:
        raise checks.beyond_int64("one_hot", axis) or AxisError(
            f"pa.one_hot: axis {axis} is out of range for the new axis of a result of "
            f"{ndim} dimension(s); it must lie in [-{ndim}, {ndim})."
        )
    # (the widest dtype's bytes: XLA aborts the process for a count beyond int64)
    creation.check_countable("one_hot", (*x.shape, num_classes))
    return num_classes, axis % ndim


# -- split ---------------------------------------------------------------------------------


def split_cuts(x: Any, indices_or_sections: Any, axis: Any) -> tuple[int, list[int]]:
    """``axis`` checked (in ``[0, ndim)``), and where NumPy's ``split`` cuts along it:
    indices in ``[0, size]``, one piece more than cuts (a cut before the previous one
    gives an empty piece)."""
    axis = _one_axis("split", x, axis)
    size = x.shape[axis]
    value = indices_or_sections
    if type(value) is tuple or type(value) is list:
        cuts = []
        for index in value:
            if type(index) is not int:
                index = checks.as_integer("split", "indices_or_sections", index, "an int")
            # Python's slicing of each cut, clipped to the axis: no backend reads an index
            # beyond int64.
            cuts.append(max(index + size, 0) if index < 0 else min(index, size))
        return axis, cuts
    if type(value) is bool or not hasattr(type(value), "__index__"):
        raise TypeError(
            "pa.split: indices_or_sections must be an int (the number of equal pieces) or "
            f"a list or tuple of ints (where to cut), not {type(value).__name__} "
            f"({value!r:.40})."
        )
    sections = operator.index(value)
    if sections <= 0:
        raise ValueError(f"pa.split: the number of sections must be 1 or more, not {sections}.")
    if size % sections:
        raise ValueError(
            f"pa.split: {size} elements along axis {axis} do not split into {sections} "
            "equal sections; give the indices to cut at as a list instead."
        )
    step = size // sections
    return axis, [i * step for i in range(1, sections)]


def split(x: Any, indices_or_sections: Any, /, *, axis: Any) -> list[Any]:
    """``x`` cut along ``axis`` into a list of pieces (views where the backend makes
    them, as ``unstack``'s)."""
    axis, cuts = split_cuts(x, indices_or_sections, axis)
    starts, stops = [0, *cuts], [*cuts, x.shape[axis]]
    return [along(x, axis, start, stop) for start, stop in zip(starts, stops, strict=True)]
