"""Creation and manipulation edges the differential fuzzer found (issue 10, "Fidelity
II"), now one answer on every backend (docs/semantics.md, docs/errors.md).

``arange`` at the edges of its domain, ``linspace`` of bool and of non-finite bounds,
``eye`` with bools, empty shapes NumPy cannot count, ``tile`` with negative or huge
counts, ``stack`` and ``permute_dims`` errors, and the order in which several wrong
arguments are reported. Each test runs on the backend of the ``backend`` fixture.
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


def _values(x: Any) -> list[Any]:
    return pa.to_numpy(x).tolist()  # type: ignore[no-any-return]


# -- arange -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: pa.arange(0.87, step=None), "real Python number as step"),
        (lambda: pa.arange(0, 5, None), "real Python number as step"),
        (lambda: pa.arange(7.8 + 0j, -5.0, -1), "real Python number as start"),
        (lambda: pa.arange(1, 3 + 0j), "real Python number as stop"),
        (lambda: pa.arange(9, dtype=pa.bool), "at most two values"),
        (lambda: pa.arange(np.float32(14.6), dtype=pa.int64), "integer start"),
    ],
)
def test_arange_arguments_of_the_wrong_type(backend: Any, call: Call, words: str) -> None:
    # NumPy took step=None as 1 and made 15 values of a float32 bound with int64; torch
    # dropped the imaginary part of complex bounds and made nine booleans.
    with pytest.raises(TypeError, match=words):
        call()


@pytest.mark.parametrize(
    "args",
    [(math.nan, -5, -1), (0, math.inf), (math.inf, 0, 1), (0, -math.inf), (0, 1, math.inf)],
)
def test_arange_of_non_finite_numbers_is_a_value_error(backend: Any, args: Any) -> None:
    # NumPy: ValueError, a too-large array, or [0] for an infinite step; torch:
    # RuntimeError, or an empty array.
    with pytest.raises(ValueError, match="must be a finite number"):
        pa.arange(*args)


@pytest.mark.parametrize("args", [(0.0, 1.0, 5e-324), (-9, False, 5e-324), (0, 2**63 - 1, 1e-300)])
def test_arange_of_too_many_values_is_an_allocation_error(backend: Any, args: Any) -> None:
    with pytest.raises(errors.AllocationError):  # (torch: "invalid size", RuntimeError)
        pa.arange(*args)


def test_arange_steps_too_long_for_torch_to_count(backend: Any) -> None:
    result = pa.arange(7, 9, 2**63 - 1)
    assert pa.to_numpy(result).dtype == np.int64
    assert _values(result) == [7]


def test_empty_ranges_numpy_could_not_count(backend: Any) -> None:
    result = pa.arange(1e308, -6, 2)
    assert pa.to_numpy(result).dtype == np.float32
    assert tuple(result.shape) == (0,)


@pytest.mark.parametrize("bound", [np.float32(1.837), np.asarray(1.837, dtype=np.float32)])
def test_arange_of_a_float_array_bound_is_the_default_float(backend: Any, bound: Any) -> None:
    # NumPy's backend gave int64 for a 0-d float32 bound, torch its default float.
    for result in (pa.arange(pa.asarray(bound), 4), pa.arange(pa.asarray(bound), stop=-1)):
        assert pa.to_numpy(result).dtype == np.float32
    assert _values(pa.arange(pa.asarray(bound), 4)) == pytest.approx([1.837, 2.837, 3.837])


@pytest.mark.parametrize(
    "args",
    [(-(2**63) - 1, 2.9e-168, 1), (0, 2**64), (np.float32(1.5), 2**64)],
)
def test_arange_ints_beyond_int64(backend: Any, args: Any) -> None:
    # NumPy made an empty float range of the first.
    with pytest.raises(errors.ScalarOverflowError):
        pa.arange(*args)


@pytest.mark.parametrize(
    ("args", "dtype"), [((-6, -18, -1), "uint8"), ((250, 260), "uint8"), ((300,), "uint8")]
)
def test_arange_values_beyond_an_integer_dtype(backend: Any, args: Any, dtype: str) -> None:
    # NumPy refused a start out of range (bare OverflowError), torch wrapped (255, 0, 1).
    with pytest.raises(errors.ScalarOverflowError, match="of the range lies beyond"):
        pa.arange(*args, dtype=getattr(pa, dtype))


def test_arange_values_within_an_integer_dtype(backend: Any) -> None:
    assert _values(pa.arange(10, 0, -1, dtype=pa.uint8)) == list(range(10, 0, -1))
    assert _values(pa.arange(0, 256, dtype=pa.uint8)) == list(range(256))
    assert _values(pa.arange(2, dtype=pa.bool)) == [False, True]


def test_complex_arange_is_computed_in_its_precision(backend: Any) -> None:
    # torch counted in float32 and converted (2.3333332538604736).
    result = pa.to_numpy(pa.arange(1 / 3, 17, 2, dtype=pa.complex128))
    assert result.dtype == np.complex128
    np.testing.assert_allclose(result, np.arange(1 / 3, 17, 2, dtype=np.complex128), rtol=1e-15)


# -- linspace -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "stop", "num"), [(0, 1, 5), (-2.5, 3, 4), (0, 0.3, 3), (-7, -1.7, 7), (1, -1, 3)]
)
def test_linspace_of_bool_casts_numpys_points(
    backend: Any, start: float, stop: float, num: int
) -> None:
    # torch has no bool kernel (NotImplementedError).
    result = pa.linspace(start, stop, num, dtype=pa.bool)
    expected = np.linspace(start, stop, num, dtype=np.float64) != 0
    assert pa.to_numpy(result).dtype == np.bool_
    assert _values(result) == expected.tolist()


@pytest.mark.parametrize(
    ("start", "stop", "num", "endpoint"),
    [(8, math.inf, 7, False), (8, math.inf, 7, True), (-1, -math.inf, 1, True)],
)
def test_linspace_of_infinite_bounds_gives_numpys_points(
    backend: Any, start: float, stop: float, num: int, endpoint: bool
) -> None:
    # torch's kernel counts back from stop: inf - inf gave NaN in the second half.
    result = pa.to_numpy(pa.linspace(start, stop, num, endpoint=endpoint, dtype=pa.float32))
    with np.errstate(invalid="ignore"):
        expected = np.linspace(start, stop, num, endpoint=endpoint, dtype=np.float32)
    np.testing.assert_array_equal(result, expected)


def test_linspace_beyond_float32_rounds_to_infinity(backend: Any) -> None:
    # torch: RuntimeError "value cannot be converted to type float without overflow".
    result = pa.to_numpy(pa.linspace(1e308, 2.58, 4, endpoint=False, dtype=pa.float32))
    with np.errstate(over="ignore"):
        expected = np.linspace(1e308, 2.58, 4, endpoint=False).astype(np.float32)
    np.testing.assert_array_equal(result, expected)


def test_linspace_array_bounds_are_read_as_numbers(backend: Any) -> None:
    # NumPy computed in the float32 bound's dtype (NEP 50), torch in float64.
    start = pa.asarray(np.float32(-4.79361629486084))
    result = pa.to_numpy(pa.linspace(start, 8.804648613932741, 5, endpoint=False, dtype=pa.float64))
    expected = np.linspace(float(np.float32(-4.79361629486084)), 8.804648613932741, 5, False)
    np.testing.assert_allclose(result, expected, rtol=1e-14)


def test_linspace_of_too_many_points_is_an_allocation_error(backend: Any) -> None:
    for dtype in (None, pa.uint32):  # (NumPy: IndexError; torch: RuntimeError for uint32)
        with pytest.raises(errors.AllocationError):
            pa.linspace(0, 1, 2**63 - 1, dtype=dtype)


def test_linspace_count_type_before_the_bounds(backend: Any) -> None:
    with pytest.raises(TypeError, match="an int as num"):
        pa.linspace(-3, -1e-76, 1.0, endpoint=False, dtype=pa.uint32)  # type: ignore[arg-type]


# -- eye ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((3, 1), {"k": True}), ((3, True), {"k": 2}), ((3,), {"k": 1.0}), ((4, False), {})],
)
def test_eye_takes_no_bools_or_floats(backend: Any, args: Any, kwargs: Any) -> None:
    # NumPy took k=True as 1, torch n_cols=True.
    with pytest.raises(TypeError):
        pa.eye(*args, **kwargs)


def test_eye_takes_numpy_integers(backend: Any) -> None:
    result = pa.eye(np.int64(3), np.int32(2), k=np.int8(1))
    assert _values(result) == np.eye(3, 2, 1).tolist()


# -- empty shapes NumPy cannot count ------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa.zeros((2**62, 3, 0)),
        lambda: pa.ones((2**62, 0, 2), dtype=pa.bool),
        lambda: pa.empty((2**62, 4, 0)),
        lambda: pa.full((2**62, 3, 0), False),
        lambda: pa.eye(2**62, 0),
        lambda: pa.tile(pa.zeros((0, 3), dtype=pa.int8), (2**62,)),
        lambda: pa.tile(pa.ones(2), (2**62,)),
        lambda: pa.broadcast_to(pa.zeros(0, dtype=pa.int16), (2**62, 0)),
    ],
)
def test_empty_shapes_beyond_int64_are_allocation_errors(backend: Any, call: Call) -> None:
    # NumPy: "array is too big"; torch made an empty tensor, or a negative size.
    with pytest.raises(errors.AllocationError):
        call()


def test_empty_shapes_within_int64_are_made(backend: Any) -> None:
    assert tuple(pa.zeros((2**60, 0), dtype=pa.int8).shape) == (2**60, 0)
    assert tuple(pa.tile(pa.asarray(1, dtype=pa.int8), (2**62, 1, 0)).shape) == (2**62, 1, 0)
    assert tuple(pa.tile(pa.zeros((0, 0)), (2**62,)).shape) == (0, 0)


# -- tile, stack, permute_dims ----------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "counts"), [((2, 3), (-1,)), ((1, 0), (-9, 2, 1)), ((0,), (-8,)), ((0,), (-1, 0, 2))]
)
def test_tile_of_a_negative_count(backend: Any, shape: Any, counts: Any) -> None:
    # NumPy reported a reshape, or tiled an empty array -1 times.
    with pytest.raises(errors.NegativeSizeError):
        pa.tile(pa.zeros(shape), counts)


def test_tile_count_beyond_int64(backend: Any) -> None:
    with pytest.raises(errors.ScalarOverflowError):
        pa.tile(pa.ones(2), (2**63,))


@pytest.mark.parametrize(
    ("shapes", "axis"), [([(), (3, 2, 2)], 1), ([(0,), (1,)], 2**63 - 1), ([(), (1,)], 0)]
)
def test_stack_looks_at_shapes_before_the_axis(backend: Any, shapes: Any, axis: int) -> None:
    # torch reported the axis first (IndexError).
    with pytest.raises(errors.ShapeError, match="do not fit together"):
        pa.stack([pa.zeros(shape) for shape in shapes], axis=axis)


def test_stack_axis_out_of_range(backend: Any) -> None:
    with pytest.raises(errors.AxisError):
        pa.stack([pa.zeros(2), pa.zeros(2)], axis=5)


@pytest.mark.parametrize("axes", [(0, 2**63), (2**64, 0), (0, -(2**63) - 1)])
def test_permute_dims_axis_beyond_int64(backend: Any, axes: Any) -> None:
    # NumPy: AxisError; torch: ScalarOverflowError (through "Overflow when unpacking").
    with pytest.raises(errors.ScalarOverflowError):
        pa.permute_dims(pa.ones((2, 3)), axes)


@pytest.mark.parametrize("axes", [(0, 2**40), (2**62, 1, 2), (2**32 + 1, 0, 2)])
def test_permute_dims_axis_out_of_range(backend: Any, axes: Any) -> None:
    # NumPy read each axis as a C int: (2**62, 1, 2) was (0, 1, 2), silently.
    with pytest.raises(errors.AxisError):
        pa.permute_dims(pa.ones((3, 2, 3)), axes)


# -- fills --------------------------------------------------------------------------------


@pytest.mark.parametrize(("fill", "dtype"), [(-5e-47, "uint32"), (-0.5, "uint8"), (2.9, "int8")])
def test_float_fills_of_integer_dtypes_truncate(backend: Any, fill: float, dtype: str) -> None:
    # torch refused -0.5 for uint8 (an overflow), though it truncates to 0.
    result = pa.full((2,), fill, dtype=getattr(pa, dtype))
    assert _values(result) == [int(fill)] * 2


def test_int_fills_beyond_int64_of_float_dtypes(backend: Any) -> None:
    # torch could not unpack the int into int64.
    for result in (
        pa.full((2,), -(2**63) - 1, dtype=pa.float32),
        pa.full_like(pa.ones(2, dtype=pa.uint16), -(2**63) - 1, dtype=pa.float32),
    ):
        assert pa.to_numpy(result).dtype == np.float32
        assert _values(result) == [float(-(2**63))] * 2


# -- the order of several wrong arguments -------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa.asarray([1], dtype="float16", device="nonsense"),
        lambda: pa.full((2,), 1, dtype="float16", device="nonsense"),
        lambda: pa.linspace(0, 1, 3, dtype="float16", device="nonsense"),
        lambda: pa.linspace(2, -1.0, None, dtype="float16"),
        lambda: pa.zeros_like(pa.ones(2), dtype="float16", device="nonsense"),
        lambda: pa.zeros(2, dtype="float16", device="nonsense"),
        lambda: pa.eye(2, dtype="float16", device="nonsense"),
        lambda: pa.eye(2, k=True, dtype="float16"),
        lambda: pa.arange(2, dtype="float16", device="nonsense"),
        lambda: pa.full_like(pa.ones(2), 1, dtype="foo", device="nonsense"),
        lambda: pa.ones((3, 2), dtype="foo", device="nonsense"),
    ],
)
def test_the_dtype_is_reported_first(backend: Any, call: Call) -> None:
    with pytest.raises(errors.UnknownDtypeError):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa.asarray([1, "a"], device="nonsense"),
        lambda: pa.asarray(-3, dtype=pa.uint64, device="nonsense"),
        lambda: pa.asarray([0.5 + 1j], dtype=pa.uint16, device="nonsense", copy=False),
        lambda: pa.full((2,), "a", device="nonsense"),
        lambda: pa.full((3,), np.int64(72), dtype=pa.uint16, device="nonsense"),
        lambda: pa.full_like(pa.ones(2), 2**64, dtype=pa.uint32, device="nonsense"),
        lambda: pa.arange(1, 19.9, 2, dtype=pa.int32, device="nonsense"),
        lambda: pa.linspace(-3, 1, 3, dtype=pa.uint8, device="nonsense"),
    ],
)
def test_the_device_is_reported_before_the_values(backend: Any, call: Call) -> None:
    with pytest.raises(ValueError, match="device") as caught:
        call()
    assert not isinstance(caught.value, errors.PolyarrayError)  # (not a value's error)


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa.zeros(None, device="nonsense"),
        lambda: pa.linspace(0, 1, None, device="nonsense"),
        lambda: pa.linspace(5, None, 7, device="nonsense"),
        lambda: pa.eye(1, 2, k=True, device="nonsense"),
        lambda: pa.eye(1, 2, k=1.0, dtype=pa.complex64, device="nonsense"),
    ],
)
def test_argument_types_are_reported_before_the_device(backend: Any, call: Call) -> None:
    with pytest.raises(TypeError):
        call()
