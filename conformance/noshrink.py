"""A pytest plugin for conformance runs: keep the suite's settings, drop shrinking.

The suite registers and loads its own hypothesis profile in ``pytest_configure``. This
plugin runs after it (``trylast``) and loads a child profile without the shrink and
explain phases and without an example database, so a run takes minutes instead of hours
on a small machine and the figures do not depend on failures saved by earlier runs.
Load it with ``-p noshrink`` and this folder on ``PYTHONPATH`` (``run.sh`` does both).
"""

from __future__ import annotations

import pytest
from hypothesis import Phase, settings


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    settings.register_profile(
        "polyarray-conformance",
        parent=settings.get_profile("array-api-tests"),
        phases=(Phase.explicit, Phase.generate),
        database=None,
    )
    settings.load_profile("polyarray-conformance")
