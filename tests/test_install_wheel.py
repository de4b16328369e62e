"""The wheel carries what an installed polyarray needs (issue 16).

``.ci/run`` builds the sdist and the wheel with ``python -m build`` and installs the wheel
alone in a fresh virtual environment; this test looks inside a wheel built from the working
tree (``pip wheel``, a few seconds): every module of ``src/polyarray``, ``py.typed`` for
type checkers, the ``polyarray`` command and the pytest plugin's entry point, and the
dependencies of ``pyproject.toml``.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "polyarray"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("polyarray-*.whl")
    return zipfile.ZipFile(built)


def dist_info(wheel: zipfile.ZipFile, name: str) -> str:
    (path,) = [n for n in wheel.namelist() if n.endswith(f".dist-info/{name}")]
    return wheel.read(path).decode()


def test_the_wheel_holds_every_module_and_py_typed(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    expected = {
        f"polyarray/{path.relative_to(PACKAGE).as_posix()}"
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert "polyarray/py.typed" in expected
    assert sorted(expected - names) == []
    # Nothing but the package and its metadata: no tests, docs or tools in site-packages.
    tops = {name.split("/")[0] for name in names}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"polyarray"}


def test_the_wheel_declares_the_command_and_the_plugin(wheel: zipfile.ZipFile) -> None:
    entry_points = dist_info(wheel, "entry_points.txt")
    assert "polyarray = polyarray._cli:main" in entry_points
    assert "[pytest11]" in entry_points
    assert "polyarray = polyarray.pytest_plugin" in entry_points


def test_the_wheel_requires_what_pyproject_says(wheel: zipfile.ZipFile) -> None:
    metadata = Parser().parsestr(dist_info(wheel, "METADATA"))
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in Python 3.11 and later")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requires = metadata.get_all("Requires-Dist") or []
    for dependency in project["dependencies"]:
        assert dependency in requires
    assert metadata["Requires-Python"] == project["requires-python"]
    assert set(metadata.get_all("Provides-Extra") or []) == set(project["optional-dependencies"])
