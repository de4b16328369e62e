"""Rules written once for every backend (the review of issue 11): the messages of
mistakes every backend's error table matches (``mistakes.SHARED_MESSAGES``), the dtypes
an element-wise function can hand to its framework directly
(``_rules.elementwise.direct_binary``/``direct_unary``), and the byte count of a shape
(``_rules.creation.check_countable``).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from polyarray import errors
from polyarray._names import DTYPES
from polyarray._rules import creation, mistakes
from polyarray._rules import elementwise as rules

#: One message of each shared mistake, as NumPy (and jax.numpy) words it.
_MESSAGES = {
    "broadcast": "operands could not be broadcast together with shapes (2,) (3,)",
    "reshape": "cannot reshape array of size 6 into shape (4,)",
    "empty reduction": "zero-size array to reduction operation maximum which has no identity",
    "squeeze": "cannot select an axis to squeeze out which has size not equal to one",
    "negative size": "negative dimensions are not allowed",
}


@pytest.mark.parametrize("mistake", sorted(_MESSAGES))
def test_shared_messages_translated_by_every_backend(backend: Any, mistake: str) -> None:
    message = _MESSAGES[mistake]
    translated = backend.translate_error(ValueError(message), "reshape", ())
    expected = mistakes.mistake_error(mistake, "reshape", (), message)
    assert type(translated) is type(expected)
    assert isinstance(translated, errors.PolyarrayError)


def test_mistake_patterns_join_shared_messages_to_the_first_row() -> None:
    rows = [(r"own words", "axis"), ("", "reshape"), (r"later words", "axis")]
    table = mistakes.mistake_patterns(rows)
    kinds = [mistake for _, mistake in table]
    assert kinds[:3] == ["axis", "reshape", "axis"]
    assert set(kinds[3:]) == set(mistakes.SHARED_MESSAGES) - {"axis", "reshape"}
    first, second = table[0][0], table[2][0]
    assert first.search("repeated axis")
    assert first.search("own words")
    assert not second.search("repeated axis")  # (shared messages join one row only)
    compiled = mistakes.mistake_patterns([(re.compile(r"compiled"), "option")])
    assert compiled[0][0].search("compiled")
    with pytest.raises(ValueError, match="no messages"):
        mistakes.mistake_patterns([("", "option")])  # (no shared messages for it)


def test_direct_dtypes_follow_the_shared_rules() -> None:
    assert rules.direct_binary("add") == frozenset(DTYPES)
    assert "int32" not in rules.direct_binary("atan2")  # float-only: integers converted
    assert "complex64" not in rules.direct_binary("divide")
    assert rules.direct_binary("bitwise_left_shift") == rules.INTEGER_NAMES
    assert "bool" in rules.direct_binary("bitwise_and")
    assert "float32" not in rules.direct_binary("add", frozenset({"float32"}))  # routed
    assert "bool" not in rules.direct_unary("abs")  # booleans as numbers
    assert "complex64" not in rules.direct_unary("ceil")  # real only


@pytest.mark.parametrize(
    ("shape", "itemsize", "fails"),
    [((2**62, 3, 0), 8, True), ((2**59, 0), 16, True), ((2**58, 0), 16, False), ((3, 4), 8, False)],
)
def test_countable_shapes(shape: tuple[int, ...], itemsize: int, fails: bool) -> None:
    if fails:
        with pytest.raises(errors.AllocationError):
            creation.check_countable("zeros", shape, itemsize)
    else:
        creation.check_countable("zeros", shape, itemsize)
