"""``pa.einsum``, ``pa.top_k``, ``pa.diag``, ``pa.one_hot`` and ``pa.split`` (issue 13) on
every backend, against NumPy's own functions (``top_k`` against a stable NumPy sort,
``one_hot`` against an identity matrix); the decisions where NumPy is silent or the
frameworks differ are in docs/semantics/everyday.md.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray.errors import (
    AxisError,
    BroadcastError,
    MatmulShapeError,
    NegativeSizeError,
    PromotionError,
    ShapeError,
)
from writes import try_write

NAN = math.nan
DTYPES = ["bool", "int8", "uint8", "int32", "uint16", "uint32", "uint64", "int64"]
DTYPES += ["float32", "float64", "complex64"]
REAL_DTYPES = [d for d in DTYPES if not d.startswith("complex")]
INTEGER_DTYPES = [d for d in REAL_DTYPES if "int" in d]


def values(x: Any) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def sample(dtype: str, shape: tuple[int, ...], seed: int = 0) -> np.ndarray:
    """Small values of ``dtype`` with ties (and, for floats, no NaN)."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 4, size=shape).astype(dtype)


def assert_same(result: Any, expected: np.ndarray, xp: Any) -> None:
    got = values(result)
    assert got.dtype == expected.dtype, (got.dtype, expected.dtype)
    assert got.shape == expected.shape
    if expected.dtype.kind in "fc":
        np.testing.assert_allclose(got, expected, rtol=1e-6, equal_nan=True)
    else:
        np.testing.assert_array_equal(got, expected)


# -- einsum --------------------------------------------------------------------------------

EQUATIONS = [
    ("ij,jk->ik", [(2, 3), (3, 4)]),
    ("ij,jk", [(2, 3), (3, 4)]),
    ("ij->ji", [(2, 3)]),
    ("ba", [(2, 3)]),
    ("Ba", [(2, 3)]),
    ("ii->i", [(3, 3)]),
    ("ii", [(3, 3)]),
    ("ij->", [(2, 3)]),
    ("i,i", [(4,), (4,)]),
    ("i,j->ij", [(2,), (3,)]),
    ("...ij,...jk->...ik", [(5, 2, 3), (3, 4)]),
    ("i...j->j...i", [(2, 3, 4, 5)]),
    ("...i,...i->...", [(2, 1, 3), (4, 3)]),
    ("i...", [(2, 3, 4)]),
    ("ij,ij->ij", [(1, 3), (2, 3)]),
    ("ij,jk->ik", [(2, 1), (3, 4)]),
    (" i j , j k -> i k ", [(2, 3), (3, 4)]),
    (",i->i", [(), (3,)]),
    ("", [()]),
    ("->", [()]),
    ("ij,jk", [(2, 0), (0, 4)]),
    ("bij,bjk,bkl->bil", [(2, 2, 3), (2, 3, 2), (2, 2, 2)]),
]


@pytest.mark.parametrize(("subscripts", "shapes"), EQUATIONS, ids=[e[0] for e in EQUATIONS])
@pytest.mark.parametrize("dtype", DTYPES)
def test_einsum_matches_numpy(xp: Any, subscripts: str, shapes: list[Any], dtype: str) -> None:
    operands = [sample(dtype, s, seed=i) for i, s in enumerate(shapes)]
    expected = np.asarray(np.einsum(subscripts, *operands))
    result = xp.einsum(subscripts, *(xp.asarray(o) for o in operands))
    assert_same(result, expected, xp)


@pytest.mark.parametrize("dtype", ["int8", "uint8", "uint64"])
def test_einsum_of_integers_wraps_as_numpy(xp: Any, dtype: str) -> None:
    x = (np.arange(6).reshape(2, 3) * 50 + 2**6).astype(dtype)
    expected = np.einsum("ij,kj->ik", x, x)
    assert_same(xp.einsum("ij,kj->ik", xp.asarray(x), xp.asarray(x)), expected, xp)


def test_einsum_of_booleans_is_an_or_of_ands(xp: Any) -> None:
    a = np.array([[True, False], [False, False]])
    b = np.array([[True, True], [True, False]])
    result = xp.einsum("ij,jk->ik", xp.asarray(a), xp.asarray(b))
    assert_same(result, np.einsum("ij,jk->ik", a, b), xp)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("float32", "int64", "float32"),
        ("int8", "uint8", "int16"),
        ("float32", "float64", "float64"),
        ("bool", "int32", "int32"),
        ("float32", "complex64", "complex64"),
    ],
)
def test_einsum_promotes_by_polyarrays_table(
    xp: Any, first: str, second: str, expected: str
) -> None:
    a, b = sample(first, (2, 3)), sample(second, (3,))
    result = xp.einsum("ij,j->i", xp.asarray(a), xp.asarray(b))
    assert result.dtype == getattr(xp, expected)
    np.testing.assert_allclose(values(result), a.astype(expected) @ b.astype(expected))


def test_einsum_refuses_dtypes_without_a_common_one(xp: Any) -> None:
    a, b = xp.asarray(np.ones(2, np.uint64)), xp.asarray(np.ones(2, np.int64))
    with pytest.raises(PromotionError):
        xp.einsum("i,i", a, b)


def test_einsum_takes_nan_and_infinities(xp: Any) -> None:
    a = np.array([[1.0, NAN], [math.inf, 2.0]])
    result = xp.einsum("ij->i", xp.asarray(a))
    assert_same(result, np.einsum("ij->i", a), xp)


def test_einsum_takes_lists_and_scalars(xp: Any) -> None:
    result = xp.einsum("i,i", [1.0, 2.0], xp.asarray([3.0, 4.0]))
    assert result.dtype == xp.float32
    assert float(result) == 11.0
    assert float(xp.einsum(",i->", 2, xp.asarray([1, 2]))) == 6.0


def test_einsum_results_are_new_memory(xp: Any, backend: pa.Backend) -> None:
    # NumPy's and torch's einsum('ij->ji') and ('ii->i') are views of the operand.
    x = xp.asarray([[1.0, 2.0], [3.0, 4.0]])
    for subscripts in ("ij->ji", "ii->i", "ij", "ij->ij"):
        result = xp.einsum(subscripts, x)
        try_write(result, (0,) * result.ndim, 100.0)
        assert values(x).tolist() == [[1.0, 2.0], [3.0, 4.0]]


def test_einsum_does_not_write_into_read_only_input(xp: Any) -> None:
    a = np.arange(4.0).reshape(2, 2)
    a.flags.writeable = False
    assert values(xp.einsum("ij->ji", xp.asarray(a))).tolist() == [[0.0, 2.0], [1.0, 3.0]]


@pytest.mark.parametrize(
    ("subscripts", "shapes", "error"),
    [
        ("i$", [(2,)], ValueError),  # JAX took it for "i"
        ("i.j", [(2, 3)], ValueError),
        ("....i", [(2, 3)], ValueError),
        ("i->->i", [(2,)], ValueError),
        ("ij->ii", [(2, 2)], ValueError),
        ("i->j", [(2,)], ValueError),
        ("...i->i", [(2, 3)], ValueError),  # torch and JAX summed the ellipsis
        ("ij,jk", [(2, 3)], ValueError),
        ("i", [(2,), (2,)], ValueError),
        ("ij", [(2,)], ShapeError),
        ("i", [(2, 3)], ShapeError),
        ("ij,jk", [(2, 3), (4, 4)], MatmulShapeError),
        ("ii", [(2, 3)], MatmulShapeError),
        ("ii", [(1, 3)], MatmulShapeError),
        ("...i,...i", [(2, 3), (4, 3)], BroadcastError),
    ],
)
def test_einsum_mistakes_are_one_error_everywhere(
    xp: Any, subscripts: str, shapes: list[Any], error: type
) -> None:
    operands = [xp.ones(s) for s in shapes]
    with pytest.raises(error, match=r"pa\.einsum"):
        xp.einsum(subscripts, *operands)
    with pytest.raises(ValueError, match=r"\w"):  # (each a ValueError, as NumPy's)
        np.einsum(subscripts, *(np.ones(s) for s in shapes))


def test_einsum_needs_a_string_and_an_operand(xp: Any) -> None:
    with pytest.raises(TypeError, match="string"):
        xp.einsum(["i"], xp.ones(2))
    with pytest.raises(ValueError, match="at least one operand"):
        xp.einsum("i")
    with pytest.raises(TypeError):
        xp.einsum("i", "not an array")


# -- top_k ---------------------------------------------------------------------------------


def top_k_reference(x: np.ndarray, k: int, axis: int, largest: bool) -> tuple[Any, Any]:
    """A stable sort's head; descending through the order of the reversed axis (NaN is
    the largest value, ties keep their order)."""
    n = x.shape[axis]
    if largest:
        order = np.flip(np.argsort(np.flip(x, axis), axis=axis, kind="stable"), axis)
        order = (n - 1) - order
    else:
        order = np.argsort(x, axis=axis, kind="stable")
    indices = np.take(order, np.arange(k), axis=axis).astype(np.int64)
    return np.take_along_axis(x, indices, axis), indices


@pytest.mark.parametrize("dtype", REAL_DTYPES)
@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("largest", [True, False])
def test_top_k_matches_a_stable_sort(xp: Any, dtype: str, axis: int, largest: bool) -> None:
    x = sample(dtype, (5, 7))  # many ties
    k = 3
    expected_values, expected_indices = top_k_reference(x, k, axis, largest)
    result = xp.top_k(xp.asarray(x), k, axis=axis, largest=largest)
    assert type(result) is pa.TopKResult
    assert_same(result.values, expected_values, xp)
    assert_same(result.indices, expected_indices, xp)


def test_top_k_takes_the_first_index_of_ties(xp: Any) -> None:
    x = xp.asarray([1.0, 3.0, 3.0, 2.0, 3.0, 3.0, 0.0])
    assert values(xp.top_k(x, 3).indices).tolist() == [1, 2, 4]
    assert values(xp.top_k(x, 2, largest=False).indices).tolist() == [6, 0]


def test_top_k_counts_nan_as_largest(xp: Any) -> None:
    x = xp.asarray([1.0, NAN, 3.0, NAN, -math.inf, -0.0, 0.0])
    largest = xp.top_k(x, 4)
    assert values(largest.indices).tolist() == [1, 3, 2, 0]
    smallest = xp.top_k(x, 7, largest=False)
    assert values(smallest.indices).tolist() == [4, 5, 6, 0, 2, 1, 3]


@pytest.mark.parametrize("k", [0, 4])
def test_top_k_of_all_or_none(xp: Any, k: int) -> None:
    x = np.array([[2, 7, 1, 7]], dtype=np.int32)
    expected_values, expected_indices = top_k_reference(x, k, -1, True)
    result = xp.top_k(xp.asarray(x), k)
    assert_same(result.values, expected_values, xp)
    assert_same(result.indices, expected_indices, xp)


def test_top_k_of_an_empty_axis(xp: Any) -> None:
    result = xp.top_k(xp.zeros((3, 0)), 0)
    assert result.values.shape == (3, 0)
    assert result.indices.shape == (3, 0)
    assert result.indices.dtype == xp.int64


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda xp: xp.top_k(xp.ones((2, 3)), 4), ValueError),
        (lambda xp: xp.top_k(xp.ones((2, 3)), -1), ValueError),
        (lambda xp: xp.top_k(xp.ones((2, 3)), 1.0), TypeError),
        (lambda xp: xp.top_k(xp.ones((2, 3)), True), TypeError),
        (lambda xp: xp.top_k(xp.ones((2, 3)), 1, axis=2), AxisError),
        (lambda xp: xp.top_k(xp.ones((2, 3)), 1, axis=None), TypeError),
        (lambda xp: xp.top_k(xp.asarray(1.0), 1), AxisError),
        (lambda xp: xp.top_k(xp.ones(3, dtype=xp.complex64), 1), TypeError),
    ],
)
def test_top_k_mistakes(xp: Any, call: Any, error: type) -> None:
    with pytest.raises(error, match=r"pa\.top_k"):
        call(xp)


def test_top_k_takes_numpy_integers(xp: Any) -> None:
    result = xp.top_k(xp.asarray([1, 5, 3]), np.int64(2), axis=np.int32(0))
    assert values(result.values).tolist() == [5, 3]


# -- diag ----------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("k", [0, 1, -2, 5, -5])
@pytest.mark.parametrize("shape", [(3,), (0,), (3, 4), (4, 3), (0, 2)])
def test_diag_matches_numpy(xp: Any, dtype: str, k: int, shape: tuple[int, ...]) -> None:
    x = sample(dtype, shape)
    assert_same(xp.diag(xp.asarray(x), k=k), np.diag(x, k), xp)


def test_diag_of_a_matrix_is_new_memory(xp: Any) -> None:
    x = xp.asarray([[1, 2], [3, 4]])
    result = xp.diag(x)
    try_write(result, (0,), 100)
    assert values(x).tolist() == [[1, 2], [3, 4]]


def test_diag_keeps_nan(xp: Any) -> None:
    x = np.array([NAN, -0.0])
    assert_same(xp.diag(xp.asarray(x)), np.diag(x), xp)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda xp: xp.diag(xp.asarray(1.0)), ValueError),
        (lambda xp: xp.diag(xp.ones((2, 2, 2))), ValueError),
        (lambda xp: xp.diag(xp.ones(2), k=1.0), TypeError),
        (lambda xp: xp.diag(xp.ones(2), k=2**40), Exception),
    ],
)
def test_diag_mistakes(xp: Any, call: Any, error: type) -> None:
    with pytest.raises(error, match=r"pa\.diag"):
        call(xp)


def test_diag_of_a_matrix_takes_any_k(xp: Any) -> None:
    assert values(xp.diag(xp.ones((2, 3)), k=2**70)).shape == (0,)
    assert values(xp.diag(xp.ones((2, 3)), k=np.int64(-1))).tolist() == [1.0]


# -- one_hot -------------------------------------------------------------------------------


def one_hot_reference(x: np.ndarray, n: int, axis: int, dtype: Any) -> np.ndarray:
    rows = np.concatenate([np.eye(n, dtype=dtype), np.zeros((1, n), dtype=dtype)])
    labels = x.astype(object)
    inside = np.where((labels >= 0) & (labels < n), labels, n).astype(np.int64)
    return np.moveaxis(rows[inside], -1, axis)


@pytest.mark.parametrize("dtype", INTEGER_DTYPES)
@pytest.mark.parametrize("axis", [-1, 0, 1, -2])
def test_one_hot_matches_an_identity(xp: Any, dtype: str, axis: int) -> None:
    x = np.array([[0, 3, 1], [2, 2, 9]]).astype(dtype)  # 9: no class of 4
    result = xp.one_hot(xp.asarray(x), 4, axis=axis)
    assert_same(result, one_hot_reference(x, 4, axis, np.float32), xp)


def test_one_hot_of_labels_out_of_range_is_zeros(xp: Any) -> None:
    x = np.array([-1, 3, -(2**63), 2**62])
    result = xp.one_hot(xp.asarray(x), 3)
    assert values(result).tolist() == [[0.0] * 3] * 4
    big = np.array([2**64 - 1, 1], dtype=np.uint64)
    assert values(xp.one_hot(xp.asarray(big), 2)).tolist() == [[0.0, 0.0], [0.0, 1.0]]


@pytest.mark.parametrize("dtype", ["bool", "int8", "int64", "float64", "complex64"])
def test_one_hot_takes_a_dtype(xp: Any, dtype: str) -> None:
    result = xp.one_hot(xp.asarray([1, 0]), 2, dtype=getattr(xp, dtype))
    assert_same(result, np.eye(2, dtype=dtype)[[1, 0]], xp)


def test_one_hot_follows_the_default_float(xp: Any) -> None:
    pa.set_default_float(pa.float64)
    assert xp.one_hot(xp.asarray([0]), 2).dtype == xp.float64


def test_one_hot_of_0d_and_empty(xp: Any) -> None:
    assert values(xp.one_hot(xp.asarray(2), 3)).tolist() == [0.0, 0.0, 1.0]
    assert values(xp.one_hot(xp.asarray(2), 3, axis=0)).tolist() == [0.0, 0.0, 1.0]
    assert xp.one_hot(xp.zeros((0, 2), dtype=xp.int32), 3).shape == (0, 2, 3)
    assert xp.one_hot(xp.asarray([1, 2]), 0).shape == (2, 0)


def test_one_hot_with_more_classes_than_the_dtype_holds(xp: Any) -> None:
    x = xp.asarray(np.array([255, 0], dtype=np.uint8))
    result = values(xp.one_hot(x, 300))
    assert result.shape == (2, 300)
    assert result[0, 255] == 1
    assert result[1, 0] == 1
    assert result.sum() == 2


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda xp: xp.one_hot(xp.asarray([True]), 2), TypeError),
        (lambda xp: xp.one_hot(xp.asarray([1.0]), 2), TypeError),
        (lambda xp: xp.one_hot(xp.asarray([1]), -1), NegativeSizeError),
        (lambda xp: xp.one_hot(xp.asarray([1]), 2.0), TypeError),
        (lambda xp: xp.one_hot(xp.asarray([1]), 2, axis=2), AxisError),
        (lambda xp: xp.one_hot(xp.asarray([1]), 2, axis=-3), AxisError),
    ],
)
def test_one_hot_mistakes(xp: Any, call: Any, error: type) -> None:
    with pytest.raises(error, match=r"pa\.one_hot"):
        call(xp)


# -- split ---------------------------------------------------------------------------------

SPLITS = [
    ((6,), 3, 0),
    ((6,), 1, 0),
    ((0,), 3, 0),
    ((4, 6), 2, 1),
    ((4, 6), 2, -1),
    ((4, 6), [1, 3], 0),
    ((10,), [3, -2, 20, 1], 0),
    ((10,), (), 0),
    ((10,), [0, 0, 10], 0),
    ((3, 5), [np.int64(2)], 1),
    ((3, 5), [-(2**70), 2**70], 1),
]


@pytest.mark.parametrize(("shape", "sections", "axis"), SPLITS, ids=[str(s) for s in SPLITS])
@pytest.mark.parametrize("dtype", ["bool", "uint16", "int64", "float32", "complex64"])
def test_split_matches_numpy(
    xp: Any, shape: tuple[int, ...], sections: Any, axis: int, dtype: str
) -> None:
    x = sample(dtype, shape)
    reference_sections = (
        [max(-10, min(i, 10)) for i in sections] if not isinstance(sections, int) else sections
    )
    expected = np.split(x, reference_sections, axis=axis)
    result = xp.split(xp.asarray(x), sections, axis=axis)
    assert type(result) is list
    assert len(result) == len(expected)
    for piece, want in zip(result, expected, strict=True):
        assert_same(piece, want, xp)


def test_split_does_not_write_into_read_only_input(xp: Any) -> None:
    a = np.arange(4.0)
    a.flags.writeable = False
    pieces = xp.split(xp.asarray(a), 2)
    assert [values(p).tolist() for p in pieces] == [[0.0, 1.0], [2.0, 3.0]]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda xp: xp.split(xp.arange(5), 2), ValueError),
        (lambda xp: xp.split(xp.arange(5), 0), ValueError),
        (lambda xp: xp.split(xp.arange(5), -1), ValueError),
        (lambda xp: xp.split(xp.arange(5), 2.0), TypeError),
        (lambda xp: xp.split(xp.arange(5), True), TypeError),
        (lambda xp: xp.split(xp.arange(5), [1.5]), TypeError),
        (lambda xp: xp.split(xp.arange(5), 5, axis=1), AxisError),
        (lambda xp: xp.split(xp.asarray(1.0), 1), AxisError),
        (lambda xp: xp.split(xp.arange(4), 2, axis=None), TypeError),
    ],
)
def test_split_mistakes(xp: Any, call: Any, error: type) -> None:
    with pytest.raises(error, match=r"pa\.split"):
        call(xp)
