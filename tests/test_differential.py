"""Differential tests: every public function gives the same answer on every backend.

For each function of the name table (``polyarray._names``: the main namespace, ``linalg``
and ``fft``), hypothesis draws arguments (shapes, dtypes, values, keywords), the function
runs on NumPy (the reference) and on the backend under test, and the two results must have
the same dtype and shape and values within a tolerance set by the dtype, or both calls must
raise the same kind of exception (the same polyarray error class, else the same
standard-library family).

The number of examples per function is small by default so CI stays quick, and CI draws
the same examples at every run; set ``POLYARRAY_DIFFERENTIAL_EXAMPLES`` (say 2000) for a
long local run, which draws new examples each time (``--hypothesis-seed`` repeats one).
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import polyarray as pa
from polyarray import _names, errors
from polyarray._dtypes import canonical_name

EXAMPLES = int(os.environ.get("POLYARRAY_DIFFERENTIAL_EXAMPLES", "12"))
# CI runs the same examples every time (a failure there is reproducible, never flaky);
# a long local run, asked for with the variable, explores new ones at every run.
DERANDOMIZE = "POLYARRAY_DIFFERENTIAL_EXAMPLES" not in os.environ

# (pyproject.toml ignores the warning hypothesis triggers while reporting a failure.)
pytestmark = [pytest.mark.skip_backends("numpy", reason="NumPy is the reference backend")]

BOOL = ["bool"]
SIGNED = ["int8", "int16", "int32", "int64"]
UNSIGNED = ["uint8", "uint16", "uint32", "uint64"]
INTEGER = SIGNED + UNSIGNED
REAL_FLOAT = ["float32", "float64"]
COMPLEX = ["complex64", "complex128"]
FLOAT = REAL_FLOAT + COMPLEX
REAL = INTEGER + REAL_FLOAT
NUMERIC = REAL + COMPLEX
ALL = BOOL + NUMERIC


@dataclass
class Call:
    """One drawn call: positional and keyword arguments (NumPy arrays stand for arrays)."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    #: How results are compared: "values" (default), "sorted rows", or a function name
    #: whose results are only defined up to signs and order (checked through invariants).
    compare: str = "values"


# -- drawing arrays --------------------------------------------------------------------


def _elements(dtype: str, *, special: bool, bound: float) -> st.SearchStrategy[Any]:
    kind = np.dtype(dtype).kind
    if kind == "b":
        return st.booleans()
    if kind in "iu":
        info = np.iinfo(dtype)
        return st.integers(int(info.min), int(info.max))
    width = 32 if dtype in ("float32", "complex64") else 64
    finite = st.floats(-bound, bound, width=width, allow_subnormal=False)
    values = finite | st.sampled_from([0.0, -0.0, 1.0, -1.0, 0.5])
    if special:
        values = values | st.sampled_from([math.inf, -math.inf, math.nan])
    if kind == "f":
        return values
    return st.builds(complex, values, values)


@st.composite
def arrays(
    draw: st.DrawFn,
    dtypes: list[str],
    *,
    shape: tuple[int, ...] | None = None,
    min_dims: int = 0,
    max_dims: int = 3,
    min_side: int = 0,
    max_side: int = 4,
    special: bool = True,
    bound: float = 1e3,
) -> np.ndarray:
    dtype = draw(st.sampled_from(dtypes))
    if shape is None:
        shape = draw(
            hnp.array_shapes(
                min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side
            )
        )
    elements = _elements(dtype, special=special, bound=bound)
    return draw(hnp.arrays(np.dtype(dtype), shape, elements=elements))


def _kind_scalar(dtype: str) -> st.SearchStrategy[Any]:
    """A Python scalar that may stand next to an array of ``dtype``: same kind, in range."""
    kind = np.dtype(dtype).kind
    if kind == "b":
        return st.booleans()
    if kind in "iu":
        info = np.iinfo(dtype)
        return st.integers(int(info.min), int(info.max))
    floats = st.floats(-100, 100, allow_subnormal=False) | st.sampled_from([0.0, math.inf])
    return floats if kind == "f" else st.builds(complex, floats, floats)


def _scalar_for(dtype: str) -> st.SearchStrategy[Any]:
    """A Python scalar next to an array: of its kind, or of a higher kind, or out of range."""
    options = [_kind_scalar(dtype)]
    kind = np.dtype(dtype).kind
    if kind in "biu":
        options.append(st.floats(-100, 100, allow_subnormal=False))  # -> the default float
    if kind in "iu":
        options.append(st.sampled_from([1000, -1000, 2**70]))  # out of range: the same error
    return st.one_of(*options)


# -- the calls of each kind of function --------------------------------------------------


def unary(dtypes: list[str], *, special: bool = True, bound: float = 1e3) -> Any:
    @st.composite
    def draw_call(draw: st.DrawFn) -> Call:
        return Call((draw(arrays(dtypes, special=special, bound=bound)),))

    return draw_call()


def binary(dtypes: list[str], *, special: bool = True, scalars: bool = True) -> Any:
    @st.composite
    def draw_call(draw: st.DrawFn) -> Call:
        shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4))
        x1 = draw(arrays(dtypes, shape=shapes.input_shapes[0], special=special))
        if scalars and draw(st.integers(0, 3)) == 0:
            scalar = draw(_scalar_for(x1.dtype.name))
            return Call((x1, scalar) if draw(st.booleans()) else (scalar, x1))
        x2 = draw(arrays(dtypes, shape=shapes.input_shapes[1], special=special))
        return Call((x1, x2))

    return draw_call()


def _axis_kwargs(draw: st.DrawFn, ndim: int, *, tuples: bool = True) -> dict[str, Any]:
    options: list[Any] = [None]
    if ndim:
        options.append(draw(st.integers(-ndim, ndim - 1)))
        if tuples:
            options.append(tuple(draw(st.sets(st.integers(0, ndim - 1), max_size=ndim))))
    return {"axis": draw(st.sampled_from(options)), "keepdims": draw(st.booleans())}


def reduction(
    dtypes: list[str],
    *,
    tuples: bool = True,
    nonempty: bool = False,
    special: bool = True,
    extra: Callable[[st.DrawFn, np.ndarray], dict[str, Any]] | None = None,
) -> Any:
    @st.composite
    def draw_call(draw: st.DrawFn) -> Call:
        x = draw(arrays(dtypes, min_side=1 if nonempty else 0, special=special, bound=100))
        kwargs = _axis_kwargs(draw, x.ndim, tuples=tuples)
        if extra is not None:
            kwargs.update(extra(draw, x))
        return Call((x,), kwargs)

    return draw_call()


def _square(dtypes: list[str], *, max_side: int = 4, batch: bool = True) -> Any:
    @st.composite
    def draw_square(draw: st.DrawFn) -> np.ndarray:
        n = draw(st.integers(1, max_side))
        batch_shape = draw(hnp.array_shapes(min_dims=0, max_dims=1, max_side=3)) if batch else ()
        return draw(arrays(dtypes, shape=(*batch_shape, n, n), special=False, bound=10))

    return draw_square()


def linalg_unary(
    dtypes: list[str], compare: str = "values", **kwargs: st.SearchStrategy[Any]
) -> Any:
    @st.composite
    def draw_call(draw: st.DrawFn) -> Call:
        x = draw(_square(dtypes))
        return Call((x,), {k: draw(v) for k, v in kwargs.items()}, compare)

    return draw_call()


@st.composite
def _well_conditioned(draw: st.DrawFn, dtypes: list[str]) -> np.ndarray:
    """A square matrix made diagonally dominant: invertible, solutions stable."""
    x = draw(_square(dtypes))
    n = x.shape[-1]
    return x + np.eye(n, dtype=x.dtype) * (np.abs(x).sum(axis=-1, keepdims=True) + 1)


@st.composite
def _spd(draw: st.DrawFn, dtypes: list[str]) -> np.ndarray:
    """A symmetric (Hermitian) positive-definite matrix."""
    x = draw(_well_conditioned(dtypes))
    return (x @ np.conj(np.swapaxes(x, -1, -2))).astype(x.dtype)


# -- the table: one strategy per public function ------------------------------------------

_FLOAT_ONLY_UNARY = [
    "acos",
    "acosh",
    "asin",
    "asinh",
    "atan",
    "atanh",
    "cos",
    "cosh",
    "exp",
    "expm1",
    "log",
    "log1p",
    "log2",
    "log10",
    "reciprocal",
    "sin",
    "sinh",
    "sqrt",
    "tan",
    "tanh",
]


def _shape_draw(draw: st.DrawFn) -> tuple[int, ...]:
    return draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))


@st.composite
def _creation(draw: st.DrawFn, name: str) -> Call:
    dtype = draw(st.none() | st.sampled_from(ALL))
    kwargs = {} if dtype is None else {"dtype": dtype}
    if name in ("zeros", "ones"):
        return Call((_shape_draw(draw),), kwargs)
    if name == "empty":
        return Call((_shape_draw(draw),), kwargs, compare="shape and dtype")
    if name == "full":
        value = draw(st.booleans() | st.integers(-100, 100) | st.floats(-100, 100))
        if dtype is not None and np.dtype(dtype).kind == "b":
            value = bool(value)
        elif dtype is not None and np.dtype(dtype).kind in "iu":
            value = int(abs(value))
        return Call((_shape_draw(draw), value), kwargs)
    if name == "eye":
        rows = draw(st.integers(0, 5))
        cols = draw(st.none() | st.integers(0, 5))
        return Call((rows, cols), {**kwargs, "k": draw(st.integers(-3, 3))})
    if name == "arange":
        start = draw(st.integers(-20, 20) | st.floats(-20, 20))
        stop = draw(st.none() | st.integers(-20, 20) | st.floats(-20, 20))
        step = draw(st.sampled_from([1, 2, -1, 0.5, -3]))
        numeric = draw(st.none() | st.sampled_from(["int64", "float64", "float32", "int32"]))
        if stop is None:
            return Call((abs(start),), {} if numeric is None else {"dtype": numeric})
        return Call((start, stop, step), {} if numeric is None else {"dtype": numeric})
    if name == "linspace":
        start = draw(st.integers(-10, 10) | st.floats(-10, 10))
        stop = draw(st.integers(-10, 10) | st.floats(-10, 10))
        numeric = draw(st.none() | st.sampled_from(["float32", "float64"]))
        kwargs = {"endpoint": draw(st.booleans())}
        if numeric is not None:
            kwargs["dtype"] = numeric
        return Call((start, stop, draw(st.integers(0, 7))), kwargs)
    if name == "asarray":
        values = draw(
            st.lists(st.booleans(), max_size=4)
            | st.lists(st.integers(-100, 100), max_size=4)
            | st.lists(st.floats(-100, 100), max_size=4)
            | st.lists(st.builds(complex, st.floats(-5, 5), st.floats(-5, 5)), max_size=4)
            | st.integers(-5, 5)
            | st.floats(-5, 5)
        )
        return Call((values,), kwargs if dtype is None or isinstance(values, list) else {})
    if name == "from_dlpack":
        return Call((draw(arrays(ALL)),))
    if name.endswith("_like"):
        x = draw(arrays(ALL))
        if name == "full_like":
            value = draw(st.integers(0, 1)) if dtype is None else 1
            return Call((x, value), kwargs)
        return Call((x,), kwargs, compare="shape and dtype" if name == "empty_like" else "values")
    if name in ("fft.fftfreq", "fft.rfftfreq"):
        numeric = draw(st.none() | st.sampled_from(["float32", "float64"]))
        kwargs = {"d": draw(st.sampled_from([1.0, 0.5, 2.0]))}
        if numeric is not None:
            kwargs["dtype"] = numeric
        return Call((draw(st.integers(1, 9)),), kwargs)
    raise AssertionError(f"no creation strategy for {name}")


@st.composite
def _where(draw: st.DrawFn) -> Call:
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=3, max_dims=3, max_side=3))
    condition = draw(arrays(BOOL, shape=shapes.input_shapes[0]))
    x1 = draw(arrays(ALL, shape=shapes.input_shapes[1]))
    if draw(st.booleans()):
        return Call((condition, x1, draw(_scalar_for(x1.dtype.name))))
    return Call((condition, x1, draw(arrays(ALL, shape=shapes.input_shapes[2]))))


@st.composite
def _clip(draw: st.DrawFn) -> Call:
    x = draw(arrays(REAL, special=False))
    kind = x.dtype.kind
    bound = st.integers(-50, 50) if kind in "iu" else st.floats(-50, 50)
    if kind == "u":
        bound = st.integers(0, 50)
    low = draw(st.none() | bound)
    high = draw(st.none() | bound)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Call((x, low, high))


@st.composite
def _matmul(draw: st.DrawFn, dtypes: list[str]) -> Call:
    n, k, m = (draw(st.integers(1, 4)) for _ in range(3))
    batch = draw(hnp.array_shapes(min_dims=0, max_dims=1, max_side=2))
    left = (*batch, n, k) if draw(st.booleans()) else (k,)
    right = (k, m) if draw(st.booleans()) else (*batch, k, m)
    return Call(
        (
            draw(arrays(dtypes, shape=left, special=False, bound=10)),
            draw(arrays(dtypes, shape=right, special=False, bound=10)),
        )
    )


@st.composite
def _tensordot(draw: st.DrawFn) -> Call:
    a, b, c = (draw(st.integers(1, 3)) for _ in range(3))
    axes = draw(st.sampled_from([0, 1, 2]))
    x1_shape, x2_shape = {0: ((a, b), (b, c)), 1: ((a, b), (b, c)), 2: ((a, b), (a, b))}[axes]
    dtypes = REAL_FLOAT
    x1 = draw(arrays(dtypes, shape=x1_shape, special=False, bound=10))
    x2 = draw(arrays(dtypes, shape=x2_shape, special=False, bound=10))
    return Call((x1, x2), {"axes": axes})


@st.composite
def _vecdot(draw: st.DrawFn) -> Call:
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=1, max_dims=3))
    k = draw(st.integers(1, 4))
    s1, s2 = ((*s[:-1], k) for s in shapes.input_shapes)
    dtypes = draw(st.sampled_from([INTEGER, REAL_FLOAT, COMPLEX]))
    x1 = draw(arrays(dtypes, shape=s1, special=False, bound=10))
    x2 = draw(arrays(dtypes, shape=s2, special=False, bound=10))
    return Call((x1, x2), {"axis": -1})


@st.composite
def _manipulation(draw: st.DrawFn, name: str) -> Call:
    x = draw(arrays(ALL, max_dims=3))
    ndim = x.ndim
    axis = st.integers(-ndim, ndim - 1) if ndim else st.just(0)
    if name == "reshape":
        size = x.size
        shape = draw(st.sampled_from([(size,), (1, size), (-1,), (size, 1), (2, -1), (7,)]))
        return Call((x, shape), {"copy": draw(st.sampled_from([None, True]))})
    if name == "permute_dims":
        return Call((x, tuple(draw(st.permutations(range(ndim))))))
    if name == "expand_dims":
        return Call((x,), {"axis": draw(st.integers(-ndim - 1, ndim))})
    if name == "squeeze":
        ones = tuple(i for i, s in enumerate(x.shape) if s == 1)
        return Call((x, draw(st.sampled_from([ones, *(((i,),) for i in range(ndim))]))))
    if name == "flip":
        return Call((x,), {"axis": draw(st.none() | axis)})
    if name == "roll":
        return Call((x, draw(st.integers(-5, 5))), {"axis": draw(st.none() | axis)})
    if name == "moveaxis":
        if not ndim:
            return Call((x, 0, 0))
        return Call((x, draw(axis), draw(axis)))
    if name == "tile":
        return Call((x, tuple(draw(st.lists(st.integers(0, 2), max_size=3)))))
    if name == "repeat":
        return Call((x, draw(st.integers(0, 3))), {"axis": draw(st.none() | axis)})
    if name == "unstack":
        if not ndim:
            return Call((x.reshape(1),), {"axis": 0})
        return Call((x,), {"axis": draw(axis)})
    if name == "broadcast_to":
        return Call((x, (2, *x.shape)))
    if name == "matrix_transpose" or name == "linalg.matrix_transpose":
        return Call((draw(arrays(ALL, min_dims=2)),))
    if name in ("tril", "triu"):
        return Call((draw(arrays(ALL, min_dims=2)),), {"k": draw(st.integers(-3, 3))})
    if name == "linalg.diagonal":
        return Call((draw(arrays(ALL, min_dims=2)),), {"offset": draw(st.integers(-3, 3))})
    raise AssertionError(f"no manipulation strategy for {name}")


@st.composite
def _several(draw: st.DrawFn, name: str) -> Call:
    """concat, stack, broadcast_arrays, meshgrid: several arrays, dtypes mixed."""
    count = draw(st.integers(1, 3))
    dtypes = draw(st.sampled_from([ALL, REAL, INTEGER, FLOAT]))
    if name == "broadcast_arrays":
        shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=count, max_dims=3))
        return Call(tuple(draw(arrays(dtypes, shape=s)) for s in shapes.input_shapes))
    if name == "meshgrid":
        same = draw(st.sampled_from(dtypes))
        parts = tuple(draw(arrays([same], min_dims=1, max_dims=1)) for _ in range(count))
        return Call(parts, {"indexing": draw(st.sampled_from(["xy", "ij"]))})
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=3, max_side=3))
    parts = [draw(arrays(dtypes, shape=shape)) for _ in range(count)]
    if name == "concat":
        axis = draw(st.integers(-len(shape), len(shape) - 1))
        return Call((parts,), {"axis": axis})
    return Call((parts,), {"axis": draw(st.integers(-len(shape) - 1, len(shape)))})


@st.composite
def _sorting(draw: st.DrawFn, name: str) -> Call:
    x = draw(arrays(REAL, min_dims=1, special=True, bound=50))
    axis = draw(st.integers(-x.ndim, x.ndim - 1))
    return Call((x,), {"axis": axis, "descending": draw(st.booleans()), "stable": True})


@st.composite
def _searchsorted(draw: st.DrawFn) -> Call:
    dtype = draw(st.sampled_from(REAL))
    x1 = np.sort(draw(arrays([dtype], min_dims=1, max_dims=1, special=False)))
    if draw(st.booleans()):
        x2: Any = draw(_kind_scalar(dtype).filter(lambda v: v == v and abs(v) != math.inf))
    else:
        x2 = draw(arrays([dtype], special=False))
    return Call((x1, x2), {"side": draw(st.sampled_from(["left", "right"]))})


@st.composite
def _take(draw: st.DrawFn, name: str) -> Call:
    x = draw(arrays(ALL, min_dims=1, min_side=1))
    axis = draw(st.integers(-x.ndim, x.ndim - 1))
    size = x.shape[axis]
    if name == "take":
        kwargs = {"axis": axis} if x.ndim > 1 or draw(st.booleans()) else {}
        indices = draw(
            hnp.arrays(np.int64, draw(st.integers(0, 4)), elements=st.integers(-size, size - 1))
        )
        return Call((x, indices), kwargs)
    shape = list(x.shape)
    shape[axis] = draw(st.integers(0, 3))
    indices = draw(hnp.arrays(np.int64, tuple(shape), elements=st.integers(-size, size - 1)))
    return Call((x, indices), {"axis": axis})


@st.composite
def _isin(draw: st.DrawFn) -> Call:
    x1 = draw(arrays(REAL, special=False, bound=5))
    x2 = draw(arrays(REAL, special=False, bound=5))
    return Call((x1, x2), {"invert": draw(st.booleans())})


@st.composite
def _diff(draw: st.DrawFn) -> Call:
    x = draw(arrays(REAL + COMPLEX, min_dims=1, special=False, bound=100))
    axis = draw(st.integers(-x.ndim, x.ndim - 1))
    kwargs: dict[str, Any] = {"axis": axis, "n": draw(st.integers(0, 2))}
    if draw(st.booleans()):
        shape = list(x.shape)
        shape[axis] = 1
        kwargs["prepend"] = draw(arrays([x.dtype.name], shape=tuple(shape), special=False))
    return Call((x,), kwargs)


@st.composite
def _cumulative(draw: st.DrawFn) -> Call:
    x = draw(arrays(NUMERIC + BOOL, max_dims=2, special=False, bound=10))
    kwargs: dict[str, Any] = {"include_initial": draw(st.booleans())}
    if x.ndim > 1 or draw(st.booleans()):
        kwargs["axis"] = draw(st.integers(-x.ndim, x.ndim - 1)) if x.ndim else None
    if draw(st.integers(0, 3)) == 0:
        kwargs["dtype"] = draw(st.sampled_from(["int64", "float64", "uint64"]))
    return Call((x,), kwargs)


def _dtype_kwarg(draw: st.DrawFn, x: np.ndarray) -> dict[str, Any]:
    if draw(st.integers(0, 3)):
        return {}
    return {"dtype": draw(st.sampled_from(["int64", "uint64", "float64", "complex128"]))}


def _correction(draw: st.DrawFn, x: np.ndarray) -> dict[str, Any]:
    return {"correction": draw(st.sampled_from([0, 1, 0.5, 0.0]))}


@st.composite
def _dtype_function(draw: st.DrawFn, name: str) -> Call:
    if name == "result_type":
        parts = draw(st.lists(st.sampled_from(ALL), min_size=1, max_size=3))
        scalars = draw(st.lists(st.booleans() | st.integers(-5, 5) | st.floats(-5, 5), max_size=2))
        return Call((*parts, *scalars))
    if name == "can_cast":
        return Call((draw(st.sampled_from(ALL)), draw(st.sampled_from(ALL))))
    if name == "finfo":
        return Call((draw(st.sampled_from(FLOAT)),))
    if name == "iinfo":
        return Call((draw(st.sampled_from(INTEGER)),))
    if name == "isdtype":
        kinds = [
            "bool",
            "signed integer",
            "unsigned integer",
            "integral",
            "real floating",
            "complex floating",
            "numeric",
        ]
        kind = draw(st.sampled_from(kinds) | st.sampled_from(ALL))
        return Call((draw(st.sampled_from(ALL)), kind))
    if name == "broadcast_shapes":
        shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3))
        extra = [(draw(st.integers(2, 3)),)] if draw(st.booleans()) else []
        return Call((*shapes.input_shapes, *extra))
    raise AssertionError(f"no strategy for {name}")


@st.composite
def _fft(draw: st.DrawFn, name: str) -> Call:
    real_input = name in ("fft.rfft", "fft.rfftn", "fft.ihfft")
    dtypes = REAL_FLOAT if real_input else COMPLEX
    x = draw(arrays(dtypes, min_dims=1, max_dims=2, min_side=1, special=False, bound=10))
    kwargs: dict[str, Any] = {"norm": draw(st.sampled_from(["backward", "ortho", "forward"]))}
    if name.endswith("n"):
        kwargs["axes"] = draw(st.none() | st.just(tuple(range(x.ndim))))
    else:
        kwargs["axis"] = -1
        if name in ("fft.irfft", "fft.hfft"):
            kwargs["n"] = 2 * (x.shape[-1] - 1) if x.shape[-1] > 1 else 2
    return Call((x,), kwargs)


@st.composite
def _fftshift(draw: st.DrawFn) -> Call:
    x = draw(arrays(NUMERIC, min_dims=1))
    return Call((x,), {"axes": draw(st.none() | st.just(tuple(range(x.ndim))))})


@st.composite
def _median(draw: st.DrawFn) -> Call:
    x = draw(arrays(REAL, min_side=1, special=True, bound=100))
    return Call((x,), _axis_kwargs(draw, x.ndim))


@st.composite
def _with_indices(draw: st.DrawFn) -> Call:
    x = draw(arrays(REAL, min_side=1, special=True, bound=100))
    axis = draw(st.none() | st.integers(-x.ndim, x.ndim - 1)) if x.ndim else None
    return Call((x,), {"axis": axis, "keepdims": draw(st.booleans())})


def _strategies() -> dict[str, Any]:
    table: dict[str, Any] = {}
    for name in _FLOAT_ONLY_UNARY:
        table[name] = unary(ALL)
    for name in ["abs", "negative", "positive", "sign", "square"]:
        table[name] = unary(NUMERIC)
    for name in ["ceil", "floor", "trunc", "round"]:
        table[name] = unary(REAL)
    table["round"] = unary(NUMERIC, bound=100)
    for name in ["isfinite", "isinf", "isnan", "conj", "real", "imag"]:
        table[name] = unary(NUMERIC)
    table["signbit"] = unary(REAL_FLOAT)
    table["logical_not"] = unary(BOOL)
    table["bitwise_invert"] = unary(INTEGER + BOOL)
    for name in ["add", "subtract", "multiply"]:
        table[name] = binary(NUMERIC)
    table["divide"] = binary(NUMERIC)
    table["pow"] = _pow()
    for name in ["floor_divide", "remainder"]:
        table[name] = binary(REAL)
    for name in ["atan2", "copysign", "hypot", "logaddexp", "nextafter", "maximum", "minimum"]:
        table[name] = binary(REAL_FLOAT + INTEGER)
    for name in ["equal", "not_equal"]:
        table[name] = binary(ALL)
    for name in ["less", "less_equal", "greater", "greater_equal"]:
        table[name] = binary(REAL)
    for name in ["bitwise_and", "bitwise_or", "bitwise_xor"]:
        table[name] = binary(INTEGER + BOOL)
    for name in ["bitwise_left_shift", "bitwise_right_shift"]:
        table[name] = _shifts()
    for name in ["logical_and", "logical_or", "logical_xor"]:
        table[name] = binary(BOOL)
    table["clip"] = _clip()

    creation = [
        "arange",
        "asarray",
        "empty",
        "empty_like",
        "eye",
        "from_dlpack",
        "full",
        "full_like",
        "linspace",
        "ones",
        "ones_like",
        "zeros",
        "zeros_like",
        "fft.fftfreq",
        "fft.rfftfreq",
    ]
    for name in creation:
        table[name] = _creation(name)
    for name in [
        "reshape",
        "permute_dims",
        "expand_dims",
        "squeeze",
        "flip",
        "roll",
        "moveaxis",
        "tile",
        "repeat",
    ]:
        table[name] = _manipulation(name)
    for name in ["unstack", "broadcast_to", "matrix_transpose", "tril", "triu"]:
        table[name] = _manipulation(name)
    table["linalg.matrix_transpose"] = _manipulation("linalg.matrix_transpose")
    table["linalg.diagonal"] = _manipulation("linalg.diagonal")
    for name in ["concat", "stack", "broadcast_arrays", "meshgrid"]:
        table[name] = _several(name)
    for name in ["can_cast", "finfo", "iinfo", "isdtype", "result_type", "broadcast_shapes"]:
        table[name] = _dtype_function(name)
    table["astype"] = _astype()
    table["take"] = _take("take")
    table["take_along_axis"] = _take("take_along_axis")
    table["where"] = _where()
    table["searchsorted"] = _searchsorted()
    table["isin"] = _isin()
    for name in ("argsort", "sort"):
        table[name] = _sorting(name)
    for name in ("unique_all", "unique_counts", "unique_inverse", "unique_values"):
        table[name] = unary(REAL, special=False)
    table["nonzero"] = _nonzero()
    table["count_nonzero"] = reduction(ALL)
    for name in ("argmax", "argmin"):
        table[name] = reduction(REAL, tuples=False, nonempty=True)
    for name in ("max", "min"):
        table[name] = reduction(REAL, nonempty=True)
    for name in ("sum", "prod"):
        table[name] = reduction(NUMERIC + BOOL, special=False, extra=_dtype_kwarg)
    table["mean"] = reduction(FLOAT, nonempty=True, special=False)
    for name in ("std", "var"):
        table[name] = reduction(REAL_FLOAT, nonempty=True, special=False, extra=_correction)
    for name in ("all", "any"):
        table[name] = reduction(ALL)
    for name in ("cumulative_sum", "cumulative_prod"):
        table[name] = _cumulative()
    table["diff"] = _diff()
    table["median"] = _median()
    table["max_with_indices"] = _with_indices()
    table["min_with_indices"] = _with_indices()

    table["matmul"] = _matmul(NUMERIC)
    table["linalg.matmul"] = _matmul(REAL_FLOAT)
    table["tensordot"] = _tensordot()
    table["linalg.tensordot"] = _tensordot()
    table["vecdot"] = _vecdot()
    table["linalg.vecdot"] = _vecdot()
    table["linalg.outer"] = _outer()
    table["linalg.cross"] = _cross()
    table["linalg.trace"] = _trace()
    table["linalg.cholesky"] = _linalg_of(_spd(REAL_FLOAT), upper=st.booleans())
    table["linalg.det"] = _linalg_of(_well_conditioned(REAL_FLOAT))
    table["linalg.inv"] = _linalg_of(_well_conditioned(REAL_FLOAT))
    table["linalg.slogdet"] = _linalg_of(_well_conditioned(REAL_FLOAT))
    table["linalg.solve"] = _solve()
    table["linalg.eigh"] = _linalg_of(_spd(REAL_FLOAT), compare="eigh")
    table["linalg.eigvalsh"] = _linalg_of(_spd(REAL_FLOAT))
    table["linalg.eig"] = _linalg_of(_well_conditioned(REAL_FLOAT + COMPLEX), compare="eig")
    table["linalg.eigvals"] = _linalg_of(_well_conditioned(REAL_FLOAT + COMPLEX), compare="eigvals")
    table["linalg.qr"] = _linalg_of(_well_conditioned(REAL_FLOAT), compare="qr")
    table["linalg.svd"] = _linalg_of(
        _well_conditioned(REAL_FLOAT), compare="svd", full_matrices=st.just(False)
    )
    table["linalg.svdvals"] = _linalg_of(_well_conditioned(REAL_FLOAT))
    table["linalg.pinv"] = _linalg_of(_well_conditioned(REAL_FLOAT))
    table["linalg.matrix_rank"] = _linalg_of(_well_conditioned(REAL_FLOAT))
    table["linalg.matrix_power"] = _matrix_power()
    table["linalg.matrix_norm"] = _linalg_of(
        _square(REAL_FLOAT),
        ord=st.sampled_from(["fro", 1, -1, math.inf, -math.inf]),
        keepdims=st.booleans(),
    )
    table["linalg.vector_norm"] = reduction(
        REAL_FLOAT,
        special=False,
        extra=lambda draw, x: {"ord": draw(st.sampled_from([1, 2, math.inf, -math.inf, 0, 3]))},
    )
    for name in _names.FFT_FUNCTIONS:
        if name in ("fftshift", "ifftshift"):
            table["fft." + name] = _fftshift()
        elif name not in ("fftfreq", "rfftfreq"):
            table["fft." + name] = _fft("fft." + name)
    return table


@st.composite
def _pow(draw: st.DrawFn) -> Call:
    if draw(st.booleans()):
        return draw(binary(REAL_FLOAT))
    # Complex powers at zero and at infinities are implementation-defined in the standard
    # ("as if exp(x2 * log(x1))"), and NumPy and torch choose differently: finite, nonzero
    # values only (docs/conformance.md lists this divergence).
    magnitude = st.floats(0.125, 10, width=32) | st.floats(-10, -0.125, width=32)
    nonzero = st.builds(complex, magnitude, magnitude)
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=2, max_side=3))
    x1, x2 = (
        draw(hnp.arrays(np.dtype(draw(st.sampled_from(COMPLEX))), shape, elements=nonzero))
        for shape in shapes.input_shapes
    )
    return Call((x1, x2))


@st.composite
def _shifts(draw: st.DrawFn) -> Call:
    dtype = draw(st.sampled_from(INTEGER))
    shape = _shape_draw(draw)
    x1 = draw(arrays([dtype], shape=shape))
    bits = np.dtype(dtype).itemsize * 8
    x2 = draw(hnp.arrays(np.dtype(dtype), shape, elements=st.integers(0, bits - 1)))
    return Call((x1, x2))


@st.composite
def _astype(draw: st.DrawFn) -> Call:
    x = draw(arrays(ALL, special=False, bound=100))
    target = draw(st.sampled_from(ALL))
    if x.dtype.kind in "fc" and np.dtype(target).kind in "iub":
        x = np.abs(np.real(x)).astype(x.dtype) if x.dtype.kind == "c" else np.abs(x)
        x = np.floor(x) if x.dtype.kind == "f" else x  # in range: casts of big floats differ
        x = np.minimum(x, 100).astype(x.dtype)
    if x.dtype.kind == "c" and np.dtype(target).kind != "c":
        target = x.dtype.name  # complex to real is undefined in the standard
    return Call((x, target), {"copy": draw(st.booleans())})


@st.composite
def _nonzero(draw: st.DrawFn) -> Call:
    return Call((draw(arrays(ALL, min_dims=1)),))


@st.composite
def _outer(draw: st.DrawFn) -> Call:
    dtypes = draw(st.sampled_from([INTEGER, REAL_FLOAT]))
    x1 = draw(arrays(dtypes, min_dims=1, max_dims=1, special=False, bound=10))
    x2 = draw(arrays(dtypes, min_dims=1, max_dims=1, special=False, bound=10))
    return Call((x1, x2))


@st.composite
def _cross(draw: st.DrawFn) -> Call:
    batch = draw(hnp.array_shapes(min_dims=0, max_dims=2, max_side=3))
    x1 = draw(arrays(REAL_FLOAT, shape=(*batch, 3), special=False, bound=10))
    x2 = draw(arrays(REAL_FLOAT, shape=(*batch, 3), special=False, bound=10))
    return Call((x1, x2), {"axis": -1})


@st.composite
def _trace(draw: st.DrawFn) -> Call:
    x = draw(arrays(NUMERIC, min_dims=2, special=False, bound=10))
    kwargs = {"offset": draw(st.integers(-2, 2)), **_dtype_kwarg(draw, x)}
    return Call((x,), kwargs)


def _linalg_of(matrices: Any, compare: str = "values", **kwargs: Any) -> Any:
    @st.composite
    def draw_call(draw: st.DrawFn) -> Call:
        return Call((draw(matrices),), {k: draw(v) for k, v in kwargs.items()}, compare)

    return draw_call()


@st.composite
def _solve(draw: st.DrawFn) -> Call:
    a = draw(_well_conditioned(REAL_FLOAT))
    b = draw(arrays([a.dtype.name], shape=(*a.shape[:-1], 2), special=False, bound=10))
    return Call((a, b))


@st.composite
def _matrix_power(draw: st.DrawFn) -> Call:
    return Call((draw(_square(REAL_FLOAT + SIGNED)), draw(st.integers(0, 3))))


STRATEGIES = _strategies()
FUNCTIONS = sorted(
    [
        *_names.standard_functions(),
        *("linalg." + n for n in _names.LINALG_FUNCTIONS),
        *("fft." + n for n in _names.FFT_FUNCTIONS),
    ]
)


# -- running and comparing -----------------------------------------------------------------


def _function(name: str) -> Callable[..., Any]:
    prefix, _, short = name.rpartition(".")
    return getattr(getattr(pa, prefix) if prefix else pa, short)  # type: ignore[no-any-return]


def _convert(value: Any, spec: str) -> Any:
    if isinstance(value, np.ndarray):
        return pa.to_backend(value, spec)
    if isinstance(value, list) and value and isinstance(value[0], np.ndarray):
        return [pa.to_backend(v, spec) for v in value]
    return value


def _run(name: str, call: Call, spec: str) -> tuple[Any, BaseException | None]:
    args = tuple(_convert(a, spec) for a in call.args)
    kwargs = {k: _convert(v, spec) for k, v in call.kwargs.items()}
    with pa.use_backend(spec), warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return _function(name)(*args, **kwargs), None
        except Exception as exc:
            return None, exc


_FAMILIES = (
    ZeroDivisionError,
    OverflowError,
    IndexError,
    ValueError,
    TypeError,
    NotImplementedError,
    RuntimeError,
)


def _exception_kind(exc: BaseException) -> type[BaseException]:
    """The most specific polyarray class, else the standard-library family."""
    for cls in type(exc).__mro__:
        if issubclass(cls, errors.PolyarrayError) and cls is not errors.PolyarrayError:
            return cls
    for family in _FAMILIES:
        if isinstance(exc, family):
            return family
    return type(exc)


def _host(x: Any) -> np.ndarray:
    return np.asarray(pa.to_numpy(x))


def _tolerance(dtype: np.dtype[Any]) -> tuple[float, float]:
    if dtype.kind not in "fc":
        return 0.0, 0.0
    single = dtype in (np.float32, np.complex64)
    return (2e-4, 1e-4) if single else (1e-9, 1e-9)


def _assert_arrays_match(expected: Any, actual: Any, where: str) -> None:
    exp, act = _host(expected), _host(actual)
    assert exp.dtype == act.dtype, f"{where}: dtype {act.dtype} != reference {exp.dtype}"
    assert exp.shape == act.shape, f"{where}: shape {act.shape} != reference {exp.shape}"
    if exp.dtype.kind == "c":
        # Compare the parts: infinities and NaN in complex numbers compare badly whole.
        exp = np.stack([exp.real, exp.imag])
        act = np.stack([act.real, act.imag])
    if exp.dtype.kind == "f":
        rtol, atol = _tolerance(exp.dtype)
        scale = float(np.nanmax(np.abs(exp[np.isfinite(exp)]), initial=1.0))
        np.testing.assert_allclose(
            act, exp, rtol=rtol, atol=atol * scale, equal_nan=True, err_msg=where
        )
    else:
        np.testing.assert_array_equal(act, exp, err_msg=where)


def _assert_match(expected: Any, actual: Any, where: str) -> None:
    if isinstance(expected, (tuple, list)):
        assert isinstance(actual, (tuple, list)), f"{where}: {type(actual)} is not a sequence"
        assert type(expected) is type(actual) or hasattr(expected, "_fields"), where
        assert len(expected) == len(actual), f"{where}: {len(actual)} != {len(expected)} items"
        for i, field_name in enumerate(getattr(expected, "_fields", ())):
            # Named results: the same fields by name on every backend.
            _assert_match(expected[i], getattr(actual, field_name), f"{where}.{field_name}")
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            _assert_match(e, a, f"{where}[{i}]")
    elif _is_dtype(expected):
        assert canonical_name(actual) == canonical_name(expected), (
            f"{where}: {actual} != {expected}"
        )
    elif hasattr(expected, "shape") and hasattr(expected, "dtype"):
        _assert_arrays_match(expected, actual, where)
    else:
        assert expected == actual, f"{where}: {actual!r} != reference {expected!r}"


def _is_dtype(value: Any) -> bool:
    try:
        canonical_name(value)
    except (errors.UnknownDtypeError, TypeError):
        return False
    return not isinstance(value, (str, bool, int, float, complex))


def _compare_invariants(name: str, call: Call, expected: Any, actual: Any) -> None:
    """Decompositions are unique only up to signs: compare what is unique."""
    x = call.args[0]
    if call.compare == "shape and dtype":
        assert _host(expected).shape == _host(actual).shape
        assert _host(expected).dtype == _host(actual).dtype
        return
    if call.compare == "eigh":
        _assert_match(expected.eigenvalues, actual.eigenvalues, f"{name}.eigenvalues")
        w, v = _host(actual.eigenvalues), _host(actual.eigenvectors)
        rebuilt = (v * w[..., None, :]) @ np.conj(np.swapaxes(v, -1, -2))
        np.testing.assert_allclose(rebuilt, x, rtol=1e-3, atol=1e-3 * np.abs(x).max())
        return
    if call.compare in ("eig", "eigvals"):
        # Eigenvalues of a general matrix come in no set order: match them as a multiset.
        values = expected if call.compare == "eigvals" else expected.eigenvalues
        found = actual if call.compare == "eigvals" else actual.eigenvalues
        _assert_same_multiset(_host(values), _host(found), f"{name} eigenvalues")
        if call.compare == "eig":
            w, v = _host(actual.eigenvalues), _host(actual.eigenvectors)
            assert v.dtype == _host(expected.eigenvectors).dtype
            np.testing.assert_allclose(
                x @ v, v * w[..., None, :], rtol=1e-3, atol=1e-3 * np.abs(x).max()
            )
        return
    if call.compare == "qr":
        q, r = _host(actual.Q), _host(actual.R)
        assert q.dtype == _host(expected.Q).dtype
        assert q.shape == _host(expected.Q).shape
        np.testing.assert_allclose(q @ r, x, rtol=1e-3, atol=1e-3 * np.abs(x).max())
        return
    if call.compare == "svd":
        _assert_match(expected.S, actual.S, f"{name}.S")
        u, s, vh = _host(actual.U), _host(actual.S), _host(actual.Vh)
        np.testing.assert_allclose(
            (u * s[..., None, :]) @ vh, x, rtol=1e-3, atol=1e-3 * np.abs(x).max()
        )
        return
    raise AssertionError(call.compare)


def _assert_same_multiset(expected: np.ndarray, actual: np.ndarray, where: str) -> None:
    assert expected.dtype == actual.dtype, f"{where}: dtype {actual.dtype} != {expected.dtype}"
    assert expected.shape == actual.shape, f"{where}: shape {actual.shape} != {expected.shape}"
    tolerance = 1e-3 * max(float(np.abs(expected).max(initial=0.0)), 1.0)
    for exp_row, act_row in zip(
        expected.reshape(-1, expected.shape[-1]), actual.reshape(-1, actual.shape[-1]), strict=True
    ):
        unused = list(act_row)
        for value in exp_row:
            nearest = min(range(len(unused)), key=lambda i: abs(unused[i] - value))
            assert abs(unused[nearest] - value) <= tolerance, f"{where}: {value} not found"
            unused.pop(nearest)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_function_has_a_strategy(name: str) -> None:
    assert name in STRATEGIES, f"add a strategy for pa.{name} to tests/test_differential.py"


@pytest.mark.parametrize("name", [n for n in FUNCTIONS if n in STRATEGIES])
@settings(
    max_examples=EXAMPLES,
    derandomize=DERANDOMIZE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_same_answer_as_numpy(backend: pa.Backend, name: str, data: st.DataObject) -> None:
    call = data.draw(STRATEGIES[name], label="call")
    expected, expected_error = _run(name, call, "numpy")
    actual, actual_error = _run(name, call, backend.spec)
    if expected_error is not None or actual_error is not None:
        assert expected_error is not None, f"only {backend.spec} raised: {actual_error!r}"
        assert actual_error is not None, f"only NumPy raised: {expected_error!r}"
        assert _exception_kind(expected_error) is _exception_kind(actual_error), (
            f"NumPy raised {expected_error!r}, {backend.spec} raised {actual_error!r}"
        )
        return
    if call.compare == "values":
        _assert_match(expected, actual, f"pa.{name}")
    else:
        _compare_invariants(name, call, expected, actual)
