"""The backend registry: knows every backend by name without importing it.

Built-in backends are listed below as ``"module:Class"`` strings; third-party backends
register the same way through the ``polyarray.backends`` entry-point group::

    [project.entry-points."polyarray.backends"]
    cupy = "polyarray_cupy:CupyBackend"

When modules are imported:

- A built-in backend's module (light: it imports its framework inside its methods) when
  it is first used or its framework's arrays are seen.
- The entry points (``importlib.metadata``, which costs more than the rest of ``import
  polyarray``) only when a name that is not built-in is asked for, all backends are
  listed, an array is seen whose type no built-in backend names exactly (and that is not
  one of Python's own types), or ``DType ==`` meets an object the built-ins' dtypes are not.
- A plug-in's module only when a spec names it, when all backends are listed, or when an
  array is seen whose type no built-in names exactly and that *it claims*: the type's
  top-level package is the backend's name (``cupy.ndarray`` -> ``cupy``) or the package
  of the plug-in's entry point (``polyarray_lab.LabArray`` -> ``polyarray_lab:...``).
  Where no claiming plug-in owns such a type, the other plug-ins are imported too (once
  each) before the built-in that owns a base class of it gets it. Nothing is ever
  imported because an environment variable names a module: the environment can only
  choose among registered names.

A plug-in that cannot be loaded (its module is missing or raises, its entry point names no
``Backend`` subclass) never breaks the others: named in a spec it raises ``PluginError``,
naming the distribution, with the original error as the cause; where the registry merely
looks through the backends it is left out with one ``PluginWarning``.

Specs are ``name`` or ``name:device``: ``numpy``, ``torch``, ``torch:cpu``,
``torch:cuda``, ``torch:cuda:1``.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import warnings
from collections.abc import Iterable
from functools import cache
from typing import Any

from polyarray._dtypes import add_native_finder
from polyarray._habits import backend_hint
from polyarray.backends._base import Backend, Capabilities
from polyarray.errors import (
    BackendNotInstalledError,
    PluginError,
    PluginWarning,
    UnknownBackendError,
)

__all__ = [
    "Backend",
    "Capabilities",
    "accelerators",
    "backend_class",
    "builtin",
    "imported_classes",
    "installed",
    "loadable",
    "owner_of",
    "parse_spec",
    "registered",
]

_BUILTIN: dict[str, str] = {
    "numpy": "polyarray.backends.numpy:NumpyBackend",
    "torch": "polyarray.backends.torch:TorchBackend",
    "jax": "polyarray.backends.jax:JaxBackend",
    "dask": "polyarray.backends.dask:DaskBackend",
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
    """The class of the backend called ``name`` (imports its module, not its framework).

    Raises
    ------
    UnknownBackendError
        If no backend is called ``name``.
    PluginError
        If ``name`` is a third-party backend that cannot be loaded.
    """
    if name in _BUILTIN:
        module_name, _, class_name = _BUILTIN[name].partition(":")
        cls: type[Backend] = getattr(importlib.import_module(module_name), class_name)
        return cls
    target = registered().get(name)
    if target is None:
        raise UnknownBackendError(
            f"no backend is called {name!r}. Known backends: {', '.join(sorted(registered()))}."
        )
    return _load_plugin(name, target)


# (name, "module:Class") of a plug-in that failed -> what was wrong, and the error. Kept so
# that a broken module is not run again at every look-up (functools.cache keeps no errors).
_FAILURES: dict[tuple[str, str], tuple[str, BaseException | None]] = {}
# The plug-ins a PluginWarning was given for: one per plug-in and process.
_WARNED: set[tuple[str, str]] = set()


def _load_plugin(name: str, target: str) -> type[Backend]:
    failure = _FAILURES.get((name, target))
    if failure is None:
        try:
            return _plugin_class(target)
        except _BrokenPluginError as broken:
            failure = _FAILURES[(name, target)] = (broken.problem, broken.__cause__)
    problem, cause = failure
    raise PluginError(
        f"the backend {name!r} cannot be loaded: {_entry_point(name, target)} {problem}. "
        "Fix or uninstall that distribution, or choose another backend."
    ) from cause


class _BrokenPluginError(Exception):
    """What is wrong with a plug-in's entry point (turned into PluginError or PluginWarning)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _plugin_class(target: str) -> type[Backend]:
    module_name, _, attribute = (part.strip() for part in target.partition(":"))
    if not module_name or not attribute:
        raise _BrokenPluginError("names no class: its value must have the form 'module:Class'")
    try:
        found: Any = importlib.import_module(module_name)
    except Exception as exc:  # anything a third-party module's import may raise
        missing = exc.name if isinstance(exc, ModuleNotFoundError) else None
        if missing and (module_name == missing or module_name.startswith(missing + ".")):
            problem = "which is not installed"
        else:
            problem = f"whose import raised {exc!r}"
        raise _BrokenPluginError(f"names the module {module_name!r}, {problem}") from exc
    try:
        for part in attribute.split("."):
            found = getattr(found, part)
    except AttributeError as exc:
        raise _BrokenPluginError(
            f"names {attribute!r}, which the module {module_name!r} lacks"
        ) from exc
    if not (isinstance(found, type) and issubclass(found, Backend)):
        raise _BrokenPluginError(f"names {found!r}, which is not a subclass of polyarray.Backend")
    if not isinstance(getattr(found, "module", None), str):
        raise _BrokenPluginError(
            f"names {found.__qualname__}, which does not set `module` (the module that must "
            "be importable for the backend to count as installed)"
        )
    return found


def _entry_point(name: str, target: str) -> str:
    """``"its entry point lab = 'mod:Cls' (distribution polyarray-lab 1.0)"``, for messages.

    Read again from the metadata: this runs on the failure path only.
    """
    distribution = "a distribution polyarray cannot name"
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        dist = getattr(entry, "dist", None)
        if entry.name == name and entry.value == target and dist is not None:
            distribution = f"distribution {dist.metadata['Name']} {dist.version}"
    return f"its entry point {name} = {target!r} (group {ENTRY_POINT_GROUP!r}, {distribution})"


def _warn(name: str, target: str, problem: str) -> None:
    if (name, target) in _WARNED:
        return
    _WARNED.add((name, target))
    warnings.warn(
        f"polyarray leaves the backend {name!r} out: {_entry_point(name, target)} {problem}. "
        "Every other backend works as before; fix or uninstall that distribution.",
        PluginWarning,
        stacklevel=_outside_polyarray(),
    )


def _outside_polyarray() -> int:
    """The ``stacklevel`` of the innermost caller outside polyarray, as seen from _warn."""
    package = os.path.dirname(os.path.dirname(__file__)) + os.sep
    frame, level = sys._getframe(2), 2
    while frame.f_back is not None and frame.f_code.co_filename.startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def loadable(name: str) -> type[Backend] | None:
    """The class of backend ``name``, or None for a plug-in that cannot be loaded.

    For those who look through the registered backends (listing them, finding an array's
    owner): a broken plug-in is left out with a :class:`~polyarray.errors.PluginWarning`,
    once per plug-in, so that it cannot break the other backends.
    """
    try:
        return backend_class(name)
    except PluginError:
        target = registered()[name]
        _warn(name, target, _FAILURES[(name, target)][0])
        return None


def imported_classes(names: tuple[str, ...] | list[str] | None = None) -> list[type[Backend]]:
    """The classes of the backends whose framework is already imported (imports nothing heavy).

    ``names`` limits the search (to the built-ins, say); by default every registered
    backend, which reads the installed plug-ins' entry points and imports their modules. A
    broken third-party plug-in is left out with a warning (:func:`loadable`).
    """
    return [cls for _, cls in _imported(registered() if names is None else names)]


def _imported(names: Iterable[str]) -> list[tuple[str, type[Backend]]]:
    found = []
    for name in names:
        cls = loadable(name)
        if cls is not None and cls.module in sys.modules:
            found.append((name, cls))
    return found


def _array_types(name: str, cls: type[Backend]) -> tuple[type, ...]:
    if name in _BUILTIN:
        return cls.array_types()
    try:
        return tuple(cls.array_types())
    except Exception as exc:  # a broken plug-in must not break the look-up for the others
        _warn(name, registered()[name], f"gives a class whose array_types() raised {exc!r}")
        return ()


def accelerators(name: str, cls: type[Backend]) -> list[str]:
    """``cls.accelerators()`` of backend ``name``; [] and a warning where a plug-in's raises."""
    if name in _BUILTIN:
        return cls.accelerators()
    try:
        return list(cls.accelerators())
    except Exception as exc:  # its framework may fail to import: the others must still list
        _warn(name, registered()[name], f"gives a class whose accelerators() raised {exc!r}")
        return []


def _named_exactly(kind: type, found: list[tuple[str, type[Backend]]]) -> type[Backend] | None:
    return next((cls for name, cls in found if kind in _array_types(name, cls)), None)


def _owning_a_base(kind: type, found: list[tuple[str, type[Backend]]]) -> type[Backend] | None:
    return next((cls for name, cls in found if issubclass(kind, _array_types(name, cls))), None)


def _plugins() -> dict[str, str]:
    return {name: target for name, target in registered().items() if name not in _BUILTIN}


def _claimed_packages(name: str, target: str) -> tuple[str, str]:
    """The packages whose array types plug-in ``name`` claims: its name, its module's."""
    return name, target.partition(":")[0].partition(".")[0].strip()


def owner_of(kind: type) -> type[Backend] | None:
    """The class of the backend whose arrays have type ``kind``, or None.

    Cheapest first: a built-in backend whose (imported) framework names ``kind`` exactly;
    then, for a type that is not one of Python's own, the plug-ins that claim its package
    (see the module docstring); then, where none of those owns it, the other plug-ins.
    A backend that names the type exactly wins over one that owns a base class of it (a
    plug-in's ``ndarray`` subclass belongs to the plug-in, not to NumPy), and built-ins
    come first, so that a plug-in cannot take over ``numpy.ndarray``.
    """
    found = _imported(_BUILTIN)
    owner = _named_exactly(kind, found)
    if owner is not None or kind.__module__ == "builtins":
        return owner
    plugins = _plugins()
    if plugins:
        package = kind.__module__.partition(".")[0]
        claiming = [
            name for name, target in plugins.items() if package in _claimed_packages(name, target)
        ]
        claimants = _imported(claiming)
        owner = _named_exactly(kind, claimants) or _owning_a_base(kind, claimants)
        if owner is not None:
            return owner
        others = _imported(name for name in plugins if name not in claiming)
        owner = _named_exactly(kind, others)
        if owner is not None:
            return owner
        found += others
    return _owning_a_base(kind, found)


def _register_imported_dtypes() -> None:
    # Building a backend's table registers its native dtypes (see Backend.functions).
    for cls in imported_classes(builtin()):
        cls.functions()


def _register_plugin_dtypes() -> None:
    # Called only when the built-ins' dtypes did not answer: the plug-ins that claim a
    # package already imported (their framework's or their own) register theirs.
    plugins = _plugins()
    claiming = [
        name
        for name, target in plugins.items()
        if any(package in sys.modules for package in _claimed_packages(name, target))
    ]
    for name, cls in _imported(claiming):
        _build_table(name, plugins[name], cls)


def _build_table(name: str, target: str, cls: type[Backend]) -> None:
    try:
        cls.functions()
    except Exception as exc:  # a broken plug-in must not break `x.dtype == pa.float32`
        _warn(name, target, f"gives a backend whose functions() raised {exc!r}")


# ``x.dtype == pa.float32`` must hold for an array made before polyarray saw its backend.
add_native_finder(_register_imported_dtypes)
add_native_finder(_register_plugin_dtypes)


def install_hint(cls: type[Backend]) -> str:
    """How to install a backend's framework: by its own name, since polyarray is installed
    from a clone until it is published (its extra then pins the same range)."""
    if not cls.extra:
        return f"install {cls.module}"
    return f"pip install {cls.module} (in a clone of polyarray: pip install -e '.[{cls.extra}]')"


def installed(name: str) -> bool:
    """Whether the framework of backend ``name`` can be imported here (without importing it).

    Raises :class:`~polyarray.errors.PluginError` for a plug-in that cannot be loaded.
    """
    module = backend_class(name).module
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # "a.b" where "a" is missing; a malformed name
        return False


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
            f"unknown backend spec {spec!r}{where}.{backend_hint(name)} Choose one of: "
            f"{', '.join(sorted(registered()))}, optionally with a device as in 'torch:cuda'."
        ) from None
    if not installed(name):
        raise BackendNotInstalledError(
            f"the {name!r} backend{where} needs the {cls.module!r} package, which is not "
            f"installed. Run: {install_hint(cls)}"
        )
    return cls(device or None)
