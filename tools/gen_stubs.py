"""Generate polyarray's type stubs from its name table.

polyarray builds its public functions at import time from ``polyarray._names``, so a type
checker reading the source sees none of them. This script writes ``__init__.pyi``,
``linalg.pyi`` and ``fft.pyi`` next to the modules. Everything structural comes from the
table: which names exist, in which order, and each function's parameters (names,
positional-only and keyword-only markers, defaults: ``_names.signature``). This script
adds only the *types*, chosen by parameter name (``PARAMETER_TYPES``) with a few
per-function refinements (``FUNCTION_TYPES``, ``RETURN_TYPES``). Utilities are re-exported
from the modules that define them, so their types are the real ones.

Usage::

    python tools/gen_stubs.py           # write the stubs
    python tools/gen_stubs.py --check   # exit 1 if the committed stubs are out of date

A parameter whose type this script cannot decide, or a refinement for a function or
parameter the table does not have, is an error that names it.

Arrays are typed ``_Array``, an alias of ``Any``: a polyarray function returns the native
array type of whichever backend runs it (``numpy.ndarray``, ``torch.Tensor``, ...), which
no static type can name. Dtype and device arguments are ``Any`` for the same reason
(``pa.float32``, ``"float32"``, ``float`` and native dtypes are all accepted). Everything
else (positional-only and keyword-only parameters, axes, flags, shapes) is checked.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import re
import sys
from collections.abc import Mapping
from pathlib import Path

import polyarray
from polyarray import _names
from polyarray._names import Dispatch

PACKAGE = Path(polyarray.__file__).resolve().parent
LINE_LENGTH = 100  # as in pyproject.toml's [tool.ruff]

# -- types ----------------------------------------------------------------------------------

_SCALAR = "bool | int | float | complex"
_AXES = "int | tuple[int, ...]"

#: The type of a parameter by its name, wherever it appears. ``| None`` is added where the
#: default is None, and a parameter whose default is True or False is a ``bool``.
PARAMETER_TYPES: dict[str, str] = {
    "x": "_Array",
    "x1": "_Array",
    "x2": "_Array",
    "arrays": "_Array",  # *arrays; concat and stack take a sequence (FUNCTION_TYPES)
    "indices": "_Array",
    "condition": "_Array",
    "obj": "Any",
    "dtype": "_DType",
    "device": "_Device",
    "copy": "bool",
    "shape": "tuple[int, ...]",
    "shapes": "tuple[int, ...]",
    "axis": _AXES,
    "axes": "tuple[int, ...]",
    "source": _AXES,
    "destination": _AXES,
    "shift": _AXES,
    "repeats": "int | _Array",
    "repetitions": "tuple[int, ...]",
    "k": "int",
    "n": "int",
    "num": "int",
    "offset": "int",
    "n_rows": "int",
    "n_cols": "int",
    "d": "float",
    "s": "Sequence[int]",
    "correction": "int | float",
    "fill_value": _SCALAR,
    "min": "int | float | _Array",
    "max": "int | float | _Array",
    "rtol": "float | _Array",
    "prepend": "_Array",
    "append": "_Array",
    "sorter": "_Array",
    "from_": "_DType | _Array",
    "to": "_DType",
    "type": "_DType | _Array",
    "kind": "_DType | str | tuple[_DType | str, ...]",
    "arrays_and_dtypes": f"_Array | _DType | {_SCALAR}",
    "indexing": 'Literal["xy", "ij"]',
    "side": 'Literal["left", "right"]',
    "mode": 'Literal["reduced", "complete"]',
    "norm": 'Literal["backward", "ortho", "forward"]',
}

#: Where one function's parameter differs from the type its name usually has.
FUNCTION_TYPES: dict[str, dict[str, str]] = {
    "arange": {"start": "int | float", "stop": "int | float", "step": "int | float"},
    "linspace": {"start": "int | float | complex", "stop": "int | float | complex"},
    "concat": {"arrays": "tuple[_Array, ...] | list[_Array]", "axis": "int"},
    "stack": {"arrays": "tuple[_Array, ...] | list[_Array]"},
    "where": {"x1": f"_Array | {_SCALAR}", "x2": f"_Array | {_SCALAR}"},
    "searchsorted": {"x2": "_Array | int | float"},
    "isin": {"x1": "_Array | int", "x2": "_Array | int"},
    "linalg.matrix_norm": {"ord": 'int | float | Literal["fro", "nuc"]'},
    "linalg.vector_norm": {"ord": "int | float"},
    "tensordot": {"axes": "int | tuple[Sequence[int], Sequence[int]]"},
    "linalg.tensordot": {"axes": "int | tuple[Sequence[int], Sequence[int]]"},
    **{f"fft.{name}": {"axes": "Sequence[int]"} for name in ("fftn", "ifftn", "rfftn", "irfftn")},
    "fft.fftshift": {"axes": "int | Sequence[int]"},
    "fft.ifftshift": {"axes": "int | Sequence[int]"},
    # These reduce along one axis only.
    **{
        name: {"axis": "int"}
        for name in (
            "argmax",
            "argmin",
            "max_with_indices",
            "min_with_indices",
            "take",
            "cumulative_prod",
            "cumulative_sum",
        )
    },
}

#: Return types other than one array.
RETURN_TYPES: dict[str, str] = {
    "meshgrid": "tuple[_Array, ...]",
    "broadcast_arrays": "tuple[_Array, ...]",
    "broadcast_shapes": "tuple[int, ...]",
    "unstack": "tuple[_Array, ...]",
    "nonzero": "tuple[_Array, ...]",
    "can_cast": "bool",
    "isdtype": "bool",
    # The backend's own dtype and finfo/iinfo objects, and named tuples of arrays.
    "finfo": "Any",
    "iinfo": "Any",
    "result_type": "Any",
    "unique_all": "Any",
    "unique_counts": "Any",
    "unique_inverse": "Any",
    "linalg.eigh": "Any",
    "linalg.qr": "Any",
    "linalg.slogdet": "Any",
    "linalg.svd": "Any",
    "max_with_indices": "MinMaxResult",
    "min_with_indices": "MinMaxResult",
}


def qualified_tables() -> dict[str, dict[str, Dispatch]]:
    """The function tables by module: ``""`` (``polyarray``), ``"linalg"``, ``"fft"``."""
    return {
        "": _names.standard_functions(),
        "linalg": dict(_names.LINALG_FUNCTIONS),
        "fft": dict(_names.FFT_FUNCTIONS),
    }


def _default(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return f'"{node.value}"'  # ruff format's quotes
    return ast.unparse(node)


def _parameter_type(key: str, kind: Dispatch, name: str, default: ast.expr | None) -> str:
    chosen = FUNCTION_TYPES.get(key, {}).get(name)
    if chosen is None:
        if isinstance(default, ast.Constant) and isinstance(default.value, bool):
            chosen = "bool"
        elif name in ("x1", "x2") and key in _names.STANDARD_FUNCTIONS["element-wise"]:
            chosen = f"_Array | {_SCALAR}"  # element-wise functions take Python scalars
        elif name == "shape" and kind is Dispatch.CREATE:
            chosen = "int | tuple[int, ...]"
        elif name == "axis" and isinstance(default, ast.Constant) and default.value is not None:
            chosen = "int"  # an axis with a default other than None is a single axis
        else:
            chosen = PARAMETER_TYPES.get(name)
    if chosen is None:
        raise SystemExit(
            f"{Path(__file__).name}: no type for parameter {name!r} of pa.{key}: add it to "
            "PARAMETER_TYPES (or to FUNCTION_TYPES for this function only)."
        )
    if isinstance(default, ast.Constant) and default.value is None and "None" not in chosen:
        chosen += " | None"
    return chosen


def typed_signature(key: str, kind: Dispatch) -> str:
    """``"(x: _Array, /, *, axis: ... = None) -> _Array"`` for a function of the table."""
    arguments = ast.parse(f"def f({_names.signature(key)}): ...").body[0].args  # type: ignore[attr-defined]
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults))
    defaults += arguments.defaults

    def typed(argument: ast.arg, default: ast.expr | None, star: str = "") -> str:
        text = f"{star}{argument.arg}: {_parameter_type(key, kind, argument.arg, default)}"
        return text if default is None else f"{text} = {_default(default)}"

    parts = [typed(a, d) for a, d in zip(positional, defaults, strict=True)]
    if arguments.posonlyargs:
        parts.insert(len(arguments.posonlyargs), "/")
    if arguments.vararg:
        parts.append(typed(arguments.vararg, None, "*"))
    elif arguments.kwonlyargs:
        parts.append("*")
    parts += [typed(a, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)]
    return f"({', '.join(parts)}) -> {RETURN_TYPES.get(key, '_Array')}"


def signatures() -> dict[str, str]:
    """Every function of the table -> its typed signature."""
    found = {}
    for module, table in qualified_tables().items():
        for name, kind in table.items():
            key = f"{module}.{name}" if module else name
            found[key] = typed_signature(key, kind)
    stale = sorted((set(FUNCTION_TYPES) | set(RETURN_TYPES)) - set(found))
    if stale:
        raise SystemExit(
            f"{Path(__file__).name}: types for functions the table lacks: {', '.join(stale)}."
        )
    for key, types in FUNCTION_TYPES.items():
        parameters = _names.signature(key)
        unknown = [p for p in types if not re.search(rf"(?<![\w]){p}\b", parameters)]
        if unknown:
            raise SystemExit(
                f"{Path(__file__).name}: pa.{key} has no parameter {', '.join(unknown)}."
            )
    return found


# -- writing the stubs --------------------------------------------------------------------

_HEADER = """\
# Generated by tools/gen_stubs.py from polyarray/_names.py; do not edit by hand.
# Regenerate with: python tools/gen_stubs.py
"""

_ALIASES = """
# polyarray returns the native arrays of whichever backend runs the call (numpy.ndarray,
# torch.Tensor, ...) and accepts any backend's dtypes and devices: no static type names
# them all, so these are Any.
_Array: TypeAlias = Any
_DType: TypeAlias = Any
_Device: TypeAlias = Any
"""


def _annotations(signature: str, shadowed: bool) -> str:
    # In __init__.pyi the dtype ``bool`` shadows the builtin, so annotations say builtins.bool.
    return re.sub(r"(?<![\w.\"])bool\b", "builtins.bool", signature) if shadowed else signature


def _split_parameters(parameters: str) -> list[str]:
    """Split ``"a: int, b: tuple[int, ...]"`` at the commas outside brackets."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(parameters):
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(parameters[start:i].strip())
            start = i + 1
    parts.append(parameters[start:].strip())
    return [part for part in parts if part]


def _function(name: str, signature: str) -> list[str]:
    """A stub ``def``, wrapped one parameter a line where it is too long (ruff's style)."""
    line = f"def {name}{signature}: ..."
    if len(line) <= LINE_LENGTH:
        return [line]
    parameters, _, returns = signature[1:].rpartition(") -> ")
    return [
        f"def {name}(",
        *(f"    {parameter}," for parameter in _split_parameters(parameters)),
        f") -> {returns}: ...",
    ]


def _functions(module: str, table: Mapping[str, Dispatch], sigs: dict[str, str]) -> list[str]:
    lines = []
    for name in table:
        signature = sigs[f"{module}.{name}" if module else name]
        lines += _function(name, _annotations(signature, shadowed=not module))
    return lines


def _all(names: list[str]) -> list[str]:
    return ["__all__ = [", *(f'    "{name}",' for name in names), "]"]


def _constant_type(name: str) -> str:
    value = getattr(polyarray, name)
    return "None" if value is None else type(value).__name__


def _imports(body: list[str]) -> list[str]:
    """The imports a stub body needs (generated code must pass the linters too)."""
    text = "\n".join(body)
    typing_names = [n for n in ("Any", "Literal", "TypeAlias") if re.search(rf"\b{n}\b", text)]
    return [
        *(["import builtins"] if "builtins." in text else []),
        *(["from collections.abc import Sequence"] if "Sequence[" in text else []),
        f"from typing import {', '.join(typing_names)}",
    ]


def render_init(sigs: dict[str, str]) -> str:
    # Re-exported from where they are defined, so their types are the real ones; sorted
    # as ruff's isort sorts them.
    sources = [("polyarray", name) for name in _names.SUBMODULES] + [
        (module, name) for name, module in _names.UTILITIES.items()
    ]
    reexports = [
        f"from {module} import {name} as {name}"
        for module, name in sorted(sources, key=lambda item: (item[0], item[1].lower()))
    ]
    body = [
        _ALIASES,
        *_all(_names.public_names()),
        "",
        "__version__: str",
        "__array_api_version__: str",
        "",
        *(f"{name}: DType" for name in _names.DTYPES),
        "",
        *(f"{name}: {_constant_type(name)}" for name in _names.CONSTANTS),
    ]
    for chapter, table in [
        *_names.STANDARD_FUNCTIONS.items(),
        ("polyarray's own functions", _names.POLYARRAY_FUNCTIONS),
    ]:
        body += ["", f"# {chapter}", "", *_functions("", table, sigs)]
    return "\n".join([_HEADER, *_imports(body), "", *reexports, *body]) + "\n"


def render_extension(module: str, sigs: dict[str, str]) -> str:
    table = qualified_tables()[module]
    body = [_ALIASES, *_all(list(table)), "", *_functions(module, table, sigs)]
    return "\n".join([_HEADER, *_imports(body), *body]) + "\n"


def stubs() -> dict[Path, str]:
    """Every stub file -> its content, freshly generated."""
    sigs = signatures()
    return {
        PACKAGE / "__init__.pyi": render_init(sigs),
        PACKAGE / "linalg.pyi": render_extension("linalg", sigs),
        PACKAGE / "fft.pyi": render_extension("fft", sigs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a stub differs from the generated one"
    )
    args = parser.parse_args(argv)
    stale = []
    for path, content in stubs().items():
        current = path.read_text() if path.exists() else ""
        if current == content:
            continue
        if args.check:
            stale.append(path)
            sys.stdout.writelines(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    content.splitlines(keepends=True),
                    f"{path.name} (committed)",
                    f"{path.name} (generated)",
                )
            )
        else:
            path.write_text(content)
            print(f"wrote {path}")
    if stale:
        names = ", ".join(p.name for p in stale)
        print(f"\n{names} out of date: run python tools/gen_stubs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
