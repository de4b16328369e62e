"""The divergences polyarray keeps on purpose, each with its reason in docs/semantics.md.

A divergence the fuzzer finds is either fixed or listed here. Each entry names the row of
``docs/semantics.md`` (its ``topic`` text, which a test checks is there) that says why the
backends may differ, and a predicate saying which (function, mutation label, cause) it
covers. Keep the list short: every entry is a place where the same program can give
different answers.
"""

from __future__ import annotations

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

    def covers(self, name: str, label: str, divergence: Divergence, call: Call) -> bool:
        return (
            re.fullmatch(self.functions, name) is not None
            and re.search(self.causes, divergence.cause) is not None
            and re.search(self.labels, label) is not None
            and (self.inputs is None or self.inputs(call))
        )


#: The matrix functions that hand their input to LAPACK (or cuSOLVER) as it is.
_LAPACK = (
    r"linalg\.(cholesky|det|eig|eigh|eigvals|eigvalsh|inv|matrix_rank|pinv|qr|slogdet|"
    r"solve|svd|svdvals|matrix_norm|matrix_power)"
)


def _complex_infinity(call: Call) -> bool:
    """Some complex input holds an infinite or NaN part, or one too large to square."""
    for value in call.args:
        if isinstance(value, (np.ndarray, complex)) and np.iscomplexobj(value):
            parts = np.abs(np.stack([np.real(value), np.imag(value)]))
            if (
                not np.all(np.isfinite(parts))
                or np.any(parts > 1e150)
                or np.any((parts > 0) & (parts < 1e-150))
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


KNOWN: list[Known] = [
    Known(
        topic="Complex products and quotients whose parts are infinite, NaN or overflow",
        functions=r"reciprocal|divide|multiply|(linalg\.)?(vecdot|matmul|tensordot|outer)|linalg\.trace",
        causes="values",
        inputs=_complex_infinity,
    ),
    Known(
        topic="Complex `pow` at zero and at infinities (other than `x ** 0`)",
        functions="pow",
        causes="values",
        labels="special values|dtype complex|complex",
    ),
    Known(
        topic="FFTs of values near the largest finite float",
        functions=r"fft\.(fft|ifft|rfft|irfft|hfft|ihfft|fftn|ifftn|rfftn|irfftn)",
        causes="values",
        inputs=_near_the_largest_float,
    ),
    Known(
        topic="A matrix holding NaN or an infinity, given to a decomposition or a solver",
        functions=_LAPACK,
        causes=".*",
        labels="special values",
    ),
]


def known(name: str, label: str, divergence: Divergence, call: Call) -> Known | None:
    """The entry that documents this divergence, or None."""
    return next((k for k in KNOWN if k.covers(name, label, divergence, call)), None)
