"""The NumPy backend: NumPy's functions with polyarray's decisions.

Like every backend module, this one is light: NumPy is imported inside the methods. The
functions live in the chapter modules of this package (``creation.py``,
``elementwise.py``, ``statistical.py``, ``linalg.py``...), each a thin layer over NumPy;
what they share is in :mod:`polyarray.backends.numpy._arrays`.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from polyarray._names import DTYPES
from polyarray.backends._base import Backend, Capabilities
from polyarray.errors import BackendNotInstalledError

if TYPE_CHECKING:
    from polyarray._grad_job import Job

__all__ = ["NumpyBackend"]

# NumPy's messages for the mistakes polyarray reports with one type (see docs/errors.md),
# compiled at the first error, so that a program pays nothing for them at start-up.
_MISTAKE_PATTERNS = [
    (
        r"could not be broadcast|shape mismatch|not broadcastable|input operand has more "
        r"dimensions than allowed by the axis remapping|broadcast_shapes",
        "broadcast",
    ),
    (r"out of bounds for array of dimension|repeated axis|duplicate value in 'axis'", "axis"),
    (r"cannot reshape array of size|can only specify one unknown dimension", "reshape"),
    (r"mismatch in its core dimension|shape-mismatch for sum", "matmul"),
    (r"zero-size array to reduction operation|empty sequence", "empty reduction"),
    (r"cannot select an axis to squeeze out|squeezed dimensions must be equal", "squeeze"),
    (r"must have the same size along the given axis", "matmul"),
    (
        r"all the input array dimensions except for the concatenation axis|all input "
        r"arrays must have the same shape",
        "shapes",
    ),
]


@functools.cache
def _mistakes() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern), mistake) for pattern, mistake in _MISTAKE_PATTERNS]


class NumpyBackend(Backend):
    """NumPy on the CPU."""

    name = "numpy"
    module = "numpy"
    extra = None
    capabilities = Capabilities(autodiff=False, asynchronous=False, device_kinds=("cpu",))

    @classmethod
    def load_dtypes(cls) -> dict[str, Any]:
        import numpy as np

        return {name: np.dtype(name) for name in DTYPES}

    @classmethod
    def _build_table(cls) -> dict[str, Callable[..., Any]]:
        from polyarray.backends.numpy import data_types

        table = super()._build_table()
        # NumPy's scalar types (numpy.float32, the class) are dtype arguments too.
        for name, native in cls._natives.items():
            data_types.register_scalar_type(native.type, name)
        return table

    def export(self, x: Any, *, to_host: bool) -> Any:
        import numpy as np

        x = np.asarray(x)  # NumPy scalars too
        # torch aborts the process on DLPack tensors with negative strides (x[::-1]), so
        # such views are copied here rather than handed over.
        return x.copy() if any(stride < 0 for stride in x.strides) else x

    def read_only(self, x: Any) -> bool:
        flags = getattr(x, "flags", None)
        return flags is not None and not flags.writeable

    def new_rng(self, seed: int | None) -> Any:
        import numpy as np

        return np.random.default_rng(seed)

    def standard_normal(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        import numpy as np

        return np.asarray(rng.standard_normal(shape, dtype=dtype))

    def random(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        import numpy as np

        return np.asarray(rng.random(shape, dtype=dtype))

    def integers(self, rng: Any, low: int, high: int, shape: tuple[int, ...], dtype: Any) -> Any:
        import numpy as np

        return np.asarray(rng.integers(low, high, shape, dtype=dtype))

    def translate_error(self, exc: Exception, name: str, args: tuple[Any, ...]) -> Exception | None:

        if not isinstance(exc, (ValueError, IndexError)):
            return None
        from polyarray._rules import mistakes

        mistake = mistakes.classify(_mistakes(), exc)
        if mistake is None:
            return None
        return mistakes.mistake_error(mistake, name, args, str(exc))

    @classmethod
    def array_types(cls) -> tuple[type, ...]:
        import numpy as np

        # NumPy scalars (what NumPy's own reductions return) count as NumPy arrays.
        return (np.ndarray, np.generic)

    # -- gradients: NumPy has no autodiff, so pa.grad borrows torch's --------------------

    @classmethod
    def gradients_unavailable(cls) -> str | None:
        from polyarray import backends

        if backends.installed("torch"):
            return None
        return "pa.grad needs torch, which is not installed"

    def differentiate(self, job: Job, leaves: list[Any]) -> tuple[Any, list[Any], Any]:
        # Checked on every call (cheap once torch is imported), so that a missing torch is
        # reported however the call was reached.
        if self.gradients_unavailable() is not None:
            raise BackendNotInstalledError(
                f"{job.name} on the numpy backend computes gradients with PyTorch's autograd "
                "(on tensors sharing memory with the NumPy arrays), and torch is not "
                "installed. Run: pip install 'polyarray[torch]'"
            )
        from polyarray.backends.torch import gradients

        return gradients.differentiate_numpy(job, self, leaves)

    # -- timing facts (backends/numpy/_timing.py) ----------------------------------------

    @classmethod
    def timing_facts(cls, specs: Sequence[str]) -> dict[str, Any]:
        from polyarray.backends.numpy import _timing

        return {"numpy_blas_build": _timing.blas_build()}

    @classmethod
    def cpu_threads(cls, threadpools: list[dict[str, Any]] | str) -> int | None:
        from polyarray.backends.numpy import _timing

        return _timing.blas_threads(threadpools)

    @classmethod
    def limited_threads(cls, threads: int) -> contextlib.AbstractContextManager[None]:
        from polyarray.backends.numpy import _timing

        return _timing.limited_blas_threads(threads)
