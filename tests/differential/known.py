"""The divergences polyarray keeps on purpose, each with its reason in docs/semantics.md.

A divergence the fuzzer finds is either fixed or listed here. Each entry names the row of
``docs/semantics.md`` (its ``topic`` text, which a test checks is there) that says why the
backends may differ, and a predicate saying which (function, mutation label, cause) it
covers. Keep the list short: every entry is a place where the same program can give
different answers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from differential.compare import Divergence
from differential.draw import Call


@dataclass(frozen=True)
class Known:
    topic: str  # words of the docs/semantics.md row that documents it
    functions: str  # a regular expression over qualified function names
    causes: str  # a regular expression over divergence causes
    labels: str = ".*"  # a regular expression over mutation labels
    inputs: Callable[[Call], bool] | None = None  # a further test on the call
    backends: str = ".*"  # a regular expression over the backend compared with NumPy

    def covers(
        self, name: str, label: str, divergence: Divergence, call: Call, backend: str
    ) -> bool:
        return (
            re.fullmatch(self.backends, backend.partition(":")[0]) is not None
            and re.fullmatch(self.functions, name) is not None
            and re.search(self.causes, divergence.cause) is not None
            and re.search(self.labels, label) is not None
            and (self.inputs is None or self.inputs(call))
        )


#: The matrix functions that hand their input to LAPACK (or cuSOLVER) as it is.
_LAPACK = (
    r"linalg\.(cholesky|det|eig|eigh|eigvals|eigvalsh|inv|matrix_rank|pinv|qr|slogdet|"
    r"solve|svd|svdvals|matrix_norm|matrix_power|lstsq)"
)


def _complex_infinity(call: Call) -> bool:
    """Some complex input holds an infinite or NaN part, or one too large or too small
    (but not zero) to square in its dtype (``1 / (a + bj)`` through ``a**2 + b**2``)."""
    for value in call.args:
        if isinstance(value, (np.ndarray, complex)) and np.iscomplexobj(value):
            parts = np.abs(np.stack([np.real(value), np.imag(value)]))
            limit = 1e19 if np.asarray(value).dtype == np.complex64 else 1e150
            if (
                not np.all(np.isfinite(parts))
                or np.any(parts > limit)
                or np.any((parts > 0) & (parts < 1 / limit))
            ):
                return True
    return False


def _near_the_largest_float(call: Call) -> bool:
    """Some floating-point input holds a finite part within a factor 2**16 of its dtype's
    largest value, where a sum inside a transform may overflow (in one order, not another)."""
    for value in call.args:
        if isinstance(value, np.ndarray) and value.dtype.kind in "fc" and value.size:
            parts = np.abs(np.stack([np.real(value), np.imag(value)]))
            finite = parts[np.isfinite(parts)]
            if finite.size and finite.max() > np.finfo(value.dtype).max / 2**16:
                return True
    return False


def _complex_special(call: Call) -> bool:
    """Some complex input holds an infinite or NaN part, or a zero one (whose sign XLA
    may lose)."""
    for value in call.args:
        if isinstance(value, (list, tuple)):
            try:
                value = np.asarray(value)
            except (ValueError, TypeError, OverflowError):  # ragged, or not numbers
                continue
        if isinstance(value, (np.ndarray, complex)) and np.iscomplexobj(value):
            parts = np.stack([np.real(value), np.imag(value)])
            if not np.all(np.isfinite(parts)) or np.any(parts == 0):
                return True
    return False


def _complex_overflow(call: Call) -> bool:
    """A complex product or sum may overflow: some complex input holds an infinite, NaN,
    huge or tiny part, or some input (a real one too) lies near its largest float."""
    if _complex_infinity(call):
        return True
    return any(
        isinstance(v, (np.ndarray, complex)) and np.iscomplexobj(v) for v in call.args
    ) and _near_the_largest_float(call)


def _beyond_precision(call: Call) -> bool:
    """Some matrix is ill-conditioned beyond float32's precision (its condition number,
    computed in float64, above 1e6), or its entries' products overflow float32: the
    default float's answers are rounding noise there."""
    for value in call.args:
        if not (isinstance(value, np.ndarray) and value.ndim >= 2 and value.size):
            continue
        if value.dtype.kind not in "biuf":
            continue
        matrix = value.astype(np.float64)
        with np.errstate(all="ignore"):
            largest = float(np.max(np.abs(matrix)))
            # In logarithms: the power itself overflows Python floats (OverflowError).
            limit = math.log(float(np.finfo(np.float32).max))
            if largest > 0 and max(value.shape[-2:]) * math.log(largest) > limit:
                return True
            try:
                if np.any(~(np.linalg.cond(matrix) < 1e6)):
                    return True
            except np.linalg.LinAlgError:
                return True
    return False


def _subnormal(call: Call) -> bool:
    """Some floating-point input holds a subnormal number (XLA flushes them to zero);
    Python floats in lists count in float32, polyarray's default float."""
    for value in call.args:
        if isinstance(value, (list, tuple)):
            try:
                value = np.asarray(value)
            except (ValueError, TypeError, OverflowError):  # ragged, or not numbers
                continue
            if value.dtype.kind == "f":
                value = value.astype(np.float32)
        if isinstance(value, np.ndarray) and value.dtype.kind in "fc" and value.size:
            parts = np.abs(np.stack([np.real(value), np.imag(value)]))
            tiny = np.finfo(parts.dtype).tiny
            if np.any((parts > 0) & (parts < tiny)):
                return True
    return False


def _complex_pow_at_zero(call: Call) -> bool:
    """A complex ``pow`` (either operand complex) whose base holds a zero, an infinity or
    NaN, whatever the mutation that made it (``arg 0: dtype int8`` turned a base into 0)."""
    try:
        operands = [np.asarray(value) for value in call.args[:2]]
    except (ValueError, TypeError, OverflowError):  # ragged, or not numbers
        return False
    if len(operands) < 2 or not any(np.iscomplexobj(v) for v in operands):
        return False
    base = operands[0]
    if base.dtype.kind not in "biufc":
        return False
    with np.errstate(all="ignore"):
        return bool(np.any(base == 0) or not np.all(np.isfinite(base)))


def _huge_order_norm(call: Call) -> bool:
    """A ``vector_norm`` of a finite order (2 too, the default) whose powers ``|x| ** ord``
    overflow or underflow the dtype (NumPy's inf or 0; torch's ``|x|`` for one element)."""
    order = call.kwargs.get("ord", 2)
    order = 2 if order is None else order
    if not isinstance(order, (int, float)) or isinstance(order, bool):
        return False
    if not math.isfinite(order) or abs(order) < 2 or not call.args:
        return False
    value = call.args[0]
    if isinstance(value, (list, tuple, int, float)):  # (Python input, as pa.asarray takes it)
        value = np.asarray(value, dtype=np.float32 if _floats_only(value) else None)
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "biufc" or not value.size:
        return False
    dtype = value.dtype if value.dtype.kind in "fc" else np.dtype(np.float32)
    limit = math.log(float(np.finfo(dtype).max))
    with np.errstate(all="ignore"):
        magnitudes = np.abs(value.astype(np.complex128 if value.dtype.kind == "c" else float))
        logs = np.log(magnitudes[(magnitudes > 0) & np.isfinite(magnitudes)])
    return bool(logs.size and np.max(np.abs(logs)) * abs(order) > limit)


def _floats_only(value: object) -> bool:
    """Whether Python input holds floats, which polyarray takes in the default float32."""
    return bool(np.asarray(value).dtype.kind == "f")


def _float_out_of_integer_range(call: Call) -> bool:
    """Floats cast to an integer dtype (a ``dtype`` argument, or ``astype``'s second) where
    some value, truncated, lies outside its range, or is NaN or infinite."""
    target = call.kwargs.get("dtype", call.args[1] if len(call.args) > 1 else None)
    try:
        dtype = np.dtype(str(target))
    except TypeError:
        return False
    if dtype.kind not in "iu":
        return False
    info = np.iinfo(dtype)
    for value in call.args[:1]:
        if isinstance(value, np.ndarray) and value.dtype.kind in "fc" and value.size:
            with np.errstate(all="ignore"):
                real = np.trunc(np.real(value).astype(np.float64))
            if np.any(~np.isfinite(real) | (real < info.min) | (real > info.max)):
                return True
    return False


KNOWN: list[Known] = [
    Known(
        topic="Complex products and quotients whose parts are infinite, NaN or overflow",
        functions=r"reciprocal|divide|multiply|prod|cumulative_prod|(linalg\.)?(vecdot|matmul|tensordot|outer)|linalg\.trace|einsum",
        causes="values",
        inputs=_complex_overflow,
    ),
    Known(
        topic="`var` and `std` of values near the largest finite float",
        functions="var|std",
        causes="values",
        inputs=_near_the_largest_float,
    ),
    Known(
        topic="Matrix functions of ill-conditioned matrices, or of entries whose products overflow",
        functions=_LAPACK,
        causes=r"values|only \w+ raised LinAlgError",
        inputs=_beyond_precision,
    ),
    Known(
        topic="Complex `pow` at zero and at infinities (other than `x ** 0`)",
        functions="pow",
        causes="values",
        labels="special values|dtype complex|complex",
    ),
    Known(
        topic="Complex `pow` at zero and at infinities (other than `x ** 0`)",
        functions="pow",
        causes="values",
        inputs=_complex_pow_at_zero,
    ),
    Known(
        topic="`vector_norm` of a finite order whose powers overflow",
        functions=r"linalg\.vector_norm",
        causes="values",
        inputs=_huge_order_norm,
    ),
    Known(
        topic="FFTs of input holding NaN or an infinity",
        functions=r"fft\.(fft|ifft|rfft|irfft|hfft|ihfft|fftn|ifftn|rfftn|irfftn)",
        causes="values",
        labels="special values",
    ),
    Known(
        topic="FFTs of values near the largest finite float",
        functions=r"fft\.(fft|ifft|rfft|irfft|hfft|ihfft|fftn|ifftn|rfftn|irfftn)",
        causes="values",
        inputs=_near_the_largest_float,
    ),
    Known(
        topic="Not unified on JAX",
        # (the other complex functions take NumPy's special cases and zero signs on JAX
        # too: backends/jax/_complex_cases.py, tests/test_complex_special_values.py)
        functions=r"reciprocal|divide|multiply|pow",
        causes="values",
        inputs=_complex_special,
        backends="jax",
    ),
    Known(
        topic="Not unified on JAX",
        functions=".*",
        causes=".*",
        inputs=_subnormal,
        backends="jax",
    ),
    Known(
        topic="Floats out of an integer dtype's range, NaN or infinities, cast to it",
        functions=r"astype|(nan)?(sum|prod)|cumulative_(sum|prod)|linalg\.trace",
        causes="values",
        inputs=_float_out_of_integer_range,
        backends="jax",
    ),
    Known(
        topic="A matrix holding NaN or an infinity, given to a decomposition or a solver",
        functions=_LAPACK,
        causes=".*",
        labels="special values",
    ),
]


def known(name: str, label: str, divergence: Divergence, call: Call, backend: str) -> Known | None:
    """The entry that documents this divergence of ``backend`` from NumPy, or None."""
    return next((k for k in KNOWN if k.covers(name, label, divergence, call, backend)), None)
