"""One exception type per mistake: framework errors classified by their message and
re-raised as polyarray's documented types (see docs/errors.md).
"""

from __future__ import annotations

from typing import Any

#: The mistakes polyarray reports with one exception type on every backend.
BROADCAST, AXIS, RESHAPE, MATMUL, EMPTY_REDUCTION, SHAPES, SQUEEZE, FFT_LENGTH = (
    "broadcast",
    "axis",
    "reshape",
    "matmul",
    "empty reduction",
    "shapes",
    "squeeze",
    "fft length",
)


def _shapes(args: tuple[Any, ...]) -> list[tuple[int, ...]]:
    if args and all(isinstance(a, tuple) for a in args):  # broadcast_shapes(*shapes)
        return [tuple(a) for a in args]
    found: list[tuple[int, ...]] = []
    for arg in args:
        if hasattr(arg, "shape") and hasattr(arg, "dtype"):
            found.append(tuple(arg.shape))
        elif isinstance(arg, (list, tuple)):
            found.extend(_shapes(tuple(arg)))
    return found


def mistake_error(mistake: str, name: str, args: tuple[Any, ...], detail: str) -> Exception:
    """polyarray's exception for ``mistake`` in ``pa.name``, worded alike on every backend.

    ``detail`` (the framework's own message) is kept at the end, in parentheses.
    """
    from polyarray import errors

    shapes = ", ".join(str(s) for s in _shapes(args)) or "?"
    detail = detail.strip().splitlines()[0] if detail.strip() else ""
    if mistake == BROADCAST:
        from polyarray.backends._base import Backend

        return Backend.broadcast_error(name, _shapes(args), detail)
    if mistake == AXIS:
        return errors.AxisError(
            f"pa.{name}: an axis is out of range or repeated for input shape(s) {shapes}; "
            f"axes must lie in [-ndim, ndim) and be distinct ({detail})"
        )
    if mistake == RESHAPE:
        target = args[1] if len(args) > 1 else "?"
        return errors.ReshapeError(
            f"pa.{name}: cannot reshape an array of shape {shapes} into {target}: both must "
            f"hold the same number of elements ({detail})"
        )
    if mistake == MATMUL:
        return errors.MatmulShapeError(
            f"pa.{name}: the contracted dimensions of shapes {shapes} differ (for matmul, "
            f"the last axis of x1 and the second-to-last of x2) ({detail})"
        )
    if mistake == EMPTY_REDUCTION:
        return errors.EmptyReductionError(
            f"pa.{name} of an empty array (shape {shapes}) along the reduced axes is not "
            f"defined: {name} has no identity. Check the size first ({detail})"
        )
    if mistake == FFT_LENGTH:
        # A plain ValueError, as NumPy raises: there is no polyarray class for it.
        return ValueError(
            f"pa.{name}: the number of FFT points must be at least 1 ({detail}); pass n "
            "explicitly for inputs of length 1."
        )
    if mistake == SQUEEZE:
        return errors.ShapeError(
            f"pa.{name}: only axes of length 1 can be squeezed, and shape {shapes} has a "
            f"longer one among those asked for ({detail})"
        )
    return errors.ShapeError(
        f"pa.{name}: the shapes {shapes} do not fit together; all arrays must have the same "
        f"shape except along the joining axis ({detail})"
    )


def classify(patterns: list[tuple[Any, str]], exc: Exception) -> str | None:
    """The mistake whose pattern (a compiled regex) matches the exception's message."""
    from polyarray.errors import PolyarrayError

    if isinstance(exc, PolyarrayError):
        return None  # already polyarray's own
    message = str(exc)
    for pattern, mistake in patterns:
        if pattern.search(message):
            return mistake
    return None
