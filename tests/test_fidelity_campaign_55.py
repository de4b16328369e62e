"""Causes found by the torch campaign of seed 55 and earlier (issue 10), fixed for every backend:
``vector_norm`` with a string order over no axes, and ``lstsq``'s rank for ``rcond``
values that NumPy's LAPACK driver replaces by eps (0, and 1 and more), ``b`` empty too;
``einsum`` summing over a label of size 0 that another operand has of size 1.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import polyarray as pa


@pytest.mark.parametrize("order", ["1", "fro", "nuc", "inf"])
@pytest.mark.parametrize("axis", [(), None, 0])
def test_vector_norm_refuses_string_orders(backend: pa.Backend, order: str, axis: Any) -> None:
    x = pa.asarray([0.5, -2.0])
    with pytest.raises(ValueError, match="ord must be a number"):
        pa.linalg.vector_norm(x, axis=axis, ord=order)


def _nearly_singular() -> np.ndarray:
    # Singular values 1, 0.5 and 1e-17 (below float64's eps relative to the largest).
    u, _ = np.linalg.qr(np.random.default_rng(1).standard_normal((3, 3)))
    return u @ np.diag([1.0, 1e-17, 0.5]) @ u.T


@pytest.mark.parametrize("rcond", [0, 0.0, 1e-20, 1, 1.0, 2, 0.9999, 0.3, 1e-16, None])
@pytest.mark.parametrize("columns", [0, 1, 2])
def test_lstsq_rank_is_numpys(backend: pa.Backend, rcond: Any, columns: int) -> None:
    a = _nearly_singular()
    b = np.ones((3, columns))
    expected = np.linalg.lstsq(a, b, rcond=rcond)
    got = pa.linalg.lstsq(
        pa.asarray(a, dtype=pa.float64), pa.asarray(b, dtype=pa.float64), rcond=rcond
    )
    assert got.rank == int(expected[2])
    # The smallest singular value is rounding noise (about 1e-17, below eps times the
    # largest): LAPACK builds differ there, so it is compared with an absolute tolerance.
    np.testing.assert_allclose(
        pa.to_numpy(got.singular_values), expected[3], rtol=1e-12, atol=1e-15
    )
    assert pa.to_numpy(got.solution).shape == expected[0].shape


EINSUM_EMPTY_SUMS = [
    ("ij,jk->ik", (2, 0), (1, 2)),
    ("ij,jk", (2, 0), (1, 2)),
    ("i,i->", (0,), (1,)),
    ("...i,...i->...", (3, 0), (1, 1)),
    ("ij,jk->ik", (2, 0), (0, 2)),
    ("i,j->ij", (0,), (2,)),
]


@pytest.mark.parametrize("dtype", ["float64", "complex128", "int8", "uint16", "bool"])
@pytest.mark.parametrize(("subscripts", "first", "second"), EINSUM_EMPTY_SUMS)
def test_einsum_sums_nothing_as_numpy(
    backend: pa.Backend,
    subscripts: str,
    first: tuple[int, ...],
    second: tuple[int, ...],
    dtype: str,
) -> None:
    # A label of size 1 in one operand and 0 in another broadcasts to 0: the sum over it
    # is 0 whatever the size-1 operand holds (NaN here), as on NumPy.
    fill = np.nan if dtype in ("float64", "complex128") else 1
    operands = [np.full(first, fill).astype(dtype), np.full(second, fill).astype(dtype)]
    expected = np.einsum(subscripts, *operands)
    got = pa.einsum(subscripts, *(pa.asarray(o) for o in operands))
    assert backend.device_of(got) == backend.device_name
    np.testing.assert_array_equal(pa.to_numpy(got), expected, strict=True)


_EDGES = [0, 5, -5, 2**63 - 1, -(2**63), 2**62, -(2**62), 2**53 + 1, -(2**53) - 3, 2**64 - 1]
_STEPS = [1, -1, 3, 2**63 - 1, -(2**63) + 1, 2**62, -(2**62), -(2**63), -(2**54) - 1]
_RANGES = {"int64": (-(2**63), 2**63 - 1), "uint64": (0, 2**64 - 1)}


def _short_ranges() -> list[tuple[str, int, int, int]]:
    """(dtype, start, stop, step) of at most 6 values, all numbers in the dtype's range."""
    chosen = []
    for dtype, (low, high) in _RANGES.items():
        for start in _EDGES:
            for stop in _EDGES:
                for step in _STEPS:
                    count = max(0, -((start - stop) // step))
                    if count <= 6 and all(low <= v <= high for v in (start, stop, step)):
                        chosen.append((dtype, start, stop, step))
    return chosen


@pytest.mark.parametrize(("dtype", "start", "stop", "step"), _short_ranges())
def test_arange_counts_exactly_near_int64s_ends(
    backend: pa.Backend, dtype: str, start: int, stop: int, step: int
) -> None:
    # ceil((stop - start) / step) in integers: NumPy counted in float64, so that
    # arange(5, -2**63, -2**62) lost its third value 5 - 2**63.
    values = [start + i * step for i in range(max(0, -((start - stop) // step)))]
    got = pa.arange(start, stop, step, dtype=getattr(pa, dtype))
    assert pa.to_numpy(got).tolist() == values


_NO_AXES = [
    (value, where)
    for value in (complex("nan+nanj"), [1 + 1j, 2j])
    for where in ({}, {"axes": ()}, {"s": ()}, {"s": (), "axes": ()})
    if where or not isinstance(value, list)  # (a 1-d input without axes has its axis)
]


@pytest.mark.parametrize(("value", "where"), _NO_AXES)
def test_rfftn_reports_no_axes_before_complex_input(
    backend: pa.Backend, value: Any, where: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="at least one axis"):
        pa.fft.rfftn(pa.asarray(value), **where)


def test_rfftn_of_complex_with_axes_is_a_type_error(backend: pa.Backend) -> None:
    with pytest.raises(TypeError, match="real input"):
        pa.fft.rfftn(pa.asarray([1 + 1j, 2j]))
