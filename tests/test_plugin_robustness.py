"""Broken and lazy third-party backends, installed as real distributions on ``sys.path``.

Each test writes a fake distribution (a ``.dist-info`` folder with an ``entry_points.txt``)
and its modules into a folder of its own, so the registry reads them with the real
``importlib.metadata``, distribution names and all.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import polyarray as pa
import polyarray.backends as registry
from polyarray._dispatch import backend_of
from polyarray.errors import PluginError, PluginWarning, PolyarrayError

# A working plug-in: NumPy under another name. ``{name}``, ``{types}`` are filled in.
WORKING = """
from polyarray.backends.numpy import NumpyBackend
{imports}

class {cls}(NumpyBackend):
    name = "{name}"
    module = "{module}"

    @classmethod
    def array_types(cls):
        return ({types})
"""

NDARRAY_SUBCLASS = "import numpy as np\n\nclass {cls}(np.ndarray):\n    pass\n"


class Site:
    """A folder on ``sys.path`` holding fake distributions and their modules."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text))

    def distribution(self, name: str, entry_points: dict[str, str]) -> None:
        info = self.root / f"{name.replace('-', '_')}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
        lines = [f"{key} = {value}" for key, value in entry_points.items()]
        text = "\n".join([f"[{registry.ENTRY_POINT_GROUP}]", *lines, ""])
        (info / "entry_points.txt").write_text(text)
        importlib.invalidate_caches()  # importlib.metadata caches what it saw on sys.path
        _forget_plugins()

    def working(self, name: str, module: str, types: str = "", imports: str = "") -> None:
        """A working plug-in ``name`` in module ``module`` (class ``Backend``)."""
        self.write(
            f"{module.replace('.', '/')}.py",
            WORKING.format(cls="Backend", name=name, module="numpy", types=types, imports=imports),
        )
        self.distribution(f"polyarray-{name}", {name: f"{module}:Backend"})

    def ndarray_subclass(self, module: str, cls: str) -> type:
        self.write(f"{module.replace('.', '/')}.py", NDARRAY_SUBCLASS.format(cls=cls))
        kind: type = getattr(importlib.import_module(module), cls)
        return kind


def _forget_plugins() -> None:
    registry.registered.cache_clear()
    registry.backend_class.cache_clear()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr(registry, "_FAILURES", {})
    monkeypatch.setattr(registry, "_WARNED", set())
    _forget_plugins()
    yield Site(root)
    _forget_plugins()
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", None) or "").startswith(str(root)):
            del sys.modules[name]


# -- a plug-in that cannot be loaded ------------------------------------------------------

# Module source -> the type of the error its import raises.
BROKEN_MODULES = {
    "raise RuntimeError('the plug-in is broken')": "RuntimeError",
    "raise ValueError('the plug-in is broken')": "ValueError",
    "1 / 0": "ZeroDivisionError",
    "def broken(:\n    pass": "SyntaxError",
    "import polyarray_test_no_such_framework": "ModuleNotFoundError",
}


@pytest.fixture(params=list(BROKEN_MODULES), ids=list(BROKEN_MODULES.values()))
def broken(request: pytest.FixtureRequest, site: Site) -> str:
    """A registered plug-in ``broken`` whose module raises; the error's type name."""
    site.write("polyarray_broken.py", request.param)
    site.distribution("polyarray-broken", {"broken": "polyarray_broken:BrokenBackend"})
    return BROKEN_MODULES[request.param]


def test_a_broken_plugin_breaks_no_numpy_call(broken: str, site: Site) -> None:
    x = np.arange(4.0)
    assert float(pa.mean(x)) == 1.5
    assert pa.add(x, 1).tolist() == [1.0, 2.0, 3.0, 4.0]
    assert np.ones(2, dtype=np.float32).dtype == pa.float32
    # An array type no built-in names exactly makes the registry look at the plug-ins.
    other = site.ndarray_subclass("thirdparty_arrays", "Thing")
    with pytest.warns(PluginWarning) as record:
        assert float(pa.mean(np.arange(4.0).view(other))) == 1.5
    assert len(record) == 1
    message = str(record[0].message)
    assert "'broken'" in message
    assert "polyarray-broken 1.0" in message
    assert "broken = 'polyarray_broken:BrokenBackend'" in message
    assert broken in message
    assert record[0].filename == __file__  # points at the caller, not at polyarray


def test_available_backends_leave_a_broken_plugin_out_warning_once(broken: str) -> None:
    with pytest.warns(PluginWarning, match=r"polyarray-broken 1\.0") as record:
        specs = pa.available_backends()
    assert len(record) == 1
    assert broken in str(record[0].message)
    assert "numpy" in specs
    assert "broken" not in specs
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # once per plug-in and process
        assert pa.available_backends() == specs


@pytest.mark.parametrize(
    "choose", [pa.set_backend, pa.use_backend, registry.parse_spec, pa.namespace]
)
def test_naming_a_broken_plugin_raises_plugin_error(broken: str, choose: Any) -> None:
    before = pa.get_backend()
    with pytest.raises(PluginError) as info:
        choose("broken")
    message = str(info.value)
    assert "the backend 'broken' cannot be loaded" in message
    assert "polyarray-broken 1.0" in message
    assert broken in message
    assert type(info.value.__cause__).__name__ == broken  # the original error, chained
    assert isinstance(info.value, ImportError)
    assert isinstance(info.value, PolyarrayError)
    assert pa.get_backend() == before


def test_a_broken_module_is_run_once(site: Site) -> None:
    site.write("polyarray_counted.py", "import builtins\nbuiltins._pa_runs += 1\n1 / 0\n")
    site.distribution("polyarray-counted", {"counted": "polyarray_counted:Backend"})
    import builtins

    builtins._pa_runs = 0  # type: ignore[attr-defined]
    try:
        for _ in range(3):
            with pytest.raises(PluginError):
                pa.set_backend("counted")
        assert builtins._pa_runs == 1  # type: ignore[attr-defined]
    finally:
        del builtins._pa_runs  # type: ignore[attr-defined]


NOT_BACKENDS = """
from polyarray.backends import Backend

def function():
    pass

class NotABackend:
    pass

class WithoutModule(Backend):
    name = "nomodule"
"""

# Entry point value -> what the error says.
BAD_ENTRY_POINTS = {
    "polyarray_not_backends:function": "which is not a subclass of polyarray.Backend",
    "polyarray_not_backends:NotABackend": "which is not a subclass of polyarray.Backend",
    "polyarray_not_backends:Missing": "'Missing', which the module 'polyarray_not_backends' lacks",
    "polyarray_not_backends": "names no class",
    "polyarray_not_backends:WithoutModule": "does not set `module`",
    "polyarray_test_no_such_module:Backend": "'polyarray_test_no_such_module', which is not "
    "installed",
}


@pytest.mark.parametrize(("target", "problem"), list(BAD_ENTRY_POINTS.items()))
def test_an_entry_point_that_names_no_backend_class(site: Site, target: str, problem: str) -> None:
    site.write("polyarray_not_backends.py", NOT_BACKENDS)
    site.distribution("polyarray-bad", {"bad": target})
    with pytest.raises(PluginError, match=r"polyarray-bad 1\.0") as info:
        pa.set_backend("bad")
    assert problem in str(info.value)
    with pytest.warns(PluginWarning, match=r"polyarray-bad 1\.0") as record:
        assert "bad" not in pa.available_backends()
    assert problem in str(record[0].message)


FLAKY = """
from polyarray.backends.numpy import NumpyBackend

class FlakyBackend(NumpyBackend):
    name = "flaky"
    module = "numpy"

    @classmethod
    def array_types(cls):
        raise RuntimeError("array_types is broken")

    @classmethod
    def accelerators(cls):
        raise RuntimeError("accelerators is broken")
"""


@pytest.fixture
def flaky(site: Site) -> Site:
    site.write("polyarray_flaky.py", FLAKY)
    site.distribution("polyarray-flaky", {"flaky": "polyarray_flaky:FlakyBackend"})
    return site


def test_a_plugin_whose_array_types_raise_is_passed_over(flaky: Site) -> None:
    thing = flaky.ndarray_subclass("thirdparty_things", "Thing")
    with pytest.warns(PluginWarning, match=r"array_types\(\) raised RuntimeError") as record:
        assert float(pa.mean(np.ones(3).view(thing))) == 1.0
    assert "polyarray-flaky 1.0" in str(record[0].message)


def test_a_plugin_whose_accelerators_raise_is_listed_without_devices(flaky: Site) -> None:
    with pytest.warns(PluginWarning, match=r"accelerators\(\) raised RuntimeError"):
        specs = pa.available_backends()
    assert "flaky" in specs
    assert "numpy" in specs


def test_polyarray_info_reports_a_broken_plugin(broken: str) -> None:
    from polyarray._cli import info

    report = info()
    assert "numpy" in report
    assert "the backend 'broken' cannot be loaded" in report


# -- which plug-in modules are imported, and when -------------------------------------------


@pytest.fixture
def lab(site: Site) -> Site:
    """``lab`` claims the arrays of its own package; ``other`` claims nothing seen here."""
    site.write("polyarray_lab/__init__.py", "")
    site.write("polyarray_lab/arrays.py", NDARRAY_SUBCLASS.format(cls="LabArray"))
    site.write(
        "polyarray_lab/backend.py",
        WORKING.format(
            cls="LabBackend",
            name="lab",
            module="numpy",
            types="LabArray,",
            imports="from polyarray_lab.arrays import LabArray",
        ),
    )
    site.distribution("polyarray-lab", {"lab": "polyarray_lab.backend:LabBackend"})
    site.working("other", "polyarray_other")
    return site


def test_builtin_arrays_and_python_objects_read_no_entry_points(
    lab: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    real = registry.entry_points
    monkeypatch.setattr(registry, "entry_points", lambda group: read.append(group) or real(group))
    for kind in (np.ndarray, dict, object, type(None), str):
        owner = registry.owner_of(kind)
        assert owner is None or owner.name == "numpy"
    assert float(pa.mean(np.ones(3))) == 1.0
    with pytest.raises(TypeError, match="not dict"):
        pa.sum({})
    assert read == []
    assert "polyarray_lab.backend" not in sys.modules
    assert "polyarray_other" not in sys.modules


def test_a_plugin_is_imported_for_the_arrays_it_claims_only(lab: Site) -> None:
    from polyarray_lab.arrays import LabArray  # type: ignore[import-not-found]

    x = np.arange(3.0).view(LabArray)
    assert "polyarray_lab.backend" not in sys.modules
    found = backend_of(x)
    assert found is not None
    assert found.name == "lab"
    assert float(pa.sum(x)) == 3.0
    assert "polyarray_other" not in sys.modules  # claims nothing from polyarray_lab


def test_a_plugin_named_after_its_framework_claims_its_arrays(site: Site) -> None:
    site.write("fakeframework.py", NDARRAY_SUBCLASS.format(cls="FakeArray"))
    site.working(
        "fakeframework", "polyarray_fake", "FakeArray,", "from fakeframework import FakeArray"
    )
    site.working("other", "polyarray_other")
    from fakeframework import FakeArray  # type: ignore[import-not-found]

    found = backend_of(np.zeros(2).view(FakeArray))
    assert found is not None
    assert found.name == "fakeframework"
    assert "polyarray_other" not in sys.modules


def test_an_unclaimed_type_imports_the_other_plugins(site: Site) -> None:
    # ``tools`` owns labtools.ToolArray, from a package it does not claim.
    site.write("labtools.py", NDARRAY_SUBCLASS.format(cls="ToolArray"))
    site.working("tools", "polyarray_tools", "ToolArray,", "from labtools import ToolArray")
    site.working("other", "polyarray_other")
    from labtools import ToolArray  # type: ignore[import-not-found]

    found = backend_of(np.zeros(2).view(ToolArray))
    assert found is not None
    assert found.name == "tools"
    assert "polyarray_other" in sys.modules
    # A subclass no plug-in owns belongs to the built-in that owns its base class.
    thing = site.ndarray_subclass("thirdparty_more", "Thing")
    found = backend_of(np.zeros(2).view(thing))
    assert found is not None
    assert found.name == "numpy"


def test_a_fresh_process_with_a_broken_plugin(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.write("polyarray_broken.py", "raise RuntimeError('the plug-in is broken')")
    site.distribution("polyarray-broken", {"broken": "polyarray_broken:BrokenBackend"})
    site.working("other", "polyarray_other")
    code = (
        "import sys\n"
        "import numpy as np, polyarray as pa\n"
        "print(np.ones(2).dtype == pa.float64, float(pa.mean(np.ones(3))), "
        "pa.add(np.ones(3), 1).tolist())\n"
        "loaded = ('importlib.metadata', 'polyarray_broken', 'polyarray_other')\n"
        "print(sorted(m for m in loaded if m in sys.modules))\n"
        "specs = pa.available_backends()\n"
        "print('numpy' in specs, 'other' in specs, 'broken' in specs)\n"
    )
    path = os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-W", "default", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": path},
    )
    assert result.stdout.splitlines() == ["True 1.0 [2.0, 2.0, 2.0]", "[]", "True True False"]
    assert result.stderr.count("PluginWarning") == 1, result.stderr
    assert "polyarray-broken 1.0" in result.stderr
