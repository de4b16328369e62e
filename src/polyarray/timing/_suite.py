"""Benchmark cases and the seed suite that ``polyarray bench`` runs by default.

A :class:`Benchmark` says how to make NumPy inputs for a size and dtype, what the timed
call is, what NumPy computes for it (the correctness check made before timing) and how
much work one call does (its flops/bytes model). The runner makes the inputs once per case,
converts them to each backend with ``pa.to_backend`` outside the timed region, checks the
backend's answer against NumPy's, and only then times it.

Everything here is defined at module level (no lambdas) so that a case can be pickled and
re-created in a fresh process for ``cold`` mode.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polyarray as pa
from polyarray import _names
from polyarray.backends import Backend
from polyarray.timing._errors import TimingError

__all__ = ["SEED_SUITE", "Benchmark", "Prepared", "check_result", "select"]

#: Largest allowed max |error| / max |expected| when comparing with NumPy, per dtype.
TOLERANCE: dict[str, float] = {"float32": 1e-4, "float64": 1e-10}

_FLOATS = ("float32", "float64")
_REALS = ("int32", "int64", "float32", "float64")

Work = Callable[[int, int], float]


def _zero(size: int, itemsize: int) -> float:
    return 0.0


def _n_param(size: int) -> dict[str, Any]:
    return {"n": size}


@dataclass(frozen=True)
class Benchmark:
    """One benchmark: a timed call, its NumPy inputs and reference, and its work model.

    Attributes
    ----------
    name:
        Its name in tables and in ``--only``.
    run:
        The timed call: ``run(*inputs)``, or ``run(setup(), *inputs)`` when ``setup`` is
        given. Inputs that are NumPy arrays arrive converted to the backend being timed.
    inputs:
        ``inputs(size, dtype)``: the arguments, as NumPy arrays or plain Python values.
    reference:
        ``reference(*inputs)``: NumPy's answer from the same (NumPy) inputs.
    sizes, quick_sizes:
        The sizes run by default and with ``--quick``.
    dtypes, supported_dtypes:
        The dtypes run by default, and those ``--dtypes`` may choose from.
    flops, bytes:
        ``flops(size, itemsize)``: work per call, for GFLOP/s and GB/s.
    params:
        ``params(size)``: how the size is shown and matched between runs.
    setup:
        Made once per backend outside the timed region (``pa.grad(f)``), passed first.
    needs:
        A public polyarray name the benchmark needs (``"grad"``); skipped without it.
    description:
        One line for ``polyarray bench --list``.
    """

    name: str
    run: Callable[..., Any]
    inputs: Callable[[int, str], tuple[Any, ...]]
    reference: Callable[..., Any]
    sizes: tuple[int, ...]
    quick_sizes: tuple[int, ...]
    dtypes: tuple[str, ...] = ("float32",)
    supported_dtypes: tuple[str, ...] = _FLOATS
    flops: Work = _zero
    bytes: Work = _zero
    params: Callable[[int], dict[str, Any]] = _n_param
    setup: Callable[[], Any] | None = None
    needs: str | None = None
    description: str = ""

    def skip_reason(self, backend: Backend) -> str | None:
        """Why this benchmark cannot run on ``backend``, or None when it can."""
        if self.needs is not None:
            if self.needs not in _names.public_names():
                return f"pa.{self.needs} does not exist in this version of polyarray"
            try:
                getattr(pa, self.needs)
            except ImportError as exc:
                return f"pa.{self.needs} is not available here ({exc})"
            if self.needs == "grad":
                return backend.gradients_unavailable()
        return None

    def prepare(self, size: int, dtype: str, backend: Backend) -> Callable[[], Any]:
        """The zero-argument call to time on ``backend`` (inputs made and converted now)."""
        arguments = [
            pa.to_backend(value, backend) if _is_numpy_array(value) else value
            for value in self.inputs(size, dtype)
        ]
        if self.setup is not None:
            with pa.use_backend(backend):
                arguments.insert(0, self.setup())
        return functools.partial(self.run, *arguments)


def _is_numpy_array(value: Any) -> bool:
    import numpy as np

    return isinstance(value, np.ndarray)


@dataclass(frozen=True)
class Prepared:
    """A picklable recipe for one case, re-created in a fresh process by ``cold`` mode."""

    benchmark: Benchmark
    size: int
    dtype: str

    def __call__(self) -> Callable[[], Any]:
        from polyarray import _selection

        return self.benchmark.prepare(self.size, self.dtype, _selection.current())


def check_result(result: Any, expected: Any, dtype: str) -> str | None:
    """None when ``result`` matches NumPy's ``expected``, else what differs.

    Floating-point results may differ by the dtype's tolerance relative to the largest
    expected magnitude (summation order differs between libraries); integers must match.

    Examples
    --------
    >>> import numpy as np
    >>> check_result(np.ones(3), np.ones(3), "float64") is None
    True
    """
    import numpy as np

    got = result if isinstance(result, tuple) else (result,)
    want = expected if isinstance(expected, tuple) else (expected,)
    if len(got) != len(want):
        return f"returned {len(got)} array(s), NumPy returns {len(want)}"
    for index, (actual, reference) in enumerate(zip(got, want, strict=True)):
        actual = np.asarray(pa.to_numpy(actual))
        reference = np.asarray(reference)
        where = f"output {index}: " if len(want) > 1 else ""
        if actual.shape != reference.shape:
            return f"{where}shape {actual.shape}, NumPy gives {reference.shape}"
        if actual.dtype != reference.dtype:
            return f"{where}dtype {actual.dtype}, NumPy gives {reference.dtype}"
        if reference.size == 0:
            continue
        if np.issubdtype(reference.dtype, np.inexact):
            scale = max(float(np.max(np.abs(reference))), np.finfo(reference.dtype).tiny)
            error = float(np.max(np.abs(actual.astype(np.float64) - reference))) / scale
            tolerance = TOLERANCE.get(str(reference.dtype), TOLERANCE["float32"])
            if not error <= tolerance:  # also catches NaN
                return (
                    f"{where}max |error| is {error:.2g} of max |NumPy result| "
                    f"(tolerance {tolerance:g} for {reference.dtype})"
                )
        elif not np.array_equal(actual, reference):
            mismatches = int(np.count_nonzero(actual != reference))
            return f"{where}{mismatches} of {reference.size} values differ from NumPy's"
    return None


# -- inputs ---------------------------------------------------------------------------------


def _normal(shape: tuple[int, ...], dtype: str, seed: int = 0) -> Any:
    import numpy as np

    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


def _count_and_dtype(size: int, dtype: str) -> tuple[Any, ...]:
    return (size, dtype)


def _flat_image(size: int, dtype: str) -> tuple[Any, ...]:
    return (_normal((size * size * 3,), dtype), size)


def _image_and_vector(size: int, dtype: str) -> tuple[Any, ...]:
    return (_normal((size, size, 3), dtype), _normal((3,), dtype, seed=1))


def _image_stack(size: int, dtype: str) -> tuple[Any, ...]:
    return (_normal((5, size, size, 3), dtype),)


def _vector(size: int, dtype: str) -> tuple[Any, ...]:
    return (_normal((size,), dtype),)


def _two_matrices(size: int, dtype: str) -> tuple[Any, ...]:
    return (_normal((size, size), dtype), _normal((size, size), dtype, seed=1))


# -- timed calls and their NumPy references ------------------------------------------------------


def _linspace(n: int, dtype: str) -> Any:
    return pa.linspace(0.0, 1.0, n, dtype=dtype)


def _np_linspace(n: int, dtype: str) -> Any:
    import numpy as np

    return np.linspace(0.0, 1.0, n, dtype=dtype)


def _arange(n: int, dtype: str) -> Any:
    return pa.arange(n, dtype=dtype)


def _np_arange(n: int, dtype: str) -> Any:
    import numpy as np

    return np.arange(n, dtype=dtype)


def _reshape(x: Any, side: int) -> Any:
    return pa.reshape(x, (side, side, 3))


def _np_reshape(x: Any, side: int) -> Any:
    return x.reshape(side, side, 3)


def _multiply(image: Any, vector: Any) -> Any:
    return pa.multiply(image, vector)


def _np_multiply(image: Any, vector: Any) -> Any:
    return image * vector


def _mean(x: Any) -> Any:
    return pa.mean(x, axis=0)


def _np_mean(x: Any) -> Any:
    return x.mean(axis=0)


def _std(x: Any) -> Any:
    return pa.std(x, axis=0)


def _np_std(x: Any) -> Any:
    return x.std(axis=0)  # ddof=0: polyarray's documented default on every backend


def _max_with_indices(x: Any) -> Any:
    return tuple(pa.max_with_indices(x, axis=0))


def _np_max_with_indices(x: Any) -> Any:
    return (x.max(axis=0), x.argmax(axis=0))


def cube_sum(x: Any) -> Any:
    """``sum(x**3)``: the founding notebook's function, differentiated by the grad row."""
    return pa.sum(x**3)


def _grad_of_cube_sum() -> Any:
    return pa.grad(cube_sum)


def _call(function: Callable[..., Any], *arguments: Any) -> Any:
    return function(*arguments)


def _np_cube_sum_gradient(x: Any) -> Any:
    return 3 * x**2


def _matmul(a: Any, b: Any) -> Any:
    return pa.matmul(a, b)


def _np_matmul(a: Any, b: Any) -> Any:
    return a @ b


# -- work models (size, itemsize) -> flops or bytes -----------------------------------------------


def _per_element(flops_each: float, size: int, itemsize: int) -> float:
    return flops_each * size


def _elements_bytes(passes: float, size: int, itemsize: int) -> float:
    return passes * size * itemsize


def _image_flops(size: int, itemsize: int) -> float:
    return float(size * size * 3)


def _image_bytes(size: int, itemsize: int) -> float:
    return float((2 * size * size * 3 + 3) * itemsize)  # read the image and vector, write


def _stack_flops(per_element: float, size: int, itemsize: int) -> float:
    return per_element * 5 * size * size * 3


def _stack_bytes(index_bytes: int, size: int, itemsize: int) -> float:
    elements = 5 * size * size * 3
    return float(elements * itemsize + elements // 5 * (itemsize + index_bytes))


def _matmul_flops(size: int, itemsize: int) -> float:
    return 2.0 * size**3


def _matmul_bytes(size: int, itemsize: int) -> float:
    return 3.0 * size * size * itemsize  # read A and B, write C, once each


def _image_params(size: int) -> dict[str, Any]:
    return {"shape": f"{size}x{size}x3"}


def _stack_params(size: int) -> dict[str, Any]:
    return {"shape": f"5x{size}x{size}x3"}  # reduced over axis 0, the 5 images


def _reshape_params(size: int) -> dict[str, Any]:
    return {"shape": f"{size * size * 3}->{size}x{size}x3"}


SEED_SUITE: tuple[Benchmark, ...] = (
    Benchmark(
        "linspace",
        run=_linspace,
        inputs=_count_and_dtype,
        reference=_np_linspace,
        sizes=(1_000_000,),
        quick_sizes=(100_000,),
        flops=functools.partial(_per_element, 2.0),  # start + i * step
        bytes=functools.partial(_elements_bytes, 1.0),  # write the result
        description="n evenly spaced points in [0, 1]",
    ),
    Benchmark(
        "arange",
        run=_arange,
        inputs=_count_and_dtype,
        reference=_np_arange,
        sizes=(1_000_000,),
        quick_sizes=(100_000,),
        dtypes=("int64",),
        supported_dtypes=_REALS,
        bytes=functools.partial(_elements_bytes, 1.0),
        description="0, 1, ..., n-1",
    ),
    Benchmark(
        "reshape",
        run=_reshape,
        inputs=_flat_image,
        reference=_np_reshape,
        sizes=(256,),
        quick_sizes=(256,),
        params=_reshape_params,
        description="a flat array viewed as an image: no data moves, so this is overhead",
    ),
    Benchmark(
        "image_times_vector",
        run=_multiply,
        inputs=_image_and_vector,
        reference=_np_multiply,
        sizes=(256,),
        quick_sizes=(256,),
        flops=_image_flops,
        bytes=_image_bytes,
        params=_image_params,
        description="an RGB image times a 3-vector (broadcasting)",
    ),
    Benchmark(
        "mean",
        run=_mean,
        inputs=_image_stack,
        reference=_np_mean,
        sizes=(256,),
        quick_sizes=(256,),
        flops=functools.partial(_stack_flops, 1.0),
        bytes=functools.partial(_stack_bytes, 0),
        params=_stack_params,
        description="mean over a stack of 5 images",
    ),
    Benchmark(
        "std",
        run=_std,
        inputs=_image_stack,
        reference=_np_std,
        sizes=(256,),
        quick_sizes=(256,),
        flops=functools.partial(_stack_flops, 4.0),  # mean, subtract, square, sum
        bytes=functools.partial(_stack_bytes, 0),
        params=_stack_params,
        description="standard deviation over a stack of 5 images",
    ),
    Benchmark(
        "max_with_indices",
        run=_max_with_indices,
        inputs=_image_stack,
        reference=_np_max_with_indices,
        sizes=(256,),
        quick_sizes=(256,),
        flops=functools.partial(_stack_flops, 1.0),
        bytes=functools.partial(_stack_bytes, 8),  # int64 indices are written too
        params=_stack_params,
        description="maximum and its index over a stack of 5 images",
    ),
    Benchmark(
        "grad",
        run=_call,
        inputs=_vector,
        reference=_np_cube_sum_gradient,
        sizes=(1_000_000,),
        quick_sizes=(100_000,),
        # forward x**3 (2) and sum (1), backward 3 * x**2 * 1 (3); about 6 passes over n
        flops=functools.partial(_per_element, 6.0),
        bytes=functools.partial(_elements_bytes, 6.0),
        setup=_grad_of_cube_sum,
        needs="grad",
        description="gradient of sum(x**3) with pa.grad (3 x**2)",
    ),
    Benchmark(
        "matmul",
        run=_matmul,
        inputs=_two_matrices,
        reference=_np_matmul,
        sizes=(256, 1000, 2048),
        quick_sizes=(256, 1000),
        dtypes=_FLOATS,
        flops=_matmul_flops,
        bytes=_matmul_bytes,
        description="n x n matrix product",
    ),
)


def select(suite: Sequence[Benchmark], only: Sequence[str] | None = None) -> list[Benchmark]:
    """The benchmarks of ``suite`` named in ``only`` (all when None), in suite order."""
    if not only:
        return list(suite)
    by_name: Mapping[str, Benchmark] = {b.name: b for b in suite}
    unknown = [name for name in only if name not in by_name]
    if unknown:
        raise TimingError(
            f"no benchmark is called {', '.join(map(repr, unknown))}; choose from: "
            f"{', '.join(by_name)}"
        )
    wanted = set(only)
    return [b for b in suite if b.name in wanted]
