"""Habits from NumPy and PyTorch get errors that name polyarray's spelling (issue 13)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import polyarray as pa
from polyarray import _habits, _names
from polyarray.errors import UnknownBackendError

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("habit", "meant"),
    [
        ("concatenate", "pa.concat"),
        ("cat", "pa.concat"),
        ("transpose", "pa.permute_dims"),
        ("swapaxes", "pa.moveaxis"),
        ("cumsum", "pa.cumulative_sum"),
        ("cumprod", "pa.cumulative_prod"),
        ("amax", "pa.max"),
        ("amin", "pa.min"),
        ("absolute", "pa.abs"),
        ("power", "pa.pow"),
        ("arccos", "pa.acos"),
        ("unsqueeze", "pa.expand_dims"),
        ("clamp", "pa.clip"),
    ],
)
def test_a_numpy_or_torch_name_is_an_attribute_error_naming_polyarrays(
    habit: str, meant: str
) -> None:
    with pytest.raises(AttributeError, match=re.escape(meant)):
        getattr(pa, habit)
    assert not hasattr(pa, habit)


def test_a_missing_name_says_where_to_look() -> None:
    with pytest.raises(AttributeError, match="from-numpy-and-pytorch"):
        pa.frobnicate  # noqa: B018


def test_every_suggested_name_exists() -> None:
    # The advice names functions polyarray has: the first pa.<name> of each hint.
    for habit, hint in _habits.NAMES.items():
        assert habit not in _names.public_names(), habit
        for name in re.findall(r"pa\.([\w.]+)", hint):
            owner: Any = pa
            for part in name.split("."):
                owner = getattr(owner, part)


@pytest.mark.parametrize(
    ("function", "keywords", "meant"),
    [
        ("std", {"ddof": 1}, "correction=1"),
        ("var", {"ddof": 1}, "correction=1"),
        ("nanstd", {"ddof": 1}, "correction=1"),
        ("std", {"unbiased": True}, "correction=1"),
        ("mean", {"dim": 1}, "axis=1"),
        ("sum", {"dim": 0}, "axis=0"),
        ("softmax", {"dim": 0}, "axis=0"),
        ("max", {"keepdim": True}, "keepdims=True"),
        ("argmax", {"dim": 1}, "axis=1"),
        ("concat", {"dim": 1}, "axis=1"),
        ("mean", {"out": None}, "assign the result"),
    ],
)
def test_a_numpy_or_torch_keyword_names_polyarrays(
    xp: Any, function: str, keywords: dict[str, Any], meant: str
) -> None:
    x = xp.asarray([[1.0, 2.0], [3.0, 4.0]])
    argument = [x, x] if function == "concat" else x
    with pytest.raises(TypeError, match=rf"pa\.{function}\(\).*{re.escape(meant)}"):
        getattr(xp, function)(argument, **keywords)


@pytest.mark.parametrize("name", list(_names.functions()))
def test_a_wrong_keyword_names_the_function(name: str) -> None:
    # Python's own TypeError names the function; so does polyarray's, for the habits.
    owner: Any = pa
    for part in name.split("."):
        owner = getattr(owner, part)
    short = name.rpartition(".")[2]
    with pytest.raises(TypeError, match=rf"\b{short}\(\)"):
        owner(frobnicate=1)


@pytest.mark.parametrize(("habit", "meant"), [("pytorch", "torch"), ("np", "numpy")])
def test_a_backend_nickname_names_the_backend(habit: str, meant: str) -> None:
    with pytest.raises(UnknownBackendError, match=f"Did you mean '{meant}'"):
        pa.set_backend(habit)


def test_a_backend_nickname_in_the_environment_names_the_backend() -> None:
    code = "import polyarray as pa; pa.asarray([1.0])"
    environment = {**os.environ, "POLYARRAY_BACKEND": "pytorch"}
    run = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "UnknownBackendError" in run.stderr
    assert "(from POLYARRAY_BACKEND). Did you mean 'torch'?" in run.stderr


def test_the_docs_page_lists_every_habit() -> None:
    page = (ROOT / "docs" / "from-numpy-and-pytorch.md").read_text()
    for habit in [*_habits.NAMES, *_habits.KEYWORDS, *_habits.BACKENDS]:
        assert f"`{habit}" in page, habit
