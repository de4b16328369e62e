"""The PyTorch backend, on the CPU or any device torch knows (``torch:cuda:1``).

Like every backend module, this one is light: torch is imported inside the methods, so
polyarray can look at the class (its name, its framework's module) without loading torch.
Its functions live in the chapter modules of this package (``creation.py``,
``elementwise.py``... ``linalg.py``, ``fft.py``), each listing what it implements in its
``__all__``; ``_arrays.py`` binds the shared rules to tensors and ``_unsigned.py`` computes
uint16/uint32/uint64, which torch has few kernels for.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from polyarray._names import DTYPES
from polyarray._rules import mistakes
from polyarray.backends._base import Backend, Capabilities
from polyarray.errors import (
    DeviceUnavailableError,
    MixedDevicesError,
    UnknownBackendError,
)

if TYPE_CHECKING:
    from polyarray._grad_job import Job

__all__ = ["TorchBackend"]


def _contracted_differ(args: tuple[Any, ...]) -> bool:
    """Whether ``matmul``'s two operands (of at least one dimension) contract axes of two
    lengths: ``x1``'s last and ``x2``'s second to last (its only one, for a vector)."""
    if len(args) != 2 or not all(getattr(a, "ndim", 0) for a in args):
        return False
    x1, x2 = args
    return bool(x1.shape[-1] != x2.shape[-2 if x2.ndim > 1 else 0])


# torch's messages for the mistakes polyarray reports with one type (see docs/errors.md).
# Beside them, mistakes.SHARED_MESSAGES (NumPy's words, which torch uses in places).
_TORCH_MISTAKES = [
    (
        re.compile(
            r"must match the size of tensor b|cannot broadcast|"
            r"expanded size of the tensor|Attempting to broadcast|"
            r"number of sizes provided \(\d+\) must be greater or equal"
        ),
        "broadcast",
    ),
    (
        re.compile(
            r"Dimension out of range|duplicate dims|appears multiple times|repeated|"
            r"Dimension specified as -?\d+ but tensor has no dimensions"
        ),
        "axis",
    ),
    (
        re.compile(
            r"shape '\[.*\]' is invalid for input of size|view size is not compatible|"
            r"cannot reshape tensor of 0 elements"  # (-1 beside a 0: NumPy's ReshapeError)
        ),
        "reshape",
    ),
    (
        re.compile(
            r"cannot be multiplied|contracted dimensions need to match|inconsistent tensor "
            r"size|Expected size for first two dimensions of batch2|size mismatch|"
            r"must have the same size along the given axis|Incompatible shapes of A and B"
        ),
        "matmul",
    ),
    (re.compile(r"both arguments to matmul need to be at least 1D"), "not 1-d"),
    (
        re.compile(
            r"numel\(\) == 0|to have non-zero size|on tensor with no elements|"
            r"no identity|does not have an identity"
        ),
        "empty reduction",
    ),
    (
        re.compile(r"Sizes of tensors must match|stack expects each tensor to be equal size"),
        "shapes",
    ),
    (re.compile(r"squeezed dimensions must be equal to 1"), "squeeze"),
    (re.compile(r"Invalid number of data points"), "fft length"),
    (
        re.compile(
            r"negative dimension|Dimension size must be non-negative|must be greater or equal "
            r"to 0, got -\d+|Repeats must be non-negative|number of steps must be non-negative|"
            r"order must be non-negative"
        ),
        "negative size",
    ),
    (
        re.compile(
            r"Overflow when unpacking long long|int too big to convert|can't convert negative "
            r"int to unsigned|value cannot be converted to type u?int\d+_t without overflow|"
            r"cannot fit 'int' into an index-sized integer"
        ),
        "int overflow",
    ),
    (
        re.compile(
            r"Storage size calculation overflowed|numel: integer multiplication overflow|"
            r"can't allocate memory|out of memory|cannot be represented as a SymInt|"
            r"invalid size, possible overflow"
        ),
        "too large",
    ),
    (re.compile(r"Invalid normalization mode"), "fft norm"),
    (re.compile(r"expects a real(-valued)? input tensor"), "fft real input"),
    (re.compile(r"dim and shape arguments must have the same length"), "fft s and axes"),
    (
        re.compile(
            r"Got shape with \d+ values but input tensor only has|FFT dims must be unique|"
            r"tensordot expects dims < ndim_a or ndim_b"
        ),
        "axis",
    ),
    (re.compile(r"both dimension lists should have same length"), "matmul"),
    (re.compile(r"must transform at least one axis"), "fft no axes"),
    (re.compile(r"device type at start of device string"), "unknown device"),
    (
        re.compile(r"(not supported|does not support|not implemented) (for )?complex"),
        "complex input",
    ),
    (
        re.compile(r"linalg.matrix_norm: Order .* not supported|received unrecognized mode"),
        "option",
    ),
]
_MISTAKES = mistakes.mistake_patterns(_TORCH_MISTAKES)

# torch's messages for matrices its linear algebra cannot work with that it reports as a
# plain RuntimeError (singular and non-definite ones raise torch.linalg.LinAlgError).
_LINALG_SHAPES = re.compile(
    r"must be batches of square matrices|must have at least 2 dimensions|should not "
    r"contain infs or NaNs"
)


# torch's words for a function it has no complex kernel for (NumPy raised TypeError, or
# ordered complex numbers by their parts): "not implemented for 'ComplexFloat'", "floor is
# not supported for complex inputs", "argmax(): does not support complex input".
_COMPLEX_KERNEL = re.compile(
    r"not implemented for 'Complex|(not (supported|implemented)|does not support) (for )?complex"
)


class TorchBackend(Backend):
    """PyTorch on one device. ``torch`` alone means the CPU."""

    name = "torch"
    module = "torch"
    extra = "torch"
    capabilities = Capabilities(autodiff=True, asynchronous=True, device_kinds=("cpu", "cuda"))

    @classmethod
    def load_dtypes(cls) -> dict[str, Any]:
        import torch

        return {name: getattr(torch, name) for name in DTYPES}

    def check_device(self, device: str | None) -> str:
        # Every device is checked here, when the spec is given: torch itself accepts
        # 'mps', 'xpu', 'meta' or 'cuda:7' as device names and fails only at the first
        # tensor made there, with a long error from deep inside (or not at all, on 'meta').
        import torch

        if device in (None, "cpu"):
            return "cpu"
        try:
            parsed = torch.device(device)
        except (RuntimeError, TypeError) as exc:
            raise UnknownBackendError(
                f"torch knows no device {device!r} ({exc}). {self._devices_here()}"
            ) from exc
        if parsed.type == "cpu":
            if parsed.index in (None, 0):  # 'cpu:0' is the CPU
                return "cpu"
            raise DeviceUnavailableError(
                f"'torch:{device}' was asked for, but torch has one CPU device. "
                f"{self._devices_here()}"
            )
        if parsed.type not in self.capabilities.device_kinds:
            raise DeviceUnavailableError(
                f"'torch:{device}' was asked for, but polyarray's torch backend runs on the "
                f"CPU and on CUDA GPUs only, not on {parsed.type!r} devices. polyarray does "
                f"not fall back to the CPU silently. {self._devices_here()}"
            )
        count = torch.cuda.device_count() if torch.cuda.is_available() else 0
        if count == 0:
            raise DeviceUnavailableError(
                f"'torch:{device}' was asked for, but this machine has no CUDA device "
                f"usable by torch {torch.__version__} (built for CUDA "
                f"{torch.version.cuda or 'none: a CPU-only build'}). polyarray does not "
                "fall back to the CPU silently: use 'torch' for the CPU, or install a "
                "CUDA build of torch on a machine with an NVIDIA GPU."
            )
        if parsed.index is not None and parsed.index >= count:
            raise DeviceUnavailableError(
                f"'torch:{device}' was asked for, but there are only {count} CUDA "
                f"device(s) here (cuda:0 to cuda:{count - 1}). {self._devices_here()}"
            )
        return str(parsed)

    @classmethod
    def _devices_here(cls) -> str:
        """Which specs of this backend work here, for the messages about devices."""
        import torch

        specs = ", ".join(repr(f"torch:{device}") for device in ["cpu", *cls.accelerators()])
        return f"The devices torch {torch.__version__} has here: {specs}."

    def _native_device(self, device_name: str) -> Any:
        import torch

        return torch.device(device_name)

    def _creation_device(self) -> Any:
        # None on the CPU: torch's creation functions then use torch's default device (the
        # CPU unless the user changed it) and skip parsing a device argument, which costs
        # more than the rest of a small call. Other devices are passed explicitly.
        return None if self.device_name == "cpu" else self.native_device

    @classmethod
    def array_types(cls) -> tuple[type, ...]:
        import torch

        return (torch.Tensor,)

    @classmethod
    def accelerators(cls) -> list[str]:
        import torch

        if not torch.cuda.is_available():
            return []
        return [f"cuda:{i}" for i in range(torch.cuda.device_count())]

    def device_of(self, x: Any) -> str:
        return str(x.device)

    def export(self, x: Any, *, to_host: bool) -> Any:
        # Detach: the result is data, not part of a graph; resolve lazy conjugation and
        # negation, which DLPack cannot express; leave the GPU only when asked to.
        x = x.detach().resolve_conj().resolve_neg()
        return x.cpu() if to_host else x

    def export_copy(self, x: Any) -> Any:
        return x.clone()

    def move(self, x: Any) -> Any:
        return x if x.device == self.native_device else x.to(self.native_device)

    # torch has no addition or shifts for uint32 (https://github.com/pytorch/pytorch/issues/58734):
    # the portable stream's words are int32, whose addition wraps with the same bits.
    threefry_word = "int32"

    def new_rng(self, seed: int | None) -> Any:
        import torch

        generator = torch.Generator(device=self.native_device)
        if seed is None:
            generator.seed()
        else:
            generator.manual_seed(seed)
        return generator

    def standard_normal(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        import torch

        return torch.randn(shape, generator=rng, dtype=dtype, device=self.native_device)

    def random(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        import torch

        return torch.rand(shape, generator=rng, dtype=dtype, device=self.native_device)

    def integers(self, rng: Any, low: int, high: int, shape: tuple[int, ...], dtype: Any) -> Any:
        import torch

        if high <= 2**63 - 1:
            return torch.randint(
                low, high, shape, generator=rng, dtype=dtype, device=self.native_device
            )
        # torch.randint takes bounds of int64 only: ``high`` one past int64's largest value
        # draws with random_(low, None), up to that value; uint64 beyond int64 draws in
        # int64 shifted down by 2**63, then flips the top bit (adds 2**63 modulo 2**64).
        shift = 2**63 if dtype is torch.uint64 else 0
        drawn = torch.empty(shape, dtype=torch.int64, device=self.native_device)
        if high - shift == 2**63:
            drawn.random_(low - shift, None, generator=rng)
        else:
            drawn.random_(low - shift, high - shift, generator=rng)
        return (drawn ^ -(2**63)).view(torch.uint64) if shift else drawn

    def exponential(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        import torch

        drawn = torch.empty(shape, dtype=dtype, device=self.native_device)
        return drawn.exponential_(generator=rng)

    def permutation(self, rng: Any, n: int) -> Any:
        import torch

        return torch.randperm(n, generator=rng, dtype=torch.int64, device=self.native_device)

    def synchronize(self) -> None:
        import torch

        device = torch.device(self.device_name)
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    def event_timer(self) -> _CudaEventTimer | None:
        import torch

        device = torch.device(self.device_name)
        return _CudaEventTimer(device) if device.type == "cuda" else None

    def translate_error(self, exc: Exception, name: str, args: tuple[Any, ...]) -> Exception | None:
        import torch

        from polyarray.errors import PolyarrayError

        if isinstance(exc, PolyarrayError):
            return None  # already polyarray's own
        if mistakes.none_as_array(exc, args):
            return mistakes.mistake_error(mistakes.NONE_ARRAY, name, args, str(exc))
        if mistakes.too_few_dimensions(name, args):
            return mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, name, args, str(exc))
        if mistakes.scalar_product(name, args):  # (torch: AttributeError)
            return mistakes.mistake_error(mistakes.NOT_1D, name, args, str(exc))
        message = str(exc)
        if name in ("matmul", "linalg.matmul") and _contracted_differ(args):
            # The contracted lengths before the batch shapes, as on NumPy (torch reported
            # the batch dimensions that do not broadcast first).
            return mistakes.mistake_error(mistakes.MATMUL, name, args, message)
        if name == "linspace" and "can't be safely cast to passed dtype" in message:
            from polyarray._rules.checks import complex_bounds_error

            return complex_bounds_error(next((a for a in args if type(a) is complex), "?"))
        linalg: Any = torch.linalg  # (typed as Any: torch's stubs leave LinAlgError out)
        if isinstance(exc, linalg.LinAlgError) or (
            name.startswith("linalg.")
            and isinstance(exc, RuntimeError)
            and _LINALG_SHAPES.search(message)
        ):
            return mistakes.mistake_error(mistakes.LINALG, name, args, message)
        if isinstance(exc, (TypeError, NotImplementedError)):
            mistake = _argument_mistake(exc, name, message)
            return None if mistake is None else mistakes.mistake_error(mistake, name, args, message)
        if not isinstance(exc, (RuntimeError, IndexError, ValueError, OverflowError)):
            return None
        devices = sorted({str(a.device) for a in _tensors(args)})
        if len(devices) > 1 and "device" in message:
            return MixedDevicesError(
                f"pa.{name} got arrays on different devices ({', '.join(devices)}). Move them "
                f"to one device first, e.g. pa.to_backend(x, 'torch:{devices[-1]}')."
            )
        mistake = mistakes.classify(_MISTAKES, exc)
        if mistake is None:
            return None
        return mistakes.mistake_error(
            mistakes.refine(mistake, name, args, message), name, args, message
        )

    # -- gradients: torch's autograd (backends/torch/gradients.py, imported on first use) --

    def differentiate(self, job: Job, leaves: list[Any]) -> tuple[Any, list[Any], Any]:
        from polyarray.backends.torch import gradients

        return gradients.differentiate_torch(job, self, leaves)

    def stop_gradient(self, x: Any) -> Any:
        return x.detach()

    # -- timing facts (backends/torch/_timing.py) ----------------------------------------

    @classmethod
    def timing_facts(cls, specs: Sequence[str]) -> dict[str, Any]:
        from polyarray.backends.torch import _timing

        return _timing.facts(specs)

    @classmethod
    def cpu_threads(cls, threadpools: list[dict[str, Any]] | str) -> int | None:
        from polyarray.backends.torch import _timing

        return _timing.intra_op_threads()

    @classmethod
    def limited_threads(cls, threads: int) -> contextlib.AbstractContextManager[None]:
        from polyarray.backends.torch import _timing

        return _timing.limited_intra_op_threads(threads)


class _CudaEventTimer:
    """Two CUDA events on the device's current stream: the GPU's own clock (``device`` mode).

    The events are recorded into the stream that runs the timed kernels, so the elapsed time
    is what the GPU spent between them, without the host's launch or sync overhead.
    """

    def __init__(self, device: Any) -> None:
        import torch

        # Typed as Any: torch's stubs leave Event untyped, and CI may type-check without torch.
        cuda: Any = torch.cuda
        self._device = device
        self._start = cuda.Event(enable_timing=True)
        self._stop = cuda.Event(enable_timing=True)

    def start(self) -> None:
        import torch

        self._start.record(torch.cuda.current_stream(self._device))

    def stop(self) -> None:
        import torch

        self._stop.record(torch.cuda.current_stream(self._device))

    def elapsed(self) -> float:
        self._stop.synchronize()  # elapsed_time() needs both events to have completed
        return float(self._start.elapsed_time(self._stop)) / 1e3  # milliseconds -> seconds


def _argument_mistake(exc: Exception, name: str, message: str) -> str | None:
    """The mistake behind torch's TypeError or NotImplementedError, where NumPy raises
    another type for it (or where torch's message is all it says)."""
    if isinstance(exc, NotImplementedError):
        # '"bitwise_not_cpu" not implemented for 'Float'': NumPy raises TypeError.
        if name == "bitwise_invert":
            return mistakes.BITWISE_FLOAT
        return mistakes.COMPLEX_INPUT if _COMPLEX_KERNEL.search(message) else None
    if "Overflow when unpacking" in message:
        return mistakes.INT_OVERFLOW  # an int beyond int64 in a size or an axis
    if (name == "linalg.vector_norm" and "'ord'" in message and "not str" in message) or (
        name == "linalg.qr" and "'mode'" in message
    ):
        # An option of the wrong type: NumPy's "Invalid norm order" and "Unrecognized
        # mode" are ValueErrors.
        return mistakes.OPTION
    return None


def _tensors(args: tuple[Any, ...]) -> list[Any]:
    import torch

    found: list[Any] = []
    for arg in args:
        if isinstance(arg, torch.Tensor):
            found.append(arg)
        elif isinstance(arg, (list, tuple)):
            found.extend(_tensors(tuple(arg)))
    return found
