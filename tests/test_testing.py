"""``polyarray.testing``: metadata checks first, dtype tolerances, readable failures."""

from __future__ import annotations

import math
import re
from contextlib import AbstractContextManager

import numpy as np
import pytest

import polyarray as pa
from polyarray import backends
from polyarray._namespace import Namespace
from polyarray.testing import assert_close, assert_equal, default_tolerance

pytest_plugins = ["pytester"]


@pytest.fixture(autouse=True, scope="module")
def _frameworks_imported_first() -> None:
    # pytester's in-process runs drop the modules first imported during the run when it
    # ends; NumPy's and torch's extension modules cannot be imported twice in a process,
    # so every installed backend is loaded before any run.
    for name in backends.registered():
        if backends.installed(name):
            backends.backend_class(name).functions()


def fails(match: str) -> AbstractContextManager[pytest.ExceptionInfo[AssertionError]]:
    return pytest.raises(AssertionError, match=match)


# -- passing comparisons, on every backend ------------------------------------------------


def test_equal_arrays_pass(xp: Namespace) -> None:
    x = xp.reshape(xp.arange(6), (2, 3))
    assert_equal(x, xp.reshape(xp.arange(6), (2, 3)))
    assert_close(x, xp.reshape(xp.arange(6), (2, 3)))


def test_python_values_are_compared_by_shape_and_value_only(xp: Namespace) -> None:
    # A Python list has no dtype: float32 against Python floats is not a dtype mismatch.
    assert_close(xp.linspace(0, 5, 4), [0.0, 5 / 3, 10 / 3, 5.0])
    assert_equal(xp.asarray([1, 2, 3]), [1, 2, 3])
    assert_close(xp.mean(xp.asarray([0.5, 1.0, 3.4])), 1.6333333)


def test_float32_tolerance_comes_from_the_dtype(xp: Namespace) -> None:
    x = xp.asarray([1.0, 100.0], dtype=xp.float32)
    assert_close(x, x * (1 + 1e-6))  # within float32's rtol of 1.3e-6
    with fails(r"not close \(rtol=1\.3e-06, atol=1e-05\)"):
        assert_close(x, x * (1 + 1e-4))


def test_float64_tolerance_is_tighter(xp: Namespace) -> None:
    x = xp.asarray([1.0, 100.0], dtype=xp.float64)
    assert_close(x, x * (1 + 1e-8))
    with fails(r"rtol=1e-07"):
        assert_close(x, x * (1 + 1e-6))


def test_explicit_tolerances_win(xp: Namespace) -> None:
    x = xp.asarray([1.0, 2.0], dtype=xp.float64)
    assert_close(x, x + 0.01, atol=0.02)
    assert_close(x, x * 1.01, rtol=0.02)
    with fails(r"rtol=1e-07, atol=0\.001"):
        assert_close(x, x + 0.01, atol=0.001)


def test_integers_are_exact_unless_a_tolerance_is_given(xp: Namespace) -> None:
    x = xp.asarray([10, 20, 30])
    with fails("not equal"):
        assert_close(x, xp.asarray([10, 20, 31]))
    assert_close(x, xp.asarray([10, 20, 31]), atol=1)


def test_nan_in_the_same_place_is_equal_by_default(xp: Namespace) -> None:
    x = xp.asarray([1.0, math.nan, math.inf, -math.inf])
    assert_close(x, xp.asarray([1.0, math.nan, math.inf, -math.inf]))
    assert_equal(x, xp.asarray([1.0, math.nan, math.inf, -math.inf]))
    with fails("Mismatched elements: 1 / 4"):
        assert_close(x, xp.asarray([1.0, math.nan, math.inf, -math.inf]), equal_nan=False)
    with fails("Mismatched elements: 1 / 4"):
        assert_equal(x, xp.asarray([1.0, math.nan, math.inf, -math.inf]), equal_nan=False)


def test_infinities_of_opposite_sign_differ(xp: Namespace) -> None:
    with fails("1 mismatch.* inf or NaN on one side only"):
        assert_close(xp.asarray([1.0, math.inf]), [1.0, -math.inf])


def test_signed_zeros_are_equal(xp: Namespace) -> None:
    assert_equal(xp.asarray([0.0, -0.0]), xp.asarray([-0.0, 0.0]))


def test_assert_equal_allows_no_rounding(xp: Namespace) -> None:
    x = xp.asarray([1.0, 2.0], dtype=xp.float64)
    with fails("arrays are not equal"):
        assert_equal(x, x + 1e-12)


def test_zero_dimensional_arrays(xp: Namespace) -> None:
    assert_close(xp.asarray(2.5), 2.5)
    with fails(r"\(\): 2\.5 vs 2\.0"):
        assert_close(xp.asarray(2.5), 2.0)


def test_complex_values(xp: Namespace) -> None:
    z = xp.asarray([1 + 2j, 3 - 1j])
    assert_close(z, [1 + 2j, 3 - 1j + 1e-7j])
    with fails("Greatest absolute difference: 0.5"):
        assert_close(z, [1 + 2.5j, 3 - 1j])


def test_booleans(xp: Namespace) -> None:
    assert_equal(xp.asarray([True, False]), [True, False])
    with fails(r"\(1,\): False vs True"):
        assert_equal(xp.asarray([True, False]), [True, True])


# -- metadata before values ---------------------------------------------------------------


def test_dtype_mismatch_is_reported_before_values(xp: Namespace) -> None:
    x32 = xp.asarray([1.0, 2.0], dtype=xp.float32)
    x64 = xp.asarray([1.0, 2.0], dtype=xp.float64)
    with fails(r"dtype: actual is float32, desired float64.*check_dtype=False"):
        assert_close(x32, x64)
    assert_close(x32, x64, check_dtype=False)


def test_mixed_dtypes_use_the_looser_tolerance(xp: Namespace) -> None:
    x32 = xp.asarray([1.0], dtype=xp.float32)
    assert_close(x32, xp.asarray([1.000001], dtype=xp.float64), check_dtype=False)


def test_shape_mismatch_is_reported(xp: Namespace) -> None:
    with fails(r"shape: actual is \(3,\), desired \(1, 3\)"):
        assert_close(xp.ones(3), xp.ones((1, 3)))


def test_without_the_shape_check_values_broadcast(xp: Namespace) -> None:
    assert_close(xp.ones((2, 3)), 1.0, check_shape=False)
    with fails(r"shapes \(2, 3\) and \(2,\) do not broadcast"):
        assert_close(xp.ones((2, 3)), [1.0, 1.0], check_shape=False)


def test_every_metadata_difference_is_listed(xp: Namespace) -> None:
    with pytest.raises(AssertionError) as info:
        assert_close(xp.ones(3, dtype=xp.float32), xp.ones((1, 3), dtype=xp.float64))
    message = str(info.value)
    assert "dtype: actual is float32, desired float64" in message
    assert "shape: actual is (3,), desired (1, 3)" in message
    assert "before any value is compared" in message


@pytest.mark.skip_backends("numpy", reason="needs a backend other than NumPy's arrays")
def test_backend_mismatch_is_reported(xp: Namespace, backend: pa.Backend) -> None:
    x = xp.ones(3, dtype=xp.float64)
    expected = rf"backend: actual is a {backend.name} array, desired a numpy array.*pa\.to_backend"
    with fails(expected):
        assert_close(x, np.ones(3))
    assert_close(x, np.ones(3), check_backend=False, check_device=False)


@pytest.mark.cuda
def test_device_mismatch_is_reported(xp: Namespace) -> None:
    on_gpu = xp.ones(3)
    on_cpu = pa.to_backend(on_gpu, "torch")
    with fails(r"device: actual is on cuda:0, desired on cpu"):
        assert_close(on_gpu, on_cpu)
    assert_close(on_gpu, on_cpu, check_device=False)


# -- the failure message --------------------------------------------------------------------


def test_the_message_locates_the_worst_element(xp: Namespace) -> None:
    actual = xp.asarray([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(AssertionError) as info:
        assert_close(actual, [[1.0, 2.0], [3.5, 4.1]], err_msg="after the update step")
    message = str(info.value)
    assert message.startswith("after the update step\nassert_close: arrays are not close")
    assert "Mismatched elements: 2 / 4 (50%)" in message
    assert "Greatest absolute difference: 0.5 at index (1, 0)" in message
    assert re.search(r"Greatest relative difference: 0\.14\d* at index \(1, 0\)", message)
    assert "(1, 0): 3.0 vs 3.5" in message
    assert "(1, 1): 4.0 vs 4.1" in message


def test_the_message_shows_at_most_five_mismatches(xp: Namespace) -> None:
    with pytest.raises(AssertionError) as info:
        assert_equal(xp.zeros(100), xp.ones(100))
    message = str(info.value)
    assert "Mismatched elements: 100 / 100 (100%)" in message
    assert "(4,): 0.0 vs 1.0" in message
    assert "(5,):" not in message


# -- arrays of any backend ------------------------------------------------------------------


@pytest.mark.skip_backends("numpy", "jax", reason="torch-only dtype and autograd")
def test_tensors_that_require_grad_and_bfloat16(backend: pa.Backend) -> None:
    import torch

    x = torch.ones(3, requires_grad=True, device=backend.native_device)
    assert_close(x * 2, torch.full((3,), 2.0, device=backend.native_device))
    half = torch.ones(3, dtype=torch.bfloat16, device=backend.native_device)
    assert_close(half, half * 1.001)  # bfloat16's rtol is 1.6e-2
    with fails("bfloat16"):
        assert_close(half, torch.ones(3, device=backend.native_device))


def test_default_tolerance() -> None:
    assert default_tolerance(pa.float32) == (1.3e-6, 1e-5)
    assert default_tolerance("float64") == (1e-7, 1e-7)
    assert default_tolerance(np.dtype("complex64")) == (1.3e-6, 1e-5)
    assert default_tolerance(np.float16) == (1e-3, 1e-5)
    assert default_tolerance(pa.int32) == (0.0, 0.0)
    assert default_tolerance(bool) == (0.0, 0.0)


# -- bad inputs -----------------------------------------------------------------------------


def test_actual_must_be_an_array(xp: Namespace) -> None:
    with pytest.raises(TypeError, match=r"actual must be a native array.*pytest\.approx"):
        assert_close(2.5, 2.5)
    with pytest.raises(TypeError, match="actual must be a native array"):
        assert_equal([1, 2], xp.asarray([1, 2]))


def test_desired_must_be_numbers(xp: Namespace) -> None:
    with pytest.raises(TypeError, match=r"desired must be a native array .* not builtins\.str"):
        assert_close(xp.ones(2), "1.0")
    with pytest.raises(TypeError, match=r"not builtins\.dict"):
        assert_close(xp.ones(2), {"a": 1})
    with pytest.raises(TypeError, match="not rectangular"):
        assert_close(xp.ones(2), [[1.0], [1.0, 2.0]])


@pytest.mark.parametrize(
    ("rtol", "error", "match"),
    [
        (-1e-3, ValueError, "rtol must be finite and >= 0"),
        (math.nan, ValueError, "rtol must be finite and >= 0"),
        (math.inf, ValueError, "rtol must be finite and >= 0"),
        ("0.1", TypeError, "rtol must be a real number"),
        (True, TypeError, "rtol must be a real number"),
    ],
)
def test_bad_tolerances(xp: Namespace, rtol: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        assert_close(xp.ones(2), xp.ones(2), rtol=rtol)  # type: ignore[arg-type]
    with pytest.raises(error, match=match.replace("rtol", "atol")):
        assert_close(xp.ones(2), xp.ones(2), atol=rtol)  # type: ignore[arg-type]


# -- the traceback ends in the test ---------------------------------------------------------


def test_the_traceback_hides_polyarray_testing(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import polyarray as pa
        from polyarray.testing import assert_close

        def test_values():
            assert_close(pa.asarray([1.0, 2.0]), [1.0, 3.0])
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "--polyarray-backends=numpy")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*assert_close(pa.asarray(*", "E * arrays are not close*"])
    assert "polyarray/testing.py" not in result.stdout.str()
