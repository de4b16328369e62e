"""Residual divergences the differential fuzzer found, now one answer on every backend
(issue 10; docs/semantics.md and docs/errors.md).

Complex input to the functions of real numbers (order, rounding, real-only arithmetic),
``linspace`` of integer dtypes, ``tril``/``triu`` of arrays under two dimensions and
their ``k``, ``broadcast_shapes`` at the edges of its domain, Python scalars in
``vecdot`` and ``matmul``, ``matrix_power`` of booleans and unsigned integers, shifts
beyond int64, boolean fills, ``fftfreq``/``rfftfreq`` arguments and FFTs of empty
batches. Each test runs on the backend of the ``backend`` fixture.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import errors

Call = Callable[[], Any]
REAL_DTYPES = ["bool", "uint8", "uint16", "int32", "int64", "float32", "float64"]


def _array(values: Any, dtype: str) -> Any:
    return pa.asarray(np.asarray(values, dtype=dtype))


# -- complex input to functions of real numbers -----------------------------------------

UNARY_REAL_ONLY: dict[str, Callable[[Any], Any]] = {
    "ceil": pa.ceil,
    "floor": pa.floor,
    "trunc": pa.trunc,
    "max": pa.max,
    "min": pa.min,
    "argmax": pa.argmax,
    "argmin": pa.argmin,
    "sort": pa.sort,
    "argsort": pa.argsort,
    "median": pa.median,
    "max_with_indices": lambda x: pa.max_with_indices(x, axis=0),
    "min_with_indices": lambda x: pa.min_with_indices(x, axis=0),
    "clip": lambda x: pa.clip(x, 0, 1),
}
BINARY_REAL_ONLY: dict[str, Callable[[Any, Any], Any]] = {
    "remainder": pa.remainder,
    "atan2": pa.atan2,
    "copysign": pa.copysign,
    "hypot": pa.hypot,
    "greater": pa.greater,
    "less": pa.less,
    "greater_equal": pa.greater_equal,
    "less_equal": pa.less_equal,
    "maximum": pa.maximum,
    "minimum": pa.minimum,
    "searchsorted": pa.searchsorted,
}


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
@pytest.mark.parametrize("name", UNARY_REAL_ONLY)
def test_functions_of_real_numbers_refuse_complex_arrays(
    backend: Any, name: str, dtype: str
) -> None:
    # NumPy ordered complex numbers by their parts (max, sort, argmax, median...) or
    # raised TypeError; torch raised NotImplementedError or RuntimeError.
    x = _array([1 + 2j, 3 - 1j], dtype)
    with pytest.raises(TypeError, match=rf"pa\.{name} is defined for real numbers"):
        UNARY_REAL_ONLY[name](x)


@pytest.mark.parametrize("name", BINARY_REAL_ONLY)
def test_binary_functions_of_real_numbers_refuse_complex_operands(backend: Any, name: str) -> None:
    real = _array([1.0, 2.0], "float32")
    for x1, x2 in [
        (real, _array([1j, 2j], "complex64")),
        (_array([1j, 2j], "complex128"), real),
        (real, 1 + 1j),  # a Python complex scalar
    ]:
        with pytest.raises(TypeError, match=rf"pa\.{name} is defined for real numbers"):
            BINARY_REAL_ONLY[name](x1, x2)


@pytest.mark.parametrize("name", ["max", "min"])
def test_reductions_over_no_axes_refuse_complex_arrays(backend: Any, name: str) -> None:
    with pytest.raises(TypeError, match="is defined for real numbers"):
        getattr(pa, name)(_array([1j], "complex64"), axis=())


@pytest.mark.parametrize("dtype", REAL_DTYPES)
@pytest.mark.parametrize("name", ["max", "min", "argmax", "argmin", "sort", "argsort"])
def test_ordering_functions_still_take_every_real_dtype(
    backend: Any, name: str, dtype: str
) -> None:
    values = [True, False, True] if dtype == "bool" else [3, 1, 2]
    expected = {
        "max": max(values),
        "min": min(values),
        "argmax": values.index(max(values)),
        "argmin": values.index(min(values)),
        "sort": sorted(values),
        "argsort": sorted(range(3), key=values.__getitem__),
    }[name]
    result = UNARY_REAL_ONLY[name](_array(values, dtype))
    assert pa.to_numpy(result).tolist() == expected


# -- linspace of integer dtypes ------------------------------------------------------------

LINSPACES = [
    (9, 7, 4, True),
    (7, 3.541183384634767, 6, True),  # torch's integer kernel gave 3 where NumPy gives 4
    (0, 10, 4, False),
    (3, -3, 7, True),
    (-0.5, 3, 4, True),
    (1.5, 1.5, 3, True),
    (0, 5, 1, True),
    (0, 5, 0, True),
]


@pytest.mark.parametrize("dtype", ["int8", "int16", "int64", "uint8", "uint16", "uint32"])
@pytest.mark.parametrize(("start", "stop", "num", "endpoint"), LINSPACES)
def test_integer_linspace_gives_numpys_floored_values(
    backend: Any, dtype: str, start: float, stop: float, num: int, endpoint: bool
) -> None:
    if dtype.startswith("u") and min(start, stop) < 0:
        pytest.skip("below the unsigned range: see the next test")
    result = pa.linspace(start, stop, num, endpoint=endpoint, dtype=getattr(pa, dtype))
    expected = np.linspace(start, stop, num, endpoint=endpoint, dtype=dtype)
    assert pa.to_numpy(result).dtype == expected.dtype
    assert pa.to_numpy(result).tolist() == expected.tolist()


def test_uint64_linspace_beyond_int64(backend: Any) -> None:
    result = pa.to_numpy(pa.linspace(0, 2**63, 3, dtype=pa.uint64))
    assert result.dtype == np.uint64
    assert result.tolist() == [0, 2**62, 2**63]


@pytest.mark.parametrize(
    ("start", "stop", "dtype"),
    [(-2.02, 0.0, "uint8"), (0, 300, "uint8"), (0, 2**64 - 1, "uint64"), (-129, 0, "int8")],
)
def test_integer_linspace_bounds_beyond_the_dtype_are_refused(
    backend: Any, start: float, stop: float, dtype: str
) -> None:
    # NumPy wrapped them silently (-2.02 began at 253), torch raised its own error.
    with pytest.raises(errors.ScalarOverflowError, match="lies beyond"):
        pa.linspace(start, stop, 5, dtype=getattr(pa, dtype))


@pytest.mark.parametrize("dtype", ["int32", "uint16", "float32", "float64"])
def test_linspace_of_complex_bounds_and_a_real_dtype_is_a_type_error(
    backend: Any, dtype: str
) -> None:
    # NumPy dropped the imaginary part (with a warning), torch raised RuntimeError.
    with pytest.raises(TypeError, match=r"a complex bound .* with a real dtype"):
        pa.linspace(0, 2 + 0j, 3, dtype=getattr(pa, dtype))
    assert tuple(pa.linspace(0, 2 + 0j, 3, dtype=pa.complex64).shape) == (3,)


def test_linspace_counts_are_ints(backend: Any) -> None:
    with pytest.raises(TypeError, match="an int as num"):
        pa.linspace(5.0, -6, False)  # (NumPy took False as 0)


# -- tril and triu -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["tril", "triu"])
@pytest.mark.parametrize(
    "make", [lambda: pa.asarray(1.0), lambda: 0, lambda: pa.asarray([1, 2], dtype=pa.uint16)]
)
def test_triangles_need_two_dimensions(backend: Any, name: str, make: Call) -> None:
    # NumPy made a 1-d array a matrix and raised TypeError for 0-d ones; torch RuntimeError.
    with pytest.raises(errors.LinAlgError, match="at least two dimensions") as caught:
        getattr(pa, name)(make())
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("name", ["tril", "triu"])
@pytest.mark.parametrize("k", [True, 1.5, None, "1"])
def test_triangle_offsets_are_ints(backend: Any, name: str, k: Any) -> None:
    # NumPy took True and 1.5, torch None.
    with pytest.raises(TypeError, match="k must be an int"):
        getattr(pa, name)(pa.ones((2, 2)), k=k)


@pytest.mark.parametrize("dtype", ["bool", "uint16", "uint64", "int8", "float32", "complex64"])
@pytest.mark.parametrize("name", ["tril", "triu"])
@pytest.mark.parametrize("k", [0, -1, 2, np.int64(1), 2**63, -(2**70)])
def test_triangles_of_every_offset(backend: Any, name: str, k: Any, dtype: str) -> None:
    values = np.arange(1, 13).reshape(2, 2, 3).astype(dtype)
    result = getattr(pa, name)(pa.asarray(values), k=k)
    clamped = max(-2, min(int(k), 3))  # beyond the matrices: all of it, or none
    expected = getattr(np, name)(values, clamped)
    assert pa.to_numpy(result).dtype == expected.dtype
    assert pa.to_numpy(result).tolist() == expected.tolist()


def test_triangles_of_empty_matrices(backend: Any) -> None:
    assert tuple(pa.tril(pa.zeros((0, 3))).shape) == (0, 3)
    assert tuple(pa.triu(pa.zeros((2, 0, 0)), k=1).shape) == (2, 0, 0)


# -- broadcast_shapes ---------------------------------------------------------------------


def test_broadcast_shapes_results(backend: Any) -> None:
    assert pa.broadcast_shapes() == ()
    assert pa.broadcast_shapes((2, 1), (3,)) == (2, 3)
    assert pa.broadcast_shapes([1], (np.int64(1), np.int64(3))) == (1, 3)  # torch failed
    assert pa.broadcast_shapes(3, (2, 1)) == (2, 3)
    assert pa.broadcast_shapes((0,), (2, 1)) == (2, 0)
    assert pa.broadcast_shapes((2**62,), (1,)) == (2**62,)
    result = pa.broadcast_shapes((np.int32(2), 1), (1, 3))
    assert all(type(size) is int for size in result)


BROADCAST_SHAPES_MISTAKES: dict[str, tuple[tuple[Any, ...], type[Exception], str]] = {
    "negative": (((-9, 2), (-2,)), errors.NegativeSizeError, "at least 0"),
    "negative after a mismatch": (((2,), (3,), (-1,)), errors.NegativeSizeError, "at least 0"),
    "float": (((1.0,), (1, 3)), TypeError, "takes shapes"),
    "bool": (((True,), (1,)), TypeError, "takes shapes"),
    "None": (((2,), None), TypeError, "takes shapes"),
    "beyond int64": (((2**63,), (1,)), errors.ScalarOverflowError, "out of the range"),
    "too many elements": (((), (2**62, 1, 1), (3,)), errors.AllocationError, "more elements"),
    "mismatch": (((2,), (3,)), errors.BroadcastError, "cannot be broadcast"),
}


@pytest.mark.parametrize(
    ("shapes", "error", "words"),
    BROADCAST_SHAPES_MISTAKES.values(),
    ids=BROADCAST_SHAPES_MISTAKES,
)
def test_broadcast_shapes_mistakes(
    backend: Any, shapes: tuple[Any, ...], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        pa.broadcast_shapes(*shapes)


# -- products with Python scalars and 0-d arrays -------------------------------------------


@pytest.mark.parametrize("module", [pa, pa.linalg])
def test_vecdot_of_a_scalar_or_0d_array_has_no_axis(backend: Any, module: Any) -> None:
    vector = pa.asarray([1.0, 2.0])
    for x1, x2 in [(vector, 2.0), (2, vector), (vector, pa.asarray(3.0))]:
        with pytest.raises(errors.AxisError, match="0-d array"):
            module.vecdot(x1, x2)


@pytest.mark.parametrize("module", [pa, pa.linalg])
def test_matmul_of_a_python_scalar_is_a_matmul_shape_error(backend: Any, module: Any) -> None:
    # (NumPy and torch raised AttributeError.)
    for x1, x2 in [(0.0, pa.ones((1, 2))), (pa.asarray(1.0), 2.0), (2, pa.asarray(1))]:
        with pytest.raises(errors.MatmulShapeError, match="multiply instead"):
            module.matmul(x1, x2)


def test_tensordot_counts_and_empty_contractions(backend: Any) -> None:
    x, y = pa.ones((1, 1)), pa.zeros((2, 0))
    with pytest.raises(errors.MatmulShapeError):
        pa.tensordot(x, y, axes=1)  # lengths 1 and 2, though y has no elements
    with pytest.raises(errors.AxisError):
        pa.tensordot(pa.ones((1, 2)), pa.asarray(1.0), axes=2**40)
    with pytest.raises(errors.ScalarOverflowError):
        pa.linalg.tensordot(x, pa.ones((1, 1)), axes=2**63)


# -- matrix_power, roll ------------------------------------------------------------------


@pytest.mark.parametrize("dtype", ["bool", "uint16", "uint32", "uint64", "int8"])
@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 8])
def test_matrix_power_of_booleans_and_unsigned_integers(backend: Any, dtype: str, n: int) -> None:
    # torch's matmul has no boolean or uint16/32/64 kernels (NotImplementedError).
    rng = np.random.default_rng(n)
    values = rng.integers(0, 2 if dtype == "bool" else 9, (2, 3, 3)).astype(dtype)
    result = pa.to_numpy(pa.linalg.matrix_power(pa.asarray(values), n))
    expected = np.linalg.matrix_power(values, n)
    assert result.dtype == expected.dtype
    assert result.tolist() == expected.tolist()


@pytest.mark.parametrize("dtype", ["int64", "uint16", "float32"])
def test_roll_by_shifts_beyond_int64(backend: Any, dtype: str) -> None:
    values = np.arange(6).reshape(2, 3).astype(dtype)
    x = pa.asarray(values)
    for shift, axis in [(2**64 + 1, None), ((2**64 + 1, -(2**70)), (1, 0)), (2**63, 1)]:
        expected = np.roll(values, shift, axis)
        assert pa.to_numpy(pa.roll(x, shift, axis=axis)).tolist() == expected.tolist()


def test_diff_orders_below_int64_are_negative_sizes(backend: Any) -> None:
    # torch could not take them (ScalarOverflowError); NumPy said the order is negative.
    with pytest.raises(errors.NegativeSizeError):
        pa.diff(pa.asarray([1, 2, 3]), n=-(2**64))


# -- boolean fills ------------------------------------------------------------------------


@pytest.mark.parametrize("fill", [2**63, 2**64, -(2**63) - 1, 2, 0, 0.0, 2.5, 1j])
def test_boolean_fills_take_the_truth_of_any_number(backend: Any, fill: Any) -> None:
    # NumPy raised OverflowError for 2**63 (through int64), torch for 2**64.
    expected = [bool(fill)] * 2
    assert pa.to_numpy(pa.full((2,), fill, dtype=pa.bool)).tolist() == expected
    like = pa.full_like(pa.asarray([True, False]), fill)
    assert pa.to_numpy(like).tolist() == expected


# -- fftfreq and rfftfreq -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fftfreq", "rfftfreq"])
@pytest.mark.parametrize("dtype", ["bool", "int32", "uint16", "uint64", "complex64"])
def test_frequencies_are_of_real_floating_dtypes(backend: Any, name: str, dtype: str) -> None:
    # NumPy gave integer, boolean and complex frequencies; torch raised.
    with pytest.raises(TypeError, match="real floating-point dtype"):
        getattr(pa.fft, name)(8, d=0.5, dtype=getattr(pa, dtype))


@pytest.mark.parametrize("name", ["fftfreq", "rfftfreq"])
@pytest.mark.parametrize("d", [1 + 0j, True, None, "1", np.complex64(1)])
def test_sample_spacing_is_a_real_number(backend: Any, name: str, d: Any) -> None:
    with pytest.raises(TypeError, match="d, the sample spacing, must be a real number"):
        getattr(pa.fft, name)(8, d=d)


@pytest.mark.parametrize("name", ["fftfreq", "rfftfreq"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(
    "d", [np.float32(0.1), np.asarray(2.0, dtype=np.float32), np.int64(3), 0.1, 2]
)
def test_numpy_spacings_are_read_as_the_numbers_they_hold(
    backend: Any, name: str, dtype: str, d: Any
) -> None:
    # NumPy computed in float32 for a float32 d (0.1666666716 for 1/6), torch refused
    # 0-d arrays.
    n = 7
    count = n // 2 + 1 if name == "rfftfreq" else n
    ints = [i if i < (n + 1) // 2 or name == "rfftfreq" else i - n for i in range(count)]
    expected = np.asarray([i / (n * float(d)) for i in ints], dtype=dtype)
    result = pa.to_numpy(getattr(pa.fft, name)(n, d=d, dtype=getattr(pa, dtype)))
    assert result.dtype == expected.dtype
    np.testing.assert_allclose(result, expected, rtol=2e-7 if dtype == "float32" else 1e-15)


@pytest.mark.parametrize("name", ["fftfreq", "rfftfreq"])
@pytest.mark.parametrize("n", [2**63, 2**64])
def test_window_lengths_beyond_int64(backend: Any, name: str, n: int) -> None:
    # NumPy's rfftfreq(2**64) was an empty array.
    with pytest.raises(errors.ScalarOverflowError):
        getattr(pa.fft, name)(n)


# -- FFTs of empty batches ----------------------------------------------------------------

EMPTY_BATCHES: dict[str, tuple[Call, tuple[int, ...]]] = {
    "fft (0, 4) axis 1": (lambda: pa.fft.fft(pa.zeros((0, 4), dtype=pa.complex64)), (0, 4)),
    "ifft (0, 4) n=6": (lambda: pa.fft.ifft(pa.zeros((0, 4), dtype=pa.complex64), n=6), (0, 6)),
    "rfft (2, 0, 4)": (lambda: pa.fft.rfft(pa.zeros((2, 0, 4))), (2, 0, 3)),
    "irfft (0, 3)": (lambda: pa.fft.irfft(pa.zeros((0, 3), dtype=pa.complex64)), (0, 4)),
    "hfft (0, 3)": (lambda: pa.fft.hfft(pa.zeros((0, 3), dtype=pa.complex64)), (0, 4)),
    "ihfft (0, 4)": (lambda: pa.fft.ihfft(pa.zeros((0, 4))), (0, 3)),
    "fftn (0, 2, 2) axes (1, 2)": (
        lambda: pa.fft.fftn(pa.zeros((0, 2, 2), dtype=pa.complex64), axes=(1, 2)),
        (0, 2, 2),
    ),
    "rfftn (3, 0, 4) axes (0, 2)": (
        lambda: pa.fft.rfftn(pa.zeros((3, 0, 4)), axes=(0, 2)),
        (3, 0, 3),
    ),
    "irfftn (0, 2, 3) s": (
        lambda: pa.fft.irfftn(pa.zeros((0, 2, 3), dtype=pa.complex64), s=(2, 4)),
        (0, 2, 4),
    ),
}


@pytest.mark.parametrize(("call", "shape"), EMPTY_BATCHES.values(), ids=EMPTY_BATCHES)
def test_ffts_of_empty_batches_are_empty(backend: Any, call: Call, shape: tuple[int, ...]) -> None:
    # torch's CPU transforms failed ("MKL FFT error: Inconsistent configuration parameters").
    assert tuple(call().shape) == shape


@pytest.mark.parametrize("name", ["irfft", "hfft", "fft", "rfft"])
def test_ffts_of_an_empty_axis_padded_to_n_are_zeros(backend: Any, name: str) -> None:
    # NumPy's irfft gave values from memory it never wrote (1e+33).
    dtype = pa.float32 if name == "rfft" else pa.complex64
    result = pa.to_numpy(getattr(pa.fft, name)(pa.zeros((2, 0), dtype=dtype), n=6))
    assert result.shape[0] == 2
    assert not np.any(result)


def test_an_fft_of_no_points_is_still_refused(backend: Any) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        pa.fft.fft(pa.zeros((2, 0), dtype=pa.complex64))


def test_a_complex_matrix_norm_order_is_a_type_error(backend: pa.Backend) -> None:
    # NumPy took ord=-inf+0j as -inf (the two compare equal); torch raised RuntimeError.
    with pytest.raises(TypeError, match="ord must be a real number"):
        pa.linalg.matrix_norm(pa.eye(2), ord=complex(-math.inf, 0))


@pytest.mark.parametrize("order", [-1, -2.5, -math.inf])
def test_a_negative_norm_of_nothing_is_an_empty_reduction(
    backend: pa.Backend, order: float
) -> None:
    # NumPy gave inf for finite negative orders, torch refused; over no axes nothing is reduced.
    with pytest.raises(errors.EmptyReductionError):
        pa.linalg.vector_norm(pa.zeros((0, 3)), ord=order, axis=0)
    assert pa.linalg.vector_norm(pa.zeros((0, 3)), ord=order, axis=1).shape == (0,)
    assert pa.linalg.vector_norm(pa.zeros((2, 0)), ord=order, axis=()).shape == (2, 0)


def test_vecdot_checks_its_axis_before_the_dtypes(backend: pa.Backend) -> None:
    x1, x2 = pa.asarray([1], dtype=pa.int8), pa.asarray([1], dtype=pa.uint64)
    with pytest.raises(TypeError, match="axis must be an int"):
        pa.linalg.vecdot(x1, x2, axis=True)


@pytest.mark.parametrize(
    ("function", "keywords"),
    [
        ("cumulative_prod", {}),
        ("cumulative_prod", {"include_initial": True}),
        ("cumulative_sum", {}),
        ("cumulative_sum", {"include_initial": True}),
        ("prod", {}),
        ("sum", {}),
    ],
)
def test_accumulations_in_bool_convert_first_as_numpy_does(
    backend: pa.Backend, function: str, keywords: dict[str, Any]
) -> None:
    # torch had no bool kernel for cumprod (NotImplementedError); NumPy converts to bool
    # first, so a product is "all so far" and a sum "any so far".
    host = np.array([-115, -116, 0, -67], dtype=np.int8)
    result = getattr(pa, function)(pa.asarray(host), dtype=pa.bool, **keywords)
    expected = getattr(np, function)(host, dtype=bool, **keywords)
    assert result.dtype == pa.bool
    np.testing.assert_array_equal(pa.to_numpy(result), expected)
