"""The static types of polyarray's public functions, chosen by parameter name.

Everything structural comes from the name table (which functions exist, their parameters,
positional-only and keyword-only markers, defaults: ``polyarray._names.signature``); this
module adds only the *types*, by parameter name (``PARAMETER_TYPES``) with a few
per-function refinements (``FUNCTION_TYPES``, ``RETURN_TYPES``). A parameter whose type
cannot be decided, or a refinement for a function or parameter the table does not have,
is an error that names it.

Arrays are typed ``_Array``, an alias of ``Any``: a polyarray function returns the native
array type of whichever backend runs it (``numpy.ndarray``, ``torch.Tensor``, ...), which
no static type can name. Dtype and device arguments are ``Any`` for the same reason
(``pa.float32``, ``"float32"``, ``float`` and native dtypes are all accepted). Everything
else (positional-only and keyword-only parameters, axes, flags, shapes) is checked.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from name_table import names as _names

Dispatch = _names.Dispatch


# -- types ----------------------------------------------------------------------------------

_SCALAR = "bool | int | float | complex"
_AXES = "int | tuple[int, ...]"
_QUANTILE_METHODS = 'Literal["linear", "lower", "higher", "nearest", "midpoint"]'

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
    "a": f"_Array | {_SCALAR}",
    "b": f"_Array | {_SCALAR}",
    "atol": "float",
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
    "isclose": {"rtol": "float"},
    # The levels of quantile/percentile: a number, a sequence of them, or an array.
    **{
        name: {"q": "float | Sequence[float] | _Array", "method": _QUANTILE_METHODS}
        for name in ("quantile", "percentile")
    },
    "pad": {
        "pad_width": "int | Sequence[int] | Sequence[Sequence[int]]",
        "mode": 'Literal["constant", "edge", "reflect", "symmetric", "wrap"]',
        "constant_values": _SCALAR,
    },
    "allclose": {"rtol": "float"},
    "einsum": {"subscripts": "str", "operands": f"_Array | {_SCALAR}"},
    "one_hot": {"num_classes": "int"},
    "split": {"indices_or_sections": "int | Sequence[int]"},
    "linalg.matrix_norm": {"ord": 'int | float | Literal["fro", "nuc"]'},
    "linalg.vector_norm": {"ord": "int | float"},
    "linalg.lstsq": {"a": "_Array", "b": "_Array", "rcond": "float | None"},
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
            "nanargmax",
            "nanargmin",
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
    "allclose": "bool",
    "max_with_indices": "MinMaxResult",
    "min_with_indices": "MinMaxResult",
    "top_k": "TopKResult",
    "linalg.lstsq": "LstsqResult",
    "split": "list[_Array]",
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


#: Keywords of the standard that NumPy and PyTorch spell otherwise (``ddof``, ``dim``,
#: ``keepdim``): a function with one of them also takes ``**habits``, empty in every
#: correct call, so that a habit gets an error naming polyarray's keyword
#: (``polyarray._habits.keyword_error``). Python raises its own TypeError, before any of
#: the function's code runs, otherwise. It costs about 10 ns a call (the empty dict).
#: Typed ``NoReturn`` (the bottom type, ``Never``): a type checker still rejects every
#: keyword beyond the standard's.
HABIT_KEYWORDS = frozenset({"axis", "keepdims", "correction"})


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
    if HABIT_KEYWORDS & {a.arg for a in arguments.kwonlyargs}:
        parts.append("**habits: NoReturn")
    return f"({', '.join(parts)}) -> {RETURN_TYPES.get(key, '_Array')}"


def signatures() -> dict[str, str]:
    """Every function of the table -> its typed signature."""
    found = {key: typed_signature(key, kind) for key, kind in _names.functions().items()}
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
