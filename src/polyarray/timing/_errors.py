"""The one exception ``polyarray.timing`` raises for bad arguments and unreadable files."""

from __future__ import annotations

from polyarray.errors import PolyarrayError

__all__ = ["TimingError"]


class TimingError(PolyarrayError, ValueError):
    """A timing request cannot be carried out as asked; the message says what to change.

    Raised for invalid arguments (a negative ``min_time``, an unknown mode), a mode the
    backend cannot provide (``device`` mode without a device clock), a function that cannot
    be sent to a fresh process (``cold`` mode) and result files that are not
    ``polyarray.timing/1`` JSON (the message names the file and the field, as a JSON path
    such as ``results[3].times``; :func:`~polyarray.timing.load` raises nothing else).
    """
