"""``pa.quantile``, ``pa.percentile``, ``pa.cov`` and ``pa.corrcoef``, written once against
polyarray's namespace (no framework import here), so every backend gives one answer.

The quantile levels are read on the host (a Python number, a nested sequence, or an array
of any backend through ``tolist``) and checked there; the positions they fall on are Python
numbers, and the values are gathered from the sorted array with ``pa.take``. The decisions
(empty slices, infinities, the dtypes, ``correction`` beyond the count) are in
docs/semantics/everyday.md.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from polyarray._everyday import _axes, _pa, as_floating, reduction_axis
from polyarray._rules import arguments
from polyarray._rules.elementwise import complex_refused
from polyarray.errors import ShapeError

__all__ = [
    "QUANTILE_METHODS",
    "check_method",
    "corrcoef",
    "cov",
    "cov_of",
    "percentile",
    "quantile",
    "quantile_at",
    "quantile_levels",
    "quantiles",
]

#: The interpolation methods of ``pa.quantile``, as NumPy names them.
QUANTILE_METHODS = ("linear", "lower", "higher", "nearest", "midpoint")


def _on(x: Any) -> Any:
    """A context in which new arrays are made on ``x``'s backend."""
    from polyarray._dispatch import backend_of

    return _pa().use_backend(backend_of(x))


def _device(x: Any) -> Any:
    """``x``'s device; None (the default one) for a JAX tracer, which has none."""
    return getattr(x, "device", None)


def _like(x: Any, values: list[Any], dtype: Any) -> Any:
    """``values`` as an array of ``x``'s backend and device."""
    with _on(x):
        return _pa().asarray(values, dtype=dtype, device=_device(x))


def _flatten(name: str, q: Any) -> tuple[list[Any], tuple[int, ...]]:
    """The numbers of a nested sequence, flat, and its shape (ragged: a ValueError)."""
    if isinstance(q, list | tuple):
        parts = [_flatten(name, item) for item in q]
        shapes = {shape for _, shape in parts}
        if len(shapes) > 1:
            raise ValueError(f"pa.{name}: q is a ragged sequence (of shapes {sorted(shapes)}).")
        inner = shapes.pop() if shapes else ()
        return [v for flat, _ in parts for v in flat], (len(q), *inner)
    return [q], ()


def quantile_levels(name: str, q: Any, scale: float) -> tuple[list[float], tuple[int, ...]]:
    """The levels ``q`` (of ``[0, scale]``) as fractions of one, flat, and their shape.

    ``q`` is a real number, a (nested) sequence of them, or an array of any backend; a bool
    or complex value is a ``TypeError``, a level outside ``[0, scale]`` or NaN a
    ``ValueError``, on every backend.
    """
    if hasattr(q, "dtype") and hasattr(q, "tolist"):
        shape = tuple(int(n) for n in q.shape)
        flat, _ = _flatten(name, q.tolist())
    else:
        flat, shape = _flatten(name, q)
    levels = []
    for value in flat:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(
                f"pa.{name}: q must hold real numbers, not {type(value).__name__} ({value!r})."
            )
        level = float(value)
        if not 0.0 <= level <= scale:  # (NaN too)
            bound = "1" if scale == 1.0 else f"{scale:g}"
            raise ValueError(f"pa.{name}: q must lie in [0, {bound}], not {value!r}.")
        levels.append(level / scale if scale != 1.0 else level)
    return levels, shape


def _positions(count: int, level: float, method: str) -> tuple[int, int, float]:
    """The two neighbours a level falls between in ``count`` sorted values, and its weight
    on the upper one (0: exactly the lower, which is then also the upper)."""
    virtual = (count - 1) * level
    low = math.floor(virtual)
    if method == "lower":
        return low, low, 0.0
    if method == "higher":
        up = math.ceil(virtual)
        return up, up, 0.0
    if method == "nearest":
        near = round(virtual)  # (half to even, as NumPy's around)
        return near, near, 0.0
    fraction = virtual - low
    if fraction == 0.0:
        return low, low, 0.0
    return low, min(low + 1, count - 1), 0.5 if method == "midpoint" else fraction


def check_method(name: str, method: Any) -> None:
    if method not in QUANTILE_METHODS:
        raise ValueError(
            f"pa.{name}: method must be one of {', '.join(map(repr, QUANTILE_METHODS))}, "
            f"not {method!r}."
        )


def quantiles(
    name: str, x: Any, q: Any, *, axis: Any, keepdims: bool, method: str, scale: float
) -> Any:
    """``pa.quantile`` (``scale=1``) and ``pa.percentile`` (``scale=100``)."""
    axis = reduction_axis(name, x, axis)
    check_method(name, method)
    levels, shape = quantile_levels(name, q, scale)
    return quantile_at(name, x, tuple(levels), shape, axis=axis, keepdims=keepdims, method=method)


def quantile_at(
    name: str,
    x: Any,
    levels: tuple[float, ...],
    shape: tuple[int, ...],
    *,
    axis: Any,
    keepdims: bool,
    method: str,
) -> Any:
    """The quantiles of ``x`` at ``levels`` (fractions of one, checked, of the shape
    ``shape``), ``axis`` and ``method`` checked: the computation, which a backend may
    compile (JAX's, with the levels static)."""
    pa = _pa()
    if pa.isdtype(x.dtype, "complex floating"):
        raise complex_refused(name)
    floating = pa.isdtype(x.dtype, "real floating")
    values = x if floating else pa.astype(x, pa.float64)  # integers: in float64
    axes = _axes(x, axis)
    kept = [d for d in range(x.ndim) if d not in axes]
    kept_shape = tuple(x.shape[d] for d in kept)
    count = math.prod(x.shape[d] for d in axes)
    moved = pa.reshape(pa.permute_dims(values, (*kept, *axes)), (*kept_shape, count))
    m = len(levels)
    if count == 0 or m == 0:
        # Nothing to take the quantile of: NaN (NumPy raised IndexError or gave NaN).
        with _on(x):
            result = pa.full((*kept_shape, m), math.nan, dtype=values.dtype, device=_device(x))
    else:
        ordered = pa.sort(moved, axis=-1)  # (NaN sorts last)
        spots = [_positions(count, level, method) for level in levels]
        low = pa.take(ordered, _like(x, [s[0] for s in spots], pa.int64), axis=-1)
        if all(s[2] == 0.0 for s in spots):
            result = low
        else:
            high = pa.take(ordered, _like(x, [s[1] for s in spots], pa.int64), axis=-1)
            weight = _like(x, [s[2] for s in spots], values.dtype)
            diff = pa.subtract(high, low)
            # NumPy's two-sided interpolation, exact at both ends; next to an infinity,
            # the form that starts from the other end gives the limit (inf, -inf or NaN).
            upper = pa.where(
                pa.isinf(high), False, pa.where(pa.isinf(low), True, pa.greater_equal(weight, 0.5))
            )
            lerp = pa.where(
                upper,
                pa.subtract(high, pa.multiply(diff, pa.subtract(1.0, weight))),
                pa.add(low, pa.multiply(diff, weight)),
            )
            result = pa.where(pa.equal(low, high), low, lerp)
        if floating:  # any NaN in a slice: NaN, as NumPy gives
            nan = pa.any(pa.isnan(moved), axis=-1, keepdims=True)
            result = pa.where(nan, math.nan, result)
    result = pa.moveaxis(result, -1, 0)
    if keepdims:
        result = pa.reshape(result, (m, *(1 if d in axes else x.shape[d] for d in range(x.ndim))))
    result = pa.reshape(result, (*shape, *result.shape[1:]))
    if not floating:
        return pa.astype(result, pa.get_default_float())
    return pa.asarray(result, copy=True) if count == 0 else result


def quantile(x: Any, q: Any, /, *, axis: Any, keepdims: bool, method: str) -> Any:
    return quantiles("quantile", x, q, axis=axis, keepdims=keepdims, method=method, scale=1.0)


def percentile(x: Any, q: Any, /, *, axis: Any, keepdims: bool, method: str) -> Any:
    return quantiles("percentile", x, q, axis=axis, keepdims=keepdims, method=method, scale=100.0)


def _observations(name: str, x: Any, rowvar: Any) -> Any:
    """``x`` as a 2-d array of variables by observations, in a floating dtype."""
    pa = _pa()
    if not hasattr(x, "ndim"):
        raise TypeError(f"pa.{name} takes an array, not {type(x).__name__}.")
    if x.ndim not in (1, 2):
        raise ShapeError(
            f"pa.{name} takes a 1-d array (one variable) or a 2-d array (one variable per "
            f"row, or per column with rowvar=False), not a {x.ndim}-d array of shape "
            f"{tuple(x.shape)}."
        )
    if type(rowvar) is not bool:
        raise TypeError(f"pa.{name}: rowvar must be True or False, not {rowvar!r}.")
    x = as_floating(x)
    if x.ndim == 1:
        return pa.reshape(x, (1, x.shape[0]))
    return x if rowvar else pa.matrix_transpose(x)


def _covariance(m: Any, correction: float) -> Any:
    """The covariance matrix of the rows of ``m`` (variables by observations)."""
    pa = _pa()
    count = m.shape[1]
    if count == 0:  # no observation: NaN, as NumPy gives (with warnings)
        with _on(m):
            return pa.full((m.shape[0],) * 2, math.nan, dtype=m.dtype, device=_device(m))
    centered = pa.subtract(m, pa.mean(m, axis=1, keepdims=True))
    product = pa.matmul(centered, pa.matrix_transpose(pa.conj(centered)))
    # No degree of freedom left: NumPy's values (its divisor clamped to 0), no warning.
    return pa.divide(product, float(max(count - correction, 0.0)))


def cov(x: Any, /, *, rowvar: bool, correction: Any) -> Any:
    correction = arguments.correction_argument("cov", correction)
    return cov_of(x, rowvar=rowvar, correction=correction)


def cov_of(x: Any, *, rowvar: bool, correction: float) -> Any:
    """``cov`` with ``correction`` checked (a Python number: static when compiled)."""
    pa = _pa()
    m = _observations("cov", x, rowvar)
    c = _covariance(m, correction)
    return pa.reshape(c, ()) if m.shape[0] == 1 else c


def corrcoef(x: Any, /, *, rowvar: bool) -> Any:
    pa = _pa()
    m = _observations("corrcoef", x, rowvar)
    c = _covariance(m, 1.0)
    if m.shape[0] == 1:
        c = pa.reshape(c, ())
        return pa.divide(c, c)
    deviation = pa.sqrt(pa.real(pa.linalg.diagonal(c)))
    c = pa.divide(c, pa.reshape(deviation, (-1, 1)))
    c = pa.divide(c, pa.reshape(deviation, (1, -1)))
    # Rounding can take a coefficient just past 1: clipped, as NumPy clips.
    if pa.isdtype(c.dtype, "complex floating"):
        real = pa.clip(pa.real(c), -1.0, 1.0)
        imag = pa.clip(pa.imag(c), -1.0, 1.0)
        return pa.add(pa.astype(real, c.dtype), pa.multiply(pa.astype(imag, c.dtype), 1j))
    return pa.clip(c, -1.0, 1.0)
