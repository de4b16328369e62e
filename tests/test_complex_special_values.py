"""Complex element-wise functions at every pair of special parts, against NumPy.

Each part is one of ±0, ±1.5, ±inf, NaN: the standard's special cases (C99 Annex G) and
the signs of zeros across branch cuts. JAX's kernels dropped signs of zero parts and missed
many cases with infinities and NaN (backends/jax/_complex_cases.py).
"""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest

import polyarray as pa

# NumPy warns of the NaN and infinities these inputs are made of.
pytestmark = [
    pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning"),
    pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning"),
    pytest.mark.filterwarnings("ignore:divide by zero encountered:RuntimeWarning"),
]

_PARTS = (0.0, -0.0, 1.5, -1.5, math.inf, -math.inf, math.nan)
_GRID = np.array([complex(a, b) for a, b in itertools.product(_PARTS, _PARTS)])

_FUNCTIONS = [
    "sqrt",
    "log",
    "log2",
    "log10",
    "log1p",
    "exp",
    "expm1",
    "sin",
    "cos",
    "tan",
    "sinh",
    "cosh",
    "tanh",
    "asin",
    "acos",
    "atan",
    "asinh",
    "acosh",
    "atanh",
]


def _expected(name: str) -> np.ndarray:
    with warnings.catch_warnings(), pa.use_backend("numpy"):
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.asarray(getattr(pa, name)(_GRID))


def _same_part(got: float, want: float) -> bool:
    if math.isnan(want) or math.isnan(got):
        return math.isnan(want) and math.isnan(got)
    if want == 0 and got == 0:
        return math.copysign(1, want) == math.copysign(1, got)
    return math.isclose(got, want, rel_tol=1e-12)


@pytest.mark.parametrize("name", _FUNCTIONS)
def test_complex_special_values_as_numpy(xp: object, name: str) -> None:
    want = _expected(name)
    got = pa.to_numpy(getattr(pa, name)(pa.asarray(_GRID)))
    wrong = [
        f"{z} -> {g} (NumPy {w})"
        for z, g, w in zip(_GRID, got, want, strict=True)
        if not (_same_part(g.real, w.real) and _same_part(g.imag, w.imag))
    ]
    assert not wrong, f"pa.{name}: " + "; ".join(wrong)


@pytest.mark.parametrize("name", ["sqrt", "sinh", "atan", "acosh"])
def test_complex_special_values_in_complex64(xp: object, name: str) -> None:
    grid = _GRID.astype(np.complex64)
    want = _expected(name).astype(np.complex64)
    got = pa.to_numpy(getattr(pa, name)(pa.asarray(grid)))
    assert got.dtype == np.complex64
    for part in (np.real, np.imag):
        g, w = part(got), part(want)
        np.testing.assert_array_equal(np.isnan(g), np.isnan(w))
        finite = np.isfinite(w)
        np.testing.assert_array_equal(g[~finite & ~np.isnan(w)], w[~finite & ~np.isnan(w)])
        np.testing.assert_allclose(g[finite], w[finite], rtol=1e-6)
        zeros = finite & (w == 0)
        np.testing.assert_array_equal(np.signbit(g[zeros]), np.signbit(w[zeros]))
