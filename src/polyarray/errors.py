"""The exceptions polyarray raises.

Every error derives from :class:`PolyarrayError` *and* from the standard-library exception
a Python programmer would expect for that mistake (``ValueError``, ``TypeError``,
``IndexError``, ``ImportError``, ``RuntimeError``), so existing ``except`` clauses keep
working whatever the backend. Each message says what was wrong and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "BackendNotInstalledError",
    "BroadcastError",
    "DeviceUnavailableError",
    "MixedBackendsError",
    "MixedDevicesError",
    "PolyarrayError",
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


class BroadcastError(PolyarrayError, ValueError):
    """Array shapes cannot be broadcast together."""
