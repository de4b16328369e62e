"""Inputs that crashed a framework's process: refused with a documented error instead."""

from __future__ import annotations

import math

import numpy as np
import pytest

import polyarray as pa


@pytest.mark.parametrize("function", ["eig", "eigvals"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, 1e308])
def test_eig_of_a_matrix_with_an_infinity_or_nan_is_a_linalg_error(
    backend: pa.Backend, function: str, dtype: str, bad: float
) -> None:
    # torch's MKL geev died of a segmentation fault here (1e308 overflows to inf in the
    # single-precision dtypes; in double precision it is finite and must still work).
    host = np.array([[bad, 1.0], [1.0, -bad if math.isfinite(bad) else 1.0]])
    with np.errstate(over="ignore"):
        cast = host.astype(dtype)
    x = pa.asarray(cast)
    if np.all(np.isfinite(cast)):
        result = getattr(pa.linalg, function)(x)
        values = result if function == "eigvals" else result.eigenvalues
        assert values.shape == (2,)
    else:
        with pytest.raises(pa.errors.LinAlgError, match="NaN or infinity"):
            getattr(pa.linalg, function)(x)
