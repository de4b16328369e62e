"""The last torch divergences of the differential campaign, each checked as a class on every
backend: a sum over an empty contraction is zeros of the promoted dtype whatever the other
operands hold (``einsum``, and the products that contract), and ``arange`` of ints counts
exactly at int64's ends, from Python ints, NumPy integers and 0-d arrays alike.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa

# -- sums over an empty contraction ---------------------------------------------------------

#: (subscripts, (shape, dtype, fill) of each operand): a summed label of size 0 in one
#: operand and 1 in another (it broadcasts to 0), the other operands' entries not finite.
EMPTY_CONTRACTIONS = [
    # the campaign's call: complex128 beside a float64 NaN
    ("ij,jk->ik", [((2, 0), "complex128", 0.0), ((1, 2), "float64", np.nan)]),
    ("ij,jk", [((2, 0), "float32", 0.0), ((1, 2), "float64", np.inf)]),
    ("i,i->", [((0,), "float64", 0.0), ((1,), "complex128", np.nan)]),
    ("i,i", [((0,), "int64", 0), ((1,), "float64", -np.inf)]),
    # a chain: the sum over j is empty, so k's NaN are never multiplied in
    (
        "ij,jk,kl->il",
        [((2, 0), "float64", 0.0), ((1, 3), "float64", 1.0), ((3, 2), "float64", np.nan)],
    ),
    ("bij,bjk->bik", [((2, 3, 0), "float64", 0.0), ((1, 1, 4), "float32", np.nan)]),
    ("...j,jk->...k", [((3, 0), "complex128", 0.0), ((1, 2), "complex128", np.nan)]),
    ("ij,j->i", [((2, 0), "int32", 0), ((1,), "int32", 7)]),
]


def _operand(shape: tuple[int, ...], dtype: str, fill: Any) -> np.ndarray:
    return np.full(shape, fill).astype(dtype)


@pytest.mark.parametrize(("subscripts", "specs"), EMPTY_CONTRACTIONS)
def test_einsum_over_an_empty_label_is_numpys_zeros(
    backend: pa.Backend, subscripts: str, specs: list[tuple[tuple[int, ...], str, Any]]
) -> None:
    # NumPy sums nothing: 0, whatever the size-1 operand holds; torch and JAX multiplied
    # its NaN and infinities in.
    operands = [_operand(*spec) for spec in specs]
    expected = np.asarray(np.einsum(subscripts, *operands))
    got = pa.einsum(subscripts, *(pa.asarray(o) for o in operands))
    assert backend.device_of(got) == backend.device_name
    np.testing.assert_array_equal(pa.to_numpy(got), expected, strict=True)


#: Products that contract an axis of size 0 (both operands empty there, as they must be).
CONTRACTING: list[tuple[str, Callable[..., Any], tuple[int, ...], tuple[int, ...]]] = [
    ("matmul", lambda m, a, b: m.matmul(a, b), (2, 0), (0, 3)),
    ("linalg.matmul", lambda m, a, b: m.linalg.matmul(a, b), (4, 2, 0), (1, 0, 3)),
    ("tensordot", lambda m, a, b: m.tensordot(a, b, axes=1), (2, 0), (0, 3)),
    ("tensordot of pairs", lambda m, a, b: m.tensordot(a, b, axes=([1], [0])), (2, 0), (0, 3)),
    ("linalg.tensordot", lambda m, a, b: m.linalg.tensordot(a, b, axes=2), (2, 0), (2, 0)),
    ("vecdot", lambda m, a, b: m.vecdot(a, b), (2, 0), (1, 0)),
    ("linalg.vecdot", lambda m, a, b: m.linalg.vecdot(a, b, axis=0), (0, 3), (0, 3)),
    ("linalg.outer", lambda m, a, b: m.linalg.outer(a, b), (0,), (3,)),
]


@pytest.mark.parametrize(
    "dtypes", [("complex128", "float64"), ("float32", "float64"), ("int8", "int8")]
)
@pytest.mark.parametrize(("name", "call", "first", "second"), CONTRACTING)
def test_products_over_an_empty_axis_are_numpys_zeros(
    backend: pa.Backend,
    name: str,
    call: Callable[..., Any],
    first: tuple[int, ...],
    second: tuple[int, ...],
    dtypes: tuple[str, str],
) -> None:
    a, b = np.zeros(first, dtypes[0]), np.full(second, 3).astype(dtypes[1])
    expected = np.asarray(call(np, a, b))
    got = call(pa, pa.asarray(a), pa.asarray(b))
    np.testing.assert_array_equal(pa.to_numpy(got), expected, strict=True)


@pytest.mark.parametrize(
    ("name", "call", "second"),
    [
        ("matmul", lambda m, a, b: m.matmul(a, b), (1, 2)),
        ("tensordot", lambda m, a, b: m.tensordot(a, b, axes=1), (1, 2)),
        ("vecdot", lambda m, a, b: m.vecdot(a, b), (2, 1)),
    ],
)
def test_products_refuse_a_size_1_axis_against_0_as_numpy(
    backend: pa.Backend, name: str, call: Callable[..., Any], second: tuple[int, ...]
) -> None:
    # NumPy does not broadcast a contracted axis (einsum's labels do): the NaN there is
    # never summed, the call is a ValueError.
    a, b = np.zeros((2, 0)), np.full(second, np.nan)
    with pytest.raises(ValueError, match="mismatch"):
        call(np, a, b)
    with pytest.raises(pa.errors.MatmulShapeError) as caught:
        call(pa, pa.asarray(a), pa.asarray(b))
    assert isinstance(caught.value, ValueError)


@pytest.mark.needs_autodiff
def test_einsum_over_an_empty_label_has_zero_gradients(backend: pa.Backend) -> None:
    x = pa.asarray([[np.nan, 1.0]], dtype=pa.float64)

    def f(x: Any) -> Any:  # (the empty operand made inside: NumPy's runs on torch tensors)
        return pa.sum(pa.einsum("ij,jk->ik", pa.zeros((2, 0), dtype=pa.float64), x))

    gradient = pa.grad(f)(x)
    np.testing.assert_array_equal(pa.to_numpy(gradient), np.zeros((1, 2)), strict=True)


@pytest.mark.skip_backends("numpy", "jax", reason="torch's own autograd graph: torch only")
def test_einsum_over_an_empty_label_stays_in_torchs_graph(backend: pa.Backend) -> None:
    # The zeros are part of the graph of an operand that requires a gradient, as
    # torch.einsum's result was: backward() through them must not fail.
    x = pa.asarray([[np.nan, 1.0]], dtype=pa.float32)
    x.requires_grad_()
    result = pa.einsum("ij,jk->ik", pa.zeros((2, 0), dtype=pa.complex128), x)
    assert result.requires_grad
    result.real.sum().backward()
    np.testing.assert_array_equal(pa.to_numpy(x.grad), np.zeros((1, 2), np.float32), strict=True)


# -- arange's count at int64's ends ---------------------------------------------------------

_TOP = 2**63
_BOUNDS = [0, 5, -5, _TOP - 1, -_TOP, _TOP - 2, -_TOP + 1, 2**62, -(2**62)]
_STEPS = [1, -1, 2**62, -(2**62), _TOP - 1, -(_TOP - 1), -_TOP]


def _exact(start: int, stop: int, step: int) -> list[int]:
    return list(range(start, stop, step))


def _short_ranges() -> list[tuple[int, int, int]]:
    """(start, stop, step) of at most 8 values, every value within int64."""
    return [
        (start, stop, step)
        for start, stop, step in itertools.product(_BOUNDS, _BOUNDS, _STEPS)
        if max(0, -((start - stop) // step)) <= 8
    ]


#: The forms an int bound takes: torch counted NumPy integers and 0-d tensors in int64,
#: which overflowed (``arange(np.int64(5), np.int64(-2**63), np.int64(-2**63 + 1))``: []).
INT_FORMS: dict[str, Callable[[int], Any]] = {
    "int": lambda v: v,
    "numpy int64": np.int64,
    "numpy 0-d": lambda v: np.asarray(v, dtype=np.int64),
    "0-d array": lambda v: pa.asarray(v, dtype=pa.int64),
}


@pytest.mark.parametrize("form", list(INT_FORMS))
@pytest.mark.parametrize(("start", "stop", "step"), _short_ranges())
def test_arange_counts_ints_exactly_at_int64s_ends(
    backend: pa.Backend, form: str, start: int, stop: int, step: int
) -> None:
    # ceil((stop - start) / step) in integers, as Python's range: the campaign's
    # arange(5, -2**63, -2**63 + 1) is [5, 6 - 2**63] (NumPy, in float64: [5]).
    make = INT_FORMS[form]
    got = pa.arange(make(start), make(stop), make(step))
    assert got.dtype == pa.int64
    assert pa.to_numpy(got).tolist() == _exact(start, stop, step)


@pytest.mark.parametrize(("start", "stop", "step"), _short_ranges())
def test_arange_is_numpys_where_numpys_float64_count_is_exact(
    backend: pa.Backend, start: int, stop: int, step: int
) -> None:
    # NumPy's count, ceil of a float64 quotient, is exact for bounds at most 2**53
    # apart: polyarray's agrees with it there, and with Python's range everywhere.
    if abs(stop - start) <= 2**53:
        np.testing.assert_array_equal(np.arange(start, stop, step), _exact(start, stop, step))
    assert pa.to_numpy(pa.arange(start, stop, step)).tolist() == _exact(start, stop, step)


@pytest.mark.parametrize(
    ("start", "stop", "step"),
    [
        (-(2**53), 2**53 - 1, 2**53 - 1),
        (2**53 - 1, -(2**53), -(2**53 - 1)),
        (-(2**53), 2**53, (2**54 - 1) // 3),
    ],
)
def test_arange_of_bounds_more_than_2_53_apart_counts_exactly(
    backend: pa.Backend, start: int, stop: int, step: int
) -> None:
    # Each number within 2**53, their distance beyond: NumPy's quotient 2 + 1 / (2**53 - 1)
    # rounded to 2, one value short (torch counted in int64, exactly).
    assert len(np.arange(start, stop, step)) == len(range(start, stop, step)) - 1
    assert pa.to_numpy(pa.arange(start, stop, step)).tolist() == _exact(start, stop, step)
