"""The Dask backend: ``dask.array`` arrays of NumPy chunks, on a local scheduler or a cluster.

Like every backend module, this one is light: Dask is imported inside the methods.

A Dask array's chunks are NumPy arrays, and Dask implements NumPy's protocols: a NumPy
ufunc or function of Dask arrays (``np.add``, ``np.sum``, ``np.linalg.qr``...) builds the
same computation lazily, chunk by chunk (NEP 13 and NEP 18). So this backend is the NumPy
backend's rules and checks run on Dask arrays (the class derives from
:class:`~polyarray.backends.numpy.NumpyBackend`), and its own chapter modules are written
only where that is not enough: creation (chunked by Dask's ``array.chunk-size``), results
whose sizes depend on values (computed, as NumPy's shapes are promised), FFTs and linear
algebra that need whole axes in one chunk, and functions Dask does not implement.

Where the work runs follows Dask's conventions (:mod:`._scheduler`): a
``distributed.Client`` of the process, a scheduler named by ``DASK_SCHEDULER_ADDRESS``,
or else Dask's local threaded scheduler. Results stay lazy until ``pa.to_numpy``,
``float()``, ``bool()`` or printing compute them (docs/semantics.md).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from polyarray.backends._base import Capabilities, distribution_version
from polyarray.backends.numpy import NumpyBackend

if TYPE_CHECKING:
    from polyarray._grad_job import Job

__all__ = ["DaskBackend"]

_NO_GRADIENTS = (
    "pa.grad cannot differentiate Dask arrays: Dask has no automatic differentiation. "
    "Compute gradients on torch or jax (pa.to_backend(x, 'torch')), or differentiate "
    "each chunk there and combine the results."
)


# Dask's messages for the mistakes polyarray reports with one type (docs/errors.md), where
# they differ from NumPy's, compiled at the first error.
_DASK_MISTAKES = [
    (r"Shapes do not align|Stacked arrays must have the same shape", "shapes"),
    (r"total size of new array must be unchanged", "reshape"),
    (r"does not support scalars", "not 1-d"),
    (r"cannot squeeze axis with size other than one", "squeeze"),
    (r"Must have the same number of shifts as axes", "shapes"),
]


@functools.cache
def _dask_mistakes() -> list[Any]:
    from polyarray._rules import mistakes

    return mistakes.mistake_patterns(_DASK_MISTAKES)


def _chunks(shape: tuple[int, ...]) -> Any:
    from polyarray.backends.dask._arrays import chunks_for

    return chunks_for(shape)


class DaskBackend(NumpyBackend):
    """Dask arrays of NumPy chunks; the work runs where Dask's settings say."""

    name = "dask"
    module = "dask"
    extra = "dask"
    capabilities = Capabilities(autodiff=False, asynchronous=True, device_kinds=("cpu",))

    # Results are lazy graphs: timing computes each one (wait_for), not the device.
    waits_per_result = True

    def __init__(self, device: str | None = None) -> None:
        super().__init__(device)
        from polyarray.backends.dask import _scheduler

        _scheduler.connect()  # (DASK_SCHEDULER_ADDRESS: a client, once per process)

    @classmethod
    def _build_table(cls) -> dict[str, Callable[..., Any]]:
        import dask.array as da

        from polyarray.backends.dask._gathered import empty_gathered
        from polyarray.backends.numpy import _arrays

        _arrays.take_arrays_of(da.Array)  # (the NumPy backend's rules, on Dask arrays)
        table = super()._build_table()
        # Empty arrays are computed (for nothing) and NumPy decides: see empty_gathered.
        table.update({name: empty_gathered(function) for name, function in table.items()})
        return table

    @classmethod
    def array_types(cls) -> tuple[type, ...]:
        import dask.array as da

        return (da.Array,)

    def export(self, x: Any, *, to_host: bool) -> Any:
        # Computed here: pa.to_numpy, pa.to_backend and printing need the values.
        return super().export(x.compute(), to_host=to_host)

    # -- errors: NumPy's, and Dask's own words for the same mistakes -------------------

    def translate_error(self, exc: Exception, name: str, args: tuple[Any, ...]) -> Exception | None:
        translated = super().translate_error(exc, name, args)
        if translated is not None or not isinstance(exc, (ValueError, TypeError, IndexError)):
            return translated
        from polyarray._rules import mistakes

        mistake = mistakes.classify(_dask_mistakes(), exc)
        if mistake is None:
            return None
        detail = str(exc)
        return mistakes.mistake_error(
            mistakes.refine(mistake, name, args, detail), name, args, detail
        )

    # -- random numbers: Dask's generator, chunked as creation is --------------------------

    def new_rng(self, seed: int | None) -> Any:
        import dask.array as da

        return da.random.default_rng(seed)

    def standard_normal(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        return rng.standard_normal(shape, dtype=dtype, chunks=_chunks(shape))

    def random(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        return rng.random(shape, dtype=dtype, chunks=_chunks(shape))

    def integers(self, rng: Any, low: int, high: int, shape: tuple[int, ...], dtype: Any) -> Any:
        return rng.integers(low, high, shape, dtype=dtype, chunks=_chunks(shape))

    def exponential(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        return rng.standard_exponential(shape, dtype=dtype, chunks=_chunks(shape))

    def permutation(self, rng: Any, n: int) -> Any:
        import numpy as np

        return rng.permutation(n).astype(np.int64)

    # -- gradients: none (not borrowed from torch, as NumPy's are) ------------------------

    @classmethod
    def gradients_unavailable(cls) -> str | None:
        return _NO_GRADIENTS

    def differentiate(self, job: Job, leaves: list[Any]) -> tuple[Any, list[Any], Any]:
        raise NotImplementedError(f"{job.name}: {_NO_GRADIENTS}")

    def stop_gradient(self, x: Any) -> Any:
        return x  # (a Dask array is a constant already)

    # -- timing: computing is the work ---------------------------------------------------

    def wait_for(self, result: Any) -> None:
        from dask.base import compute

        from polyarray.backends.dask import _scheduler

        client = _scheduler.connect()
        if client is None:
            compute(result)
            return
        from distributed import futures_of, wait

        # On a cluster the results stay there (persisted), as a user's next step would
        # use them; the wait is bounded by the work itself.
        wait(futures_of(client.persist(result)))

    @classmethod
    def package_versions(cls) -> dict[str, str | None]:
        return {name: distribution_version(name) for name in ("dask", "distributed", "numpy")}

    @classmethod
    def timing_facts(cls, specs: Sequence[str]) -> dict[str, Any]:
        from polyarray.backends.dask import _arrays, _scheduler

        facts = super().timing_facts(specs)
        facts["dask_scheduler"] = _scheduler.describe()
        facts["dask_chunk_bytes"] = _arrays.chunk_bytes()
        return facts

    @contextlib.contextmanager
    def testing(self) -> Iterator[None]:
        from polyarray.backends.dask import _arrays

        # Every new array in halves along each axis: the tests' small arrays are then
        # several chunks, as users' large arrays are.
        token = _arrays.SPLIT_FOR_TESTS.set(True)
        try:
            yield
        finally:
            _arrays.SPLIT_FOR_TESTS.reset(token)

    @classmethod
    def where_work_runs(cls) -> str | None:
        from polyarray.backends.dask import _scheduler

        return _scheduler.describe()
