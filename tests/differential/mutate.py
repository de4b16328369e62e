"""Whole-domain mutations: a valid call with one or two arguments moved to a domain edge.

The per-function strategies (``calls.py``) draw valid calls. Users do not stop there, so
each drawn call is mutated, most of the time, in one or two of its arguments (or gets a
keyword it did not have), by the kind of value it holds:

- an array: another dtype (bool and unsigned included), 0-d, empty, special values
  (NaN, ±inf, ±0, the ends of the integer range), a strided or read-only view, a Python
  scalar or list in its place, or something that is no array at all;
- an integer (axes, counts, offsets): the ends of every range, negatives, NumPy integer
  scalars, bools, floats, None;
- a tuple (shapes, axes): repeats, negatives, -1 and -2, a list, NumPy integers, ();
- a float, a bool, a string, a dtype: the values next to the valid ones.

The label of each mutation (``"x: 0-d"``) says what was changed, so that a campaign can
count divergences by cause.
"""

from __future__ import annotations

import inspect
import math
from typing import Any

import numpy as np
from hypothesis import strategies as st

from differential.compare import function
from differential.draw import ALL, Call

_NOT_ARRAYS = [None, "a", b"x", object(), {}, {1}, 1j * math.nan]
# No counts between about 2**27 and 2**40: as sizes, those allocate gigabytes that exist.
# Beyond, an allocation fails at once; 2**63 and beyond are out of every integer range.
_INT_EDGES = [0, 1, -1, 2, -2, 3, 5, -5, 2**40, 2**63 - 1, 2**63, -(2**63) - 1, 2**64]


def _special_values(dtype: np.dtype[Any]) -> list[Any]:
    if dtype.kind == "b":
        return [True, False]
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return [int(info.min), int(info.max), 0, 1]
    values: list[Any] = [math.nan, math.inf, -math.inf, -0.0, 0.0, float(np.finfo(dtype).max)]
    values.append(float(np.finfo(dtype).smallest_subnormal))
    if dtype.kind == "c":
        values += [complex(math.inf, math.nan), complex(0.0, -0.0), complex(-math.inf, 1.0)]
    return values


def _cast(x: np.ndarray, dtype: str) -> np.ndarray:
    with np.errstate(all="ignore"):
        source = x.real if x.dtype.kind == "c" and np.dtype(dtype).kind != "c" else x
        return np.asarray(source).astype(dtype)


@st.composite
def _array_mutation(draw: st.DrawFn, x: np.ndarray) -> tuple[Any, str]:
    choice = draw(
        st.sampled_from(
            [
                "dtype",
                "0-d",
                "empty",
                "special values",
                "strided",
                "read-only",
                "Python scalar",
                "list",
                "not an array",
            ]
        )
    )
    if choice == "dtype":
        dtype = draw(st.sampled_from(ALL))
        return _cast(x, dtype), f"dtype {dtype}"
    if choice == "0-d":
        return (x.reshape(-1)[:1].reshape(()) if x.size else np.zeros((), x.dtype)), choice
    if choice == "empty":
        if not x.ndim:
            return np.zeros((0,), x.dtype), choice
        axis = draw(st.integers(0, x.ndim - 1))
        return np.take(x, [], axis=axis), choice
    if choice == "special values":
        y = x.copy()
        if y.size:
            flat = y.reshape(-1)
            specials = _special_values(y.dtype)
            positions = draw(st.lists(st.integers(0, y.size - 1), min_size=1, max_size=3))
            with np.errstate(all="ignore"):
                for i in positions:
                    flat[i] = draw(st.sampled_from(specials))
        return y, choice
    if choice == "strided":
        return np.asarray(np.flip(x) if x.ndim < 2 else np.swapaxes(x, 0, -1)), choice
    if choice == "read-only":
        y = x.copy()
        y.setflags(write=False)
        return y, choice
    if choice == "Python scalar":
        return (x.reshape(-1)[0].item() if x.size else 0), choice
    if choice == "list":
        return x.tolist(), choice
    return draw(st.sampled_from(_NOT_ARRAYS)), choice


def _int_mutation(value: int) -> st.SearchStrategy[tuple[Any, str]]:
    value = value if -(2**31) <= value < 2**31 else 1
    return st.one_of(
        st.sampled_from(_INT_EDGES).map(lambda v: (v, f"int {v}")),
        st.just((np.int64(value), "NumPy int")),
        st.just((np.int32(value), "NumPy int32")),
        st.sampled_from([True, False, 1.0, 1.5, None, "1"]).map(lambda v: (v, f"{v!r} for int")),
    )


def _numpy_int(v: Any) -> Any:
    return np.int64(v) if isinstance(v, int) and -(2**63) <= v < 2**63 else v


def _tuple_mutation(value: tuple[Any, ...]) -> st.SearchStrategy[tuple[Any, str]]:
    options: list[tuple[Any, str]] = [((), "()"), (list(value), "list for tuple")]
    if value:
        options += [
            ((*value, value[0]), "repeated entry"),
            ((-1, *value[1:]), "-1 entry"),
            ((-2, *value[1:]), "-2 entry"),
            ((value[0] - 10 if isinstance(value[0], int) else -10, *value[1:]), "negative entry"),
            (tuple(_numpy_int(v) for v in value), "NumPy ints"),
            ((1.0, *value[1:]), "float entry"),
            ((None, *value[1:]), "None entry"),
            ((2**62, *value[1:]), "huge entry"),
        ]
    return st.sampled_from(options)


def _float_mutation(value: float) -> st.SearchStrategy[tuple[Any, str]]:
    options = [math.nan, math.inf, -math.inf, -0.0, 0.0, 1e308, 5e-324, -1.0, 2]
    return st.one_of(
        st.sampled_from(options).map(lambda v: (v, f"float {v!r}")),
        st.just((np.float32(value), "NumPy float32")),
        st.just((complex(value), "complex for float")),
        st.just((None, "None for float")),
    )


def _other_mutation(value: Any) -> st.SearchStrategy[tuple[Any, str]]:
    if isinstance(value, str):
        if value in ALL:
            return st.sampled_from(
                [(d, f"dtype {d}") for d in ALL]
                + [("float16", "float16"), (float, "Python float"), (int, "Python int")]
                + [(bool, "Python bool"), (np.dtype(value), "NumPy dtype"), ("foo", "bad dtype")]
            )
        return st.sampled_from([("", "empty str"), ("bad", "bad str"), (value.upper(), "upper")])
    if value is None:
        return st.sampled_from([(0, "0 for None"), (-1, "-1 for None"), ((), "() for None")])
    if isinstance(value, complex):
        return st.sampled_from([(complex(math.nan, 0), "complex nan"), (1.0, "float for complex")])
    return st.sampled_from(_NOT_ARRAYS).map(lambda v: (v, f"{type(v).__name__} for value"))


def value_mutation(value: Any) -> st.SearchStrategy[tuple[Any, str]]:
    """Mutations of one argument value, each with its label."""
    if isinstance(value, np.ndarray):
        return _array_mutation(value)
    if isinstance(value, bool):
        options = [(0, "0 for bool"), (1, "1 for bool"), (None, "None for bool")]
        return st.sampled_from([*options, ("yes", "str for bool"), (np.bool_(value), "NumPy bool")])
    if isinstance(value, int):
        return _int_mutation(value)
    if isinstance(value, float):
        return _float_mutation(value)
    if isinstance(value, tuple) and not any(isinstance(v, np.ndarray) for v in value):
        return _tuple_mutation(value)
    if isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
        return _sequence_mutation(value)
    return _other_mutation(value)


@st.composite
def _sequence_mutation(draw: st.DrawFn, value: list[np.ndarray]) -> tuple[Any, str]:
    choice = draw(st.sampled_from(["element", "empty list", "tuple", "None element"]))
    if choice == "element":
        i = draw(st.integers(0, len(value) - 1))
        new, label = draw(_array_mutation(value[i]))
        return [*value[:i], new, *value[i + 1 :]], f"element: {label}"
    if choice == "empty list":
        return [], choice
    if choice == "tuple":
        return tuple(value), choice
    return [*value[:-1], None], choice


def _keyword_values(name: str) -> st.SearchStrategy[Any]:
    """Values for a keyword a call did not have, by the keyword's name."""
    if name in ("axis", "axes", "dim"):
        return st.sampled_from([None, 0, -1, 1, 2, 5, -5, (), (0,), (0, 0), (-1, 0), [0]])
    if name == "dtype":
        return st.sampled_from([*ALL, None])
    if name in ("n", "k", "offset", "num", "shift", "s", "repeats", "correction"):
        return st.sampled_from([None, 0, 1, 2, -1, -3, 10, (2,), (0,), 0.5])
    if name == "device":
        return st.sampled_from([None, "cpu", "nonsense"])
    if name == "copy":
        return st.sampled_from([None, True, False])
    if name == "norm":
        return st.sampled_from(["backward", "ortho", "forward", "bad", None])
    return st.sampled_from([True, False, None, 0, 1, -1, 0.5, "bad"])


def _keywords(name: str) -> list[str]:
    try:
        parameters = inspect.signature(function(name)).parameters.values()
    except (TypeError, ValueError):
        return []
    kinds = (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return [p.name for p in parameters if p.kind in kinds]


@st.composite
def mutated(draw: st.DrawFn, name: str, calls: st.SearchStrategy[Call]) -> tuple[Call, str]:
    """A call of ``pa.name`` drawn from ``calls``, mutated one or two times (or not: 1 in 4)."""
    call = draw(calls)
    count = draw(st.sampled_from([0, 1, 1, 2]))
    labels: list[str] = []
    used: set[int | str] = set()
    args, kwargs = list(call.args), dict(call.kwargs)
    for _ in range(count):
        missing = [k for k in _keywords(name) if k not in kwargs]
        slots = [*range(len(args)), *kwargs, *(("+" + k) for k in missing)]
        slots = [s for s in slots if s not in used]
        if not slots:
            break
        slot = draw(st.sampled_from(slots))
        used.add(slot if not isinstance(slot, str) else slot.lstrip("+"))
        if isinstance(slot, int):
            args[slot], label = draw(value_mutation(args[slot]))
            labels.append(f"arg {slot}: {label}")
        elif slot.startswith("+"):
            kwargs[slot[1:]] = value = draw(_keyword_values(slot[1:]))
            labels.append(f"new {slot[1:]}={value!r}")
        else:
            kwargs[slot], label = draw(value_mutation(kwargs[slot]))
            labels.append(f"{slot}: {label}")
    return Call(tuple(args), kwargs, call.compare), "; ".join(labels) or "valid"
