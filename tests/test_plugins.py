"""Third-party backends register through the ``polyarray.backends`` entry-point group."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import numpy as np
import pytest

import polyarray as pa
import polyarray.backends as registry

# A complete third-party backend: NumPy arrays in float16-free "reversed" storage would be
# too much for a test; this one is NumPy under another name, with its own array type, which
# is all the registry and the dispatcher need to see.
PLUGIN = textwrap.dedent(
    '''
    import numpy as np

    from polyarray.backends.numpy import NumpyBackend


    class MiniArray(np.ndarray):
        """The plug-in framework's own array type."""


    class MiniBackend(NumpyBackend):
        name = "mini"
        module = "numpy"

        @classmethod
        def array_types(cls):
            return (MiniArray,)
    '''
)


@pytest.fixture
def mini_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    (tmp_path / "polyarray_mini.py").write_text(PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    entry = EntryPoint(
        name="mini", value="polyarray_mini:MiniBackend", group=registry.ENTRY_POINT_GROUP
    )
    monkeypatch.setattr(
        registry, "entry_points", lambda group: [entry] if group == entry.group else []
    )
    registry.registered.cache_clear()
    registry.backend_class.cache_clear()
    yield
    registry.registered.cache_clear()
    registry.backend_class.cache_clear()
    sys.modules.pop("polyarray_mini", None)


@pytest.mark.usefixtures("mini_backend")
def test_plugin_is_registered_and_usable() -> None:
    assert list(registry.registered())[:2] == ["numpy", "torch"]
    assert "mini" in registry.registered()
    backend = registry.parse_spec("mini")
    assert backend.name == "mini"
    assert "mini" in pa.available_backends()
    with pa.use_backend("mini"):
        x = pa.linspace(0, 1, 3)
    assert x.dtype == pa.float32


@pytest.mark.usefixtures("mini_backend")
def test_plugin_cannot_take_over_builtin_arrays() -> None:
    from polyarray._dispatch import backend_of

    found = backend_of(np.zeros(2))
    assert found is not None
    assert found.name == "numpy"


@pytest.mark.usefixtures("mini_backend")
def test_plugin_array_types_dispatch_to_the_plugin() -> None:
    from polyarray._dispatch import backend_of

    module = sys.modules.get("polyarray_mini") or __import__("polyarray_mini")
    array = np.zeros(3).view(module.MiniArray)
    found = backend_of(array)
    assert found is not None
    assert found.name == "mini"


def test_unknown_backend_lists_the_registered_ones() -> None:
    with pytest.raises(
        pa.errors.UnknownBackendError, match="Choose one of: dask, jax, numpy, torch"
    ):
        pa.set_backend("mini")
