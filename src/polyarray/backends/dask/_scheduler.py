"""Where Dask's work runs, by Dask's own conventions.

- A ``distributed.Client`` made in this process is Dask's default scheduler from then on:
  ``compute()`` sends the graph to its cluster; polyarray does nothing more.
- Dask's ``scheduler-address`` setting (``DASK_SCHEDULER_ADDRESS``) names a running
  scheduler: polyarray connects a client to it when the dask backend is first used, so
  that the same program runs on the cluster without a line of Dask in it (Dask itself
  reads that setting only when a ``Client()`` is made).
- Otherwise Dask's local threaded scheduler runs the work: nothing to start.
"""

from __future__ import annotations

import sys
from typing import Any

import dask

__all__ = ["connect", "describe", "disconnect", "scheduler_address"]

#: The clients polyarray connected, by scheduler address (one per address and process).
_CONNECTED: dict[str, Any] = {}


def scheduler_address() -> str | None:
    """Dask's ``scheduler-address`` setting, or None where none is set."""
    address = dask.config.get("scheduler-address", None)
    return str(address) if address else None


def _current_client() -> Any:
    """The process's default ``distributed.Client``, or None (distributed is not imported
    here unless the program imported it: a client exists only then)."""
    if "distributed" not in sys.modules:
        return None
    from distributed import get_client

    try:
        return get_client()
    except ValueError:  # "No clients found"
        return None


def connect() -> Any:
    """The client the work goes to: the process's own, or one polyarray connects to the
    scheduler Dask's ``scheduler-address`` names; None for the local threaded scheduler.

    Raises
    ------
    polyarray.errors.DeviceUnavailableError
        If ``scheduler-address`` names a scheduler that cannot be reached.
    """
    client = _current_client()
    address = scheduler_address()
    if client is not None or address is None:
        return client
    known = _CONNECTED.get(address)
    if known is None or known.status in ("closed", "closing"):
        from distributed import Client

        from polyarray.errors import DeviceUnavailableError

        try:
            # (a bounded wait: Dask's default connect timeout, distributed.comm.timeouts)
            _CONNECTED[address] = Client(address, set_as_default=True)
        except OSError as exc:
            raise DeviceUnavailableError(
                f"Dask's scheduler-address setting (DASK_SCHEDULER_ADDRESS) names "
                f"{address!r}, but no scheduler answers there ({exc}). Start one (dask "
                "scheduler, or distributed.LocalCluster), or unset the setting to run on "
                "Dask's local threaded scheduler."
            ) from exc
    return _CONNECTED[address]


def describe() -> str:
    """Where the work runs now, in words, for ``polyarray info``."""
    client = _current_client()
    if client is None:
        address = scheduler_address()
        if address is not None:
            return f"scheduler {address} (set; connected at first use)"
        scheduler = dask.config.get("scheduler", None) or "threads"
        return f"local {scheduler} scheduler (no cluster)"
    try:
        workers = client.scheduler_info().get("workers", {})
    except OSError as exc:  # the scheduler went away
        return f"scheduler {client.scheduler.address} (unreachable: {exc})"
    threads = sum(int(worker.get("nthreads", 0)) for worker in workers.values())
    return f"scheduler {client.scheduler.address}: {len(workers)} workers, {threads} threads"


def disconnect() -> None:
    """Close the clients polyarray connected (Dask's default scheduler is then the one
    it was before: the local threaded scheduler, or the program's own client)."""
    while _CONNECTED:
        _, client = _CONNECTED.popitem()
        client.close()
