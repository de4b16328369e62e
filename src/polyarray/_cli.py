"""The ``polyarray`` command: ``polyarray info`` and ``polyarray bench`` (in polyarray.timing)."""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from polyarray import _config, _selection
from polyarray.backends import (
    Backend,
    accelerators,
    backend_class,
    install_hint,
    installed,
    registered,
)
from polyarray.errors import PluginError, PolyarrayError
from polyarray.timing import _cli as bench

__all__ = ["main"]


def _version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "not installed"


def _asynchrony(cls: type[Backend], accelerated_here: bool) -> str:
    """Where calls return before their work is done, as true of this machine."""
    # JAX's dispatch is asynchronous on every device (its arrays are futures); torch's
    # on CUDA only: on a CPU-only build or machine every torch call is synchronous.
    accelerated = [kind for kind in cls.capabilities.device_kinds if kind != "cpu"]
    if cls.waits_per_result or not accelerated:
        return "asynchronous on every device"
    kinds = ", ".join(accelerated)
    if accelerated_here:
        return f"asynchronous on {kinds}, synchronous on cpu"
    return f"synchronous: no {kinds} here"  # the only devices where it would not be


def info() -> str:
    """The report printed by ``polyarray info``."""
    import polyarray

    lines = [
        f"polyarray {polyarray.__version__} (Array API {polyarray.__array_api_version__}), "
        f"Python {platform.python_version()} on {platform.machine()}",
        f"array-api-compat {_version('array-api-compat')}, "
        f"array-api-extra {_version('array-api-extra')}",
        "",
        "backends:",
    ]
    for name in registered():
        try:
            cls = backend_class(name)
        except PluginError as exc:  # a broken plug-in is reported, and breaks nothing else
            lines.append(f"  {name:<8} {exc}")
            continue
        if not installed(name):
            lines.append(f"  {name:<8} not installed ({install_hint(cls)})")
            continue
        present = accelerators(name, cls)
        devices = ", ".join(["cpu", *present])
        caps = cls.capabilities
        features = ["autodiff"] if caps.autodiff else []
        if caps.asynchronous:
            features.append(_asynchrony(cls, bool(present)))
        where = cls.where_work_runs()
        if where is not None:
            features.append(where)
        lines.append(
            f"  {name:<8} {cls.module} {_version(cls.module)}; devices: {devices}"
            + (f"; {', '.join(features)}" if features else "")
        )
    active = _selection.current()
    lines += [
        "",
        f"active backend: {active.spec}"
        + (f" (from {_selection.ENV_VAR})" if _selection.from_environment() else ""),
        f"default dtypes: float {_config.default_float()}, complex "
        f"{_config.default_complex()}, integer int64, index int64",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``polyarray`` command."""
    parser = argparse.ArgumentParser(
        prog="polyarray", description="Array code once, on NumPy or PyTorch."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("info", help="the backends found here, their devices, the defaults")
    bench.add_parser(commands)  # `polyarray bench`: all of it lives in polyarray.timing._cli
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "info":
            print(info())
        elif arguments.command == "bench":
            return bench.run(arguments)
    except PolyarrayError as exc:
        # A bad POLYARRAY_BACKEND, a missing framework...: the message says what to do,
        # a traceback would only hide it.
        print(f"polyarray: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
