"""The public namespace is exactly the name table, and importing it is cheap."""

from __future__ import annotations

import inspect
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

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
    # the standard's, and polyarray's own additions (lstsq), which are not the standard's
    assert set(pa.linalg.__all__) == LINALG | _names.LINALG_OWN_FUNCTIONS
    assert not LINALG & _names.LINALG_OWN_FUNCTIONS
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


def _public(name: str) -> Any:
    owner: Any = pa
    for part in name.split("."):
        owner = getattr(owner, part)
    return owner


@pytest.mark.parametrize("name", list(_names.functions()))
def test_every_function_has_source_in_a_real_file(name: str) -> None:
    function = _public(name)
    source = inspect.getsource(function)
    assert source.startswith(f"def {name.rpartition('.')[2]}("), name
    filename = Path(function.__code__.co_filename)
    assert filename.is_file(), f"pa.{name} is defined in {filename}, which is not a file"
    assert filename.parent.name in ("_api", "polyarray"), filename


def test_a_traceback_names_the_public_functions_file_and_line(backend: pa.Backend) -> None:
    # A mistake deep in a backend still shows the line of pa.reshape that made the call.
    with pytest.raises(pa.errors.ReshapeError) as info:
        pa.reshape(pa.ones(6), (4, 2))
    frames = [(Path(f.filename).name, f.name) for f in traceback.extract_tb(info.tb)]
    assert ("manipulation.py", "reshape") in frames


def test_import_loads_no_framework() -> None:
    code = (
        "import sys, polyarray, polyarray.linalg, polyarray.fft, polyarray.random\n"
        "print(sorted(m for m in ('numpy', 'torch') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_first_numpy_result_imports_only_what_it_needs() -> None:
    # Entry points (importlib.metadata) are read only for plug-ins; array-api-compat's
    # NumPy namespace pulls in numpy.f2py, numpy.testing and numpy.ma.
    code = (
        "import sys\n"
        "start = set(sys.modules)\n"
        "import polyarray as pa\n"
        "pa.mean(pa.ones(3))\n"
        "heavy = ('importlib.metadata', 'array_api_compat.numpy', 'numpy.f2py', 'numpy.ma')\n"
        "print(sorted(m for m in heavy if m in set(sys.modules) - start))"
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
    assert isinstance(x, backend.array_types())
    # JAX's arrays are defined in jaxlib, its compiled half.
    assert type(x).__module__.split(".")[0] in (backend.module, f"{backend.module}lib")
    assert pa.__array_api_version__ >= "2024.12"


@pytest.mark.parametrize("name", ["numpy", "torch"])
def test_a_builtin_backend_implements_every_function_in_its_own_folder(name: str) -> None:
    # Each function is a top-level name of a chapter module of the backend's package,
    # the one the name table assigns it to (no fallback namespace fills the gaps).
    from polyarray.backends import backend_class, installed

    if not installed(name):
        pytest.skip(f"{name} is not installed")
    cls = backend_class(name)
    assert dict(cls.fallback()) == {}
    table = cls.functions()
    misplaced = {}
    for qualified in _names.functions():
        module = f"{cls.__module__}.{_names.module_of(qualified)}"
        short = qualified.rpartition(".")[2]
        if getattr(sys.modules.get(module), short, None) is not table.get(qualified):
            misplaced[qualified] = getattr(table.get(qualified), "__module__", None)
    assert not misplaced, f"not implemented in their chapter module: {misplaced}"
