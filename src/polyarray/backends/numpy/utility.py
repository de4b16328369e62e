"""Utility functions of the standard, on NumPy."""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray._rules import arrays as array_rules
from polyarray.backends.numpy._arrays import OPS, ndarray, to_array

__all__ = ["all", "any", "diff"]


def all(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``all``, a 0-d array where NumPy returns a NumPy scalar."""
    result = x.all(axis=axis, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def any(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``any``, a 0-d array where NumPy returns a NumPy scalar."""
    result = x.any(axis=axis, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def diff(x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None) -> Any:
    """The standard's ``diff``; ``prepend`` and ``append`` are promoted with ``x`` first."""
    if prepend is None and append is None:
        result = np.diff(x, n, axis)
    else:
        x, prepend, append = array_rules.promoted_diff_arguments(OPS, x, prepend, append)
        # NumPy's own "no prepend" is a sentinel, not None: pass only what was given.
        extra = {k: v for k, v in (("prepend", prepend), ("append", append)) if v is not None}
        result = np.diff(x, n, axis, **extra)
    return result if type(result) is ndarray else to_array(result)
