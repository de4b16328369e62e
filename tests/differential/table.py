"""The table of strategies: every function of the name table has one."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import strategies as st

from differential import calls as c
from differential import shape_calls
from differential.draw import (
    ALL,
    BOOL,
    COMPLEX,
    FLOAT,
    INTEGER,
    NUMERIC,
    REAL,
    REAL_FLOAT,
    Call,
    arrays,
    axis_kwargs,
    binary,
    reduction,
    spd,
    square_matrices,
    unary,
    well_conditioned,
)
from polyarray import _names


@st.composite
def _softmax(draw: st.DrawFn) -> Call:
    """``softmax``/``log_softmax``: an axis of the array (none for 0-d, an AxisError)."""
    x = draw(arrays(REAL_FLOAT + INTEGER + BOOL, special=True, bound=100))
    axis = draw(st.integers(-x.ndim, x.ndim - 1)) if x.ndim else -1
    return Call((x,), {"axis": axis})


@st.composite
def _quantile(draw: st.DrawFn, scale: float) -> Call:
    """``quantile``/``percentile``: levels as a number or a list (an empty slice, NaN and
    infinities included), an axis, keepdims and a method."""
    x = draw(arrays(REAL + BOOL, special=True, bound=100))
    level = st.floats(0, scale) | st.sampled_from([0.0, scale / 2, scale])
    q = draw(level | st.lists(level, max_size=3))
    kwargs = axis_kwargs(draw, x.ndim)
    kwargs["method"] = draw(st.sampled_from(["linear", "lower", "higher", "nearest", "midpoint"]))
    return Call((x, q), kwargs)


@st.composite
def _cov(draw: st.DrawFn, name: str) -> Call:
    """``cov``/``corrcoef``: 1-d or 2-d observations of any numeric dtype."""
    x = draw(arrays(NUMERIC + BOOL, min_dims=1, max_dims=2, special=False, bound=100))
    kwargs: dict[str, Any] = {"rowvar": draw(st.booleans())}
    if name == "cov":
        kwargs["correction"] = draw(st.sampled_from([0, 1, 2, 0.5]))
    return Call((x,), kwargs)


@st.composite
def _pad(draw: st.DrawFn) -> Call:
    """``pad``: an int, one pair, or one pair per axis; every mode; a fill value."""
    x = draw(arrays(ALL, special=True, bound=100))
    width = st.integers(0, 5)
    pad_width = draw(
        width
        | st.tuples(width, width)
        | st.tuples(*[st.tuples(width, width) for _ in range(x.ndim)])
    )
    mode = draw(st.sampled_from(["constant", "edge", "reflect", "symmetric", "wrap"]))
    kwargs: dict[str, Any] = {"mode": mode}
    if mode == "constant":
        kwargs["constant_values"] = draw(st.integers(-3, 3) | st.booleans())
    return Call((x, pad_width), kwargs)


def _strategies() -> dict[str, Any]:
    table: dict[str, Any] = {}
    for name in c.FLOAT_ONLY_UNARY:
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
    table["pow"] = c.pow()
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
        table[name] = c.shifts()
    for name in ["logical_and", "logical_or", "logical_xor"]:
        table[name] = binary(BOOL)
    table["clip"] = c.clip()

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
        table[name] = c.creation(name)
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
        table[name] = c.manipulation(name)
    for name in ["unstack", "broadcast_to", "matrix_transpose", "tril", "triu"]:
        table[name] = c.manipulation(name)
    table["linalg.matrix_transpose"] = c.manipulation("linalg.matrix_transpose")
    table["linalg.diagonal"] = c.manipulation("linalg.diagonal")
    for name in ["concat", "stack", "broadcast_arrays", "meshgrid"]:
        table[name] = c.several(name)
    for name in ["can_cast", "finfo", "iinfo", "isdtype", "result_type", "broadcast_shapes"]:
        table[name] = c.dtype_function(name)
    table["astype"] = c.astype()
    table["take"] = c.take("take")
    table["take_along_axis"] = c.take("take_along_axis")
    table["where"] = c.where()
    table["searchsorted"] = c.searchsorted()
    table["isin"] = c.isin()
    for name in ("argsort", "sort"):
        table[name] = c.sorting(name)
    for name in ("unique_all", "unique_counts", "unique_inverse", "unique_values"):
        table[name] = unary(REAL, special=False)
    table["nonzero"] = c.nonzero()
    table["count_nonzero"] = reduction(ALL)
    for name in ("argmax", "argmin"):
        table[name] = reduction(REAL, tuples=False, nonempty=True)
    for name in ("max", "min"):
        table[name] = reduction(REAL, nonempty=True)
    for name in ("sum", "prod"):
        table[name] = reduction(NUMERIC + BOOL, special=False, extra=c.dtype_kwarg)
    table["mean"] = reduction(FLOAT, nonempty=True, special=False)
    for name in ("std", "var"):
        table[name] = reduction(REAL_FLOAT, nonempty=True, special=False, extra=c.correction)
    for name in ("all", "any"):
        table[name] = reduction(ALL)
    for name in ("cumulative_sum", "cumulative_prod"):
        table[name] = c.cumulative()
    table["diff"] = c.diff()
    table["median"] = c.median()
    table["max_with_indices"] = c.with_indices()
    table["min_with_indices"] = c.with_indices()
    # The everyday functions (issue 13): NaN and infinities among the special values.
    for name in ("isclose", "allclose"):
        table[name] = binary(REAL_FLOAT + INTEGER)
    table["nansum"] = reduction(NUMERIC + BOOL, extra=c.dtype_kwarg)
    table["nanmean"] = reduction(REAL_FLOAT)
    for name in ("nanmax", "nanmin"):
        table[name] = reduction(REAL, nonempty=True)
    for name in ("nanargmax", "nanargmin"):
        table[name] = reduction(REAL, tuples=False, nonempty=True)
    for name in ("nanstd", "nanvar"):
        table[name] = reduction(REAL_FLOAT, nonempty=True, extra=c.correction)
    table["logsumexp"] = reduction(REAL_FLOAT + INTEGER)
    for name in ("softmax", "log_softmax"):
        table[name] = _softmax()
    table["sigmoid"] = unary(REAL_FLOAT + INTEGER + BOOL)
    table["quantile"] = _quantile(1.0)
    table["percentile"] = _quantile(100.0)
    table["cov"] = _cov("cov")
    table["corrcoef"] = _cov("corrcoef")
    table["pad"] = _pad()
    for name in ("einsum", "top_k", "diag", "one_hot", "split"):
        table[name] = getattr(shape_calls, name)()

    table["matmul"] = c.matmul(NUMERIC)
    table["linalg.matmul"] = c.matmul(REAL_FLOAT)
    table["tensordot"] = c.tensordot()
    table["linalg.tensordot"] = c.tensordot()
    table["vecdot"] = c.vecdot()
    table["linalg.vecdot"] = c.vecdot()
    table["linalg.outer"] = c.outer()
    table["linalg.cross"] = c.cross()
    table["linalg.trace"] = c.trace()
    table["linalg.cholesky"] = c.linalg_of(spd(REAL_FLOAT), upper=st.booleans())
    table["linalg.det"] = c.linalg_of(well_conditioned(REAL_FLOAT))
    table["linalg.inv"] = c.linalg_of(well_conditioned(REAL_FLOAT))
    table["linalg.slogdet"] = c.linalg_of(well_conditioned(REAL_FLOAT))
    table["linalg.solve"] = c.solve()
    # (square, invertible systems: lstsq's answer is solve's; stacks are refused alike)
    table["linalg.lstsq"] = c.solve()
    table["linalg.eigh"] = c.linalg_of(spd(REAL_FLOAT), compare="eigh")
    table["linalg.eigvalsh"] = c.linalg_of(spd(REAL_FLOAT))
    table["linalg.eig"] = c.linalg_of(well_conditioned(REAL_FLOAT + COMPLEX), compare="eig")
    table["linalg.eigvals"] = c.linalg_of(well_conditioned(REAL_FLOAT + COMPLEX), compare="eigvals")
    table["linalg.qr"] = c.linalg_of(well_conditioned(REAL_FLOAT), compare="qr")
    table["linalg.svd"] = c.linalg_of(
        well_conditioned(REAL_FLOAT), compare="svd", full_matrices=st.just(False)
    )
    table["linalg.svdvals"] = c.linalg_of(well_conditioned(REAL_FLOAT))
    table["linalg.pinv"] = c.linalg_of(well_conditioned(REAL_FLOAT))
    table["linalg.matrix_rank"] = c.linalg_of(well_conditioned(REAL_FLOAT))
    table["linalg.matrix_power"] = c.matrix_power()
    table["linalg.matrix_norm"] = c.linalg_of(
        square_matrices(REAL_FLOAT),
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
            table["fft." + name] = c.fftshift()
        elif name not in ("fftfreq", "rfftfreq"):
            table["fft." + name] = c.fft("fft." + name)
    return table


STRATEGIES = _strategies()
FUNCTIONS = sorted(
    [
        *_names.standard_functions(),
        *("linalg." + n for n in _names.LINALG_FUNCTIONS),
        *("fft." + n for n in _names.FFT_FUNCTIONS),
    ]
)
