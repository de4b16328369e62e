"""Element-wise functions on JAX (issue 11): NumPy's answers where jax.numpy differs, and
the value rules under tracing (docs/semantics.md, "Under jax.jit").

The first tests run on every backend: each case is one where jax.numpy's own answer
differs from polyarray's, so the backends are checked to agree. The last ones are of JAX
only (tracers).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import errors

inf, nan = math.inf, math.nan


def values(x: object) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def same_floats(result: object, expected: list[float]) -> None:
    """Values, NaN and the sign of zeros."""
    got = values(result)
    want = np.asarray(expected, dtype=got.dtype)
    np.testing.assert_array_equal(got, want)
    assert np.signbit(got).tolist() == np.signbit(want).tolist()


# -- real numbers ---------------------------------------------------------------------------


def test_a_zero_floor_quotient_has_the_sign_of_the_true_quotient(backend: pa.Backend) -> None:
    x1 = pa.asarray([-0.0, 0.0, -0.0, 1.0, -1.0, inf, -5.0])
    x2 = pa.asarray([3.0, -3.0, -3.0, 3.0, 3.0, 2.0, inf])
    result = pa.floor_divide(x1, x2)
    assert result.dtype == pa.float32
    same_floats(result, [-0.0, -0.0, 0.0, 0.0, -1.0, inf, -0.0])


def test_a_zero_float_remainder_has_the_sign_of_the_divisor(backend: pa.Backend) -> None:
    result = pa.remainder(pa.asarray([0.0, -0.0, 3.0, -3.0]), pa.asarray([-3.0, 3.0, -3.0, 3.0]))
    same_floats(result, [-0.0, 0.0, -0.0, 0.0])


def test_the_sign_of_a_zero_is_plus_zero(backend: pa.Backend) -> None:
    same_floats(pa.sign(pa.asarray([-0.0, 0.0, -2.0, nan])), [0.0, 0.0, -1.0, nan])


def test_booleans_multiply_as_zero_and_one(backend: pa.Backend) -> None:
    # JAX multiplies by a boolean as by a selection: False * -1.0 would be +0 there.
    result = pa.multiply(pa.asarray([False, False, True]), pa.asarray([-0.0, -1.0, 2.0]))
    assert result.dtype == pa.float32
    same_floats(result, [-0.0, -0.0, 2.0])


@pytest.mark.parametrize("dtype", ["int8", "int64", "uint8", "uint64"])
def test_integer_powers_wrap_over_every_bit_of_the_exponent(
    backend: pa.Backend, dtype: str
) -> None:
    # jax.numpy's integer power stops after 6 bits of the exponent.
    kind = getattr(pa, dtype)
    result = pa.pow(pa.asarray([3, 1, 2], dtype=kind), pa.asarray([65, 100, 3], dtype=kind))
    bits = np.iinfo(dtype).bits
    expected = np.asarray([pow(3, 65, 2**bits), 1, 8], dtype=np.uint64).astype(dtype)
    assert result.dtype == kind
    assert values(result).tolist() == expected.tolist()


@pytest.mark.parametrize("scalar", [2**63, 2**70, -(2**70)])
def test_an_int_beyond_64_bits_next_to_a_float_array_is_the_nearest_float(
    backend: pa.Backend, scalar: int
) -> None:
    result = pa.add(pa.asarray([1.0], dtype=pa.float64), scalar)
    assert result.dtype == pa.float64
    assert values(result).tolist() == [float(scalar) + 1.0]


def test_integers_in_float_functions_give_the_default_float(backend: pa.Backend) -> None:
    for function in (pa.sin, pa.sqrt, pa.exp):
        assert function(pa.asarray([1, 4], dtype=pa.int64)).dtype == pa.float32
    assert pa.divide(pa.asarray([1]), pa.asarray([2])).dtype == pa.float32


def test_round_of_booleans_is_boolean(backend: pa.Backend) -> None:
    result = pa.round(pa.asarray([True, False]))
    assert result.dtype == pa.bool
    assert values(result).tolist() == [True, False]


# -- errors --------------------------------------------------------------------------------

_MISTAKES: dict[str, tuple[Callable[[], Any], type[Exception]]] = {
    "floor_divide by 0": (
        lambda: pa.floor_divide(pa.asarray([5, 6]), pa.asarray([1, 0])),
        errors.IntegerDivisionByZeroError,
    ),
    "remainder by 0": (
        lambda: pa.remainder(pa.asarray([5], dtype=pa.int8), 0),
        errors.IntegerDivisionByZeroError,
    ),
    "negative integer power": (
        lambda: pa.pow(pa.asarray([2, 3]), pa.asarray([1, -1])),
        ValueError,
    ),
    "uint64 with int64": (
        lambda: pa.add(pa.asarray([1], dtype=pa.uint64), pa.asarray([1])),
        errors.PromotionError,
    ),
    "logical of uint64 with int8": (
        lambda: pa.logical_and(pa.asarray([1], dtype=pa.uint64), pa.asarray([1], dtype=pa.int8)),
        errors.PromotionError,
    ),
    "int8 with 1000": (
        lambda: pa.multiply(pa.asarray([1], dtype=pa.int8), 1000),
        errors.ScalarOverflowError,
    ),
    "clip int8 min=300": (
        lambda: pa.clip(pa.asarray([1], dtype=pa.int8), 300),
        errors.ScalarOverflowError,
    ),
    "clip of complex": (lambda: pa.clip(pa.asarray([1j]), 0.0), TypeError),
    "signbit of complex": (lambda: pa.signbit(pa.asarray([1j])), TypeError),
    "bitwise_invert of floats": (lambda: pa.bitwise_invert(pa.asarray([1.0])), TypeError),
    "negative of booleans": (lambda: pa.negative(pa.asarray([True])), TypeError),
}


@pytest.mark.parametrize("case", sorted(_MISTAKES))
def test_the_same_error_on_every_backend(backend: pa.Backend, case: str) -> None:
    call, error = _MISTAKES[case]
    with pytest.raises(error):
        call()


def test_bitwise_invert_of_floats_says_what_it_needs(backend: pa.Backend) -> None:
    with pytest.raises(TypeError, match=r"^pa\.bitwise_invert needs integer or boolean"):
        pa.bitwise_invert(pa.asarray([1.0]))


# -- clip ------------------------------------------------------------------------------------


def test_clip_without_bounds_gives_a_new_array(backend: pa.Backend) -> None:
    x = pa.asarray([1, 5, 2], dtype=pa.uint8)
    result = pa.clip(x)
    assert result is not x
    assert values(result).tolist() == [1, 5, 2]


def test_clip_bounds_beyond_the_range_and_arrays_of_a_wider_dtype(backend: pa.Backend) -> None:
    x = pa.asarray([1, 200, 7], dtype=pa.uint8)
    assert values(pa.clip(x, -1000, 2**70)).tolist() == [1, 200, 7]
    # An int64 bound of 300 limits nothing in uint8 (a cast would wrap it to 44).
    high = pa.asarray([300, 100, 9], dtype=pa.int64)
    result = pa.clip(x, None, high)
    assert result.dtype == pa.uint8
    assert values(result).tolist() == [1, 100, 7]


def test_clip_of_a_float_array_takes_big_int_bounds(backend: pa.Backend) -> None:
    result = pa.clip(pa.asarray([1.0, 3e30]), 2, 2**100)
    assert result.dtype == pa.float32
    assert values(result).tolist() == [2.0, np.float32(2**100).item()]


# -- complex numbers (parts built without a signed zero imaginary part: see the report) ---


def test_complex_division_by_infinities_and_zero_gives_numpys_answers(
    backend: pa.Backend,
) -> None:
    x1 = pa.asarray([1 + 0j, 1 + 1j, 2 + 0j])
    x2 = pa.asarray([complex(inf, inf), 0j, 1 + 0j])
    got = values(pa.divide(x1, x2))
    assert np.isnan(got[:2].real).all()  # NumPy's NaN for 1 / (inf + inf j) (JAX: 0), and
    assert np.isnan(got[:2].imag).all()  # the standard's NaN + NaN j for 1 / 0j
    assert got[2] == 2 + 0j


def test_complex_special_cases_with_infinities(backend: pa.Backend) -> None:
    z = pa.asarray([complex(inf, nan), complex(nan, inf)])
    assert values(pa.abs(z)).tolist() == [inf, inf]
    assert values(pa.real(pa.log(z))).tolist() == [inf, inf]
    root = values(pa.sqrt(pa.asarray([complex(nan, inf)])))[0]
    assert (root.real, root.imag) == (inf, inf)
    e = values(pa.exp(pa.asarray([complex(-inf, inf), complex(-inf, nan)])))
    assert e.tolist() == [0j, 0j]


# -- JAX only: under tracing, the value rules give way to JAX's result ---------------------


@pytest.mark.skip_backends("numpy", "torch", reason="tracers are JAX's")
def test_integer_division_by_zero_under_jit_is_jaxs_result(backend: pa.Backend) -> None:
    jax = pytest.importorskip("jax")
    x1, x2 = pa.asarray([5, 7]), pa.asarray([0, 2])
    result = jax.jit(pa.floor_divide)(x1, x2)  # no value to check while tracing
    assert values(result)[1] == 3
    with pytest.raises(errors.IntegerDivisionByZeroError):
        pa.floor_divide(x1, x2)  # concrete: refused


@pytest.mark.skip_backends("numpy", "torch", reason="tracers are JAX's")
def test_rules_of_dtypes_and_special_cases_hold_under_jit_and_vmap(backend: pa.Backend) -> None:
    jax = pytest.importorskip("jax")
    ints = pa.asarray([1, 4], dtype=pa.int32)
    assert jax.jit(pa.sqrt)(ints).dtype == pa.float32  # the default float, not float64
    assert jax.vmap(pa.sin)(ints).dtype == pa.float32
    same_floats(jax.jit(pa.floor_divide)(pa.asarray([-0.0]), pa.asarray([3.0])), [-0.0])
    same_floats(jax.jit(pa.sign)(pa.asarray([-0.0, 2.0])), [0.0, 1.0])
    clipped = jax.jit(lambda x: pa.clip(x, 2, 3))(pa.asarray([1, 5], dtype=pa.int8))
    assert clipped.dtype == pa.int8
    assert values(clipped).tolist() == [2, 3]
    powers = jax.jit(pa.pow)(pa.asarray([2, 3]), pa.asarray([3, -1]))  # traced: no refusal
    assert values(powers)[0] == 8
    with pytest.raises(errors.PromotionError):  # dtype rules are static: also under jit
        jax.jit(pa.add)(pa.asarray([1], dtype=pa.uint64), pa.asarray([1]))


@pytest.mark.skip_backends("numpy", "torch", reason="JAX arrays are immutable")
def test_inputs_are_left_as_they_were(backend: pa.Backend) -> None:
    x = pa.asarray([1.0, -2.0])
    pa.clip(x, 0.0)
    pa.remainder(x, 2.0)
    assert values(x).tolist() == [1.0, -2.0]
