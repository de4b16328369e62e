"""A backend this machine cannot run is reported once per session, not once per test file.

On a CPU-only machine every test that takes ``xp`` is also collected for ``torch:cuda``
and skipped; pytest's short summary (``-ra``) folds skips by file and reason, so each test
file used to add its own line. The plugin gives those skips one location, so the summary
has one line per backend that cannot run, with the count; each test stays skipped.

The runs use a fake backend (the NumPy backend with an accelerator kind, ``fake:tpu``, of
which no device is present), so they do not depend on this machine's GPUs.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from polyarray import backends
from polyarray.pytest_plugin import ENV_VAR

pytest_plugins = ["pytester"]

FAKE_BACKEND = """
from polyarray.backends.numpy import NumpyBackend
from polyarray.backends import Capabilities
from polyarray.errors import DeviceUnavailableError


class FakeBackend(NumpyBackend):
    name = "fake"
    capabilities = Capabilities(
        autodiff=False, asynchronous=False, device_kinds=("cpu", "tpu")
    )

    def check_device(self, device):
        if device == "tpu":
            raise DeviceUnavailableError(
                "'fake:tpu' was asked for, but this machine has no TPU. Run on a machine "
                "with one."
            )
        return super().check_device(device)
"""

USER_TESTS = """
def test_zeros(xp):
    assert xp.zeros(2).shape == (2,)

def test_ones(xp):
    assert xp.ones(2).shape == (2,)
"""

# Plugins that have nothing to do with these runs and cost most of their time in-process.
UNRELATED = [
    arg for name in ("hypothesispytest", "xdist", "randomly") for arg in ("-p", f"no:{name}")
]


@pytest.fixture(autouse=True, scope="module")
def _numpy_imported_first() -> None:
    # pytester's in-process runs drop the modules first imported during a run; NumPy's
    # extension modules cannot be imported twice in a process.
    backends.backend_class("numpy").functions()


@pytest.fixture
def fake_backend(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(ENV_VAR, raising=False)
    pytester.makepyfile(fake_backend=FAKE_BACKEND)
    pytester.syspathinsert()
    monkeypatch.setitem(backends._BUILTIN, "fake", "fake_backend:FakeBackend")
    backends.registered.cache_clear()
    backends.backend_class.cache_clear()
    yield
    monkeypatch.undo()
    backends.registered.cache_clear()
    backends.backend_class.cache_clear()


def run_three_files(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    pytester.makepyfile(test_a=USER_TESTS, test_b=USER_TESTS, test_c=USER_TESTS)
    return pytester.runpytest(
        "-p", "no:cacheprovider", *UNRELATED, "--polyarray-backends=numpy,fake:tpu", *args
    )


@pytest.mark.usefixtures("fake_backend")
def test_one_summary_line_for_a_backend_without_its_device(pytester: pytest.Pytester) -> None:
    result = run_three_files(pytester, "-ra")
    result.assert_outcomes(passed=6, skipped=6)
    summary = [line for line in result.outlines if line.startswith("SKIPPED")]
    assert summary == [
        "SKIPPED [6] polyarray: fake:tpu: 'fake:tpu' was asked for, but this machine has no TPU"
    ]


@pytest.mark.usefixtures("fake_backend")
def test_each_skipped_test_is_still_reported(pytester: pytest.Pytester) -> None:
    result = run_three_files(pytester, "-v")
    for name in ("test_a", "test_b", "test_c"):
        for test in ("test_zeros", "test_ones"):
            result.stdout.fnmatch_lines([f"{name}.py::{test}[[]fake:tpu[]] SKIPPED (fake:tpu: *"])
            result.stdout.fnmatch_lines([f"{name}.py::{test}[[]numpy[]] PASSED*"])


@pytest.mark.usefixtures("fake_backend")
def test_other_skips_keep_their_own_lines(pytester: pytest.Pytester) -> None:
    # Only the backend-cannot-run skips are folded; a test's own skip keeps its location.
    pytester.makepyfile(
        test_own="""
        import pytest

        @pytest.mark.skip_backends("numpy", reason="not on numpy, on purpose")
        def test_own(xp):
            pass
        """
    )
    result = pytester.runpytest(
        "-p", "no:cacheprovider", *UNRELATED, "--polyarray-backends=numpy,fake:tpu", "-ra"
    )
    result.assert_outcomes(skipped=2)
    result.stdout.fnmatch_lines(
        [
            "SKIPPED [[]1[]] test_own.py:*: not on numpy, on purpose",
            "SKIPPED [[]1[]] polyarray: fake:tpu: *no TPU",
        ],
        consecutive=False,
    )
