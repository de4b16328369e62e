"""The benchmark case of every public function on each backend: polyarray's call and the
native call that gives the same result.

A case is two statements over the same named inputs (``benchmarks/_inputs.py``), e.g.
``pa.argmax(x, axis=-1)`` and ``torch.argmax(x, dim=-1)``, timed by the same loop.

The native call is, by default, the framework's function of the same name with the same
arguments (``np.mean(x)``, ``np.linalg.solve(x1, x2)``, ``torch.fft.fft(x)``), with
torch's keyword names (``dim``, ``keepdim``). Where the framework's name differs,
``RENAMES`` gives it (``concat`` is ``torch.cat``); where arguments must differ,
``TEMPLATES`` writes the call out, ``{args}`` standing for the case's arguments
(``np.linspace({args}, dtype=np.float32)``: NumPy's default float is float64,
polyarray's float32). A template made with :class:`Expression` is not a single native call
but the shortest native expression that gives the same result; ``overhead.py`` marks
those cases.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import _inputs
from polyarray import _names


class Expression(str):
    """A native template that is an expression, not a single call of the framework."""

    __slots__ = ()


NUMPY_TEMPLATES: dict[str, str] = {
    # polyarray's default float is float32, NumPy's float64
    "asarray": "np.asarray({args}, dtype=np.float32)",
    "empty": "np.empty({args}, dtype=np.float32)",
    "eye": "np.eye({args}, dtype=np.float32)",
    "full": "np.full({args}, dtype=np.float32)",
    "linspace": "np.linspace({args}, dtype=np.float32)",
    "ones": "np.ones({args}, dtype=np.float32)",
    "zeros": "np.zeros({args}, dtype=np.float32)",
    "fft.fftfreq": Expression("np.fft.fftfreq({args}).astype(np.float32)"),
    "fft.rfftfreq": Expression("np.fft.rfftfreq({args}).astype(np.float32)"),
    # the standard's defaults that NumPy's functions lack or differ in
    "expand_dims": "np.expand_dims({args}, 0)",
    "take_along_axis": "np.take_along_axis({args}, axis=-1)",  # the default before 2.3
    "argsort": "np.argsort({args}, stable=True)",
    "sort": "np.sort({args}, stable=True)",
    # a 0-d array, as polyarray returns, where NumPy returns a Python int
    "count_nonzero": Expression("np.asarray(np.count_nonzero({args}))"),
    "max_with_indices": Expression("(np.max({args}), np.argmax({args}))"),
    "min_with_indices": Expression("(np.min({args}), np.argmin({args}))"),
    # complex results whatever the eigenvalues, as the standard asks (NumPy returns real
    # ones when every eigenvalue is real)
    "linalg.eig": Expression("[part.astype(np.complex64) for part in np.linalg.eig({args})]"),
    "linalg.eigvals": Expression("np.linalg.eigvals({args}).astype(np.complex64)"),
    # the everyday functions NumPy has no function for (polyarray's shared code runs them)
    "softmax": Expression("np_softmax({args})"),
    "log_softmax": Expression("np_log_softmax({args})"),
    "logsumexp": Expression("np_logsumexp({args})"),
    "sigmoid": Expression("np.exp(-np.logaddexp(0, -{args}))"),
    # float32 stays float32 in polyarray's cov (NumPy's gives float64)
    "cov": "np.cov({args}, dtype=np.float32)",
    # top_k and one_hot, which NumPy has no function for; diag of a matrix is a copy
    "top_k": Expression("np_top_k(x, 4)"),
    "one_hot": Expression("np.eye(10, dtype=np.float32)[x]"),
    "diag": Expression("np.diag(x).copy()"),
    "corrcoef": "np.corrcoef({args}, dtype=np.float32)",
    # polyarray's rank is a Python int (NumPy's an int32 scalar)
    "linalg.lstsq": Expression("with_int_rank(np.linalg.lstsq({args}))"),
}

TORCH_RENAMES: dict[str, str] = {
    "bitwise_invert": "bitwise_not",
    "broadcast_arrays": "broadcast_tensors",
    "concat": "cat",
    "cumulative_prod": "cumprod",
    "cumulative_sum": "cumsum",
    "equal": "eq",
    "max_with_indices": "max",
    "min_with_indices": "min",
    "moveaxis": "movedim",
    "permute_dims": "permute",
    "repeat": "repeat_interleave",
    "unstack": "unbind",
    "vecdot": "linalg.vecdot",
    "linalg.outer": "outer",
    "linalg.tensordot": "tensordot",
    "linalg.trace": "trace",
}

TORCH_TEMPLATES: dict[str, str] = {
    "astype": "x.to(torch.float64)",
    # torch.positive returns x itself; polyarray's is new memory, as NumPy's
    "positive": "torch.clone({args})",
    "matrix_transpose": "x.mT",
    "linalg.matrix_transpose": "x.mT",
    "meshgrid": 'torch.meshgrid({args}, indexing="xy")',
    "expand_dims": "torch.unsqueeze({args}, 0)",
    "flip": "torch.flip({args}, (0, 1))",
    "take_along_axis": "torch.take_along_dim({args}, dim=-1)",
    "nonzero": "torch.nonzero({args}, as_tuple=True)",
    "argsort": "torch.argsort({args}, stable=True)",
    "std": "torch.std({args}, correction=0)",
    "var": "torch.var({args}, correction=0)",
    # torch.median takes the lower of the two middle values
    "median": "torch.quantile({args}, 0.5)",
    "unique_counts": "torch.unique({args}, return_counts=True)",
    "unique_inverse": "torch.unique({args}, return_inverse=True)",
    "unique_values": "torch.unique({args})",
    "isdtype": Expression("torch.float64.is_floating_point"),
    "result_type": Expression("torch.promote_types(x1.dtype, torch.float64)"),
    "sort": Expression("torch.sort({args}, stable=True).values"),
    "unique_all": Expression("torch_unique_all({args})"),
    "softmax": "torch.softmax({args}, -1)",
    "log_softmax": "torch.log_softmax({args}, -1)",
    "logsumexp": "torch.logsumexp({args}, dim=(0, 1))",
    # the NaN reductions torch lacks, written out as polyarray's shared code does
    "nanmax": Expression("torch.where(torch.isnan({args}), -torch.inf, {args}).max()"),
    "nanmin": Expression("torch.where(torch.isnan({args}), torch.inf, {args}).min()"),
    "nanargmax": Expression("torch.where(torch.isnan({args}), -torch.inf, {args}).argmax()"),
    "nanargmin": Expression("torch.where(torch.isnan({args}), torch.inf, {args}).argmin()"),
    "nanvar": Expression("torch.var({args}[~torch.isnan({args})], correction=0)"),
    "nanstd": Expression("torch.std({args}[~torch.isnan({args})], correction=0)"),
    "percentile": "torch.quantile(x, 0.5)",
    "pad": "torch.nn.functional.pad(x, (1, 1, 1, 1))",
    "top_k": "torch.topk(x, 4)",
    "one_hot": Expression("torch.nn.functional.one_hot(x, 10).to(torch.float32)"),
    "split": "torch.tensor_split(x, 4)",
    # torch's default CPU driver (gelsy) gives no singular values; polyarray uses gelsd
    "linalg.lstsq": Expression('with_int_rank(torch.linalg.lstsq({args}, driver="gelsd"))'),
}


def with_int_rank(result: Any) -> tuple[Any, Any, int, Any]:
    """A native ``lstsq`` result with its rank as a Python int, as polyarray's."""
    solution, residuals, rank, singular = result
    return solution, residuals, int(rank), singular


def jnp_lstsq(a: Any, b: Any) -> tuple[Any, Any, int, Any]:
    """``jnp.linalg.lstsq`` with NumPy's residuals in their dtype (JAX: float64 when
    empty) and the rank as a Python int, as polyarray's."""
    import jax.numpy as jnp

    solution, residuals, rank, singular = jnp.linalg.lstsq(a, b, numpy_resid=True)
    return solution, residuals.astype(singular.dtype), int(rank), singular


def np_softmax(x: Any) -> Any:
    """NumPy's shortest stable softmax along the last axis."""
    import numpy as np

    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def np_log_softmax(x: Any) -> Any:
    import numpy as np

    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def np_logsumexp(x: Any) -> Any:
    import numpy as np

    m = x.max()
    return np.log(np.exp(x - m).sum()) + m


def np_top_k(x: Any, k: int) -> tuple[Any, Any]:
    """NumPy's shortest top_k along the last axis (ties in any order)."""
    import numpy as np

    indices = np.argsort(-x, axis=-1)[..., :k]
    return np.take_along_axis(x, indices, -1), indices


def jax_top_k(x: Any, k: int) -> tuple[Any, Any]:
    """``jax.lax.top_k`` with int64 indices, as the standard's default index dtype."""
    import jax

    values, indices = jax.lax.top_k(x, k)
    return values, indices.astype("int64")


def torch_unique_all(x: Any) -> tuple[Any, Any, Any, Any]:
    """``unique_all`` in torch: values, first indices, inverse indices, counts."""
    import torch

    values, inverse, counts = torch.unique(x, return_inverse=True, return_counts=True)
    size = x.numel()
    first = torch.full(values.shape, size, dtype=torch.int64)
    first = first.scatter_reduce(0, inverse.flatten(), torch.arange(size), reduce="amin")
    return values, first, inverse, counts


@dataclass(frozen=True)
class Native:
    """How one framework is called natively."""

    #: the framework's module and its name in the statements (``np``, ``torch``)
    import_name: str
    module: str
    renames: dict[str, str] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    #: the framework's keyword names for the standard's
    keywords: dict[str, str] = field(default_factory=dict)
    #: more names the templates use
    helpers: dict[str, Callable[..., Any]] = field(default_factory=dict)
    #: the module's function that turns NumPy arrays into its own, if they are not
    from_numpy: str = ""
    #: or a function that does (where the module has none: Dask's arrays of NumPy's)
    convert: Callable[[Any], Any] | None = None


def _jax_templates() -> dict[str, str]:
    """NumPy's templates in ``jax.numpy``: it takes NumPy's arguments, and in 64-bit mode
    (which the jax backend turns on) its default float is float64 as NumPy's."""
    templates: dict[str, str] = {}
    for function, template in NUMPY_TEMPLATES.items():
        kind = type(template)
        templates[function] = kind(template.replace("np.", "jnp."))
    # jax.nn has the everyday functions NumPy lacks.
    templates["softmax"] = "jax.nn.softmax({args})"
    templates["log_softmax"] = "jax.nn.log_softmax({args})"
    templates["logsumexp"] = "jax.nn.logsumexp({args})"
    templates["sigmoid"] = "jax.nn.sigmoid({args})"
    templates["top_k"] = Expression("jax_top_k(x, 4)")
    templates["one_hot"] = "jax.nn.one_hot(x, 10, dtype=jnp.float32)"
    templates["diag"] = "jnp.diag(x)"
    templates["allclose"] = Expression("bool(jnp.allclose({args}))")  # (a Python bool)
    # jnp.count_nonzero returns an array already; jnp.asarray takes NumPy's dtype names.
    templates["count_nonzero"] = "jnp.count_nonzero({args})"
    # int64 indices, as the standard's default index dtype (JAX's searchsorted gives int32)
    templates["searchsorted"] = Expression("jnp.searchsorted({args}).astype(jnp.int64)")
    # NumPy's residuals (JAX's own are given whatever the rank)
    templates["linalg.lstsq"] = Expression("jnp_lstsq({args})")
    return templates


#: The names NumPy's templates use beside NumPy's own.
NUMPY_HELPERS: dict[str, Callable[..., Any]] = {
    "np_softmax": np_softmax,
    "np_log_softmax": np_log_softmax,
    "np_logsumexp": np_logsumexp,
    "np_top_k": np_top_k,
    "with_int_rank": with_int_rank,
}


def dask_chunks(array: Any) -> Any:
    """A NumPy input as a Dask array, chunked as polyarray's are (``array.chunk-size``)."""
    import dask.array as da

    return da.from_array(array, chunks="auto")


NATIVE: dict[str, Native] = {
    "numpy": Native(
        "numpy",
        "np",
        templates=NUMPY_TEMPLATES,
        helpers=NUMPY_HELPERS,
    ),
    "torch": Native(
        "torch",
        "torch",
        renames=TORCH_RENAMES,
        templates=TORCH_TEMPLATES,
        keywords={"axis": "dim", "keepdims": "keepdim"},
        helpers={"torch_unique_all": torch_unique_all, "with_int_rank": with_int_rank},
        from_numpy="from_numpy",
    ),
    "jax": Native(
        "jax.numpy",
        "jnp",
        templates=_jax_templates(),
        helpers={"jnp_lstsq": jnp_lstsq, "jax_top_k": jax_top_k},
        from_numpy="asarray",
    ),
    # Raw dask.array code is NumPy's functions of Dask arrays (NEP 18: np.mean of a Dask
    # array is Dask's mean, lazy), as Dask's documentation writes it.
    "dask": Native(
        "numpy",
        "np",
        templates=NUMPY_TEMPLATES,
        helpers=NUMPY_HELPERS,
        convert=dask_chunks,
    ),
}


@dataclass(frozen=True)
class Case:
    """One function on one backend: two statements over the same names."""

    function: str
    backend: str
    call: str
    native: str
    #: the native statement is an expression, not one call (see :class:`Expression`)
    is_expression: bool
    names: dict[str, Any]

    def run(self) -> tuple[Any, Any]:
        """Both results, polyarray's first (the backend must be active for creation)."""
        return eval(self.call, self.names), eval(self.native, self.names)


def native_statement(function: str, backend: str, given: _inputs.Inputs) -> str:
    """The native statement of ``function`` on ``backend`` for the inputs ``given``."""
    native = NATIVE[backend]
    args = _inputs.arguments(given, native.module, native.keywords)
    template = native.templates.get(function)
    if template is not None:
        return template.format(args=args)
    return f"{native.module}.{native.renames.get(function, function)}({args})"


def make_case(function: str, backend: str) -> Case:
    """The case of ``function`` on ``backend`` (whose framework must be installed)."""
    import polyarray as pa

    native = NATIVE[backend]
    module = importlib.import_module(native.import_name)
    given = _inputs.inputs(function)
    convert = native.convert or (
        getattr(module, native.from_numpy) if native.from_numpy else _unchanged
    )
    names = {"pa": pa, native.module: module, **native.helpers, **_inputs.build(given, convert)}
    if backend == "jax":
        names["jax"] = importlib.import_module("jax")  # (jax.nn's templates)
    return Case(
        function=function,
        backend=backend,
        call=f"pa.{function}({_inputs.arguments(given, 'pa')})",
        native=native_statement(function, backend, given),
        is_expression=isinstance(native.templates.get(function), Expression),
        names=names,
    )


def make_cases(backend: str, functions: list[str] | None = None) -> list[Case]:
    """The cases of ``functions`` (default: every public function) on ``backend``.

    Raises
    ------
    _inputs.UncoveredError
        Listing every function whose inputs cannot be generated.
    """
    functions = list(_names.functions()) if functions is None else functions
    _inputs.check_covered(functions)
    return [make_case(function, backend) for function in functions]


def summary(result: Any) -> Any:
    """What must agree between the two calls of a case: the shape and dtype of arrays (and
    NumPy scalars), item by item in tuples and lists, the value of Python numbers, the
    dtype of dtypes and of ``finfo``/``iinfo`` objects."""
    if isinstance(result, type):  # a NumPy scalar type, as NumPy's result_type gives
        return ("dtype", dtype_name(result))
    if hasattr(result, "shape") and hasattr(result, "dtype"):
        return ("array", tuple(result.shape), dtype_name(result.dtype))
    if isinstance(result, tuple | list):
        return [summary(item) for item in result]
    if isinstance(result, bool | int | float):
        return result
    if hasattr(result, "bits"):
        return ("info", result.bits, dtype_name(result.dtype))
    return ("dtype", dtype_name(result))


def dtype_name(dtype: Any) -> str:
    """``"float32"`` for any spelling of a dtype: NumPy's, torch's, polyarray's, a string."""
    if isinstance(dtype, str):
        return dtype
    if isinstance(dtype, type):  # a NumPy scalar type such as numpy.float64
        import numpy as np

        return np.dtype(dtype).name
    name = getattr(dtype, "name", None)  # numpy.dtype, polyarray.DType
    return name if isinstance(name, str) else str(dtype).removeprefix("torch.")


def _unchanged(array: Any) -> Any:
    return array
