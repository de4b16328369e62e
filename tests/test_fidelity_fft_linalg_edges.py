"""FFT, linalg, reduction and search edges the differential fuzzer found, now one answer
on every backend (issue 10, "Fidelity II"; docs/semantics.md and docs/errors.md).

The FFT functions check their arguments in one order (``norm``, then ``n``, then the
axis, then the input's dtype: ``_rules/transforms.py``); ``matrix_norm``/``vector_norm``
take ``ord=None`` as NumPy's default; ``argmin`` of a 0-d boolean array; ``diff`` with an
``n`` beyond int64 and an axis out of range; ``diagonal``/``trace`` offsets beyond int64;
``tensordot`` with None; ``searchsorted`` of a Python scalar or a complex sorted array.
Each test runs on the backend of the ``backend`` fixture.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import errors

ONE_AXIS = ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"]
N_AXES = ["fftn", "ifftn", "rfftn", "irfftn"]
BAD_NORMS = ["", "bad", "ORTHO", 5, 1.5, b"ortho", ["ortho"]]


def _transform(name: str) -> Callable[..., Any]:
    return getattr(pa.fft, name)  # type: ignore[no-any-return]


# -- FFT: an invalid norm is refused before anything else ----------------------------------


@pytest.mark.parametrize("norm", BAD_NORMS, ids=repr)
@pytest.mark.parametrize("name", ONE_AXIS)
def test_one_axis_ffts_refuse_a_bad_norm_first(backend: Any, name: str, norm: Any) -> None:
    x = pa.asarray([1.0, 2.0, 3.0])
    for call in (
        lambda: _transform(name)(x, norm=norm),
        lambda: _transform(name)(2.0, norm=norm),  # a Python scalar: no axis to transform
        lambda: _transform(name)(pa.asarray(1.0), norm=norm, n=0),  # also before n
        lambda: _transform(name)(x, norm=norm, axis=5),  # and before the axis
    ):
        with pytest.raises(ValueError, match="norm must be 'backward', 'ortho' or 'forward'"):
            call()


@pytest.mark.parametrize("norm", BAD_NORMS, ids=repr)
@pytest.mark.parametrize("name", N_AXES)
def test_n_axes_ffts_refuse_a_bad_norm_without_axes_too(backend: Any, name: str, norm: Any) -> None:
    # NumPy returned the input unchanged for axes=() (and 0-d input) without a look at norm.
    for x, kwargs in [
        (pa.asarray([[1 + 1j], [2j]]), {"axes": ()}),
        (pa.asarray(1.0), {}),
        (pa.asarray([1.0, 2.0]), {"axes": (0,)}),
    ]:
        with pytest.raises(ValueError, match="norm must be"):
            _transform(name)(x, norm=norm, **kwargs)


@pytest.mark.parametrize("norm", ["backward", "ortho", "forward", None, np.str_("ortho")])
def test_ffts_take_the_standards_norms(backend: Any, norm: Any) -> None:
    result = pa.fft.fft(pa.asarray([1.0, 2.0]), norm=norm)
    assert pa.to_numpy(result).dtype == np.complex64
    assert pa.to_numpy(pa.fft.fftn(pa.asarray([1.0]), axes=(), norm=norm)).tolist() == [1.0]


# -- FFT: n before the axis, the axis before the dtype -------------------------------------


@pytest.mark.parametrize("n", [0, -1, -3])
@pytest.mark.parametrize("name", ONE_AXIS)
def test_a_bad_n_is_reported_before_the_axis(backend: Any, name: str, n: int) -> None:
    # NumPy: ValueError (n first); torch: AxisError (the axis first).
    for x, axis in [(pa.asarray(1.0), -1), (pa.asarray([1.0, 2.0]), 3), (-1.0, -1)]:
        with pytest.raises(ValueError, match="number of FFT points must be at least 1"):
            _transform(name)(x, n=n, axis=axis)


@pytest.mark.parametrize("n", [2**63, 2**64, -(2**63) - 1])
@pytest.mark.parametrize("name", ONE_AXIS)
def test_an_n_beyond_int64_is_reported_before_the_axis(backend: Any, name: str, n: int) -> None:
    for x, axis in [(pa.asarray(1.0), -1), (pa.asarray([1.0, 2.0]), 3), (pa.asarray([1.0]), -1)]:
        with pytest.raises(errors.ScalarOverflowError):
            _transform(name)(x, n=n, axis=axis)


@pytest.mark.parametrize("name", ONE_AXIS)
def test_the_axis_is_checked_after_n(backend: Any, name: str) -> None:
    with pytest.raises(errors.AxisError):
        _transform(name)(pa.asarray(1.0), n=4)
    with pytest.raises(errors.ScalarOverflowError):
        _transform(name)(pa.asarray([1.0, 2.0]), n=4, axis=2**63)
    with pytest.raises(ValueError, match="at least 1"):  # (n first, before the huge axis)
        _transform(name)(pa.asarray([1.0, 2.0]), n=0, axis=2**63)


@pytest.mark.parametrize("name", ["rfft", "ihfft"])
def test_real_transforms_report_the_axis_before_complex_input(backend: Any, name: str) -> None:
    # torch looked at the dtype first ("complex input"), NumPy at the axis.
    for x, kwargs in [
        (pa.asarray(1j), {}),
        (complex("nan+nanj"), {}),
        (pa.asarray([1j]), {"axis": 2}),
    ]:
        with pytest.raises(errors.AxisError):
            _transform(name)(x, **kwargs)
    with pytest.raises(TypeError, match="transforms real input"):
        _transform(name)(pa.asarray([1j, 2j]))


@pytest.mark.parametrize("name", ONE_AXIS)
def test_ffts_with_valid_n_still_work(backend: Any, name: str) -> None:
    x = pa.asarray([1.0, 2.0, 3.0, 4.0])
    expected = getattr(np.fft, name)(np.asarray([1.0, 2.0, 3.0, 4.0]), n=6, norm="ortho")
    result = pa.to_numpy(_transform(name)(x, n=np.int64(6), axis=np.int64(0), norm="ortho"))
    assert result.shape == expected.shape
    np.testing.assert_allclose(result, expected, rtol=1e-5, atol=1e-5)


# -- linalg norms with ord=None ------------------------------------------------------------


@pytest.mark.parametrize("keepdims", [False, True, np.True_, np.False_])
def test_matrix_norm_takes_ord_none_as_frobenius(backend: Any, keepdims: Any) -> None:
    # torch raised a raw TypeError ("invalid combination of arguments").
    x = pa.asarray([[[1.0, 2.0], [3.0, 4.0]], [[0.0, 0.0], [0.0, 5.0]]])
    result = pa.to_numpy(pa.linalg.matrix_norm(x, ord=None, keepdims=keepdims))
    expected = pa.to_numpy(pa.linalg.matrix_norm(x, ord="fro", keepdims=bool(keepdims)))
    assert result.shape == ((2, 1, 1) if keepdims else (2,))
    assert result.dtype == np.float32
    np.testing.assert_allclose(result, expected, rtol=1e-6)
    np.testing.assert_allclose(result.ravel(), [30**0.5, 5.0], rtol=1e-6)


def test_vector_norm_takes_ord_none_as_the_2_norm(backend: Any) -> None:
    x = pa.asarray([[3.0, 4.0], [0.0, 0.0]])
    result = pa.to_numpy(pa.linalg.vector_norm(x, ord=None, axis=1, keepdims=np.True_))
    assert result.tolist() == [[5.0], [0.0]]
    assert float(pa.to_numpy(pa.linalg.vector_norm(x, ord=None))) == 5.0


@pytest.mark.parametrize("order", [complex("-inf"), 2 + 0j, 1j])
def test_vector_norm_refuses_complex_orders(backend: Any, order: complex) -> None:
    # NumPy: a raw TypeError (or a value), torch: RuntimeError, or the 2-norm for 2 + 0j.
    for x, kwargs in [
        (pa.asarray([1.0]), {}),
        (pa.asarray([], dtype=pa.float32), {"axis": (0,)}),
        (pa.asarray(0.0), {"keepdims": True}),
    ]:
        with pytest.raises(TypeError, match="ord must be a real number"):
            pa.linalg.vector_norm(x, ord=order, **kwargs)


def test_vector_norm_reports_an_axis_of_an_empty_array(backend: Any) -> None:
    # NumPy raised a raw IndexError for a negative order over an empty array.
    with pytest.raises(errors.AxisError):
        pa.linalg.vector_norm(pa.asarray([], dtype=pa.float32), axis=-2, ord=-math.inf)


# -- argmin/argmax of 0-d booleans ---------------------------------------------------------


@pytest.mark.parametrize("value", [True, False])
@pytest.mark.parametrize("name", ["argmin", "argmax"])
def test_arg_reductions_of_0d_booleans(backend: Any, name: str, value: bool) -> None:
    # torch's argmin raised RuntimeError ("does not support bool input").
    x = pa.asarray(value)
    for kwargs in [{}, {"axis": None}, {"keepdims": True}]:
        result = pa.to_numpy(getattr(pa, name)(x, **kwargs))
        assert result.dtype == np.int64
        assert result.shape == ()
        assert int(result) == 0


# -- int arguments beyond int64 ------------------------------------------------------------


@pytest.mark.parametrize("n", [2**63, 2**64])
def test_diff_reports_the_axis_before_a_huge_n(backend: Any, n: int) -> None:
    # NumPy: AxisError; torch: ScalarOverflowError for the n it cannot take.
    x = pa.asarray([[1, 2, 3]])
    for axis in (5, -3):
        with pytest.raises(errors.AxisError):
            pa.diff(x, n=n, axis=axis)
    with pytest.raises(errors.ScalarOverflowError):
        pa.diff(x, n=n, axis=2**63)
    result = pa.to_numpy(pa.diff(x, n=n))  # empty differences, at once
    assert result.shape == (1, 0)
    assert result.dtype == np.int64


def test_diff_checks_the_axis_then_n_then_the_edges(backend: Any) -> None:
    x = pa.asarray([[1, 2, 3]])
    # n=0: NumPy returned x without a look at the axis; torch checked it.
    with pytest.raises(errors.AxisError):
        pa.diff(x, n=0, axis=5)
    with pytest.raises(errors.ScalarOverflowError):
        pa.diff(x, n=0, axis=-(2**63) - 1)
    # The axis of a 0-d array before the type of n (torch looked at n first).
    for x0 in (pa.asarray(1j), 1j):
        with pytest.raises(errors.AxisError):
            pa.diff(x0, axis=2, n=None)  # type: ignore[arg-type]
    # A negative n before the edges (torch: only beyond int64).
    for n in (-1, -(2**63) - 1):
        with pytest.raises(errors.NegativeSizeError):
            pa.diff(x, n=n, append="bad")
    assert pa.to_numpy(pa.diff(x, n=0)).tolist() == [[1, 2, 3]]


@pytest.mark.parametrize("offset", [2**63, -(2**63) - 1, 2**64, -(2**70)])
@pytest.mark.parametrize("dtype", ["int16", "uint16", "float32"])
def test_diagonal_and_trace_offsets_beyond_int64(backend: Any, dtype: str, offset: int) -> None:
    # NumPy gave the empty diagonal; torch raised ScalarOverflowError.
    x = pa.asarray(np.asarray([[1, 2, 3], [4, 5, 6]], dtype=dtype))
    diagonal = pa.to_numpy(pa.linalg.diagonal(x, offset=offset))
    assert diagonal.shape == (0,)
    assert diagonal.dtype == np.dtype(dtype)
    assert pa.to_numpy(pa.linalg.trace(x, offset=offset)).tolist() == 0
    with pytest.raises(errors.LinAlgError):  # (a 1-d array is no matrix, whatever the offset)
        pa.linalg.diagonal(pa.asarray([1, 2]), offset=offset)


# -- tensordot with None -------------------------------------------------------------------


@pytest.mark.parametrize("axes", [2, 0, 1, 2**64, 1.5, ((0,), (0,))], ids=repr)
@pytest.mark.parametrize("shape", [(), (2,), (1, 2)])
def test_tensordot_refuses_none_before_the_axes(
    backend: Any, shape: tuple[int, ...], axes: Any
) -> None:
    # torch looked at the axes first: AxisError, ScalarOverflowError or TypeError.
    x = pa.asarray(np.ones(shape, dtype=np.float32))
    with pytest.raises(TypeError, match="NoneType"):
        pa.tensordot(x, None, axes=axes)
    with pytest.raises(TypeError, match="NoneType"):
        pa.tensordot(None, x, axes=axes)


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_tensordot_over_no_axes_multiplies_each_pair(backend: Any) -> None:
    # NumPy's float32 tensordot went through BLAS, which skipped the zeros: inf * 0 gave 0.
    x1 = pa.asarray(np.asarray([[np.inf], [0.0], [2.0]], dtype=np.float32))
    x2 = pa.asarray(np.asarray([[0.0]], dtype=np.float32))
    result = pa.to_numpy(pa.tensordot(x1, x2, axes=0))
    assert result.shape == (3, 1, 1, 1)
    assert result.dtype == np.float32
    assert np.isnan(result[0]).all()
    assert result.ravel()[1:].tolist() == [0.0, 0.0]


# -- searchsorted of a Python scalar or complex numbers ------------------------------------


@pytest.mark.parametrize("sorted_values", [1.0, True, 3, 0.5])
def test_searchsorted_refuses_a_scalar_sorted_argument(backend: Any, sorted_values: Any) -> None:
    # torch raised AttributeError ("'float' object has no attribute 'dtype'").
    for x2 in (pa.asarray([0.5, 1.0]), 2.0):
        with pytest.raises(ValueError, match="searches a 1-d sorted array"):
            pa.searchsorted(sorted_values, x2)


@pytest.mark.parametrize(
    ("x1", "x2", "kwargs"),
    [
        (complex("nan+nanj"), 381, {"sorter": 0}),
        (1j, [1.0], {}),
        ([[1.0, 2.0]], 1j, {}),  # a complex value with a sorted array that is not 1-d
        ([1j, 2j], [1.0], {"side": "middle"}),
        ([1.0, 2.0], 1j, {}),
    ],
    ids=["nan-scalar", "complex-scalar", "2d-and-complex", "bad-side", "complex-value"],
)
def test_searchsorted_refuses_complex_numbers_before_the_shape(
    backend: Any, x1: Any, x2: Any, kwargs: dict[str, Any]
) -> None:
    # NumPy's order (the dtype, then the shape and side); torch said ValueError first.
    x1 = pa.asarray(x1) if isinstance(x1, list) else x1
    x2 = pa.asarray(x2) if isinstance(x2, list) else x2
    with pytest.raises(TypeError, match="is defined for real numbers"):
        pa.searchsorted(x1, x2, **kwargs)


def test_searchsorted_of_arrays_still_works(backend: Any) -> None:
    result = pa.to_numpy(pa.searchsorted(pa.asarray([1.0, 2.0, 3.0]), pa.asarray([2.5, 0.0])))
    assert result.tolist() == [2, 0]
    assert result.dtype == np.int64
