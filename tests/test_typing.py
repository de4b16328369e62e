"""The public namespace is generated from the name table, typed, and has the standard's
signatures."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import sys
from pathlib import Path
from types import ModuleType

import pytest

import polyarray as pa
from polyarray import _names

ROOT = Path(__file__).resolve().parents[1]


sys.path.insert(0, str(ROOT / "tools"))  # the generator's modules import each other
import api_types  # noqa: E402
import gen_api  # noqa: E402


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(path.stem, module)
    spec.loader.exec_module(module)
    return module


def test_the_committed_namespace_is_the_generated_one() -> None:
    for path, content in gen_api.files().items():
        assert path.exists(), f"{path.name} is missing: run python tools/gen_api.py"
        assert path.read_text() == content, (
            f"{path.name} is out of date with polyarray/_names.py or tools/docstrings/: "
            "run python tools/gen_api.py"
        )


def module_functions(module: ModuleType) -> set[str]:
    return {
        name
        for name, value in vars(module).items()
        if inspect.isfunction(value)
        and value.__module__ == module.__name__
        and not (name.startswith("__") and name.endswith("__"))  # (__dir__)
    }


def test_the_namespaces_declare_every_public_name() -> None:
    assert pa.__all__ == _names.public_names()
    assert pa.linalg.__all__ == list(_names.LINALG_FUNCTIONS)
    assert pa.fft.__all__ == list(_names.FFT_FUNCTIONS)
    assert module_functions(pa.linalg) == set(_names.LINALG_FUNCTIONS)
    assert module_functions(pa.fft) == set(_names.FFT_FUNCTIONS)


def test_every_function_of_the_table_is_typed() -> None:
    # A new function whose parameters have known names needs nothing but its table entry.
    assert set(api_types.signatures()) == set(_names.functions())


def test_a_parameter_without_a_type_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    table = api_types._names
    real = table.signature
    monkeypatch.setattr(
        table, "signature", lambda key: "x, /, *, weights=None" if key == "mean" else real(key)
    )
    with pytest.raises(SystemExit, match=r"no type for parameter 'weights' of pa\.mean"):
        api_types.signatures()


def test_types_for_a_function_the_table_lacks_are_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(api_types.FUNCTION_TYPES, "linalg.frobnicate", {"x": "_Array"})
    with pytest.raises(SystemExit, match=r"functions the table lacks: linalg\.frobnicate"):
        api_types.signatures()


def test_types_for_a_parameter_the_function_lacks_are_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(api_types.FUNCTION_TYPES, "mean", {"weights": "_Array"})
    with pytest.raises(SystemExit, match=r"pa\.mean has no parameter weights"):
        api_types.signatures()


def parameter_kinds(signature: str) -> list[tuple[str, str]]:
    arguments = ast.parse(f"def f{signature}: ...").body[0].args  # type: ignore[attr-defined]
    kinds = [(a.arg, "POSITIONAL_ONLY") for a in arguments.posonlyargs]
    kinds += [(a.arg, "POSITIONAL_OR_KEYWORD") for a in arguments.args]
    kinds += [(arguments.vararg.arg, "VAR_POSITIONAL")] if arguments.vararg else []
    kinds += [(a.arg, "KEYWORD_ONLY") for a in arguments.kwonlyargs]
    return kinds


def test_the_types_have_the_runtime_signatures() -> None:
    for key, signature in api_types.signatures().items():
        owner: object = pa
        for part in key.split("."):
            owner = getattr(owner, part)
        runtime = inspect.signature(owner)  # type: ignore[arg-type]
        expected = [(p.name, p.kind.name) for p in runtime.parameters.values()]
        # **habits (NumPy's and torch's keywords, refused with polyarray's name) is added
        # by tools/gen_api.py to the typed signature.
        expected = [e for e in expected if e != ("habits", "VAR_KEYWORD")]
        assert parameter_kinds(signature) == expected, key


# Where polyarray's table knowingly differs from array-api-strict's signatures, and why.
# None today: the table follows the 2025.12 revision, as array-api-strict does (polyarray
# keeps expand_dims' old default, axis=0, which changes no parameter's kind).
DEVIATIONS: dict[str, list[tuple[str, str]]] = {}


def test_the_signatures_are_the_standards() -> None:
    # array-api-strict is the reference implementation of the standard; comparing against
    # it catches a mistyped parameter name or kind in SIGNATURES.
    strict = pytest.importorskip("array_api_strict")
    for key, signature in api_types.signatures().items():
        owner = strict
        *modules, name = key.split(".")
        for module in modules:
            owner = getattr(owner, module)
        if key in _names.POLYARRAY_FUNCTIONS:
            continue
        if modules == ["linalg"] and name in _names.LINALG_OWN_FUNCTIONS:
            continue  # polyarray's own too (lstsq): the standard has no signature for it
        reference = inspect.signature(getattr(owner, name))
        expected = [(p.name, p.kind.name) for p in reference.parameters.values()]
        assert parameter_kinds(signature) == DEVIATIONS.get(key, expected), key


def test_the_typed_usage_example_runs(backend: pa.Backend) -> None:
    usage = load(ROOT / "tests" / "typing" / "usage.py")
    usage.main()
