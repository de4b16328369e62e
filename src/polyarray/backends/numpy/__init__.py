"""The NumPy backend: array-api-compat's NumPy namespace plus polyarray's decisions.

Like every backend module, this one is light: NumPy is imported inside the methods. The
functions that differ from array-api-compat live in
:mod:`polyarray.backends.numpy._functions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from polyarray._names import DTYPES
from polyarray.backends._base import Backend, Capabilities

__all__ = ["NumpyBackend"]

# NumPy's messages for the mistakes polyarray reports with one type (see docs/errors.md).
_MISTAKES = [
    (
        re.compile(
            r"could not be broadcast|shape mismatch|not broadcastable|input operand has more "
            r"dimensions than allowed by the axis remapping|broadcast_shapes"
        ),
        "broadcast",
    ),
    (
        re.compile(r"out of bounds for array of dimension|repeated axis|duplicate value in 'axis'"),
        "axis",
    ),
    (re.compile(r"cannot reshape array of size|can only specify one unknown dimension"), "reshape"),
    (re.compile(r"mismatch in its core dimension|shape-mismatch for sum"), "matmul"),
    (re.compile(r"zero-size array to reduction operation|empty sequence"), "empty reduction"),
    (
        re.compile(r"cannot select an axis to squeeze out|squeezed dimensions must be equal"),
        "squeeze",
    ),
    (re.compile(r"must have the same size along the given axis"), "matmul"),
    (
        re.compile(
            r"all the input array dimensions except for the concatenation axis|all input "
            r"arrays must have the same shape"
        ),
        "shapes",
    ),
]


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
    def fallback(cls) -> Mapping[str, Callable[..., Any]]:
        import array_api_compat.numpy as compat_numpy

        from polyarray.backends._base import namespace_functions
        from polyarray.backends.numpy import _functions as _numpy_functions

        return {**namespace_functions(compat_numpy), **_numpy_functions.overrides(compat_numpy)}

    @classmethod
    def _build_table(cls) -> dict[str, Callable[..., Any]]:
        from polyarray.backends.numpy import _functions as _numpy_functions

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

        if not isinstance(exc, (ValueError, IndexError)):
            return None
        from polyarray._rules import mistakes

        mistake = mistakes.classify(_MISTAKES, exc)
        if mistake is None:
            return None
        return mistakes.mistake_error(mistake, name, args, str(exc))

    @classmethod
    def array_types(cls) -> tuple[type, ...]:
        import numpy as np

        # NumPy scalars (what NumPy's own reductions return) count as NumPy arrays.
        return (np.ndarray, np.generic)
