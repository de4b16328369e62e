"""pa.float32 and friends: backend-independent dtypes that compare equal to native ones."""

from __future__ import annotations

import pickle

import pytest

import polyarray as pa
from polyarray.errors import UnknownDtypeError

ALL = [getattr(pa, name) for name in pa._names.DTYPES]


@pytest.mark.parametrize("dtype", ALL, ids=str)
def test_dtype_arguments_work_on_every_backend(backend: pa.Backend, dtype: pa.DType) -> None:
    x = pa.zeros(3, dtype=dtype)
    assert x.dtype == dtype
    assert dtype == x.dtype  # both directions
    assert (x.dtype != dtype) is False


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("float32", "float32"),
        ("int16", "int16"),
        (float, "float64"),
        (int, "int64"),
        (bool, "bool"),
        (complex, "complex128"),
    ],
)
def test_strings_and_python_types(backend: pa.Backend, spelling: object, expected: str) -> None:
    assert pa.ones(2, dtype=spelling).dtype == getattr(pa, expected)
    assert pa.astype(pa.ones(2), spelling).dtype == getattr(pa, expected)


def test_native_dtypes_are_accepted(backend: pa.Backend) -> None:
    native = pa.ones(1, dtype=pa.int8).dtype
    assert pa.zeros(2, dtype=native).dtype == pa.int8


def test_dtypes_are_distinct_and_hashable() -> None:
    assert len(set(ALL)) == 13
    assert pa.float32 != pa.float64
    assert pa.float32 == "float32"
    assert repr(pa.float32) == "polyarray.float32"
    assert str(pa.uint16) == "uint16"
    assert pa.complex128.itemsize == 16
    assert pa.bool.itemsize == 1


def test_dtypes_pickle_to_the_same_object() -> None:
    assert pickle.loads(pickle.dumps(pa.float64)) is pa.float64


def test_native_dtypes_compare_before_any_polyarray_call() -> None:
    # A native dtype from an array made without polyarray still compares equal.
    import subprocess
    import sys

    code = "import numpy as np, polyarray as pa; print(np.zeros(1, np.int8).dtype == pa.int8)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize("bad", ["float128", "f4x", object(), 3.5, None.__class__])
def test_unknown_dtype_is_a_clear_type_error(backend: pa.Backend, bad: object) -> None:
    with pytest.raises(UnknownDtypeError, match="not a data type polyarray knows") as info:
        pa.zeros(2, dtype=bad)
    assert isinstance(info.value, TypeError)
    assert "pa.float32" in str(info.value)


def test_isdtype_and_result_type_take_polyarray_dtypes(backend: pa.Backend) -> None:
    assert pa.isdtype(pa.float32, "real floating")
    assert pa.isdtype(pa.int8, ("integral", pa.float64))
    assert not pa.isdtype(pa.int8, pa.float64)
    assert pa.result_type(pa.float32, pa.float64) == pa.float64
    assert pa.result_type(pa.int8, pa.int16) == pa.int16
    assert pa.can_cast(pa.int8, pa.int64)
    assert not pa.can_cast(pa.float64, "int8")
    assert pa.finfo(pa.float32).eps == pytest.approx(1.1920929e-07)
    assert pa.iinfo("int16").max == 32767


@pytest.mark.parametrize("other", [("add", {}), [1, 2], {"a": 1}, 3, None, object()])
def test_comparison_with_anything_else_is_false(other: object) -> None:
    assert (pa.float32 == other) is False
    assert (pa.float32 != other) is True
