"""The docstrings of polyarray's public functions, read from ``tools/docstrings/*.md``.

One Markdown file per chapter module (``polyarray._names.CHAPTER_MODULES``): a level-1
title, then one level-2 heading per function (its unqualified name: ``## mean``, in
``linalg.md`` ``## solve``) followed by the function's numpydoc docstring as it appears
in ``pa.mean.__doc__``, up to the next level-2 heading. Markdown keeps long prose
readable and reviewable apart from the generated code.

:func:`docstrings` adds, for the standard's functions, a ``References`` section linking
the function's page of the standard (numpydoc puts it before ``Examples``), and checks
that every file holds exactly the functions of its module.
"""

from __future__ import annotations

import re
from pathlib import Path

from name_table import names as _names

FOLDER = Path(__file__).resolve().parent / "docstrings"
STANDARD_PAGE = (
    "https://data-apis.org/array-api/latest/API_specification/generated/array_api.{}.html"
)

_HEADING = re.compile(r"^## (\w+)\s*$", re.MULTILINE)


def _sections(text: str) -> dict[str, str]:
    """``{function name: docstring}`` of one Markdown file, in file order."""
    found: dict[str, str] = {}
    matches = list(_HEADING.finditer(text))
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        found[match.group(1)] = text[match.end() : end].strip("\n").rstrip() + "\n"
    return found


def _with_reference(name: str, docstring: str) -> str:
    prefix, _, bare = name.rpartition(".")
    if bare in _names.POLYARRAY_FUNCTIONS or (
        prefix == "linalg" and bare in _names.LINALG_OWN_FUNCTIONS
    ):
        return docstring  # polyarray's own: the standard has no page for it
    reference = f"References\n----------\n.. [1] {STANDARD_PAGE.format(name)}\n"
    head, examples, tail = docstring.partition("\nExamples\n--------\n")
    if not examples:
        return f"{docstring.rstrip()}\n\n{reference}"
    return f"{head.rstrip()}\n\n{reference}{examples}{tail}"


def docstrings(*, draft: bool = False) -> dict[str, str]:
    """Every public function's docstring by qualified name; raises where one is missing.

    ``draft`` fills missing ones with a placeholder, for trying the generator out while
    docstrings are being written (``gen_api.py --draft``; never committed).
    """
    by_module: dict[str, list[str]] = {}
    for name in _names.functions():
        by_module.setdefault(_names.module_of(name), []).append(name)
    found: dict[str, str] = {}
    problems: list[str] = []
    for module, names in by_module.items():
        path = FOLDER / f"{module}.md"
        sections = _sections(path.read_text()) if path.exists() else {}
        prefix = _names.CHAPTER_MODULES[module]
        expected = [name.removeprefix(prefix) for name in names]
        missing = [n for n in expected if n not in sections]
        extra = [n for n in sections if n not in expected]
        if (missing or extra) and not draft:
            problems.append(f"{path.name}: missing {missing}, not functions {extra}")
            continue
        sections = {n: sections.get(n, "DRAFT: no docstring yet.\n") for n in expected}
        for name in names:
            found[name] = _with_reference(name, sections[name.removeprefix(prefix)])
    if problems:
        raise SystemExit("docstrings out of step with the name table:\n" + "\n".join(problems))
    return found
