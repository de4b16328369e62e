"""Assertions for tests of array code that runs on any backend: ``polyarray.testing``.

:func:`assert_close` and :func:`assert_equal` compare a native array (``numpy.ndarray``,
``torch.Tensor``, ...) with an expected array or Python value. Before any value is
compared they check what a value comparison would hide: that both arrays belong to the
same backend, have the same dtype and shape and live on the same device. Then they
compare the values on the host, with a tolerance chosen from the dtype, and say which
elements differ and by how much.

>>> import polyarray as pa
>>> from polyarray.testing import assert_close
>>> assert_close(pa.linspace(0, 1, 3), [0.0, 0.5, 1.0])

A failure raises ``AssertionError``; under pytest the traceback stops at the test's own
line, not inside this module.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from polyarray._dispatch import backend_of
from polyarray._dtypes import canonical_name
from polyarray._interop import to_numpy
from polyarray.backends import Backend
from polyarray.errors import PolyarrayError

__all__ = ["assert_close", "assert_equal", "default_tolerance"]

# (rtol, atol) by dtype: torch.testing's defaults, which its users already know. A few
# units in the last place relative, plus an absolute floor for values near zero; float64's
# rtol of 1e-7 (not ~1e-15) leaves room for sums and products whose rounding grows with
# their size. Every dtype not listed (integers, bool) is compared exactly.
_TOLERANCES: dict[str, tuple[float, float]] = {
    "float16": (1e-3, 1e-5),
    "bfloat16": (1.6e-2, 1e-5),
    "float32": (1.3e-6, 1e-5),
    "float64": (1e-7, 1e-7),
    "complex32": (1e-3, 1e-5),
    "complex64": (1.3e-6, 1e-5),
    "complex128": (1e-7, 1e-7),
}

_LITERALS = (bool, int, float, complex, list, tuple)
_SHOWN_MISMATCHES = 5


class _Side:
    """One side of a comparison: the value, its backend, and what describes it."""

    def __init__(self, role: str, value: Any, backend: Backend | None) -> None:
        self.role = role
        self.value = value
        self.backend = backend
        self.host: np.ndarray[Any, Any] | None
        if backend is None:  # a Python literal: no backend, dtype or device of its own
            self.host = _literal_to_host(role, value)
            self.dtype: str | None = None
            self.device: str | None = None
        else:
            self.host = None
            self.dtype = _dtype_name(value.dtype)
            self.device = backend.device_of(value)
        self.shape = tuple(int(n) for n in (self.host if self.host is not None else value).shape)

    def describe(self) -> str:
        if self.backend is None:
            return f"a Python {type(self.value).__name__}, shape {self.shape}"
        kind = type(self.value)
        return (
            f"{self.backend.name} {self.dtype} array of shape {self.shape} on {self.device} "
            f"({kind.__module__}.{kind.__qualname__})"
        )

    def on_host(self) -> np.ndarray[Any, Any]:
        if self.host is None:
            self.host = _to_host(self.value, self.backend)
        return self.host


def _dtype_name(dtype: Any) -> str:
    try:
        return canonical_name(dtype)
    except PolyarrayError:  # a dtype outside the standard: torch.bfloat16, numpy.float16
        text = dtype.__name__ if isinstance(dtype, type) else str(dtype)
        return text.rpartition(".")[2]


def _literal_to_host(role: str, value: Any) -> np.ndarray[Any, Any]:
    try:
        host = np.asarray(value)
    except ValueError as exc:  # ragged nested lists
        raise TypeError(f"{role} is a list that is not rectangular ({exc}).") from None
    if host.dtype.kind not in "biufc":
        raise TypeError(
            f"{role} must be an array or a Python number or (nested) list of numbers, "
            f"not {value!r}."
        )
    return host


def _to_host(x: Any, backend: Backend | None) -> np.ndarray[Any, Any]:
    try:
        return np.asarray(to_numpy(x))
    except (TypeError, BufferError, RuntimeError, ValueError):
        if backend is None:
            raise
        # NumPy has no such dtype (torch.bfloat16): widen on the array's own backend first;
        # every value of a narrower float is exact in float64.
        wide = "complex128" if "complex" in _dtype_name(x.dtype) else "float64"
        widened = backend.table["astype"](x, backend.native_dtype(wide))
        return np.asarray(to_numpy(widened))


def _side(role: str, value: Any, *, array_required: bool) -> _Side:
    __tracebackhide__ = True
    backend = backend_of(value)
    if backend is None and (array_required or not isinstance(value, _LITERALS)):
        kind = f"{type(value).__module__}.{type(value).__qualname__}"
        if array_required:
            raise TypeError(
                f"actual must be a native array of an imported backend (numpy.ndarray, "
                f"torch.Tensor, ...), not {kind}. For Python numbers use pytest.approx, or "
                "pass the array they came from."
            )
        raise TypeError(
            f"desired must be a native array (numpy.ndarray, torch.Tensor, ...) or a Python "
            f"number or (nested) list of numbers, not {kind}."
        )
    return _Side(role, value, backend)


def default_tolerance(dtype: Any) -> tuple[float, float]:
    """The ``(rtol, atol)`` that :func:`assert_close` uses for arrays of ``dtype``.

    ``(0.0, 0.0)``, an exact comparison, for integer and boolean dtypes.

    Examples
    --------
    >>> import polyarray as pa
    >>> from polyarray.testing import default_tolerance
    >>> default_tolerance(pa.float32)
    (1.3e-06, 1e-05)
    >>> default_tolerance("int64")
    (0.0, 0.0)
    """
    return _TOLERANCES.get(_dtype_name(dtype), (0.0, 0.0))


def _checked_tolerance(name: str, value: Any) -> float:
    __tracebackhide__ = True
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a real number, not {value!r}.")
    if not (value >= 0 and math.isfinite(value)):
        raise ValueError(f"{name} must be finite and >= 0, not {value!r}.")
    return float(value)


def _metadata_differences(
    actual: _Side,
    desired: _Side,
    *,
    check_backend: bool,
    check_dtype: bool,
    check_shape: bool,
    check_device: bool,
) -> list[str]:
    lines = []
    both_arrays = actual.backend is not None and desired.backend is not None
    if (
        check_backend
        and both_arrays
        and actual.backend is not None
        and desired.backend is not None
        and actual.backend.name != desired.backend.name
    ):
        lines.append(
            f"backend: actual is a {actual.backend.name} array, desired a "
            f"{desired.backend.name} array. Convert one with pa.to_backend(x, "
            f"{actual.backend.name!r}), or pass check_backend=False to compare values only."
        )
    if check_dtype and both_arrays and actual.dtype != desired.dtype:
        lines.append(
            f"dtype: actual is {actual.dtype}, desired {desired.dtype}. Cast one with "
            "pa.astype, or pass check_dtype=False."
        )
    if check_shape and actual.shape != desired.shape:
        lines.append(
            f"shape: actual is {actual.shape}, desired {desired.shape}. Pass "
            "check_shape=False to compare after broadcasting."
        )
    if check_device and both_arrays and actual.device != desired.device:
        lines.append(
            f"device: actual is on {actual.device}, desired on {desired.device}. Move one "
            "with pa.to_backend, or pass check_device=False."
        )
    return lines


def _format_index(index: tuple[Any, ...]) -> str:
    return "(" + ", ".join(str(int(i)) for i in index) + ("," if len(index) == 1 else "") + ")"


def _as_numbers(host: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    # Differences of bool or unsigned arrays would wrap or fail; float64/complex128 do not.
    return host.astype(np.complex128 if host.dtype.kind == "c" else np.float64)


def _mismatch_report(
    actual: np.ndarray[Any, Any],
    desired: np.ndarray[Any, Any],
    close: np.ndarray[Any, Any],
    allowed: tuple[float, float] | None,
) -> list[str]:
    mismatched = ~close
    count = int(mismatched.sum())
    numeric = True
    lines = [
        f"Mismatched elements: {count} / {close.size} ({100 * count / close.size:.3g}%)",
    ]
    if "b" in (actual.dtype.kind, desired.dtype.kind):
        numeric = False  # differences of truth values mean nothing
    a, d = _as_numbers(actual), _as_numbers(desired)
    with np.errstate(all="ignore"):  # inf - inf and x / 0 are expected here
        absolute = np.abs(a - d)
        relative = absolute / np.abs(d)
    finite = mismatched & np.isfinite(absolute)
    if numeric and finite.any():
        for label, values, limit_index in (("absolute", absolute, 1), ("relative", relative, 0)):
            candidates = np.where(finite & ~np.isnan(values), values, -np.inf)
            where = np.unravel_index(int(np.argmax(candidates)), close.shape)
            limit = "" if allowed is None else f" (tolerance: {allowed[limit_index]:g})"
            lines.append(
                f"Greatest {label} difference: {float(values[where]):g} at index "
                f"{_format_index(where)}{limit}"
            )
    if numeric and count - int(finite.sum()):
        lines.append(
            f"{count - int(finite.sum())} mismatch(es) involve inf or NaN on one side only"
        )
    lines.append("First mismatches (index: actual vs desired):")
    indices = list(zip(*np.nonzero(mismatched), strict=True)) if mismatched.ndim else [()]
    lines.extend(
        f"  {_format_index(index)}: {actual[index]} vs {desired[index]}"
        for index in indices[:_SHOWN_MISMATCHES]
    )
    return lines


def _tolerance(
    given: tuple[float | None, float | None] | None, actual: _Side, desired: _Side
) -> tuple[float, float]:
    """(rtol, atol): what was given, else the loosest default of the two dtypes."""
    if given is None:
        return 0.0, 0.0
    defaults = [default_tolerance(side.dtype) for side in (actual, desired) if side.dtype]
    rtol = max((d[0] for d in defaults), default=0.0) if given[0] is None else given[0]
    atol = max((d[1] for d in defaults), default=0.0) if given[1] is None else given[1]
    return rtol, atol


def _compare(
    name: str,
    actual: Any,
    desired: Any,
    *,
    tolerance: tuple[float | None, float | None] | None,
    equal_nan: bool,
    check_backend: bool,
    check_dtype: bool,
    check_shape: bool,
    check_device: bool,
    err_msg: str,
) -> None:
    __tracebackhide__ = True
    first = _side("actual", actual, array_required=True)
    second = _side("desired", desired, array_required=False)
    header = f"{err_msg}\n{name}:" if err_msg else f"{name}:"
    differences = _metadata_differences(
        first,
        second,
        check_backend=check_backend,
        check_dtype=check_dtype,
        check_shape=check_shape,
        check_device=check_device,
    )
    if differences:
        raise AssertionError(
            "\n".join(
                [
                    f"{header} the arrays differ before any value is compared.",
                    *(f"  {line}" for line in differences),
                    f"  actual:  {first.describe()}",
                    f"  desired: {second.describe()}",
                ]
            )
        )
    a, d = first.on_host(), second.on_host()
    if a.shape != d.shape:
        try:
            a, d = np.broadcast_arrays(a, d)
        except ValueError:
            raise AssertionError(
                f"{header} shapes {first.shape} and {second.shape} do not broadcast together."
            ) from None
    rtol, atol = _tolerance(tolerance, first, second)
    if rtol == 0.0 and atol == 0.0:
        # Exact: == on the host, NaN equal to NaN where asked (isclose would not compare
        # bool arrays, and would round huge integers through float64).
        with np.errstate(invalid="ignore"):
            close = np.asarray(a == d)
        if equal_nan and a.dtype.kind in "fc" and d.dtype.kind in "fc":
            close |= np.isnan(a) & np.isnan(d)
        criterion = "equal"
        allowed: tuple[float, float] | None = None
    else:
        with np.errstate(all="ignore"):
            close = np.isclose(_as_numbers(a), _as_numbers(d), rtol, atol, equal_nan)
        criterion = f"close (rtol={rtol:g}, atol={atol:g})"
        allowed = (rtol, atol)
    if bool(close.all()):
        return
    raise AssertionError(
        "\n".join(
            [
                f"{header} arrays are not {criterion}.",
                *_mismatch_report(a, d, close, allowed),
                f"actual:  {first.describe()}",
                f"  {np.array2string(a, threshold=20, prefix='  ')}",
                f"desired: {second.describe()}",
                f"  {np.array2string(d, threshold=20, prefix='  ')}",
            ]
        )
    )


def assert_close(
    actual: Any,
    desired: Any,
    /,
    *,
    rtol: float | None = None,
    atol: float | None = None,
    equal_nan: bool = True,
    check_backend: bool = True,
    check_dtype: bool = True,
    check_shape: bool = True,
    check_device: bool = True,
    err_msg: str = "",
) -> None:
    """Assert that two arrays of any backend agree in type and are close in value.

    First the backend, dtype, shape and device of ``actual`` and ``desired`` must match;
    then every element must satisfy ``|actual - desired| <= atol + rtol * |desired|``.
    Integer and boolean arrays are compared exactly unless a tolerance is given.

    Parameters
    ----------
    actual
        The array under test: a native array of any backend (``numpy.ndarray``,
        ``torch.Tensor``, ...), on any device.
    desired
        The expected array, or a Python number or (nested) list; a Python value has no
        backend, dtype or device, so only its shape and values are checked.
    rtol, atol
        Relative and absolute tolerance. By default both come from the dtype of ``actual``
        (the less precise dtype when ``check_dtype=False``): see :func:`default_tolerance`.
    equal_nan
        NaN in the same place on both sides counts as equal.
    check_backend, check_dtype, check_shape, check_device
        Turn off one check. Without the shape check, values are compared after
        broadcasting.
    err_msg
        Text put at the start of the failure message.

    Raises
    ------
    AssertionError
        With what differs: the metadata, or the number of mismatched elements, the
        greatest differences with their indices, and the first mismatches.
    TypeError
        If ``actual`` is not an array of an imported backend, or ``desired`` is neither
        an array nor Python numbers.
    ValueError
        If a tolerance is negative or not finite.

    Examples
    --------
    >>> import polyarray as pa
    >>> from polyarray.testing import assert_close
    >>> x = pa.asarray([0.5, 1.0, 3.4])
    >>> assert_close(pa.mean(x), 1.6333333)
    >>> assert_close(x, pa.asarray([0.5, 1.0, 3.4]) + 1e-7)
    """
    __tracebackhide__ = True
    _compare(
        "assert_close",
        actual,
        desired,
        tolerance=(
            None if rtol is None else _checked_tolerance("rtol", rtol),
            None if atol is None else _checked_tolerance("atol", atol),
        ),
        equal_nan=equal_nan,
        check_backend=check_backend,
        check_dtype=check_dtype,
        check_shape=check_shape,
        check_device=check_device,
        err_msg=err_msg,
    )


def assert_equal(
    actual: Any,
    desired: Any,
    /,
    *,
    equal_nan: bool = True,
    check_backend: bool = True,
    check_dtype: bool = True,
    check_shape: bool = True,
    check_device: bool = True,
    err_msg: str = "",
) -> None:
    """Assert that two arrays of any backend agree in type and are exactly equal.

    The same checks as :func:`assert_close`, then every element must be equal (``-0.0``
    equals ``0.0``; NaN equals NaN in the same place unless ``equal_nan=False``).

    Parameters
    ----------
    actual
        The array under test: a native array of any backend, on any device.
    desired
        The expected array, or a Python number or (nested) list (only its shape and values
        are checked).
    equal_nan, check_backend, check_dtype, check_shape, check_device, err_msg
        As for :func:`assert_close`.

    Raises
    ------
    AssertionError
        With what differs (see :func:`assert_close`).
    TypeError
        If ``actual`` is not an array of an imported backend, or ``desired`` is neither
        an array nor Python numbers.

    Examples
    --------
    >>> import polyarray as pa
    >>> from polyarray.testing import assert_equal
    >>> assert_equal(pa.reshape(pa.arange(6), (2, 3)), [[0, 1, 2], [3, 4, 5]])
    """
    __tracebackhide__ = True
    _compare(
        "assert_equal",
        actual,
        desired,
        tolerance=None,
        equal_nan=equal_nan,
        check_backend=check_backend,
        check_dtype=check_dtype,
        check_shape=check_shape,
        check_device=check_device,
        err_msg=err_msg,
    )


def __dir__() -> list[str]:
    # dir() shows the public names only, as dir(polyarray) does: the imports and helpers
    # above are no names for users.
    return list(__all__)
