"""What the dask backend adds to the rules every backend follows: chunks from Dask's own
setting, lazy results, sizes that depend on values computed, no gradients, and where the
work runs (a cluster named by Dask's ``scheduler-address``, a killed worker survived).

The cluster tests use the plug-in's ``dask_cluster`` fixture (a LocalCluster on
127.0.0.1, 2 worker processes); every wait in them is bounded.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import backends

pytestmark = pytest.mark.skipif(
    not backends.installed("dask"), reason="needs dask: pip install 'polyarray[dask]'"
)


@pytest.fixture
def on_dask() -> Iterator[pa.Backend]:
    with pa.use_backend("dask") as chosen:
        yield chosen


def test_creation_follows_daskss_chunk_size(on_dask: pa.Backend) -> None:
    import dask

    with dask.config.set({"array.chunk-size": "1KiB"}):
        x = pa.zeros(1000)  # float32: 256 elements in a chunk of 1 KiB
        y = pa.asarray(np.arange(1000, dtype=np.float64))
    assert x.chunks == ((256, 256, 256, 232),)
    assert y.chunks == ((128,) * 7 + (104,),)
    assert x.dtype == np.float32
    assert y.dtype == np.float64


def test_large_constant_arrays_are_built_lazily(on_dask: pa.Backend) -> None:
    import dask

    with dask.config.set({"array.chunk-size": "1MiB"}):
        x = pa.ones((50_000, 1_000))  # 200 MB: never held whole, chunks made on compute
    assert len(x.chunks[0]) > 1
    assert float(pa.sum(x[:10])) == 10_000.0


def _counting_computes() -> Any:
    from dask.callbacks import Callback

    class Count(Callback):  # type: ignore[misc]
        runs = 0

        def _start(self, dsk: Any) -> None:
            Count.runs += 1

    return Count


def test_results_stay_lazy_until_asked_for(on_dask: pa.Backend) -> None:
    import dask.array as da

    counter = _counting_computes()
    with counter():
        x = pa.reshape(pa.arange(12.0), (3, 4))
        y = pa.std(pa.matmul(x, pa.matrix_transpose(x)), axis=0) + pa.max(x)
        assert isinstance(y, da.Array)
        assert counter.runs == 0
        np.testing.assert_allclose(
            pa.to_numpy(y),
            np.std((a := np.arange(12.0).reshape(3, 4)) @ a.T, axis=0) + 11,
            rtol=1e-6,
        )
        assert counter.runs == 1


def test_sizes_that_depend_on_values_are_computed(on_dask: pa.Backend) -> None:
    x = pa.asarray([3, 1, 3, 0, 2, 0])
    values = pa.unique_values(x)
    (where,) = pa.nonzero(x)
    # NumPy's shapes, known before anything else is computed
    assert values.shape == (4,)
    assert where.shape == (4,)
    assert pa.to_numpy(values).tolist() == [0, 1, 2, 3]
    assert pa.to_numpy(where).tolist() == [0, 1, 2, 4]


def test_sorts_and_indices_span_chunks(on_dask: pa.Backend) -> None:
    import dask

    data = np.array([5.0, np.nan, 1.0, 5.0, -1.0, 1.0, np.nan, 0.0])
    with dask.config.set({"array.chunk-size": "16B"}):
        x = pa.asarray(data, dtype=pa.float64)
    assert len(x.chunks[0]) == 4
    assert pa.to_numpy(pa.argsort(x)).tolist() == np.argsort(data, kind="stable").tolist()
    values, indices = pa.max_with_indices(x)
    assert np.isnan(float(values))
    assert int(indices) == 1
    assert int(pa.max_with_indices(pa.asarray(data[2:6]))[1]) == 1  # first of the ties


def test_gradients_are_refused_with_what_to_do(on_dask: pa.Backend) -> None:
    def f(x: Any) -> Any:
        return pa.sum(x * x)

    with pytest.raises(NotImplementedError, match="torch or jax"):
        pa.grad(f)(pa.asarray([1.0, 2.0]))


# -- on a cluster ---------------------------------------------------------------------------


def test_scheduler_address_sends_the_work_to_the_cluster(dask_cluster: Any) -> None:
    import dask
    from distributed import get_task_stream

    from polyarray.backends.dask import _scheduler

    address = dask_cluster.scheduler.address
    try:
        with dask.config.set({"scheduler-address": address}), pa.use_backend("dask"):
            client = _scheduler.connect()
            assert client is not None
            assert client.scheduler.address == address
            with get_task_stream(client) as stream:
                x = pa.reshape(pa.arange(2_000.0), (40, 50))
                result = pa.to_numpy(pa.std(x, axis=0))
            assert {task["worker"] for task in stream.data} <= set(
                dask_cluster.scheduler_info()["workers"]
            )
            assert stream.data  # the workers did the work
            assert "2 workers" in _scheduler.describe()
    finally:
        _scheduler.disconnect()
    np.testing.assert_allclose(result, np.arange(2_000.0).reshape(40, 50).std(axis=0))


def test_a_killed_worker_does_not_lose_the_answer() -> None:
    import dask
    import dask.array as da

    from polyarray.backends.dask._cluster import local_cluster

    x = da.random.default_rng(0).random((4_000, 1_000), chunks=(250, 1_000))
    expected = float(x.sum().compute(scheduler="threads"))

    def slow(block: Any) -> Any:
        import time

        time.sleep(0.05)  # (long enough to kill a worker in the middle)
        return block

    # Its own cluster: the session's keeps both workers for the other tests.
    with local_cluster(2, default=False) as client:
        workers = list(client.scheduler_info()["workers"])
        pids = client.run(os.getpid, workers=[workers[0]])
        with dask.config.set(scheduler=client), pa.use_backend("dask"):
            total = pa.sum(x.map_blocks(slow))
            with ThreadPoolExecutor(1) as pool:
                running = pool.submit(total.compute)
                os.kill(pids[workers[0]], signal.SIGKILL)
                got = float(running.result(timeout=120))  # Dask recomputes lost chunks
    assert got == pytest.approx(expected, rel=1e-9)
