"""What every JAX chapter module shares: dtype tables, tracing, the rules' binding.

- The dtype tables (standard name <-> JAX dtype). JAX's dtypes are NumPy's dtype objects
  (``jnp.float32`` the type, ``x.dtype`` a ``numpy.dtype``); 64-bit types exist because
  the backend turns on ``jax_enable_x64`` when it loads (docs/semantics.md).
- :func:`concrete`: whether an array holds values Python may look at. Inside ``jax.jit``,
  ``jax.grad`` or ``jax.vmap`` of user code the arrays are tracers, and a rule that reads
  values (integer division by zero, indices out of range) would end the tracing with
  ``ConcretizationTypeError``: those rules are applied to concrete arrays only, and
  traced code gets JAX's own result there (docs/semantics.md, "Under jax.jit").
- :data:`OPS`, the :class:`~polyarray._rules.arrays.ArrayOps` of JAX arrays, through
  which the shared rules (:mod:`polyarray._rules`) run on JAX.
- Promotion of arrays by a cached lookup on their dtypes (:func:`promoted`,
  :func:`one_dtype`), as on NumPy: JAX's own table differs from the standard's
  (``int64`` with ``uint64`` gives ``float64`` there, polyarray refuses it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import jax
import jax.numpy as jnp
import numpy as np

from polyarray import _config, _names
from polyarray._dtypes import canonical_name
from polyarray._names import DTYPES
from polyarray._rules import arrays as array_rules
from polyarray._rules import promotion
from polyarray.errors import PromotionError

__all__ = [
    "ALL",
    "COMPLEX",
    "INTEGRAL",
    "NAME",
    "NATIVE",
    "OPS",
    "REAL_FLOATS",
    "Array",
    "Tracer",
    "all_finite",
    "concrete",
    "default_complex",
    "default_float",
    "host_view",
    "in_default_float",
    "native_dtype",
    "one_dtype",
    "promoted",
]

# polyarray's default integer is int64 and float64 is there on request: both need JAX's
# 64-bit mode, which this module sets before anything else of the backend runs.
_CONFIG: Any = jax.config  # (its update() is untyped)
_CONFIG.update("jax_enable_x64", True)

Array: Final = jax.Array
Tracer: Final = jax.core.Tracer
NATIVE: Final[dict[str, Any]] = {name: np.dtype(name) for name in DTYPES}
NAME: Final[dict[Any, str]] = {dtype: name for name, dtype in NATIVE.items()}
ALL: Final = frozenset(NAME)
INTEGRAL: Final = frozenset(NATIVE[n] for n in DTYPES if n == "bool" or "int" in n)
REAL_FLOATS: Final = frozenset({NATIVE["float32"], NATIVE["float64"]})
COMPLEX: Final = frozenset({NATIVE["complex64"], NATIVE["complex128"]})


def native_dtype(dtype: Any) -> Any:
    """The JAX dtype of any dtype argument (``UnknownDtypeError`` for others)."""
    return NATIVE[canonical_name(dtype)]


def default_float() -> Any:
    """polyarray's default float (float32 unless set otherwise)."""
    return NATIVE[_config.float_name]


def default_complex() -> Any:
    """The complex dtype paired with the default float."""
    return NATIVE[_config.complex_name]


def in_default_float(x: Any) -> Any:
    """``x``, or its integers and booleans in the default float (what FFTs and linear
    algebra compute them in; JAX would take float64 in 64-bit mode)."""
    if x.dtype.kind in "fc":
        return x
    return x.astype(NATIVE[_config.float_name])


def concrete(*arrays: Any) -> bool:
    """Whether none of ``arrays`` is a tracer: their values can be read in Python."""
    for array in arrays:  # noqa: SIM110 (a loop is cheaper than all() for one or two)
        if isinstance(array, Tracer):
            return False
    return True


def host_view(x: Any) -> np.ndarray[Any, Any] | None:
    """The concrete array ``x`` as a NumPy view of its buffer where it lives on one CPU
    device, else None: a check that reads values (NaN, zeros) is cheaper there in NumPy
    (about 1 to 3 us) than as a compiled reduction whose result is read (a dispatch and a
    wait for it), and leaves the result's own computation asynchronous."""
    devices = x.sharding.device_set
    if len(devices) == 1 and next(iter(devices)).platform == "cpu":
        return np.asarray(x)
    return None


#: Whether an array holds only finite values, as one compiled reduction.
_ALL_FINITE: Final = jax.jit(lambda x: jnp.isfinite(x).all())


def all_finite(x: Any) -> bool:
    """Whether the concrete array ``x`` holds no NaN or infinity: read in NumPy where it
    lives on the CPU (a view of its buffer, no dispatch), else one compiled reduction
    (two eager operations and ``bool()`` cost about 13 us, this 1 to 2 on the CPU). True
    where that reduction joins a trace (``x`` a constant of a traced function): as for
    tracers, the values are not read there."""
    if x.dtype.kind not in "fc":
        return True
    view = host_view(x)
    if view is not None:
        return bool(np.isfinite(view).all())
    flag = _ALL_FINITE(x)
    return not concrete(flag) or bool(np.asarray(flag))


class JaxOps(array_rules.ArrayOps):
    """The primitives the shared element-wise rules need, for JAX arrays."""

    array_type = Array  # tracers are instances too
    names = NAME
    integral = INTEGRAL
    # jax.numpy's element-wise functions take Python scalars as weak scalars, which keep
    # the array's dtype (as NumPy 2's do).
    takes_scalars = frozenset(_names.STANDARD_FUNCTIONS["element-wise"])

    def native(self, name: str) -> Any:
        return NATIVE[name]

    def cast(self, x: Any, name: str) -> Any:
        return x if NAME[x.dtype] == name else x.astype(NATIVE[name])

    def scalar(self, value: Any, name: str, like: Any) -> Any:
        return jnp.asarray(value, dtype=NATIVE[name])

    def full_bool(self, like: Any, fill: bool) -> Any:
        return jnp.full(like.shape, fill, dtype=jnp.bool_)

    def any(self, mask: Any) -> bool:
        # A traced mask has no truth value: the value rules are skipped under tracing.
        return concrete(mask) and bool(mask.any())


#: The shared rules' view of JAX arrays.
OPS: Final = JaxOps()


def _promoted_or_none(a: str, b: str) -> Any:
    try:
        return NATIVE[promotion.promote(a, b)]
    except PromotionError:
        return None


#: (dtype, dtype) -> the promoted dtype, for every pair of standard dtypes that has one.
_PAIRS: Final = {
    (a, b): dtype
    for a, a_name in NAME.items()
    for b, b_name in NAME.items()
    if (dtype := _promoted_or_none(a_name, b_name)) is not None
}


def promoted(x1: Any, x2: Any, name: str) -> tuple[Any, Any]:
    """``x1`` and ``x2`` as arrays of their promoted dtype (Python scalars too)."""
    try:
        a, b = x1.dtype, x2.dtype
    except AttributeError:  # a Python scalar
        pass
    else:
        if a == b and a in ALL:
            return x1, x2
        target = _PAIRS.get((a, b))
        if target is not None:
            return (x1 if a == target else x1.astype(target)), (
                x2 if b == target else x2.astype(target)
            )
    dtype_name = array_rules.promoted_name(OPS, [x1, x2], name)
    a1, a2 = array_rules.as_name(OPS, [x1, x2], dtype_name)
    return a1, a2


def one_dtype(arrays: Sequence[Any], name: str) -> Sequence[Any]:
    """``arrays`` cast to their promoted dtype; themselves when they share one."""
    if type(arrays) is not list and type(arrays) is not tuple:
        arrays = list(arrays)
    if arrays:
        first = arrays[0].dtype
        for array in arrays:
            if array.dtype != first:
                dtype_name = array_rules.promoted_name(OPS, list(arrays), name)
                return [OPS.cast(a, dtype_name) for a in arrays]
    return arrays
