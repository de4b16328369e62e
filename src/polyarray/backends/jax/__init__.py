"""The JAX backend: ``jax.numpy`` on the CPU or a GPU (``jax``, ``jax:cpu``, ``jax:gpu``).

Like every backend module, this one is light: JAX is imported inside the methods. The
functions live in the chapter modules of this package, written where polyarray decides
differently from ``jax.numpy``; the others are ``jax.numpy``'s own (it is a namespace of
the standard), through :meth:`JaxBackend.fallback`.

64-bit types: JAX computes in 32 bits unless ``jax_enable_x64`` is set. polyarray sets it
when this backend first loads, so that int64 (polyarray's default integer) and float64
(on request) exist; see docs/semantics.md for what that means for other JAX code in the
same process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from polyarray._rules import mistakes
from polyarray.backends._base import (
    Backend,
    Capabilities,
    distribution_version,
    namespace_functions,
)
from polyarray.errors import DeviceUnavailableError, UnknownBackendError

if TYPE_CHECKING:
    from polyarray._grad_job import Job

__all__ = ["JaxBackend"]

# JAX's messages for the mistakes polyarray reports with one type (see docs/errors.md).
_MISTAKES = mistakes.mistake_patterns(
    [  # (jax.numpy's own messages: NumPy's, which it copies, are shared)
        (r"[Ii]ncompatible shapes for broadcasting|cannot broadcast", "broadcast"),
        (r"axis -?\d+ is out of bounds|[Dd]uplicate axes|repeated", "axis"),
        ("", "reshape"),
        (r"size mismatch|incompatible shapes|contracting dimensions", "matmul"),
        ("", "empty reduction"),
        ("", "squeeze"),
        (r"must have the same shape|same shape", "shapes"),
        (r"must be non-negative", "negative size"),
        (r"Python int too large|too large to convert|out of bounds for (?!axis)", "int overflow"),
        ("", "fft norm"),
    ]
)


def jax_errors() -> Any:
    """``jax.errors`` (imported on first use)."""
    import jax

    return jax.errors


def _key_seed() -> int:
    return int.from_bytes(os.urandom(8), "little")


class JaxBackend(Backend):
    """JAX on one device. ``jax`` alone means JAX's default CPU device."""

    name = "jax"
    module = "jax"
    extra = "jax"
    capabilities = Capabilities(
        autodiff=True, asynchronous=True, device_kinds=("cpu", "gpu"), writable=False
    )

    waits_per_result = True  # JAX arrays are futures: block_until_ready, per result

    @classmethod
    def load_dtypes(cls) -> dict[str, Any]:
        # (_arrays turns on JAX's 64-bit mode for int64 and float64: docs/semantics.md.)
        from polyarray.backends.jax import _arrays

        return dict(_arrays.NATIVE)

    @classmethod
    def fallback(cls) -> Mapping[str, Callable[..., Any]]:
        import jax.numpy as jnp

        return namespace_functions(jnp)

    def check_device(self, device: str | None) -> str:
        if device in (None, "cpu", "cpu:0"):
            return "cpu"
        kind, _, index_text = device.partition(":")
        if kind == "cuda":  # torch's word for the same devices
            kind = "gpu"
        if kind != "gpu" or (index_text and not index_text.isdigit()):
            raise UnknownBackendError(
                f"the jax backend knows the devices 'cpu' and 'gpu' (or 'gpu:N'), not "
                f"{device!r}. {self._devices_here()}"
            )
        found = self._gpus()
        index = int(index_text or 0)
        if not found:
            import jax

            raise DeviceUnavailableError(
                f"'jax:{device}' was asked for, but JAX {jax.__version__} sees no GPU here "
                "(a CPU-only jaxlib, or no NVIDIA GPU). polyarray does not fall back to the "
                "CPU silently: use 'jax' for the CPU, or install jax[cuda12] on a machine "
                "with an NVIDIA GPU."
            )
        if index >= len(found):
            raise DeviceUnavailableError(
                f"'jax:{device}' was asked for, but there are only {len(found)} GPU(s) here "
                f"(gpu:0 to gpu:{len(found) - 1}). {self._devices_here()}"
            )
        return f"gpu:{index}"

    @staticmethod
    def _gpus() -> list[Any]:
        import jax

        try:
            return list(jax.devices("gpu"))
        except RuntimeError:  # "Unknown backend: 'gpu' requested, but no platforms..."
            return []

    @classmethod
    def _devices_here(cls) -> str:
        import jax

        specs = ", ".join(repr(f"jax:{device}") for device in ["cpu", *cls.accelerators()])
        return f"The devices JAX {jax.__version__} has here: {specs}."

    def _native_device(self, device_name: str) -> Any:
        import jax

        if device_name == "cpu":
            return jax.devices("cpu")[0]
        return self._gpus()[int(device_name.partition(":")[2])]

    def _creation_device(self) -> Any:
        # None where the device is JAX's default one: jax.numpy's creation functions then
        # skip placing the result, which costs more than the rest of a small call.
        import jax

        return None if self.native_device == jax.devices()[0] else self.native_device

    @classmethod
    def array_types(cls) -> tuple[type, ...]:
        import jax

        # Tracers (inside jax.jit, jax.grad and jax.vmap) are JAX arrays too.
        return (type(jax.numpy.zeros(())), jax.Array, jax.core.Tracer)

    @classmethod
    def accelerators(cls) -> list[str]:
        return [f"gpu:{i}" for i in range(len(cls._gpus()))]

    def device_of(self, x: Any) -> str:
        try:
            device = next(iter(x.devices()))
        except jax_errors().ConcretizationTypeError:
            # A tracer (inside jax.jit or jax.grad) has no device: the arrays made beside
            # it go on this backend's own, which the tracing places them on anyway.
            return self.device_name
        return "cpu" if device.platform == "cpu" else f"gpu:{device.id}"

    def concrete(self, x: Any) -> bool:
        import jax

        return not isinstance(x, jax.core.Tracer)

    def read_only(self, x: Any) -> bool:
        # JAX arrays are immutable: another framework given their memory (through DLPack)
        # could write into it, so pa.to_backend copies them.
        return True

    def export(self, x: Any, *, to_host: bool) -> Any:
        if to_host and next(iter(x.devices())).platform != "cpu":
            import jax

            return jax.device_get(x)
        return x

    def export_copy(self, x: Any) -> Any:
        import numpy as np

        return np.array(x)  # JAX arrays are read-only: a NumPy copy any framework reads

    def move(self, x: Any) -> Any:
        import jax

        if next(iter(x.devices())) == self.native_device:
            return x
        return jax.device_put(x, self.native_device)

    # -- random numbers: a key split at every draw --------------------------------------

    def new_rng(self, seed: int | None) -> Any:
        from polyarray.backends.jax import _random

        return _random.Key(_key_seed() if seed is None else seed)

    def standard_normal(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        from polyarray.backends.jax import _random

        return self._placed(_random.standard_normal(rng, shape, dtype))

    def random(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        from polyarray.backends.jax import _random

        return self._placed(_random.uniform(rng, shape, dtype))

    def integers(self, rng: Any, low: int, high: int, shape: tuple[int, ...], dtype: Any) -> Any:
        from polyarray.backends.jax import _random

        return self._placed(_random.integers(rng, low, high, shape, dtype))

    def exponential(self, rng: Any, shape: tuple[int, ...], dtype: Any) -> Any:
        from polyarray.backends.jax import _random

        return self._placed(_random.exponential(rng, shape, dtype))

    def permutation(self, rng: Any, n: int) -> Any:
        from polyarray.backends.jax import _random

        return self._placed(_random.permutation(rng, n))

    def threefry_blocks(self, key: tuple[int, int], counters: Any) -> tuple[Any, Any]:
        from polyarray.backends.jax import _random

        return _random.threefry_blocks(self._placed, key, counters)

    def _placed(self, x: Any) -> Any:
        return x if self.creation_device is None else self.move(x)

    # -- errors ---------------------------------------------------------------------------

    def translate_error(self, exc: Exception, name: str, args: tuple[Any, ...]) -> Exception | None:
        from polyarray.errors import PolyarrayError

        if isinstance(exc, PolyarrayError):
            return None
        if mistakes.none_as_array(exc, args):
            return mistakes.mistake_error(mistakes.NONE_ARRAY, name, args, str(exc))
        if mistakes.too_few_dimensions(name, args):
            return mistakes.mistake_error(mistakes.TOO_FEW_DIMENSIONS, name, args, str(exc))
        if mistakes.scalar_product(name, args):
            return mistakes.mistake_error(mistakes.NOT_1D, name, args, str(exc))
        if isinstance(exc, jax_errors().JaxRuntimeError) and "RESOURCE_EXHAUSTED" in str(exc):
            # XLA could not allocate the result ("Out of memory while trying to allocate").
            return mistakes.mistake_error(mistakes.TOO_LARGE, name, args, str(exc))
        if not isinstance(exc, (ValueError, TypeError, IndexError, OverflowError)):
            return None
        mistake = mistakes.classify(_MISTAKES, exc)
        if mistake is None:
            return None
        message = str(exc)
        return mistakes.mistake_error(
            mistakes.refine(mistake, name, args, message), name, args, message
        )

    # -- gradients: jax.value_and_grad (backends/jax/gradients.py) -----------------------

    def differentiate(self, job: Job, leaves: list[Any]) -> tuple[Any, list[Any], Any]:
        from polyarray.backends.jax import gradients

        return gradients.differentiate(job, self, leaves)

    def stop_gradient(self, x: Any) -> Any:
        import jax

        return jax.lax.stop_gradient(x)

    # -- timing -----------------------------------------------------------------------------

    def wait_for(self, result: Any) -> None:
        import jax

        wait: Any = jax.block_until_ready  # (untyped)
        wait(result)  # (arrays inside tuples, lists and dicts too)

    @classmethod
    def package_versions(cls) -> dict[str, str | None]:
        return {
            distribution: distribution_version(distribution) for distribution in ("jax", "jaxlib")
        }

    @classmethod
    def timing_facts(cls, specs: Sequence[str]) -> dict[str, Any]:
        import jax

        return {"jax_platforms": sorted({d.platform for d in jax.devices()})}
