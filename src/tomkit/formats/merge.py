"""Update a round-trip YAML tree in place, so rewriting a hand-edited file keeps its comments and order.

Changed values are replaced, new keys appended, removed keys deleted (unless the file spelt out a
default that still holds: `direction: higher` stays); list items with an identity (an `id`, or a
relation's from/type/to) are matched by it, so inserting one element does not rewrite the ones after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tomkit.formats.yaml_io import to_plain

Path = tuple[str | int, ...]
KeepDefault = Callable[[Path, Any], bool]
"""Whether a key the new data leaves out (it holds its default) should stay as the file wrote it."""

ORDERED: frozenset[Path] = frozenset({("states",)})
"""Mappings whose key order means something (states run from as-is to to-be): written in the new order."""


def _never(path: Path, value: Any) -> bool:
    return False


class Merger:
    def __init__(self, keep_default: KeepDefault = _never) -> None:
        self.keep_default = keep_default

    def mapping(self, old: CommentedMap, new: dict[str, Any], path: Path = ()) -> CommentedMap:
        for key in [k for k in old if k not in new]:
            if not self.keep_default((*path, key), old[key]):
                del old[key]
        for key, value in new.items():
            if key in old:
                merged = self.value(old[key], value, (*path, key))
                if merged is not old[key]:
                    old[key] = merged
            else:
                old[key] = value
        if path in ORDERED and [k for k in old if k in new] != list(new):
            for key in new:
                old.move_to_end(key)
        return old

    def value(self, old: Any, new: Any, path: Path = ()) -> Any:
        """`old` itself when it already says `new`, updated in place when both are containers, else `new`."""
        if isinstance(old, CommentedMap) and isinstance(new, dict):
            return self.mapping(old, new, path)
        if isinstance(old, CommentedSeq) and isinstance(new, list):
            return self.sequence(old, new, path)
        if _same_scalar(old, new):
            return old
        return new

    def sequence(self, old: CommentedSeq, new: list[Any], path: Path = ()) -> CommentedSeq:
        old_ids = [_identity(item) for item in old]
        new_ids = [_identity(item) for item in new]
        by_identity = None not in old_ids and None not in new_ids and len(set(old_ids)) == len(old_ids)
        result: list[Any] = []
        comments: dict[int, Any] = {}
        flow = bool(old) and all(isinstance(item, CommentedMap) and item.fa.flow_style() for item in old)
        if by_identity:
            position = {identity: n for n, identity in enumerate(old_ids)}
            for n, (identity, value) in enumerate(zip(new_ids, new, strict=True)):
                at = position.pop(identity, None)
                if at is None:
                    result.append(_styled(value, flow))
                    continue
                result.append(self.value(old[at], value, (*path, n)))
                if at in old.ca.items:
                    comments[n] = old.ca.items[at]
        else:
            for n, value in enumerate(new):
                result.append(self.value(old[n], value, (*path, n)) if n < len(old) else _styled(value, flow))
                if n < len(old) and n in old.ca.items:
                    comments[n] = old.ca.items[n]
        if len(result) == len(old) and all(a is b for a, b in zip(result, old, strict=True)):
            return old
        list.__delitem__(old, slice(None))
        list.extend(old, result)
        old.ca.items.clear()
        old.ca.items.update(comments)
        return old


def update_mapping(
    old: CommentedMap, new: dict[str, Any], keep_default: KeepDefault = _never
) -> CommentedMap:
    """Make the round-trip mapping `old` say `new`, changing as little of it as possible."""
    return Merger(keep_default).mapping(old, new)


def _same_scalar(old: Any, new: Any) -> bool:
    plain = to_plain(old)
    if isinstance(plain, (dict, list)) or isinstance(new, (dict, list)):
        return False
    return isinstance(plain, bool) == isinstance(new, bool) and plain == new


def _identity(item: Any) -> tuple[Any, ...] | None:
    if not isinstance(item, dict):
        return None
    if "id" in item:
        return ("id", to_plain(item["id"]))
    if {"from", "type", "to"} <= set(item):
        return ("relation", to_plain(item["from"]), to_plain(item["type"]), to_plain(item["to"]))
    return None


def _styled(value: Any, flow: bool) -> Any:
    """A new list item written like its neighbours: `{id: x, name: y}` among flow-style items."""
    if not flow or not isinstance(value, dict) or any(isinstance(v, (dict, list)) for v in value.values()):
        return value
    item = CommentedMap(value)
    item.fa.set_flow_style()
    return item
