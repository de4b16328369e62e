"""Gradients on every backend: ``pa.grad``, ``pa.value_and_grad`` and ``pa.stop_gradient``.

The API is functional, as in JAX and ``torch.func``: ``pa.grad(f)`` is a new function that
returns the gradient of ``f`` with respect to some of its positional arguments. This module
does what is the same on every backend (checking ``argnums``, walking nested arguments,
choosing the backend, the error messages); the differentiation itself is done by an
*engine* chosen from the backend of the differentiated arrays:

``torch``
    torch's autograd, on the tensors' device (:mod:`polyarray._grad_torch`).
``numpy``
    the same engine, run on torch CPU tensors that share memory with the NumPy arrays;
    the results come back as NumPy arrays. This needs torch installed.

The engine module imports torch at its top, so it is imported on the first ``pa.grad``
call that needs it, never at ``import polyarray`` (NumPy-only installs keep working until
they ask for a gradient, and then get an error that names the extra to install).

See ``docs/gradients.md`` for what is and is not differentiable.
"""

from __future__ import annotations

import functools
import importlib
import operator
import sys
import types
from collections.abc import Callable, Sequence
from typing import Any

from polyarray import _selection, _tree, backends
from polyarray._dispatch import backend_of
from polyarray.backends import Backend
from polyarray.errors import BackendNotInstalledError, GradientError, MixedBackendsError

__all__ = ["grad", "stop_gradient", "value_and_grad"]

_Engine = Callable[["Job", Backend, list[Any]], tuple[Any, list[Any], Any]]

# Differentiating through a float is fine; through these Python types it is a mistake.
_PYTHON_NON_FLOATS = (bool, int, complex)
_ENGINE_MODULE = "polyarray._grad_torch"


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
        if isinstance(x, (float, *_PYTHON_NON_FLOATS)):
            return x  # a Python number carries no gradient
        raise GradientError(
            f"pa.stop_gradient takes arrays (or tuples, lists and dicts of them), not "
            f"{_describe(x)}."
        )
    if backend.name == "torch":
        return x.detach()
    if not backend.capabilities.autodiff:
        return x  # arrays of a backend without autodiff are constants already
    raise NotImplementedError(f"pa.stop_gradient does not support the {backend.name} backend.")


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
                f"but got {_describe(f)}."
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
        job = Job(self, args, kwargs, positions)
        backend = job.backend_of_leaves(leaves)
        value, leaf_gradients, aux = _engine(backend, self.name)(job, backend, leaves)
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


class Job:
    """One call of a differentiated function: what an engine needs, and its error messages.

    Engines (``polyarray._grad_torch``) get a ``Job``, the backend of the differentiated
    arrays and those arrays (flattened); they return ``(value, gradients, aux)`` with one
    gradient per array, in order.
    """

    __slots__ = ("args", "f", "has_aux", "kwargs", "name", "positions")

    def __init__(
        self,
        differentiation: _Differentiation,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        positions: tuple[int, ...],
    ) -> None:
        self.f = differentiation.f
        self.name = differentiation.name
        self.has_aux = differentiation.has_aux
        self.args = args
        self.kwargs = kwargs
        self.positions = positions

    # -- arguments -----------------------------------------------------------------------

    def backend_of_leaves(self, leaves: list[Any]) -> Backend:
        """The backend of the differentiated arrays; Python floats among them become arrays.

        The backend is that of the arrays (a mix of backends is an error); with no array
        at all (only Python floats), it is the active backend. Floats become arrays of the
        default float dtype on that backend and on the arrays' device.
        """
        found: Backend | None = None
        first_array = None
        has_python = False
        for leaf in leaves:
            backend = backend_of(leaf)
            if backend is None:
                has_python = True
            elif found is None:
                found, first_array = backend, leaf
            elif backend.name != found.name:
                raise MixedBackendsError(
                    f"{self.name} got arrays of two backends to differentiate, {found.name!r} "
                    f"and {backend.name!r}. polyarray never converts silently: convert one "
                    f"first, e.g. pa.to_backend(x, {found.name!r})."
                )
        if found is None:
            found = _selection.current()
        if has_python:
            asarray = found.table["asarray"]
            device = found.native_device if first_array is None else found.device_of(first_array)
            for index, leaf in enumerate(leaves):
                if backend_of(leaf) is None:
                    self._check_python_leaf(index, leaf)
                    leaves[index] = asarray(leaf, device=device)
        return found

    def _check_python_leaf(self, index: int, leaf: Any) -> None:
        if isinstance(leaf, float):
            return
        where = self.where(index)
        if isinstance(leaf, _PYTHON_NON_FLOATS) and not isinstance(leaf, complex):
            raise GradientError(
                f"{self.name} differentiates with respect to floating-point values, but "
                f"{where} is the Python {type(leaf).__name__} {leaf!r}, which has no "
                f"gradient. Pass a float instead, e.g. {float(leaf)!r}."
            )
        raise GradientError(
            f"{self.name} differentiates with respect to arrays and Python floats (nested "
            f"in tuples, lists and dicts), but {where} is {_describe(leaf)}. Pass what "
            "should not be differentiated as another argument (not in argnums) or as a "
            "keyword argument."
        )

    def where(self, index: int) -> str:
        """Where the ``index``-th differentiated leaf sits: ``argument 0['w'][1]``."""
        places = [
            place
            for position in self.positions
            for place in _tree.paths(self.args[position], f"argument {position}")
        ]
        return places[index]

    def substitute(self, leaves: list[Any], args: Sequence[Any]) -> list[Any]:
        """``args`` (the positional arguments of f) with the differentiated leaves replaced.

        The structure of each differentiated argument is taken from the original call.
        """
        args = list(args)
        remaining = iter(leaves)
        for position in self.positions:
            args[position] = _tree.unflatten(self.args[position], remaining)
        return args

    # -- errors --------------------------------------------------------------------------

    def leaf_dtype_error(self, index: int, dtype_name: str, complex_: bool) -> GradientError:
        """A differentiated array of a dtype without gradients."""
        where = self.where(index)
        if complex_:
            return GradientError(
                f"{self.name} does not differentiate with respect to complex arrays, and "
                f"{where} is a {dtype_name} array. Write f in terms of real arrays (the real "
                "and imaginary parts as two arguments, say)."
            )
        return GradientError(
            f"{self.name} differentiates with respect to real floating-point arrays, but "
            f"{where} is a {dtype_name} array, which has no gradient. Convert it first, "
            "e.g. pa.astype(x, pa.float32), or pass it as an argument that is not in argnums."
        )

    def bridge_dtype_error(self, index: int, dtype_name: str) -> GradientError:
        """A NumPy float array of a dtype torch lacks (longdouble)."""
        return GradientError(
            f"{self.name} differentiates NumPy arrays with torch, which has no {dtype_name} "
            f"dtype ({self.where(index)} is a {dtype_name} array). Convert it first, e.g. "
            "pa.astype(x, pa.float64)."
        )

    def split_result(self, result: Any) -> tuple[Any, Any]:
        """``(value, aux)`` from what f returned."""
        if not self.has_aux:
            return result, None
        if type(result) not in (tuple, list) or len(result) != 2:
            raise GradientError(
                f"{self.name} was called with has_aux=True, so f must return a pair "
                f"(value, aux), but it returned {_describe(result)}."
            )
        return result[0], result[1]

    def output_type_error(self, value: Any, expected: str, bridge: bool) -> GradientError:
        """f returned something that is not an array of the differentiating framework."""
        if isinstance(value, (float, *_PYTHON_NON_FLOATS)):
            return GradientError(
                f"{self.name}: f returned the Python {type(value).__name__} {value!r}, not an "
                "array, so its connection to the inputs is lost (float(), int(), .item() and "
                ".tolist() leave polyarray). Return a 0-d array, e.g. pa.sum(...)."
            )
        module = type(value).__module__.partition(".")[0]
        if module == "numpy":
            where = (
                " On the numpy backend pa.grad runs f on torch tensors that share memory "
                "with your NumPy arrays, and the result must stay one."
                if bridge
                else ""
            )
            return GradientError(
                f"{self.name}: f returned a NumPy {type(value).__name__} where a {expected} "
                "was expected: f left polyarray (a NumPy function, np.asarray or "
                "pa.to_numpy inside f), so no gradient can flow back to its inputs. Use pa "
                f"functions inside f.{where}"
            )
        hint = (
            " If f returns (value, aux), pass has_aux=True." if type(value) in (tuple, list) else ""
        )
        return GradientError(
            f"{self.name}: f must return a 0-d {expected}, but it returned "
            f"{_describe(value)}.{hint}"
        )

    def output_shape_error(self, shape: tuple[int, ...]) -> GradientError:
        """f returned an array that is not a scalar."""
        return GradientError(
            f"{self.name}: f must return a scalar (a 0-d array), but it returned an array "
            f"of shape {shape}. Reduce it to one number first, e.g. with pa.sum(...) or "
            "pa.mean(...)."
        )

    def output_dtype_error(self, dtype_name: str) -> GradientError:
        """f returned a scalar of a dtype without gradients."""
        return GradientError(
            f"{self.name}: f must return a real floating-point scalar, but it returned a "
            f"{dtype_name} one: only real floating-point results have gradients. Compute "
            "the result in floating point."
        )

    def left_polyarray_error(self, bridge: bool) -> GradientError:
        """f handed an array being differentiated to NumPy."""
        where = (
            " On the numpy backend pa.grad runs f on torch tensors that share memory with "
            "your NumPy arrays: inside f, make new arrays with pa functions."
            if bridge
            else ""
        )
        return GradientError(
            f"{self.name}: f passed an array it is differentiating to NumPy (a NumPy "
            "function, np.asarray, or an operator between it and a NumPy array). NumPy "
            "cannot follow gradients, so f must stay in polyarray: use pa functions "
            f"(pa.exp, pa.sum...) and make constants with pa.asarray.{where}"
        )

    def mixed_in_bridge_error(self) -> GradientError:
        """On the numpy backend, f combined a traced tensor with an outside NumPy array."""
        return GradientError(
            f"{self.name}: on the numpy backend, f runs on torch tensors that share memory "
            "with its NumPy arguments, and it combined one with a NumPy array that it did "
            "not receive as an argument (a global or closure variable). Pass that "
            "array to f as an argument (every NumPy array among the arguments is "
            "converted), or make it inside f with pa functions."
        )

    def in_place_error(self) -> GradientError:
        """f modified an array it is differentiating, in place."""
        return GradientError(
            f"{self.name}: f modifies an array it is differentiating in place (x += ..., "
            "x[...] = ...). Compute a new array instead, e.g. x = x + 1; pa.grad never "
            "modifies the caller's arrays."
        )


def _describe(value: Any) -> str:
    kind = type(value)
    if kind in (tuple, list):
        return f"a {kind.__name__} of {len(value)} item(s)"
    if value is None:
        return "None"
    module = kind.__module__
    return f"a {kind.__name__ if module == 'builtins' else f'{module}.{kind.__qualname__}'}"


# backend name -> engine; filled on first use (importing the engine imports torch).
_ENGINES: dict[str, _Engine] = {}


def _engine(backend: Backend, name: str) -> _Engine:
    try:
        return _ENGINES[backend.name]
    except KeyError:
        pass
    if backend.name == "numpy":
        # Checked on every call (cheap once torch is imported), so the engine is never
        # cached where torch is missing.
        if not backends.installed("torch"):
            raise BackendNotInstalledError(
                f"{name} on the numpy backend computes gradients with PyTorch's autograd "
                "(on tensors sharing memory with the NumPy arrays), and torch is not "
                "installed. Run: pip install 'polyarray[torch]'"
            )
        return _engine_module().differentiate_numpy  # type: ignore[no-any-return]
    if backend.name == "torch":
        engine: _Engine = _engine_module().differentiate_torch
        _ENGINES["torch"] = engine
        return engine
    raise NotImplementedError(
        f"{name} does not support the {backend.name!r} backend: gradients are computed on "
        "torch arrays (with torch's autograd) and on NumPy arrays (through torch). Convert "
        "the arrays first, e.g. pa.to_backend(x, 'torch')."
    )


def _engine_module() -> types.ModuleType:
    return sys.modules.get(_ENGINE_MODULE) or importlib.import_module(_ENGINE_MODULE)
