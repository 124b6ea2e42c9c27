"""Keep a hand-written YAML file's layout when tomkit rewrites it.

ruamel.yaml keeps comments, key order and quoting, but it writes with one indentation style and
puts each flow collection (`{id: x, name: y}`) and each quoted or plain scalar on one line. These
helpers read the file's own indentation, and put back the original text (line breaks included) of
every such node whose content did not change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tomkit.formats.yaml_io import make_yaml


@dataclass(frozen=True)
class Indent:
    """ruamel's indentation settings: mapping indent, sequence indent and the dash offset."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


def _compose(text: str) -> Node | None:
    try:
        node: Node | None = make_yaml(allow_duplicate_keys=True).compose(text)
    except YAMLError:
        return None
    return node


def _block_pairs(node: Node) -> Iterator[tuple[Node, Node]]:
    """(key, value) of every block mapping in the document, outermost first."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, MappingNode):
            for key, value in current.value:
                if not current.flow_style:
                    yield key, value
                stack.append(value)
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)


def guess_indent(root: Node | None) -> Indent:
    """The indentation a file uses, from its first nested block mapping and block sequence."""
    if root is None:
        return Indent()
    mapping: int | None = None
    sequence: tuple[int, int] | None = None
    for key, value in _block_pairs(root):
        column = key.start_mark.column
        if mapping is None and isinstance(value, MappingNode) and not value.flow_style and value.value:
            mapping = value.value[0][0].start_mark.column - column
        if sequence is None and isinstance(value, SequenceNode) and not value.flow_style and value.value:
            offset = value.start_mark.column - column
            sequence = (value.value[0].start_mark.column - column, offset)
        if mapping is not None and sequence is not None:
            break
    mapping = mapping if mapping and mapping > 0 else 2
    seq, offset = sequence if sequence and sequence[0] > sequence[1] >= 0 else (mapping + 2, mapping)
    return Indent(mapping, seq, offset)


def _shape(node: Node) -> Any:
    """A hashable picture of what a node says (tags and scalar text), blind to its layout."""
    if isinstance(node, ScalarNode):
        return ("s", str(node.tag), node.value)
    if isinstance(node, MappingNode):
        return ("m", tuple((_shape(k), _shape(v)) for k, v in node.value))
    if isinstance(node, SequenceNode):
        return ("q", tuple(_shape(v) for v in node.value))
    return ("?", repr(node))


def _inline_nodes(node: Node) -> Iterator[Node]:
    """The outermost flow collections of a document, and its scalars that are not block scalars.

    These are the nodes ruamel.yaml writes on one line however the file had them.
    """
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (MappingNode, SequenceNode)) and current.flow_style:
            yield current
        elif isinstance(current, ScalarNode):
            if current.style not in ("|", ">"):
                yield current
        elif isinstance(current, MappingNode):
            stack.extend(v for _, v in current.value)
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)


def restore_flow_layout(original: str, old_root: Node | None, rewritten: str) -> str:
    """`rewritten` with the original text of each unchanged multi-line flow collection or scalar put back.

    A span goes back only at the same column it had, so its continuation lines stay valid.
    """
    if old_root is None:
        return rewritten
    spans: dict[tuple[Any, int], list[str]] = defaultdict(list)
    for node in sorted(_inline_nodes(old_root), key=lambda n: n.start_mark.index):
        text = original[node.start_mark.index : node.end_mark.index]
        if "\n" in text and all(line[:1] in (" ", "\t") for line in text.splitlines()[1:] if line.strip()):
            spans[(_shape(node), node.start_mark.column)].append(text)
    if not spans:
        return rewritten
    new_root = _compose(rewritten)
    if new_root is None:
        return rewritten
    edits: list[tuple[int, int, str]] = []
    for node in sorted(_inline_nodes(new_root), key=lambda n: n.start_mark.index):
        candidates = spans.get((_shape(node), node.start_mark.column))
        if candidates:
            edits.append((node.start_mark.index, node.end_mark.index, candidates.pop(0)))
    pieces: list[str] = []
    done = 0
    for start, end, text in sorted(edits):
        pieces += [rewritten[done:start], text]
        done = end
    pieces.append(rewritten[done:])
    return "".join(pieces)
