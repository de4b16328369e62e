"""Nested structures of arrays ("trees"): what ``pa.grad`` differentiates and returns.

A tree is a ``tuple``, ``list``, ``dict`` or named tuple whose items are trees, or a leaf
(anything else: an array, a Python float, ``None``...). Leaves are visited depth first,
tuples and lists in order and dicts in insertion order, so flattening a tree and
rebuilding it from the same number of new leaves gives back its exact structure.

Only those exact container types count. Subclasses (``torch.Size``, ``OrderedDict``,
``defaultdict``) are leaves, because rebuilding them would need knowledge of their
constructors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["flatten", "is_container", "map_leaves", "paths", "unflatten"]

_CONTAINERS = (tuple, list, dict)


def _is_namedtuple(tree: Any) -> bool:
    return isinstance(tree, tuple) and hasattr(type(tree), "_fields")


def is_container(tree: Any) -> bool:
    """Whether ``tree`` is a container of the tree (and not a leaf)."""
    return type(tree) in _CONTAINERS or _is_namedtuple(tree)


def flatten(tree: Any, leaves: list[Any]) -> None:
    """Append the leaves of ``tree`` to ``leaves``, depth first."""
    if type(tree) is dict:
        for child in tree.values():
            flatten(child, leaves)
    elif is_container(tree):
        for child in tree:
            flatten(child, leaves)
    else:
        leaves.append(tree)


def unflatten(tree: Any, leaves: Iterator[Any]) -> Any:
    """A tree of the structure of ``tree`` whose leaves are taken, in order, from ``leaves``."""
    kind = type(tree)
    if kind is dict:
        return {key: unflatten(child, leaves) for key, child in tree.items()}
    if kind is list:
        return [unflatten(child, leaves) for child in tree]
    if kind is tuple:
        return tuple(unflatten(child, leaves) for child in tree)
    if _is_namedtuple(tree):
        return kind(*(unflatten(child, leaves) for child in tree))
    return next(leaves)


def map_leaves(function: Callable[[Any], Any], tree: Any) -> Any:
    """``tree`` with ``function`` applied to each of its leaves."""
    if not is_container(tree):  # the common case: one array, no structure to rebuild
        return function(tree)
    leaves: list[Any] = []
    flatten(tree, leaves)
    return unflatten(tree, iter([function(leaf) for leaf in leaves]))


def paths(tree: Any, prefix: str) -> list[str]:
    """Where each leaf sits, as Python would index it: ``prefix``, ``prefix[0]['w']``..."""
    if type(tree) is dict:
        return [p for key, child in tree.items() for p in paths(child, f"{prefix}[{key!r}]")]
    if is_container(tree):
        return [p for i, child in enumerate(tree) for p in paths(child, f"{prefix}[{i}]")]
    return [prefix]
