"""Shared test set-up. The ``backend`` and ``xp`` fixtures come from polyarray's own pytest
plugin (``polyarray.pytest_plugin``), exactly as users get them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from polyarray import _config, _selection

#: The fixture tests known to fail on the dask backend, each with its reason (the backend
#: is new: docs/cluster.md says what it does; this list is what it does not do yet).
DASK_XFAILS = Path(__file__).with_name("dask-xfails.txt")


def _dask_xfails() -> list[tuple[str, str]]:
    """(test id or test function, reason) from ``DASK_XFAILS``: ``id  # reason`` lines."""
    rows = []
    for line in DASK_XFAILS.read_text().splitlines():
        test, _, reason = line.partition("#")
        if test.strip():
            rows.append((test.strip(), reason.strip()))
    return rows


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # An entry names a test function (every dask parametrization of it) or one test id.
    rows = _dask_xfails()
    by_test = dict(rows)
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is None or callspec.params.get("backend") != "dask":
            continue
        function = re.sub(r"\[.*$", "", item.nodeid)
        reason = by_test.get(item.nodeid) or by_test.get(function)
        if reason is not None:
            # Not strict: a test that passes on dask now and then (hypothesis draws) does
            # not fail the run; the list is shortened as the backend grows.
            item.add_marker(pytest.mark.xfail(reason=f"dask backend: {reason}", strict=False))


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    # A nested run inside an xdist worker inherits PYTEST_XDIST_WORKER; pytest-benchmark,
    # where installed, then warns that xdist is active, and warnings are errors here.
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    return pytester


@pytest.fixture(autouse=True)
def _restore_process_settings() -> Iterator[None]:
    # Tests that call pa.set_backend / pa.set_default_float must not leak into others.
    process = _selection.process_default
    backend, source = process.backend, process.source
    default_float = _config.get_default_float()
    yield
    process.backend, process.source = backend, source
    _config.set_default_float(default_float)
