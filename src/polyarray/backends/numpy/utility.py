"""Utility functions of the standard, on NumPy."""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray._rules import arguments, checks
from polyarray._rules import arrays as array_rules
from polyarray.backends.numpy._arrays import OPS, ndarray, to_array

__all__ = ["all", "any", "diff"]


def all(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``all``, a 0-d array where NumPy returns a NumPy scalar."""
    if axis is not None and (not x.ndim or (type(axis) is not int and type(axis) is not tuple)):
        axis = checks.array_axis("all", x, axis)  # (NumPy takes axis 0 of a 0-d array)
    result = x.all(axis=axis, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def any(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``any``, a 0-d array where NumPy returns a NumPy scalar."""
    if axis is not None and (not x.ndim or (type(axis) is not int and type(axis) is not tuple)):
        axis = checks.array_axis("any", x, axis)
    result = x.any(axis=axis, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def diff(x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None) -> Any:
    """The standard's ``diff``; ``prepend`` and ``append`` are promoted with ``x`` first."""
    if type(axis) is not int or not x.ndim:
        # NumPy raises a plain ValueError for 0-d input: the axis is out of range there.
        axis = checks.array_axis("diff", x, axis, tuples=False, none=False)
    if type(n) is not int:
        n = checks.integer_argument("diff", "n", n)
    if n != 1:  # the axis, then n (NumPy skipped the axis for n=0), in polyarray's order
        n = arguments.diff_order(n, x, axis, prepend, append)
    if prepend is None and append is None:
        result = np.diff(x, n, axis)
        if result is x:  # NumPy returns x itself for n=0: a copy, as torch gives
            result = x.copy()
    else:
        x, prepend, append = array_rules.promoted_diff_arguments(OPS, x, prepend, append)
        for edge, what in ((prepend, "prepend"), (append, "append")):
            if edge is not None:
                arguments.check_diff_edge(x, edge, axis, what)
        # NumPy's own "no prepend" is a sentinel, not None: pass only what was given.
        extra = {k: v for k, v in (("prepend", prepend), ("append", append)) if v is not None}
        result = np.diff(x, n, axis, **extra)
    return result if type(result) is ndarray else to_array(result)
