"""The ``polyarray`` command line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from polyarray._cli import main


def test_info_lists_backends_and_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert "numpy" in out
    assert "devices: cpu" in out
    assert "active backend:" in out
    assert "default dtypes: float float32" in out


def test_info_runs_as_a_module_and_reports_the_environment() -> None:
    env = {**os.environ, "POLYARRAY_BACKEND": "numpy"}
    result = subprocess.run(
        [sys.executable, "-m", "polyarray", "info"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "active backend: numpy (from POLYARRAY_BACKEND)" in result.stdout


def test_bad_backend_is_a_message_not_a_traceback() -> None:
    env = {**os.environ, "POLYARRAY_BACKEND": "tpu"}
    result = subprocess.run(
        [sys.executable, "-m", "polyarray", "info"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "unknown backend spec 'tpu' (from POLYARRAY_BACKEND)" in result.stderr


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
