"""Switching backends is safe under concurrency: threads and asyncio tasks see no cross-talk.

``use_backend`` keeps its choice in a ``ContextVar``, so each thread and each asyncio task
has its own. Here 8 threads and 8 asyncio tasks each switch backends a thousand times,
create arrays inside every block and check, while the others are switching too, that
they got their own backend's arrays, that nested blocks restore the outer choice, and that
the test's own backend (the ``backend`` fixture) is untouched afterwards.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import polyarray as pa

WORKERS = 8
SWITCHES = 1000


@pytest.fixture
def partner(backend: pa.Backend) -> str:
    """Another backend to switch to, so every switch changes something."""
    others = [spec for spec in ("numpy", "torch") if spec != backend.name]
    available = [spec for spec in others if spec in pa.available_backends()]
    if not available:
        pytest.skip("needs a second installed backend to switch to")
    return available[0]


@pytest.fixture
def frequent_thread_switches() -> Iterator[None]:
    # Make the interpreter switch threads often, so blocks of different threads interleave.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def _array_type(spec: str) -> type:
    with pa.use_backend(spec):
        return type(pa.zeros(1))


def _one_switch(worker: int, step: int, specs: list[str], types: dict[str, type]) -> None:
    """One block: switch, create, nest the other backend, check both, leave."""
    spec = specs[(worker + step) % 2]
    other = specs[(worker + step + 1) % 2]
    with pa.use_backend(spec):
        x = pa.full((2,), float(step))
        assert type(x) is types[spec], f"worker {worker} step {step}: got {type(x)}"
        assert pa.get_backend().spec == spec
        with pa.use_backend(other):
            y = pa.arange(3)
            assert type(y) is types[other]
        # Leaving the inner block restores this worker's choice, not another worker's.
        assert pa.get_backend().spec == spec
        assert float(pa.sum(x)) == 2.0 * step


def test_threads_switching_see_no_cross_talk(
    backend: pa.Backend, partner: str, frequent_thread_switches: None
) -> None:
    specs = [backend.spec, partner]
    types = {spec: _array_type(spec) for spec in specs}
    start = threading.Barrier(WORKERS)
    failures: list[BaseException] = []
    completed = [0] * WORKERS

    def work(worker: int) -> None:
        try:
            start.wait()
            for step in range(SWITCHES):
                _one_switch(worker, step, specs, types)
                completed[worker] += 1
        except BaseException as exc:  # reported in the main thread below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures[0]
    assert completed == [SWITCHES] * WORKERS
    # The test's own context never saw the workers' choices.
    assert pa.get_backend() == backend
    assert type(pa.zeros(1)) is types[backend.spec]


def test_asyncio_tasks_switching_see_no_cross_talk(backend: pa.Backend, partner: str) -> None:
    specs = [backend.spec, partner]
    types = {spec: _array_type(spec) for spec in specs}

    async def work(worker: int) -> int:
        for step in range(SWITCHES):
            spec = specs[(worker + step) % 2]
            with pa.use_backend(spec):
                x = pa.full((2,), float(step))
                # Let every other task run (and switch) while this block is open.
                await asyncio.sleep(0)
                assert type(x) is types[spec]
                assert pa.get_backend().spec == spec
                assert type(pa.ones(1)) is types[spec]
            _one_switch(worker, step, specs, types)
        return worker

    async def main() -> list[int]:
        return list(await asyncio.gather(*(work(i) for i in range(WORKERS))))

    assert asyncio.run(main()) == list(range(WORKERS))
    assert pa.get_backend() == backend


def test_decorated_functions_in_threads_keep_their_backend(
    backend: pa.Backend, partner: str, frequent_thread_switches: None
) -> None:
    types = {spec: _array_type(spec) for spec in (backend.spec, partner)}

    @pa.use_backend(partner)
    def on_partner() -> Any:
        return pa.zeros(2)

    results: list[type] = []
    lock = threading.Lock()

    def work() -> None:
        # A new thread starts from the process default; put it on the test's backend.
        with pa.use_backend(backend):
            for _ in range(SWITCHES // 10):
                made = type(on_partner())
                # Outside the decorated call, this thread is back on the test's backend.
                here = type(pa.zeros(1))
                with lock:
                    results.extend([made, here])

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results[0::2] == [types[partner]] * (WORKERS * SWITCHES // 10)
    assert results[1::2] == [types[backend.spec]] * (WORKERS * SWITCHES // 10)


def test_new_threads_start_from_the_process_default(backend: pa.Backend, partner: str) -> None:
    # A use_backend block belongs to the thread that opened it: threads started inside it
    # begin at the process default (contextvars are not inherited by new threads).
    pa.set_backend(partner)  # the conftest fixture restores the process default
    seen: list[str] = []
    with pa.use_backend(backend):
        thread = threading.Thread(target=lambda: seen.append(pa.get_backend().spec))
        thread.start()
        thread.join()
        assert pa.get_backend() == backend
    assert seen == [partner]
