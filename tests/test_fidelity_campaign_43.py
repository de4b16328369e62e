"""The causes the campaigns on torch and JAX (seeds 44 and 45) found in the older
functions, one answer now on every backend (issues 10 and 11): NumPy's values and its
order of checks, or a divergence kept and documented (``differential.known``).
"""

from __future__ import annotations

import numpy as np
import pytest

import polyarray as pa
from differential.compare import Divergence
from differential.draw import Call
from differential.known import known
from polyarray.errors import AllocationError, BroadcastError, ScalarOverflowError

NOT_SYMMETRIC = [[5.0, 41.0, 11.0], [-9.0, 3.0, 2.0], [7.0, 1.0, 4.0]]


def values(x: object) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def test_eigh_reads_the_lower_triangle(backend: pa.Backend) -> None:
    # JAX averaged the matrix with its transpose: other eigenvalues than NumPy's.
    x = pa.asarray(NOT_SYMMETRIC, dtype=pa.float64)
    lower = np.tril(np.asarray(NOT_SYMMETRIC)) + np.tril(np.asarray(NOT_SYMMETRIC), -1).T
    expected = np.linalg.eigvalsh(lower)
    np.testing.assert_allclose(values(pa.linalg.eigh(x).eigenvalues), expected, rtol=1e-9)
    np.testing.assert_allclose(values(pa.linalg.eigvalsh(x)), expected, rtol=1e-9)


def test_median_of_one_middle_value_does_not_overflow(backend: pa.Backend) -> None:
    big = float(np.finfo(np.float64).max)
    x = pa.asarray([[-1.0], [big], [big]], dtype=pa.float64)
    assert values(pa.median(x, axis=1)).tolist() == [-1.0, big, big]
    assert values(pa.median(pa.asarray([1.0, big, big], dtype=pa.float64))) == big


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (NumPy's inf * 0 inside the division)
def test_mean_over_no_axes_divides_complex_numbers(backend: pa.Backend) -> None:
    result = values(pa.mean(pa.asarray(complex("inf+0j"), dtype=pa.complex64), axis=()))
    assert np.isinf(result.real)  # (inf + 0j) / (1 + 0j)
    assert np.isnan(result.imag)


def test_median_of_complex_numbers_is_refused_before_the_axis_range(
    backend: pa.Backend,
) -> None:
    with pytest.raises(TypeError, match="real numbers"):
        pa.median(pa.asarray(complex("nan+nanj")), axis=np.int64(0))
    z = pa.asarray([1 + 1j, 2j])
    assert values(pa.median(z, axis=())).tolist() == [1 + 1j, 2j]


def test_reshape_of_an_empty_array_to_uncountable_sizes(backend: pa.Backend) -> None:
    # NumPy: "array is too big"; torch made it; XLA aborted the process.
    with pytest.raises(AllocationError):
        pa.reshape(pa.zeros((0,), dtype=pa.float64), (2**62, -1))


def test_tile_beyond_int64_elements_without_a_zero(backend: pa.Backend) -> None:
    with pytest.raises(AllocationError):
        pa.tile(pa.zeros((2, 1, 3), dtype=pa.complex64), (2**62, 1))


@pytest.mark.parametrize("endpoint", [True, False])
def test_linspace_of_a_count_no_memory_holds(backend: pa.Backend, endpoint: bool) -> None:
    # NumPy gave an empty array without the endpoint; torch a ScalarOverflowError.
    with pytest.raises(AllocationError):
        pa.linspace(2**63 - 1, 2, 2**63 - 1, endpoint=endpoint, dtype=pa.float64)


def test_take_along_axis_shapes_before_the_bounds(backend: pa.Backend) -> None:
    x = pa.reshape(pa.arange(6.0), (2, 3))
    with pytest.raises(BroadcastError):
        pa.take_along_axis(x, pa.full((2, 2), -3), axis=0)


def test_take_of_a_python_scalar(backend: pa.Backend) -> None:
    with pytest.raises(ValueError, match="1-d indices"):
        pa.take(-163.8, pa.asarray(2), axis=0)
    with pytest.raises(TypeError, match="axis must be an int"):
        pa.take_along_axis(True, pa.asarray([[3, 1]]), axis=None)


@pytest.mark.parametrize("rtol", ["bad", 1j])
@pytest.mark.parametrize("name", ["matrix_rank", "pinv"])
def test_rtol_must_be_a_real_number(backend: pa.Backend, name: str, rtol: object) -> None:
    for shape in ((3, 3), (3, 0)):  # (NumPy passed empty matrices unchecked)
        with pytest.raises(TypeError, match="rtol"):
            getattr(pa.linalg, name)(pa.ones(shape), rtol=rtol)


@pytest.mark.parametrize("name", ["flip", "expand_dims", "unstack", "diff"])
def test_an_axis_beyond_int64_overflows(backend: pa.Backend, name: str) -> None:
    with pytest.raises(ScalarOverflowError):
        getattr(pa, name)(pa.zeros((4,)), axis=2**64)


def test_casts_of_floats_out_of_range_are_a_kept_divergence() -> None:
    divergence = Divergence("values", "")
    out = Call((np.array([0.5, np.inf], np.float32),), {"axis": 0, "dtype": "uint16"})
    inside = Call((np.array([0.5, 3.0], np.float32),), {"axis": 0, "dtype": "uint16"})
    assert known("nansum", "new dtype='uint16'", divergence, out, "jax") is not None
    assert known("nansum", "new dtype='uint16'", divergence, inside, "jax") is None
    norm = Call((np.array(3.4e38, np.float32),), {"ord": None})
    assert known("linalg.vector_norm", "ord", divergence, norm, "torch") is not None


@pytest.mark.parametrize("args", [(2**64, 1.0, 0.5 + 0j), (0, 2**64, 0.5 + 0j)])
def test_arange_checks_the_bounds_range_before_the_step_type(
    backend: object, args: tuple[object, ...]
) -> None:
    # torch's fast path raised the complex step's TypeError first (NumPy: the bound).
    with pytest.raises(pa.errors.ScalarOverflowError):
        pa.arange(*args)
