"""polyarray's name table, read from its file without importing polyarray.

``polyarray/__init__.py`` is generated from the table, so the generator must not need it:
``src/polyarray/_names.py`` imports nothing of polyarray and loads on its own.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

__all__ = ["PACKAGE", "names"]

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "polyarray"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("polyarray_name_table", PACKAGE / "_names.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # enum and dataclasses look their module up
    spec.loader.exec_module(module)
    return module


if TYPE_CHECKING:  # the same module, as the type checker sees it
    from polyarray import _names as names
else:
    names = _load()
