"""Sorting functions of the standard, on NumPy: stable by default, as the standard says
(NumPy's own default is not), and descending on request."""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray._rules import checks
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.numpy._arrays import COMPLEX, compat_aliases, ndarray, to_array

__all__ = ["argsort", "sort"]


def argsort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    """The standard's ``argsort``: a descending stable sort keeps equal values in order."""
    if type(axis) is not int or not x.ndim:
        # NumPy sorts a 0-d array as a 1-d one, and flattens for axis=None: the standard's
        # axis is an int, and a 0-d array has none.
        axis = checks.array_axis("argsort", x, axis, tuples=False, none=False)
    if x.dtype in COMPLEX:  # (NumPy orders complex numbers by their parts; torch refused)
        raise complex_refused("argsort")
    if descending:
        # NumPy has no descending sort; array-api-compat's keeps ties in their order.
        result = compat_aliases().argsort(x, xp=np, axis=axis, descending=True, stable=stable)
    elif stable:
        result = np.argsort(x, axis=axis, kind="stable")
    else:
        result = np.argsort(x, axis=axis)
    return result if type(result) is ndarray else to_array(result)


def sort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    """The standard's ``sort``."""
    if type(axis) is not int or not x.ndim:
        axis = checks.array_axis("sort", x, axis, tuples=False, none=False)  # as argsort
    if x.dtype in COMPLEX:  # (as in argsort)
        raise complex_refused("sort")
    result = np.sort(x, axis=axis, kind="stable") if stable else np.sort(x, axis=axis)
    if descending:
        result = np.flip(result, axis=axis)
    return result if type(result) is ndarray else to_array(result)
