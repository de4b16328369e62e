"""``pa.einsum``'s subscripts, read once for every backend.

NumPy, torch and JAX read einsum subscripts each their own way: JAX takes ``'i$'`` as
``'i'``, torch and JAX sum an ellipsis the output leaves out (NumPy refuses), and each
raises its own exception type for a size mismatch or a wrong operand count. Here the
subscripts are checked against the operands' shapes with NumPy's rules and one exception
type per mistake, and written out as an explicit equation (``'ij,jk->ik'``, no spaces,
the output of the implicit form spelled out), which each backend then hands to its own
``einsum``. The decisions are in docs/semantics/everyday.md.

No framework is imported here; ``polyarray`` is imported at the first call.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import Any

from polyarray.errors import BroadcastError, MatmulShapeError, ShapeError

__all__ = ["as_arrays", "common_dtype", "equation", "read"]

_LETTERS = frozenset(string.ascii_letters)
_LITERALS = (bool, int, float, complex, list, tuple)


def _pa() -> Any:
    import polyarray

    return polyarray


def _mistake(subscripts: str, what: str) -> ValueError:
    return ValueError(f"pa.einsum: the subscripts {subscripts!r} {what}.")


def _term(subscripts: str, term: str, where: str) -> tuple[str, str, bool]:
    """The labels before and after the ellipsis of one term, and whether it has one."""
    head, tail, ellipsis = term, "", False
    if "." in term:
        head, dots, tail = term.partition("...")
        if not dots or "." in head or "." in tail:
            raise _mistake(subscripts, f"hold a '.' outside an ellipsis ('...') in {where}")
        ellipsis = True
    for label in head + tail:
        if label not in _LETTERS:
            raise _mistake(
                subscripts, f"hold {label!r} in {where}: subscripts are letters (a-z, A-Z)"
            )
    return head, tail, ellipsis


def _broadcast(subscripts: str, shapes: list[tuple[int, ...]]) -> tuple[int, ...]:
    """The broadcast shape of the dimensions the operands' ellipses stand for."""
    ndim = max((len(s) for s in shapes), default=0)
    result = [1] * ndim
    for shape in shapes:
        for i, size in enumerate(shape, ndim - len(shape)):
            if size != result[i]:
                if result[i] != 1 and size != 1:
                    raise BroadcastError(
                        f"pa.einsum: the dimensions the ellipses ('...') of {subscripts!r} "
                        f"stand for, {' and '.join(str(s) for s in shapes)}, do not "
                        "broadcast together."
                    )
                if result[i] == 1:
                    result[i] = size
    return tuple(result)


#: The equations of calls seen, by subscripts and shapes: a loop calls einsum with the
#: same ones again and again, and a dictionary lookup is cheaper than reading them.
_SEEN: dict[tuple[Any, ...], tuple[str, bool, tuple[int, ...] | None]] = {}


def equation(subscripts: Any, operands: Sequence[Any]) -> tuple[str, bool, tuple[int, ...] | None]:
    """:func:`read` of ``subscripts`` for the shapes of ``operands``, from the cache."""
    key = (subscripts, *[o.shape for o in operands])
    try:
        return _SEEN[key]
    except KeyError:
        pass
    except TypeError:  # (an unhashable subscripts: read's TypeError)
        key = ()
    result = read(subscripts, [tuple(o.shape) for o in operands])
    if len(_SEEN) > 1024:
        _SEEN.clear()
    _SEEN[key] = result
    return result


def read(
    subscripts: Any, shapes: Sequence[tuple[int, ...]]
) -> tuple[str, bool, tuple[int, ...] | None]:
    """``subscripts`` checked against the operands' ``shapes``, as an explicit equation,
    whether the frameworks may answer it with a view of the operand (one operand, every
    label kept: a transpose or a diagonal), and the output's shape where the result is
    a sum of nothing (a summed label of size 0), else None: then the result is zeros.
    NumPy broadcasts a label of size 1 to another operand's 0 and sums nothing; torch
    and JAX multiplied the size-1 operand's entries in, so a NaN there gave NaN.

    A ``TypeError`` if ``subscripts`` is not a string; a ``ValueError`` for subscripts
    that are not letters, a stray ``'.'``, a repeated or unknown output label, an
    output without the ellipsis the inputs have, and a count of terms that is not the
    count of operands; a ``ShapeError`` for an operand whose dimensions are not its
    labels; a ``MatmulShapeError`` for a label of two sizes (1 broadcasts, as in NumPy);
    a ``BroadcastError`` for ellipses that do not broadcast.
    """
    if type(subscripts) is not str:
        raise TypeError(
            f"pa.einsum: subscripts must be a string such as 'ij,jk->ik', not "
            f"{type(subscripts).__name__} ({subscripts!r:.40})."
        )
    if not shapes:
        raise _mistake(subscripts, "need at least one operand after them")
    text = subscripts.replace(" ", "")
    inputs, arrow, output = text.partition("->")
    if "->" in output:
        raise _mistake(subscripts, "hold more than one '->'")
    terms = inputs.split(",")
    if len(terms) != len(shapes):
        raise _mistake(
            subscripts,
            f"name {len(terms)} operand(s), but {len(shapes)} are given; give one "
            "comma-separated term per operand",
        )
    sizes: dict[str, int] = {}
    counts: dict[str, int] = {}
    ellipses: list[tuple[int, ...]] = []
    for i, (term, shape) in enumerate(zip(terms, shapes, strict=True)):
        head, tail, ellipsis = _term(subscripts, term, f"operand {i}")
        ndim, labelled = len(shape), len(head) + len(tail)
        if ndim < labelled or (ndim != labelled and not ellipsis):
            raise ShapeError(
                f"pa.einsum: operand {i} has {ndim} dimension(s) (shape {shape}), but its "
                f"subscripts {term!r} name {labelled}"
                + ("" if ellipsis else "; write '...' for the dimensions not named")
                + "."
            )
        if ellipsis:
            ellipses.append(shape[len(head) : ndim - len(tail)])
        own: dict[str, int] = {}
        named = shape[: len(head)] + shape[ndim - len(tail) :]
        for label, size in zip(head + tail, named, strict=True):
            counts[label] = counts.get(label, 0) + 1
            if own.setdefault(label, size) != size:
                raise MatmulShapeError(
                    f"pa.einsum: label {label!r} is repeated in operand {i} (a diagonal) "
                    f"over dimensions of sizes {own[label]} and {size}; they must be equal."
                )
        for label, size in own.items():
            seen = sizes.get(label)
            if seen is None or seen == 1:
                sizes[label] = size
            elif size != 1 and size != seen:
                raise MatmulShapeError(
                    f"pa.einsum: label {label!r} has size {seen} in an earlier operand and "
                    f"{size} in operand {i}; a label's sizes must be equal (or 1)."
                )
    broadcast = _broadcast(subscripts, ellipses)
    if arrow:
        head, tail, ellipsis = _term(subscripts, output, "the output")
        for label in head + tail:
            if label not in sizes:
                raise _mistake(subscripts, f"name {label!r} in the output, but in no input")
        if len(set(head + tail)) != len(head + tail):
            raise _mistake(subscripts, "repeat a label in the output")
        if broadcast and not ellipsis:
            raise _mistake(
                subscripts,
                "leave out of the output the dimensions the inputs' '...' stand for; "
                "write '...' in the output (or sum them first)",
            )
    else:  # NumPy's implicit output: the ellipsis, then the labels seen once, sorted
        output = ("..." if ellipses else "") + "".join(
            sorted(label for label, count in counts.items() if count == 1)
        )
    view = len(terms) == 1 and set(output) >= set(terms[0])
    nothing = None
    if any(size == 0 and label not in output for label, size in sizes.items()):
        before, _, after = output.partition("...")
        nothing = (
            tuple(sizes[label] for label in before)
            + (broadcast if "..." in output else ())
            + tuple(sizes[label] for label in after)
        )
    return f"{','.join(terms)}->{output}", view, nothing


def common_dtype(operands: Sequence[Any]) -> Any:
    """The dtype of polyarray's promotion table for ``operands``, or None when they
    already share one (the common call: no promotion to look up)."""
    first = operands[0].dtype
    for operand in operands:
        if operand.dtype != first:
            return _pa().result_type(*operands)
    return None


def as_arrays(operands: tuple[Any, ...], array_type: type, asarray: Any) -> tuple[Any, ...]:
    """``operands`` with the Python scalars and lists among them made arrays as
    ``pa.asarray`` makes them (``asarray(value, like)``, beside the first array ``like``,
    None when there is none); anything else that is not an array is a ``TypeError``."""
    for operand in operands:  # (the common call: arrays only, one type test each)
        if type(operand) is not array_type:
            break
    else:
        return operands
    like = None
    for operand in operands:
        if isinstance(operand, array_type):
            like = operand
            break
    converted = []
    for i, operand in enumerate(operands):
        if not isinstance(operand, array_type):
            if not isinstance(operand, _LITERALS) and not hasattr(operand, "dtype"):
                raise TypeError(
                    f"pa.einsum: operand {i} is a {type(operand).__name__}; the operands "
                    "are arrays (or Python scalars and lists, made arrays as pa.asarray "
                    "makes them) of one backend."
                )
            operand = asarray(operand, like)
        converted.append(operand)
    return tuple(converted)
