"""The pytest plugin, seen from a user's test suite (``pytester`` runs pytest on test files).

Most runs are in-process (fast); the ones that must prove what a fresh interpreter sees
(the ``pytest11`` entry point, which frameworks get imported) run in a subprocess.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import pytest

import polyarray as pa
from polyarray import backends
from polyarray.pytest_plugin import ENV_VAR, selected_specs

pytest_plugins = ["pytester"]

TORCH = importlib.util.find_spec("torch") is not None
INSTALLED = [name for name in backends.registered() if backends.installed(name)]


@pytest.fixture(autouse=True, scope="module")
def _frameworks_imported_first() -> None:
    # pytester's in-process runs drop the modules first imported during the run when it
    # ends; NumPy's and torch's extension modules cannot be imported twice in a process,
    # so every installed backend is loaded before any run.
    for name in backends.registered():
        if backends.installed(name):
            backends.backend_class(name).functions()


def cuda_present() -> bool:
    if not TORCH:
        return False
    import torch

    return bool(torch.cuda.is_available())


USER_TEST = """
import polyarray as pa

def test_mean(xp):
    x = xp.asarray([1.0, 2.0, 6.0])
    assert float(xp.mean(x)) == 3.0
"""


# Plugins that have nothing to do with these runs and cost most of their time in-process.
UNRELATED_PLUGINS = ("hypothesispytest", "benchmark", "xdist", "json-report", "metadata")


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    unrelated = [arg for name in UNRELATED_PLUGINS for arg in ("-p", f"no:{name}")]
    return pytester.runpytest("-p", "no:cacheprovider", *unrelated, "-rA", *args)


def ids_of(result: pytest.RunResult) -> list[str]:
    """The parameter ids of the collected tests, from ``--collect-only -q`` output."""
    return [
        line.split("[", 1)[1].rstrip("]")
        for line in result.outlines
        if "::" in line and "[" in line
    ]


@pytest.fixture(autouse=True)
def _no_backend_choice_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    # The runs below must see no configuration unless a test sets one.
    monkeypatch.delenv(ENV_VAR, raising=False)


# -- no configuration: once per installed backend ---------------------------------------------


def accelerator_ids() -> list[str]:
    """The accelerator specs collected beside the installed backends (torch:cuda, jax:gpu)."""
    return [
        f"{name}:{kind}"
        for name in INSTALLED
        for kind in backends.backend_class(name).capabilities.device_kinds
        if kind != "cpu"
    ]


def present(spec: str) -> bool:
    """Whether this machine has the accelerator of ``spec`` (``torch:cuda``)."""
    name, _, kind = spec.partition(":")
    return any(device.startswith(kind) for device in backends.backend_class(name).accelerators())


def test_a_test_taking_xp_runs_once_per_installed_backend(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(USER_TEST)
    expected_ids = [*INSTALLED, *accelerator_ids()]
    assert ids_of(run(pytester, "--collect-only", "-q")) == expected_ids
    result = run(pytester)
    accelerated = [spec for spec in accelerator_ids() if present(spec)]
    result.assert_outcomes(
        passed=len(INSTALLED) + len(accelerated),
        skipped=len(expected_ids) - len(INSTALLED) - len(accelerated),
    )
    if TORCH and not cuda_present():
        result.stdout.fnmatch_lines(["SKIPPED * torch:cuda: *no CUDA device*"])


def test_the_entry_point_loads_the_plugin_in_a_fresh_interpreter(
    pytester: pytest.Pytester,
) -> None:
    # No conftest, no -p: only the pytest11 entry point of the installed package.
    pytester.makepyfile(USER_TEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-v")
    result.stdout.fnmatch_lines([f"*test_mean?{name}? PASSED*" for name in INSTALLED])
    assert result.ret == pytest.ExitCode.OK


def test_the_report_header_names_the_backends(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(USER_TEST)
    result = run(pytester, "--polyarray-backends=numpy")
    result.stdout.fnmatch_lines(["polyarray backends: numpy (--polyarray-backends)"])


def test_the_backend_is_active_during_the_test_only(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import polyarray as pa

        def test_active(backend, xp):
            assert pa.get_backend() == backend
            assert xp.backend == backend
            assert type(pa.zeros(2)) is type(xp.zeros(2))

        def test_afterwards():
            assert pa.get_backend().spec == "numpy"
        """
    )
    result = run(pytester, f"--polyarray-backends={','.join(INSTALLED)}", "-p", "no:randomly")
    result.assert_outcomes(passed=len(INSTALLED) + 1)


def test_other_parameters_combine_with_the_backend(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.parametrize("n", [1, 2])
        def test_ones(xp, n):
            assert xp.ones(n).shape == (n,)
        """
    )
    result = run(pytester, "--polyarray-backends=numpy", "--collect-only", "-q")
    assert ids_of(result) == ["numpy-1", "numpy-2"]


# -- choosing the backends -----------------------------------------------------------------


def test_the_option_chooses_the_backends(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(USER_TEST)
    result = run(pytester, "--polyarray-backends=numpy", "--collect-only", "-q")
    assert ids_of(result) == ["numpy"]


def test_the_environment_variable_chooses_the_backends(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(USER_TEST)
    monkeypatch.setenv(ENV_VAR, "numpy")
    assert ids_of(run(pytester, "--collect-only", "-q")) == ["numpy"]


def test_the_option_wins_over_the_environment(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(USER_TEST)
    monkeypatch.setenv(ENV_VAR, "numpy")
    result = run(pytester, "--polyarray-backends", "numpy numpy:cpu", "--collect-only", "-q")
    assert ids_of(result) == ["numpy", "numpy:cpu"]


def test_the_ini_option_chooses_the_backends(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(USER_TEST)
    pytester.makeini("[pytest]\npolyarray_backends = numpy\n")
    assert ids_of(run(pytester, "--collect-only", "-q")) == ["numpy"]


def test_repeated_specs_run_once(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(USER_TEST)
    result = run(pytester, "--polyarray-backends=numpy,numpy", "--collect-only", "-q")
    assert ids_of(result) == ["numpy"]


@pytest.mark.parametrize(
    ("args", "environment", "message"),
    [
        (
            ["--polyarray-backends=nmupy"],
            None,
            "--polyarray-backends names 'nmupy', which is not a polyarray backend. "
            "Known backends: dask, jax, numpy, torch",
        ),
        ([], "numpy,jaxx", f"{ENV_VAR} names 'jaxx', which is not a polyarray backend"),
        (["--polyarray-backends=,"], None, "names no backend. Give specs such as 'numpy,torch'"),
    ],
)
def test_an_unknown_backend_is_a_usage_error(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    environment: str | None,
    message: str,
) -> None:
    pytester.makepyfile(USER_TEST)
    if environment is not None:
        monkeypatch.setenv(ENV_VAR, environment)
    result = run(pytester, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert message in result.stderr.str()


@pytest.mark.skipif(not TORCH, reason="torch checks its own device names")
def test_an_unknown_device_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(USER_TEST)
    result = run(pytester, "--polyarray-backends=numpy,torch:gpu")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "polyarray backend 'torch:gpu': torch knows no device 'gpu'" in result.stderr.str()


def test_selected_specs_is_what_the_fixtures_use(pytestconfig: pytest.Config) -> None:
    # This very run: the specs of this suite's own parametrization.
    assert selected_specs(pytestconfig)
    assert all(
        spec.partition(":")[0] in backends.registered() for spec in selected_specs(pytestconfig)
    )


# -- markers ------------------------------------------------------------------------------


def test_skip_backends_by_name_and_by_spec(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.skip_backends("numpy", reason="NumPy has no such thing")
        def test_by_name(xp):
            pass

        @pytest.mark.skip_backends("numpy:cpu")
        def test_by_spec(xp):
            pass
        """
    )
    result = run(pytester, "--polyarray-backends=numpy,numpy:cpu")
    result.assert_outcomes(passed=1, skipped=3)
    result.stdout.fnmatch_lines(
        [
            "*PASSED*test_by_spec?numpy?*",
            "SKIPPED * NumPy has no such thing",
            "SKIPPED * not on numpy:cpu",
        ]
    )


def test_xfail_backends_is_strict(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.xfail_backends("numpy", reason="known bug", raises=ZeroDivisionError)
        def test_fails_as_expected(backend):
            1 / 0

        @pytest.mark.xfail_backends("numpy")
        def test_passes_unexpectedly(backend):
            pass

        @pytest.mark.xfail_backends("numpy", strict=False)
        def test_passes_not_strict(backend):
            pass
        """
    )
    result = run(pytester, "--polyarray-backends=numpy")
    result.assert_outcomes(xfailed=1, failed=1, xpassed=1)
    result.stdout.fnmatch_lines(["?XPASS(strict)? expected to fail on numpy"])
    result.stdout.fnmatch_lines(["XFAIL *test_fails_as_expected?numpy? - known bug"])


def test_needs_autodiff_skips_without_torch(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.needs_autodiff
        def test_with_backend(backend):
            pass

        @pytest.mark.needs_autodiff
        def test_without_backend():
            pass
        """
    )
    real_installed = backends.installed
    monkeypatch.setattr(
        backends, "installed", lambda name: name not in ("torch", "jax") and real_installed(name)
    )
    result = run(pytester, "--polyarray-backends=numpy")
    result.assert_outcomes(skipped=2)
    result.stdout.fnmatch_lines(["SKIPPED * pa.grad needs torch, which is not installed"])


@pytest.mark.skipif(not TORCH, reason="needs_autodiff can only be satisfied with torch")
def test_needs_autodiff_runs_with_torch(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.needs_autodiff
        def test_with_backend(backend):
            pass
        """
    )
    run(pytester, "--polyarray-backends=numpy,torch").assert_outcomes(passed=2)


def test_the_cuda_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.cuda
        def test_with_backend(backend):
            assert "cuda" in backend.spec

        @pytest.mark.cuda
        def test_without_backend():
            pass
        """
    )
    specs = ",".join([*INSTALLED, *(["torch:cuda"] if TORCH else [])])
    result = run(pytester, f"--polyarray-backends={specs}")
    cuda = cuda_present()
    result.assert_outcomes(passed=2 * cuda, skipped=len(INSTALLED) + (0 if cuda else 1 + TORCH))
    result.stdout.fnmatch_lines(["SKIPPED * a CUDA test: runs on CUDA backends only"])
    if not cuda:
        result.stdout.fnmatch_lines(["SKIPPED * needs a CUDA device; none is present"])


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ('skip_backends("nunpy")', "skip_backends on *test_marked names 'nunpy'*Known backends*"),
        ("xfail_backends()", "xfail_backends on *test_marked names no backend*"),
    ],
)
def test_a_marker_naming_no_backend_is_a_collection_error(
    pytester: pytest.Pytester, marker: str, message: str
) -> None:
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.{marker}
        def test_marked(xp):
            pass
        """
    )
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*{message}"])


def test_a_backend_marker_without_the_fixtures_is_a_collection_error(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.skip_backends("torch")
        def test_marked():
            pass
        """
    )
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*has no effect: the test takes neither the xp nor the backend*"])


def test_a_module_wide_backend_marker_spares_tests_without_the_fixtures(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.skip_backends("numpy")

        def test_plain():
            pass

        def test_with_xp(xp):
            pass
        """
    )
    run(pytester, "--polyarray-backends=numpy").assert_outcomes(passed=1, skipped=1)


def test_requesting_the_fixture_dynamically_fails_clearly(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_dynamic(request):
            request.getfixturevalue("backend")
        """
    )
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*requested dynamically; name backend or xp as an argument*"])


# -- backends that cannot run here --------------------------------------------------------


@pytest.fixture
def missing_backend(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A registered backend whose framework is not installed (as a third-party one could be)."""
    pytester.makepyfile(
        fake_backend="""
        from polyarray.backends import Backend, Capabilities

        class MissingBackend(Backend):
            name = "missing"
            module = "polyarray_test_no_such_framework"
            extra = "missing"
            capabilities = Capabilities(autodiff=False, asynchronous=False, device_kinds=("cpu",))
        """
    )
    pytester.syspathinsert()
    monkeypatch.setitem(backends._BUILTIN, "missing", "fake_backend:MissingBackend")
    backends.registered.cache_clear()
    backends.backend_class.cache_clear()
    yield "missing"
    monkeypatch.undo()
    backends.registered.cache_clear()
    backends.backend_class.cache_clear()


def test_a_backend_that_is_not_installed_is_skipped(
    pytester: pytest.Pytester, missing_backend: str
) -> None:
    pytester.makepyfile(test_user=USER_TEST)
    result = run(pytester, f"--polyarray-backends=numpy,{missing_backend}")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(
        ["SKIPPED * missing: *needs the 'polyarray_test_no_such_framework' package*"]
    )
    # And it is not among the default backends, which are the installed ones.
    assert ids_of(run(pytester, "--collect-only", "-q")) == [*INSTALLED, *accelerator_ids()]


@pytest.mark.skipif(not TORCH, reason="the check runs only where torch is installed")
def test_choosing_numpy_imports_no_torch(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import sys

        def test_no_torch(xp):
            assert xp.ones(2).shape == (2,)
            assert "torch" not in sys.modules
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--polyarray-backends=numpy")
    result.assert_outcomes(passed=1)


def test_polyarray_itself_is_tested_through_the_plugin(backend: pa.Backend) -> None:
    assert pa.get_backend() == backend
