"""One exception type per mistake, on every backend (docs/errors.md lists them).

NumPy and torch raise different types for the same mistake (a bad broadcast is a
ValueError in one and a RuntimeError in the other). polyarray raises one documented type,
which also derives from the standard-library exception a Python programmer expects, so
existing ``except ValueError`` clauses keep working. Each case below makes one mistake
through the ``xp`` fixture and checks the type, the standard-library family and that the
message names the function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import polyarray as pa
from polyarray import errors

Mistake = Callable[[Any], Any]

# (id, the call that makes the mistake, polyarray's type, the standard-library family, name)
CASES: list[tuple[str, Mistake, type[Exception], type[Exception], str]] = [
    (
        "broadcast: add",
        lambda xp: xp.add(xp.ones((6, 5)), xp.ones(4)),
        errors.BroadcastError,
        ValueError,
        "add",
    ),
    (
        "broadcast: where",
        lambda xp: xp.where(xp.ones(3) > 0, xp.ones(4), xp.ones(3)),
        errors.BroadcastError,
        ValueError,
        "where",
    ),
    (
        "broadcast: broadcast_to",
        lambda xp: xp.broadcast_to(xp.ones((6, 5)), (4,)),
        errors.BroadcastError,
        ValueError,
        "broadcast_to",
    ),
    (
        "broadcast: broadcast_arrays",
        lambda xp: xp.broadcast_arrays(xp.ones(3), xp.ones(4)),
        errors.BroadcastError,
        ValueError,
        "broadcast_arrays",
    ),
    (
        "broadcast: broadcast_shapes",
        lambda xp: xp.broadcast_shapes((3,), (4,)),
        errors.BroadcastError,
        ValueError,
        "broadcast_shapes",
    ),
    (
        "axis: sum",
        lambda xp: xp.sum(xp.ones((2, 3)), axis=3),
        errors.AxisError,
        IndexError,
        "sum",
    ),
    (
        "axis: flip",
        lambda xp: xp.flip(xp.ones((2, 3)), axis=-3),
        errors.AxisError,
        IndexError,
        "flip",
    ),
    (
        "axis: expand_dims",
        lambda xp: xp.expand_dims(xp.ones((2, 3)), axis=5),
        errors.AxisError,
        ValueError,
        "expand_dims",
    ),
    (
        "axis: repeated in permute_dims",
        lambda xp: xp.permute_dims(xp.ones((2, 3)), (0, 0)),
        errors.AxisError,
        ValueError,
        "permute_dims",
    ),
    (
        "axis: argmax",
        lambda xp: xp.argmax(xp.ones((2, 3)), axis=2),
        errors.AxisError,
        IndexError,
        "argmax",
    ),
    (
        "reshape: wrong size",
        lambda xp: xp.reshape(xp.ones((6, 5)), (4,)),
        errors.ReshapeError,
        ValueError,
        "reshape",
    ),
    (
        "reshape: wrong size with -1",
        lambda xp: xp.reshape(xp.ones(6), (4, -1)),
        errors.ReshapeError,
        ValueError,
        "reshape",
    ),
    (
        "matmul: 2-d",
        lambda xp: xp.matmul(xp.ones((2, 3)), xp.ones((2, 3))),
        errors.MatmulShapeError,
        ValueError,
        "matmul",
    ),
    (
        "matmul: 1-d",
        lambda xp: xp.matmul(xp.ones(3), xp.ones(4)),
        errors.MatmulShapeError,
        ValueError,
        "matmul",
    ),
    (
        "matmul: batched",
        lambda xp: xp.matmul(xp.ones((2, 3, 4)), xp.ones((2, 5, 4))),
        errors.MatmulShapeError,
        ValueError,
        "matmul",
    ),
    (
        "matmul: tensordot",
        lambda xp: xp.tensordot(xp.ones((2, 3)), xp.ones((2, 3)), axes=1),
        errors.MatmulShapeError,
        ValueError,
        "tensordot",
    ),
    (
        "matmul: vecdot",
        lambda xp: xp.vecdot(xp.ones((2, 3)), xp.ones(4)),
        errors.MatmulShapeError,
        ValueError,
        "vecdot",
    ),
    (
        "empty reduction: max",
        lambda xp: xp.max(xp.ones(0)),
        errors.EmptyReductionError,
        ValueError,
        "max",
    ),
    (
        "empty reduction: min along an axis",
        lambda xp: xp.min(xp.ones((0, 3)), axis=0),
        errors.EmptyReductionError,
        ValueError,
        "min",
    ),
    (
        "empty reduction: argmax",
        lambda xp: xp.argmax(xp.ones(0)),
        errors.EmptyReductionError,
        ValueError,
        "argmax",
    ),
    (
        "empty reduction: argmin along an axis",
        lambda xp: xp.argmin(xp.ones((0, 3)), axis=0),
        errors.EmptyReductionError,
        ValueError,
        "argmin",
    ),
    (
        "shapes: concat",
        lambda xp: xp.concat([xp.ones((2, 3)), xp.ones((2, 4))]),
        errors.ShapeError,
        ValueError,
        "concat",
    ),
    (
        "shapes: stack",
        lambda xp: xp.stack([xp.ones((2, 3)), xp.ones((2, 4))]),
        errors.ShapeError,
        ValueError,
        "stack",
    ),
    (
        "shapes: squeeze a longer axis",
        lambda xp: xp.squeeze(xp.ones((2, 3)), axis=0),
        errors.ShapeError,
        ValueError,
        "squeeze",
    ),
    (
        "promotion: uint64 with int8",
        lambda xp: xp.add(xp.ones(2, dtype=xp.uint64), xp.ones(2, dtype=xp.int8)),
        errors.PromotionError,
        TypeError,
        "uint64",
    ),
    (
        "overflow: int8 with 1000",
        lambda xp: xp.add(xp.ones(2, dtype=xp.int8), 1000),
        errors.ScalarOverflowError,
        OverflowError,
        "int8",
    ),
    (
        "overflow: uint8 with -1",
        lambda xp: xp.multiply(xp.ones(2, dtype=xp.uint8), -1),
        errors.ScalarOverflowError,
        OverflowError,
        "uint8",
    ),
    (
        "integer division by zero",
        lambda xp: xp.floor_divide(xp.ones(2, dtype=xp.int32), xp.zeros(2, dtype=xp.int32)),
        errors.IntegerDivisionByZeroError,
        ZeroDivisionError,
        "floor_divide",
    ),
    (
        "integer remainder by zero",
        lambda xp: xp.remainder(xp.ones(2, dtype=xp.uint16), 0),
        errors.IntegerDivisionByZeroError,
        ZeroDivisionError,
        "remainder",
    ),
    (
        "axis of a 0-d array: flip",
        lambda xp: xp.flip(xp.asarray(1.0), axis=0),
        errors.AxisError,
        IndexError,
        "pa.flip",
    ),
    (
        "axis of a 0-d array: squeeze",
        lambda xp: xp.squeeze(xp.asarray(1.0), axis=0),
        errors.AxisError,
        ValueError,
        "pa.squeeze",
    ),
    (
        "overflow: asarray",
        lambda xp: xp.asarray([-1, 2], dtype=xp.uint8),
        errors.ScalarOverflowError,
        OverflowError,
        "uint8",
    ),
    (
        "unknown dtype: zeros",
        lambda xp: xp.zeros(3, dtype="float16"),
        errors.UnknownDtypeError,
        TypeError,
        "float16",
    ),
    (
        "unknown dtype: astype",
        lambda xp: xp.astype(xp.ones(3), "complex32"),
        errors.UnknownDtypeError,
        TypeError,
        "complex32",
    ),
]


@pytest.mark.parametrize(
    ("make_mistake", "expected", "family", "named"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_one_exception_type_per_mistake(
    xp: Any,
    make_mistake: Mistake,
    expected: type[Exception],
    family: type[Exception],
    named: str,
) -> None:
    with pytest.raises(expected) as caught:
        make_mistake(xp)
    assert isinstance(caught.value, family)
    assert isinstance(caught.value, errors.PolyarrayError)
    assert named in str(caught.value)


# Mistakes where NumPy's own standard-library type is kept, with one message everywhere.
PLAIN_CASES: list[tuple[str, Mistake, type[Exception], str]] = [
    (
        "bitwise function of floats",
        lambda xp: xp.bitwise_and(xp.ones(2), xp.ones(2)),
        TypeError,
        "needs integer",
    ),
    (
        "shift of booleans",
        lambda xp: xp.bitwise_left_shift(xp.asarray([True]), xp.asarray([True])),
        TypeError,
        "needs integer arrays",
    ),
    (
        "arange: float bounds with an integer dtype",
        lambda xp: xp.arange(0, 1.5, dtype=xp.int64),
        TypeError,
        "integer start, stop and step",
    ),
    ("arange: zero step", lambda xp: xp.arange(0, 5, 0), ValueError, "step must not be zero"),
    (
        "cumulative_sum of a 0-d array",
        lambda xp: xp.cumulative_sum(xp.asarray(3)),
        ValueError,
        "at least one dimension",
    ),
    (
        "clip: a float bound for integers",
        lambda xp: xp.clip(xp.asarray([1, 5]), 1.5),
        TypeError,
        "float bound",
    ),
    (
        "asarray: complex numbers to an integer dtype",
        lambda xp: xp.asarray([1j], dtype=xp.int8),
        TypeError,
        "complex",
    ),
    (
        "a Python object that is not a scalar",
        lambda xp: xp.add(xp.ones(2), "1"),
        TypeError,
        "Python scalars",
    ),
]


@pytest.mark.parametrize(
    ("make_mistake", "expected", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in PLAIN_CASES],
)
def test_same_standard_library_error_everywhere(
    xp: Any, make_mistake: Mistake, expected: type[Exception], message: str
) -> None:
    with pytest.raises(expected, match=message):
        make_mistake(xp)


def test_axis_error_is_both_index_and_value_error(xp: Any) -> None:
    # NumPy users catch ValueError, torch users IndexError: both clauses keep working.
    for family in (IndexError, ValueError):
        with pytest.raises(family):
            xp.sum(xp.ones((2, 3)), axis=-4)


def test_the_framework_message_is_kept(xp: Any) -> None:
    # polyarray's message comes first, the framework's own words follow, and the original
    # exception stays reachable as the cause.
    with pytest.raises(errors.ReshapeError) as caught:
        xp.reshape(xp.ones(6), (4,))
    assert caught.value.__cause__ is not None
    assert str(caught.value.__cause__).split()[0] in str(caught.value)


def test_negative_integer_power_is_a_value_error(xp: Any) -> None:
    with pytest.raises(ValueError, match="negative integer powers"):
        xp.pow(xp.asarray([2, 3]), xp.asarray([1, -1]))


def test_out_of_range_comparisons_are_exact_not_errors(xp: Any) -> None:
    # Comparing with an int beyond the dtype's range has one right answer; polyarray
    # gives it on every backend (torch alone would wrap 1000 to -24 and compare that).
    x = xp.asarray([-24, 5], dtype=xp.int8)
    assert not bool(xp.any(xp.equal(x, 1000)))
    assert bool(xp.all(xp.less(x, 1000)))
    assert bool(xp.all(xp.greater(x, -1000)))
    assert bool(xp.all(xp.not_equal(1000, x)))


def test_arrays_of_two_backends(backend: pa.Backend) -> None:
    other = "torch" if backend.name == "numpy" else "numpy"
    if other not in pa.available_backends():
        pytest.skip(f"needs the {other} backend too")
    mine = pa.ones(3)
    theirs = pa.to_backend(pa.ones(3), other)
    with pytest.raises(errors.MixedBackendsError, match="to_backend") as caught:
        pa.add(mine, theirs)
    assert isinstance(caught.value, TypeError)


@pytest.mark.cuda
def test_arrays_on_two_devices(backend: pa.Backend) -> None:
    on_device = pa.ones(3)
    on_host = pa.to_backend(on_device, "torch")
    with pytest.raises(errors.MixedDevicesError, match="to_backend") as caught:
        pa.add(on_device, on_host)
    assert isinstance(caught.value, ValueError)
