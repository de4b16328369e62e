"""The documentation's code runs, on every backend, so the docs cannot rot.

Every fenced block marked ```` ```python ```` in the pages below runs, in order, in one
namespace per page (like a notebook), as a script started with
``POLYARRAY_BACKEND=<the backend under test>`` would: the backend is the process default
and no ``use_backend`` block is active, so the pages' own ``set_backend`` and
``use_backend`` calls behave as they do for a reader. Two kinds of block are not run in
that namespace:

- a block that defines ``test_*`` functions is a test file: pytest runs it, with
  polyarray's plugin, on the backend under test;
- a block with a title (```` ```python title="polyarray_lab.py" ````) is a module: it is
  written to that file, importable by the blocks after it, and the page's
  ``[project.entry-points."polyarray.backends"]`` lines register its backends as if the
  package that ships it were installed.

Blocks in other languages (``bash``, ``console``, ``text``, ``toml``) are shown, not run.
"""

from __future__ import annotations

import contextvars
import importlib.util
import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from importlib.metadata import EntryPoint
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest

import polyarray as pa
import polyarray.backends as registry
from polyarray import _names
from polyarray._dispatch import backend_of

pytest_plugins = ["pytester"]


@pytest.fixture(autouse=True, scope="module")
def _frameworks_imported_first() -> None:
    # pytester's in-process runs drop the modules first imported during the run when it
    # ends; NumPy's and torch's extension modules cannot be imported twice in a process,
    # so every installed backend is loaded before any run.
    for name in registry.registered():
        if registry.installed(name):
            registry.backend_class(name).functions()


DOCS = Path(__file__).resolve().parents[1] / "docs"
FENCE = re.compile(r"^```python([^\n]*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
TITLE = re.compile(r'title="([\w./]+\.py)"')
ENTRY_POINTS = re.compile(
    r'^\[project\.entry-points\."polyarray\.backends"\]\n((?:\w+ = "[\w.:]+"\n)+)',
    re.MULTILINE,
)


def load_tool(name: str) -> ModuleType:
    path = DOCS.parent / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Block(NamedTuple):
    line: int
    code: str
    module_file: str | None = None

    @property
    def is_test_file(self) -> bool:
        return re.search(r"^def test_", self.code, re.MULTILINE) is not None


def python_blocks(text: str) -> list[Block]:
    blocks = []
    for match in FENCE.finditer(text):
        title = TITLE.search(match.group(1))
        line = text.count("\n", 0, match.start()) + 2
        code = textwrap.dedent(match.group(2))
        blocks.append(Block(line, code, title.group(1) if title else None))
    return blocks


def backend_entry_points(text: str) -> list[EntryPoint]:
    """The ``polyarray.backends`` entry points a page's ``pyproject.toml`` block declares."""
    return [
        EntryPoint(name=name, value=value, group=registry.ENTRY_POINT_GROUP)
        for section in ENTRY_POINTS.findall(text)
        for name, value in re.findall(r'^(\w+) = "([\w.:]+)"$', section, re.MULTILINE)
    ]


@pytest.fixture
def install(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str, str], None]]:
    """``install(page_text, module)``: as if the package shipping ``module`` were installed.

    The module file is already in ``pytester.path``; this puts that folder on sys.path and
    registers the ``polyarray.backends`` entry points the page declares for the module.
    """
    pytester.syspathinsert()
    real = registry.entry_points
    declared: list[EntryPoint] = []
    before = set(sys.modules)

    def install_module(text: str, module: str) -> None:
        declared.extend(e for e in backend_entry_points(text) if e.module == module)
        monkeypatch.setattr(
            registry,
            "entry_points",
            lambda group: list(declared) if group == registry.ENTRY_POINT_GROUP else real(group),
        )
        registry.registered.cache_clear()
        registry.backend_class.cache_clear()

    yield install_module
    monkeypatch.undo()
    registry.registered.cache_clear()
    registry.backend_class.cache_clear()
    for name in set(sys.modules) - before:
        if name.startswith(("polyarray_", "test_")):
            del sys.modules[name]


def page(name: str) -> object:
    marks = []
    if "pa.grad(" in (DOCS / name).read_text():
        marks.append(pytest.mark.needs_autodiff)
    return pytest.param(name, id=name, marks=marks)


PAGES = [
    page("tour.md"),
    page("getting-started.md"),
    page("from-numpy-and-pytorch.md"),
    page("backends.md"),
    page("index.md"),
    page("gradients.md"),
    page("random.md"),
    page("cluster.md"),
    page("timing.md"),
    page("semantics.md"),
    page("errors.md"),
    page("conformance.md"),
    page("architecture.md"),
]


def run_page(
    path: Path,
    backend: pa.Backend,
    pytester: pytest.Pytester,
    install: Callable[[str, str], None],
) -> dict[str, object]:
    """Run the page's blocks; return the namespace they ran in."""
    namespace: dict[str, object] = {"__name__": f"docs.{path.stem}"}
    text = path.read_text()
    for block in python_blocks(text):
        where = f"{path.name}, the block at line {block.line}"
        if block.module_file is not None:
            target = pytester.path / block.module_file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.code)
            module = block.module_file.removesuffix(".py").removesuffix("/__init__")
            install(text, module.replace("/", "."))
            continue
        if block.is_test_file:
            pytester.makepyfile(**{f"test_{path.stem.replace('-', '_')}_{block.line}": block.code})
            result = pytester.runpytest_inprocess(
                "-p", "no:cacheprovider", f"--polyarray-backends={backend.spec}"
            )
            outcomes = result.parseoutcomes()
            assert result.ret == pytest.ExitCode.OK, f"{where} fails under pytest"
            assert outcomes.get("passed", 0) >= 1, f"{where}: no test ran"
            continue
        code = compile(block.code, f"<{where}>", "exec")
        exec(code, namespace)
    return namespace


@pytest.mark.parametrize("name", PAGES)
def test_the_page_runs(
    name: str,
    backend: pa.Backend,
    pytester: pytest.Pytester,
    install: Callable[[str, str], None],
) -> None:
    # As a script under POLYARRAY_BACKEND=<backend>: the process default, in a fresh
    # context where no use_backend block (such as the fixture's) is active.
    pa.set_backend(backend)
    namespace = contextvars.Context().run(run_page, DOCS / name, backend, pytester, install)
    if name == "tour.md":
        # The tour names no backend: every array it made is on the one under test.
        # (Device kinds only: "cuda" selects the current CUDA device, which arrays report
        # as "cuda:0".)
        found = {}
        for key, value in namespace.items():
            owner = backend_of(value)
            if owner is not None:
                found[key] = (owner.name, owner.device_of(value).partition(":")[0])
        assert len(found) > 10
        assert set(found.values()) == {(backend.name, backend.device_name.partition(":")[0])}


def test_the_tour_covers_the_notebook() -> None:
    # Every operation of the founding notebook, through pa.
    text = (DOCS / "tour.md").read_text()
    for operation in [
        "pa.linspace(0, 5, 4)",
        "pa.reshape(pa.arange(48), (3, 4, 4))",
        "pa.ones((6, 5)) + pa.reshape(pa.arange(5), (1, 5))",
        "size=(256, 256, 3)",
        "pa.asarray([0.5, 1, 3.4])",
        "pa.mean(values)",
        "pa.std(values)",
        "pa.max(values)",
        "pa.min(values)",
        "pa.reshape(pa.arange(20, dtype=float), (5, 4))",
        "pa.mean(grid, axis=0)",
        "(5, 256, 256, 3)",
        "pa.mean(batch, axis=(0, 3))",
        "pa.max_with_indices(",
        "size=(1000, 1000)",
        "pa.matmul(a, b)",
        "pa.grad(f)(x)",
        "[[5.0, 8.0], [4.0, 6.0]]",
        "[[75.0, 192.0], [48.0, 108.0]]",
    ]:
        assert operation in text, operation


def test_blocks_are_found_with_their_lines() -> None:
    text = (
        "intro\n\n```python\nx = 1\n```\n\n```bash\nls\n```\n"
        "```python\ndef test_a(xp):\n    pass\n```\n"
    )
    blocks = python_blocks(text)
    assert blocks == [Block(4, "x = 1\n"), Block(11, "def test_a(xp):\n    pass\n")]
    assert [b.is_test_file for b in blocks] == [False, True]
    titled = python_blocks('```python title="mod.py"\nA = 1\n```\n')
    assert titled == [Block(2, "A = 1\n", "mod.py")]


def test_the_entry_points_of_a_page_are_found() -> None:
    text = (DOCS / "backends.md").read_text()
    assert [(e.name, e.value) for e in backend_entry_points(text)] == [
        ("lab", "polyarray_lab:LabBackend")
    ]


def test_a_failing_block_names_its_page_and_line(
    backend: pa.Backend,
    pytester: pytest.Pytester,
    tmp_path: Path,
    install: Callable[[str, str], None],
) -> None:
    path = tmp_path / "broken.md"
    path.write_text(
        "# Broken\n\n```python\nimport polyarray as pa\n\nassert pa.ones(2).ndim == 2\n```\n"
    )
    with pytest.raises(AssertionError) as info:
        run_page(path, backend, pytester, install)
    assert info.traceback[-1].frame.code.path == "<broken.md, the block at line 4>"


def test_the_api_reference_lists_every_public_name() -> None:
    pytest.importorskip("mkdocs", reason="the API reference is built by the docs extra")
    hooks = load_tool("mkdocs_hooks")
    text = hooks.render()
    for name in _names.standard_functions():
        assert f"`{name}(" in text, name
    for name in [*_names.LINALG_FUNCTIONS, *_names.FFT_FUNCTIONS]:
        assert f"| [`{name}`](" in text, name
    for name in _names.UTILITIES:
        assert f'heading: "pa.{name}"' in text, name
    for name in [*_names.DTYPES, *_names.CONSTANTS]:
        assert f"`pa.{name}`" in text, name


def test_the_api_reference_refuses_an_undescribed_addition(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("mkdocs", reason="the API reference is built by the docs extra")
    hooks = load_tool("mkdocs_hooks")
    monkeypatch.setitem(_names.POLYARRAY_FUNCTIONS, "nanmedian", _names.Dispatch.ARRAY)
    with pytest.raises(ValueError, match=r"describe polyarray's own function.* nanmedian"):
        hooks.render()


ROOT = DOCS.parent


def test_the_architecture_page_names_real_files() -> None:
    # The route of a call is told by file names; a renamed file must not leave it stale.
    text = (DOCS / "architecture.md").read_text()
    named = set(re.findall(r"([\w/]+\.(?:py|md))\b", text))
    roots = [ROOT, ROOT / "src", ROOT / "src" / "polyarray", ROOT / "docs"]
    missing = [n for n in sorted(named) if not any((r / n).exists() for r in roots)]
    missing = [n for n in missing if "<" not in n and not n.startswith(("polyarray_",))]
    assert not missing, f"docs/architecture.md names files that do not exist: {missing}"
