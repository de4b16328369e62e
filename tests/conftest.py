"""Shared test set-up. The ``backend`` and ``xp`` fixtures come from polyarray's own pytest
plugin (``polyarray.pytest_plugin``), exactly as users get them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from polyarray import _config, _selection


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
