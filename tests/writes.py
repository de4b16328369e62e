"""Writing into a result, where the backend's arrays can be written into at all."""

from __future__ import annotations

from typing import Any


def try_write(array: Any, index: Any, value: Any) -> None:
    """``array[index] = value``, unless the array refuses every write.

    A read-only NumPy array refuses with ``ValueError``, a JAX array (immutable) with a
    ``TypeError`` saying so: nothing is written then, which is what the tests that call
    this check afterwards.
    """
    try:
        array[index] = value
    except ValueError:
        pass
    except TypeError as exc:
        if "immutable" not in str(exc):
            raise
