"""Flags (parameters whose default is True or False) take True or False on every backend.

NumPy took ``keepdims=1`` and refused ``keepdims=None``; torch refused both. polyarray
refuses every value but True, False and a 0-d boolean array (a NumPy bool), the same way
on every backend, before any framework sees it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray import _names


def _function(name: str) -> Callable[..., Any]:
    prefix, _, short = name.rpartition(".")
    return getattr(getattr(pa, prefix) if prefix else pa, short)  # type: ignore[no-any-return]


def _flags() -> list[tuple[str, str]]:
    return [
        (name, parameter.name)
        for name in _names.functions()
        for parameter in inspect.signature(_function(name)).parameters.values()
        if isinstance(parameter.default, bool)
    ]


FLAGS = _flags()


def test_there_are_flags_to_check() -> None:
    assert {("sum", "keepdims"), ("sort", "stable"), ("linalg.svd", "full_matrices")} <= set(FLAGS)


@pytest.mark.parametrize(("name", "flag"), FLAGS, ids=[f"{n}-{f}" for n, f in FLAGS])
def test_every_flag_is_checked_before_the_backend_runs(name: str, flag: str) -> None:
    assert f'as_flag({flag}, "{flag}", "{name}")' in inspect.getsource(_function(name))


CALLS: list[tuple[str, Callable[[Any, Any], Any]]] = [
    ("sum keepdims", lambda x, v: pa.sum(x, keepdims=v)),
    ("mean keepdims", lambda x, v: pa.mean(x, axis=0, keepdims=v)),
    ("argmax keepdims", lambda x, v: pa.argmax(x, keepdims=v)),
    ("sort stable", lambda x, v: pa.sort(x, stable=v)),
    ("argsort descending", lambda x, v: pa.argsort(x, descending=v)),
    ("cumulative_sum include_initial", lambda x, v: pa.cumulative_sum(x, include_initial=v)),
    ("isin invert", lambda x, v: pa.isin(x, x, invert=v)),
    ("vector_norm keepdims", lambda x, v: pa.linalg.vector_norm(x, keepdims=v)),
]


@pytest.mark.parametrize("value", [1, 0, None, "yes", 1.0, [True]], ids=repr)
@pytest.mark.parametrize(("what", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_a_flag_that_is_not_a_bool_is_a_type_error(
    backend: pa.Backend, what: str, call: Callable[[Any, Any], Any], value: object
) -> None:
    x = pa.asarray([3.0, 1.0, 2.0])
    flag = what.split()[1]
    with pytest.raises(TypeError, match=f"{flag} must be True or False, not"):
        call(x, value)


@pytest.mark.parametrize("numpy_bool", [True, False], ids=["NumPy bool", "0-d array"])
@pytest.mark.parametrize(("what", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_a_numpy_bool_or_a_0d_boolean_array_counts_as_its_value(
    backend: pa.Backend, what: str, call: Callable[[Any, Any], Any], numpy_bool: bool
) -> None:
    x = pa.asarray([3.0, 1.0, 2.0])
    flag = np.bool_(True) if numpy_bool else pa.asarray(True)
    expected = np.asarray(pa.to_numpy(call(x, True)))
    np.testing.assert_array_equal(np.asarray(pa.to_numpy(call(x, flag))), expected)


@pytest.mark.parametrize("value", [1, "yes", 0.0], ids=repr)
@pytest.mark.parametrize(
    "call",
    [
        lambda v: pa.reshape(pa.asarray([1, 2, 3, 4]), (2, 2), copy=v),
        lambda v: pa.asarray([1, 2], copy=v),
    ],
    ids=["reshape", "asarray"],
)
def test_copy_takes_true_false_or_none(
    backend: pa.Backend, call: Callable[[Any], Any], value: object
) -> None:
    with pytest.raises(TypeError, match="copy must be True, False or None"):
        call(value)
    assert call(None).shape == call(True).shape
