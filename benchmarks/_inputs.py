"""Small inputs for every public function, built from its signature.

Each required parameter of a function (``polyarray._names.signature``) gets a value chosen
by the parameter's name: ``x`` an array, ``shape`` a shape, ``dtype`` a dtype, ``arrays`` a
list of three arrays, and so on (``RULES``). Arrays are float32 of shape (8, 16) with
values in [0.1, 0.9] unless the function's *flavour* says otherwise (``FLAVOURS``): int32
for the bitwise functions, bool for the logical ones, complex64 for the inverse FFTs, an
8x8 symmetric positive definite matrix for ``linalg``. The few functions whose inputs
must fit together (``squeeze`` needs an axis of size 1, ``take`` indices in range) are
written out in ``SPECIAL``. Optional parameters keep their defaults, except the keywords
in ``KEYWORDS``.

A function with a required parameter that no rule covers is an error that lists it:
every public function gets a case, none is skipped quietly.

The inputs are described, not built: :func:`inputs` gives the call's arguments as values
that :func:`render` writes as source text (``x``, ``(8, 16)``, ``np.float64``) and
:func:`build` turns into the arrays of one backend, the same values on every backend.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from polyarray import _names


@dataclass(frozen=True)
class Array:
    """An input array, bound to a name in the timed statement."""

    shape: tuple[int, ...]
    flavour: str = "float"


@dataclass(frozen=True)
class ArrayList:
    """A Python list of arrays (``concat``, ``stack``), bound to a name."""

    items: tuple[Array, ...]


@dataclass(frozen=True)
class DType:
    """A dtype, written ``pa.float64`` on polyarray's side and ``np.float64`` natively."""

    name: str


@dataclass(frozen=True)
class Bound:
    """A Python object passed by name rather than written out (``asarray``'s list)."""

    value: Any


#: Anything else (ints, floats, tuples, strings) is written out as a literal.
Value = Any


@dataclass(frozen=True)
class Inputs:
    """The arguments of one call: positional ones by parameter name, then keywords."""

    positional: tuple[tuple[str, Value], ...]
    keywords: dict[str, Value] = field(default_factory=dict)


class UncoveredError(LookupError):
    """Functions whose signature has a parameter that no rule gives a value for."""


MATRIX = (8, 16)
SQUARE = (8, 8)

#: The arrays a function takes, where they are not the default ``"float"``.
FLAVOURS: dict[str, str] = {
    **dict.fromkeys(
        [
            "bitwise_and",
            "bitwise_invert",
            "bitwise_left_shift",
            "bitwise_or",
            "bitwise_right_shift",
            "bitwise_xor",
            "iinfo",
        ],
        "int",
    ),
    **dict.fromkeys(["logical_and", "logical_not", "logical_or", "logical_xor"], "bool"),
    # complex inputs, so that the native calls are the plain ones (torch.imag refuses
    # real tensors; the standard's inverse FFTs take complex arrays)
    **dict.fromkeys(
        ["conj", "imag", "real", "fft.hfft", "fft.ifft", "fft.ifftn", "fft.irfft", "fft.irfftn"],
        "complex",
    ),
    "acosh": "above_one",
    # invertible, symmetric and positive definite: valid input for every linalg function
    **{
        f"linalg.{name}": "spd"
        for name in _names.LINALG_FUNCTIONS
        if name not in ("cross", "outer", "vector_norm")
    },
}


def _array(flavour: str) -> Array:
    return Array(SQUARE if flavour == "spd" else MATRIX, flavour)


#: The value of a required parameter, by its name, given the function's flavour.
RULES: dict[str, Callable[[str], Value]] = {
    "x": _array,
    "x1": _array,
    "x2": _array,
    "a": _array,  # isclose, allclose
    "b": _array,
    "condition": lambda _: Array(MATRIX, "bool"),
    "arrays": lambda _: ArrayList((Array(MATRIX),) * 3),
    "*arrays": lambda _: [Array((16,)), Array((8,))],
    "*arrays_and_dtypes": lambda _: [Array(MATRIX), DType("float64")],
    "*shapes": lambda _: [(8, 1), (1, 16)],
    "shape": lambda _: MATRIX,
    "fill_value": lambda _: 1.5,
    "start": lambda _: 0.0,
    "stop": lambda _: 1.0,
    "num": lambda _: 16,
    "n_rows": lambda _: 8,
    "n": lambda _: 8,
    "obj": lambda _: Bound([0.5, 1.5, 2.5]),
    "dtype": lambda _: DType("float64"),
    "type": lambda flavour: DType("int32" if flavour == "int" else "float32"),
    "from_": lambda _: DType("int32"),
    "to": lambda _: DType("int64"),
    "kind": lambda _: "real floating",
    "source": lambda _: 0,
    "destination": lambda _: -1,
    "axes": lambda _: (1, 0),
    "repeats": lambda _: 2,
    "shift": lambda _: 1,
    "repetitions": lambda _: (2, 1),
    "q": lambda _: 0.5,  # quantile (percentile: SPECIAL)
    "pad_width": lambda _: 1,
    "k": lambda _: 4,  # top_k
    "num_classes": lambda _: 10,  # one_hot
    "indices_or_sections": lambda _: 4,  # split
}

#: Parameters whose value must fit the others (or has no general rule), by function.
SPECIAL: dict[str, dict[str, Value]] = {
    "arange": {"start": 16},
    "broadcast_arrays": {"*arrays": [Array(MATRIX), Array((16,))]},
    "broadcast_to": {"x": Array((16,))},
    "matmul": {"x2": Array((16, 8))},
    "searchsorted": {"x1": Array((16,), "sorted")},
    "squeeze": {"x": Array((1, 16)), "axis": 0},
    "take": {"x": Array((16,)), "indices": Array((4,), "index")},
    "take_along_axis": {"indices": Array((8, 4), "index")},
    "percentile": {"q": 50},
    "einsum": {"subscripts": "ij,kj->ik", "*operands": [Array(MATRIX), Array(MATRIX)]},
    "one_hot": {"x": Array((16,), "index")},
    "linalg.cross": {"x1": Array((8, 3)), "x2": Array((8, 3))},
    "linalg.outer": {"x1": Array((16,)), "x2": Array((8,))},
}

#: Optional parameters passed anyway: the standard requires ``axis`` for the cumulative
#: functions of a 2-d array; the others exercise the keyword path of a hot function.
KEYWORDS: dict[str, dict[str, Value]] = {
    "argmax": {"axis": -1},
    "argmin": {"axis": -1},
    "clip": {"min": 0.25, "max": 0.75},
    "cumulative_prod": {"axis": -1},
    "cumulative_sum": {"axis": -1},
    "max_with_indices": {"axis": -1},
    "min_with_indices": {"axis": -1},
}


def required_parameters(function: str) -> list[str]:
    """The parameters of ``function`` without a default, ``*args`` written with the star."""
    parameters = _names.signature(function).split(", ")
    return [p for p in parameters if p not in ("/", "*") and "=" not in p]


def inputs(function: str) -> Inputs:
    """The arguments ``function`` is benchmarked with.

    Raises
    ------
    UncoveredError
        If a required parameter has neither a rule nor a ``SPECIAL`` value.
    """
    check_covered([function])
    flavour = FLAVOURS.get(function, "float")
    special = SPECIAL.get(function, {})
    positional: list[tuple[str, Value]] = []
    for parameter in required_parameters(function):
        value = special[parameter] if parameter in special else RULES[parameter](flavour)
        if parameter.startswith("*"):
            # x1, x2... for arrays passed one by one (meshgrid, result_type)
            positional.extend((f"x{i}", item) for i, item in enumerate(value, 1))
        else:
            positional.append((parameter, value))
    return Inputs(tuple(positional), dict(KEYWORDS.get(function, {})))


def uncovered(functions: Sequence[str]) -> dict[str, list[str]]:
    """The functions among ``functions`` that :func:`inputs` cannot cover, with the
    parameters it has no value for."""
    missing = {}
    for function in functions:
        special = SPECIAL.get(function, {})
        unknown = [p for p in required_parameters(function) if p not in RULES | special]
        if unknown:
            missing[function] = unknown
    return missing


def check_covered(functions: Sequence[str]) -> None:
    """Raise :class:`UncoveredError` listing the functions :func:`inputs` cannot cover."""
    missing = uncovered(functions)
    if missing:
        listed = "; ".join(f"{name} ({', '.join(params)})" for name, params in missing.items())
        raise UncoveredError(
            f"no benchmark inputs for {len(missing)} function(s): {listed}. Give the "
            "parameter a rule in RULES or the function its values in SPECIAL "
            "(benchmarks/_inputs.py)."
        )


def render(value: Value, name: str, namespace: str) -> str:
    """The source text of one argument: its name for arrays, ``{namespace}.float64`` for a
    dtype, else the literal."""
    if isinstance(value, Array | ArrayList | Bound):
        return name
    if isinstance(value, DType):
        return f"{namespace}.{value.name}"
    return repr(value)


def arguments(given: Inputs, namespace: str, rename: dict[str, str] | None = None) -> str:
    """The argument list of a call, as source text, with keywords renamed by ``rename``."""
    rename = rename or {}
    parts = [render(value, name, namespace) for name, value in given.positional]
    parts += [
        f"{rename.get(key, key)}={render(value, key, namespace)}"
        for key, value in given.keywords.items()
    ]
    return ", ".join(parts)


def build(given: Inputs, convert: Callable[[np.ndarray], Any]) -> dict[str, Any]:
    """The named objects of a call (arrays, lists of arrays), made by ``convert`` from NumPy
    arrays that are the same on every backend."""
    rng = np.random.default_rng(0)
    names: dict[str, Any] = {}
    for name, value in given.positional:
        if isinstance(value, Array):
            names[name] = convert(_values(value, rng))
        elif isinstance(value, ArrayList):
            names[name] = [convert(_values(item, rng)) for item in value.items]
        elif isinstance(value, Bound):
            names[name] = value.value
    return names


def _values(array: Array, rng: np.random.Generator) -> np.ndarray:
    shape, flavour = array.shape, array.flavour
    if flavour == "int":
        return rng.integers(0, 8, shape, dtype=np.int32)
    if flavour == "index":
        return rng.integers(0, 4, shape, dtype=np.int64)
    if flavour == "bool":
        return rng.random(shape) < 0.5
    if flavour == "complex":
        return (rng.uniform(0.1, 0.9, shape) + 1j * rng.uniform(0.1, 0.9, shape)).astype(
            np.complex64
        )
    if flavour == "spd":
        a = rng.uniform(0.1, 0.9, shape)
        return (a @ a.T / shape[0] + np.eye(shape[0])).astype(np.float32)
    low, high = (1.1, 1.9) if flavour == "above_one" else (0.1, 0.9)
    values = rng.uniform(low, high, shape).astype(np.float32)
    return np.sort(values) if flavour == "sorted" else values
