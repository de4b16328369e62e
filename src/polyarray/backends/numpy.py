"""The NumPy backend: array-api-compat's NumPy namespace plus polyarray's decisions.

Like every backend module, this one is light: NumPy is imported inside the methods. The
functions that differ from array-api-compat live in
:mod:`polyarray.backends._numpy_functions`.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Any

from polyarray._names import DTYPES
from polyarray.backends._base import Backend, Capabilities
from polyarray.errors import BroadcastError

__all__ = ["NumpyBackend"]


class NumpyBackend(Backend):
    """NumPy on the CPU."""

    name = "numpy"
    module = "numpy"
    extra = None
    capabilities = Capabilities(autodiff=False, asynchronous=False, device_kinds=("cpu",))

    @classmethod
    def _load(cls) -> tuple[types.ModuleType, Mapping[str, Callable[..., Any]], dict[str, Any]]:
        import array_api_compat.numpy as compat_numpy
        import numpy as np

        from polyarray.backends import _numpy_functions

        natives: dict[str, Any] = {name: np.dtype(name) for name in DTYPES}
        return compat_numpy, _numpy_functions.overrides(compat_numpy), natives

    @classmethod
    def _build_table(cls) -> dict[str, Callable[..., Any]]:
        from polyarray.backends import _numpy_functions

        table = super()._build_table()
        # NumPy's scalar types (numpy.float32, the class) are dtype arguments too.
        for name, native in cls._natives.items():
            _numpy_functions.register_scalar_type(native.type, name)
        return table

    def export(self, x: Any, *, to_host: bool) -> Any:
        import numpy as np

        x = np.asarray(x)  # NumPy scalars too
        # torch aborts the process on DLPack tensors with negative strides (x[::-1]), so
        # such views are copied here rather than handed over.
        return x.copy() if any(stride < 0 for stride in x.strides) else x

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
        if isinstance(exc, ValueError) and "could not be broadcast" in str(exc):
            shapes = [tuple(a.shape) for a in args if hasattr(a, "shape")]
            return self.broadcast_error(name, shapes, str(exc))
        return None

    @classmethod
    def array_types(cls) -> tuple[type, ...]:
        import numpy as np

        # NumPy scalars (what NumPy's own reductions return) count as NumPy arrays.
        return (np.ndarray, np.generic)
