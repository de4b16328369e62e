"""Views and copies: one rule on every backend (docs/semantics.md, "Views and copies").

Whether writing into a result changed its input differed by backend: torch's positive and
conj of real arrays, NumPy's diff(n=0) and matrix_power(x, 1) returned the input itself;
flip is a view on NumPy and a copy on torch; broadcast_to and linalg.diagonal are
read-only views on NumPy and writable ones on torch; torch's from_dlpack and buffer reader
shared read-only NumPy memory in writable tensors (issue 10).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from writes import try_write


def values(x: Any) -> np.ndarray:
    return np.array(pa.to_numpy(x))  # a copy: a snapshot of the values


_DTYPES = ["bool", "uint8", "uint16", "int64", "float32", "complex64"]

#: Functions that compute: their result is new memory on every backend (rule 1).
_COMPUTING: dict[str, Callable[[Any], Any]] = {
    "positive": pa.positive,  # torch returned x itself
    "conj": pa.conj,  # torch returned a real x itself
    "abs": pa.abs,
    "negative": pa.negative,
    "clip": pa.clip,
    "round": pa.round,
    "sign": pa.sign,
    "sort": lambda x: pa.sort(pa.reshape(x, (-1,))),
    "take": lambda x: pa.take(x, pa.asarray([0]), axis=0),
    "where": lambda x: pa.where(True, x, x),
    "diff n=0": lambda x: pa.diff(x, n=0),  # NumPy returned x itself
    "matrix_power 1": lambda x: pa.linalg.matrix_power(x[:2, :2], 1),  # NumPy: x itself
    "astype": lambda x: pa.astype(x, x.dtype),
    "asarray copy": lambda x: pa.asarray(x, copy=True),
    "sum axis=()": lambda x: pa.sum(x, axis=()),
    "max axis=()": lambda x: pa.max(x, axis=()),
    "roll 0": lambda x: pa.roll(x, 0),
    "tile": lambda x: pa.tile(x, (1, 1)),
    "concat": lambda x: pa.concat([x]),
    "tril": lambda x: pa.tril(x, k=5),
    "reshape copy": lambda x: pa.reshape(x, (-1,), copy=True),
}

#: Functions that may return views (rule 2), with the ones that may return x itself.
_VIEWS: dict[str, Callable[[Any], Any]] = {
    "reshape": lambda x: pa.reshape(x, (-1,)),
    "permute_dims": lambda x: pa.permute_dims(x, (1, 0)),
    "matrix_transpose": pa.matrix_transpose,
    "expand_dims": lambda x: pa.expand_dims(x, axis=0),
    "squeeze": lambda x: pa.squeeze(x, axis=()),
    "moveaxis": lambda x: pa.moveaxis(x, 0, 1),
    "unstack": lambda x: pa.unstack(x)[0],
    "flip": pa.flip,
    "broadcast_to": lambda x: pa.broadcast_to(x, (2, *x.shape)),
    "broadcast_arrays": lambda x: pa.broadcast_arrays(x, pa.zeros((2, 1, 1)))[0],
    "meshgrid": lambda x: pa.meshgrid(x[0], x[1])[0],
    "diagonal": pa.linalg.diagonal,
    "real": pa.real,
    "imag": pa.imag,
    "astype copy=False": lambda x: pa.astype(x, x.dtype, copy=False),
    "asarray": pa.asarray,
}
_MAY_BE_X_ITSELF = frozenset({"squeeze", "real", "astype copy=False", "asarray"})


_ELEMENTS = [[1, 5, 2], [3, 1, 4]]


def _write_into(result: Any) -> None:
    try_write(result, (0,) * result.ndim, 0)


def _supported(function: Callable[[Any], Any], x: Any) -> Any:
    try:
        return function(x)
    except (TypeError, RuntimeError, NotImplementedError, ValueError) as exc:
        # Functions some dtypes do not have (positive of bool, round of complex...):
        # the same on every backend, as other tests check.
        pytest.skip(f"not defined for {x.dtype}: {exc}")


@pytest.mark.parametrize("dtype", _DTYPES)
@pytest.mark.parametrize("name", sorted(_COMPUTING))
def test_computing_functions_return_new_memory(backend: pa.Backend, name: str, dtype: str) -> None:
    x = pa.asarray(_ELEMENTS, dtype=getattr(pa, dtype))
    before = values(x)
    result = _supported(_COMPUTING[name], x)
    # (An immutable JAX array may be its own result: nothing can write into it.)
    assert result is not x or not backend.capabilities.writable
    _write_into(result)
    assert values(x).tolist() == before.tolist()


@pytest.mark.parametrize("dtype", _DTYPES)
@pytest.mark.parametrize("name", sorted(_VIEWS))
def test_views_never_change_a_read_only_input(backend: pa.Backend, name: str, dtype: str) -> None:
    source = np.asarray(_ELEMENTS, dtype=dtype)
    source.flags.writeable = False
    x = pa.asarray(source)  # the array itself on NumPy, a copy on torch (rule 3)
    result = _supported(_VIEWS[name], x)
    if result is x:
        assert name in _MAY_BE_X_ITSELF
    _write_into(result)
    assert source.tolist() == np.asarray(_ELEMENTS, dtype=dtype).tolist()


@pytest.mark.parametrize("name", sorted(_COMPUTING))
def test_computing_functions_never_change_a_read_only_input(backend: pa.Backend, name: str) -> None:
    source = np.asarray(_ELEMENTS, dtype=np.float32)
    source.flags.writeable = False
    _write_into(_supported(_COMPUTING[name], pa.asarray(source)))
    assert source.tolist() == _ELEMENTS


@pytest.mark.parametrize(
    "share",
    [
        lambda source: pa.from_dlpack(source),
        lambda source: pa.asarray(memoryview(source)),
        lambda source: pa.to_backend(source, pa.get_backend()),
    ],
    ids=["from_dlpack", "memoryview", "to_backend"],
)
def test_read_only_memory_is_copied_when_it_crosses(
    backend: pa.Backend, share: Callable[[Any], Any]
) -> None:
    # torch's from_dlpack and its buffer reader shared it in a writable tensor.
    source = np.arange(3.0)
    source.flags.writeable = False
    _write_into(share(source))
    assert source.tolist() == [0.0, 1.0, 2.0]
    if backend.name != "numpy":
        with pytest.raises(ValueError, match="read-only"):
            pa.from_dlpack(source, copy=False)
