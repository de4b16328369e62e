"""One documented exception type per mistake, on every backend (issue 10; docs/errors.md).

NumPy and torch raised different types for these mistakes: negative sizes and impossible
allocations, singular and non-definite matrices, bad FFT options, Python ints beyond every
integer dtype, matmul of 0-d arrays, bad random seeds. Each test makes the mistake on the
backend of the ``backend`` fixture and checks polyarray's type, the standard-library
family and the start of the message, which is the same on every backend (the framework's
own words follow in parentheses). The rest are answers the backends now agree on: the
median over no axes, huge ints next to float arrays, arrays in the other byte order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import errors

Call = Callable[[], Any]


def _vector(dtype: str = "float32") -> Any:
    return pa.asarray([1, 2, 3], dtype=dtype)


# -- negative sizes and allocations that cannot be made ----------------------------------

NEGATIVE_SIZES: dict[str, tuple[Call, str]] = {
    "zeros(-1)": (lambda: pa.zeros(-1), "zeros"),
    "zeros((-1, 2))": (lambda: pa.zeros((-1, 2)), "zeros"),
    "ones((2, -1)) int": (lambda: pa.ones((2, -1), dtype=pa.int32), "ones"),
    "empty(-1) bool": (lambda: pa.empty(-1, dtype=pa.bool), "empty"),
    "full(-1)": (lambda: pa.full(-1, 1.5), "full"),
    "full((2, -3), -5) uint8": (lambda: pa.full((2, -3), 5, dtype=pa.uint8), "full"),
    "eye(-1)": (lambda: pa.eye(-1), "eye"),
    "eye(2, -1) complex": (lambda: pa.eye(2, -1, dtype=pa.complex64), "eye"),
    "linspace num -1": (lambda: pa.linspace(0, 1, -1), "linspace"),
    "linspace num -1 no endpoint": (lambda: pa.linspace(0, 1, -1, endpoint=False), "linspace"),
    "repeat -1": (lambda: pa.repeat(_vector("int64"), -1), "repeat"),
    "repeat empty -1": (lambda: pa.repeat(pa.zeros(0), -1), "repeat"),
    "tile (-1,)": (lambda: pa.tile(_vector("uint8"), (-1,)), "tile"),
    "diff n=-1": (lambda: pa.diff(_vector(), n=-1), "diff"),
    "broadcast_to (-2, 3)": (lambda: pa.broadcast_to(_vector(), (-2, 3)), "broadcast_to"),
    "random size -1": (lambda: pa.random.default_rng(0).random(-1), "random.random"),
    "normal size (2, -1)": (
        lambda: pa.random.default_rng(0).normal(size=(2, -1)),
        "random.standard_normal",
    ),
}


@pytest.mark.parametrize(("call", "name"), NEGATIVE_SIZES.values(), ids=NEGATIVE_SIZES)
def test_negative_sizes_are_one_error(backend: Any, call: Call, name: str) -> None:
    with pytest.raises(errors.NegativeSizeError, match="must be at least 0") as caught:
        call()
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(f"pa.{name}: sizes, counts and dimensions")


TOO_LARGE: dict[str, tuple[Call, str]] = {
    "zeros": (lambda: pa.zeros((2**40, 2**30)), "zeros"),
    "ones int8": (lambda: pa.ones((2**62, 4), dtype=pa.int8), "ones"),
    "empty complex": (lambda: pa.empty((2**40, 2**30), dtype=pa.complex128), "empty"),
    "full bool": (lambda: pa.full((2**40, 2**30), True), "full"),
    "eye": (lambda: pa.eye(2**40), "eye"),
    "random": (lambda: pa.random.default_rng(0).random((2**40, 2**30)), "random.random"),
}


@pytest.mark.parametrize(("call", "name"), TOO_LARGE.values(), ids=TOO_LARGE)
def test_impossible_allocations_are_one_error(backend: Any, call: Call, name: str) -> None:
    with pytest.raises(errors.AllocationError) as caught:
        call()
    assert isinstance(caught.value, MemoryError)
    assert str(caught.value).startswith(f"pa.{name}: the array asked for is too large")


@pytest.mark.parametrize(
    "size",
    [2.0, None, "3", True, (2.0,), (None, 2), (True, 2)],
    ids=["float", "None", "str", "bool", "(float,)", "(None, 2)", "(bool, 2)"],
)
@pytest.mark.parametrize("function", ["zeros", "ones", "empty"])
def test_sizes_that_are_not_ints_are_a_type_error(backend: Any, function: str, size: Any) -> None:
    with pytest.raises(TypeError):
        getattr(pa, function)(size)


@pytest.mark.parametrize("count", [2.0, None, "3"], ids=["float", "None", "str"])
def test_counts_that_are_not_ints_are_a_type_error(backend: Any, count: Any) -> None:
    with pytest.raises(TypeError):
        pa.full(count, 1.5)
    with pytest.raises(TypeError):
        pa.eye(count)
    with pytest.raises(TypeError):
        pa.eye(2, count if count is not None else "2")  # (n_cols=None is the default)
    with pytest.raises(TypeError):
        pa.linspace(0, 1, count)


# -- Python ints beyond every integer dtype ----------------------------------------------

# (the call, the int its message names)
HUGE_INTS: dict[str, tuple[Call, int]] = {
    "bool + 2**64": (lambda: pa.add(pa.asarray([True, False]), 2**64), 2**64),
    "uint8 + 2**64": (lambda: pa.add(_vector("uint8"), 2**64), 2**64),
    "int64 * (-2**64 - 1)": (lambda: pa.multiply(_vector("int64"), -(2**64) - 1), -(2**64) - 1),
    "uint64 - 2**70": (lambda: pa.subtract(_vector("uint64"), 2**70), 2**70),
    "0-d int32 + 2**64": (lambda: pa.add(pa.asarray(3, dtype=pa.int32), 2**64), 2**64),
    "empty int16 + 2**64": (lambda: pa.add(pa.zeros(0, dtype=pa.int16), 2**64), 2**64),
    "zeros(2**64)": (lambda: pa.zeros(2**64), 2**64),
    "ones((2, 2**63))": (lambda: pa.ones((2, 2**63)), 2**63),
    "arange(0, 2**64)": (lambda: pa.arange(0, 2**64), 2**64),
    "linspace(0, 2**64, 3)": (lambda: pa.linspace(0, 2**64, 3), 2**64),
    "reshape (2**64,)": (lambda: pa.reshape(_vector(), (2**64,)), 2**64),
    "matrix_power 2**63": (lambda: pa.linalg.matrix_power(pa.eye(2), 2**63), 2**63),
}


@pytest.mark.parametrize(("call", "value"), HUGE_INTS.values(), ids=HUGE_INTS)
def test_ints_beyond_every_integer_dtype_are_one_error(
    backend: Any, call: Call, value: int
) -> None:
    with pytest.raises(errors.ScalarOverflowError) as caught:
        call()
    assert isinstance(caught.value, OverflowError)
    assert f"Python int {value} is out of" in str(caught.value)


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64"])
@pytest.mark.parametrize("value", [2**64, -(2**70), 10**30])
def test_huge_ints_next_to_floats_are_converted(backend: Any, dtype: str, value: int) -> None:
    # NumPy converts the int to the nearest float; torch read ints through 64 bits.
    x = pa.asarray([1.0, -2.0], dtype=dtype)
    for result, expected in [
        (pa.add(x, value), [1.0 + value, -2.0 + value]),
        (pa.multiply(x, value), [float(value), -2.0 * value]),
    ]:
        values = pa.to_numpy(result)
        assert values.dtype == np.dtype(dtype)
        np.testing.assert_allclose(values, np.asarray(expected, dtype=dtype), rtol=1e-6)


# -- linear algebra ----------------------------------------------------------------------

LINALG: dict[str, tuple[Call, str, str]] = {
    "inv singular": (lambda: pa.linalg.inv(pa.zeros((2, 2))), "inv", "singular"),
    "inv singular int": (
        lambda: pa.linalg.inv(pa.asarray([[1, 2], [2, 4]])),
        "inv",
        "singular",
    ),
    "inv singular complex batch": (
        lambda: pa.linalg.inv(pa.zeros((3, 2, 2), dtype=pa.complex64)),
        "inv",
        "singular",
    ),
    "solve singular": (
        lambda: pa.linalg.solve(pa.zeros((2, 2)), pa.ones(2)),
        "solve",
        "singular",
    ),
    "matrix_power singular -1": (
        lambda: pa.linalg.matrix_power(pa.zeros((2, 2), dtype=pa.float64), -1),
        "matrix_power",
        "singular",
    ),
    "cholesky not definite": (
        lambda: pa.linalg.cholesky(-pa.eye(2)),
        "cholesky",
        "not positive definite",
    ),
    "cholesky indefinite": (
        lambda: pa.linalg.cholesky(pa.asarray([[1.0, 2.0], [2.0, 1.0]])),
        "cholesky",
        "not positive definite",
    ),
    "inv not square": (lambda: pa.linalg.inv(pa.ones((2, 3))), "inv", "must be square"),
    "cholesky not square": (
        lambda: pa.linalg.cholesky(pa.ones((2, 3))),
        "cholesky",
        "must be square",
    ),
    "det 1-d": (lambda: pa.linalg.det(pa.ones(2)), "det", "at least two dimensions"),
    "trace 0-d": (lambda: pa.linalg.trace(pa.asarray(1.0)), "trace", "at least two dimensions"),
    "diagonal 1-d": (lambda: pa.linalg.diagonal(pa.ones(3)), "diagonal", "at least two"),
    "matrix_norm 1-d": (lambda: pa.linalg.matrix_norm(pa.ones(3)), "matrix_norm", "at least two"),
    "pinv 0-d": (lambda: pa.linalg.pinv(pa.asarray(2.0)), "pinv", "at least two dimensions"),
    "solve 0-d x2": (
        lambda: pa.linalg.solve(pa.eye(2), pa.asarray(1.0)),
        "solve",
        "and x2 at least one",
    ),
}


@pytest.mark.parametrize(("call", "name", "reason"), LINALG.values(), ids=LINALG)
def test_matrices_linalg_cannot_work_with(backend: Any, call: Call, name: str, reason: str) -> None:
    with pytest.raises(errors.LinAlgError) as caught:
        call()
    assert isinstance(caught.value, ValueError)  # as numpy.linalg.LinAlgError is
    assert str(caught.value).startswith(f"pa.linalg.{name}: ")
    assert reason in str(caught.value)


@pytest.mark.parametrize("dtype", ["int8", "int64", "uint8", "bool"])
def test_negative_matrix_powers_of_integers(backend: Any, dtype: str) -> None:
    # An inverse: in the default float (NumPy gave float64, torch refused integers).
    x = pa.asarray(
        [[2, 0], [0, 1]] if dtype != "bool" else [[True, False], [False, True]], dtype=dtype
    )
    result = pa.to_numpy(pa.linalg.matrix_power(x, -1))
    assert result.dtype == np.dtype(pa.get_default_float().name)
    expected = [[0.5, 0.0], [0.0, 1.0]] if dtype != "bool" else [[1.0, 0.0], [0.0, 1.0]]
    np.testing.assert_array_equal(result, expected)
    if dtype != "bool":
        assert pa.to_numpy(pa.linalg.matrix_power(x, 2)).dtype == np.dtype(dtype)


def test_a_singular_matrix_is_left_as_it_was(backend: Any) -> None:
    matrix = pa.zeros((2, 2))
    with pytest.raises(errors.LinAlgError):
        pa.linalg.inv(matrix)
    assert not pa.to_numpy(matrix).any()


OPTIONS: dict[str, tuple[Call, str]] = {
    "matrix_norm ord='bad'": (
        lambda: pa.linalg.matrix_norm(pa.eye(2), ord="bad"),
        "linalg.matrix_norm: ord must be",
    ),
    "matrix_norm ord=3": (
        lambda: pa.linalg.matrix_norm(pa.eye(2), ord=3),
        "linalg.matrix_norm: ord must be",
    ),
    "vector_norm ord='bad'": (
        lambda: pa.linalg.vector_norm(_vector(), ord="bad"),
        "linalg.vector_norm: ord must be",
    ),
    "qr mode='bad'": (lambda: pa.linalg.qr(pa.eye(2), mode="bad"), "linalg.qr: mode must be"),
}


@pytest.mark.parametrize(("call", "start"), OPTIONS.values(), ids=OPTIONS)
def test_options_out_of_those_taken(backend: Any, call: Call, start: str) -> None:
    with pytest.raises(ValueError, match=f"^pa.{start}"):
        call()


# -- matmul, tensordot -------------------------------------------------------------------

ZERO_D: dict[str, tuple[Call, str]] = {
    "matmul(0-d, 1-d)": (lambda: pa.matmul(pa.asarray(2.0), pa.ones(2)), "matmul"),
    "matmul(1-d, 0-d) int": (
        lambda: pa.matmul(pa.ones(2, dtype=pa.int32), pa.asarray(2, dtype=pa.int32)),
        "matmul",
    ),
    "matmul(0-d, 0-d) complex": (
        lambda: pa.matmul(pa.asarray(1j), pa.asarray(2j)),
        "matmul",
    ),
    "linalg.matmul(0-d, 1-d)": (
        lambda: pa.linalg.matmul(pa.asarray(2.0), pa.ones(2)),
        "linalg.matmul",
    ),
}


@pytest.mark.parametrize(("call", "name"), ZERO_D.values(), ids=ZERO_D)
def test_matmul_of_0d_arrays(backend: Any, call: Call, name: str) -> None:
    with pytest.raises(errors.MatmulShapeError) as caught:
        call()
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(f"pa.{name} takes arrays of at least one dimension")


@pytest.mark.parametrize("function", ["zeros", "ones", "empty"])
def test_a_device_no_backend_knows(backend: Any, function: str) -> None:
    with pytest.raises(ValueError, match=f"^pa.{function}: |device"):
        getattr(pa, function)(2, device="nonsense")


def test_matmul_of_none(backend: Any) -> None:
    with pytest.raises(TypeError):
        pa.matmul(pa.ones(2), None)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["tensordot", "linalg.tensordot"])
def test_tensordot_axes_that_do_not_fit(backend: Any, name: str) -> None:
    tensordot = pa.tensordot if name == "tensordot" else pa.linalg.tensordot
    x = pa.ones(2)
    with pytest.raises(errors.AxisError, match=f"^pa.{name}: "):
        tensordot(x, x, axes=3)  # more axes than x has
    with pytest.raises(errors.AxisError, match=f"^pa.{name}: "):
        tensordot(x, x, axes=((5,), (0,)))
    with pytest.raises(errors.MatmulShapeError, match=f"^pa.{name}: "):
        tensordot(x, pa.ones((2, 2)), axes=((0,), (0, 1)))


# -- FFTs ----------------------------------------------------------------------------------

FFT_ONE_AXIS = ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"]


@pytest.mark.parametrize("name", [*FFT_ONE_AXIS, "fftn", "ifftn", "rfftn", "irfftn"])
def test_fft_norm_out_of_those_taken(backend: Any, name: str) -> None:
    x = pa.asarray([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(ValueError, match=f"^pa.fft.{name}: norm must be 'backward', 'ortho'"):
        getattr(pa.fft, name)(x, norm="bad")


@pytest.mark.parametrize("name", ["rfft", "rfftn", "ihfft"])
@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
def test_real_input_ffts_of_complex_input(backend: Any, name: str, dtype: str) -> None:
    x = pa.asarray([[1 + 1j, 2.0], [3.0, 4.0]], dtype=dtype)
    with pytest.raises(TypeError, match=f"^pa.fft.{name} transforms real input"):
        getattr(pa.fft, name)(x)


@pytest.mark.parametrize("name", FFT_ONE_AXIS)
@pytest.mark.parametrize("n", [0, -1])
def test_fft_of_no_points(backend: Any, name: str, n: int) -> None:
    with pytest.raises(ValueError, match=f"^pa.fft.{name}: the number of FFT points"):
        getattr(pa.fft, name)(pa.asarray([1.0, 2.0, 3.0, 4.0]), n=n)


@pytest.mark.parametrize("name", FFT_ONE_AXIS)
@pytest.mark.parametrize("axis", [3, -3, 1])
def test_fft_axis_out_of_range(backend: Any, name: str, axis: int) -> None:
    x = pa.asarray([1.0, 2.0, 3.0, 4.0])
    with pytest.raises(errors.AxisError):
        getattr(pa.fft, name)(x, axis=axis)


@pytest.mark.parametrize("name", ["fftn", "ifftn", "rfftn", "irfftn"])
def test_fft_s_and_axes_that_do_not_fit(backend: Any, name: str) -> None:
    x = pa.asarray([[1.0, 2.0], [3.0, 4.0]])
    transform = getattr(pa.fft, name)
    with pytest.raises(ValueError, match=f"^pa.fft.{name}: s and axes, when both given"):
        transform(x, s=(2,), axes=(0, 1))
    with pytest.raises(errors.AxisError):
        transform(x, s=(2, 2, 2))  # more sizes than x has axes


@pytest.mark.parametrize("name", ["rfftn", "irfftn"])
def test_real_ffts_over_no_axes(backend: Any, name: str) -> None:
    with pytest.raises(ValueError, match=f"^pa.fft.{name} must transform at least one axis"):
        getattr(pa.fft, name)(pa.asarray([[1.0, 2.0], [3.0, 4.0]]), axes=())


# -- the median over no axes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        np.zeros((0,), np.float32),
        np.zeros((0, 3), np.int32),
        np.arange(6, dtype=np.int64).reshape(2, 3),
        np.asarray(3.5, np.float64),
        np.asarray([True, False]),
        np.asarray([1, 200], np.uint8),
    ],
    ids=["empty float32", "empty int32", "int64", "0-d float64", "bool", "uint8"],
)
@pytest.mark.parametrize("keepdims", [False, True])
def test_median_over_no_axes_is_each_value(backend: Any, values: Any, keepdims: bool) -> None:
    # NumPy's own median fails on empty arrays over axis=(), and torch failed too.
    x = pa.asarray(values)
    result = pa.median(x, axis=(), keepdims=keepdims)
    got = pa.to_numpy(result)
    expected = values.dtype if values.dtype.kind == "f" else pa.get_default_float().name
    assert got.dtype == np.dtype(expected)
    assert got.shape == values.shape
    np.testing.assert_array_equal(got, values.astype(np.float64))
    assert result is not x


# -- random seeds and bounds --------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 2**32, 2**64 - 1, 2**64, 2**70, 10**40])
def test_any_non_negative_int_is_a_seed(backend: Any, seed: int) -> None:
    first = pa.to_numpy(pa.random.default_rng(seed).random(4))
    second = pa.to_numpy(pa.random.default_rng(seed).random(4))
    np.testing.assert_array_equal(first, second)


def test_wide_seeds_are_not_reduced_modulo_2_to_the_64(backend: Any) -> None:
    low = pa.to_numpy(pa.random.default_rng(5).random(4))
    folded = pa.to_numpy(pa.random.default_rng(5 + 2**64).random(4))
    assert not np.array_equal(low, folded)


def test_numpy_integer_seeds_are_ints(backend: Any) -> None:
    a = pa.to_numpy(pa.random.default_rng(np.int64(3)).random(4))
    b = pa.to_numpy(pa.random.default_rng(3).random(4))
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("seed", [-1, -(2**70)])
def test_negative_seeds_are_a_value_error(backend: Any, seed: int) -> None:
    with pytest.raises(ValueError, match="seed must be an int, at least 0"):
        pa.random.default_rng(seed)
    with pytest.raises(ValueError, match="seed must be an int, at least 0"):
        pa.random.seed(seed)


@pytest.mark.parametrize("seed", [1.0, "1", True, [1, 2]], ids=["float", "str", "bool", "list"])
def test_seeds_that_are_not_ints_are_a_type_error(backend: Any, seed: Any) -> None:
    with pytest.raises(TypeError, match="seed must be an int"):
        pa.random.default_rng(seed)


@pytest.mark.parametrize(
    ("low", "high", "dtype"),
    [
        (-1, 2**63, "int64"),
        (-(2**63), 2**63, "int64"),
        (0, 2**64, "uint64"),
        (2**64 - 3, 2**64, "uint64"),
    ],
)
def test_integers_up_to_the_end_of_the_dtype(backend: Any, low: int, high: int, dtype: str) -> None:
    drawn = pa.to_numpy(pa.random.default_rng(1).integers(low, high, size=50, dtype=dtype))
    assert drawn.dtype == np.dtype(dtype)
    assert all(low <= int(v) < high for v in drawn)


@pytest.mark.parametrize(
    ("low", "high", "dtype"), [(0, 300, "int8"), (-1, 5, "uint8"), (0, 2**64, "int64")]
)
def test_integers_beyond_the_dtype(backend: Any, low: int, high: int, dtype: str) -> None:
    with pytest.raises(errors.ScalarOverflowError, match=f"integers of {dtype} lie in"):
        pa.random.default_rng(0).integers(low, high, size=2, dtype=dtype)


@pytest.mark.parametrize("low", [1.5, True, "1"], ids=["float", "bool", "str"])
def test_integer_bounds_that_are_not_ints(backend: Any, low: Any) -> None:
    with pytest.raises(TypeError, match="integers needs int bounds"):
        pa.random.default_rng(0).integers(low, 5, size=2)


# -- arrays in the other byte order --------------------------------------------------------

OTHER_ORDER = [">i4", ">u2", ">i8", ">f4", ">f8", ">c8", ">c16"]


@pytest.mark.parametrize("code", OTHER_ORDER)
def test_other_byte_order_is_converted(backend: Any, code: str) -> None:
    source = np.arange(6).reshape(2, 3).astype(code)
    kept = source.copy()
    for converted in (pa.to_backend(source, backend), pa.asarray(source)):
        values = pa.to_numpy(converted)
        assert values.dtype == source.dtype.newbyteorder("=")
        assert values.dtype.isnative
        np.testing.assert_array_equal(values, source)
    reversed_view = pa.asarray(source[:, ::-1])
    np.testing.assert_array_equal(pa.to_numpy(reversed_view), source[:, ::-1])
    assert source.dtype.str == code  # the input is left as it was
    np.testing.assert_array_equal(source, kept)


def test_other_byte_order_without_a_copy_is_refused(backend: Any) -> None:
    # On NumPy the message names the byte order; elsewhere any NumPy array needs a copy.
    with pytest.raises(ValueError, match=r"copy=False\) .*(byte order|would need a copy)"):
        pa.asarray(np.arange(3, dtype=">i4"), copy=False)


def test_other_byte_order_in_a_numpy_function(backend: Any) -> None:
    # NumPy arrays dispatch to the NumPy backend whatever the active one is.
    with pytest.raises(TypeError, match="this machine's byte order, not >i4"):
        pa.add(np.arange(3, dtype=">i4"), 1)


# -- bitwise_invert of floating-point arrays -----------------------------------------------


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64"])
@pytest.mark.parametrize("shape", [(2,), (), (0,)], ids=["1-d", "0-d", "empty"])
def test_bitwise_invert_of_floats(backend: Any, dtype: str, shape: tuple[int, ...]) -> None:
    # NumPy raised TypeError, torch NotImplementedError.
    with pytest.raises(
        TypeError, match=f"^pa.bitwise_invert needs integer or boolean arrays, not {dtype}"
    ):
        pa.bitwise_invert(pa.ones(shape, dtype=dtype))
