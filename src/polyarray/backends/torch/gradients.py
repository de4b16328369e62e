"""The gradient engine: torch's autograd, for torch arrays and (through torch) NumPy arrays.

This module imports torch and NumPy at its top; the torch backend's ``differentiate`` (and
the NumPy backend's, which borrows this engine) import it on the first ``pa.grad`` call
that needs it. One call of a :class:`~polyarray._grad_job.Job` goes like this:

1. Each differentiated tensor is replaced by a fresh autograd leaf that shares its memory
   (``t.detach().requires_grad_()``: no copy), so the caller's tensor never gets
   ``requires_grad`` or ``.grad``, and an in-place change of the input inside ``f`` is an
   error instead of a change to the caller's data.
2. ``f`` runs under ``torch.enable_grad()`` (like ``torch.func.grad``, the gradient does not
   depend on an outer ``torch.no_grad()``), with the torch backend of the inputs' device
   active, so creation functions inside ``f`` make tensors where the inputs are.
3. ``torch.autograd.grad`` computes the gradients; inputs ``f`` does not use get zeros.

Higher order. When the call is itself being differentiated, the gradient must stay in the
graph: ``create_graph=True``, and the inputs are not detached. "Being differentiated"
means grad mode is on and either an input already requires grad (an outer ``pa.grad``
or the caller's own autograd), or this call runs inside the ``f`` of an outer ``pa.grad``
(which catches an inner ``f`` that closes over the outer variable). Then each input that
requires grad enters ``f`` through ``_DifferentiatedInput``, an identity that is a new
graph node (so the same tensor passed twice gets two partial derivatives) and a view
that torch refuses to modify in place (so the caller's tensor stays untouched).

NumPy. The arrays become torch CPU tensors sharing their memory (``torch.from_numpy``;
arrays torch cannot share, read-only or with negative strides, are copied), every other
NumPy array among the arguments too, and the results go back to NumPy, except inside the
``f`` of an outer ``pa.grad`` (where arrays are torch tensors anyway), where they stay in
the outer graph.
"""

from __future__ import annotations

import contextvars
from typing import Any

import numpy as np
import torch

from polyarray import _selection, _tree
from polyarray._dtypes import canonical_name
from polyarray._grad_job import Job
from polyarray._interop import to_numpy
from polyarray.backends import Backend
from polyarray.backends.torch import TorchBackend
from polyarray.errors import GradientError, MixedBackendsError, UnknownDtypeError

__all__ = ["differentiate_numpy", "differentiate_torch"]

_Tensor = torch.Tensor

# How many pa.grad calls are running f right now, in this thread or task.
_depth: contextvars.ContextVar[int] = contextvars.ContextVar("polyarray_grad_depth", default=0)

# The torch backend per device (the one active while f runs).
_BACKENDS: dict[torch.device, Backend] = {}
_CPU = torch.device("cpu")

# Framework messages that mean "f did something pa.grad cannot follow".
_NUMPY_ON_TRACED = "Can't call numpy() on Tensor that requires grad"
_NUMPY_TYPE_ERRORS = (
    "'numpy.ndarray' and 'Tensor'",  # ndarray * tensor
    "'Tensor' and 'numpy.ndarray'",
    "NumPy arrays",  # 0-d ndarray + tensor
    "device type tensor to numpy",  # a CUDA tensor handed to NumPy
)
_IN_PLACE = (
    "that requires grad is being used in an in-place operation",
    "of _DifferentiatedInput is a view and is being modified inplace",
)
# Said at the end of "f left polyarray" messages on the NumPy bridge.
_BRIDGE_LEFT_NOTE = (
    " On the numpy backend pa.grad runs f on torch tensors that share memory with "
    "your NumPy arrays: inside f, make new arrays with pa functions."
)
_BRIDGE_OUTPUT_NOTE = (
    " On the numpy backend pa.grad runs f on torch tensors that share memory "
    "with your NumPy arrays, and the result must stay one."
)


class _DifferentiatedInput(torch.autograd.Function):
    """Identity, as its own graph node, whose output torch forbids modifying in place."""

    @staticmethod
    def forward(ctx: Any, x: Any) -> Any:
        return x.view_as(x)  # a view: no copy

    @staticmethod
    def backward(ctx: Any, gradient: Any) -> Any:
        return gradient  # differentiable in turn, so any order of derivative works


def _alias(tensor: Any) -> Any:
    return _DifferentiatedInput.apply(tensor)  # type: ignore[no-untyped-call]


def differentiate_torch(job: Job, backend: Backend, leaves: list[Any]) -> tuple[Any, Any, Any]:
    """Value, gradients (one per leaf) and aux of ``job`` for torch tensors ``leaves``."""
    for index, leaf in enumerate(leaves):
        if not leaf.is_floating_point():
            raise job.leaf_dtype_error(index, _dtype_name(leaf.dtype), leaf.is_complex())
    if leaves:
        backend = _backend_on(leaves[0].device)
    value, gradients, aux, nested = _trace(job, backend, leaves, job.args, job.kwargs, None)
    if not nested:  # plain results: data, not part of any graph
        value = value.detach()
        if aux is not None:
            aux = _tree.map_leaves(_detached, aux)
    return value, gradients, aux


def differentiate_numpy(job: Job, backend: Backend, leaves: list[Any]) -> tuple[Any, Any, Any]:
    """Value, gradients and aux of ``job`` for NumPy arrays ``leaves``, as NumPy arrays.

    ``backend`` is the NumPy backend: torch CPU stands in for it while f runs.
    """
    tensors = []
    for index, leaf in enumerate(leaves):
        dtype = leaf.dtype
        if dtype.kind != "f":
            raise job.leaf_dtype_error(index, _dtype_name(dtype), dtype.kind == "c")
        try:
            tensors.append(_shared_tensor(leaf))
        except TypeError:  # a float dtype torch lacks (longdouble)
            raise _bridge_dtype_error(job, index, _dtype_name(dtype)) from None
    positions = job.positions
    args = [
        arg if i in positions else _tree.map_leaves(_constant_tensor, arg)
        for i, arg in enumerate(job.args)
    ]
    kwargs = {key: _tree.map_leaves(_constant_tensor, value) for key, value in job.kwargs.items()}
    cpu = _backend_on(_CPU)
    value, gradients, aux, nested = _trace(job, cpu, tensors, args, kwargs, {backend.name: cpu})
    if nested:  # inside the f of an outer pa.grad: stay torch tensors in its graph
        return value, gradients, aux
    if aux is not None:
        aux = _tree.map_leaves(_numpy_if_tensor, aux)
    # Outside a graph, the gradients are plain tensors already: no detach needed.
    return value.detach().numpy(), [g.numpy() for g in gradients], aux


def _trace(
    job: Job,
    backend: Backend,
    tensors: list[Any],
    args: list[Any] | tuple[Any, ...],
    kwargs: dict[str, Any],
    stand_in: dict[str, Backend] | None,
) -> tuple[Any, list[Any], Any, bool]:
    """Run f on inputs made from ``tensors``; return (value, gradients, aux, nested).

    ``stand_in``: on the NumPy bridge, the NumPy backend's name -> torch CPU, so that
    ``use_backend("numpy")`` inside f makes tensors; None for torch's own arrays.
    """
    bridge = stand_in is not None
    grad_was_off = not torch.is_grad_enabled()
    depth = _depth.get()
    nested = not grad_was_off and (depth > 0 or any(t.requires_grad for t in tensors))
    if nested:
        inputs = [_alias(t) if t.requires_grad else _leaf(t) for t in tensors]
    else:
        inputs = [_leaf(t) for t in tensors]
    call_args = job.substitute(inputs, args)
    token = _depth.set(depth + 1)
    if grad_was_off:
        torch.set_grad_enabled(True)
    try:
        with _selection.substituting(stand_in or {}), _selection.use_backend(backend):
            try:
                result = job.f(*call_args, **kwargs)
            except Exception as exc:
                error = _translated(job, exc, bridge)
                if error is None:
                    raise
                raise error from exc
            value, aux = job.split_result(result)
            _check_output(job, value, bridge)
            gradients = _gradients(value, inputs, nested)
    finally:
        _depth.reset(token)
        if grad_was_off:
            torch.set_grad_enabled(False)
    return value, gradients, aux, nested


def _gradients(value: Any, inputs: list[Any], nested: bool) -> list[Any]:
    if not value.requires_grad or not inputs:  # f does not depend on its inputs: a constant
        return [torch.zeros_like(t) for t in inputs]
    # allow_unused, then zeros by hand: cheaper than materialize_grads=True.
    gradients = torch.autograd.grad(value, inputs, create_graph=nested, allow_unused=True)
    return [torch.zeros_like(t) if g is None else g for t, g in zip(inputs, gradients, strict=True)]


def _leaf(tensor: Any) -> Any:
    if tensor.is_inference():  # made under torch.inference_mode(): autograd refuses it
        tensor = tensor.clone()
    return tensor.detach().requires_grad_()


def _check_output(job: Job, value: Any, bridge: bool) -> None:
    if not isinstance(value, _Tensor):
        host = type(value).__module__.partition(".")[0] == np.__name__
        note = _BRIDGE_OUTPUT_NOTE if bridge else ""
        raise job.output_type_error(value, "torch.Tensor", host_array=host, note=note)
    if value.ndim != 0:
        raise job.output_shape_error(tuple(value.shape))
    if not value.is_floating_point():
        raise job.output_dtype_error(_dtype_name(value.dtype))


def _translated(job: Job, exc: Exception, bridge: bool) -> GradientError | None:
    """polyarray's explanation of an exception f raised, or None to let it through."""
    message = str(exc)
    note = _BRIDGE_LEFT_NOTE if bridge else ""
    if isinstance(exc, MixedBackendsError):
        return _mixed_in_bridge_error(job) if bridge else None
    if isinstance(exc, RuntimeError):
        if _NUMPY_ON_TRACED in message:
            return job.left_polyarray_error(note)
        if any(fragment in message for fragment in _IN_PLACE):
            return job.in_place_error()
    elif isinstance(exc, TypeError):
        if any(fragment in message for fragment in _NUMPY_TYPE_ERRORS) or _numpy_saw_tensor(exc):
            return job.left_polyarray_error(note)
    elif isinstance(exc, DeprecationWarning) and "__array__" in message:
        # Warnings turned into errors: NumPy asked a tensor for its __array__.
        return job.left_polyarray_error(note)
    return None


def _bridge_dtype_error(job: Job, index: int, dtype_name: str) -> GradientError:
    """A NumPy float array of a dtype torch lacks (longdouble)."""
    return GradientError(
        f"{job.name} differentiates NumPy arrays with torch, which has no {dtype_name} "
        f"dtype ({job.where(index)} is a {dtype_name} array). Convert it first, e.g. "
        "pa.astype(x, pa.float64)."
    )


def _mixed_in_bridge_error(job: Job) -> GradientError:
    """On the numpy backend, f combined a traced tensor with an outside NumPy array."""
    return GradientError(
        f"{job.name}: on the numpy backend, f runs on torch tensors that share memory "
        "with its NumPy arguments, and it combined one with a NumPy array that it did "
        "not receive as an argument (a global or closure variable). Pass that "
        "array to f as an argument (every NumPy array among the arguments is "
        "converted), or make it inside f with pa functions."
    )


def _numpy_saw_tensor(exc: BaseException) -> bool:
    # np.sum(t) calls t.sum(axis=..., out=...), which torch rejects with a TypeError raised
    # from inside NumPy: a NumPy frame holding a tensor tells that case apart.
    traceback = exc.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        if str(frame.f_globals.get("__name__", "")).startswith("numpy") and any(
            isinstance(value, _Tensor) for value in frame.f_locals.values()
        ):
            return True
        traceback = traceback.tb_next
    return False


def _backend_on(device: torch.device) -> Backend:
    backend = _BACKENDS.get(device)
    if backend is None:
        backend = _BACKENDS[device] = TorchBackend(str(device))
    return backend


def _dtype_name(dtype: Any) -> str:
    try:
        return canonical_name(dtype)
    except UnknownDtypeError:  # dtypes outside the standard (float16, longdouble)
        return str(dtype).removeprefix("torch.")


def _shared_tensor(array: Any) -> Any:
    """A torch CPU tensor sharing the memory of a NumPy array, or of a copy of it."""
    array = np.asarray(array)  # NumPy scalars too
    # torch warns about read-only memory (its tensors cannot be read-only) and rejects
    # negative strides and foreign byte orders: those arrays are copied.
    if array.flags.writeable:
        try:
            return torch.from_numpy(array)
        except ValueError:
            pass
    return torch.from_numpy(np.array(array, dtype=array.dtype.newbyteorder("="), copy=True))


def _constant_tensor(value: Any) -> Any:
    """A NumPy array among the arguments that are not differentiated, as a torch tensor."""
    if isinstance(value, (np.ndarray, np.generic)) and value.dtype.kind in "biufc":
        try:
            return _shared_tensor(value)
        except TypeError:  # a dtype torch lacks: leave it to f
            return value
    return value


def _detached(value: Any) -> Any:
    return value.detach() if isinstance(value, _Tensor) else value


def _numpy_if_tensor(value: Any) -> Any:
    return to_numpy(value) if isinstance(value, _Tensor) else value
