"""Where a document path sits in the file: line and column from ruamel's round-trip position data."""

from __future__ import annotations

from typing import Any, Literal

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tomkit.model import Path, Problem

Anchor = Literal["value", "key"]


class Locator:
    """Maps paths such as ('states', 'to-be', 'elements', 12, 'owner') to 1-based (line, column).

    A path that goes deeper than the file (a missing key) resolves to the deepest part that exists,
    which is where the missing key belongs.
    """

    def __init__(self, tree: Any) -> None:
        self.tree = tree

    def locate(self, path: Path, anchor: Anchor = "value") -> tuple[int, int]:
        node = self.tree
        position = _start(node)
        for n, part in enumerate(path):
            last = n == len(path) - 1
            if isinstance(node, CommentedMap) and part in node:
                key_pos = node.lc.key(part)
                position = key_pos if last and anchor == "key" else node.lc.value(part)
                node = node[part]
                if not isinstance(node, (CommentedMap, CommentedSeq)) or _is_flow(node):
                    continue
                # A block collection's value position is its first entry; point at the key instead.
                position = key_pos
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                position = node.lc.item(part)
                node = node[part]
            else:
                break
        line, column = position
        return line + 1, column + 1

    def place(self, problem: Problem, source: str, anchor: Anchor = "value") -> Problem:
        """The problem with this file's name and, unless it already has one, its position."""
        if problem.line is not None:
            return problem.located(source, problem.line, problem.column)
        line, column = self.locate(problem.path, anchor)
        return problem.located(source, line, column)


def _is_flow(node: CommentedMap | CommentedSeq) -> bool:
    return bool(node.fa.flow_style())


def _start(node: Any) -> tuple[int, int]:
    if isinstance(node, (CommentedMap, CommentedSeq)) and node.lc.line is not None:
        return int(node.lc.line), int(node.lc.col)
    return 0, 0
