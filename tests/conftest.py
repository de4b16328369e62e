"""Shared test set-up. The ``backend`` and ``xp`` fixtures come from polyarray's own pytest
plugin (``polyarray.pytest_plugin``), exactly as users get them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from polyarray import _config, _selection


@pytest.fixture(autouse=True)
def _restore_process_settings() -> Iterator[None]:
    # Tests that call pa.set_backend / pa.set_default_float must not leak into others.
    backend, source = _selection._process_default, _selection._process_default_source
    default_float = _config._default_float
    yield
    _selection._process_default, _selection._process_default_source = backend, source
    _config._default_float = default_float
