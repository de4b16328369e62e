"""polyarray's everyday functions on JAX: ``jax.nn``'s and ``jax.numpy``'s own where they
give polyarray's answer; the rest written once against polyarray's namespace
(``polyarray._everyday``), which also takes integer inputs (the default float) and 0-d
inputs to ``softmax`` (an ``AxisError``, where JAX raises ``ValueError``)."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from polyarray import _everyday as shared
from polyarray.backends.jax._arrays import concrete

__all__ = [
    "allclose",
    "isclose",
    "log_softmax",
    "logsumexp",
    "nanargmax",
    "nanargmin",
    "nanmax",
    "nanmean",
    "nanmin",
    "nanstd",
    "nansum",
    "nanvar",
    "sigmoid",
    "softmax",
]

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
    if dtype is None and _floating(x):
        try:
            return jnp.nansum(x, axis=axis, keepdims=keepdims)
        except Exception:
            pass
    return shared.nansum(x, axis=axis, dtype=dtype, keepdims=keepdims)


def softmax(x: Any, /, *, axis: int) -> Any:
    if x.ndim and _floating(x) and -x.ndim <= axis < x.ndim:
        return jax.nn.softmax(x, axis=axis)
    return shared.softmax(x, axis=axis)


def log_softmax(x: Any, /, *, axis: int) -> Any:
    if x.ndim and _floating(x) and -x.ndim <= axis < x.ndim:
        return jax.nn.log_softmax(x, axis=axis)
    return shared.log_softmax(x, axis=axis)


def logsumexp(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    if _floating(x) and x.size:
        try:
            return jax.nn.logsumexp(x, axis=axis, keepdims=keepdims)
        except Exception:
            pass
    return shared.logsumexp(x, axis=axis, keepdims=keepdims)


def sigmoid(x: Any, /) -> Any:
    if _floating(x):
        return jax.nn.sigmoid(x)
    return shared.sigmoid(x)
