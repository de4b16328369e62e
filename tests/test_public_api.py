"""The public namespace is exactly the name table, and importing it is cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import polyarray as pa
from polyarray import _names

# The Python Array API standard (2024.12) main namespace, written out independently of the
# table so that a name dropped from the table is caught.
STANDARD = {
    "e",
    "inf",
    "nan",
    "newaxis",
    "pi",
    "arange",
    "asarray",
    "empty",
    "empty_like",
    "eye",
    "from_dlpack",
    "full",
    "full_like",
    "linspace",
    "meshgrid",
    "ones",
    "ones_like",
    "tril",
    "triu",
    "zeros",
    "zeros_like",
    "astype",
    "can_cast",
    "finfo",
    "iinfo",
    "isdtype",
    "result_type",
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float32",
    "float64",
    "complex64",
    "complex128",
    "abs",
    "acos",
    "acosh",
    "add",
    "asin",
    "asinh",
    "atan",
    "atan2",
    "atanh",
    "bitwise_and",
    "bitwise_left_shift",
    "bitwise_invert",
    "bitwise_or",
    "bitwise_right_shift",
    "bitwise_xor",
    "ceil",
    "clip",
    "conj",
    "copysign",
    "cos",
    "cosh",
    "divide",
    "equal",
    "exp",
    "expm1",
    "floor",
    "floor_divide",
    "greater",
    "greater_equal",
    "hypot",
    "imag",
    "isfinite",
    "isinf",
    "isnan",
    "less",
    "less_equal",
    "log",
    "log1p",
    "log2",
    "log10",
    "logaddexp",
    "logical_and",
    "logical_not",
    "logical_or",
    "logical_xor",
    "maximum",
    "minimum",
    "multiply",
    "negative",
    "nextafter",
    "not_equal",
    "positive",
    "pow",
    "real",
    "reciprocal",
    "remainder",
    "round",
    "sign",
    "signbit",
    "sin",
    "sinh",
    "square",
    "sqrt",
    "subtract",
    "tan",
    "tanh",
    "trunc",
    "take",
    "take_along_axis",
    "__array_namespace_info__",
    "matmul",
    "matrix_transpose",
    "tensordot",
    "vecdot",
    "broadcast_arrays",
    "broadcast_to",
    "concat",
    "expand_dims",
    "flip",
    "moveaxis",
    "permute_dims",
    "repeat",
    "reshape",
    "roll",
    "squeeze",
    "stack",
    "tile",
    "unstack",
    "argmax",
    "argmin",
    "count_nonzero",
    "nonzero",
    "searchsorted",
    "where",
    "unique_all",
    "unique_counts",
    "unique_inverse",
    "unique_values",
    "argsort",
    "sort",
    "cumulative_prod",
    "cumulative_sum",
    "max",
    "mean",
    "min",
    "prod",
    "std",
    "sum",
    "var",
    "all",
    "any",
    "diff",
}
LINALG = {
    "cholesky",
    "cross",
    "det",
    "diagonal",
    "eig",
    "eigh",
    "eigvals",
    "eigvalsh",
    "inv",
    "matmul",
    "matrix_norm",
    "matrix_power",
    "matrix_rank",
    "matrix_transpose",
    "outer",
    "pinv",
    "qr",
    "slogdet",
    "solve",
    "svd",
    "svdvals",
    "tensordot",
    "trace",
    "vecdot",
    "vector_norm",
}
FFT = {
    "fft",
    "ifft",
    "fftn",
    "ifftn",
    "rfft",
    "irfft",
    "rfftn",
    "irfftn",
    "hfft",
    "ihfft",
    "fftfreq",
    "rfftfreq",
    "fftshift",
    "ifftshift",
}


def test_all_is_the_table() -> None:
    assert pa.__all__ == _names.public_names()
    assert len(pa.__all__) == len(set(pa.__all__))


def test_the_whole_standard_is_there() -> None:
    assert set(pa.__all__) >= STANDARD
    assert set(pa.linalg.__all__) == LINALG
    assert set(pa.fft.__all__) == FFT


@pytest.mark.parametrize("name", _names.public_names())
def test_every_public_name_resolves(name: str) -> None:
    assert hasattr(pa, name)


def test_dir_lists_the_public_names() -> None:
    assert set(pa.__all__) <= set(dir(pa))


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        pa.nonexistent  # noqa: B018


def test_functions_are_named_and_documented() -> None:
    assert pa.mean.__name__ == "mean"
    assert pa.linalg.solve.__module__ == "polyarray.linalg"
    assert "Array API" in (pa.add.__doc__ or "")


def test_import_loads_no_framework() -> None:
    code = (
        "import sys, polyarray, polyarray.linalg, polyarray.fft, polyarray.random\n"
        "print(sorted(m for m in ('numpy', 'torch') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_using_numpy_does_not_import_torch() -> None:
    code = "import sys, polyarray as pa; pa.mean(pa.ones(3)); print('torch' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_results_are_native_arrays(backend: pa.Backend) -> None:
    x = pa.ones(3)
    assert type(x).__module__.split(".")[0] == backend.module
    assert pa.__array_api_version__ >= "2024.12"
