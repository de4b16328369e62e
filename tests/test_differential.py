"""Differential fuzzing: every public function gives the same answer on every backend.

For each function of the name table, hypothesis draws a valid call (``differential/
table.py``), mutates it most of the time towards the edges of its domain (other dtypes,
bool and unsigned included, 0-d and empty arrays, NaN/±inf/±0, the ends of integer ranges,
NumPy scalars, Python scalars and non-arrays, bad keywords: ``differential/mutate.py``),
and runs it on NumPy (the reference) and on the backend under test. The outcomes must agree
(``differential/compare.py``): the same dtype, shape and values within a tolerance set by
the dtype, or the same kind of exception; and no call may write into its input. The few
divergences polyarray keeps on purpose are listed, with their reasons, in
``differential/known.py`` and ``docs/semantics.md``.

CI draws the same examples at every run (a failure there is reproducible, never flaky).
Set ``POLYARRAY_DIFFERENTIAL_EXAMPLES`` (say 500) for a longer local run, which draws new
examples each time; ``python tests/differential/campaign.py`` runs a long campaign that
counts divergences by cause instead of stopping at the first.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import polyarray as pa
from differential.check import check
from differential.known import KNOWN, known
from differential.mutate import mutated
from differential.table import FUNCTIONS, STRATEGIES

EXAMPLES = int(os.environ.get("POLYARRAY_DIFFERENTIAL_EXAMPLES", "30"))
DERANDOMIZE = "POLYARRAY_DIFFERENTIAL_EXAMPLES" not in os.environ

pytestmark = [pytest.mark.skip_backends("numpy", reason="NumPy is the reference backend")]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_function_has_a_strategy(name: str) -> None:
    assert name in STRATEGIES, f"add a strategy for pa.{name} to tests/differential/table.py"


@pytest.mark.parametrize("name", FUNCTIONS)
@settings(
    max_examples=EXAMPLES,
    derandomize=DERANDOMIZE,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def test_same_answer_as_numpy(backend: pa.Backend, name: str, data: st.DataObject) -> None:
    call, label = data.draw(mutated(name, STRATEGIES[name]), label="call")
    divergence = check(name, call, backend.spec)
    if divergence is not None and known(name, label, divergence, call, backend.name) is None:
        pytest.fail(f"pa.{name} ({label}): {divergence.cause}: {divergence.detail}")


_DOCS = Path(__file__).parents[1] / "docs"
# docs/semantics.md and its topic pages (docs/semantics/*.md).
_SEMANTICS = [_DOCS / "semantics.md", *sorted((_DOCS / "semantics").glob("*.md"))]


@pytest.mark.parametrize("entry", KNOWN, ids=lambda k: k.topic[:40])
def test_each_kept_divergence_is_documented(entry: object) -> None:
    text = re.sub(r"\s+", " ", " ".join(path.read_text() for path in _SEMANTICS))
    assert entry.topic in text, f"docs/semantics*.md has no entry about {entry.topic!r}"  # type: ignore[attr-defined]
