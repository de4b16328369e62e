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
# beside mistakes.SHARED_MESSAGES, compiled at the first error, so that a program pays
# nothing for them at start-up.
_MISTAKE_PATTERNS = [
    (
        r"input operand has more dimensions than allowed by the axis remapping|broadcast_shapes|"
        r"broadcast a non-scalar to a scalar",
        "broadcast",
    ),
    (
        r"duplicate axes are not allowed|"
        # An axis beyond C int (NumPy's axes are C ints; torch: "Dimension out of range").
        r"integer won't fit into a C int|Python int too large to convert to C int",
        "axis",
    ),
    ("", "reshape"),
    (r"shape-mismatch for sum", "matmul"),
    ("", "empty reduction"),
    (r"squeezed dimensions must be equal", "squeeze"),
    (r"must have the same size along the given axis", "matmul"),
    (
        r"all input arrays must have the same shape",
        "shapes",
    ),
    (
        r"Number of samples, -\d+, must be non-negative|"
        r"repeats may not contain negative values|all elements of broadcast shape must be "
        r"non-negative|order must be non-negative",
        "negative size",
    ),
    (
        r"Maximum allowed dimension exceeded|cannot fit 'int' into an index-sized integer",
        "int overflow",
    ),
    (r"array is too big|Maximum allowed size exceeded|iterator is too large", "too large"),
    (r"Invalid number of FFT data points", "fft length"),
    ("", "fft norm"),
    (r"Invalid norm order|Unrecognized mode", "option"),
    (r"Shape and axes have different lengths", "fft s and axes"),
    (r"Input operand \d does not have enough dimensions", "not 1-d"),
]


#: The mistakes behind a bare IndexError of these functions.
_INDEX_ERRORS = {
    "tensordot": "axis",
    "linalg.tensordot": "axis",
    "fft.rfftn": "fft no axes",
    "fft.irfftn": "fft no axes",
}
#: The FFTs of real input, whose NumPy ufuncs raise a TypeError for complex input.
_REAL_INPUT_FFTS = frozenset({"fft.rfft", "fft.rfftn", "fft.ihfft"})


@functools.cache
def _mistakes() -> list[tuple[re.Pattern[str], str]]:
    from polyarray._rules import mistakes  # (with the messages every backend shares)

    return mistakes.mistake_patterns(_MISTAKE_PATTERNS)


def _mistake(exc: Exception, name: str) -> str | None:
    """The mistake behind NumPy's exception ``exc`` in ``pa.name``, or None."""
    import numpy as np

    from polyarray._rules import mistakes

    if isinstance(exc, np.linalg.LinAlgError):  # (a ValueError)
        return mistakes.LINALG
    if isinstance(exc, (ValueError, IndexError, OverflowError)):
        mistake = mistakes.classify(_mistakes(), exc)
        if mistake is None and isinstance(exc, IndexError):
            # NumPy's bare "tuple index out of range" of these: more axes than dims, or
            # (rfftn) none at all.
            return _INDEX_ERRORS.get(name)
        return mistake
    if isinstance(exc, MemoryError):  # NumPy's "Unable to allocate 8.00 TiB..."
        return mistakes.TOO_LARGE
    if not isinstance(exc, TypeError):
        return None
    if name in _REAL_INPUT_FFTS and "input types" in str(exc):
        return mistakes.FFT_REAL_INPUT  # NumPy's rfft ufuncs, of complex input
    if name == "bitwise_invert":
        return mistakes.BITWISE_FLOAT  # NumPy's "ufunc 'invert' not supported"
    if "from dtype('O')" in str(exc):
        # A ufunc of an object array: NumPy's array of a Python int beyond 64 bits
        # (linspace(0, 2**64, 3), fft(x, n=2**64)); polyarray makes no other.
        return mistakes.INT_OVERFLOW
    return None


def _byte_order_error(exc: KeyError, name: str) -> TypeError | None:
    """The error for a dtype of the other byte order, which polyarray looked up (and
    found no entry for), or None for another KeyError."""
    dtype: Any = exc.args[0] if exc.args else None
    if getattr(dtype, "isnative", True):
        return None
    return TypeError(
        f"pa.{name} takes arrays in this machine's byte order, not {dtype.str}; convert "
        "with pa.asarray(x) first (it copies the values)."
    )


class NumpyBackend(Backend):
    """NumPy on the CPU."""

    name = "numpy"
    module = "numpy"
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
        if not x.dtype.isnative:  # another byte order (read from a file, say): copied
            from polyarray._interop import native_byte_order

            return native_byte_order(x, None)
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

    def exponential(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        import numpy as np

        return np.asarray(rng.standard_exponential(shape, dtype=dtype))

    def permutation(self, rng: Any, n: int) -> Any:
        import numpy as np

        return rng.permutation(n).astype(np.int64, copy=False)

    def translate_error(self, exc: Exception, name: str, args: tuple[Any, ...]) -> Exception | None:
        from polyarray._rules import mistakes
        from polyarray.errors import PolyarrayError

        if isinstance(exc, PolyarrayError):
            return None  # already polyarray's own
        if mistakes.none_as_array(exc, args):
            return mistakes.mistake_error(mistakes.NONE_ARRAY, name, args, str(exc))
        if mistakes.too_few_dimensions(name, args):
            return mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, name, args, str(exc))
        if mistakes.scalar_product(name, args):  # (NumPy: AttributeError)
            return mistakes.mistake_error(mistakes.NOT_1D, name, args, str(exc))
        if isinstance(exc, KeyError):
            return _byte_order_error(exc, name)
        mistake = _mistake(exc, name)
        if mistake is None:
            return None
        detail = str(exc)
        return mistakes.mistake_error(
            mistakes.refine(mistake, name, args, detail), name, args, detail
        )

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
                "installed. Run: pip install torch (in a clone of polyarray: pip install -e "
                "'.[torch]')"
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
