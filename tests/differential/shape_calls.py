"""Strategies of ``einsum``, ``top_k``, ``diag``, ``one_hot`` and ``split`` (issue 13):
valid calls, which the campaign then mutates to the domain's edges."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from differential.draw import ALL, BOOL, INTEGER, NUMERIC, REAL, Call, arrays

#: einsum subscripts of every form: explicit, implicit, diagonals, ellipses, several
#: operands, an empty term.
_EQUATIONS = [
    "ij,jk->ik",
    "ij,jk",
    "ij->ji",
    "ba",
    "ii->i",
    "ii",
    "ij->",
    "i,i",
    "i,j->ij",
    "...ij,...jk->...ik",
    "i...->...i",
    "...i,...i->...",
    "bij,bjk,bkl->bil",
    ",i->i",
    "ij,ij->ij",
]


def _shape(term: str, sizes: dict[str, int], ellipsis: tuple[int, ...]) -> tuple[int, ...]:
    head, dots, tail = term.partition("...")
    return (
        tuple(sizes[c] for c in head) + (ellipsis if dots else ()) + tuple(sizes[c] for c in tail)
    )


@st.composite
def einsum(draw: st.DrawFn) -> Call:
    """An equation with operands of fitting shapes (1s that broadcast among them), of one
    dtype or of several."""
    subscripts = draw(st.sampled_from(_EQUATIONS))
    inputs = subscripts.partition("->")[0].split(",")
    sizes = {c: draw(st.integers(0, 3)) for c in sorted(set(subscripts) - set(",.->"))}
    one_dtype = draw(st.booleans())
    dtype = draw(st.sampled_from(NUMERIC + BOOL))
    operands = []
    for term in inputs:
        ellipsis = tuple(draw(st.lists(st.integers(1, 2), max_size=2)))
        shape = _shape(term, sizes, ellipsis)
        if draw(st.integers(0, 4)) == 0:  # a 1 where the others have the label's size
            shape = tuple(1 if draw(st.booleans()) else s for s in shape)
        if len(set(term)) != len(term):
            shape = _shape(term, sizes, ellipsis)  # (a diagonal's sizes stay equal)
        types = [dtype] if one_dtype else NUMERIC + BOOL
        operands.append(draw(arrays(types, shape=shape, special=True, bound=4)))
    if "..." in subscripts:  # one ellipsis shape for all, so that they broadcast
        operands = _common_ellipsis(subscripts, inputs, operands)
    return Call((subscripts, *operands))


def _common_ellipsis(subscripts: str, inputs: list[str], operands: list[Any]) -> list[Any]:
    """The operands with the dimensions of their ellipses made those of the first."""
    first = None
    result = []
    for term, x in zip(inputs, operands, strict=True):
        head, dots, tail = term.partition("...")
        if not dots:
            result.append(x)
            continue
        middle = x.shape[len(head) : x.ndim - len(tail)]
        if first is None:
            first = middle
        shape = x.shape[: len(head)] + first + x.shape[x.ndim - len(tail) :]
        result.append(np.resize(x, shape).astype(x.dtype))
    return result


@st.composite
def top_k(draw: st.DrawFn) -> Call:
    x = draw(arrays(REAL + BOOL, min_dims=1, special=True, bound=100))
    axis = draw(st.integers(-x.ndim, x.ndim - 1))
    k = draw(st.integers(0, x.shape[axis]))
    return Call((x, k), {"axis": axis, "largest": draw(st.booleans())})


@st.composite
def diag(draw: st.DrawFn) -> Call:
    x = draw(arrays(ALL, min_dims=1, max_dims=2, special=True))
    return Call((x,), {"k": draw(st.integers(-4, 4))})


@st.composite
def one_hot(draw: st.DrawFn) -> Call:
    x = draw(arrays(INTEGER, max_dims=2))
    if draw(st.booleans()):  # mostly labels in range, some out of it
        x = np.abs(x.astype(np.int64) % 5).astype(x.dtype)
    kwargs: dict[str, Any] = {"axis": draw(st.integers(-x.ndim - 1, x.ndim))}
    if draw(st.booleans()):
        kwargs["dtype"] = draw(st.sampled_from(["bool", "int32", "uint8", "float64"]))
    return Call((x, draw(st.integers(0, 5))), kwargs)


@st.composite
def split(draw: st.DrawFn) -> Call:
    x = draw(arrays(ALL, min_dims=1, special=True))
    axis = draw(st.integers(-x.ndim, x.ndim - 1))
    size = x.shape[axis]
    if draw(st.booleans()):
        sections: Any = draw(st.sampled_from([d for d in range(1, 5) if size % d == 0]))
    else:
        sections = draw(st.lists(st.integers(-size - 1, size + 1), max_size=3))
    return Call((x, sections), {"axis": axis})
