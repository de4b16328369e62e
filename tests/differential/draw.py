"""Drawing the arrays, scalars and calls of each kind of function (valid inputs)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

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


def kind_scalar(dtype: str) -> st.SearchStrategy[Any]:
    """A Python scalar that may stand next to an array of ``dtype``: same kind, in range."""
    kind = np.dtype(dtype).kind
    if kind == "b":
        return st.booleans()
    if kind in "iu":
        info = np.iinfo(dtype)
        return st.integers(int(info.min), int(info.max))
    floats = st.floats(-100, 100, allow_subnormal=False) | st.sampled_from([0.0, math.inf])
    return floats if kind == "f" else st.builds(complex, floats, floats)


def scalar_for(dtype: str) -> st.SearchStrategy[Any]:
    """A Python scalar next to an array: of its kind, or of a higher kind, or out of range."""
    options = [kind_scalar(dtype)]
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
            scalar = draw(scalar_for(x1.dtype.name))
            return Call((x1, scalar) if draw(st.booleans()) else (scalar, x1))
        x2 = draw(arrays(dtypes, shape=shapes.input_shapes[1], special=special))
        return Call((x1, x2))

    return draw_call()


def axis_kwargs(draw: st.DrawFn, ndim: int, *, tuples: bool = True) -> dict[str, Any]:
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
        kwargs = axis_kwargs(draw, x.ndim, tuples=tuples)
        if extra is not None:
            kwargs.update(extra(draw, x))
        return Call((x,), kwargs)

    return draw_call()


def square_matrices(dtypes: list[str], *, max_side: int = 4, batch: bool = True) -> Any:
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
        x = draw(square_matrices(dtypes))
        return Call((x,), {k: draw(v) for k, v in kwargs.items()}, compare)

    return draw_call()


@st.composite
def well_conditioned(draw: st.DrawFn, dtypes: list[str]) -> np.ndarray:
    """A square matrix made diagonally dominant: invertible, solutions stable."""
    x = draw(square_matrices(dtypes))
    n = x.shape[-1]
    return x + np.eye(n, dtype=x.dtype) * (np.abs(x).sum(axis=-1, keepdims=True) + 1)


@st.composite
def spd(draw: st.DrawFn, dtypes: list[str]) -> np.ndarray:
    """A symmetric (Hermitian) positive-definite matrix."""
    x = draw(well_conditioned(dtypes))
    return (x @ np.conj(np.swapaxes(x, -1, -2))).astype(x.dtype)
