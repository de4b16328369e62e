"""polyarray's pytest plugin: run a test once per installed backend.

Installed with polyarray (entry point ``pytest11``), it gives every test suite:

``backend`` fixture
    the :class:`~polyarray.Backend` of this run of the test, active for its duration.
``xp`` fixture
    polyarray bound to that backend (:func:`polyarray.namespace`), also active.

A test that takes either runs once per backend, with ids ``numpy``, ``torch`` and
``torch:cuda``. The CUDA run is always collected and skipped cleanly where there is no
CUDA device. Choose the backends with ``--polyarray-backends=numpy,torch`` or the
environment variable ``POLYARRAY_TEST_BACKENDS``.

Markers:

``@pytest.mark.skip_backends("torch", reason=...)``
    skip the test on the named backends (names or full specs).
``@pytest.mark.xfail_backends("numpy", reason=..., strict=True)``
    expect it to fail there.
``@pytest.mark.needs_autodiff``
    skip where ``pa.grad`` cannot work (no torch installed).
``@pytest.mark.cuda``
    the test needs a CUDA device: it runs only on CUDA backends, or, without the fixtures,
    only where a CUDA device is present.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

ENV_VAR = "POLYARRAY_TEST_BACKENDS"
_OPTION = "--polyarray-backends"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        _OPTION,
        default=None,
        help=(
            "comma-separated backend specs to run the xp/backend fixtures on "
            f"(default: ${ENV_VAR}, else every installed backend plus torch:cuda)"
        ),
    )


def pytest_configure(config: pytest.Config) -> None:
    for line in (
        "skip_backends(*names, reason=None): skip the test on these backends",
        "xfail_backends(*names, reason=None, strict=True): expect failure on these backends",
        "needs_autodiff: skip where pa.grad cannot work",
        "cuda: needs a CUDA device; skipped where there is none",
    ):
        config.addinivalue_line("markers", line)


def _default_specs() -> list[str]:
    from polyarray.backends import installed, registered

    specs = [name for name in registered() if installed(name)]
    if "torch" in specs:
        specs.append("torch:cuda")
    return specs


def selected_specs(config: pytest.Config) -> list[str]:
    """The backend specs the fixtures are parametrized over, in order."""
    chosen = config.getoption(_OPTION) or os.environ.get(ENV_VAR, "")
    specs = [s.strip() for s in chosen.split(",") if s.strip()]
    return specs or _default_specs()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        specs = selected_specs(metafunc.config)
        metafunc.parametrize("backend", specs, ids=specs, indirect=True)


def _matches(spec: str, names: tuple[str, ...]) -> bool:
    base = spec.partition(":")[0]
    return any(name in (spec, base) for name in names)


def _has_cuda() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def pytest_runtest_setup(item: pytest.Item) -> None:
    # A test marked cuda without the backend fixture still needs a device.
    if item.get_closest_marker("cuda") and "backend" not in getattr(item, "fixturenames", ()):
        if not _has_cuda():
            pytest.skip("needs a CUDA device; none is present")


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> Iterator[Any]:
    """The backend of this run of the test, active while it runs."""
    import polyarray as pa
    from polyarray.backends import installed, parse_spec
    from polyarray.errors import BackendNotInstalledError, DeviceUnavailableError

    spec: str = request.param
    node = request.node
    for marker in node.iter_markers("skip_backends"):
        if _matches(spec, marker.args):
            pytest.skip(marker.kwargs.get("reason") or f"skipped on {spec}")
    if node.get_closest_marker("cuda") and "cuda" not in spec:
        pytest.skip("a CUDA test: runs on CUDA backends only")
    for marker in node.iter_markers("xfail_backends"):
        if _matches(spec, marker.args):
            node.add_marker(
                pytest.mark.xfail(
                    reason=marker.kwargs.get("reason") or f"expected to fail on {spec}",
                    strict=marker.kwargs.get("strict", True),
                )
            )
    try:
        chosen = parse_spec(spec)
    except DeviceUnavailableError as exc:
        pytest.skip(f"{spec}: {exc}")
    except BackendNotInstalledError as exc:
        pytest.skip(str(exc))
    if node.get_closest_marker("needs_autodiff"):  # noqa: SIM102
        if not (chosen.capabilities.autodiff or installed("torch")):
            pytest.skip(f"{spec}: pa.grad needs torch, which is not installed")
    with pa.use_backend(chosen):
        yield chosen


@pytest.fixture
def xp(backend: Any) -> Any:
    """polyarray bound to the backend of this run of the test (see :func:`polyarray.namespace`)."""
    import polyarray as pa

    return pa.namespace(backend)
