"""Running one call on two backends and saying how their outcomes differ.

An outcome is a result or an exception. Two outcomes agree when both raised the same kind
of exception (the same polyarray class, else the same standard-library family), or when
both returned results of the same kind (array, tuple, dtype, Python value) whose arrays
have the same dtype, shape and values (within a tolerance set by the dtype). A call also
diverges when it writes into one of its inputs, on any backend.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

import polyarray as pa
from differential.draw import Call
from polyarray import _names, errors
from polyarray._dispatch import backend_of
from polyarray._dtypes import canonical_name
from polyarray._names import Dispatch


@dataclass(frozen=True)
class Divergence:
    """How two outcomes differ: ``cause`` groups alike divergences, ``detail`` says more."""

    cause: str
    detail: str


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None


def function(name: str) -> Callable[..., Any]:
    """``pa.name``, ``pa.linalg.name`` or ``pa.fft.name`` from a qualified name."""
    prefix, _, short = name.rpartition(".")
    return getattr(getattr(pa, prefix) if prefix else pa, short)  # type: ignore[no-any-return]


def _convert(value: Any, spec: str, slot: bool) -> Any:
    # NumPy arrays stand for arrays of the backend; so do NumPy scalars where an array goes
    # (elsewhere, as an axis or a count, they are numbers and stay as they are).
    if isinstance(value, np.ndarray) or (slot and isinstance(value, np.generic)):
        return pa.to_backend(np.asarray(value), spec)
    if isinstance(value, (list, tuple)) and any(isinstance(v, np.ndarray) for v in value):
        return type(value)(_convert(v, spec, slot) for v in value)
    return value


def _array_slots(name: str, count: int) -> range:
    kind = _names.functions()[name]
    if kind is Dispatch.ARRAY or kind is Dispatch.SEQUENCE:
        return range(min(count, 1))
    if kind is Dispatch.BINARY:
        return range(min(count, 2))
    return range(count if kind is Dispatch.VARIADIC else 0)


def run(name: str, call: Call, spec: str) -> Outcome:
    """The outcome of ``pa.name(*call.args, **call.kwargs)`` with arrays of ``spec``."""
    slots = _array_slots(name, len(call.args))
    args = tuple(_convert(a, spec, i in slots) for i, a in enumerate(call.args))
    kwargs = {k: _convert(v, spec, False) for k, v in call.kwargs.items()}
    with pa.use_backend(spec), warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return Outcome(value=function(name)(*args, **kwargs))
        except Exception as exc:
            return Outcome(error=exc)


_FAMILIES = (
    MemoryError,
    ZeroDivisionError,
    OverflowError,
    IndexError,
    KeyError,
    ValueError,
    TypeError,
    NotImplementedError,
    RuntimeError,
)


def exception_kind(exc: BaseException) -> type[BaseException]:
    """The most specific polyarray class, else the standard-library family."""
    for cls in type(exc).__mro__:
        if issubclass(cls, errors.PolyarrayError) and cls is not errors.PolyarrayError:
            return cls
    for family in _FAMILIES:
        if isinstance(exc, family):
            return family
    return type(exc)


def _arrays_in(value: Any) -> list[np.ndarray]:
    if isinstance(value, np.ndarray):
        return [value]
    if isinstance(value, (list, tuple)):
        return [a for v in value for a in _arrays_in(v)]
    return []


def snapshot(call: Call) -> list[np.ndarray]:
    """Copies of every input array, to find out later whether a call wrote into one."""
    return [a.copy() for v in (*call.args, *call.kwargs.values()) for a in _arrays_in(v)]


def written_input(call: Call, before: list[np.ndarray]) -> Divergence | None:
    after = [a for v in (*call.args, *call.kwargs.values()) for a in _arrays_in(v)]
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        if not np.array_equal(old, new, equal_nan=old.dtype.kind in "fc"):
            return Divergence("wrote into an input", f"input array {i} changed")
    return None


def compare(
    name: str, call: Call, expected: Outcome, actual: Outcome, spec: str
) -> Divergence | None:
    """How the outcome on ``spec`` differs from NumPy's, or None if they agree."""
    if expected.error is not None or actual.error is not None:
        return _compare_errors(expected.error, actual.error, spec)
    try:
        if call.compare == "values":
            _assert_match(expected.value, actual.value, f"pa.{name}", spec, call)
        else:
            _compare_invariants(name, call, expected.value, actual.value, spec)
    except AssertionError as exc:
        cause, _, detail = str(exc).partition("|")
        return Divergence(cause, detail.strip()[:600])
    return None


def _compare_errors(
    expected: BaseException | None, actual: BaseException | None, spec: str
) -> Divergence | None:
    if expected is None:
        kind = exception_kind(actual)  # type: ignore[arg-type]
        return Divergence(f"only {spec} raised {kind.__name__}", repr(actual)[:300])
    if actual is None:
        kind = exception_kind(expected)
        return Divergence(f"only numpy raised {kind.__name__}", repr(expected)[:300])
    expected_kind, actual_kind = exception_kind(expected), exception_kind(actual)
    if expected_kind is actual_kind:
        return None
    return Divergence(
        f"numpy raised {expected_kind.__name__}, {spec} {actual_kind.__name__}",
        f"{expected!r} / {actual!r}"[:600],
    )


def _host(x: Any) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def _tolerance(dtype: np.dtype[Any]) -> tuple[float, float]:
    single = dtype in (np.float32, np.complex64)
    return (2e-4, 1e-4) if single else (1e-9, 1e-9)


def _input_scale(call: Call) -> float:
    """The largest finite magnitude among the floating-point inputs (1 at least)."""
    scale = 1.0
    for a in _arrays_in(list(call.args)):
        if a.dtype.kind in "fc" and a.size:
            finite = np.abs(a[np.isfinite(a)])
            scale = max(scale, float(finite.max(initial=0.0)))
    return scale


def _fail(cause: str, detail: str) -> AssertionError:
    return AssertionError(f"{cause}|{detail}")


#: Results with more elements than this are compared at their corners only.
_MAX_COMPARED = 2**26


def _assert_arrays_match(expected: Any, actual: Any, where: str, spec: str, call: Call) -> None:
    backend = backend_of(actual)
    if backend is None or backend.name != spec.partition(":")[0]:
        raise _fail("result is not an array of the backend", f"{where}: {type(actual)}")
    if type(expected) is not np.ndarray:
        raise _fail("result is not an array", f"{where}: numpy gave {type(expected).__name__}")
    exp, act = _host(expected), _host(actual)
    if exp.dtype != act.dtype:
        raise _fail(f"dtype: numpy {exp.dtype}, {spec} {act.dtype}", where)
    if exp.shape != act.shape:
        raise _fail("shape", f"{where}: numpy {exp.shape}, {spec} {act.shape}")
    if exp.size > _MAX_COMPARED and exp.ndim:
        # Broadcast views of 2**62 elements (broadcast_to): comparing every value would
        # allocate exabytes, so the first and last elements stand for them.
        corners = [(0,) * exp.ndim, (-1,) * exp.ndim]
        exp, act = np.stack([exp[c] for c in corners]), np.stack([act[c] for c in corners])
    if exp.dtype.kind == "c":
        # Compare the parts: infinities and NaN in complex numbers compare badly whole.
        exp, act = np.stack([exp.real, exp.imag]), np.stack([act.real, act.imag])
    try:
        if exp.dtype.kind == "f":
            rtol, atol = _tolerance(exp.dtype)
            finite = np.abs(exp[np.isfinite(exp)])
            scale = max(float(finite.max(initial=1.0)), _input_scale(call))
            np.testing.assert_allclose(act, exp, rtol=rtol, atol=atol * scale, equal_nan=True)
        else:
            np.testing.assert_array_equal(act, exp)
    except AssertionError as exc:
        raise _fail("values", f"{where}: {str(exc).strip()[:400]}") from None


def _assert_match(expected: Any, actual: Any, where: str, spec: str, call: Call) -> None:
    if isinstance(expected, (tuple, list)):
        # Named results may be of each framework's own class: the same fields are what
        # counts (a list stays a list, a tuple a tuple).
        same = isinstance(actual, tuple) if isinstance(expected, tuple) else type(actual) is list
        fields = getattr(expected, "_fields", ()), getattr(actual, "_fields", ())
        if not same or len(expected) != len(actual) or (all(fields) and fields[0] != fields[1]):
            raise _fail("result kind", f"{where}: {type(actual).__name__} of {len(actual)}")
        for i, field_name in enumerate(getattr(expected, "_fields", ())):
            # Named results: the same fields by name on every backend.
            _assert_match(
                expected[i], getattr(actual, field_name), f"{where}.{field_name}", spec, call
            )
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            _assert_match(e, a, f"{where}[{i}]", spec, call)
    elif _is_dtype(expected):
        if not _is_dtype(actual) or canonical_name(actual) != canonical_name(expected):
            raise _fail("dtype result", f"{where}: {actual} != {expected}")
    elif hasattr(expected, "shape") and hasattr(expected, "dtype"):
        _assert_arrays_match(expected, actual, where, spec, call)
    elif type(expected) is not type(actual):
        raise _fail("result kind", f"{where}: numpy {expected!r}, {spec} {actual!r}")
    elif expected != actual and not _both_nan(expected, actual):
        raise _fail("values", f"{where}: numpy {expected!r}, {spec} {actual!r}")


def _both_nan(a: Any, b: Any) -> bool:
    return isinstance(a, float) and isinstance(b, float) and a != a and b != b


def _is_dtype(value: Any) -> bool:
    if isinstance(value, (str, bool, int, float, complex, np.ndarray, np.generic)):
        return False
    if backend_of(value) is not None:
        return False
    try:
        canonical_name(value)
    except (errors.UnknownDtypeError, TypeError):
        return False
    return True


def _compare_invariants(name: str, call: Call, expected: Any, actual: Any, spec: str) -> None:
    """Decompositions are unique only up to signs: compare what is unique."""
    x = np.asarray(call.args[0])
    if call.compare == "shape and dtype":
        exp, act = _host(expected), _host(actual)
        if (exp.shape, exp.dtype) != (act.shape, act.dtype):
            raise _fail("shape or dtype", f"{name}: {act.shape} {act.dtype}")
        return
    finite = np.abs(x[np.isfinite(x)]) if x.dtype.kind in "fc" else np.abs(x)
    spread = max(float(finite.max(initial=0.0)), 1.0) * 1e-3
    if call.compare == "eigh":
        _assert_match(expected.eigenvalues, actual.eigenvalues, f"{name}.eigenvalues", spec, call)
        w, v = _host(actual.eigenvalues), _host(actual.eigenvectors)
        rebuilt = (v * w[..., None, :]) @ np.conj(np.swapaxes(v, -1, -2))
        # eigh reads the lower triangle only (on every backend): rebuild that matrix.
        lower = np.tril(x)
        hermitian = lower + np.conj(np.swapaxes(np.tril(x, -1), -1, -2))
        _close(rebuilt, hermitian, spread, name)
        return
    if call.compare in ("eig", "eigvals"):
        # Eigenvalues of a general matrix come in no set order: match them as a multiset.
        values = expected if call.compare == "eigvals" else expected.eigenvalues
        found = actual if call.compare == "eigvals" else actual.eigenvalues
        _assert_same_multiset(_host(values), _host(found), f"{name} eigenvalues")
        if call.compare == "eig":
            w, v = _host(actual.eigenvalues), _host(actual.eigenvectors)
            if v.dtype != _host(expected.eigenvectors).dtype:
                raise _fail("dtype", f"{name}.eigenvectors {v.dtype}")
            _close(x @ v, v * w[..., None, :], spread, name)
        return
    if call.compare == "qr":
        q, r = _host(actual.Q), _host(actual.R)
        if (q.dtype, q.shape) != (_host(expected.Q).dtype, _host(expected.Q).shape):
            raise _fail("shape or dtype", f"{name}.Q {q.shape} {q.dtype}")
        _close(q @ r, x, spread, name)
        return
    if call.compare == "svd":
        _assert_match(expected.S, actual.S, f"{name}.S", spec, call)
        u, s, vh = _host(actual.U), _host(actual.S), _host(actual.Vh)
        _close((u * s[..., None, :]) @ vh, x, spread, name)
        return
    raise AssertionError(call.compare)


def _close(actual: np.ndarray, expected: np.ndarray, atol: float, name: str) -> None:
    try:
        np.testing.assert_allclose(actual, expected, rtol=1e-3, atol=atol)
    except AssertionError as exc:
        raise _fail("values", f"{name}: {str(exc).strip()[:400]}") from None


def _assert_same_multiset(expected: np.ndarray, actual: np.ndarray, where: str) -> None:
    if (expected.dtype, expected.shape) != (actual.dtype, actual.shape):
        raise _fail("shape or dtype", f"{where}: {actual.shape} {actual.dtype}")
    tolerance = 1e-3 * max(float(np.abs(expected).max(initial=0.0)), 1.0)
    for exp_row, act_row in zip(
        expected.reshape(-1, expected.shape[-1]), actual.reshape(-1, actual.shape[-1]), strict=True
    ):
        unused = list(act_row)
        for value in exp_row:
            nearest = min(range(len(unused)), key=lambda i: abs(unused[i] - value))
            if abs(unused[nearest] - value) > tolerance:
                raise _fail("values", f"{where}: {value} not found")
            unused.pop(nearest)
