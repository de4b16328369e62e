"""The plug-in point: what a backend is and what it must provide.

Rules every backend follows (they keep ``import polyarray`` free of heavy imports):

1. A backend's *module* may import its framework at the top; polyarray imports that module
   only when the backend is first used, never at ``import polyarray``.
2. A backend is one package: its class in ``__init__.py`` (name, the module it needs,
   what it can do, its dtypes) and its functions as plain top-level functions in modules
   named after the chapters of the standard (``creation.py``, ``statistical.py``,
   ``linalg.py``...: ``polyarray._names.CHAPTER_MODULES``). Each module's ``__all__``
   says which public functions it implements; ``linalg`` and ``fft`` implement
   ``pa.linalg`` and ``pa.fft``.
3. The table (standard name -> implementation) is built once per class, at first use,
   and shared by every device of that backend; only creation functions need the device,
   which the dispatcher passes in.
"""

from __future__ import annotations

import contextlib
import importlib
import types
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol

from polyarray._dtypes import BY_NAME, DType, canonical_name, register_native
from polyarray.errors import BroadcastError

if TYPE_CHECKING:
    from polyarray._grad_job import Job

__all__ = [
    "Backend",
    "Capabilities",
    "EventTimer",
    "distribution_version",
    "implementations_of_package",
    "namespace_functions",
]


class EventTimer(Protocol):
    """Times queued work with the device's own clock (CUDA events); see ``event_timer()``.

    ``start()`` and ``stop()`` put marks into the device's work queue and return at once;
    ``elapsed()`` waits for the stop mark and returns the seconds between the two marks,
    as the device measured them (no host-side launch or synchronisation overhead).
    """

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def elapsed(self) -> float: ...


class Capabilities(NamedTuple):
    """What a backend can do.

    Attributes
    ----------
    autodiff:
        It can differentiate functions (``pa.grad``).
    asynchronous:
        Its operations may return before the work is done; timing needs ``synchronize()``.
    device_kinds:
        The kinds of device it can run on (``("cpu",)``, ``("cpu", "cuda")``).
    writable:
        Its arrays can be written into (``x[i] = v``); JAX's cannot (use ``pa.at``).
    """

    autodiff: bool
    asynchronous: bool
    device_kinds: tuple[str, ...]
    writable: bool = True


class Backend:
    """One array library on one device.

    Subclasses set the class attributes and implement :meth:`load_dtypes`; their functions
    are found in the chapter modules of their package (see the module docstring).
    Instances are cheap; the table is built once per class.

    Attributes
    ----------
    name:
        The backend's name in specs (``"numpy"``, ``"torch"``).
    module:
        The module that must be importable for the backend to be installed.
    extra:
        The ``pip install polyarray[...]`` extra that brings that module.
    """

    name: ClassVar[str]
    module: ClassVar[str]
    extra: ClassVar[str | None] = None
    capabilities: ClassVar[Capabilities]

    # Built by ``functions()`` on first use; one per subclass.
    _table: ClassVar[dict[str, Callable[..., Any]] | None] = None
    _natives: ClassVar[dict[str, Any]]

    def __init__(self, device: str | None = None) -> None:
        self.device_name = self.check_device(device)
        #: The device object passed to the framework's creation functions.
        self.native_device: Any = self._native_device(self.device_name)
        #: What creation functions get as ``device=`` when the caller gives none.
        self.creation_device: Any = self._creation_device()
        #: The function table (shared by all instances of the class).
        self.table = type(self).functions()

    # -- subclass API ---------------------------------------------------------------

    @classmethod
    def load_dtypes(cls) -> dict[str, Any]:
        """Import the framework; return its dtype objects by standard name (``"float32"``)."""
        raise NotImplementedError

    @classmethod
    def fallback(cls) -> Mapping[str, Callable[..., Any]]:
        """Implementations for functions no module of the backend's package defines.

        Qualified names (``"mean"``, ``"linalg.solve"``) to functions; empty by default.
        A plug-in may pass array-api-compat's namespace for its framework through
        :func:`namespace_functions` and write only the functions where polyarray decides
        differently.
        """
        return {}

    def check_device(self, device: str | None) -> str:
        """Validate a device string from a spec and return its canonical form."""
        if device not in (None, "cpu"):
            from polyarray.errors import UnknownBackendError

            raise UnknownBackendError(
                f"the {self.name} backend runs on the CPU only, not on {device!r}. "
                f"Use the spec '{self.name}' or '{self.name}:cpu'."
            )
        return "cpu"

    def _native_device(self, device_name: str) -> Any:
        """The framework's device object for ``device_name`` (None: the framework's default)."""
        return None

    def _creation_device(self) -> Any:
        """The ``device=`` argument creation functions get by default."""
        return self.native_device

    @classmethod
    def array_types(cls) -> tuple[type, ...]:
        """The native array types of this backend (imports the framework)."""
        raise NotImplementedError

    @classmethod
    def accelerators(cls) -> list[str]:
        """Devices besides the CPU present here (``["cuda:0"]``); imports the framework."""
        return []

    def device_of(self, x: Any) -> str:
        """The device of a native array, as a string (``"cpu"``, ``"cuda:0"``)."""
        return "cpu"

    def export(self, x: Any, *, to_host: bool) -> Any:
        """``x`` ready for DLPack export: plain data, on the host when ``to_host``."""
        return x

    def read_only(self, x: Any) -> bool:
        """Whether ``x`` is read-only memory, which another framework must not share.

        ``pa.to_backend`` copies such arrays: the other framework's arrays are writable,
        and writing through them would change memory its owner promised to keep.
        """
        return False

    def export_copy(self, x: Any) -> Any:
        """A copy of ``x`` that any framework's ``asarray`` reads (the DLPack fallback)."""
        return x.copy()

    def move(self, x: Any) -> Any:
        """``x`` (a native array of this backend) on this backend's device."""
        return x

    # -- random numbers (used by polyarray.random) -------------------------------------

    def new_rng(self, seed: int | None) -> Any:
        """A fresh native random generator on this backend's device."""
        raise NotImplementedError(f"the {self.name} backend has no random numbers")

    def standard_normal(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        """Standard normal samples of a native float ``dtype``."""
        raise NotImplementedError(f"the {self.name} backend has no random numbers")

    def random(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        """Uniform samples in [0, 1) of a native float ``dtype``."""
        raise NotImplementedError(f"the {self.name} backend has no random numbers")

    def integers(self, rng: Any, low: int, high: int, shape: tuple[int, ...], dtype: Any) -> Any:
        """Uniform integers in [low, high) of a native integer ``dtype``."""
        raise NotImplementedError(f"the {self.name} backend has no random numbers")

    def exponential(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        """Standard exponential samples (scale 1) of a native float ``dtype``."""
        raise NotImplementedError(f"the {self.name} backend has no random numbers")

    def permutation(self, rng: Any, n: int) -> Any:
        """A random permutation of ``arange(n)`` (int64), ``n`` at least 0."""
        raise NotImplementedError(f"the {self.name} backend has no random numbers")

    #: The 32-bit dtype the portable stream's Threefry words are held in: one whose
    #: addition and shifts wrap ("uint32"; "int32", with the same bits, where the
    #: framework lacks uint32 arithmetic).
    threefry_word: str = "uint32"

    def threefry_blocks(self, key: tuple[int, int], counters: Any) -> tuple[Any, Any]:
        """The two Threefry-2x32 words, as int64 arrays in [0, 2**32), of the blocks at
        ``counters`` (an int ``n``: blocks ``0 .. n-1``; or an int64 array of block numbers)
        under ``key``: the portable random stream's raw bits. Computed in polyarray's own
        functions; a backend overrides it only with a faster way to the same words."""
        from polyarray._random_portable import generic_blocks

        return generic_blocks(self, key, counters)

    def synchronize(self) -> None:
        """Wait until all queued work has finished (a no-op on synchronous backends)."""

    def concrete(self, x: Any) -> bool:
        """Whether the values of ``x`` can be read in Python (not a tracer of
        ``jax.jit``): the rules that look at values apply only to those."""
        return True

    #: Whether work is waited for per result (:meth:`wait_for`) rather than per device
    #: (:meth:`synchronize`): the timing then keeps every result of a block to wait for.
    waits_per_result: ClassVar[bool] = False

    def wait_for(self, result: Any) -> None:
        """Wait until ``result`` (an array, or a tuple, list or dict of them) is computed.

        Backends that queue work per array rather than per device (JAX: its arrays are
        futures, and ``block_until_ready`` is the only wait) implement this; the timing
        calls it on a timed call's result before :meth:`synchronize`. A no-op here.
        """

    def event_timer(self) -> EventTimer | None:
        """A fresh timer on the device's own clock, or None where the device has none.

        Used by ``polyarray.timing`` in its ``device`` mode. CPU backends have no device
        clock and return None; the torch backend on CUDA returns a CUDA-event timer.
        """
        return None

    def translate_error(self, exc: Exception, name: str, args: tuple[Any, ...]) -> Exception | None:
        """Turn a framework exception into polyarray's documented one, or None to keep it."""
        return None

    @staticmethod
    def broadcast_error(
        function: str, shapes: list[tuple[int, ...]], detail: str
    ) -> BroadcastError:
        """The same message on every backend, with the framework's own words after it."""
        listed = ", ".join(str(shape) for shape in shapes)
        return BroadcastError(
            f"pa.{function}: shapes {listed} cannot be broadcast together; each dimension "
            f"must be equal, or 1 in one of them ({detail.strip()})"
        )

    # -- gradients (used by pa.grad, pa.stop_gradient and the needs_autodiff marker) ----

    @classmethod
    def gradients_unavailable(cls) -> str | None:
        """Why ``pa.grad`` cannot differentiate this backend's arrays here, or None if it can.

        Cheap (imports no framework): the pytest plug-in's ``needs_autodiff`` marker and the
        benchmark suite ask it, and show the reason as a skip reason. The default: a backend
        whose ``capabilities.autodiff`` is true can, any other cannot.
        """
        if cls.capabilities.autodiff:
            return None
        return f"pa.grad cannot differentiate arrays of the {cls.name} backend"

    def differentiate(self, job: Job, leaves: list[Any]) -> tuple[Any, list[Any], Any]:
        """Run one call of a differentiated function: its value, gradients and aux.

        ``job`` (a :class:`polyarray._grad_job.Job`) holds ``f``, the call's arguments,
        which positional arguments are differentiated, and the error messages shared by
        every backend. ``leaves`` are the differentiated arrays, flattened: native arrays
        of this backend (Python floats among them already converted). Return ``(value,
        gradients, aux)``: what ``f`` returned (a 0-d array of this backend), one gradient
        per leaf (its shape, dtype and device), and ``f``'s aux (None without
        ``has_aux``). A backend that cannot differentiate raises NotImplementedError, as
        this default does; a backend with autodiff imports its engine here, on first use.
        """
        raise NotImplementedError(
            f"{job.name} does not support the {self.name!r} backend: gradients are computed "
            "on torch arrays (with torch's autograd) and on NumPy arrays (through torch). "
            "Convert the arrays first, e.g. pa.to_backend(x, 'torch')."
        )

    def stop_gradient(self, x: Any) -> Any:
        """``x``, a native array of this backend, as a constant: no gradient flows through it.

        No copy: the same memory, outside any graph. The default returns ``x`` for a backend
        without autodiff (its arrays are constants already) and raises NotImplementedError
        for one with autodiff, which must override it.
        """
        if not self.capabilities.autodiff:
            return x
        raise NotImplementedError(f"pa.stop_gradient does not support the {self.name} backend.")

    # -- timing facts (used by polyarray.timing) ---------------------------------------

    @classmethod
    def package_versions(cls) -> dict[str, str | None]:
        """The versions of the distributions this backend runs on, from their metadata.

        Recorded with every timing report; nothing is imported. The default: the
        distribution named like :attr:`module` (None where it is not installed). A backend
        whose framework comes in several distributions (``jax`` and ``jaxlib``) lists each.
        """
        # Imported here: importlib.metadata costs more than the rest of ``import polyarray``.
        from importlib.metadata import PackageNotFoundError, version

        try:
            return {cls.module: version(cls.module)}
        except PackageNotFoundError:
            return {cls.module: None}

    @classmethod
    def timing_facts(cls, specs: Sequence[str]) -> dict[str, Any]:
        """Facts about the framework that qualify timings of ``specs``; imports it.

        ``specs`` are the specs of this backend being measured (``["torch", "torch:cuda"]``).
        Returns JSON-ready entries for the report's environment
        (:func:`polyarray.timing.capture_environment`), each under its own key; a
        ``"gpus"`` entry, a list with one dict per accelerator measured (``spec``, ``name``,
        ``capability``, ``memory_gb``...), is added to the report's list of GPUs. It is
        called before the native thread pools are listed, so that the framework's own are
        loaded. The default imports :attr:`module` and records nothing.
        """
        importlib.import_module(cls.module)
        return {}

    def testing(self) -> contextlib.AbstractContextManager[None]:
        """The settings a test of this backend runs under (the pytest plug-in's ``backend``
        fixture enters it): ones that make small test arrays take the paths large ones
        take (several Dask chunks). Nothing by default."""
        return contextlib.nullcontext()

    @classmethod
    def where_work_runs(cls) -> str | None:
        """Where this backend's work runs, in words, for ``polyarray info`` (a Dask
        scheduler and its workers), or None where that is the devices already listed."""
        return None

    @classmethod
    def cpu_threads(cls, threadpools: list[dict[str, Any]] | str) -> int | None:
        """Threads the backend's heavy CPU kernels use now, or None where that is unknown.

        ``threadpools`` is the report's list of the native pools loaded in this process
        (threadpoolctl's view: ``api``, ``library``, ``threads``, ``owner``, the package
        whose wheel holds the library), or a string saying why there is none. Called
        after :meth:`timing_facts`. The default: None (no pool of its own).
        """
        return None

    @classmethod
    def limited_threads(cls, threads: int) -> contextlib.AbstractContextManager[None]:
        """A context manager within which the heavy CPU kernels use ``threads`` threads.

        The previous setting is restored on leaving it. ``polyarray bench --threads N``
        enters it for every backend measured, so CPU comparisons are fair. The default
        does nothing (a backend without a CPU thread pool of its own).
        """
        return contextlib.nullcontext()

    # -- shared machinery -----------------------------------------------------------

    @classmethod
    def functions(cls) -> dict[str, Callable[..., Any]]:
        """The function table: standard name -> implementation (imports the framework)."""
        table = cls.__dict__.get("_table")
        if table is None:
            table = cls._build_table()
        return table

    @classmethod
    def _build_table(cls) -> dict[str, Callable[..., Any]]:
        natives = cls.load_dtypes()
        for dtype_name, native in natives.items():
            register_native(native, dtype_name)
        cls._natives = natives
        table = dict(cls.fallback())
        # Base classes first, so a subclass's modules override what it inherits.
        for klass in reversed(cls.__mro__):
            if issubclass(klass, Backend) and klass is not Backend:
                table.update(implementations_of_package(klass.__module__))
        cls._table = table
        return table

    @classmethod
    def native_dtype(cls, dtype: Any) -> Any:
        """The framework's dtype for any dtype argument (DType, string, Python type...)."""
        return cls._natives[canonical_name(dtype)]

    @classmethod
    def polyarray_dtype(cls, native: Any) -> DType:
        """The :class:`~polyarray.DType` of a native dtype."""
        return BY_NAME[canonical_name(native)]

    @property
    def spec(self) -> str:
        """The spec that selects this backend and device, e.g. ``"torch:cuda:0"``."""
        return self.name if self.device_name == "cpu" else f"{self.name}:{self.device_name}"

    def __repr__(self) -> str:
        return f"<polyarray backend {self.spec!r}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Backend):
            return NotImplemented
        return (self.name, self.device_name) == (other.name, other.device_name)

    def __hash__(self) -> int:
        return hash((self.name, self.device_name))


def distribution_version(distribution: str) -> str | None:
    """The installed version of ``distribution`` (a pip name), or None where it is not."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def implementations_of_package(package: str) -> dict[str, Callable[..., Any]]:
    """The functions the chapter modules of ``package`` implement, by qualified name.

    A chapter module that does not exist is skipped (a backend need not have them all);
    an import error inside one is not hidden.
    """
    from polyarray._names import CHAPTER_MODULES

    found: dict[str, Callable[..., Any]] = {}
    for chapter, prefix in CHAPTER_MODULES.items():
        module_name = f"{package}.{chapter}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        for name in getattr(module, "__all__", ()):
            found[prefix + name] = getattr(module, name)
    return found


def namespace_functions(namespace: types.ModuleType) -> dict[str, Callable[..., Any]]:
    """Every public function of an Array API namespace and its ``linalg``/``fft``, by name."""
    table: dict[str, Callable[..., Any]] = {}
    for prefix, module in (("", namespace), ("linalg.", namespace.linalg), ("fft.", namespace.fft)):
        for attr in dir(module):
            if not attr.startswith("_"):
                table[prefix + attr] = getattr(module, attr)
    return table
