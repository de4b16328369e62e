"""What every NumPy chapter module shares: dtype tables, results, the rules' binding.

- The dtype tables (standard name <-> NumPy dtype) and the dtype sets the functions test
  membership in, so that a fast path costs one set lookup.
- polyarray returns arrays, NumPy returns NumPy *scalars* (``numpy.float32(1.5)``) from
  reductions and from functions of 0-d arrays: :func:`to_array` turns those into 0-d
  arrays (so ``pa.mean(x)`` is an ``ndarray`` here and a ``Tensor`` on torch).
- :data:`OPS`, the :class:`~polyarray._rules.arrays.ArrayOps` of NumPy arrays, through
  which the shared rules (:mod:`polyarray._rules`) run on NumPy.
- Promotion of arrays by a cached lookup on their dtypes (:func:`promoted_pair`,
  :func:`one_dtype`); Python scalars take the shared rule (their value matters).
- array-api-compat's common helpers, imported on first use (:func:`compat_aliases`,
  :func:`compat_linalg`): they are needed by a few functions only, and importing them
  with the first NumPy call would slow every program's start.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable, Sequence
from typing import Any, Final

import numpy as np

from polyarray import _config, _names
from polyarray._dtypes import canonical_name
from polyarray._names import DTYPES
from polyarray._rules import arrays as array_rules
from polyarray._rules import elementwise as elementwise_rules
from polyarray._rules import promotion, special_cases
from polyarray.errors import PromotionError

__all__ = [
    "ALL",
    "COMPLEX",
    "INTEGRAL",
    "NAME",
    "NATIVE",
    "NUMPY_PROMOTES_ALIKE",
    "OPS",
    "REAL_FLOATS",
    "check_cpu",
    "compat_aliases",
    "compat_linalg",
    "count_all_nonzero",
    "default_complex",
    "default_float",
    "generic",
    "in_dtype",
    "native_dtype",
    "ndarray",
    "one_dtype",
    "promoted",
    "promoted_pair",
    "take_arrays_of",
    "to_array",
    "without_invalid",
]

# Every function of this backend calls NumPy 2.1's own standard functions where they agree
# with polyarray (np.unstack, np.cumulative_sum, np.reshape(copy=), ...).
if tuple(int(part) for part in np.__version__.split(".")[:2]) < (2, 1):
    raise ImportError(
        f"polyarray's NumPy backend needs NumPy 2.1 or later, not {np.__version__}. "
        "Run: pip install -U numpy"
    )

ndarray: Final = np.ndarray
generic: Final = np.generic
#: Scalar types (numpy.float32), not dtype objects: NumPy's Python-level functions such
#: as linspace handle a dtype *object* through a slower path (about 500 ns more per call).
NATIVE: Final[dict[str, Any]] = {name: np.dtype(name).type for name in DTYPES}
#: Arrays carry dtype objects: names and kinds are looked up by those.
NAME: Final[dict[Any, str]] = {np.dtype(name): name for name in DTYPES}
ALL: Final = frozenset(NAME)
#: Booleans and integers: what the float-only functions convert to the default float.
INTEGRAL: Final = frozenset(np.dtype(n) for n in DTYPES if n == "bool" or "int" in n)
REAL_FLOATS: Final = frozenset({np.dtype(np.float32), np.dtype(np.float64)})
COMPLEX: Final = frozenset({np.dtype(np.complex64), np.dtype(np.complex128)})


# -- dtypes and devices -------------------------------------------------------------------


def native_dtype(dtype: Any) -> Any:
    """The NumPy scalar type of any dtype argument (``UnknownDtypeError`` for others)."""
    return NATIVE[canonical_name(dtype)]


def in_default_float(x: Any) -> Any:
    """``x``, or its integers and booleans in the default float: what the functions
    defined on real and complex numbers only (FFTs, linear algebra) compute them in
    (NumPy would use float64 whatever the default)."""
    if x.dtype.kind in "fc":
        return x
    return x.astype(NATIVE[_config.float_name])


def default_float() -> Any:
    """polyarray's default float (float32 unless set otherwise), as a NumPy type."""
    return NATIVE[_config.float_name]


def default_complex() -> Any:
    """The complex type paired with the default float."""
    return NATIVE[_config.complex_name]


def check_cpu(device: Any) -> None:
    """Refuse any device but the CPU (None stands for it)."""
    if device is not None and device != "cpu":
        raise ValueError(
            f"the NumPy backend has only the 'cpu' device, not {device!r}. "
            "Use the torch backend for other devices."
        )


# -- results ------------------------------------------------------------------------------


def to_array(result: Any) -> Any:
    """NumPy scalars (also inside tuples and lists) as 0-d arrays; anything else as is.

    Callers test ``type(result) is ndarray`` first, so arrays pay no call.
    """
    if isinstance(result, generic):
        return np.asarray(result)  # a 0-d array sharing the scalar's dtype
    if isinstance(result, tuple):
        items = [to_array(item) for item in result]
        return type(result)(*items) if hasattr(result, "_fields") else tuple(items)
    if isinstance(result, list):
        return [to_array(item) for item in result]
    return result


def in_dtype(result: Any, dtype: Any) -> Any:
    """``result`` (an array or a NumPy scalar) as an array of ``dtype``: itself where it
    has it. Unlike ``np.asarray(result, dtype)``, a Dask array stays lazy."""
    if type(result) is ndarray:
        return result if result.dtype == dtype else result.astype(dtype)
    if isinstance(result, generic):
        return np.asarray(result, dtype=dtype)
    return result.astype(dtype)


# -- tests of whole arrays ----------------------------------------------------------------

try:  # the C function np.count_nonzero calls without an axis, skipping its Python layer
    from numpy._core.multiarray import count_nonzero as _count_nonzero
except ImportError:  # another NumPy layout
    _count_nonzero = np.count_nonzero
#: The number of nonzero elements of a whole array: about ten times cheaper than
#: ``ndarray.any()`` or ``ndarray.all()`` on small arrays, for the tests on every input.
count_all_nonzero: Final[Callable[[Any], int]] = _count_nonzero


# -- floating-point warnings -------------------------------------------------------------

try:  # NumPy's own state behind np.errstate: a context variable holding a capsule
    from numpy._core._ufunc_config import _extobj_contextvar  # type: ignore[attr-defined]
    from numpy._core.umath import _make_extobj

    _EXTOBJ: Any = _extobj_contextvar
except ImportError:  # another NumPy layout: np.errstate itself
    _EXTOBJ = None
# The state with invalid operations quiet, by the state it modifies (usually NumPy's
# default, one entry); bounded, as each np.errstate block a caller enters makes a new one.
_QUIET: Final[dict[Any, Any]] = {}


def without_invalid(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)`` as under ``np.errstate(invalid="ignore")``, for less.

    np.errstate builds its object and a new NumPy state at every ``with`` (about 700 ns,
    more than a ufunc on a small array); here the quiet state is built once per outer
    state and set and reset in the context variable np.errstate itself sets (about
    150 ns). The other settings (``divide``, ``over``...) stay the caller's, as there.
    """
    if _EXTOBJ is None:
        with np.errstate(invalid="ignore"):
            return function(*args)
    current = _EXTOBJ.get()
    quiet = _QUIET.get(current)
    if quiet is None:
        quiet = _make_extobj(invalid="ignore")
        if len(_QUIET) < 64:
            _QUIET[current] = quiet
    token = _EXTOBJ.set(quiet)
    try:
        return function(*args)
    finally:
        _EXTOBJ.reset(token)


# -- the shared rules, bound to NumPy arrays ----------------------------------------------


class NumpyOps(array_rules.ArrayOps):
    """The primitives the shared element-wise rules need, for NumPy arrays."""

    # NumPy scalars count as arrays, as in dispatch (and Dask arrays: take_arrays_of)
    array_type: tuple[type, ...] = (ndarray, generic)
    names = NAME
    integral = INTEGRAL
    # Every ufunc takes Python scalars, as weak scalars (NEP 50, NumPy 2).
    takes_scalars = frozenset(_names.STANDARD_FUNCTIONS["element-wise"])

    def native(self, name: str) -> Any:
        return NATIVE[name]

    def cast(self, x: Any, name: str) -> Any:
        return x if NAME[x.dtype] == name else x.astype(NATIVE[name])

    def scalar(self, value: Any, name: str, like: Any) -> Any:
        return np.asarray(value, dtype=NATIVE[name])

    def full_bool(self, like: Any, fill: bool) -> Any:
        # (full_like, not full: of a Dask array, Dask's own, lazy; see take_arrays_of)
        return np.full_like(like, fill, dtype=np.bool_)

    def compute(self, name: str, native: Any, x1: Any, x2: Any) -> Any:
        if name == "floor_divide" and x1.dtype.kind == "f":
            # Infinite operands are "invalid" to NumPy; the result is then corrected to
            # the standard's (see special_cases.fix_floor_divide), so the warning would mislead.
            with np.errstate(invalid="ignore"):
                result = native(x1, x2)
        elif name == "divide" and x1.dtype.kind == "c":
            with np.errstate(invalid="ignore", divide="ignore"):
                result = special_cases.fix_complex_division_by_zero(np, x1, x2, native(x1, x2))
        elif name == "pow" and x1.dtype.kind == "f":
            with np.errstate(invalid="ignore"):
                result = special_cases.fix_pow_half(np, x1, x2, native(x1, x2))
        else:
            result = native(x1, x2)
        return result if type(result) is ndarray else to_array(result)

    def compute_unary(self, name: str, native: Any, x: Any) -> Any:
        if name in elementwise_rules.COMPLEX_FIXES and x.dtype.kind == "c":
            with np.errstate(invalid="ignore"):  # special cases corrected afterwards
                result = native(x)
        else:
            result = native(x)
        return result if type(result) is ndarray else to_array(result)


#: The shared rules' view of NumPy arrays.
OPS: Final = NumpyOps()


def take_arrays_of(array_type: type) -> None:
    """Let this backend's functions take arrays of ``array_type`` as arrays: arrays of
    NumPy chunks that implement NumPy's protocols (NEP 13 ufuncs, NEP 18 functions), on
    which NumPy's functions build the same computation. The dask backend calls it when it
    loads; NumPy arrays take the same paths as before."""
    if array_type not in OPS.array_type:
        OPS.array_type = (*OPS.array_type, array_type)


# -- promotion ----------------------------------------------------------------------------


def _promoted_or_none(a: str, b: str) -> Any:
    try:
        return np.dtype(promotion.promote(a, b))
    except PromotionError:
        return None  # uint64 with a signed integer: the shared rule raises


def _pairs() -> dict[tuple[Any, Any], Any]:
    pairs = {
        (a, b): _promoted_or_none(a_name, b_name)
        for a, a_name in NAME.items()
        for b, b_name in NAME.items()
    }
    return {pair: dtype for pair, dtype in pairs.items() if dtype is not None}


# (dtype, dtype) -> the promoted dtype, for every pair of standard dtypes that has one.
_PAIRS: Final = _pairs()
#: The pairs of real dtypes NumPy promotes as polyarray does (float32 with float64, int8
#: with int16...), with that dtype: a ufunc's own loop then computes in it already.
#: Complex dtypes are left out: NumPy's loops for a complex and a cast real operand
#: differ in NaN signs and warnings from those for two complex arrays.
NUMPY_PROMOTES_ALIKE: Final = {
    (a, b): dtype
    for (a, b), dtype in _PAIRS.items()
    if a is not b and dtype not in COMPLEX and np.promote_types(a, b) == dtype
}


def promoted_pair(a: Any, b: Any) -> Any:
    """The promoted dtype of arrays of dtypes ``a`` and ``b``, or None where the shared
    rule must decide (no common dtype, or a dtype outside the standard)."""
    return _PAIRS.get((a, b))


def promoted(x1: Any, x2: Any, name: str) -> tuple[Any, Any]:
    """``x1`` and ``x2`` as arrays of their promoted dtype (Python scalars too).

    Two arrays of one dtype come back as they are; arrays of two dtypes are cast after a
    cached lookup; Python scalars take the shared rule, which checks their range.
    """
    try:
        a, b = x1.dtype, x2.dtype
    except AttributeError:  # a Python scalar
        pass
    else:
        if a is b and a in ALL:
            return x1, x2
        target = _PAIRS.get((a, b))
        if target is not None:
            return (x1 if a is target else x1.astype(target)), (
                x2 if b is target else x2.astype(target)
            )
    dtype_name = array_rules.promoted_name(OPS, [x1, x2], name)
    a1, a2 = array_rules.as_name(OPS, [x1, x2], dtype_name)
    return a1, a2


def one_dtype(arrays: Sequence[Any], name: str) -> Sequence[Any]:
    """``arrays`` cast to their promoted dtype; themselves when they share one."""
    if type(arrays) is not list and type(arrays) is not tuple:
        arrays = list(arrays)  # any iterable, as NumPy takes (the dispatcher passes lists)
    if arrays:
        first = arrays[0].dtype
        for array in arrays:
            if array.dtype is not first:
                dtype_name = array_rules.promoted_name(OPS, list(arrays), name)
                return [OPS.cast(a, dtype_name) for a in arrays]
    return arrays


# -- array-api-compat's helpers, on first use ---------------------------------------------


@functools.cache
def compat_aliases() -> types.ModuleType:
    """``array_api_compat.common._aliases`` (its functions take ``xp=numpy``)."""
    from array_api_compat.common import _aliases

    return _aliases


@functools.cache
def compat_linalg() -> types.ModuleType:
    """``array_api_compat.common._linalg`` (its functions take ``xp=numpy``)."""
    from array_api_compat.common import _linalg

    return _linalg
