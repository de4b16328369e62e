"""The creation, data type and utility functions on JAX (issue 11): polyarray's default
float in JAX's 64-bit mode, immutability (``copy=False``), shapes XLA would abort on,
devices, and the functions under ``jax.jit`` and ``jax.vmap``.

The tests of behaviour every backend shares run on each backend of the ``backend``
fixture; those about JAX alone (tracing, JAX devices) skip other backends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import errors

jax = pytest.importorskip("jax")

Call = Callable[[], Any]


@pytest.fixture
def on_jax(backend: Any) -> Any:
    """The backend, on JAX runs only (the other backends have no tracers)."""
    if backend.name != "jax":
        pytest.skip("a JAX test: tracing and JAX devices")
    return backend


def _dtype(x: Any) -> str:
    return str(pa.to_numpy(x).dtype)


# -- the default float, whatever JAX's 64-bit mode would give ---------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa.asarray(1.5),
        lambda: pa.asarray([[1.0, 2], [3, 4]]),
        lambda: pa.asarray([2**64, 1.5]),
        lambda: pa.zeros(2),
        lambda: pa.ones((2, 1)),
        lambda: pa.empty(3),
        lambda: pa.full(2, 1.5),
        lambda: pa.eye(2),
        lambda: pa.arange(0.5, 3),
        lambda: pa.linspace(0, 1, 5),
    ],
)
def test_float_creation_gives_float32(backend: Any, call: Call) -> None:
    assert _dtype(call()) == "float32"


@pytest.mark.parametrize(
    ("call", "dtype"),
    [
        (lambda: pa.asarray([1, 2]), "int64"),
        (lambda: pa.arange(4), "int64"),
        (lambda: pa.full(2, 7), "int64"),
        (lambda: pa.asarray([True]), "bool"),
        (lambda: pa.asarray(1j), "complex64"),
        (lambda: pa.linspace(0, 1j, 3), "complex64"),
        (lambda: pa.asarray(np.float64(2.0)), "float64"),
    ],
)
def test_other_defaults(backend: Any, call: Call, dtype: str) -> None:
    assert _dtype(call()) == dtype


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa.asarray(2**63),
        lambda: pa.asarray([1, 2**64]),
        lambda: pa.full((2,), 300, dtype=pa.uint8),
        lambda: pa.full((2,), -1, dtype=pa.uint8),
    ],
)
def test_ints_out_of_range_overflow(backend: Any, call: Call) -> None:
    # jax.numpy wraps -1 in uint8 to 255, and raises a bare OverflowError for 2**63.
    with pytest.raises(errors.ScalarOverflowError):
        call()


def test_nan_fill_of_an_integer_dtype(backend: Any) -> None:
    with pytest.raises(ValueError, match="NaN"):  # (jax.numpy fills garbage)
        pa.full((2,), float("nan"), dtype=pa.int32)


def test_float_fill_of_an_integer_dtype_truncates(backend: Any) -> None:
    assert pa.to_numpy(pa.full((2,), -2.9, dtype=pa.int8)).tolist() == [-2, -2]


# -- shapes XLA cannot count abort the process: refused first ---------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa.zeros((2**62, 3, 0)),
        lambda: pa.ones((2**40, 2**30)),
        lambda: pa.full((2**31, 2**31, 4), 1.0),
        lambda: pa.eye(2**40),
    ],
)
def test_shapes_beyond_int64_are_allocation_errors(backend: Any, call: Call) -> None:
    with pytest.raises(errors.AllocationError):
        call()


def test_a_bool_shape_is_refused(backend: Any) -> None:
    with pytest.raises(TypeError):  # (JAX takes True as 1)
        pa.zeros(True)


def test_negative_sizes(backend: Any) -> None:
    with pytest.raises(errors.NegativeSizeError):
        pa.zeros((2, -1))


# -- copies: JAX arrays are immutable ----------------------------------------------------------


def test_copy_false_of_a_numpy_array_is_refused(on_jax: Any) -> None:
    # A JAX array never shares a NumPy array's (writable) memory: a copy is needed.
    with pytest.raises(ValueError, match="copy=False"):
        pa.asarray(np.ones(3), copy=False)


@pytest.mark.parametrize("obj", [[1.0], 2.0])
def test_copy_false_of_python_values_is_refused(backend: Any, obj: Any) -> None:
    with pytest.raises(ValueError, match="copy=False"):
        pa.asarray(obj, copy=False)


def test_copy_false_with_another_dtype_is_refused(backend: Any) -> None:
    with pytest.raises(ValueError, match="copy=False"):
        pa.asarray(pa.ones(3), dtype=pa.int32, copy=False)


def test_copies_of_jax_arrays(on_jax: Any) -> None:
    x = pa.ones(3)
    assert pa.asarray(x) is x
    assert pa.asarray(x, copy=False) is x
    copied = pa.asarray(x, copy=True)
    assert copied is not x
    assert pa.to_numpy(copied).tolist() == [1.0, 1.0, 1.0]
    assert pa.astype(x, pa.float32, copy=False) is x


def test_a_numpy_array_is_not_aliased(on_jax: Any) -> None:
    source = np.ones(3)
    made = pa.asarray(source)
    source[0] = 5.0
    assert pa.to_numpy(made).tolist() == [1.0, 1.0, 1.0]


# -- devices ------------------------------------------------------------------------------------


@pytest.mark.parametrize("device", ["cpu", "cpu:0"])
def test_device_names(on_jax: Any, device: str) -> None:
    x = pa.zeros(2, device=device)
    assert next(iter(x.devices())).platform == "cpu"
    assert pa.asarray([1.0], device=device).devices() == x.devices()


def test_native_devices(on_jax: Any) -> None:
    device = jax.devices("cpu")[0]
    for made in (pa.ones(2, device=device), pa.arange(3, device=device)):
        assert made.devices() == {device}


@pytest.mark.parametrize("function", ["zeros", "ones", "empty", "arange"])
def test_unknown_devices(backend: Any, function: str) -> None:
    with pytest.raises(ValueError, match="device"):
        getattr(pa, function)(2, device="nonsense")


# -- under jax.jit and jax.vmap ----------------------------------------------------------------


def test_asarray_of_tracers(on_jax: Any) -> None:
    stacked = jax.jit(lambda x: pa.asarray([x, 2 * x]))(pa.asarray(1.5))
    assert _dtype(stacked) == "float32"
    assert pa.to_numpy(stacked).tolist() == [1.5, 3.0]
    behind = jax.jit(lambda x: pa.asarray([1.0, x]))(pa.asarray(2.0))  # (a tracer second)
    assert pa.to_numpy(behind).tolist() == [1.0, 2.0]


def test_linspace_of_traced_bounds(on_jax: Any) -> None:
    points = jax.jit(lambda stop: pa.linspace(0.0, stop, 3))(pa.asarray(1.0))
    assert _dtype(points) == "float32"
    assert pa.to_numpy(points).tolist() == [0.0, 0.5, 1.0]


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        (lambda x: pa.zeros_like(x), [[0.0, 0.0], [0.0, 0.0]]),
        (lambda x: pa.full_like(x, 2.5), [[2.5, 2.5], [2.5, 2.5]]),
        (lambda x: pa.tril(x), [[1.0, 0.0], [3.0, 4.0]]),
        (lambda x: pa.triu(x, k=1), [[0.0, 2.0], [0.0, 0.0]]),
        (lambda x: pa.astype(x, pa.int32), [[1, 2], [3, 4]]),
        (lambda x: pa.asarray(x, dtype=pa.float64, copy=True), [[1.0, 2.0], [3.0, 4.0]]),
        (lambda x: pa.meshgrid(x[0], x[1])[0], [[1.0, 2.0], [1.0, 2.0]]),
        (lambda x: pa.all(x > 0, axis=1), [True, True]),
        (lambda x: pa.any(x > 3, axis=0), [False, True]),
        (lambda x: pa.diff(x, axis=0), [[2.0, 2.0]]),
    ],
)
def test_under_jit(on_jax: Any, function: Callable[[Any], Any], expected: Any) -> None:
    x = pa.asarray([[1.0, 2.0], [3.0, 4.0]])
    assert pa.to_numpy(jax.jit(function)(x)).tolist() == expected
    assert pa.to_numpy(function(x)).tolist() == expected


def test_under_vmap(on_jax: Any) -> None:
    stack = pa.ones((3, 2, 2))
    lower = jax.vmap(lambda m: pa.tril(m))(stack)
    assert pa.to_numpy(lower).tolist() == [[[1.0, 0.0], [1.0, 1.0]]] * 3
    assert pa.to_numpy(jax.vmap(lambda v: pa.all(v))(stack)).tolist() == [True] * 3


def test_data_type_functions_take_tracers(on_jax: Any) -> None:
    def probe(x: Any) -> Any:
        assert pa.finfo(x).bits == 32
        assert pa.result_type(x, pa.float64) == pa.float64
        assert pa.can_cast(x, pa.float64)
        return x

    jax.jit(probe)(pa.ones(2))


# -- the data type functions: polyarray's table, not JAX's -----------------------------------------


def test_result_type_of_int64_and_uint64_is_refused(backend: Any) -> None:
    with pytest.raises(errors.PromotionError):  # (JAX gives float64)
        pa.result_type(pa.int64, pa.uint64)


def test_result_type_of_python_scalars(backend: Any) -> None:
    assert pa.result_type(pa.int8, 1) == pa.int8
    assert pa.result_type(pa.ones(2), 1.5) == pa.float32


def test_all_of_uint8_is_boolean(backend: Any) -> None:
    assert _dtype(pa.all(pa.asarray([1, 2], dtype=pa.uint8))) == "bool"


def test_all_of_a_0d_array_has_no_axis_0(backend: Any) -> None:
    with pytest.raises(errors.AxisError):  # (jax.numpy takes axis 0 of a 0-d array)
        pa.all(pa.ones(()), axis=0)
