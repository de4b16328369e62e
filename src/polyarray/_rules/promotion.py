"""Type promotion, decided once for every backend: the standard's table plus polyarray's rules.

The standard defines the result dtype of two arrays of the same kind (integers with
integers, floats with floats and complex numbers) and of a Python scalar next to an array
of its kind. It leaves the rest undefined, and NumPy and PyTorch fill the gap differently
(``int32 + float32`` is float64 in NumPy and float32 in torch; ``uint64 + int64`` is
float64 in NumPy and an error in torch). polyarray's rules, the same on every backend:

- Arrays of the same kind: the standard's table (``uint8 + int8 -> int16``...).
- ``uint64`` with a signed integer: :class:`~polyarray.errors.PromotionError` (no integer
  dtype holds both; NumPy's float64 would silently lose precision).
- Booleans with numbers, integers with floats, and real with complex: the dtype of the
  higher kind, at the precision the higher-kind operand has (``int64 + float32 ->
  float32``, ``float64 + complex64 -> complex128``), as in PyTorch and JAX.
- A Python scalar next to an array keeps the array's dtype when it is of the same or a
  lower kind (``float32 array + 1.5 -> float32``; ``bool`` counts as an integer, an
  ``int`` as a float). An ``int`` out of the range of an integer array's dtype raises
  ``OverflowError``. A scalar of a higher kind gives the default dtype of that kind
  (``int32 array + 1.5 -> float32``, the default float), except that a complex scalar
  next to a float array keeps its precision (``float64 + 1j -> complex128``).

Everything here works on dtype *names* (``"int8"``), so it imports no framework.
"""

from __future__ import annotations

from itertools import combinations_with_replacement
from typing import Final

from polyarray import _config
from polyarray.errors import PromotionError, ScalarOverflowError

__all__ = [
    "KIND",
    "RANGES",
    "can_cast",
    "promote",
    "promote_scalar",
    "result_name",
    "scalar_fits",
]

#: Kind of each dtype, ordered: bool < integer < real floating < complex floating.
KIND: Final[dict[str, int]] = {
    "bool": 0,
    **dict.fromkeys(("int8", "int16", "int32", "int64"), 1),
    **dict.fromkeys(("uint8", "uint16", "uint32", "uint64"), 1),
    "float32": 2,
    "float64": 2,
    "complex64": 3,
    "complex128": 3,
}

#: (min, max) of every integer dtype.
RANGES: Final[dict[str, tuple[int, int]]] = {
    **{f"int{b}": (-(2 ** (b - 1)), 2 ** (b - 1) - 1) for b in (8, 16, 32, 64)},
    **{f"uint{b}": (0, 2**b - 1) for b in (8, 16, 32, 64)},
}

_BITS: Final = {"float32": 32, "float64": 64, "complex64": 32, "complex128": 64}
_FLOAT_OF_BITS: Final = {32: "float32", 64: "float64"}
_COMPLEX_OF_BITS: Final = {32: "complex64", 64: "complex128"}


def _integer_pair(a: str, b: str) -> str | None:
    # The smallest integer dtype whose range holds both ranges; the standard's table is
    # exactly this rule, and it leaves uint64 with any signed dtype undefined.
    low = min(RANGES[a][0], RANGES[b][0])
    high = max(RANGES[a][1], RANGES[b][1])
    prefix = "int" if low < 0 else "uint"
    for bits in (8, 16, 32, 64):
        name = f"{prefix}{bits}"
        if RANGES[name][0] <= low and RANGES[name][1] >= high:
            return name
    return None


def _pair(a: str, b: str) -> str | None:
    kind_a, kind_b = KIND[a], KIND[b]
    if kind_a == 1 and kind_b == 1:
        return _integer_pair(a, b)
    if kind_a != kind_b:
        low, high = (a, b) if kind_a < kind_b else (b, a)
        if KIND[high] == 3 and KIND[low] == 2:
            return _COMPLEX_OF_BITS[max(_BITS[low], _BITS[high])]
        return high
    if kind_a == 0:
        return "bool"
    bits = max(_BITS[a], _BITS[b])
    return _FLOAT_OF_BITS[bits] if kind_a == 2 else _COMPLEX_OF_BITS[bits]


_TABLE: Final[dict[tuple[str, str], str | None]] = {}
for _a, _b in combinations_with_replacement(KIND, 2):
    _TABLE[_a, _b] = _TABLE[_b, _a] = _pair(_a, _b)


def _standard_pair(a: str, b: str) -> bool:
    """Whether the standard itself defines the promotion of ``a`` and ``b``."""
    kind_a, kind_b = KIND[a], KIND[b]
    return kind_a == kind_b or {kind_a, kind_b} == {2, 3}


def promote(a: str, b: str) -> str:
    """The result dtype of arrays of dtypes ``a`` and ``b`` (names).

    Raises
    ------
    PromotionError
        For ``uint64`` with a signed integer dtype.
    """
    result = _TABLE[a, b]
    if result is None:
        raise PromotionError(
            f"{a} and {b} have no common dtype: no integer dtype holds every value of both, "
            "and the standard leaves the combination undefined. Convert one explicitly, "
            "e.g. pa.astype(x, pa.int64)."
        )
    return result


def scalar_fits(value: int, name: str) -> bool:
    """Whether the Python ``int`` ``value`` is representable in integer dtype ``name``."""
    low, high = RANGES[name]
    return low <= value <= high


def promote_scalar(name: str, value: object) -> str:
    """The result dtype of an array of dtype ``name`` with the Python scalar ``value``.

    Raises
    ------
    OverflowError
        If ``value`` is an ``int`` out of the range of the integer dtype ``name``.
    """
    kind = KIND[name]
    scalar_kind = {bool: 0, int: 1, float: 2, complex: 3}[type(value)]
    if scalar_kind <= kind:
        if kind == 1 and scalar_kind == 1 and not scalar_fits(value, name):  # type: ignore[arg-type]
            low, high = RANGES[name]
            raise ScalarOverflowError(
                f"Python int {value} is out of bounds for {name} (range {low} to {high}). "
                f"Convert the array to a wider dtype first, e.g. pa.astype(x, pa.int64)."
            )
        return name
    if scalar_kind == 1:
        return "int64"
    if scalar_kind == 2:
        return _config.default_float()
    if kind == 2:
        return _COMPLEX_OF_BITS[_BITS[name]]
    return _config.default_complex()


def result_name(names: list[str], scalars: list[object]) -> str:
    """The result dtype of arrays/dtypes named ``names`` and Python ``scalars``, in order.

    Arrays and dtypes are combined first, then the scalars, as the standard asks.
    """
    if not names:
        raise TypeError(
            "result_type needs at least one array or dtype; Python scalars alone have no "
            "dtype. Pass a dtype too, e.g. pa.result_type(pa.float32, 1.5)."
        )
    result = names[0]
    for name in names[1:]:
        result = promote(result, name)
    for value in scalars:
        result = promote_scalar(result, value)
    return result


def can_cast(from_: str, to: str) -> bool:
    """Whether ``from_`` promotes to ``to`` under the standard's own table (same kind).

    Cross-kind casts (``int32`` to ``float32``) are False: the standard does not define
    them, and they can lose information. ``astype`` performs them on request.
    """
    return from_ == to or (_standard_pair(from_, to) and _TABLE[from_, to] == to)
