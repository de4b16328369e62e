"""The backend registry: knows every backend by name without importing it.

Built-in backends are listed below as ``"module:Class"`` strings; third-party backends
register the same way through the ``polyarray.backends`` entry-point group::

    [project.entry-points."polyarray.backends"]
    cupy = "polyarray_cupy:CupyBackend"

A backend module is imported only when a spec names it or an array of its framework is
seen. Nothing is ever imported because an environment variable names a module: the
environment can only choose among registered names.

Specs are ``name`` or ``name:device``: ``numpy``, ``torch``, ``torch:cpu``,
``torch:cuda``, ``torch:cuda:1``.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from functools import cache
from typing import Any

from polyarray._dtypes import add_native_finder
from polyarray.backends._base import Backend, Capabilities
from polyarray.errors import BackendNotInstalledError, UnknownBackendError

__all__ = [
    "Backend",
    "Capabilities",
    "backend_class",
    "builtin",
    "imported_classes",
    "installed",
    "parse_spec",
    "registered",
]

_BUILTIN: dict[str, str] = {
    "numpy": "polyarray.backends.numpy:NumpyBackend",
    "torch": "polyarray.backends.torch:TorchBackend",
}

ENTRY_POINT_GROUP = "polyarray.backends"


def entry_points(group: str) -> Any:
    """The installed entry points of ``group`` (importlib.metadata is imported only here:
    it costs more than the rest of ``import polyarray``)."""
    from importlib.metadata import entry_points as installed_entry_points

    return installed_entry_points(group=group)


@cache
def registered() -> dict[str, str]:
    """Every known backend name -> ``"module:Class"``: built-ins first, then plug-ins.

    Built-ins win a name clash, and come first when an array's type is looked up, so a
    plug-in cannot take over ``numpy.ndarray`` by accident. This reads the installed
    packages' entry points; the built-ins alone never need to (:func:`backend_class`).
    """
    found = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return {**_BUILTIN, **{name: value for name, value in found.items() if name not in _BUILTIN}}


def builtin() -> tuple[str, ...]:
    """The names of the backends that come with polyarray, in lookup order."""
    return tuple(_BUILTIN)


@cache
def backend_class(name: str) -> type[Backend]:
    """The class of the backend called ``name`` (imports its module, not its framework)."""
    try:
        target = _BUILTIN[name] if name in _BUILTIN else registered()[name]
    except KeyError:
        raise UnknownBackendError(
            f"no backend is called {name!r}. Known backends: {', '.join(sorted(registered()))}."
        ) from None
    module_name, _, class_name = target.partition(":")
    cls: type[Backend] = getattr(importlib.import_module(module_name), class_name)
    return cls


def imported_classes(names: tuple[str, ...] | None = None) -> list[type[Backend]]:
    """The classes of the backends whose framework is already imported (imports nothing heavy).

    ``names`` limits the search (to the built-ins, say); by default every registered
    backend, which reads the installed plug-ins' entry points. A broken third-party plug-in
    is left out, so that it cannot break the others.
    """
    classes = []
    for name in registered() if names is None else names:
        try:
            cls = backend_class(name)
        except ImportError:
            continue
        if cls.module in sys.modules:
            classes.append(cls)
    return classes


def _register_imported_dtypes() -> None:
    # Building a backend's table registers its native dtypes (see Backend.functions).
    for cls in imported_classes():
        cls.functions()


# ``x.dtype == pa.float32`` must hold for an array made before polyarray saw its backend.
add_native_finder(_register_imported_dtypes)


def installed(name: str) -> bool:
    """Whether the framework of backend ``name`` can be imported here (without importing it)."""
    return importlib.util.find_spec(backend_class(name).module) is not None


def parse_spec(spec: str, *, source: str | None = None) -> Backend:
    """The backend instance a spec names, checked: installed, and its device present.

    ``source`` names where the spec came from (an environment variable, say) so the error
    message can point the user at it.
    """
    where = f" (from {source})" if source else ""
    if not isinstance(spec, str) or not spec.strip():
        raise UnknownBackendError(
            f"a backend spec must be a non-empty string such as 'numpy', 'torch' or "
            f"'torch:cuda', not {spec!r}{where}."
        )
    name, colon, device = spec.strip().partition(":")
    if colon and not device:
        raise UnknownBackendError(
            f"the backend spec {spec!r}{where} ends with ':' but names no device; write "
            f"{name!r} for the default device or e.g. '{name}:cuda'."
        )
    try:
        cls = backend_class(name)
    except UnknownBackendError:
        raise UnknownBackendError(
            f"unknown backend spec {spec!r}{where}. Choose one of: "
            f"{', '.join(sorted(registered()))}, optionally with a device as in 'torch:cuda'."
        ) from None
    if not installed(name):
        extra = f"pip install 'polyarray[{cls.extra}]'" if cls.extra else f"install {cls.module}"
        raise BackendNotInstalledError(
            f"the {name!r} backend{where} needs the {cls.module!r} package, which is not "
            f"installed. Run: {extra}"
        )
    return cls(device or None)
