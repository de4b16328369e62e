"""polyarray's pytest plugin: run a test once per installed backend.

Installed with polyarray (entry point ``pytest11``), it gives every test suite:

``backend`` fixture
    the :class:`~polyarray.Backend` of this run of the test, active for its duration.
``xp`` fixture
    polyarray bound to that backend (:func:`polyarray.namespace`), also active.

A test that takes either runs once per backend, with ids ``numpy``, ``torch`` and
``torch:cuda``. The CUDA run is always collected and skipped cleanly where there is no
CUDA device; so is the run of a backend whose framework is not installed.

Choosing the backends, first match wins:

1. the command-line option ``--polyarray-backends=numpy,torch``;
2. the environment variable ``POLYARRAY_TEST_BACKENDS=numpy,torch``;
3. the ini option ``polyarray_backends = numpy torch`` (``pyproject.toml``, ``pytest.ini``);
4. by default, every installed backend, plus one spec per kind of accelerator it can use
   (``Capabilities.device_kinds``: ``torch:cuda`` where torch is installed).

Specs are separated by commas or spaces. A name that is not a registered backend stops the
run with a usage error (a typo must not skip a whole backend silently).

Markers:

``@pytest.mark.skip_backends("torch", reason=...)``
    skip the test on the named backends (a name covers all its devices; a full spec such as
    ``"torch:cuda"`` only that one).
``@pytest.mark.xfail_backends("numpy", reason=..., strict=True, raises=None)``
    expect the test to fail there.
``@pytest.mark.needs_autodiff``
    skip where ``pa.grad`` cannot work: on the test's backend, or, for a test without the
    fixtures, on every installed backend (each backend says why:
    :meth:`~polyarray.backends.Backend.gradients_unavailable`; NumPy needs torch).
``@pytest.mark.cuda``
    the test needs a CUDA device: it runs only on CUDA backends, or, for a test without the
    fixtures, only where a CUDA device is present.

Skips that depend only on the test and the backend are decided at collection, so ``-ra``
folds them into one line per file and reason. A backend this machine cannot run (no CUDA
device for ``torch:cuda``, a framework not installed) is reported once for the session:
each of its tests is still skipped (``s`` in the progress, ``SKIPPED`` with ``-v``), and
``-ra`` folds all of them into one line, ``SKIPPED [59] polyarray: torch:cuda: ...``.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pluggy import Result

    from polyarray._namespace import Namespace
    from polyarray.backends import Backend

__all__ = ["ENV_VAR", "INI_NAME", "OPTION", "selected_specs"]

ENV_VAR = "POLYARRAY_TEST_BACKENDS"
OPTION = "--polyarray-backends"
INI_NAME = "polyarray_backends"

_MARKERS = (
    "skip_backends(*names, reason=None): skip the test on these backends (names or specs)",
    "xfail_backends(*names, reason=None, strict=True, raises=None): expect the test to fail "
    "on these backends",
    "needs_autodiff: skip where pa.grad cannot work (on NumPy it needs torch)",
    "cuda: needs a CUDA device; runs on CUDA backends only, skipped where there is none",
)

# config.stash keys: the chosen specs with where they came from, and the availability of
# each spec (None: usable; else the reason to skip), decided once per session.
_SPECS_KEY = pytest.StashKey[tuple[list[str], str]]()
_AVAILABILITY_KEY = pytest.StashKey[dict[str, "str | None"]]()
# item.stash key: why this item's backend cannot run on this machine (set at collection).
_UNAVAILABLE_KEY = pytest.StashKey[str]()

#: Where the folded summary line of an unavailable backend says the skip comes from.
_FOLDED_LOCATION = "polyarray"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("polyarray", "polyarray backends")
    group.addoption(
        OPTION,
        dest="polyarray_backends",
        default=None,
        metavar="SPECS",
        help=(
            "comma-separated backend specs that the xp/backend fixtures run on, e.g. "
            f"'numpy,torch:cuda' (default: ${ENV_VAR}, then the ini option "
            f"{INI_NAME}, then every installed backend plus torch:cuda)"
        ),
    )
    parser.addini(
        INI_NAME,
        help="backend specs that the xp/backend fixtures run on (commas or spaces)",
        default="",
    )


def pytest_configure(config: pytest.Config) -> None:
    for line in _MARKERS:
        config.addinivalue_line("markers", line)
    config.stash[_SPECS_KEY] = _choose_specs(config)
    config.stash[_AVAILABILITY_KEY] = {}


def pytest_report_header(config: pytest.Config) -> str:
    specs, source = config.stash[_SPECS_KEY]
    return f"polyarray backends: {', '.join(specs)} ({source})"


def _split(text: str) -> list[str]:
    return [part for part in re.split(r"[,\s]+", text) if part]


def _choose_specs(config: pytest.Config) -> tuple[list[str], str]:
    """The specs to run on and where they came from; a usage error for unknown names."""
    sources: list[tuple[str, str]] = [
        (OPTION, config.getoption("polyarray_backends") or ""),
        (ENV_VAR, os.environ.get(ENV_VAR, "")),
        (f"ini option {INI_NAME}", str(config.getini(INI_NAME) or "")),
    ]
    for source, text in sources:
        if text.strip():
            specs = _split(text)
            if not specs:
                raise pytest.UsageError(
                    f"{source}={text!r} names no backend. Give specs such as 'numpy,torch'."
                )
            _check_names(specs, source)
            return list(dict.fromkeys(specs)), source
    return _default_specs(), "every installed backend"


def _check_names(
    specs: list[str] | tuple[Any, ...], source: str, error: type[Exception] = pytest.UsageError
) -> None:
    from polyarray.backends import registered

    known = registered()
    for spec in specs:
        if not isinstance(spec, str) or spec.partition(":")[0] not in known:
            raise error(
                f"{source} names {spec!r}, which is not a polyarray backend. Known backends: "
                f"{', '.join(sorted(known))} (optionally with a device, as in 'torch:cuda')."
            )


def _installed_class(name: str) -> type[Backend] | None:
    from polyarray.backends import backend_class, installed

    try:
        return backend_class(name) if installed(name) else None
    except ImportError:  # a broken third-party plug-in must not break the test run
        return None


def _installed_classes() -> list[type[Backend]]:
    """The classes of the installed backends (imports no framework)."""
    from polyarray.backends import registered

    return [cls for name in registered() if (cls := _installed_class(name)) is not None]


def _default_specs() -> list[str]:
    classes = _installed_classes()
    specs = [cls.name for cls in classes]
    # One spec per accelerator kind, always collected, so that a GPU machine and a CPU
    # machine list the same tests (the runs without such a device are skipped).
    specs.extend(
        f"{cls.name}:{kind}"
        for cls in classes
        for kind in cls.capabilities.device_kinds
        if kind != "cpu"
    )
    return specs


def selected_specs(config: pytest.Config) -> list[str]:
    """The backend specs the fixtures are parametrized over, in order.

    Examples
    --------
    In a ``conftest.py``, to know which backends this run covers::

        def pytest_report_header(config):
            from polyarray.pytest_plugin import selected_specs

            return f"backends: {selected_specs(config)}"
    """
    return list(config.stash[_SPECS_KEY][0])


def _matches(spec: str, names: tuple[str, ...]) -> bool:
    base = spec.partition(":")[0]
    return any(name in (spec, base) for name in names)


def _is_cuda(spec: str) -> bool:
    return spec.partition(":")[2].startswith("cuda")


def _static_marks(definition: pytest.Function, spec: str) -> list[pytest.MarkDecorator]:
    """The skip/xfail marks of one (test, backend) pair that need no framework import."""
    marks = [
        pytest.mark.skip(reason=marker.kwargs.get("reason") or f"not on {spec}")
        for marker in definition.iter_markers("skip_backends")
        if _matches(spec, marker.args)
    ]
    if definition.get_closest_marker("cuda") is not None and not _is_cuda(spec):
        marks.append(pytest.mark.skip(reason="a CUDA test: runs on CUDA backends only"))
    marks.extend(
        pytest.mark.xfail(
            reason=marker.kwargs.get("reason") or f"expected to fail on {spec}",
            strict=marker.kwargs.get("strict", True),
            raises=marker.kwargs.get("raises"),
        )
        for marker in definition.iter_markers("xfail_backends")
        if _matches(spec, marker.args)
    )
    return marks


def _check_markers(metafunc: pytest.Metafunc) -> None:
    """Clear errors for backend markers that name no backend or cannot take effect.

    They are collection errors of the test's module, shown without a traceback.
    """
    definition = metafunc.definition
    error = pytest.Collector.CollectError
    uses_backend = "backend" in metafunc.fixturenames
    for name in ("skip_backends", "xfail_backends"):
        for marker in definition.iter_markers(name):
            where = f"@pytest.mark.{name} on {definition.nodeid}"
            if not marker.args:
                raise error(f"{where} names no backend: give names such as 'torch'.")
            _check_names(marker.args, where, error)
        # A marker on the function itself that can never apply is a mistake; one on the
        # module or class may be meant for the other tests there.
        if not uses_backend and any(m.name == name for m in definition.own_markers):
            raise error(
                f"@pytest.mark.{name} on {definition.nodeid} has no effect: the test takes "
                "neither the xp nor the backend fixture."
            )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    _check_markers(metafunc)
    if "backend" not in metafunc.fixturenames:
        return
    specs = selected_specs(metafunc.config)
    params = [
        pytest.param(spec, id=spec, marks=_static_marks(metafunc.definition, spec))
        for spec in specs
    ]
    metafunc.parametrize("backend", params, indirect=True)


def _availability(config: pytest.Config, spec: str) -> str | None:
    """None when ``spec`` can run here, else why not (cached for the session)."""
    cache = config.stash[_AVAILABILITY_KEY]
    if spec not in cache:
        cache[spec] = _why_unavailable(spec)
    return cache[spec]


def _why_unavailable(spec: str) -> str | None:
    from polyarray.backends import installed, parse_spec
    from polyarray.errors import (
        BackendNotInstalledError,
        DeviceUnavailableError,
        UnknownBackendError,
    )

    name, _, device = spec.partition(":")
    try:
        # A spec without a device is checked with find_spec only, importing nothing;
        # parse_spec, which imports the framework, explains what is missing.
        if not device and installed(name):
            return None
        parse_spec(spec)
    except BackendNotInstalledError as exc:
        return f"{spec}: {exc}"
    except DeviceUnavailableError as exc:
        # Its first sentence says what is missing; the rest (what to do) suits an error
        # better than a skip reason repeated in every summary line.
        return f"{spec}: {str(exc).split('. ')[0]}"
    except UnknownBackendError as exc:  # a device the backend does not know: a typo
        raise pytest.UsageError(f"polyarray backend {spec!r}: {exc}") from None
    except ImportError as exc:  # a third-party backend whose module is broken
        return f"{spec}: its backend module cannot be imported ({exc})"
    return None


def _autodiff_unavailable(spec: str | None) -> str | None:
    """None where pa.grad works on ``spec`` (or, without one, on some installed backend)."""
    from polyarray.backends import backend_class

    if spec is not None:
        reasons = [backend_class(spec.partition(":")[0]).gradients_unavailable()]
    else:
        reasons = [cls.gradients_unavailable() for cls in _installed_classes()]
    if None in reasons:
        return None
    return f"needs autodiff: {reasons[0] if reasons else 'no backend is installed'}"


def _has_device(kind: str) -> bool:
    """Whether an installed backend that can use ``kind`` devices sees one (imports it)."""
    return any(
        device.partition(":")[0] == kind
        for cls in _installed_classes()
        if kind in cls.capabilities.device_kinds
        for device in cls.accelerators()
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # trylast: after -k/-m deselection, so that only the backends still selected are
    # checked (checking a CUDA spec imports torch).
    for item in items:
        callspec = getattr(item, "callspec", None)
        spec = callspec.params.get("backend") if callspec is not None else None
        if isinstance(spec, str):
            reason = _availability(config, spec)
            if reason is not None:
                item.stash[_UNAVAILABLE_KEY] = reason
            elif item.get_closest_marker("needs_autodiff") is not None:
                reason = _autodiff_unavailable(spec)
        else:
            reason = None
            if item.get_closest_marker("cuda") is not None and not _has_device("cuda"):
                reason = "needs a CUDA device; none is present"
            elif item.get_closest_marker("needs_autodiff") is not None:
                reason = _autodiff_unavailable(None)
        if reason is not None:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Result[pytest.TestReport], None]:
    """Fold the skips of a backend this machine cannot run into one summary line.

    pytest's short summary folds skips by (file, line, reason): without this, every test
    file adds its own ``torch:cuda ... no CUDA device`` line on a CPU-only machine. The
    report keeps its outcome and reason; only its location becomes the same for all.
    tryfirst makes this wrapper the outer one, so it sees the location pytest's skipping
    plugin gave the report.
    """
    outcome = yield
    reason = item.stash.get(_UNAVAILABLE_KEY, None)
    if reason is None:
        return
    report = outcome.get_result()
    if report.skipped and isinstance(report.longrepr, tuple):
        # No line number: the terminal reporter prints such a location as "polyarray: ...",
        # as it does for the skips it folds itself (its type says int; None is what it uses).
        folded: Any = (_FOLDED_LOCATION, None, reason)
        report.longrepr = folded


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    """The backend of this run of the test, active (``pa.use_backend``) while it runs.

    Examples
    --------
    ::

        def test_zeros(backend):
            assert pa.zeros(3).device == backend.native_device
    """
    import polyarray as pa
    from polyarray.backends import parse_spec
    from polyarray.errors import BackendNotInstalledError, DeviceUnavailableError

    spec = getattr(request, "param", None)
    if not isinstance(spec, str):
        pytest.fail(
            f"{request.node.nodeid}: the backend fixture was requested dynamically; name "
            "backend or xp as an argument of the test (or of a fixture it uses) so that "
            "polyarray's plugin can parametrize it.",
            pytrace=False,
        )
    try:
        chosen = parse_spec(spec)
    except (BackendNotInstalledError, DeviceUnavailableError) as exc:
        # Normally decided at collection; this covers a device that went away since.
        pytest.skip(f"{spec}: {exc}")
    with pa.use_backend(chosen), chosen.testing():
        yield chosen


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator[Any]:
    """A ``distributed.Client`` of a ``LocalCluster`` on 127.0.0.1 (2 worker processes, no
    dashboard), started at the first test that asks for it and closed at the session's end.

    It is not Dask's default scheduler (the other tests keep the local one): send work to
    it with ``dask.config.set(scheduler=dask_cluster)``, or point polyarray at it with
    ``dask.config.set({"scheduler-address": dask_cluster.scheduler.address})``. Skipped
    where dask and distributed are not installed.

    Examples
    --------
    ::

        def test_mean_on_a_cluster(dask_cluster):
            with dask.config.set(scheduler=dask_cluster), pa.use_backend("dask"):
                assert float(pa.mean(pa.arange(10.0))) == 4.5
    """
    from polyarray.backends import installed

    if not (installed("dask") and importlib.util.find_spec("distributed") is not None):
        pytest.skip("needs dask and distributed: pip install 'polyarray[dask]'")
    from polyarray.backends.dask._cluster import local_cluster

    with local_cluster(2, default=False) as client:
        yield client


@pytest.fixture
def xp(backend: Backend) -> Namespace:
    """polyarray bound to the backend of this run of the test (see :func:`polyarray.namespace`).

    Examples
    --------
    ::

        def test_mean(xp):
            assert float(xp.mean(xp.asarray([1.0, 2.0]))) == 1.5
    """
    from polyarray._namespace import namespace

    return namespace(backend)
