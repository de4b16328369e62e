"""Inputs that are not arrays, what ``asarray`` and ``full`` make, and views and copies:
one answer on every backend (issue 10).

NumPy made object or string arrays (or returned a value) where torch failed with raw
errors; torch wrapped ints out of range and reinterpreted buffers; whether writing into a
result changed the input differed by backend. The decisions are in docs/semantics.md
(the ``asarray`` rows and "Views and copies") and docs/errors.md.
"""

from __future__ import annotations

import array
import decimal
import fractions
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import errors


def values(x: Any) -> np.ndarray:
    return np.array(pa.to_numpy(x))  # a copy: a snapshot of the values


_NOT_AN_ARRAY = "takes arrays, Python scalars"

# -- non-array input where arrays go ----------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda x: pa.concat([None, None]),
        lambda x: pa.concat([x, None]),
        lambda x: pa.stack([x, "a"]),
        lambda x: pa.broadcast_arrays(None, x),
        lambda x: pa.broadcast_arrays("a"),
        lambda x: pa.meshgrid("ab"),
        lambda x: pa.meshgrid(x, None),
        lambda x: pa.where(None, x, x),
        lambda x: pa.where(None, 1, 2),
        lambda x: pa.where(x > 1, x, "a"),
        lambda x: pa.clip(None),
        lambda x: pa.clip(x, "a"),
        lambda x: pa.sum(None),
    ],
    ids=lambda call: "",
)
def test_a_non_array_where_an_array_goes_is_a_type_error(
    backend: pa.Backend, call: Callable[[Any], Any]
) -> None:
    # NumPy made object arrays (broadcast_arrays), returned a value (where(None, x, y) is y)
    # or raised AttributeError; torch raised TypeError or AttributeError from inside.
    with pytest.raises(TypeError, match=_NOT_AN_ARRAY):
        call(pa.asarray([1, 2]))


@pytest.mark.parametrize("arrays", [None, "ab", 3, {1: 2}])
@pytest.mark.parametrize("function", [pa.concat, pa.stack])
def test_concat_and_stack_take_a_list_or_tuple(
    backend: pa.Backend, function: Callable[..., Any], arrays: Any
) -> None:
    with pytest.raises(TypeError, match="takes a list or tuple of arrays"):
        function(arrays)


@pytest.mark.parametrize("empty", [[], ()])
@pytest.mark.parametrize("function", [pa.concat, pa.stack])
def test_concat_and_stack_of_nothing_is_one_value_error(
    backend: pa.Backend, function: Callable[..., Any], empty: Any
) -> None:
    with pytest.raises(ValueError, match="needs at least one array"):
        function(empty)


def test_none_stands_for_clips_bounds_only(backend: pa.Backend) -> None:
    x = pa.asarray([0, 5])
    assert values(pa.clip(x, None, None)).tolist() == [0, 5]
    assert values(pa.clip([0, 5], None, 3)).tolist() == [0, 3]


def test_scalars_where_arrays_always_go_become_arrays(backend: pa.Backend) -> None:
    # torch.where and torch.broadcast_tensors take no Python scalar there.
    x = pa.asarray([1, 2], dtype=pa.int8)
    assert values(pa.where(True, x, pa.asarray([3, 4], dtype=pa.int8))).tolist() == [1, 2]
    first, second = pa.broadcast_arrays(1, x)
    assert first.shape == second.shape == (2,)
    assert values(first).tolist() == [1, 1]
    # Beside an array, x1 and x2 of where stay weak scalars: the array's dtype.
    assert pa.where(pa.asarray([True, False]), x, 0).dtype == pa.int8


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: pa.zeros(None), "as shape"),
        (lambda: pa.zeros("3"), "as shape"),
        (lambda: pa.ones(3.0), "as shape"),
        (lambda: pa.empty((2.0,)), "as shape"),
        (lambda: pa.zeros(True), "as shape"),
        (lambda: pa.full(None, 1), "as shape"),
        (lambda: pa.eye(None), "as n_rows"),
        (lambda: pa.eye(2.5), "as n_rows"),
        (lambda: pa.eye(2, "3"), "as n_cols"),
        (lambda: pa.arange("a"), "as start"),
        (lambda: pa.arange(1j), "as start"),
        (lambda: pa.linspace(None, 1, 3), "as start"),
        (lambda: pa.linspace(0, 1, None), "as num"),
        (lambda: pa.linspace(0, 1, 2.5), "as num"),
        (lambda: pa.fft.fftfreq(None), "as n"),
        (lambda: pa.fft.rfftfreq(2.5), "as n"),
        (lambda: pa.from_dlpack(None), "DLPack"),
        (lambda: pa.broadcast_shapes(None), "shapes"),
        (lambda: pa.broadcast_shapes((2,), None), "shapes"),
        (lambda: pa.broadcast_shapes("ab"), "shapes"),
    ],
    ids=lambda value: "" if callable(value) else value,
)
def test_creation_arguments_of_the_wrong_type(
    backend: pa.Backend, call: Callable[[], Any], words: str
) -> None:
    # NumPy: "Use () not None as shape arguments", a ValueError for fftfreq(None), an
    # AttributeError for from_dlpack(None); torch: "argument 'size' (position 1) must be
    # tuple of ints", broadcast_shapes(None) gave ().
    with pytest.raises(TypeError, match=words) as caught:
        call()
    assert type(caught.value) is TypeError


@pytest.mark.parametrize("shape", [[2], (2,), np.int64(2), 2])
def test_shapes_that_stand_for_ints_still_work(backend: pa.Backend, shape: Any) -> None:
    assert pa.zeros(shape).shape == (2,)


@pytest.mark.parametrize(
    "call",
    [
        lambda x: pa.astype(x, None),
        lambda x: pa.result_type(None),
        lambda x: pa.result_type(x, "abc"),
        lambda x: pa.can_cast(None, x),
        lambda x: pa.can_cast(x, None),
        lambda x: pa.finfo("abc"),
        lambda x: pa.iinfo(None),
        lambda x: pa.zeros(2, dtype=3),
    ],
    ids=lambda call: "",
)
def test_a_non_dtype_where_a_dtype_goes(backend: pa.Backend, call: Callable[[Any], Any]) -> None:
    with pytest.raises(errors.UnknownDtypeError, match="is not a data type polyarray knows"):
        call(pa.asarray([1]))
    assert issubclass(errors.UnknownDtypeError, TypeError)


# -- what asarray makes -----------------------------------------------------------------


def _generator() -> Any:
    return (i for i in range(3))


_NO_ARRAY_OF: list[Any] = [
    *(None, "abc", b"abc", object(), {1: 2}, {1, 2}),
    *(decimal.Decimal(1), fractions.Fraction(1, 2), np.str_("a"), np.array(["a"])),
    *(np.array([1, None], dtype=object), np.array([1], dtype="datetime64[s]")),
]
#: Under an explicit dtype a list's elements are not looked at (docs/semantics.md).
_NO_ARRAY_OF_LISTS: list[Any] = [[None], [1, "a"], ["a"], [[1, 2], [3, None]]]


@pytest.mark.parametrize(
    ("obj", "dtype"),
    [(obj, None) for obj in _NO_ARRAY_OF + _NO_ARRAY_OF_LISTS]
    + [(obj, "float32") for obj in _NO_ARRAY_OF],
    ids=lambda value: type(value).__name__ if type(value) is object else repr(value),
)
def test_asarray_makes_no_object_or_string_arrays(
    backend: pa.Backend, obj: Any, dtype: str | None
) -> None:
    # NumPy made object or string arrays (or NaN of None under a float dtype); torch
    # raised RuntimeError, TypeError or ValueError from inside.
    with pytest.raises(TypeError, match=r"takes arrays, Python scalars .* and \(nested\) lists"):
        pa.asarray(obj, dtype=dtype)


def test_asarray_refuses_a_generator(backend: pa.Backend) -> None:
    with pytest.raises(TypeError, match="Make it a list first"):
        pa.asarray(_generator())


@pytest.mark.parametrize("obj", [[[1], [1, 2]], [1, [1, 2]], ((1, 2), (3,)), [[1], 2]], ids=str)
def test_ragged_lists_are_a_shape_error(backend: pa.Backend, obj: Any) -> None:
    with pytest.raises(errors.ShapeError, match="ragged"):
        pa.asarray(obj)
    assert issubclass(errors.ShapeError, ValueError)


@pytest.mark.parametrize(
    ("obj", "dtype"),
    [
        ([2**63], None),
        ([2**64], None),
        (2**64, None),
        (2**63, None),
        ([-(2**63) - 1], None),
        ([2**63, 2**64], None),
        ([2**64], "uint64"),
        ([-1], "uint64"),
        ([2**63], "int64"),
        ([300], "uint8"),
        (300, "uint8"),
        ([300.0], "uint8"),
        (-1.0, "uint8"),
        (1e10, "int32"),
        (float("inf"), "int32"),
    ],
    ids=str,
)
def test_ints_out_of_range_are_a_scalar_overflow_error(
    backend: pa.Backend, obj: Any, dtype: str | None
) -> None:
    # NumPy made uint64 of [2**63] and object arrays of [2**64]; torch raised ValueError.
    with pytest.raises(errors.ScalarOverflowError, match=r"out of bounds for|infinity"):
        pa.asarray(obj, dtype=dtype)


@pytest.mark.parametrize("value", [2**63, 2**64 - 1])
def test_uint64_holds_what_int64_cannot(backend: pa.Backend, value: int) -> None:
    result = pa.asarray([value, 0], dtype=pa.uint64)
    assert result.dtype == pa.uint64
    assert int(values(result)[0]) == value


@pytest.mark.parametrize("default_float", ["float32", "float64"])
def test_big_ints_beside_floats_make_a_float_array(backend: pa.Backend, default_float: str) -> None:
    pa.set_default_float(default_float)
    result = pa.asarray([2**64, 1.5])
    assert result.dtype == getattr(pa, default_float)
    assert values(result).tolist() == [float(2**64), 1.5]


@pytest.mark.parametrize(
    ("obj", "dtype", "error", "words"),
    [
        (float("nan"), "int32", ValueError, "NaN to int32"),
        ([1.0, float("nan")], "uint8", ValueError, "NaN to uint8"),
        (1j, "int32", TypeError, "complex numbers to int32"),
        (1j, "float32", TypeError, "complex numbers to float32"),
        ([1j], "float64", TypeError, "complex numbers to float64"),
    ],
    ids=str,
)
def test_nan_and_complex_for_a_narrower_dtype(
    backend: pa.Backend, obj: Any, dtype: str, error: type, words: str
) -> None:
    with pytest.raises(error, match=words):
        pa.asarray(obj, dtype=dtype)


@pytest.mark.parametrize(
    ("obj", "dtype", "expected"),
    [
        ([1.5, -1.5], "int64", [1, -1]),
        ([300], "float32", [300.0]),
        ([1j], "bool", [True]),
        ([0, 2], "bool", [False, True]),
        ([True, False], "uint8", [1, 0]),
        (range(3), None, [0, 1, 2]),
        (((1, 2), [3, 4]), None, [[1, 2], [3, 4]]),
    ],
    ids=str,
)
def test_python_values_convert_alike(
    backend: pa.Backend, obj: Any, dtype: str | None, expected: list[Any]
) -> None:
    assert values(pa.asarray(obj, dtype=dtype)).tolist() == expected


@pytest.mark.parametrize("default_float", ["float32", "float64"])
@pytest.mark.parametrize("obj", [[], [[]], (), [[], []]], ids=str)
def test_empty_lists_are_the_default_float(
    backend: pa.Backend, obj: Any, default_float: str
) -> None:
    pa.set_default_float(default_float)
    result = pa.asarray(obj)
    assert result.dtype == getattr(pa, default_float)
    assert result.shape == np.asarray(obj).shape


@pytest.mark.parametrize(
    "native",
    [np.float32(1), np.int8(-1), np.uint16(7), np.bool_(True), np.complex64(1j)]
    + [np.array(3, dtype=d) for d in ("float32", "uint32", "int16", "bool")],
    ids=repr,
)
def test_numpy_scalars_and_0d_arrays_keep_their_dtype(backend: pa.Backend, native: Any) -> None:
    dtype = getattr(pa, native.dtype.name)
    result = pa.asarray(native)
    assert result.shape == ()
    assert result.dtype == dtype
    assert values(result).item() == native.item()
    assert pa.asarray([native]).dtype == dtype


class _WithArray:
    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return np.arange(3, dtype=np.int16)


@pytest.mark.parametrize(
    ("make", "dtype", "expected"),
    [
        (lambda: array.array("d", [1.0, 2.0]), pa.float64, [1.0, 2.0]),
        (lambda: array.array("i", [1, 2]), pa.int32, [1, 2]),
        (lambda: memoryview(array.array("f", [1.0, 2.0])), pa.float32, [1.0, 2.0]),
        (lambda: bytearray(b"ab"), pa.uint8, [97, 98]),
        (lambda: memoryview(b"ab"), pa.uint8, [97, 98]),
        (_WithArray, pa.int16, [0, 1, 2]),
    ],
    ids=["array-d", "array-i", "memoryview-f", "bytearray", "memoryview-bytes", "__array__"],
)
def test_buffers_and_array_likes_are_read_as_numpy_reads_them(
    backend: pa.Backend, make: Callable[[], Any], dtype: Any, expected: list[Any]
) -> None:
    # torch read a buffer's bytes as float32 (array.array("d", [1, 2]) gave four floats)
    # and did not call __array__.
    result = pa.asarray(make())
    assert result.dtype == dtype
    assert values(result).tolist() == expected


def test_dlpack_objects_are_imported(backend: pa.Backend) -> None:
    source = pa.asarray([1.0, 2.0], dtype=pa.float64)

    class OnlyDLPack:
        def __dlpack__(self, **kwargs: Any) -> Any:
            return source.__dlpack__(**kwargs)

        def __dlpack_device__(self) -> Any:
            return source.__dlpack_device__()

    result = pa.asarray(OnlyDLPack())
    assert type(result) is type(source)
    assert values(result).tolist() == [1.0, 2.0]


@pytest.mark.parametrize("default_float", ["float32", "float64"])
def test_a_list_of_arrays_is_stacked(backend: pa.Backend, default_float: str) -> None:
    # torch read one-element tensors as scalars: [x, y] of shape (1,) gave shape (2,).
    pa.set_default_float(default_float)
    one = pa.asarray([1.0], dtype=pa.float32)
    assert pa.asarray([one, one]).shape == (2, 1)
    assert pa.asarray([one, one]).dtype == getattr(pa, default_float)
    assert pa.asarray([[one, one]]).shape == (1, 2, 1)
    ints = pa.asarray([1, 2])
    assert values(pa.asarray([ints, ints], dtype=pa.float64)).tolist() == [[1, 2], [1, 2]]
    assert pa.asarray([pa.asarray(1), pa.asarray(2)]).shape == (2,)
    with pytest.raises(errors.ShapeError, match="ragged"):
        pa.asarray([pa.asarray(1.0), one])


def test_copy_false_of_python_values_is_one_value_error(backend: pa.Backend) -> None:
    for obj in ([1.0], 1.0, range(3)):
        with pytest.raises(ValueError, match=r"copy=False\) would need a copy"):
            pa.asarray(obj, copy=False)


# -- what full and full_like fill with --------------------------------------------------


@pytest.mark.parametrize("fill", ["a", None, decimal.Decimal(1), [1], np.float32(1)], ids=repr)
def test_a_fill_value_is_a_python_scalar(backend: pa.Backend, fill: Any) -> None:
    # NumPy made string and object arrays of "a", None and Decimal.
    with pytest.raises(TypeError, match="takes a Python scalar"):
        pa.full((2,), fill)
    with pytest.raises(TypeError, match="takes a Python scalar"):
        pa.full_like(pa.asarray([1.0]), fill)


@pytest.mark.parametrize(
    ("fill", "dtype", "error"),
    [
        (-1, "uint8", errors.ScalarOverflowError),  # torch gave 255
        (300, "uint8", errors.ScalarOverflowError),
        (2**63, None, errors.ScalarOverflowError),
        (2**64, "uint64", errors.ScalarOverflowError),
        (1e10, "int32", errors.ScalarOverflowError),
        (float("inf"), "int64", errors.ScalarOverflowError),
        (float("nan"), "int32", ValueError),  # NumPy filled INT_MIN
        (1j, "float32", TypeError),  # NumPy dropped the imaginary part
        (1j, "int8", TypeError),
    ],
    ids=str,
)
def test_a_fill_value_the_dtype_cannot_hold(
    backend: pa.Backend, fill: Any, dtype: str | None, error: type
) -> None:
    with pytest.raises(error):
        pa.full((2,), fill, dtype=dtype)
    like = pa.zeros(2, dtype=dtype or pa.int64)
    with pytest.raises(error):
        pa.full_like(like, fill)


@pytest.mark.parametrize(
    ("fill", "dtype", "expected"),
    [
        (2**63, "uint64", 2**63),
        (-128, "int8", -128),
        (7.9, "int16", 7),
        (2, "bool", True),
        (1e300, "float32", float("inf")),
        (-1e300, "float32", float("-inf")),
        (True, "float32", 1.0),
    ],
    ids=str,
)
def test_fill_values_the_dtype_holds(
    backend: pa.Backend, fill: Any, dtype: str, expected: Any
) -> None:
    assert values(pa.full((2,), fill, dtype=dtype)).tolist() == [expected] * 2
    like = pa.zeros(2, dtype=dtype)
    assert values(pa.full_like(like, fill)).tolist() == [expected] * 2
