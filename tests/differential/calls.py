"""One strategy per public function, by chapter: the valid calls the mutations start from."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from differential.draw import (
    ALL,
    BOOL,
    COMPLEX,
    FLOAT,
    INTEGER,
    NUMERIC,
    REAL,
    REAL_FLOAT,
    SIGNED,
    Call,
    arrays,
    axis_kwargs,
    binary,
    kind_scalar,
    scalar_for,
    square_matrices,
    well_conditioned,
)

# -- the table: one strategy per public function ------------------------------------------

FLOAT_ONLY_UNARY = [
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
def creation(draw: st.DrawFn, name: str) -> Call:
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
def where(draw: st.DrawFn) -> Call:
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=3, max_dims=3, max_side=3))
    condition = draw(arrays(BOOL, shape=shapes.input_shapes[0]))
    x1 = draw(arrays(ALL, shape=shapes.input_shapes[1]))
    if draw(st.booleans()):
        return Call((condition, x1, draw(scalar_for(x1.dtype.name))))
    return Call((condition, x1, draw(arrays(ALL, shape=shapes.input_shapes[2]))))


@st.composite
def clip(draw: st.DrawFn) -> Call:
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
def matmul(draw: st.DrawFn, dtypes: list[str]) -> Call:
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
def tensordot(draw: st.DrawFn) -> Call:
    a, b, c = (draw(st.integers(1, 3)) for _ in range(3))
    axes = draw(st.sampled_from([0, 1, 2]))
    x1_shape, x2_shape = {0: ((a, b), (b, c)), 1: ((a, b), (b, c)), 2: ((a, b), (a, b))}[axes]
    dtypes = REAL_FLOAT
    x1 = draw(arrays(dtypes, shape=x1_shape, special=False, bound=10))
    x2 = draw(arrays(dtypes, shape=x2_shape, special=False, bound=10))
    return Call((x1, x2), {"axes": axes})


@st.composite
def vecdot(draw: st.DrawFn) -> Call:
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=1, max_dims=3))
    k = draw(st.integers(1, 4))
    s1, s2 = ((*s[:-1], k) for s in shapes.input_shapes)
    dtypes = draw(st.sampled_from([INTEGER, REAL_FLOAT, COMPLEX]))
    x1 = draw(arrays(dtypes, shape=s1, special=False, bound=10))
    x2 = draw(arrays(dtypes, shape=s2, special=False, bound=10))
    return Call((x1, x2), {"axis": -1})


@st.composite
def manipulation(draw: st.DrawFn, name: str) -> Call:
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
def several(draw: st.DrawFn, name: str) -> Call:
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
def sorting(draw: st.DrawFn, name: str) -> Call:
    x = draw(arrays(REAL, min_dims=1, special=True, bound=50))
    axis = draw(st.integers(-x.ndim, x.ndim - 1))
    return Call((x,), {"axis": axis, "descending": draw(st.booleans()), "stable": True})


@st.composite
def searchsorted(draw: st.DrawFn) -> Call:
    dtype = draw(st.sampled_from(REAL))
    x1 = np.sort(draw(arrays([dtype], min_dims=1, max_dims=1, special=False)))
    if draw(st.booleans()):
        x2: Any = draw(kind_scalar(dtype).filter(lambda v: v == v and abs(v) != math.inf))
    else:
        x2 = draw(arrays([dtype], special=False))
    return Call((x1, x2), {"side": draw(st.sampled_from(["left", "right"]))})


@st.composite
def take(draw: st.DrawFn, name: str) -> Call:
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
def isin(draw: st.DrawFn) -> Call:
    x1 = draw(arrays(REAL, special=False, bound=5))
    x2 = draw(arrays(REAL, special=False, bound=5))
    return Call((x1, x2), {"invert": draw(st.booleans())})


@st.composite
def diff(draw: st.DrawFn) -> Call:
    x = draw(arrays(REAL + COMPLEX, min_dims=1, special=False, bound=100))
    axis = draw(st.integers(-x.ndim, x.ndim - 1))
    kwargs: dict[str, Any] = {"axis": axis, "n": draw(st.integers(0, 2))}
    if draw(st.booleans()):
        shape = list(x.shape)
        shape[axis] = 1
        kwargs["prepend"] = draw(arrays([x.dtype.name], shape=tuple(shape), special=False))
    return Call((x,), kwargs)


@st.composite
def cumulative(draw: st.DrawFn) -> Call:
    x = draw(arrays(NUMERIC + BOOL, max_dims=2, special=False, bound=10))
    kwargs: dict[str, Any] = {"include_initial": draw(st.booleans())}
    if x.ndim > 1 or draw(st.booleans()):
        kwargs["axis"] = draw(st.integers(-x.ndim, x.ndim - 1)) if x.ndim else None
    if draw(st.integers(0, 3)) == 0:
        kwargs["dtype"] = draw(st.sampled_from(["int64", "float64", "uint64"]))
    return Call((x,), kwargs)


def dtype_kwarg(draw: st.DrawFn, x: np.ndarray) -> dict[str, Any]:
    if draw(st.integers(0, 3)):
        return {}
    return {"dtype": draw(st.sampled_from(["int64", "uint64", "float64", "complex128"]))}


def correction(draw: st.DrawFn, x: np.ndarray) -> dict[str, Any]:
    return {"correction": draw(st.sampled_from([0, 1, 0.5, 0.0]))}


@st.composite
def dtype_function(draw: st.DrawFn, name: str) -> Call:
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
def fft(draw: st.DrawFn, name: str) -> Call:
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
def fftshift(draw: st.DrawFn) -> Call:
    x = draw(arrays(NUMERIC, min_dims=1))
    return Call((x,), {"axes": draw(st.none() | st.just(tuple(range(x.ndim))))})


@st.composite
def median(draw: st.DrawFn) -> Call:
    x = draw(arrays(REAL, min_side=1, special=True, bound=100))
    return Call((x,), axis_kwargs(draw, x.ndim))


@st.composite
def with_indices(draw: st.DrawFn) -> Call:
    x = draw(arrays(REAL, min_side=1, special=True, bound=100))
    axis = draw(st.none() | st.integers(-x.ndim, x.ndim - 1)) if x.ndim else None
    return Call((x,), {"axis": axis, "keepdims": draw(st.booleans())})


@st.composite
def pow(draw: st.DrawFn) -> Call:
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
def shifts(draw: st.DrawFn) -> Call:
    dtype = draw(st.sampled_from(INTEGER))
    shape = _shape_draw(draw)
    x1 = draw(arrays([dtype], shape=shape))
    bits = np.dtype(dtype).itemsize * 8
    x2 = draw(hnp.arrays(np.dtype(dtype), shape, elements=st.integers(0, bits - 1)))
    return Call((x1, x2))


@st.composite
def astype(draw: st.DrawFn) -> Call:
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
def nonzero(draw: st.DrawFn) -> Call:
    return Call((draw(arrays(ALL, min_dims=1)),))


@st.composite
def outer(draw: st.DrawFn) -> Call:
    dtypes = draw(st.sampled_from([INTEGER, REAL_FLOAT]))
    x1 = draw(arrays(dtypes, min_dims=1, max_dims=1, special=False, bound=10))
    x2 = draw(arrays(dtypes, min_dims=1, max_dims=1, special=False, bound=10))
    return Call((x1, x2))


@st.composite
def cross(draw: st.DrawFn) -> Call:
    batch = draw(hnp.array_shapes(min_dims=0, max_dims=2, max_side=3))
    x1 = draw(arrays(REAL_FLOAT, shape=(*batch, 3), special=False, bound=10))
    x2 = draw(arrays(REAL_FLOAT, shape=(*batch, 3), special=False, bound=10))
    return Call((x1, x2), {"axis": -1})


@st.composite
def trace(draw: st.DrawFn) -> Call:
    x = draw(arrays(NUMERIC, min_dims=2, special=False, bound=10))
    kwargs = {"offset": draw(st.integers(-2, 2)), **dtype_kwarg(draw, x)}
    return Call((x,), kwargs)


def linalg_of(matrices: Any, compare: str = "values", **kwargs: Any) -> Any:
    @st.composite
    def draw_call(draw: st.DrawFn) -> Call:
        return Call((draw(matrices),), {k: draw(v) for k, v in kwargs.items()}, compare)

    return draw_call()


@st.composite
def solve(draw: st.DrawFn) -> Call:
    a = draw(well_conditioned(REAL_FLOAT))
    b = draw(arrays([a.dtype.name], shape=(*a.shape[:-1], 2), special=False, bound=10))
    return Call((a, b))


@st.composite
def matrix_power(draw: st.DrawFn) -> Call:
    return Call((draw(square_matrices(REAL_FLOAT + SIGNED)), draw(st.integers(0, 3))))
