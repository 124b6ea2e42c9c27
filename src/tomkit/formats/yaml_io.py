"""YAML in and out with ruamel.yaml's round-trip mode, so a hand-edited file keeps its comments.

Dates are left as text when reading (the model parses them): a mistyped date such as 2027-02-30 is
then a located validation problem instead of an exception deep inside the YAML library.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers

from tomkit.model import Path, Problem

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class DateAsTextResolver(VersionedResolver):
    """The YAML 1.2 resolver without the timestamp rule: `2027-03-31` stays the text the model parses."""

    @property
    def versioned_resolver(self) -> Any:
        version = self.processing_version
        if isinstance(version, str):
            version = tuple(map(int, version.split(".")))
        if version not in self._version_implicit_resolver:
            for versions, tag, regexp, first in implicit_resolvers:
                if version in versions and tag != _TIMESTAMP:
                    self.add_version_implicit_resolver(version, tag, regexp, first)
        return self._version_implicit_resolver[version]


class NodeKeepingConstructor(RoundTripConstructor):
    """Remembers the node tree it built the document from, so the writer need not parse the file twice."""

    last_node: Node | None = None

    def construct_document(self, node: Any) -> Any:
        self.last_node = node
        return super().construct_document(node)


def make_yaml(
    *, allow_duplicate_keys: bool = False, mapping: int = 2, sequence: int = 4, offset: int = 2
) -> YAML:
    """A round-trip YAML instance; by default tomkit's layout: two-space indents, list dashes indented."""
    yaml = YAML(typ="rt")
    yaml.Resolver = DateAsTextResolver
    yaml.Constructor = NodeKeepingConstructor
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = allow_duplicate_keys
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = 4096
    return yaml


def parse(text: str) -> tuple[Any, list[Problem]]:
    """The round-trip tree of `text` (None when it cannot be read), and the problems found on the way."""
    tree, _, problems = parse_with_node(text)
    return tree, problems


def parse_with_node(text: str) -> tuple[Any, Node | None, list[Problem]]:
    """Like `parse`, and also the node tree (with each node's start and end in the text)."""
    yaml = make_yaml()
    try:
        tree = yaml.load(text)
        return tree, yaml.constructor.last_node, []
    except ReaderError as exc:
        return None, None, [_reader_problem(text, exc)]
    except MarkedYAMLError as exc:
        if "duplicate key" not in str(exc.problem or ""):
            return None, None, [syntax_problem(exc)]
    except YAMLError as exc:
        return None, None, [Problem((), f"not valid YAML: {exc}", code="yaml-syntax", line=1, column=1)]
    # Duplicate keys: report every one with both lines, then carry on with the first value of each.
    duplicates = duplicate_keys(text)
    lenient = make_yaml(allow_duplicate_keys=True)
    try:
        return lenient.load(text), lenient.constructor.last_node, duplicates
    except YAMLError as exc:  # pragma: no cover - the duplicate-free parse failed the same way above
        return None, None, [*duplicates, Problem((), f"not valid YAML: {exc}", code="yaml-syntax")]


def syntax_problem(exc: MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = str(exc.problem or exc.context or "syntax error")
    hint = ""
    if "'\\t'" in problem:
        problem = "tab character where YAML expects spaces"
        hint = "indent with spaces, not tabs"
    elif exc.context and exc.problem:
        problem = f"{exc.problem} ({exc.context}"
        if exc.context_mark is not None and exc.context_mark is not exc.problem_mark:
            problem += f" started on line {exc.context_mark.line + 1}"
        problem += ")"
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return Problem(
        (), f"YAML syntax error: {problem}", code="yaml-syntax", hint=hint, line=line, column=column
    )


def _reader_problem(text: str, exc: ReaderError) -> Problem:
    position = int(exc.position or 0)
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    char = exc.character if isinstance(exc.character, int) else 0
    return Problem(
        (),
        f"not a text file: control character #x{char:04x} is not allowed",
        code="not-text",
        hint="a TOM file is UTF-8 text in YAML or JSON",
        line=line,
        column=column,
    )


def duplicate_keys(text: str) -> list[Problem]:
    """Every key repeated inside one mapping, located at the repeat and naming the first line."""
    try:
        root = make_yaml(allow_duplicate_keys=True).compose(text)
    except YAMLError:
        return []
    out: list[Problem] = []
    stack: list[tuple[Node, Path]] = [(root, ())] if root is not None else []
    while stack:
        node, path = stack.pop()
        if isinstance(node, MappingNode):
            first: dict[str, Node] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if key in first:
                    earlier = first[key].start_mark.line + 1
                    here = key_node.start_mark.line + 1
                    out.append(
                        Problem(
                            (*path, key),
                            f"duplicate key {key!r} (lines {earlier} and {here})",
                            code="duplicate-key",
                            hint=f"only the value on line {earlier} is used; remove or rename one",
                            line=here,
                            column=key_node.start_mark.column + 1,
                        )
                    )
                else:
                    first[key] = key_node
                    stack.append((value_node, (*path, key)))
        elif isinstance(node, SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(node.value))
    return sorted(out, key=lambda p: (p.line or 0, p.column or 0))


def to_plain(value: Any) -> Any:
    """ruamel's annotated containers and scalars as plain dict/list/str/int/float/bool/None."""
    if isinstance(value, dict):
        return {to_plain(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if type(value).__name__ == "ScalarBoolean":
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


def dump(data: Any, mapping: int = 2, sequence: int = 4, offset: int = 2) -> str:
    """YAML text of plain data or of a round-trip tree."""
    stream = io.StringIO()
    make_yaml(mapping=mapping, sequence=sequence, offset=offset).dump(data, stream)
    return stream.getvalue()


def is_tree(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq))
