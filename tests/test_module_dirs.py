"""``dir()`` of every public module shows its public names only (issue 16).

A user exploring ``dir(pa.random)`` in a notebook should see ``default_rng``, not the
``threading`` and ``Any`` the module imports. The public modules are ``polyarray`` and its
submodules in the name table (``_names.SUBMODULES``).

``polyarray.pytest_plugin`` keeps the default ``dir()`` on purpose: pluggy finds a
plugin's hooks (``pytest_addoption``...) and pytest its fixtures through ``dir(module)``,
so a narrowed ``dir()`` would switch the plugin off.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

import polyarray as pa
from polyarray import _names

# Names of the module object itself that dir() may show beside __all__ (pa's version
# attributes, which the standard asks for and __all__ does not list).
MODULE_DUNDERS = {"polyarray": {"__version__", "__array_api_version__"}}


def public_module(name: str) -> ModuleType:
    return importlib.import_module(name)


@pytest.mark.parametrize("name", ["polyarray", *(f"polyarray.{sub}" for sub in _names.SUBMODULES)])
def test_dir_is_the_public_names(name: str) -> None:
    module = public_module(name)
    expected = set(module.__all__) | MODULE_DUNDERS.get(name, set())
    assert set(dir(module)) == expected
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert missing == [], f"{name}.__all__ names what the module lacks: {missing}"


@pytest.mark.parametrize("sub", _names.SUBMODULES)
def test_submodule_dir_hides_its_imports(sub: str) -> None:
    # The names the issue saw: imports of the module's own code stay attributes (its
    # functions use them) but are not offered to the reader.
    module = public_module(f"polyarray.{sub}")
    private = [n for n in vars(module) if n not in module.__all__ and not n.startswith("__")]
    assert private, f"polyarray.{sub} has no private names, so this test checks nothing"
    assert not set(private) & set(dir(module))


def test_random_dir_example_from_the_issue() -> None:
    assert "threading" not in dir(pa.random)
    assert "Any" not in dir(pa.random)
    assert "default_rng" in dir(pa.random)
