"""The exceptions polyarray raises.

Every error derives from :class:`PolyarrayError` *and* from the standard-library exception
a Python programmer would expect for that mistake (``ValueError``, ``TypeError``,
``IndexError``, ``ImportError``, ``RuntimeError``), so existing ``except`` clauses keep
working whatever the backend. Each message says what was wrong and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "AxisError",
    "BackendNotInstalledError",
    "BroadcastError",
    "DeviceUnavailableError",
    "EmptyReductionError",
    "IntegerDivisionByZeroError",
    "MatmulShapeError",
    "GradientError",
    "MixedBackendsError",
    "MixedDevicesError",
    "PolyarrayError",
    "PromotionError",
    "ReshapeError",
    "ScalarOverflowError",
    "ShapeError",
    "UnknownBackendError",
    "UnknownDtypeError",
]


class PolyarrayError(Exception):
    """Base class of every exception raised by polyarray itself."""


class UnknownBackendError(PolyarrayError, ValueError):
    """A backend spec names no registered backend, or is malformed."""


class BackendNotInstalledError(PolyarrayError, ImportError):
    """The backend exists but its framework is not installed here."""


class DeviceUnavailableError(PolyarrayError, RuntimeError):
    """The requested device (``torch:cuda``, say) is not present; polyarray never falls back."""


class MixedBackendsError(PolyarrayError, TypeError):
    """Arrays of two different backends were passed to one function."""


class MixedDevicesError(PolyarrayError, ValueError):
    """Arrays on two different devices were passed to one function."""


class UnknownDtypeError(PolyarrayError, TypeError):
    """A dtype argument names no data type of the standard."""


class ShapeError(PolyarrayError, ValueError):
    """Base class of the errors about array shapes that do not fit together."""


class BroadcastError(ShapeError):
    """Array shapes cannot be broadcast together."""


class ReshapeError(ShapeError):
    """``reshape`` to a shape whose size differs from the array's size."""


class MatmulShapeError(ShapeError):
    """``matmul``/``tensordot``/``vecdot``: the contracted dimensions differ."""


class AxisError(PolyarrayError, IndexError, ValueError):
    """An axis argument is out of range for the array's number of dimensions.

    An ``IndexError`` as in PyTorch and a ``ValueError`` as in NumPy (whose own
    ``AxisError`` is both), so either ``except`` clause catches it.
    """


class EmptyReductionError(PolyarrayError, ValueError):
    """A reduction without identity (``max``, ``min``, ``argmax``...) of an empty array."""


class PromotionError(PolyarrayError, TypeError):
    """Two dtypes have no common dtype (``uint64`` with a signed integer dtype)."""


class ScalarOverflowError(PolyarrayError, OverflowError):
    """A Python ``int`` next to an integer array does not fit in the array's dtype."""


class IntegerDivisionByZeroError(PolyarrayError, ZeroDivisionError):
    """Integer ``floor_divide`` or ``remainder`` by zero (NumPy and GPUs return garbage)."""


class GradientError(PolyarrayError, TypeError):
    """``pa.grad`` cannot differentiate this call: see the message for what to change.

    Raised, the same on every backend, when ``f`` returns something other than a real
    floating-point scalar array, when a differentiated argument is not a real floating-point
    array, or when ``f`` leaves polyarray (calls NumPy on a traced array, say) so that no
    gradient could flow.
    """
