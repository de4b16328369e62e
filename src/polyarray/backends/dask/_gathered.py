"""Functions that run the NumPy backend on whole arrays: *gathered*, then chunked again.

Dask has no chunked form of most decompositions and solvers (``det``, ``eigh``,
``slogdet``, ``pinv``, batched ``solve``...), and where it has one its checks and results
differ from NumPy's (``lstsq`` without ``rcond``, ``qr`` of tall-and-skinny matrices only).
These functions therefore compute their Dask inputs (on the cluster, where there is one),
run the NumPy backend's function on the values, which decides everything as on NumPy
(dtypes, errors, special cases), and hand the result back as a Dask array chunked by
``array.chunk-size``. The input must fit in the memory of the process that calls them;
docs/semantics.md lists these functions.

Where a function's arguments can be checked without their values (a shape that is not
square, say), the NumPy backend raises on the gathered values the error it raises on
NumPy: the same type, at the call.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
from dask.base import compute

from polyarray.backends.dask._arrays import Array, lazy

__all__ = ["empty_gathered", "gathered", "values_of"]


def _arrays_in(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and any(isinstance(v, Array) for v in value)


def _empty(value: Any) -> bool:
    """Whether ``value`` is, or is a list or tuple holding, a Dask array of no elements."""
    if isinstance(value, Array):
        return bool(value.size == 0)
    return isinstance(value, (list, tuple)) and any(
        isinstance(v, Array) and v.size == 0 for v in value
    )


def values_of(
    args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """``args`` and ``kwargs`` with every Dask array computed (all in one pass, so that
    work they share is done once); those in lists and tuples too."""
    if any(_arrays_in(v) for v in args):
        args = tuple(type(v)(values_of(tuple(v), {})[0]) if _arrays_in(v) else v for v in args)
    positions = [i for i, value in enumerate(args) if isinstance(value, Array)]
    names = [name for name, value in kwargs.items() if isinstance(value, Array)]
    if not positions and not names:
        return args, kwargs
    found = compute(*(args[i] for i in positions), *(kwargs[n] for n in names))
    # (a 0-d array computes to a NumPy scalar: the NumPy backend takes 0-d arrays)
    computed = [np.asarray(value) if isinstance(value, np.generic) else value for value in found]
    new_args = list(args)
    for i, value in zip(positions, computed, strict=False):
        new_args[i] = value
    new_kwargs = {**kwargs, **dict(zip(names, computed[len(positions) :], strict=True))}
    return tuple(new_args), new_kwargs


def gathered(function: Callable[..., Any]) -> Callable[..., Any]:
    """The NumPy backend's ``function``, of the values of its Dask arguments, chunked."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        values, keywords = values_of(args, kwargs)
        return lazy(function(*values, **keywords))

    call.__module__ = __name__
    return call


def empty_gathered(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, but gathered where an argument is an empty Dask array: computing it
    costs nothing, and NumPy then decides what Dask would leave to compute time (an empty
    reduction's error, an axis repeated, a size beyond int64)."""

    whole = gathered(function)

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        if any(_empty(value) for value in args):
            return whole(*args, **kwargs)
        return function(*args, **kwargs)

    return call
