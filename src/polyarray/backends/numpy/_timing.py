"""What ``polyarray.timing`` needs to know about NumPy: its BLAS build, pool and threads.

NumPy's heavy kernels (matmul, linalg) run in its BLAS library's thread pool. That pool is
seen and resized through threadpoolctl (the ``bench`` extra); without it the thread count
is unknown and cannot be set, but NumPy's build information still names the BLAS.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

__all__ = ["blas_build", "blas_threads", "limited_blas_threads"]


def blas_build() -> dict[str, Any] | None:
    """The BLAS NumPy was built with (``{"name": "scipy-openblas", "version": ...}``)."""
    import numpy

    try:
        show_config: Any = numpy.show_config  # typed as returning None in older stubs
        config = show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
        return {"name": blas.get("name"), "version": blas.get("version")}
    except (TypeError, KeyError, AttributeError):  # NumPy < 1.25 prints instead of returning
        return None


def blas_threads(threadpools: list[dict[str, Any]] | str) -> int | None:
    """The threads of NumPy's own BLAS pool, from threadpoolctl's view of the pools."""
    counts = [
        pool["threads"]
        for pool in (threadpools if isinstance(threadpools, list) else [])
        if pool["api"] == "blas" and pool["owner"] == "numpy"
    ]
    return counts[0] if counts else None


@contextlib.contextmanager
def limited_blas_threads(threads: int) -> Iterator[None]:
    """NumPy's BLAS (and every other BLAS loaded) limited to ``threads`` for the block."""
    try:
        import threadpoolctl  # type: ignore[import-untyped]
    except ImportError:
        from polyarray.timing._errors import TimingError

        raise TimingError(
            "setting NumPy's BLAS threads needs threadpoolctl: pip install 'polyarray[bench]'"
        ) from None
    import numpy  # noqa: F401 - load its BLAS so that the limit reaches it

    with threadpoolctl.threadpool_limits(limits=threads, user_api="blas"):
        yield
