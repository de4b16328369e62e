"""The exceptions polyarray raises.

Every error derives from :class:`PolyarrayError` *and* from the standard-library exception
a Python programmer would expect for that mistake (``ValueError``, ``TypeError``,
``IndexError``, ``ImportError``, ``RuntimeError``), so existing ``except`` clauses keep
working whatever the backend. Each message says what was wrong and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "AllocationError",
    "AxisError",
    "BackendNotInstalledError",
    "BroadcastError",
    "DataDependentShapeError",
    "DeviceUnavailableError",
    "EmptyReductionError",
    "IntegerDivisionByZeroError",
    "LinAlgError",
    "MatmulShapeError",
    "GradientError",
    "MixedBackendsError",
    "MixedDevicesError",
    "NegativeSizeError",
    "PluginError",
    "PluginWarning",
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


class PluginError(PolyarrayError, ImportError):
    """A third-party backend named by a spec cannot be loaded.

    Its entry point (in the ``polyarray.backends`` group) names a module that is missing or
    raises when imported, or something that is not a :class:`~polyarray.Backend` subclass.
    The message names the distribution that registered it; the original error is the
    cause. Where polyarray merely looks through the installed backends, it leaves such a
    plug-in out with a :class:`PluginWarning` instead.
    """


class PluginWarning(UserWarning):
    """A broken third-party backend was left out (given once per plug-in and process).

    The message names the distribution, its entry point and the error; every other
    backend works as before. Naming the plug-in in a spec raises :class:`PluginError`.
    """


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


class NegativeSizeError(PolyarrayError, ValueError):
    """A size, count or dimension is negative.

    ``zeros(-1)``, ``ones((2, -1))``, ``eye(-1)``, ``linspace(0, 1, -1)``, ``repeat(x, -1)``,
    ``tile(x, (-1,))``, ``diff(x, n=-1)``: a ``ValueError``, as in NumPy (torch raised
    ``RuntimeError``).
    """


class AllocationError(PolyarrayError, MemoryError):
    """An array too large to make: more elements than the backend can count, or more bytes
    than the device's memory holds (``zeros((2**40, 2**30))``).

    A ``MemoryError``, which NumPy raises when memory runs out (it raised ``ValueError``
    for sizes it cannot count, torch ``RuntimeError`` or ``torch.OutOfMemoryError``).
    """


class LinAlgError(PolyarrayError, ValueError):
    """A matrix a ``pa.linalg`` function cannot work with: singular (``inv``, ``solve``),
    not positive definite (``cholesky``), not square or not at least 2-d, or one whose
    algorithm did not converge (NaN or infinity among the values).

    A ``ValueError``, as ``numpy.linalg.LinAlgError`` is (torch raised its
    ``torch.linalg.LinAlgError``, a ``RuntimeError``, or a plain ``RuntimeError``).
    """


class EmptyReductionError(PolyarrayError, ValueError):
    """A reduction without identity (``max``, ``min``, ``argmax``...) of an empty array."""


class PromotionError(PolyarrayError, TypeError):
    """Two dtypes have no common dtype (``uint64`` with a signed integer dtype)."""


class ScalarOverflowError(PolyarrayError, OverflowError):
    """A Python ``int`` next to an integer array does not fit in the array's dtype."""


class IntegerDivisionByZeroError(PolyarrayError, ZeroDivisionError):
    """Integer ``floor_divide`` or ``remainder`` by zero (NumPy and GPUs return garbage)."""


class DataDependentShapeError(PolyarrayError, TypeError):
    """A function whose result's shape depends on the values (``nonzero``, the
    ``unique_*`` functions) was given traced arrays, whose values are not known: inside
    ``jax.jit`` or ``jax.vmap`` of user code.

    A ``TypeError``, as JAX's ``ConcretizationTypeError`` (which it replaces) is. Call the
    function outside the traced code, or use a mask (``where``) of a fixed shape there.
    """


class GradientError(PolyarrayError, TypeError):
    """``pa.grad`` cannot differentiate this call: see the message for what to change.

    Raised, the same on every backend, when ``f`` returns something other than a real
    floating-point scalar array, when a differentiated argument is not a real floating-point
    array, or when ``f`` leaves polyarray (calls NumPy on a traced array, say) so that no
    gradient could flow.
    """


def __dir__() -> list[str]:
    # dir() shows the public names only, as dir(polyarray) does: the imports and helpers
    # above are no names for users.
    return list(__all__)
