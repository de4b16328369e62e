"""One answer over each function's whole input domain (issue 10): axes of 0-d arrays, what an
axis is, booleans and integer edges in numeric functions, arguments one framework took and
the other refused, and the accuracy of float32 reductions. Each case gave a value on one
backend and an error, or another value or dtype, on the other; see docs/semantics.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import errors


def values(x: object) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def scalar() -> Any:
    return pa.asarray(3.0)


def matrix() -> Any:
    return pa.reshape(pa.arange(6.0), (2, 3))


# -- a 0-d array has no axes ------------------------------------------------------------

NO_AXES: dict[str, Callable[[Any], Any]] = {
    "sum": lambda x: pa.sum(x, axis=0),
    "prod": lambda x: pa.prod(x, axis=-1),
    "max": lambda x: pa.max(x, axis=0),
    "min": lambda x: pa.min(x, axis=-1),
    "any": lambda x: pa.any(x, axis=0),
    "all": lambda x: pa.all(x, axis=(0,)),
    "count_nonzero": lambda x: pa.count_nonzero(x, axis=0),
    "mean": lambda x: pa.mean(x, axis=0),
    "std": lambda x: pa.std(x, axis=-1),
    "var": lambda x: pa.var(x, axis=0),
    "median": lambda x: pa.median(x, axis=0),
    "argmax": lambda x: pa.argmax(x, axis=0),
    "argmin": lambda x: pa.argmin(x, axis=-1),
    "max_with_indices": lambda x: pa.max_with_indices(x, axis=0),
    "cumulative_sum": lambda x: pa.cumulative_sum(x, axis=0),
    "cumulative_prod": lambda x: pa.cumulative_prod(x, axis=-1),
    "argsort (default axis -1)": lambda x: pa.argsort(x),
    "sort (default axis -1)": lambda x: pa.sort(x),
    "diff (default axis -1)": lambda x: pa.diff(x),
    "flip": lambda x: pa.flip(x, axis=0),
    "roll": lambda x: pa.roll(x, 1, axis=0),
    "squeeze": lambda x: pa.squeeze(x, axis=0),
    "repeat": lambda x: pa.repeat(x, 2, axis=0),
    "unstack (default axis 0)": lambda x: pa.unstack(x),
    "concat": lambda x: pa.concat([x, x]),
    "moveaxis": lambda x: pa.moveaxis(x, 0, 0),
    "permute_dims": lambda x: pa.permute_dims(x, (0,)),
    "take": lambda x: pa.take(x, pa.asarray([0]), axis=0),
    "take_along_axis": lambda x: pa.take_along_axis(x, pa.asarray(0), axis=0),
    "vecdot": lambda x: pa.vecdot(x, x),
    "linalg.vecdot": lambda x: pa.linalg.vecdot(x, x),
    "linalg.cross": lambda x: pa.linalg.cross(x, x),
    "linalg.vector_norm": lambda x: pa.linalg.vector_norm(x, axis=0),
    "fft.fft": lambda x: pa.fft.fft(x),
    "fft.rfft": lambda x: pa.fft.rfft(x, axis=0),
    "fft.fftn": lambda x: pa.fft.fftn(x, axes=(0,)),
    "fft.fftshift": lambda x: pa.fft.fftshift(x, axes=0),
}


@pytest.mark.parametrize("call", NO_AXES.values(), ids=NO_AXES.keys())
def test_an_axis_of_a_0d_array_is_out_of_range(backend: pa.Backend, call: Callable) -> None:
    # NumPy's reductions, argsort and take, and torch everywhere, took axes 0 and -1.
    with pytest.raises(errors.AxisError):
        call(scalar())


NO_AXES_GIVEN: dict[str, Callable[[Any, Any], Any]] = {
    "sum": lambda x, axis: pa.sum(x, axis=axis),
    "max": lambda x, axis: pa.max(x, axis=axis),
    "mean": lambda x, axis: pa.mean(x, axis=axis),
    "var": lambda x, axis: pa.var(x, axis=axis),
    "count_nonzero": lambda x, axis: pa.count_nonzero(x, axis=axis),
    "flip": lambda x, axis: pa.flip(x, axis=axis),
    "linalg.vector_norm": lambda x, axis: pa.linalg.vector_norm(x, axis=axis),
    "fft.fftshift": lambda x, axis: pa.fft.fftshift(x, axes=axis),
}


@pytest.mark.parametrize("axis", [None, ()])
@pytest.mark.parametrize("call", NO_AXES_GIVEN.values(), ids=NO_AXES_GIVEN.keys())
def test_no_axis_of_a_0d_array_works(backend: pa.Backend, call: Callable, axis: Any) -> None:
    result = call(scalar(), axis)
    assert result.shape == ()


def test_roll_of_a_0d_array_over_no_axes_is_a_copy(backend: pa.Backend) -> None:
    assert values(pa.roll(scalar(), 1, axis=())) == 3.0  # (NumPy failed)


# -- what an axis is ----------------------------------------------------------------------

INT_AXIS: dict[str, Callable[[Any, Any], Any]] = {
    "sum": lambda x, a: pa.sum(x, axis=a),
    "mean": lambda x, a: pa.mean(x, axis=a),
    "std": lambda x, a: pa.std(x, axis=a),
    "max": lambda x, a: pa.max(x, axis=a),
    "any": lambda x, a: pa.any(x, axis=a),
    "argmax": lambda x, a: pa.argmax(x, axis=a),
    "cumulative_sum": lambda x, a: pa.cumulative_sum(x, axis=a),
    "sort": lambda x, a: pa.sort(x, axis=a),
    "argsort": lambda x, a: pa.argsort(x, axis=a),
    "flip": lambda x, a: pa.flip(x, axis=a),
    "roll": lambda x, a: pa.roll(x, 1, axis=a),
    "diff": lambda x, a: pa.diff(x, axis=a),
    "take": lambda x, a: pa.take(x, pa.asarray([0]), axis=a),
    "expand_dims": lambda x, a: pa.expand_dims(x, axis=a),
    "unstack": lambda x, a: pa.unstack(x, axis=a)[0],
    "stack": lambda x, a: pa.stack([x, x], axis=a),
    "concat": lambda x, a: pa.concat([x, x], axis=a),
    "median": lambda x, a: pa.median(x, axis=a),
    "linalg.vector_norm": lambda x, a: pa.linalg.vector_norm(x, axis=a),
    "fft.fft": lambda x, a: pa.fft.fft(x, axis=a),
    "moveaxis": lambda x, a: pa.moveaxis(x, a, 0),
}


@pytest.mark.parametrize("call", INT_AXIS.values(), ids=INT_AXIS.keys())
def test_numpy_integers_are_axes(backend: pa.Backend, call: Callable) -> None:
    # polyarray's torch paths compared them with () elementwise, or torch refused them.
    expected = call(matrix(), 1)
    for axis in (np.int64(1), np.int32(1), np.uint8(1)):
        result = call(matrix(), axis)
        assert result.shape == expected.shape
        np.testing.assert_array_equal(values(result), values(expected))


@pytest.mark.parametrize("axis", [True, 1.0, [0], "0"], ids=["bool", "float", "list", "str"])
@pytest.mark.parametrize("call", INT_AXIS.values(), ids=INT_AXIS.keys())
def test_other_axes_are_a_type_error(backend: pa.Backend, call: Callable, axis: Any) -> None:
    # NumPy took True as axis 1 in sort, flip, roll...; torch took lists in its reductions.
    with pytest.raises(TypeError):
        call(matrix(), axis)


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa.sort(matrix(), axis=None),
        lambda: pa.argsort(matrix(), axis=None),
        lambda: pa.squeeze(pa.ones((1, 3)), axis=None),
        lambda: pa.take_along_axis(matrix(), pa.asarray([[0]]), axis=None),
        lambda: pa.diff(matrix(), axis=None),
        lambda: pa.linalg.cross(pa.ones((2, 3)), pa.ones((2, 3)), axis=None),
        lambda: pa.roll(matrix(), 1.0),
        lambda: pa.tile(matrix(), 2),
        lambda: pa.tile(matrix(), (2.0,)),
        lambda: pa.repeat(matrix(), 2.0),
        lambda: pa.diff(matrix(), n=True),
        lambda: pa.linalg.diagonal(matrix(), offset=True),
        lambda: pa.linalg.matrix_power(pa.eye(2), 1.0),
        lambda: pa.fft.fftfreq(4.0),
        lambda: pa.tensordot(matrix(), matrix(), axes=True),
    ],
    ids=[
        "sort None", "argsort None", "squeeze None", "take_along_axis None", "diff None",
        "cross None", "roll float shift", "tile int", "tile float", "repeat float",
        "diff bool n", "diagonal bool offset", "matrix_power float", "fftfreq float",
        "tensordot bool",
    ],
)  # fmt: skip
def test_arguments_outside_the_standard_types(backend: pa.Backend, call: Callable) -> None:
    with pytest.raises(TypeError):
        call()


def test_numpy_integers_as_other_int_parameters(backend: pa.Backend) -> None:
    n = np.int64(2)
    assert values(pa.roll(matrix(), np.int64(1), axis=1))[0].tolist() == [2.0, 0.0, 1.0]
    assert pa.tile(matrix(), (n,)).shape == (2, 6)
    assert pa.repeat(matrix(), n, axis=0).shape == (4, 3)
    assert values(pa.linalg.diagonal(matrix(), offset=np.int64(1))).tolist() == [1.0, 5.0]
    assert pa.diff(matrix(), n=np.int64(2)).shape == (2, 1)
    assert pa.fft.fftfreq(np.int64(4)).shape == (4,)
    assert pa.tensordot(matrix(), pa.reshape(matrix(), (3, 2)), axes=np.int64(1)).shape == (2, 2)


# -- booleans and integer edges -------------------------------------------------------------

BOOLS = [True, False, True]


@pytest.mark.parametrize(
    "name", ["abs", "square", "sign", "positive", "conj", "round", "floor", "ceil", "trunc"]
)
def test_numeric_functions_of_booleans_give_booleans(backend: pa.Backend, name: str) -> None:
    # NumPy: int8 (square, conj), float16 (round), TypeError (sign, positive); torch:
    # int64 (square), NotImplementedError (abs, round...).
    result = getattr(pa, name)(pa.asarray(BOOLS))
    assert result.dtype == pa.bool
    assert values(result).tolist() == BOOLS


@pytest.mark.parametrize(
    ("name", "second", "expected"),
    [
        ("floor_divide", [True] * 3, BOOLS),
        ("remainder", [True] * 3, [False] * 3),
        ("pow", [True, True, False], [True, False, True]),  # 1**1, 0**1, 1**0
    ],
)
def test_integer_arithmetic_of_booleans(
    backend: pa.Backend, name: str, second: list, expected: list
) -> None:
    # NumPy gave int8, torch raised NotImplementedError.
    result = getattr(pa, name)(pa.asarray(BOOLS), pa.asarray(second))
    assert result.dtype == pa.bool
    assert values(result).tolist() == expected


@pytest.mark.parametrize("name", ["floor_divide", "remainder"])
def test_division_of_booleans_by_false(backend: pa.Backend, name: str) -> None:
    with pytest.raises(errors.IntegerDivisionByZeroError):
        getattr(pa, name)(pa.asarray(BOOLS), pa.asarray([True, False, True]))


@pytest.mark.parametrize(
    "call",
    [
        lambda b: pa.negative(b),
        lambda b: pa.subtract(b, b),
        lambda b: pa.subtract(b, True),
        lambda b: pa.linalg.cross(b, b),
    ],
    ids=["negative", "subtract", "subtract scalar", "cross"],
)
def test_booleans_where_results_leave_them(backend: pa.Backend, call: Callable) -> None:
    with pytest.raises(TypeError):
        call(pa.asarray(BOOLS))


def test_booleans_in_order_and_search(backend: pa.Backend) -> None:
    b = pa.asarray([False, True, True, False])
    assert int(pa.argmax(b)) == 1  # (torch: RuntimeError)
    assert int(pa.argmin(b)) == 0
    result = pa.max_with_indices(b)
    assert bool(result.values)
    assert int(result.indices) == 1
    assert values(pa.isin(b, pa.asarray([True]))).tolist() == [False, True, True, False]
    sorted_b = pa.asarray([False, False, True])
    assert values(pa.searchsorted(sorted_b, pa.asarray([True]))).tolist() == [2]
    assert values(pa.searchsorted(sorted_b, pa.asarray([False]), side="right")).tolist() == [2]
    clipped = pa.clip(b, pa.asarray(True), pa.asarray(True))
    assert clipped.dtype == pa.bool
    assert values(clipped).all()


def test_products_of_booleans(backend: pa.Backend) -> None:
    # NumPy's answer, an or of ands (torch has no boolean kernels).
    a = pa.asarray([[True, False], [False, False]])
    v = pa.asarray([False, True])
    assert values(pa.matmul(a, a)).tolist() == [[True, False], [False, False]]
    assert values(pa.matmul(a, v)).tolist() == [False, False]
    assert pa.matmul(a, a).dtype == pa.bool
    assert values(pa.vecdot(a, a)).tolist() == [True, False]
    assert values(pa.linalg.vecdot(a, a)).tolist() == [True, False]
    assert values(pa.tensordot(a, a, axes=1)).tolist() == [[True, False], [False, False]]


INTEGER_DTYPES = ["uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64"]


@pytest.mark.parametrize("dtype", INTEGER_DTYPES)
def test_indices_of_every_integer_dtype(backend: pa.Backend, dtype: str) -> None:
    x = pa.asarray([10.0, 20.0, 30.0])
    indices = pa.asarray([2, 0], dtype=dtype)
    assert values(pa.take(x, indices)).tolist() == [30.0, 10.0]
    along = pa.take_along_axis(pa.reshape(x, (1, 3)), pa.reshape(indices, (1, 2)), axis=1)
    assert values(along).tolist() == [[30.0, 10.0]]


@pytest.mark.parametrize("dtype", ["bool", "float32"])
def test_indices_that_are_not_integers(backend: pa.Backend, dtype: str) -> None:
    x = pa.asarray([10.0, 20.0, 30.0])
    with pytest.raises(TypeError):
        pa.take(x, pa.asarray([1, 0], dtype=dtype))
    with pytest.raises(TypeError):
        pa.take_along_axis(x, pa.asarray([1, 0], dtype=dtype), axis=0)


def test_uint64_indices_beyond_int64_are_out_of_bounds(backend: pa.Backend) -> None:
    # NumPy wrapped 2**64 - 1 to -1, the last element.
    with pytest.raises(IndexError):
        pa.take(pa.asarray([1.0, 2.0]), pa.asarray([2**64 - 1], dtype=pa.uint64))


@pytest.mark.parametrize("dtype", ["uint16", "int8", "int64"])
def test_a_condition_of_numbers_is_their_truth(backend: pa.Backend, dtype: str) -> None:
    condition = pa.asarray([0, 5, 0], dtype=dtype)  # (torch refused it)
    result = pa.where(condition, pa.asarray([1, 2, 3]), pa.asarray([-1, -2, -3]))
    assert values(result).tolist() == [-1, 2, -3]


REAL_ONLY = ["atan2", "copysign", "floor_divide", "remainder", "hypot", "logaddexp"]
REAL_ONLY += ["nextafter", "maximum", "minimum", "less", "less_equal", "greater"]


@pytest.mark.parametrize("name", [*REAL_ONLY, "greater_equal"])
def test_functions_of_real_numbers_refuse_complex(backend: pa.Backend, name: str) -> None:
    # NumPy ordered complex numbers by their parts in comparisons, maximum and minimum and
    # raised TypeError elsewhere; torch raised NotImplementedError or RuntimeError.
    z = pa.asarray([1 + 1j, 2j])
    with pytest.raises(TypeError):
        getattr(pa, name)(z, z)


@pytest.mark.parametrize(
    "call",
    [
        lambda z: pa.ceil(z),
        lambda z: pa.floor(z),
        lambda z: pa.trunc(z),
        lambda z: pa.clip(z, z[0]),
    ],
    ids=["ceil", "floor", "trunc", "clip"],
)
def test_rounding_and_clip_refuse_complex(backend: pa.Backend, call: Callable) -> None:
    with pytest.raises(TypeError):  # (NumPy's clip ordered them by their parts)
        call(pa.asarray([1.5 + 1j, 2j]))


@pytest.mark.parametrize(
    ("axes", "error"),
    [(3, errors.AxisError), (2**40, errors.AxisError), (2**63, errors.ScalarOverflowError)],
)
def test_tensordot_of_more_axes_than_there_are(
    backend: pa.Backend, axes: int, error: type[Exception]
) -> None:
    # NumPy tried to allocate for axes=2**40.
    with pytest.raises(error):
        pa.tensordot(pa.ones(2), pa.ones(2), axes=axes)


# -- arguments one framework took and the other refused --------------------------------

REFUSED: dict[str, tuple[type[Exception], Callable[[], Any]]] = {
    "cross of 2-vectors": (ValueError, lambda: pa.linalg.cross(pa.ones(2), pa.ones(2))),
    "outer of a 0-d array": (ValueError, lambda: pa.linalg.outer(scalar(), pa.ones(2))),
    "outer of a matrix": (ValueError, lambda: pa.linalg.outer(matrix(), pa.ones(2))),
    "reshape -2": (errors.ReshapeError, lambda: pa.reshape(matrix(), (-2, 3))),
    "reshape -1 -1": (errors.ReshapeError, lambda: pa.reshape(matrix(), (-1, -1))),
    "reshape int": (TypeError, lambda: pa.reshape(matrix(), 6)),
    "fftn repeated axes": (errors.AxisError, lambda: pa.fft.fftn(matrix(), axes=(0, 0))),
    "fftn axes -2 and 0": (errors.AxisError, lambda: pa.fft.ifftn(matrix(), axes=(0, -2))),
    "fftshift repeated axes": (errors.AxisError, lambda: pa.fft.fftshift(matrix(), axes=(1, 1))),
    "fft axis out of range": (errors.AxisError, lambda: pa.fft.fft(matrix(), axis=2)),
    "fftfreq 0": (ValueError, lambda: pa.fft.fftfreq(0)),
    "rfftfreq -1": (ValueError, lambda: pa.fft.rfftfreq(-1)),
    "fftfreq d 0": (ZeroDivisionError, lambda: pa.fft.fftfreq(4, d=0)),
    "take 2-d without axis": (ValueError, lambda: pa.take(matrix(), pa.asarray([0]))),
    "take 0-d without axis": (ValueError, lambda: pa.take(scalar(), pa.asarray([0]))),
    "take 0-d indices": (ValueError, lambda: pa.take(pa.ones(3), pa.asarray(1))),
    "take axis out of range": (
        errors.AxisError,
        lambda: pa.take(matrix(), pa.asarray([0]), axis=2),
    ),
    "take_along_axis ndim": (
        errors.ShapeError,
        lambda: pa.take_along_axis(matrix(), pa.asarray([0]), axis=1),
    ),
    "squeeze axis of length 2": (errors.ShapeError, lambda: pa.squeeze(matrix(), axis=0)),
    "squeeze axis out of range": (errors.AxisError, lambda: pa.squeeze(pa.ones((1, 3)), axis=2)),
    "squeeze repeated axis": (errors.AxisError, lambda: pa.squeeze(pa.ones((1, 3)), axis=(0, 0))),
    "expand_dims repeated axis": (errors.AxisError, lambda: pa.expand_dims(matrix(), axis=(0, 0))),
    "expand_dims out of range": (errors.AxisError, lambda: pa.expand_dims(matrix(), axis=(0, 4))),
    "permute_dims too few": (errors.AxisError, lambda: pa.permute_dims(matrix(), (1,))),
    "permute_dims repeated": (errors.AxisError, lambda: pa.permute_dims(matrix(), (0, 0))),
    "moveaxis lengths": (ValueError, lambda: pa.moveaxis(matrix(), (0, 1), 0)),
    "moveaxis repeated": (errors.AxisError, lambda: pa.moveaxis(matrix(), (0, 0), (0, 1))),
    "unstack out of range": (errors.AxisError, lambda: pa.unstack(matrix(), axis=2)),
    "stack out of range": (errors.AxisError, lambda: pa.stack([matrix()] * 2, axis=3)),
    "concat ndim": (errors.ShapeError, lambda: pa.concat([matrix(), pa.ones(3)])),
    "roll shifts without axes": (ValueError, lambda: pa.roll(matrix(), (1, 2))),
    "roll shifts and axes": (ValueError, lambda: pa.roll(matrix(), (1, 2), axis=(0,))),
    "repeat float counts": (TypeError, lambda: pa.repeat(matrix(), pa.ones(2), axis=0)),
    "repeat bool counts": (TypeError, lambda: pa.repeat(matrix(), pa.ones(2, dtype=bool), axis=0)),
    "repeat counts length": (
        errors.BroadcastError,
        lambda: pa.repeat(matrix(), pa.asarray([1, 2, 3]), axis=0),
    ),
    "diff scalar prepend": (TypeError, lambda: pa.diff(matrix(), prepend=0.0)),
    "diff 0-d prepend": (errors.ShapeError, lambda: pa.diff(matrix(), prepend=pa.asarray(0.0))),
    "diff prepend shape": (errors.ShapeError, lambda: pa.diff(matrix(), prepend=pa.ones(3))),
    "searchsorted 2-d": (ValueError, lambda: pa.searchsorted(matrix(), pa.asarray([1.0]))),
    "searchsorted side": (ValueError, lambda: pa.searchsorted(pa.ones(2), pa.ones(1), side="mid")),
    "tensordot -1": (ValueError, lambda: pa.tensordot(pa.ones(1), pa.ones(1), axes=-1)),
    "vecdot axis out of range": (errors.AxisError, lambda: pa.vecdot(matrix(), matrix(), axis=2)),
    "nonzero of 0-d": (ValueError, lambda: pa.nonzero(scalar())),
    "outer of a Python scalar": (ValueError, lambda: pa.linalg.outer(2.0, pa.ones(2))),
    "tensordot lengths 3 and 1": (
        errors.MatmulShapeError,  # (torch broadcast the 1 and gave a (2, 4) result)
        lambda: pa.tensordot(pa.ones((2, 3)), pa.ones((1, 4)), axes=1),
    ),
    "std correction None": (TypeError, lambda: pa.std(matrix(), correction=None)),
    "var correction NaN": (ValueError, lambda: pa.var(matrix(), correction=float("nan"))),
    "fft n float": (TypeError, lambda: pa.fft.rfft(pa.ones(4), n=0.5)),
    "var correction True": (TypeError, lambda: pa.var(matrix(), correction=True)),
    "moveaxis beyond int64": (errors.ScalarOverflowError, lambda: pa.moveaxis(matrix(), 2**63, 0)),
}  # fmt: skip


@pytest.mark.parametrize(("error", "call"), REFUSED.values(), ids=REFUSED.keys())
def test_one_error_where_one_framework_answered(
    backend: pa.Backend, error: type[Exception], call: Callable
) -> None:
    with pytest.raises(error):
        call()


@pytest.mark.parametrize("shape", [(0, 0), (3, 0), (2, 0, 4)])
def test_an_empty_matrix_has_rank_0(backend: pa.Backend, shape: tuple[int, ...]) -> None:
    # NumPy raised EmptyReductionError, torch gave 0.
    rank = pa.linalg.matrix_rank(pa.zeros(shape))
    assert rank.shape == shape[:-2]
    assert rank.dtype == pa.int64
    assert not values(rank).any()


def test_valid_arguments_near_the_refused_ones(backend: pa.Backend) -> None:
    result = pa.linalg.cross(pa.ones((2, 3)), pa.asarray([1.0, 0.0, 0.0]))  # (broadcast)
    assert values(result).tolist() == [[0.0, 1.0, -1.0]] * 2
    # One int shift for a tuple of axes, as the standard says (torch refused it).
    result = pa.roll(matrix(), 1, axis=(0, 1))
    assert values(result).tolist() == [[5.0, 3.0, 4.0], [2.0, 0.0, 1.0]]
    assert pa.reshape(matrix(), [3, 2]).shape == (3, 2)
    assert pa.reshape(matrix(), (np.int64(3), -1)).shape == (3, 2)


@pytest.mark.parametrize("axis", [2**31, 2**40, -(2**40)])
@pytest.mark.parametrize("call", INT_AXIS.values(), ids=INT_AXIS.keys())
def test_an_axis_beyond_c_int_is_out_of_range(
    backend: pa.Backend, call: Callable, axis: int
) -> None:
    # NumPy raised ValueError ("won't fit into a C int") or OverflowError.
    with pytest.raises(errors.AxisError):
        call(matrix(), axis)


def test_edge_values_of_int_parameters(backend: pa.Backend) -> None:
    x = matrix()
    # Offsets beyond the matrix give the empty diagonal (NumPy raised OverflowError).
    assert float(pa.linalg.trace(x, offset=2**40)) == 0.0
    assert pa.linalg.diagonal(x, offset=-(2**40)).shape == (0,)
    # A shift beyond int64 is taken modulo the length, as NumPy does (torch raised).
    assert values(pa.roll(x, 2**63 + 1, axis=1)).tolist() == values(pa.roll(x, 3, axis=1)).tolist()
    # A huge order of differences is empty at once (NumPy and torch looped n times).
    assert pa.diff(x, n=2**40).shape == (2, 0)


def test_differences_of_complex_nan_keep_the_other_part(backend: pa.Backend) -> None:
    result = values(pa.diff(pa.asarray([complex("nan"), 0j, complex(0, 1)])))
    assert np.isnan(result[0].real)
    assert result[0].imag == 0.0  # (torch gave nan+nanj)
    assert result[1] == 1j


def test_vector_norm_over_no_axes_of_a_0d_array(backend: pa.Backend) -> None:
    result = pa.linalg.vector_norm(pa.asarray(-3.0), axis=())  # (torch: IndexError)
    assert result.shape == ()
    assert float(result) == 3.0


# -- accuracy of float32 reductions ----------------------------------------------------------


@pytest.mark.parametrize("name", ["sum", "mean", "var", "std"])
@pytest.mark.parametrize("axis", [(0, 1, 2), (0,), (1, 2), 0, -1, None])
def test_float32_reductions_are_accurate(backend: pa.Backend, name: str, axis: Any) -> None:
    # An image batch offset by 100: NumPy's own float32 std over (0, 1, 2) of a
    # (16, 128, 128, 3) one was 18% off, its mean 2e-3, where torch's were within 1e-7.
    data = np.random.default_rng(0).random((8, 32, 32, 3), dtype=np.float32) + 100
    result = getattr(pa, name)(pa.asarray(data), axis=axis)
    assert result.dtype == pa.float32
    exact = getattr(np, name)(data.astype(np.float64), axis=axis)
    pa.testing.assert_close(result, pa.asarray(exact.astype(np.float32)))


def test_complex64_variance_over_outer_axes(backend: pa.Backend) -> None:
    data = np.random.default_rng(1).random((600, 3)) + 1j * np.random.default_rng(2).random(
        (600, 3)
    )
    x = pa.asarray(data.astype(np.complex64) + 50)
    result = pa.var(x, axis=0)
    assert result.dtype == pa.float32
    exact = np.var(data.astype(np.complex64).astype(np.complex128) + 50, axis=0)
    np.testing.assert_allclose(values(result), exact, rtol=1.3e-6)
