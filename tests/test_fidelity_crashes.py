"""Inputs that crashed a framework's process: refused with a documented error instead."""

from __future__ import annotations

import math

import numpy as np
import pytest

import polyarray as pa


@pytest.mark.parametrize("function", ["eig", "eigvals", "svd", "pinv"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, 1e308])
def test_eig_of_a_matrix_with_an_infinity_or_nan_is_a_linalg_error(
    backend: pa.Backend, function: str, dtype: str, bad: float
) -> None:
    # torch's MKL geev died of a segmentation fault here, and LAPACK's gesdd loops forever
    # on some such matrices (1e308 overflows to inf in the single-precision dtypes; in
    # double precision it is finite and must still work).
    host = np.array([[bad, 1.0], [1.0, -bad if math.isfinite(bad) else 1.0]])
    with np.errstate(over="ignore"):
        cast = host.astype(dtype)
    x = pa.asarray(cast)
    if np.all(np.isfinite(cast)):
        result = getattr(pa.linalg, function)(x)
        main = {"eig": 0, "svd": 1}  # the eigenvalues, the singular values
        values = result[main[function]] if function in main else result
        assert values.shape == ((2, 2) if function == "pinv" else (2,))
        assert bool(pa.all(pa.isfinite(values)))
    else:
        with pytest.raises(pa.errors.LinAlgError, match=r"NaN or (an )?infinity"):
            getattr(pa.linalg, function)(x)


@pytest.mark.parametrize("function", ["svd", "pinv"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_svd_of_a_matrix_that_hung_lapack_is_a_linalg_error(
    backend: pa.Backend, function: str, dtype: str
) -> None:
    # gesdd with vectors looped forever in bdsqr on this matrix (numpy/numpy#32591).
    x = pa.asarray(np.array([[math.inf, 1, 1], [1, 1, 1], [1, 1, 1]], dtype=dtype))
    with pytest.raises(pa.errors.LinAlgError, match=r"NaN or (an )?infinity"):
        getattr(pa.linalg, function)(x)
