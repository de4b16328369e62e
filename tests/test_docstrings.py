"""Every public function has its own numpydoc docstring, whose examples run on every backend.

The docstrings are written in ``tools/docstrings/*.md`` and generated into the source
(``tools/gen_api.py``; ``tests/test_typing.py`` checks the committed source is current).
Here: their shape (summary, the signature's parameters, returns, examples, the standard's
link or the honest note that a function is polyarray's own), and their examples, checked
against the printed output on NumPy and run (output not compared, as reprs differ) on
every other backend.
"""

from __future__ import annotations

import doctest
import inspect
import re
from collections.abc import Callable
from typing import Any

import pytest

import polyarray as pa
from polyarray import _names

QUALIFIED = list(_names.functions())


def public(name: str) -> Callable[..., Any]:
    owner: Any = pa
    for part in name.split("."):
        owner = getattr(owner, part)
    return owner  # type: ignore[no-any-return]


def section(doc: str, title: str) -> str:
    """The text of one numpydoc section (empty when there is none)."""
    match = re.search(rf"^{title}\n-+\n(.*?)(?=^\S[^\n]*\n-+\n|\Z)", doc, re.S | re.M)
    return match.group(1) if match else ""


@pytest.mark.parametrize("name", QUALIFIED)
def test_the_docstring_is_its_own_and_complete(name: str) -> None:
    function = public(name)
    doc = inspect.getdoc(function) or ""
    summary = doc.splitlines()[0] if doc else ""
    assert summary.endswith("."), f"pa.{name}: the summary line must be a sentence"
    assert len(summary) <= 79, f"pa.{name}: the summary line is too long"
    documented = re.findall(r"^(\*?\w+) :", section(doc, "Parameters"), re.M)
    expected = [
        ("*" if p.kind is p.VAR_POSITIONAL else "") + p.name
        for p in inspect.signature(function).parameters.values()
        if p.kind is not p.VAR_KEYWORD  # (**habits: NumPy's and torch's keywords, refused)
    ]
    assert [d.lstrip("*") for d in documented] == [e.lstrip("*") for e in expected], name
    assert section(doc, "Returns"), f"pa.{name} documents no return value"
    assert ">>> import polyarray as pa" in section(doc, "Examples"), name
    own = name in _names.POLYARRAY_FUNCTIONS or (
        name.startswith("linalg.") and name[len("linalg.") :] in _names.LINALG_OWN_FUNCTIONS
    )
    assert ("polyarray's own" in doc) is own, (
        f"pa.{name}: only polyarray's own functions, and all of them, say so"
    )
    link = f"array_api.{name}.html"
    assert (link in section(doc, "References")) is not own, name


def test_no_two_functions_share_a_docstring() -> None:
    docs = [public(name).__doc__ for name in QUALIFIED]
    assert len(set(docs)) == len(docs)


class _AnyOutput(doctest.OutputChecker):
    """Accepts whatever an example prints: the reprs of other backends' arrays differ."""

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        return True


FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


@pytest.mark.parametrize("name", QUALIFIED)
def test_the_examples_run(name: str, backend: pa.Backend) -> None:
    # ``backend`` is active while the test runs, so ``pa.asarray`` in an example makes the
    # backend's arrays; NumPy's printed output is the documented one.
    doc = public(name).__doc__ or ""
    test = doctest.DocTestParser().get_doctest(doc, {}, f"pa.{name}", None, 0)
    checker = None if backend.name == "numpy" else _AnyOutput()
    runner = doctest.DocTestRunner(checker=checker, optionflags=FLAGS)
    runner.run(test, out=lambda text: None)
    failures = runner.summarize(verbose=False)
    if failures.failed:
        output: list[str] = []
        doctest.DocTestRunner(checker=checker, optionflags=FLAGS).run(test, out=output.append)
        pytest.fail("".join(output), pytrace=False)
