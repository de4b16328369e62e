"""The cases of ``benchmarks/overhead.py`` cover every public function, and in each case
polyarray's call and the native one run and agree in shape and dtype. Nothing is timed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from polyarray import _names
from polyarray.backends import Backend

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

# The cases time the CPU; a CUDA run would compare CPU inputs with CUDA creations.
pytestmark = pytest.mark.skip_backends("torch:cuda", reason="the benchmark cases run on the CPU")


@pytest.fixture(scope="module")
def benchmark_modules() -> Iterator[tuple[ModuleType, ModuleType]]:
    """``benchmarks/_cases.py`` and ``_inputs.py``, imported as the scripts import them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(BENCHMARKS))
        import _cases
        import _inputs

        yield _cases, _inputs


def test_every_public_function_has_inputs(
    benchmark_modules: tuple[ModuleType, ModuleType],
) -> None:
    _, inputs = benchmark_modules
    assert inputs.uncovered(list(_names.functions())) == {}


def test_a_function_without_inputs_is_an_error_naming_it(
    benchmark_modules: tuple[ModuleType, ModuleType], monkeypatch: pytest.MonkeyPatch
) -> None:
    cases, inputs = benchmark_modules
    monkeypatch.delitem(inputs.RULES, "shift")
    with pytest.raises(inputs.UncoveredError, match=r"roll \(shift\)"):
        cases.make_cases("numpy")


def test_every_backend_has_native_calls(
    benchmark_modules: tuple[ModuleType, ModuleType], backend: Backend
) -> None:
    cases, _ = benchmark_modules
    assert backend.name in cases.NATIVE


@pytest.mark.parametrize("function", list(_names.functions()))
def test_case_calls_agree(
    benchmark_modules: tuple[ModuleType, ModuleType], backend: Backend, function: str
) -> None:
    cases, _ = benchmark_modules
    if backend.name == "numpy" and np.lib.NumpyVersion(np.__version__) < "2.1.0":
        pytest.skip("the native NumPy calls use NumPy 2.1's names (np.unstack, np.astype...)")
    case = cases.make_case(function, backend.name)
    ours, native = case.run()  # the backend fixture has made the backend active
    assert cases.summary(ours) == cases.summary(native), (case.call, case.native)
