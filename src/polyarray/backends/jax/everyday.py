"""polyarray's everyday functions on JAX: ``jax.nn``'s and ``jax.numpy``'s own where they
give polyarray's answer; the rest written once against polyarray's namespace
(``polyarray._everyday``), which also takes integer inputs (the default float) and 0-d
inputs to ``softmax`` (an ``AxisError``, where JAX raises ``ValueError``)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from polyarray import _everyday as shared
from polyarray import _names
from polyarray.backends.jax._arrays import concrete

# Every everyday function of the name table (each module defines all of them).
__all__ = sorted(_names.EVERYDAY_FUNCTIONS)

nanmean = shared.nanmean
nanvar = shared.nanvar
nanstd = shared.nanstd
nanmax = shared.nanmax
nanmin = shared.nanmin


def nanargmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    # Under tracing an all-NaN slice cannot be seen: JAX's answer, argmax's index 0.
    check = concrete(x)
    return shared.nan_arg("nanargmax", x, axis, keepdims, largest=True, check=check)


def nanargmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    check = concrete(x)
    return shared.nan_arg("nanargmin", x, axis, keepdims, largest=False, check=check)


isclose = shared.isclose
allclose = shared.allclose


def _floating(x: Any) -> bool:
    return jnp.issubdtype(x.dtype, jnp.floating)


def nansum(x: Any, /, *, axis: Any, dtype: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nansum", x, axis)
    if dtype is None and _floating(x):
        return jnp.nansum(x, axis=axis, keepdims=keepdims)
    return shared.nansum(x, axis=axis, dtype=dtype, keepdims=keepdims)


def softmax(x: Any, /, *, axis: int) -> Any:
    axis = shared.reduction_axis("softmax", x, axis)
    if x.ndim and _floating(x):
        return jax.nn.softmax(x, axis=axis)
    return shared.softmax(x, axis=axis)


def log_softmax(x: Any, /, *, axis: int) -> Any:
    axis = shared.reduction_axis("log_softmax", x, axis)
    if x.ndim and _floating(x):
        return jax.nn.log_softmax(x, axis=axis)
    return shared.log_softmax(x, axis=axis)


def logsumexp(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("logsumexp", x, axis)
    if _floating(x) and x.size:
        return jax.nn.logsumexp(x, axis=axis, keepdims=keepdims)
    return shared.logsumexp(x, axis=axis, keepdims=keepdims)


def sigmoid(x: Any, /) -> Any:
    if _floating(x):
        return jax.nn.sigmoid(x)
    return shared.sigmoid(x)
