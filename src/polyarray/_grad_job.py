"""One call of a differentiated function, as the backends' gradient engines see it.

:mod:`polyarray._grad` checks the arguments of ``pa.grad`` and makes a :class:`Job` per
call; the backend of the differentiated arrays runs it (:meth:`Backend.differentiate
<polyarray.backends.Backend.differentiate>`). Everything here is the same on every
backend and imports no framework: walking the arguments, choosing the backend, and the
error messages that do not depend on how the gradient is computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from polyarray import _selection, _tree
from polyarray._dispatch import backend_of
from polyarray.errors import GradientError, MixedBackendsError

if TYPE_CHECKING:
    from polyarray.backends import Backend

__all__ = ["PYTHON_NON_FLOATS", "Job", "describe"]

#: Differentiating through a float is fine; through these Python types it is a mistake.
PYTHON_NON_FLOATS = (bool, int, complex)


class Job:
    """One call of a differentiated function: what an engine needs, and its error messages.

    A backend's :meth:`~polyarray.backends.Backend.differentiate` gets a ``Job`` and the
    differentiated arrays (flattened); it returns ``(value, gradients, aux)`` with one
    gradient per array, in order.

    Attributes
    ----------
    f, has_aux:
        The function being differentiated, and whether it returns ``(value, aux)``.
    name:
        The public function, for messages: ``"pa.grad"`` or ``"pa.value_and_grad"``.
    args, kwargs:
        The arguments of this call, as the caller passed them.
    positions:
        The positional arguments being differentiated (non-negative, distinct).
    """

    __slots__ = ("args", "f", "has_aux", "kwargs", "name", "positions")

    def __init__(
        self,
        f: Any,
        name: str,
        has_aux: bool,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        positions: tuple[int, ...],
    ) -> None:
        self.f = f
        self.name = name
        self.has_aux = has_aux
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
        if isinstance(leaf, PYTHON_NON_FLOATS) and not isinstance(leaf, complex):
            raise GradientError(
                f"{self.name} differentiates with respect to floating-point values, but "
                f"{where} is the Python {type(leaf).__name__} {leaf!r}, which has no "
                f"gradient. Pass a float instead, e.g. {float(leaf)!r}."
            )
        raise GradientError(
            f"{self.name} differentiates with respect to arrays and Python floats (nested "
            f"in tuples, lists and dicts), but {where} is {describe(leaf)}. Pass what "
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

    def split_result(self, result: Any) -> tuple[Any, Any]:
        """``(value, aux)`` from what f returned."""
        if not self.has_aux:
            return result, None
        if type(result) not in (tuple, list) or len(result) != 2:
            raise GradientError(
                f"{self.name} was called with has_aux=True, so f must return a pair "
                f"(value, aux), but it returned {describe(result)}."
            )
        return result[0], result[1]

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

    def output_type_error(
        self, value: Any, expected: str, *, host_array: bool = False, note: str = ""
    ) -> GradientError:
        """f returned something that is not an array of the differentiating framework.

        ``host_array``: the engine saw a NumPy object (f left polyarray for the host);
        ``note`` is added to that message (how the engine ran f, say).
        """
        if isinstance(value, (float, *PYTHON_NON_FLOATS)):
            return GradientError(
                f"{self.name}: f returned the Python {type(value).__name__} {value!r}, not an "
                "array, so its connection to the inputs is lost (float(), int(), .item() and "
                ".tolist() leave polyarray). Return a 0-d array, e.g. pa.sum(...)."
            )
        if host_array:
            return GradientError(
                f"{self.name}: f returned a NumPy {type(value).__name__} where a {expected} "
                "was expected: f left polyarray (a NumPy function, np.asarray or "
                "pa.to_numpy inside f), so no gradient can flow back to its inputs. Use pa "
                f"functions inside f.{note}"
            )
        hint = (
            " If f returns (value, aux), pass has_aux=True." if type(value) in (tuple, list) else ""
        )
        return GradientError(
            f"{self.name}: f must return a 0-d {expected}, but it returned {describe(value)}.{hint}"
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

    def left_polyarray_error(self, note: str = "") -> GradientError:
        """f handed an array being differentiated to NumPy; ``note`` is added at the end."""
        return GradientError(
            f"{self.name}: f passed an array it is differentiating to NumPy (a NumPy "
            "function, np.asarray, or an operator between it and a NumPy array). NumPy "
            "cannot follow gradients, so f must stay in polyarray: use pa functions "
            f"(pa.exp, pa.sum...) and make constants with pa.asarray.{note}"
        )

    def in_place_error(self) -> GradientError:
        """f modified an array it is differentiating, in place."""
        return GradientError(
            f"{self.name}: f modifies an array it is differentiating in place (x += ..., "
            "x[...] = ...). Compute a new array instead, e.g. x = x + 1; pa.grad never "
            "modifies the caller's arrays."
        )


def describe(value: Any) -> str:
    """A value in a message: ``a list of 2 item(s)``, ``None``, ``a numpy.ndarray``."""
    kind = type(value)
    if kind in (tuple, list):
        return f"a {kind.__name__} of {len(value)} item(s)"
    if value is None:
        return "None"
    module = kind.__module__
    return f"a {kind.__name__ if module == 'builtins' else f'{module}.{kind.__qualname__}'}"
