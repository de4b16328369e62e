"""The everyday functions beyond the standard, written once against polyarray's namespace.

``pa.nanmax``, ``pa.softmax``, ``pa.isclose``... are here in terms of polyarray's own
functions (``pa.where``, ``pa.max``, ``pa.exp``), so they run on every backend with
polyarray's decisions (the default float, the axis rules, one exception type per mistake).
Each backend's ``everyday`` module lists them, and replaces one with the framework's own
function where that gives the same answer faster (``numpy.nansum``, ``torch.softmax``,
``jax.nn.logsumexp``). The decisions are in docs/semantics.md ("Everyday functions").

No framework is imported here; ``polyarray`` is imported at the first call (it is fully
loaded by then: a backend's modules load at its first use).
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from polyarray._rules import checks
from polyarray.errors import EmptyReductionError

__all__ = [
    "allclose",
    "as_floating",
    "check_closeness",
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
    "reduction_axis",
    "sigmoid",
    "softmax",
]


#: The Python scalars ``isclose`` takes beside an array.
_SCALARS = (bool, int, float, complex)


def _pa() -> Any:
    import polyarray

    return polyarray


def _axes(x: Any, axis: Any) -> tuple[int, ...]:
    """The axes ``axis`` (checked by :func:`reduction_axis`) names, each in ``[0, ndim)``."""
    if axis is None:
        return tuple(range(x.ndim))
    axes = axis if type(axis) is tuple else (axis,)
    return tuple(a % x.ndim for a in axes)


def reduction_axis(name: str, x: Any, axis: Any, *, tuples: bool = True) -> Any:
    """``axis`` checked as ``pa.sum`` checks it: an int, a tuple of ints (``tuples``) or
    None, NumPy integers and 0-d integer arrays counting as ints; a list is a TypeError
    (write a tuple), a 0-d ``x`` has no axes, and an axis out of range or repeated is an
    ``AxisError``, all under the name ``pa.<name>``.

    Each backend calls it before the framework's own function, which would take a list
    (torch), an axis of a 0-d array (NumPy, torch) or fail with its own error.
    """
    if axis is None:
        return None
    ndim = x.ndim
    if type(axis) is int and ndim and -ndim <= axis < ndim:
        return axis  # the common call: one type test and a range test
    axis = checks.array_axis(name, x, axis, tuples=tuples)
    checks.distinct_axes(name, axis if type(axis) is tuple else (axis,), ndim)
    return axis


def as_floating(x: Any) -> Any:
    """``x`` itself if it is real or complex floating, else ``x`` in the default float."""
    pa = _pa()
    if pa.isdtype(x.dtype, ("real floating", "complex floating")):
        return x
    return pa.astype(x, pa.get_default_float())


def check_closeness(name: str, a: Any, b: Any, rtol: Any, atol: Any) -> None:
    """The checks of ``isclose``/``allclose``, made before any framework sees the inputs:
    ``a`` and ``b`` arrays or Python scalars, else a ``TypeError`` (NumPy's subtraction
    failed with one, torch asked for a dtype); ``rtol``, ``atol`` real numbers, else a
    ``TypeError``, and not negative (nor NaN), else a ``ValueError`` (NumPy took a negative
    tolerance, torch raised ``RuntimeError``)."""
    for value in (a, b):
        if not hasattr(value, "dtype") and not isinstance(value, _SCALARS):
            raise TypeError(
                f"pa.{name} takes arrays, Python scalars (bool, int, float, complex) and "
                f"lists of them, not {type(value).__name__}. Make it an array first, e.g. "
                "pa.asarray(...)."
            )
    for parameter, value in (("rtol", rtol), ("atol", atol)):
        plain = type(value) is float or type(value) is int  # (the common call: no isinstance)
        if not plain and (isinstance(value, bool) or not isinstance(value, numbers.Real)):
            raise TypeError(
                f"pa.{name}: {parameter} must be a real number, not "
                f"{type(value).__name__} ({value!r})."
            )
        if not value >= 0:  # (NaN too)
            raise ValueError(
                f"pa.{name}: {parameter} must be zero or positive, not {value!r}: a "
                "tolerance is a distance, which cannot be negative."
            )


def _closeness_dtype(a: Any, b: Any) -> Any:
    """The dtype ``isclose`` compares ``a`` and ``b`` in: that of their floating arrays
    (with the Python scalars beside them, a complex one making it complex), else float64,
    so integers and booleans are compared as NumPy compares them (float32 would take
    ``-5976`` and ``103442008956899`` for close with ``rtol=1``)."""
    pa = _pa()
    kinds = ("real floating", "complex floating")
    floats = [v for v in (a, b) if hasattr(v, "dtype") and pa.isdtype(v.dtype, kinds)]
    scalars = [v for v in (a, b) if not hasattr(v, "dtype")]
    return pa.result_type(*(floats or [pa.float64]), *scalars)


def isclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> Any:
    """``|a - b| <= atol + rtol * |b|`` element-wise, as NumPy's (not symmetric in a, b)."""
    check_closeness("isclose", a, b, rtol, atol)
    rtol, atol = float(rtol), float(atol)  # (a NumPy float is an array of NumPy's to JAX)
    pa = _pa()
    dtype = _closeness_dtype(a, b)
    # A Python scalar beside an array becomes an array of the array's backend and device.
    a = pa.astype(a, dtype) if hasattr(a, "dtype") else pa.full_like(b, a, dtype=dtype)
    b = pa.astype(b, dtype) if hasattr(b, "dtype") else pa.full_like(a, b, dtype=dtype)
    finite = pa.logical_and(pa.isfinite(a), pa.isfinite(b))
    near = pa.less_equal(pa.abs(pa.subtract(a, b)), pa.add(pa.multiply(pa.abs(b), rtol), atol))
    close = pa.logical_or(pa.equal(a, b), pa.logical_and(finite, near))  # equal infinities
    if equal_nan:
        close = pa.logical_or(close, pa.logical_and(pa.isnan(a), pa.isnan(b)))
    return close


def allclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> bool:
    check_closeness("allclose", a, b, rtol, atol)
    return bool(_pa().all(isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)))


def _without_nan(x: Any, fill: Any) -> tuple[Any, Any]:
    """``x`` with its NaNs replaced by ``fill``, and where they were (None: none can be)."""
    pa = _pa()
    if not pa.isdtype(x.dtype, ("real floating", "complex floating")):
        return x, None
    nan = pa.isnan(x)
    return pa.where(nan, fill, x), nan


def nansum(x: Any, /, *, axis: Any, dtype: Any, keepdims: bool) -> Any:
    pa = _pa()
    axis = reduction_axis("nansum", x, axis)
    y, nan = _without_nan(x, 0)
    if nan is not None and dtype is not None and pa.isdtype(dtype, "integral"):
        # Floats to an integer dtype as pa.astype converts them (the frameworks' sums
        # convert infinities differently: NumPy's uint64 sum of inf is 2**63, torch's 0).
        y = pa.astype(y, dtype)
    return pa.sum(y, axis=axis, dtype=dtype, keepdims=keepdims)


def _count(x: Any, nan: Any, axis: Any, keepdims: bool) -> Any:
    """How many elements each reduction keeps (those that are not NaN), as floats."""
    pa = _pa()
    if nan is None:
        n = math.prod(x.shape[a] for a in _axes(x, axis))
        return pa.full_like(pa.sum(x, axis=axis, keepdims=keepdims), n, dtype=pa.float64)
    return pa.astype(pa.sum(pa.logical_not(nan), axis=axis, keepdims=keepdims), pa.float64)


def nanmean(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    pa = _pa()
    axis = reduction_axis("nanmean", x, axis)
    x = as_floating(x)
    y, nan = _without_nan(x, 0)
    total = pa.sum(y, axis=axis, keepdims=keepdims)
    count = pa.astype(_count(x, nan, axis, keepdims), pa.real(total).dtype)
    # No element left: NaN, by dividing by NaN (0 / 0 would warn on NumPy).
    return pa.divide(total, pa.where(pa.greater(count, 0), count, math.nan))


def nanvar(x: Any, /, *, axis: Any, correction: Any, keepdims: bool) -> Any:
    pa = _pa()
    axis = reduction_axis("nanvar", x, axis)
    x = as_floating(x)
    mean = nanmean(x, axis=axis, keepdims=True)
    _, nan = _without_nan(x, 0)
    deviation = pa.subtract(x, mean)
    if pa.isdtype(x.dtype, "complex floating"):
        deviation = pa.abs(deviation)
    squares = pa.multiply(deviation, deviation)
    if nan is not None:
        squares = pa.where(nan, 0, squares)
    total = pa.sum(squares, axis=axis, keepdims=keepdims)
    # (a NumPy integer or 0-d array as correction: a Python number, not an array)
    count = pa.subtract(_count(x, nan, axis, keepdims), float(correction))
    # No degree of freedom left: NaN, as NumPy's nanvar (which warns), without a warning.
    count = pa.astype(pa.where(pa.greater(count, 0), count, math.nan), total.dtype)
    return pa.divide(total, count)


def nanstd(x: Any, /, *, axis: Any, correction: Any, keepdims: bool) -> Any:
    axis = reduction_axis("nanstd", x, axis)
    return _pa().sqrt(nanvar(x, axis=axis, correction=correction, keepdims=keepdims))


def _nan_extreme(x: Any, axis: Any, keepdims: bool, largest: bool) -> Any:
    pa = _pa()
    axis = reduction_axis("nanmax" if largest else "nanmin", x, axis)
    reduce = pa.max if largest else pa.min
    if not pa.isdtype(x.dtype, "real floating"):
        return reduce(x, axis=axis, keepdims=keepdims)
    nan = pa.isnan(x)
    y = pa.where(nan, -math.inf if largest else math.inf, x)
    result = reduce(y, axis=axis, keepdims=keepdims)
    only_nan = pa.all(nan, axis=axis, keepdims=keepdims)
    return pa.where(only_nan, math.nan, result)  # an all-NaN slice: NaN, without a warning


def nanmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    return _nan_extreme(x, axis, keepdims, largest=True)


def nanmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    return _nan_extreme(x, axis, keepdims, largest=False)


def all_nan_error(name: str) -> EmptyReductionError:
    return EmptyReductionError(
        f"pa.{name} of a slice that holds only NaN: there is no element to take the index "
        "of. Test pa.all(pa.isnan(x), axis=...) first, or use pa.argmax, which takes NaN."
    )


def nan_arg(
    name: str, x: Any, axis: Any, keepdims: bool, *, largest: bool, check: bool = True
) -> Any:
    """``nanargmax``/``nanargmin``; ``check=False`` skips the all-NaN test, which reads a
    value (a backend passes it for arrays under tracing, such as JAX's inside jax.jit)."""
    pa = _pa()
    axis = reduction_axis(name, x, axis, tuples=False)
    arg = pa.argmax if largest else pa.argmin
    if not pa.isdtype(x.dtype, "real floating"):
        return arg(x, axis=axis, keepdims=keepdims)
    nan = pa.isnan(x)
    if check and x.ndim and all(x.shape) and bool(pa.any(pa.all(nan, axis=axis))):
        raise all_nan_error(name)
    y = pa.where(nan, -math.inf if largest else math.inf, x)
    return arg(y, axis=axis, keepdims=keepdims)


def nanargmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    return nan_arg("nanargmax", x, axis, keepdims, largest=True)


def nanargmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    return nan_arg("nanargmin", x, axis, keepdims, largest=False)


def _shift(x: Any, axis: Any) -> Any:
    """The largest element of each slice where it is finite, else 0 (for stability)."""
    pa = _pa()
    m = pa.max(x, axis=axis, keepdims=True)
    return pa.where(pa.isfinite(m), m, 0)


def logsumexp(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    pa = _pa()
    axis = reduction_axis("logsumexp", x, axis)
    x = as_floating(x)
    if 0 in x.shape:
        total = pa.sum(x, axis=axis, keepdims=keepdims)
        return pa.full_like(total, -math.inf)  # log(0): the sum of no exponentials is 0
    m = _shift(x, axis)
    total = pa.sum(pa.exp(pa.subtract(x, m)), axis=axis, keepdims=True)
    result = pa.add(pa.log(total), m)
    if not keepdims:
        result = pa.squeeze(result, axis=_axes(x, axis))
    return result


def softmax(x: Any, /, *, axis: int) -> Any:
    pa = _pa()
    axis = reduction_axis("softmax", x, axis)
    x = as_floating(x)
    if 0 in x.shape:
        return pa.asarray(x, copy=True)
    m = pa.max(x, axis=axis, keepdims=True)
    e = pa.exp(pa.subtract(x, pa.where(pa.isfinite(m), m, 0)))
    return _nan_at_infinity(m, pa.divide(e, pa.sum(e, axis=axis, keepdims=True)))


def _nan_at_infinity(m: Any, result: Any) -> Any:
    """NaN for the slices holding +inf (``m`` their maxima), as torch and JAX give."""
    pa = _pa()
    return pa.where(pa.equal(m, math.inf), math.nan, result)


def log_softmax(x: Any, /, *, axis: int) -> Any:
    pa = _pa()
    axis = reduction_axis("log_softmax", x, axis)
    x = as_floating(x)
    if 0 in x.shape:
        return pa.asarray(x, copy=True)
    m = pa.max(x, axis=axis, keepdims=True)
    shifted = pa.subtract(x, pa.where(pa.isfinite(m), m, 0))
    logs = pa.subtract(shifted, pa.log(pa.sum(pa.exp(shifted), axis=axis, keepdims=True)))
    return _nan_at_infinity(m, logs)


def sigmoid(x: Any, /) -> Any:
    pa = _pa()
    x = as_floating(x)
    # exp(-log(1 + exp(-x))): no overflow for large |x| (logaddexp is stable).
    return pa.exp(pa.negative(pa.logaddexp(pa.zeros_like(x), pa.negative(x))))
