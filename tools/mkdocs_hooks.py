"""MkDocs hook: the API reference page, generated from polyarray's name table at every build.

``mkdocs.yml`` lists this file under ``hooks:``. It adds ``api.md`` to the site: every
function of the standard with its signature (``polyarray._names.signature``, the one the
functions are generated with), a link to the standard's page and the rule that picks its
backend; and mkdocstrings directives that render the docstrings of every function, the
utilities, types and submodules. Nothing here lists a name of its own, except the one-line
descriptions of polyarray's additions to the standard and the section each utility module
belongs to; a name the table gains without them fails the (strict) build, naming it.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from polyarray import _names
from polyarray._names import Dispatch

PAGE = "api.md"
SPEC = "https://data-apis.org/array-api/latest/API_specification/generated/array_api.{}.html"

#: How each kind of function finds its backend, in the words of the tables below.
BACKEND_RULE = {
    Dispatch.CREATE: "the active backend",
    Dispatch.ARRAY: "its array argument's",
    Dispatch.BINARY: "its two arguments'",
    Dispatch.VARIADIC: "all its arguments'",
    Dispatch.SEQUENCE: "the arrays it is given",
    Dispatch.DTYPE: "its arrays', else the active one",
}

#: One line for each of polyarray's additions to the standard.
OWN_FUNCTIONS = {
    "max_with_indices": (
        "The maximum along one axis and where it is, as a `MinMaxResult(values, indices)`: "
        "the first index on ties, NaN wins."
    ),
    "min_with_indices": "As `max_with_indices`, for the minimum.",
    "median": ("The median; of an even count, the mean of the two middle values on every backend."),
    # The everyday functions (issue 13; polyarray/_everyday.py, docs/from-numpy-and-pytorch.md)
    "isclose": "Element-wise `abs(a - b) <= atol + rtol * abs(b)`, as NumPy's.",
    "allclose": "`pa.all(pa.isclose(...))` as a Python bool.",
    "nansum": "`sum`, NaN taken as zero.",
    "nanmean": "`mean` of the elements that are not NaN; all-NaN gives NaN, no warning.",
    "nanmax": "`max` of the elements that are not NaN; all-NaN gives NaN, no warning.",
    "nanmin": "As `nanmax`, for the minimum.",
    "nanstd": "`std` of the elements that are not NaN, with `correction`.",
    "nanvar": "`var` of the elements that are not NaN, with `correction`.",
    "nanargmax": "`argmax` ignoring NaN; an all-NaN slice is an `EmptyReductionError`.",
    "nanargmin": "As `nanargmax`, for the minimum.",
    "softmax": "`exp(x)` over its sum along `axis`, without overflow.",
    "log_softmax": "The logarithm of `softmax`, computed directly.",
    "logsumexp": "`log(sum(exp(x)))` without overflow; an empty slice gives minus infinity.",
    "sigmoid": "`1 / (1 + exp(-x))` without overflow.",
    "quantile": "The `q`-th quantiles along `axis` (NumPy's methods), NaN for empty slices.",
    "percentile": "`quantile` with `q` in percent.",
    "cov": "The covariance matrix of the variables (rows) with `correction`.",
    "corrcoef": "The correlation coefficients of the variables (rows).",
    "pad": "`x` padded along each axis: constant, edge, reflect, symmetric or wrap.",
    "einsum": "NumPy's Einstein summation (explicit, implicit, `...`), polyarray's dtypes.",
    "top_k": "The `k` largest (smallest) values and their indices, sorted, ties stable.",
    "diag": "A matrix with `x` on diagonal `k`, or a matrix's diagonal `k` (a copy).",
    "one_hot": "Integer labels as one-hot vectors (default float; zeros out of range).",
    "split": "`x` cut along `axis` into equal sections or at indices, as NumPy's.",
}

#: The section of the page for the utilities of each module, in page order.
SECTIONS = {
    "polyarray._selection": "Choosing the backend",
    "polyarray._namespace": "Choosing the backend",
    "polyarray._interop": "Moving arrays between backends",
    "polyarray._config": "Configuration",
    "polyarray._grad": "Gradients",
    "polyarray._at": "Updating arrays",
    "polyarray._dtypes": "Types",
    "polyarray.backends._base": "Types",
    "polyarray._results": "Types",
    "polyarray._info": "Inspection",
}

#: The members shown of utility classes whose other methods are a plug-in API, not the
#: user's: a backend's methods (``translate_error``, ``export_copy``...) are what a backend
#: implements, documented in backends.md, and polyarray calls them, never the user.
MEMBERS = {"Backend": "[spec]"}

#: Modules documented as a whole, after the functions of the standard.
MODULES = {
    "random": ("polyarray.random", "Random numbers: `pa.random`"),
    "errors": ("polyarray.errors", "Exceptions: `pa.errors`"),
}


def _directive(path: str, heading: str, level: int = 3, **options: Any) -> list[str]:
    lines = [
        f"::: {path}",
        "    options:",
        f'      heading: "{heading}"',
        f"      heading_level: {level}",
    ]
    lines += [f"      {key}: {value}" for key, value in options.items()]
    return [*lines, ""]


def _function_table(module: str, table: dict[str, Dispatch]) -> list[str]:
    prefix = f"{module}." if module else ""
    rows = ["| Function | Signature | Runs on |", "|---|---|---|"]
    for name, kind in table.items():
        # polyarray's own linalg functions have no page of the standard: their own entry.
        own = module == "linalg" and name in _names.LINALG_OWN_FUNCTIONS
        link = f"#polyarray.linalg.{name}" if own else SPEC.format(prefix + name)
        signature = _names.signature(prefix + name)
        rows.append(f"| [`{name}`]({link}) | `{name}({signature})` | {BACKEND_RULE[kind]} |")
    rows.append("")
    for name in table:
        qualified = prefix + name
        location = module or f"polyarray._api.{_names.module_of(qualified)}"
        location = location if location.startswith("polyarray") else f"polyarray.{location}"
        rows += _directive(f"{location}.{name}", f"pa.{qualified}", level=4)
    return rows


def _utilities() -> list[str]:
    lines: list[str] = []
    unplaced = sorted({m for m in _names.UTILITIES.values() if m not in SECTIONS})
    if unplaced:
        raise ValueError(
            f"{__file__}: no section of the API reference for {', '.join(unplaced)}: "
            "add the module to SECTIONS."
        )
    for section in dict.fromkeys(SECTIONS.values()):
        lines += [f"## {section}", ""]
        for name, module in _names.UTILITIES.items():
            if SECTIONS[module] == section:
                if name not in MEMBERS:
                    lines += _directive(f"{module}.{name}", f"pa.{name}")
                else:
                    lines += _directive(f"{module}.{name}", f"pa.{name}", members=MEMBERS[name])
                    lines += [
                        "The methods a backend implements are described in "
                        "[Backends and devices](backends.md#adding-a-backend).",
                        "",
                    ]
    return lines


def _own_functions() -> list[str]:
    missing = sorted(set(_names.POLYARRAY_FUNCTIONS) - set(OWN_FUNCTIONS))
    if missing:
        raise ValueError(
            f"{__file__}: describe polyarray's own function(s) {', '.join(missing)} in "
            "OWN_FUNCTIONS."
        )
    rows = ["| Function | Signature | |", "|---|---|---|"]
    for name in _names.POLYARRAY_FUNCTIONS:
        signature = _names.signature(name)
        rows.append(f"| `{name}` | `{name}({signature})` | {OWN_FUNCTIONS[name]} |")
    rows.append("")
    for name in _names.POLYARRAY_FUNCTIONS:
        module = _names.module_of(name)  # extras or everyday
        rows += _directive(f"polyarray._api.{module}.{name}", f"pa.{name}", level=4)
    return rows


def render() -> str:
    """The Markdown of the API reference page."""
    lines = [
        "# API reference",
        "",
        "Generated at every build from `polyarray._names`, the table that every public name "
        "of polyarray comes from; the functions themselves (`tools/gen_api.py`) come from the same "
        "table. `import polyarray as pa` gives all of it.",
        "",
        "Functions of the Python Array API standard behave as the standard says, on every "
        "backend; where NumPy and PyTorch differ, [Semantics](semantics.md) says what "
        "polyarray does. Each name links to the standard's page. *Runs on* says whose "
        "backend the function uses: creation functions use the active backend "
        "([Backends and devices](backends.md)); every other function follows its array "
        "arguments, whatever is active, and Python numbers and lists there become arrays of "
        "that backend.",
        "",
        *_utilities(),
        "## Functions of the standard",
        "",
    ]
    for chapter, table in _names.STANDARD_FUNCTIONS.items():
        lines += [f"### {chapter.capitalize()}", "", *_function_table("", table)]
    lines += [
        "## polyarray's additions",
        "",
        "Same dispatch rules as the standard's functions; see [Semantics](semantics.md).",
        "",
        *_own_functions(),
        "## Data types and constants",
        "",
        "The dtypes are `pa.DType` objects that compare equal to the native dtypes they "
        "stand for (`x.dtype == pa.float32` for an `ndarray` and a `Tensor` alike): "
        + ", ".join(f"`pa.{name}`" for name in _names.DTYPES)
        + ".",
        "",
        "Constants, as plain Python values: "
        + ", ".join(f"`pa.{name}`" for name in _names.CONSTANTS)
        + ".",
        "",
        "## Linear algebra: `pa.linalg`",
        "",
        *_function_table("linalg", dict(_names.LINALG_FUNCTIONS)),
        "## Fourier transforms: `pa.fft`",
        "",
        *_function_table("fft", dict(_names.FFT_FUNCTIONS)),
    ]
    for name in _names.SUBMODULES:
        if name in MODULES:
            path, title = MODULES[name]
            lines += [f"## {title}", "", *_directive(path, path, show_root_toc_entry=False)]
    lines += [
        "## Testing: `polyarray.testing`",
        "",
        *_directive("polyarray.testing", "polyarray.testing", show_root_toc_entry=False),
        "## The pytest plugin",
        "",
        "Installed with polyarray; see "
        "[Getting started](getting-started.md#test-your-code-on-every-backend).",
        "",
        *_directive(
            "polyarray.pytest_plugin",
            "polyarray.pytest_plugin",
            show_root_toc_entry=False,
            members="[backend, xp, selected_specs]",
        ),
    ]
    return "\n".join(lines) + "\n"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated API reference to the site's files."""
    if files.get_file_from_path(PAGE) is not None:
        raise ValueError(f"docs/{PAGE} exists; it is generated by {__file__}: delete it.")
    files.append(File.generated(config, PAGE, content=render()))
    return files
