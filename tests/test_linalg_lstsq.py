"""``pa.linalg.lstsq`` on every backend, against ``numpy.linalg.lstsq``.

NumPy's rules (one matrix, a 1-D or 2-D right-hand side, its residuals and rank) with
polyarray's dtypes (float32 in, float32 out; integers in float32); see the docstring in
tools/docstrings/linalg.md.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray.errors import LinAlgError, MatmulShapeError, MixedBackendsError

RNG = np.random.default_rng(1234)
SQUARE = RNG.standard_normal((4, 4))
TALL = RNG.standard_normal((6, 3))
WIDE = RNG.standard_normal((3, 5))
# Rank 2: the third column is the sum of the first two, exactly in float32 too (small
# integers), so that the rank is 2 in every dtype.
_PAIR = RNG.integers(-5, 6, size=(6, 2)).astype(np.float64)
DEFICIENT = np.column_stack([_PAIR, _PAIR.sum(axis=1)])

CASES = {
    "square": SQUARE,
    "tall": TALL,
    "wide": WIDE,
    "rank-deficient": DEFICIENT,
}


def values(x: Any) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def check_against_numpy(result: Any, a: np.ndarray, b: np.ndarray, dtype: Any, rtol: float) -> None:
    expected = np.linalg.lstsq(a, b)
    assert isinstance(result, tuple)
    assert result._fields == ("solution", "residuals", "rank", "singular_values")
    solution, residuals, rank, singular = result
    assert type(rank) is int
    assert rank == int(expected[2])
    wanted = (expected[0], expected[1], expected[3])
    for got, want in zip((solution, residuals, singular), wanted, strict=True):
        assert got.dtype == dtype
        assert tuple(got.shape) == want.shape
    atol = rtol * max(1.0, float(np.abs(b).max(initial=0.0)))
    np.testing.assert_allclose(values(solution), expected[0], rtol=rtol, atol=atol)
    np.testing.assert_allclose(values(singular), expected[3], rtol=rtol, atol=atol)
    np.testing.assert_allclose(values(residuals), expected[1], rtol=rtol * 10, atol=atol * 10)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("columns", [None, 1, 3])
def test_matches_numpy_in_float64(xp: Any, case: str, columns: int | None) -> None:
    a = CASES[case]
    shape = (a.shape[0],) if columns is None else (a.shape[0], columns)
    b = np.random.default_rng(7).standard_normal(shape)
    result = xp.linalg.lstsq(xp.asarray(a, dtype=xp.float64), xp.asarray(b, dtype=xp.float64))
    check_against_numpy(result, a, b, xp.float64, rtol=1e-9)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("columns", [None, 2])
def test_float32_in_float32_out(xp: Any, case: str, columns: int | None) -> None:
    a = CASES[case].astype(np.float32)
    shape = (a.shape[0],) if columns is None else (a.shape[0], columns)
    b = np.random.default_rng(8).standard_normal(shape).astype(np.float32)
    result = xp.linalg.lstsq(xp.asarray(a), xp.asarray(b))
    check_against_numpy(result, a, b, xp.float32, rtol=2e-4)


def test_tall_full_rank_has_residuals(xp: Any) -> None:
    b = np.arange(12.0).reshape(6, 2)
    result = xp.linalg.lstsq(xp.asarray(TALL), xp.asarray(b))
    assert tuple(result.residuals.shape) == (2,)
    by_hand = ((b - TALL @ np.linalg.lstsq(TALL, b)[0]) ** 2).sum(axis=0)
    np.testing.assert_allclose(values(result.residuals), by_hand, rtol=1e-4)
    one = xp.linalg.lstsq(xp.asarray(TALL), xp.asarray(b[:, 0]))
    assert tuple(one.residuals.shape) == (1,)


@pytest.mark.parametrize("case", ["wide", "rank-deficient", "square"])
def test_no_residuals_without_full_column_rank_and_more_rows(xp: Any, case: str) -> None:
    a = CASES[case]
    result = xp.linalg.lstsq(xp.asarray(a, dtype=xp.float32), xp.ones(a.shape[0]))
    assert tuple(result.residuals.shape) == (0,)
    assert result.residuals.dtype == xp.float32


def test_integers_and_booleans_give_float32(xp: Any) -> None:
    a = np.array([[1, 0], [1, 1], [1, 2]])
    b = np.array([1, 2, 4])
    result = xp.linalg.lstsq(xp.asarray(a), xp.asarray(b))
    check_against_numpy(result, a.astype(np.float32), b.astype(np.float32), xp.float32, 1e-5)
    flags = xp.linalg.lstsq(xp.asarray(a > 0), xp.asarray(b))
    assert flags.solution.dtype == xp.float32


def test_mixed_dtypes_promote(xp: Any) -> None:
    a = xp.asarray(TALL, dtype=xp.float32)
    b = xp.asarray(np.ones(6), dtype=xp.float64)
    assert xp.linalg.lstsq(a, b).solution.dtype == xp.float64
    integer = xp.asarray(np.ones((6, 3), dtype=np.int64) + np.eye(6, 3, dtype=np.int64))
    assert xp.linalg.lstsq(integer, xp.asarray(np.ones(6, np.float32))).solution.dtype == (
        xp.float32
    )


@pytest.mark.parametrize(
    ("a_shape", "b_shape"),
    [((0, 3), (0,)), ((3, 0), (3,)), ((3, 2), (3, 0)), ((0, 0), (0,)), ((0, 2), (0, 4))],
)
def test_empty(xp: Any, a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> None:
    a = np.ones(a_shape, np.float32)
    b = np.ones(b_shape, np.float32)
    result = xp.linalg.lstsq(xp.asarray(a), xp.asarray(b))
    check_against_numpy(result, a, b, xp.float32, rtol=1e-5)


def test_rank_deficient_gives_the_minimum_norm_solution(xp: Any) -> None:
    b = np.arange(6.0)
    result = xp.linalg.lstsq(xp.asarray(DEFICIENT, dtype=xp.float32), xp.asarray(b))
    assert result.rank == 2
    np.testing.assert_allclose(
        values(result.solution), np.linalg.pinv(DEFICIENT) @ b, rtol=1e-4, atol=1e-5
    )


def test_rcond_cuts_small_singular_values(xp: Any) -> None:
    a = np.diag([1.0, 1e-3, 1e-8])
    b = np.ones(3)
    for rcond in (None, 1e-2, 0.0, 0):
        result = xp.linalg.lstsq(xp.asarray(a, dtype=xp.float64), xp.asarray(b), rcond=rcond)
        expected = np.linalg.lstsq(a, b, rcond=rcond)
        assert result.rank == expected[2]
        np.testing.assert_allclose(values(result.solution), expected[0], rtol=1e-9)


def test_complex_input(xp: Any) -> None:
    a = TALL + 1j * TALL[::-1]
    b = np.arange(6.0) - 2j
    result = xp.linalg.lstsq(xp.asarray(a), xp.asarray(b))
    expected = np.linalg.lstsq(a, b)
    assert result.solution.dtype == xp.complex128
    assert result.residuals.dtype == xp.float64
    assert result.singular_values.dtype == xp.float64
    np.testing.assert_allclose(values(result.solution), expected[0], rtol=1e-9)
    np.testing.assert_allclose(values(result.residuals), expected[1], rtol=1e-9)


def test_inputs_are_not_changed(xp: Any) -> None:
    a, b = xp.asarray(TALL), xp.asarray(np.ones(6))
    before = values(a).copy(), values(b).copy()
    xp.linalg.lstsq(a, b)
    np.testing.assert_array_equal(values(a), before[0])
    np.testing.assert_array_equal(values(b), before[1])


@pytest.mark.parametrize(
    ("a_shape", "b_shape", "error"),
    [
        ((3, 2), (4,), MatmulShapeError),
        ((3, 2), (2, 2), MatmulShapeError),
        ((3,), (3,), LinAlgError),
        ((), (3,), LinAlgError),
        ((2, 3, 2), (2, 3), LinAlgError),
        ((3, 2), (), LinAlgError),
        ((3, 2), (3, 2, 1), LinAlgError),
    ],
)
def test_bad_shapes(
    xp: Any, a_shape: tuple[int, ...], b_shape: tuple[int, ...], error: type[Exception]
) -> None:
    with pytest.raises(error):
        xp.linalg.lstsq(xp.ones(a_shape), xp.ones(b_shape))
    assert issubclass(error, ValueError)


@pytest.mark.parametrize(
    ("rcond", "error"),
    [(-1.0, ValueError), (float("nan"), ValueError), ("small", TypeError), (True, TypeError)],
)
def test_bad_rcond(xp: Any, rcond: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="rcond"):
        xp.linalg.lstsq(xp.asarray(TALL), xp.ones(6), rcond=rcond)


def test_arrays_of_two_backends(backend: pa.Backend) -> None:
    other = "torch" if backend.name != "torch" else "numpy"
    with pa.use_backend(other):
        b = pa.ones(6)
    with pytest.raises(MixedBackendsError):
        pa.linalg.lstsq(pa.asarray(TALL), b)


def test_nested_lists(xp: Any) -> None:
    result = xp.linalg.lstsq([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], [1.0, 2.0, 3.0])
    assert result.solution.dtype == xp.float32
    np.testing.assert_allclose(values(result.solution), [1.0, 1.0], rtol=1e-5)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("columns", [None, 2])
def test_torchs_svd_path_matches_numpy(case: str, columns: int | None) -> None:
    # The path torch takes off the CPU (CUDA's only driver, gels, assumes full rank) and
    # for empty matrices, checked here on the CPU where no CUDA device is.
    torch = pytest.importorskip("torch")
    from polyarray.backends.torch import linalg as torch_linalg

    a = CASES[case]
    b = np.random.default_rng(3).standard_normal(
        a.shape[:1] if columns is None else (a.shape[0], 2)
    )
    rhs = torch.from_numpy(b if b.ndim == 2 else b[:, None])
    cut = np.finfo(np.float64).eps * max(a.shape)
    solution, residuals, rank, singular = torch_linalg._lstsq_by_svd(torch.from_numpy(a), rhs, cut)
    expected = np.linalg.lstsq(a, b)
    assert rank == expected[2]
    np.testing.assert_allclose(
        solution.numpy().reshape(expected[0].shape), expected[0], rtol=1e-9, atol=1e-12
    )
    np.testing.assert_allclose(residuals.numpy(), expected[1], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(singular.numpy(), expected[3], rtol=1e-9, atol=1e-12)
