"""Habits from NumPy and PyTorch, and the polyarray names they stand for.

A user coming from NumPy writes ``pa.concatenate`` and ``ddof=1``; one coming from PyTorch
writes ``dim=1`` and ``POLYARRAY_BACKEND=pytorch``. Those meet an error either way; these
tables make the error say what to write instead. They are read only once something has
failed (``pa.__getattr__`` for a name ``pa`` lacks, the backend parser for an unknown
name, a public function's TypeError for a keyword it lacks), so no call pays for them.
The same tables make the docs page "From NumPy and PyTorch" (docs/from-numpy-and-pytorch.md),
which ``tests/test_habits.py`` keeps in step with them.

This module imports nothing of polyarray.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "BACKENDS",
    "KEYWORDS",
    "NAMES",
    "backend_hint",
    "keyword_error",
    "keyword_hint",
    "missing_name",
]

#: NumPy's and PyTorch's names -> what to write in polyarray (a name of ``pa``, or advice).
NAMES: dict[str, str] = {
    # NumPy
    "concatenate": "pa.concat",
    "transpose": "pa.permute_dims (or pa.matrix_transpose for the last two axes)",
    "swapaxes": "pa.moveaxis or pa.permute_dims",
    "cumsum": "pa.cumulative_sum",
    "cumprod": "pa.cumulative_prod",
    "amax": "pa.max",
    "amin": "pa.min",
    "absolute": "pa.abs",
    "power": "pa.pow",
    "arccos": "pa.acos",
    "arcsin": "pa.asin",
    "arctan": "pa.atan",
    "arctan2": "pa.atan2",
    "arccosh": "pa.acosh",
    "arcsinh": "pa.asinh",
    "arctanh": "pa.atanh",
    "invert": "pa.bitwise_invert",
    "left_shift": "pa.bitwise_left_shift",
    "right_shift": "pa.bitwise_right_shift",
    "conjugate": "pa.conj",
    "true_divide": "pa.divide",
    "mod": "pa.remainder",
    "fmod": "pa.remainder (which follows the sign of the divisor, as NumPy's mod)",
    "array": "pa.asarray",
    "asanyarray": "pa.asarray",
    "dot": "pa.matmul (or pa.vecdot for vectors)",
    "inner": "pa.vecdot",
    "outer": "pa.linalg.outer",
    "trace": "pa.linalg.trace",
    "diagonal": "pa.linalg.diagonal",
    "norm": "pa.linalg.vector_norm or pa.linalg.matrix_norm",
    "ravel": "pa.reshape(x, (-1,))",
    "flatten": "pa.reshape(x, (-1,))",
    "unique": "pa.unique_values (or unique_counts, unique_inverse, unique_all)",
    "in1d": "pa.isin",
    "argwhere": "pa.nonzero",
    "around": "pa.round",
    "rint": "pa.round",
    "fix": "pa.trunc",
    "bool_": "pa.bool",
    "float_": "pa.float64",
    "isneginf": "pa.isinf(x) & (x < 0)",
    "isposinf": "pa.isinf(x) & (x > 0)",
    "vstack": "pa.concat(arrays, axis=0)",
    "hstack": "pa.concat(arrays, axis=-1)",
    # PyTorch
    "cat": "pa.concat",
    "permute": "pa.permute_dims",
    "movedim": "pa.moveaxis",
    "unsqueeze": "pa.expand_dims",
    "unbind": "pa.unstack",
    "bitwise_not": "pa.bitwise_invert",
    "eq": "pa.equal",
    "ne": "pa.not_equal",
    "gt": "pa.greater",
    "ge": "pa.greater_equal",
    "lt": "pa.less",
    "le": "pa.less_equal",
    "mul": "pa.multiply",
    "div": "pa.divide",
    "sub": "pa.subtract",
    "neg": "pa.negative",
    "tensor": "pa.asarray",
    "from_numpy": "pa.asarray, or pa.to_backend(x, 'torch')",
    "broadcast_tensors": "pa.broadcast_arrays",
    "repeat_interleave": "pa.repeat",
    "take_along_dim": "pa.take_along_axis",
    "numel": "math.prod(x.shape)",
    "clamp": "pa.clip",
    "rsqrt": "1 / pa.sqrt(x)",
    "erf": "a function of your backend (pa has no erf yet)",
    "no_grad": "pa.stop_gradient (gradients are taken with pa.grad)",
}

#: Keywords of NumPy and PyTorch -> polyarray's, as ``name=value`` templates.
KEYWORDS: dict[str, str] = {
    "ddof": "correction",
    "dim": "axis",
    "keepdim": "keepdims",
    "unbiased": "correction",
    "out": "",
}

#: Names of backends that people write for polyarray's.
BACKENDS: dict[str, str] = {
    "pytorch": "torch",
    "pt": "torch",
    "th": "torch",
    "np": "numpy",
    "jnp": "jax",
    "jaxlib": "jax",
}


def missing_name(name: str) -> AttributeError:
    """The error for ``pa.<name>`` where polyarray has no such attribute."""
    message = f"module 'polyarray' has no attribute {name!r}"
    hint = NAMES.get(name)
    if hint is not None:
        message += f"; polyarray calls it {hint}"
    elif not name.startswith("_"):
        message += (
            ". See docs/from-numpy-and-pytorch.md for polyarray's names of NumPy's and "
            "PyTorch's functions, or call the backend's own function on the native arrays"
        )
    return AttributeError(message + ".")


def keyword_hint(function: str, keyword: str, value: object) -> str:
    """What to write for a NumPy or PyTorch keyword of ``pa.<function>``, or ''."""
    if keyword == "unbiased":
        return f"write correction={int(bool(value))} (torch's unbiased={value!r})"
    if keyword == "out":
        return "polyarray returns new arrays: assign the result instead of out="
    replacement = KEYWORDS.get(keyword)
    if not replacement:
        return ""
    return f"write {replacement}={value!r} (NumPy and PyTorch call it {keyword})"


def keyword_error(function: str, habits: Mapping[str, object]) -> TypeError:
    """The error for keywords ``pa.<function>`` does not take (``ddof``, ``dim``...)."""
    keyword, value = next(iter(habits.items()))
    message = f"pa.{function}() got an unexpected keyword argument {keyword!r}"
    hint = keyword_hint(function, keyword, value)
    return TypeError(f"{message}: {hint}." if hint else f"{message}.")


def backend_hint(name: str) -> str:
    """`` Did you mean 'torch'?`` for a backend name people write for polyarray's, or ''."""
    meant = BACKENDS.get(name.strip().lower())
    return f" Did you mean {meant!r}?" if meant else ""
