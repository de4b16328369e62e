"""A local test cluster: a ``distributed.LocalCluster`` on 127.0.0.1, started and stopped
by the caller (the pytest plug-in's ``dask_client`` fixture, the scaling benchmark).

It binds to the loopback address only, serves no dashboard, and every wait is bounded:
starting, connecting and closing each time out rather than hang a test run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

__all__ = ["local_cluster"]

#: Seconds to start the cluster or connect to it before giving up.
START_TIMEOUT = 60


@contextlib.contextmanager
def local_cluster(
    workers: int = 2,
    *,
    threads: int = 1,
    memory_limit: str | int = "auto",
    default: bool = True,
) -> Iterator[Any]:
    """A client of a fresh ``LocalCluster`` of ``workers`` processes on 127.0.0.1, Dask's
    default scheduler while the block runs where ``default`` (else only where it is
    named: ``dask.config.set(scheduler=client)``); both closed at the block's end."""
    import dask
    from distributed import Client, LocalCluster

    # (distributed's comm timeouts bound each connection attempt, the cluster's start too)
    settings = {"distributed.comm.timeouts.connect": f"{START_TIMEOUT}s"}
    with dask.config.set(settings):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=threads,
            processes=True,
            host="127.0.0.1",
            # No dashboard; the scheduler's small HTTP server (health, metrics) that
            # distributed starts even so on port 8787 goes to a free loopback port, so
            # that two clusters can run at once.
            dashboard_address="127.0.0.1:0",
            scheduler_kwargs={"dashboard": False},
            memory_limit=memory_limit,
            silence_logs=40,  # (logging.ERROR: a killed worker's warnings are expected)
        )
        try:
            client = Client(cluster, timeout=START_TIMEOUT, set_as_default=default)
            try:
                yield client
            finally:
                client.close(timeout=START_TIMEOUT)
        finally:
            cluster.close(timeout=START_TIMEOUT)
