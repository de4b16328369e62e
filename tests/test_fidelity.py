"""Answers that were silently wrong on one backend, now one answer on every backend.

Each case was found by differential testing (issue 10): the same call gave a value on one
backend and an error, or another value, on the other.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import numpy as np
import pytest

import polyarray as pa
from writes import try_write


def values(x: object) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


# -- indices out of range ---------------------------------------------------------------


@pytest.mark.parametrize("index", [4, -5, 100, -100])
def test_take_along_axis_refuses_an_index_out_of_range(backend: pa.Backend, index: int) -> None:
    # torch's take_along_dim wrapped them: index 4 of a length-4 axis gave element 0.
    x = pa.asarray([[10, 20, 30, 40]])
    with pytest.raises(IndexError, match="out of bounds for axis 1 with size 4"):
        pa.take_along_axis(x, pa.asarray([[index]]), axis=1)


@pytest.mark.parametrize("index", [4, -5])
@pytest.mark.parametrize("axis", [1, -1, None])
def test_take_refuses_an_index_out_of_range(
    backend: pa.Backend, index: int, axis: int | None
) -> None:
    # (without an axis, take takes a 1-d array only, as the standard says)
    x = pa.asarray([[10, 20, 30, 40]] if axis is not None else [10, 20, 30, 40])
    with pytest.raises(IndexError, match="out of bounds"):
        pa.take(x, pa.asarray([index]), axis=axis)


def test_negative_indices_in_range_count_from_the_end(backend: pa.Backend) -> None:
    x = pa.asarray([[10, 20, 30, 40]])
    assert values(pa.take_along_axis(x, pa.asarray([[-4, -1, 3]]), axis=1)).tolist() == [
        [10, 40, 40]
    ]
    assert values(pa.take(x, pa.asarray([-4, -1]), axis=1)).tolist() == [[10, 40]]


# -- clip bounds beyond an integer dtype ------------------------------------------------


@pytest.mark.parametrize(
    ("dtype", "bounds"),
    [("int8", {"min": 300}), ("uint8", {"max": -3}), ("int16", {"min": 2**20, "max": 2**21})],
)
def test_clip_refuses_a_bound_no_element_could_take(
    backend: pa.Backend, dtype: str, bounds: dict[str, int]
) -> None:
    # torch clipped nothing; NumPy raised a bare OverflowError.
    x = pa.asarray([1, 2], dtype=getattr(pa, dtype))
    with pytest.raises(pa.errors.ScalarOverflowError, match="beyond"):
        pa.clip(x, **bounds)
    assert isinstance(pa.errors.ScalarOverflowError("x"), OverflowError)


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int64"])
def test_a_bound_beyond_the_far_end_of_the_range_clips_nothing(
    backend: pa.Backend, dtype: str
) -> None:
    x = pa.asarray([1, 2], dtype=getattr(pa, dtype))
    result = pa.clip(x, -(2**70), 2**70)
    assert result.dtype == getattr(pa, dtype)
    assert values(result).tolist() == [1, 2]
    assert values(pa.clip(x, 2, 2**70)).tolist() == [2, 2]


# -- read-only memory -------------------------------------------------------------------


def _read_only() -> np.ndarray:
    source = np.arange(3.0)
    source.flags.writeable = False
    return source


def _write_into(array: object) -> None:
    try_write(array, 0, 99.0)


def test_to_backend_never_shares_read_only_memory(backend: pa.Backend) -> None:
    source = _read_only()
    _write_into(pa.to_backend(source, backend))
    assert source.tolist() == [0.0, 1.0, 2.0]


def test_asarray_never_shares_read_only_memory(backend: pa.Backend) -> None:
    source = _read_only()
    _write_into(pa.asarray(source))
    assert source.tolist() == [0.0, 1.0, 2.0]


def test_writable_memory_is_still_shared_on_the_cpu(backend: pa.Backend) -> None:
    if backend.device_name != "cpu":
        pytest.skip("zero-copy is between host memories only")
    if not backend.capabilities.writable:
        pytest.skip(f"{backend.name}'s arrays cannot be written into")
    source = np.arange(3.0)
    pa.to_backend(source, backend)[0] = 5.0
    assert source[0] == 5.0


# -- @pa.use_backend on generators and coroutines ---------------------------------------


def _kind() -> str:
    return type(pa.zeros(1)).__name__


def _other_spec(backend: pa.Backend) -> str:
    return "numpy" if backend.name != "numpy" else backend.spec


def test_use_backend_holds_in_each_step_of_a_generator(backend: pa.Backend) -> None:
    @pa.use_backend(backend)
    def kinds() -> Iterator[str]:
        sent = yield _kind()
        yield f"{_kind()}:{sent}"

    expected = _kind()  # ``backend`` is active in the test itself
    with pa.use_backend(_other_spec(backend)):
        outside = _kind()
        steps = kinds()
        assert next(steps) == expected
        assert _kind() == outside  # the caller's choice between steps
        assert steps.send("sent") == f"{expected}:sent"
        steps.close()


def test_use_backend_holds_in_a_coroutine_and_an_async_generator(backend: pa.Backend) -> None:
    @pa.use_backend(backend)
    async def kind_later() -> str:
        await asyncio.sleep(0)
        return _kind()

    @pa.use_backend(backend)
    async def kinds() -> AsyncIterator[str]:
        yield _kind()
        await asyncio.sleep(0)
        yield _kind()

    async def main() -> tuple[str, list[str], str]:
        return await kind_later(), [k async for k in kinds()], _kind()

    expected = _kind()
    with pa.use_backend(_other_spec(backend)):
        outside = _kind()
        later, steps, after = asyncio.run(main())
    assert later == expected
    assert steps == [expected, expected]
    assert after == outside


# -- integers where the function is defined on real numbers -------------------------------

TRANSFORMS = ["fft", "ifft", "fftn", "ifftn", "rfft", "irfft", "rfftn", "irfftn", "hfft", "ihfft"]
COMPLEX_OUT = {"fft", "ifft", "fftn", "ifftn", "rfft", "rfftn", "ihfft"}


@pytest.mark.parametrize("default", ["float32", "float64"])
@pytest.mark.parametrize("dtype", ["int64", "uint8", "bool"])
@pytest.mark.parametrize("name", TRANSFORMS)
def test_transforms_of_integers_are_in_the_default_float(
    backend: pa.Backend, name: str, dtype: str, default: str
) -> None:
    # NumPy computed them in float64, torch in its own default float.
    pa.set_default_float(default)
    x = pa.asarray([1, 0, 1, 1], dtype=getattr(pa, dtype))
    result = getattr(pa.fft, name)(x)
    expected = {"float32": "complex64", "float64": "complex128"}[default]
    assert result.dtype == getattr(pa, expected if name in COMPLEX_OUT else default)


FLOAT_ONLY_LINALG = {
    "cholesky": lambda m: pa.linalg.cholesky(m),
    "det": lambda m: pa.linalg.det(m),
    "eigh": lambda m: pa.linalg.eigh(m).eigenvalues,
    "eigvalsh": lambda m: pa.linalg.eigvalsh(m),
    "inv": lambda m: pa.linalg.inv(m),
    "matrix_norm": lambda m: pa.linalg.matrix_norm(m),
    "pinv": lambda m: pa.linalg.pinv(m),
    "qr": lambda m: pa.linalg.qr(m).R,
    "slogdet": lambda m: pa.linalg.slogdet(m).logabsdet,
    "svd": lambda m: pa.linalg.svd(m).S,
    "svdvals": lambda m: pa.linalg.svdvals(m),
    "vector_norm": lambda m: pa.linalg.vector_norm(m),
}


@pytest.mark.parametrize("name", sorted(FLOAT_ONLY_LINALG))
def test_linalg_of_an_integer_matrix_is_in_the_default_float(
    backend: pa.Backend, name: str
) -> None:
    # NumPy gave float64, torch raised.
    matrix = pa.asarray([[2, 1], [1, 2]])
    result = FLOAT_ONLY_LINALG[name](matrix)
    reference = FLOAT_ONLY_LINALG[name](pa.astype(matrix, pa.float64))
    assert result.dtype == pa.float32
    np.testing.assert_allclose(values(result), values(reference), rtol=1e-5, atol=1e-6)


def test_solve_promotes_by_polyarrays_rules(backend: pa.Backend) -> None:
    matrix = pa.asarray([[2, 1], [1, 2]])
    assert pa.linalg.solve(matrix, pa.asarray([3.0, 3.0])).dtype == pa.float32  # not float64
    assert pa.linalg.solve(matrix, pa.asarray([3, 3])).dtype == pa.float32
    wide = pa.linalg.solve(matrix, pa.asarray([3.0, 3.0], dtype=pa.float64))
    assert wide.dtype == pa.float64
    np.testing.assert_allclose(values(wide), [1.0, 1.0])


def test_roll_over_no_axes_changes_nothing(backend: pa.Backend) -> None:
    # torch rolled the flattened array for axis=().
    x = pa.asarray([[1, 2], [3, 4]])
    assert values(pa.roll(x, 1, axis=())).tolist() == [[1, 2], [3, 4]]


# -- non-array input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa.sum(None),  # NumPy returned None
        lambda: pa.mean("abc"),
        lambda: pa.negative(object()),
        lambda: pa.sum({1: 2}),
        lambda: pa.add(None, 1),
        lambda: pa.matmul(None, None),
    ],
    ids=["sum(None)", "mean(str)", "negative(object)", "sum(dict)", "add(None)", "matmul(None)"],
)
def test_a_non_array_argument_is_a_clear_type_error(backend: pa.Backend, call: object) -> None:
    with pytest.raises(TypeError, match="takes arrays, Python scalars"):
        call()  # type: ignore[operator]


def test_python_scalars_and_lists_still_become_arrays(backend: pa.Backend) -> None:
    assert float(pa.sum([1, 2])) == 3
    assert float(pa.add(1, 2)) == 3


@pytest.mark.parametrize("dtype", ["uint8", "uint16", "uint32", "uint64"])
def test_logical_functions_take_every_unsigned_dtype(backend: pa.Backend, dtype: str) -> None:
    # torch has no logical kernels for uint16/32/64 (NotImplementedError).
    x = pa.asarray([0, 1, 2], dtype=getattr(pa, dtype))
    y = pa.asarray([1, 0, 2], dtype=pa.uint8)
    assert values(pa.logical_not(x)).tolist() == [True, False, False]
    assert values(pa.logical_and(x, x)).tolist() == [False, True, True]
    assert values(pa.logical_or(x, y)).tolist() == [True, True, True]
    assert values(pa.logical_xor(x, y)).tolist() == [True, True, False]
