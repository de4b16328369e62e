"""The table of public names: the one source of truth for polyarray's namespace.

``__all__``, ``dir(pa)``, the public functions (written as source into ``polyarray/_api/``
by ``tools/gen_api.py``), the documentation index and the public-API test are all derived
from the tables below. Adding a function to polyarray means adding one line here, its
docstring in ``tools/docstrings/``, and its implementation in each backend's chapter
module (see docs/architecture.md). This module imports nothing of polyarray, so the
generator can read it without importing the package.

Each function is listed with the way it finds its backend:

``CREATE``
    makes a new array on the *active* backend and device (``zeros``, ``linspace``...).
``ARRAY``
    follows the backend of its first argument, an array (``mean``, ``reshape``); a Python
    scalar or list there becomes an array of the active backend.
``BINARY``
    follows the backend of its first two arguments (``add``, ``matmul``); either may be an
    array, a Python scalar or a list, which becomes an array of the other's backend (or of
    the active one when neither is an array).
``VARIADIC``
    like ``BINARY`` for every positional argument (``where``, ``clip``, ``meshgrid``).
``SEQUENCE``
    like ``ARRAY``, but the first argument is a sequence of arrays (``concat``, ``stack``).
``DTYPE``
    takes arrays or dtypes (``result_type``, ``finfo``): follows the arrays when there
    are any, else the active backend.
"""

from __future__ import annotations

import functools
from enum import Enum


class Dispatch(Enum):
    """How a function finds its backend (see the module docstring)."""

    CREATE = "create"
    ARRAY = "array"
    BINARY = "binary"
    VARIADIC = "variadic"
    SEQUENCE = "sequence"
    DTYPE = "dtype"


def _words(text: str) -> list[str]:
    """The names in a block of text, in order (long lists read better as paragraphs)."""
    return text.split()


_C, _A, _S, _D = Dispatch.CREATE, Dispatch.ARRAY, Dispatch.SEQUENCE, Dispatch.DTYPE
_B, _V = Dispatch.BINARY, Dispatch.VARIADIC

_BINARY_ELEMENTWISE = _words("""
    add atan2 bitwise_and bitwise_left_shift bitwise_or bitwise_right_shift bitwise_xor
    copysign divide equal floor_divide greater greater_equal hypot less less_equal logaddexp
    logical_and logical_or logical_xor maximum minimum multiply nextafter not_equal pow
    remainder subtract
""")

#: Chapters of the Python Array API standard (2024.12 and 2025.12), in its order.
STANDARD_FUNCTIONS: dict[str, dict[str, Dispatch]] = {
    "creation": {
        "arange": _C,
        "asarray": _C,
        "empty": _C,
        "empty_like": _A,
        "eye": _C,
        "from_dlpack": _C,
        "full": _C,
        "full_like": _A,
        "linspace": _C,
        "meshgrid": _V,
        "ones": _C,
        "ones_like": _A,
        "tril": _A,
        "triu": _A,
        "zeros": _C,
        "zeros_like": _A,
    },
    "data type functions": {
        "astype": _A,
        "can_cast": _D,
        "finfo": _D,
        "iinfo": _D,
        "isdtype": _D,
        "result_type": _D,
    },
    "element-wise": {
        name: _B if name in _BINARY_ELEMENTWISE else _V if name == "clip" else _A
        for name in _words("""
            abs acos acosh add asin asinh atan atan2 atanh bitwise_and bitwise_left_shift
            bitwise_invert bitwise_or bitwise_right_shift bitwise_xor ceil clip conj copysign
            cos cosh divide equal exp expm1 floor floor_divide greater greater_equal hypot imag
            isfinite isinf isnan less less_equal log log1p log2 log10 logaddexp logical_and
            logical_not logical_or logical_xor maximum minimum multiply negative nextafter
            not_equal positive pow real reciprocal remainder round sign signbit sin sinh square
            sqrt subtract tan tanh trunc
        """)
    },
    "indexing": {"take": _B, "take_along_axis": _B},
    "linear algebra": {"matmul": _B, "matrix_transpose": _A, "tensordot": _B, "vecdot": _B},
    "manipulation": {
        "broadcast_arrays": _V,
        "broadcast_shapes": _D,
        "broadcast_to": _A,
        "concat": _S,
        "expand_dims": _A,
        "flip": _A,
        "moveaxis": _A,
        "permute_dims": _A,
        "repeat": _A,
        "reshape": _A,
        "roll": _A,
        "squeeze": _A,
        "stack": _S,
        "tile": _A,
        "unstack": _A,
    },
    "searching": {
        "argmax": _A,
        "argmin": _A,
        "count_nonzero": _A,
        "nonzero": _A,
        "searchsorted": _B,
        "where": _V,
    },
    "set": {
        "isin": _B,
        "unique_all": _A,
        "unique_counts": _A,
        "unique_inverse": _A,
        "unique_values": _A,
    },
    "sorting": {"argsort": _A, "sort": _A},
    "statistical": {
        "cumulative_prod": _A,
        "cumulative_sum": _A,
        "max": _A,
        "mean": _A,
        "min": _A,
        "prod": _A,
        "std": _A,
        "sum": _A,
        "var": _A,
    },
    "utility": {"all": _A, "any": _A, "diff": _A},
}

#: Functions of the ``linalg`` extension (``pa.linalg``); ``eig`` and ``eigvals`` are new
#: in 2025.12. ``lstsq`` is polyarray's own (NumPy's), with the same dispatch rules.
LINALG_FUNCTIONS: dict[str, Dispatch] = {
    name: _B
    if name in ("cross", "lstsq", "matmul", "outer", "solve", "tensordot", "vecdot")
    else _A
    for name in _words("""
        cholesky cross det diagonal eig eigh eigvals eigvalsh inv lstsq matmul matrix_norm
        matrix_power matrix_rank matrix_transpose outer pinv qr slogdet solve svd svdvals
        tensordot trace vecdot vector_norm
    """)
}

#: The functions of ``pa.linalg`` that the standard has not: polyarray's own.
LINALG_OWN_FUNCTIONS: frozenset[str] = frozenset({"lstsq"})

#: Functions of the ``fft`` extension (``pa.fft``).
FFT_FUNCTIONS: dict[str, Dispatch] = {
    **dict.fromkeys(
        [
            "fft",
            "ifft",
            "fftn",
            "ifftn",
            "rfft",
            "irfft",
            "rfftn",
            "irfftn",
            "hfft",
            "ihfft",
            "fftshift",
            "ifftshift",
        ],
        _A,
    ),
    "fftfreq": _C,
    "rfftfreq": _C,
}

#: The modules a backend package implements its functions in, with the prefix of the
#: names they implement (``"linalg."`` for ``pa.linalg``): each standard chapter, then
#: polyarray's own functions (``extras``) and the two extensions.
CHAPTER_MODULES: dict[str, str] = {
    "creation": "",
    "data_types": "",
    "elementwise": "",
    "indexing": "",
    "linear_algebra": "",
    "manipulation": "",
    "searching": "",
    "sets": "",
    "sorting": "",
    "statistical": "",
    "utility": "",
    "extras": "",
    "everyday": "",
    "linalg": "linalg.",
    "fft": "fft.",
}

#: The module of each chapter of ``STANDARD_FUNCTIONS``.
_CHAPTER_MODULE: dict[str, str] = {
    "creation": "creation",
    "data type functions": "data_types",
    "element-wise": "elementwise",
    "indexing": "indexing",
    "linear algebra": "linear_algebra",
    "manipulation": "manipulation",
    "searching": "searching",
    "set": "sets",
    "sorting": "sorting",
    "statistical": "statistical",
    "utility": "utility",
}


#: What polyarray adds to the standard, with the same dispatch rules.
POLYARRAY_FUNCTIONS: dict[str, Dispatch] = {
    "max_with_indices": _A,
    "min_with_indices": _A,
    "median": _A,
    **dict.fromkeys(("isclose", "allclose"), _B),
    **dict.fromkeys(
        _words("""
            nansum nanmean nanmax nanmin nanstd nanvar nanargmax nanargmin
            softmax log_softmax logsumexp sigmoid
        """),
        _A,
    ),
    **dict.fromkeys(_words("quantile percentile cov corrcoef pad"), _A),
    # einsum's subscripts come first, then the operands: it follows their backend, or
    # the active one, as the dtype functions do (the string is no array to dispatch on).
    "einsum": _D,
    **dict.fromkeys(_words("top_k diag one_hot split"), _A),
}

#: polyarray's own functions that every NumPy and PyTorch user reaches for (issue 13),
#: implemented in each backend's ``everyday`` module rather than ``extras``.
EVERYDAY_FUNCTIONS: frozenset[str] = frozenset(
    _words("""
    isclose allclose nansum nanmean nanmax nanmin nanstd nanvar nanargmax nanargmin
    softmax log_softmax logsumexp sigmoid
    quantile percentile cov corrcoef pad
    einsum top_k diag one_hot split
""")
)

#: The data types of the standard; ``pa.float32`` and friends are :class:`polyarray.DType`.
DTYPES: tuple[str, ...] = (
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float32",
    "float64",
    "complex64",
    "complex128",
)

#: Constants of the standard, as plain Python values.
CONSTANTS: tuple[str, ...] = ("e", "inf", "nan", "newaxis", "pi")

#: Everything else on ``pa``: selection, conversion, configuration, submodules, types.
UTILITIES: dict[str, str] = {
    "set_backend": "polyarray._selection",
    "use_backend": "polyarray._selection",
    "get_backend": "polyarray._selection",
    "available_backends": "polyarray._selection",
    "namespace": "polyarray._namespace",
    "set_default_float": "polyarray._config",
    "get_default_float": "polyarray._config",
    "to_backend": "polyarray._interop",
    "to_numpy": "polyarray._interop",
    "grad": "polyarray._grad",
    "value_and_grad": "polyarray._grad",
    "stop_gradient": "polyarray._grad",
    "at": "polyarray._at",
    "DType": "polyarray._dtypes",
    "Backend": "polyarray.backends._base",
    "MinMaxResult": "polyarray._results",
    "TopKResult": "polyarray._results",
    "LstsqResult": "polyarray._results",
    "__array_namespace_info__": "polyarray._info",
}

#: Submodules reachable as attributes of ``pa``.
SUBMODULES: tuple[str, ...] = ("errors", "fft", "linalg", "random", "testing", "timing")


def standard_functions() -> dict[str, Dispatch]:
    """All functions of the main namespace, standard and polyarray's own, by name."""
    table: dict[str, Dispatch] = {}
    for chapter in STANDARD_FUNCTIONS.values():
        table.update(chapter)
    table.update(POLYARRAY_FUNCTIONS)
    return table


def functions() -> dict[str, Dispatch]:
    """Every public function by qualified name (``"mean"``, ``"linalg.solve"``, ``"fft.fft"``)."""
    return {
        **standard_functions(),
        **{f"linalg.{name}": kind for name, kind in LINALG_FUNCTIONS.items()},
        **{f"fft.{name}": kind for name, kind in FFT_FUNCTIONS.items()},
    }


@functools.cache
def module_of(qualified_name: str) -> str:
    """The chapter module (a key of ``CHAPTER_MODULES``) a function belongs in."""
    prefix, _, name = qualified_name.rpartition(".")
    if prefix:
        return prefix
    if name in EVERYDAY_FUNCTIONS:
        return "everyday"
    if name in POLYARRAY_FUNCTIONS:
        return "extras"
    for chapter, table in STANDARD_FUNCTIONS.items():
        if name in table:
            return _CHAPTER_MODULE[chapter]
    raise KeyError(qualified_name)


def public_names() -> list[str]:
    """The names of ``polyarray.__all__``, in the order of the tables above."""
    return [
        *standard_functions(),
        *DTYPES,
        *CONSTANTS,
        *UTILITIES,
        *SUBMODULES,
    ]


#: Every function's signature, as the standard (or polyarray, for its own) writes it. The
#: public functions are generated with exactly these parameters, so calls pass their
#: arguments straight through (no ``*args``/``**kwargs`` repacking on the hot path), and
#: ``inspect.signature``, the types and the docs show them.
_SIGNATURES = """
arange(start, /, stop=None, step=1, *, dtype=None, device=None)
asarray(obj, /, *, dtype=None, device=None, copy=None)
empty(shape, *, dtype=None, device=None)
empty_like(x, /, *, dtype=None, device=None)
eye(n_rows, n_cols=None, /, *, k=0, dtype=None, device=None)
from_dlpack(x, /, *, device=None, copy=None)
full(shape, fill_value, *, dtype=None, device=None)
full_like(x, /, fill_value, *, dtype=None, device=None)
linspace(start, stop, /, num, *, dtype=None, device=None, endpoint=True)
meshgrid(*arrays, indexing='xy')
ones(shape, *, dtype=None, device=None)
ones_like(x, /, *, dtype=None, device=None)
tril(x, /, *, k=0)
triu(x, /, *, k=0)
zeros(shape, *, dtype=None, device=None)
zeros_like(x, /, *, dtype=None, device=None)
astype(x, dtype, /, *, copy=True, device=None)
can_cast(from_, to, /)
finfo(type, /)
iinfo(type, /)
isdtype(dtype, kind)
result_type(*arrays_and_dtypes)
clip(x, /, min=None, max=None)
take(x, indices, /, *, axis=None)
take_along_axis(x, indices, /, *, axis=-1)
matmul(x1, x2, /)
matrix_transpose(x, /)
tensordot(x1, x2, /, *, axes=2)
vecdot(x1, x2, /, *, axis=-1)
broadcast_arrays(*arrays)
broadcast_shapes(*shapes)
broadcast_to(x, /, shape)
concat(arrays, /, *, axis=0)
expand_dims(x, /, axis=0)
flip(x, /, *, axis=None)
moveaxis(x, source, destination, /)
permute_dims(x, /, axes)
repeat(x, repeats, /, *, axis=None)
reshape(x, /, shape, *, copy=None)
roll(x, /, shift, *, axis=None)
squeeze(x, /, axis)
stack(arrays, /, *, axis=0)
tile(x, repetitions, /)
unstack(x, /, *, axis=0)
argmax(x, /, *, axis=None, keepdims=False)
argmin(x, /, *, axis=None, keepdims=False)
count_nonzero(x, /, *, axis=None, keepdims=False)
nonzero(x, /)
searchsorted(x1, x2, /, *, side='left', sorter=None)
where(condition, x1, x2, /)
isin(x1, x2, /, *, invert=False)
argsort(x, /, *, axis=-1, descending=False, stable=True)
sort(x, /, *, axis=-1, descending=False, stable=True)
cumulative_prod(x, /, *, axis=None, dtype=None, include_initial=False)
cumulative_sum(x, /, *, axis=None, dtype=None, include_initial=False)
max(x, /, *, axis=None, keepdims=False)
mean(x, /, *, axis=None, keepdims=False)
min(x, /, *, axis=None, keepdims=False)
prod(x, /, *, axis=None, dtype=None, keepdims=False)
std(x, /, *, axis=None, correction=0.0, keepdims=False)
sum(x, /, *, axis=None, dtype=None, keepdims=False)
var(x, /, *, axis=None, correction=0.0, keepdims=False)
all(x, /, *, axis=None, keepdims=False)
any(x, /, *, axis=None, keepdims=False)
diff(x, /, *, axis=-1, n=1, prepend=None, append=None)
max_with_indices(x, /, *, axis=None, keepdims=False)
min_with_indices(x, /, *, axis=None, keepdims=False)
median(x, /, *, axis=None, keepdims=False)
isclose(a, b, /, *, rtol=1e-05, atol=1e-08, equal_nan=False)
allclose(a, b, /, *, rtol=1e-05, atol=1e-08, equal_nan=False)
nansum(x, /, *, axis=None, dtype=None, keepdims=False)
nanmean(x, /, *, axis=None, keepdims=False)
nanmax(x, /, *, axis=None, keepdims=False)
nanmin(x, /, *, axis=None, keepdims=False)
nanstd(x, /, *, axis=None, correction=0.0, keepdims=False)
nanvar(x, /, *, axis=None, correction=0.0, keepdims=False)
nanargmax(x, /, *, axis=None, keepdims=False)
nanargmin(x, /, *, axis=None, keepdims=False)
softmax(x, /, *, axis=-1)
log_softmax(x, /, *, axis=-1)
logsumexp(x, /, *, axis=None, keepdims=False)
quantile(x, q, /, *, axis=None, keepdims=False, method='linear')
percentile(x, q, /, *, axis=None, keepdims=False, method='linear')
cov(x, /, *, rowvar=True, correction=1)
corrcoef(x, /, *, rowvar=True)
pad(x, pad_width, /, *, mode='constant', constant_values=0)
einsum(subscripts, /, *operands)
top_k(x, k, /, *, axis=-1, largest=True)
diag(x, /, *, k=0)
one_hot(x, num_classes, /, *, dtype=None, axis=-1)
split(x, indices_or_sections, /, *, axis=0)
linalg.cholesky(x, /, *, upper=False)
linalg.cross(x1, x2, /, *, axis=-1)
linalg.diagonal(x, /, *, offset=0)
linalg.lstsq(a, b, /, *, rcond=None)
linalg.matrix_norm(x, /, *, keepdims=False, ord='fro')
linalg.matrix_power(x, n, /)
linalg.matrix_rank(x, /, *, rtol=None)
linalg.pinv(x, /, *, rtol=None)
linalg.qr(x, /, *, mode='reduced')
linalg.svd(x, /, *, full_matrices=True)
linalg.tensordot(x1, x2, /, *, axes=2)
linalg.trace(x, /, *, offset=0, dtype=None)
linalg.vecdot(x1, x2, /, *, axis=-1)
linalg.vector_norm(x, /, *, axis=None, keepdims=False, ord=2)
fft.fft(x, /, *, n=None, axis=-1, norm='backward')
fft.ifft(x, /, *, n=None, axis=-1, norm='backward')
fft.rfft(x, /, *, n=None, axis=-1, norm='backward')
fft.irfft(x, /, *, n=None, axis=-1, norm='backward')
fft.hfft(x, /, *, n=None, axis=-1, norm='backward')
fft.ihfft(x, /, *, n=None, axis=-1, norm='backward')
fft.fftn(x, /, *, s=None, axes=None, norm='backward')
fft.ifftn(x, /, *, s=None, axes=None, norm='backward')
fft.rfftn(x, /, *, s=None, axes=None, norm='backward')
fft.irfftn(x, /, *, s=None, axes=None, norm='backward')
fft.fftfreq(n, /, *, d=1.0, dtype=None, device=None)
fft.rfftfreq(n, /, *, d=1.0, dtype=None, device=None)
fft.fftshift(x, /, *, axes=None)
fft.ifftshift(x, /, *, axes=None)
"""

# The usual shapes, for the functions not written out above.
_UNARY, _BINARY_SIGNATURE = "x, /", "x1, x2, /"


def signature(qualified_name: str) -> str:
    """The parameter list of a function (``"mean"``, ``"linalg.solve"``), without parentheses.

    Functions not written out in ``_SIGNATURES`` take ``(x, /)`` or, for ``BINARY`` ones,
    ``(x1, x2, /)``.
    """
    written = _written_signatures()
    if qualified_name in written:
        return written[qualified_name]
    prefix, _, name = qualified_name.rpartition(".")
    table = {"": standard_functions(), "linalg": LINALG_FUNCTIONS, "fft": FFT_FUNCTIONS}[prefix]
    return _BINARY_SIGNATURE if table[name] is Dispatch.BINARY else _UNARY


@functools.cache
def _written_signatures() -> dict[str, str]:
    signatures = {}
    for line in _SIGNATURES.strip().splitlines():
        name, _, rest = line.partition("(")
        signatures[name] = rest[:-1]
    return signatures
