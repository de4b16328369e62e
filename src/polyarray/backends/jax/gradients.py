"""``pa.grad`` and ``pa.value_and_grad`` on JAX arrays: ``jax.value_and_grad`` itself.

f runs once, traced by JAX, with the differentiated leaves as JAX's tracers; everything
else (the checks of f's result, the error messages) is what every backend shares
(:mod:`polyarray._grad_job`). Nested ``pa.grad`` (grad of grad) is JAX's own nesting:
the inner call sees tracers, which are JAX arrays to polyarray's dispatch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import jax
import jax.numpy as jnp
import numpy as np

from polyarray import _selection
from polyarray._dtypes import canonical_name

if TYPE_CHECKING:
    from polyarray._grad_job import Job
    from polyarray.backends import Backend

__all__ = ["differentiate"]

# What JAX raises when f hands a tracer to NumPy (np.asarray, a NumPy function, float()).
_LEFT = (jax.errors.TracerArrayConversionError, jax.errors.ConcretizationTypeError)


def differentiate(job: Job, backend: Backend, leaves: list[Any]) -> tuple[Any, list[Any], Any]:
    """Value, gradients (one per leaf) and aux of ``job`` for JAX arrays ``leaves``."""
    for index, leaf in enumerate(leaves):
        if not jnp.issubdtype(leaf.dtype, jnp.floating):
            name = canonical_name(leaf.dtype)
            raise job.leaf_dtype_error(index, name, jnp.issubdtype(leaf.dtype, jnp.complexfloating))

    def traced(inputs: list[Any]) -> tuple[Any, Any]:
        with _selection.use_backend(backend):
            try:
                result = job.f(*job.substitute(inputs, job.args), **job.kwargs)
            except _LEFT as exc:
                raise job.left_polyarray_error() from exc
        value, aux = job.split_result(result)
        _check_output(job, value)
        return value, aux

    (value, aux), gradients = jax.value_and_grad(traced, has_aux=True)(list(leaves))
    return value, list(gradients), (aux if job.has_aux else None)


def _check_output(job: Job, value: Any) -> None:
    if not isinstance(value, jax.Array):
        host = isinstance(value, (np.ndarray, np.generic))
        raise job.output_type_error(value, "JAX array", host_array=host)
    if value.ndim != 0:
        raise job.output_shape_error(tuple(value.shape))
    if not jnp.issubdtype(value.dtype, jnp.floating):
        raise job.output_dtype_error(canonical_name(value.dtype))
