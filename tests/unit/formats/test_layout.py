"""The file's own layout is read back: indentation, and wrapped flow collections put back when unchanged."""

from __future__ import annotations

import pytest

from tomkit.formats.layout import Indent, guess_indent, restore_flow_layout
from tomkit.formats.yaml_io import dump, make_yaml, parse_with_node


@pytest.mark.parametrize(
    ("text", "indent"),
    [
        ("a:\n  b: 1\nc:\n  - x\n", Indent(2, 4, 2)),
        ("a:\n    b: 1\nc:\n- x\n", Indent(4, 2, 0)),
        ("a:\n   b: 1\nc:\n    - x\n", Indent(3, 6, 4)),
        ("a: 1\n", Indent(2, 4, 2)),
    ],
)
def test_guess_indent(text: str, indent: Indent) -> None:
    _, node, _ = parse_with_node(text)
    assert guess_indent(node) == indent


def test_unchanged_wrapped_collections_come_back_and_changed_ones_do_not() -> None:
    original = "a: [one, two,\n    three]\nb: {x: 1,\n    y: 2}\n"
    tree, node, _ = parse_with_node(original)
    assert dump(tree) == "a: [one, two, three]\nb: {x: 1, y: 2}\n"
    assert restore_flow_layout(original, node, dump(tree)) == original
    tree["b"]["y"] = 3
    assert restore_flow_layout(original, node, dump(tree)) == "a: [one, two,\n    three]\nb: {x: 1, y: 3}\n"


def test_restored_text_reads_back_the_same() -> None:
    original = 'people:\n  - {id: a, name: "Ann\n      Smith"}\n  - {id: b,\n     name: Bo}\n'
    tree, node, _ = parse_with_node(original)
    restored = restore_flow_layout(original, node, dump(tree))
    assert restored == original
    assert make_yaml().load(restored) == tree
