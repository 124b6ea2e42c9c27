"""Lenient loading: drop what is structurally invalid so the semantic checks can still run on the rest.

Each pass drops, for every error, the smallest thing whose removal leaves valid surroundings: the
key itself when it is optional, else the list item or dict entry holding it. Paths of the problems
found later are mapped back to the file's own indices.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from tomkit.formats.errors import StructuralError, structural_errors
from tomkit.formats.modelpath import slot_at
from tomkit.model import Path, Problem, Tom

MAX_PASSES = 5


class Pruned:
    """A copy of the document with invalid parts removed, remembering which list items went."""

    def __init__(self, data: Any) -> None:
        self.data = copy.deepcopy(data)
        self.removed: dict[Path, list[int]] = {}
        self.dropped_ids: set[str] = set()
        self.patched = False
        """True when a required top-level value was stood in for: fit for checking, not for use."""

    def original(self, path: Path) -> Path:
        """A path in the pruned data as the path of the same place in the file."""
        out: list[str | int] = []
        for part in path:
            if isinstance(part, int):
                gone = sorted(self.removed.get(tuple(out), []))
                index = part
                for g in gone:
                    if g <= index:
                        index += 1
                out.append(index)
            else:
                out.append(part)
        return tuple(out)

    def drop(self, path: Path) -> bool:
        parent = self._node(path[:-1])
        last = path[-1]
        if isinstance(parent, dict) and last in parent:
            del parent[last]
            return True
        if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
            item = parent[last]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self.dropped_ids.add(item["id"])
            original = self.original(path)
            self.removed.setdefault(original[:-1], []).append(int(original[-1]))
            del parent[last]
            return True
        return False

    def value_at(self, path: Path) -> Any:
        return self._node(path)

    def _node(self, path: Path) -> Any:
        node = self.data
        for part in path:
            if isinstance(node, dict):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return None
        return node


def _target(error: StructuralError, data: Any) -> Path | None:
    """The smallest part of the document to drop to get rid of this error."""
    path = error.path
    if error.is_key or error.detail["type"] == "extra_forbidden":
        return path or None
    for end in range(len(path), 0, -1):
        slot = slot_at(path[:end], data)
        if slot.optional or slot.kind == "item":
            return path[:end]
    return None


def _sort_key(path: Path) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in path)


PLACEHOLDERS: dict[Path, Any] = {("name",): "(no name)"}
"""Stand-ins for required top-level values, so the rest of a file can still be checked."""


def lenient_load(data: Any, first: ValidationError) -> tuple[Tom | None, Pruned]:
    """The document with the invalid parts named by the errors dropped, or None if that is not enough.

    When a required top-level value is wrong (a missing `name`), a stand-in takes its place and
    `pruned.patched` says so: the document is then fit for the semantic checks only.
    """
    pruned = Pruned(data)
    error: ValidationError = first
    if not isinstance(pruned.data, dict):
        return None, pruned
    for _ in range(MAX_PASSES):
        errors = structural_errors(error, pruned.data)
        for e in errors:
            if e.path in PLACEHOLDERS and not e.is_key:
                pruned.data[str(e.path[0])] = PLACEHOLDERS[e.path]
                pruned.patched = True
        errors = [e for e in errors if e.path not in PLACEHOLDERS or e.is_key]
        targets = {_target(e, pruned.data) for e in errors}
        if None in targets:
            return None, pruned
        paths = sorted((t for t in targets if t is not None), key=_sort_key, reverse=True)
        # Drop outer parts only once: an inner target inside a dropped item would shift nothing useful.
        outer = [p for p in paths if not any(q != p and p[: len(q)] == q for q in paths)]
        dropped = [pruned.drop(p) for p in outer]
        if not any(dropped) and not (pruned.patched and not outer):
            return None, pruned
        try:
            return Tom.model_validate(pruned.data), pruned
        except ValidationError as exc:
            error = exc
    return None, pruned


def relocate(problems: list[Problem], pruned: Pruned) -> list[Problem]:
    """Problems found in the pruned document, with paths pointing into the file.

    A reference to an item that was dropped for a structural error is not reported again: the
    structural problem already says what is wrong with it.
    """
    return [
        Problem(pruned.original(p.path), p.message, p.severity, p.hint, p.code, p.line, p.column, p.source)
        for p in problems
        if not (p.code == "unknown-reference" and pruned.value_at(p.path) in pruned.dropped_ids)
    ]
