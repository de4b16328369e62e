"""Gradients on every backend: ``pa.grad``, ``pa.value_and_grad`` and ``pa.stop_gradient``.

The API is functional, as in JAX and ``torch.func``: ``pa.grad(f)`` is a new function that
returns the gradient of ``f`` with respect to some of its positional arguments. This module
does what is the same on every backend (checking ``argnums``, walking nested arguments,
choosing the backend); :mod:`polyarray._grad_job` holds one call (a ``Job``) and the error
messages shared by every backend. The differentiation itself is done by the backend of the
differentiated arrays, through :meth:`Backend.differentiate
<polyarray.backends.Backend.differentiate>`:

``torch``
    torch's autograd, on the tensors' device (:mod:`polyarray.backends.torch.gradients`).
``numpy``
    the same engine, run on torch CPU tensors that share memory with the NumPy arrays;
    the results come back as NumPy arrays. This needs torch installed.

A backend imports its engine on the first ``pa.grad`` call that needs it, never at
``import polyarray`` (NumPy-only installs keep working until they ask for a gradient, and
then get an error that names the extra to install).

See ``docs/gradients.md`` for what is and is not differentiable.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Sequence
from typing import Any

from polyarray import _tree
from polyarray._dispatch import backend_of
from polyarray._grad_job import PYTHON_NON_FLOATS, Job, describe
from polyarray.errors import GradientError

__all__ = ["grad", "stop_gradient", "value_and_grad"]


def grad(
    f: Callable[..., Any], argnums: int | tuple[int, ...] = 0, has_aux: bool = False
) -> Callable[..., Any]:
    """The gradient of a scalar function ``f``, as a new function, on any backend.

    ``pa.grad(f)(x, ...)`` is the gradient of ``f(x, ...)`` with respect to ``x``: an
    array (or nested structure of arrays) of the same shape, dtype and backend as ``x``.
    torch arrays are differentiated by torch's autograd on their device; NumPy arrays by
    the same autograd, on torch CPU tensors that share their memory (torch must be
    installed). The caller's arrays are never modified.

    Parameters
    ----------
    f : callable
        The function to differentiate. It must return a real floating-point scalar (a 0-d
        array) computed with polyarray functions (or with the backend's own operators),
        or, with ``has_aux=True``, a pair ``(scalar, aux)``.
    argnums : int or tuple of int, optional
        Which positional arguments to differentiate with respect to (default: the first).
        Each may be an array, a Python float, or tuples, lists and dicts of them. With a
        tuple, the result is a tuple of gradients in the same order. Keyword arguments
        and other positional arguments are passed through and not differentiated.
    has_aux : bool, optional
        ``f`` returns ``(value, aux)``; the new function returns ``(gradient, aux)``.

    Returns
    -------
    callable
        A function taking the same arguments as ``f`` and returning the gradient.

    Raises
    ------
    GradientError
        ``f`` returned something other than a real floating-point scalar array, a
        differentiated argument is not a floating-point array (an integer, boolean or
        complex one), or ``f`` left polyarray (a NumPy function applied inside ``f``).
    BackendNotInstalledError
        NumPy arrays are to be differentiated but torch is not installed.

    Examples
    --------
    >>> import polyarray as pa
    >>> x = pa.asarray([[5.0, 8.0], [4.0, 6.0]])
    >>> pa.grad(lambda x: pa.sum(x**3))(x).tolist()
    [[75.0, 192.0], [48.0, 108.0]]
    >>> float(pa.grad(pa.grad(lambda x: x**3))(pa.asarray(2.0)))
    12.0
    """
    differentiation = _Differentiation(f, argnums, has_aux, "pa.grad")

    if has_aux:

        def grad_f(*args: Any, **kwargs: Any) -> Any:
            _, gradients, aux = differentiation(args, kwargs)
            return gradients, aux

    else:

        def grad_f(*args: Any, **kwargs: Any) -> Any:
            return differentiation(args, kwargs)[1]

    return _like(grad_f, f)


def value_and_grad(
    f: Callable[..., Any], argnums: int | tuple[int, ...] = 0, has_aux: bool = False
) -> Callable[..., Any]:
    """Like :func:`grad`, but the new function returns ``(value, gradient)``.

    The value is what ``f`` returned, computed once together with the gradient, as an
    array of the differentiated arrays' backend (a 0-d NumPy array for NumPy inputs).
    With ``has_aux=True`` the new function returns ``((value, aux), gradient)``.

    Parameters
    ----------
    f, argnums, has_aux
        As for :func:`grad`.

    Returns
    -------
    callable
        A function taking the same arguments as ``f`` and returning ``(value, gradient)``.

    Examples
    --------
    >>> import polyarray as pa
    >>> value, gradient = pa.value_and_grad(lambda x: pa.sum(x**2))(pa.asarray([1.0, 2.0]))
    >>> float(value), gradient.tolist()
    (5.0, [2.0, 4.0])
    """
    differentiation = _Differentiation(f, argnums, has_aux, "pa.value_and_grad")

    if has_aux:

        def value_and_grad_f(*args: Any, **kwargs: Any) -> Any:
            value, gradients, aux = differentiation(args, kwargs)
            return (value, aux), gradients

    else:

        def value_and_grad_f(*args: Any, **kwargs: Any) -> Any:
            value, gradients, _ = differentiation(args, kwargs)
            return value, gradients

    return _like(value_and_grad_f, f)


def stop_gradient(x: Any, /) -> Any:
    """``x`` as a constant: no gradient flows back through it.

    Inside a function that :func:`grad` differentiates, ``pa.stop_gradient(y)`` has the
    value of ``y`` but counts as a constant. On torch arrays it is ``y.detach()`` (no copy);
    NumPy arrays outside ``pa.grad`` never carry gradients and come back unchanged.
    Tuples, lists and dicts are handled item by item; Python numbers come back unchanged.

    Examples
    --------
    >>> import polyarray as pa
    >>> f = lambda x: pa.sum(x * pa.stop_gradient(x))   # x² with one factor held constant
    >>> pa.grad(f)(pa.asarray([3.0])).tolist()
    [3.0]
    """
    if _tree.is_container(x):
        return _tree.map_leaves(_stop_gradient_leaf, x)
    return _stop_gradient_leaf(x)


def _stop_gradient_leaf(x: Any) -> Any:
    backend = backend_of(x)
    if backend is None:
        if isinstance(x, (float, *PYTHON_NON_FLOATS)):
            return x  # a Python number carries no gradient
        raise GradientError(
            f"pa.stop_gradient takes arrays (or tuples, lists and dicts of them), not "
            f"{describe(x)}."
        )
    return backend.stop_gradient(x)


def _like(wrapper: Callable[..., Any], f: Callable[..., Any]) -> Callable[..., Any]:
    # The new function stands in for f: its name, docstring and signature (__wrapped__).
    return functools.wraps(f)(wrapper)


class _Differentiation:
    """One ``pa.grad(f, argnums, has_aux)``: the checked arguments and the call itself."""

    __slots__ = ("argnums", "f", "has_aux", "name", "nonnegative", "positions", "single")

    def __init__(self, f: Callable[..., Any], argnums: Any, has_aux: Any, name: str) -> None:
        if not callable(f):
            raise GradientError(
                f"{name} needs the function to differentiate as its first argument, "
                f"but got {describe(f)}."
            )
        if not isinstance(has_aux, bool):
            raise GradientError(f"{name}: has_aux must be True or False, not {has_aux!r}.")
        self.f = f
        self.name = name
        self.has_aux = has_aux
        self.argnums = argnums
        self.single = not isinstance(argnums, tuple)
        self.positions = _checked_argnums(argnums, name)
        self.nonnegative = all(p >= 0 for p in self.positions)

    def _resolved(self, count: int) -> tuple[int, ...]:
        # Negative argnums count from the end, as in Python indexing.
        if min(self.positions) < -count:
            raise GradientError(
                f"{self.name}: argnums={self.argnums!r} names positional argument "
                f"{min(self.positions)}, but f was called with {count} positional "
                "argument(s)."
            )
        positions = tuple(p % count if p < 0 else p for p in self.positions)
        _check_distinct(positions, self.argnums, self.name)
        return positions

    def __call__(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any, Any]:
        positions = self.positions if self.nonnegative else self._resolved(len(args))
        if max(positions) >= len(args):
            raise GradientError(
                f"{self.name}: argnums={self.argnums!r} differentiates with respect to "
                f"positional argument {max(positions)}, but f was called with {len(args)} "
                "positional argument(s). Pass the differentiated arguments by position: "
                "keyword arguments are never differentiated."
            )
        leaves: list[Any] = []
        for position in positions:
            argument = args[position]
            if _tree.is_container(argument):
                _tree.flatten(argument, leaves)
            else:
                leaves.append(argument)
        job = Job(self.f, self.name, self.has_aux, args, kwargs, positions)
        backend = job.backend_of_leaves(leaves)
        value, leaf_gradients, aux = backend.differentiate(job, leaves)
        remaining = iter(leaf_gradients)
        gradients = tuple(_tree.unflatten(args[p], remaining) for p in positions)
        return value, gradients[0] if self.single else gradients, aux


def _checked_argnums(argnums: Any, name: str) -> tuple[int, ...]:
    given = argnums if isinstance(argnums, tuple) else (argnums,)
    try:
        if not given or any(isinstance(i, bool) for i in given):
            raise TypeError
        items = tuple(operator.index(i) for i in given)  # NumPy integers too
    except TypeError:
        raise GradientError(
            f"{name}: argnums must be an int or a non-empty tuple of ints naming positional "
            f"arguments of f, not {argnums!r}."
        ) from None
    if all(i >= 0 for i in items):
        _check_distinct(items, argnums, name)
    return items


def _check_distinct(positions: Sequence[int], argnums: Any, name: str) -> None:
    if len(set(positions)) != len(positions):
        raise GradientError(
            f"{name}: argnums={argnums!r} names the same argument more than once; "
            "name each positional argument once."
        )
