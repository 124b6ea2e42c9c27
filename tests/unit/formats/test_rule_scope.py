"""A process rule's scope (`where`) in TOM files: read, written back as written, located when wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tomkit.formats import json_schema, load, reads, save
from tomkit.model import Practice, Tom

TEXT = """\
tomkit: 1
name: Service desk
states:
  to-be:
    elements:
      - id: incident
        kind: practice
        name: Incident management
        rules:
          # major incidents have their own clock
          - {id: p1-fast, template: response, activities: [New, Resolved], where: {priority: ["1 - Critical", "2 - High"]}}   # P1 and P2
          - id: phone-first
            template: init
            activities: [New]
            where:
              channel: phone   # the caller's channel
              level: 1
"""


def _practice(tom: Tom) -> Practice:
    practice = tom.states["to-be"].element("incident")
    assert isinstance(practice, Practice)
    return practice


def test_a_scoped_rule_is_written_back_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_text(TEXT)
    tom = load(path)
    assert [r.where for r in _practice(tom).rules] == [
        {"priority": ["1 - Critical", "2 - High"]},
        {"channel": "phone", "level": 1},
    ]
    save(tom, path)
    assert path.read_text() == TEXT


def test_editing_a_scope_keeps_the_comments_and_order(tmp_path: Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_text(TEXT)
    tom = load(path)
    rules = _practice(tom).rules
    rules[0].where = {"priority": ["1 - Critical"]}
    rules[1].where = {"channel": "chat", "level": 1}
    save(tom, path)
    text = path.read_text()
    assert "# major incidents have their own clock" in text
    # the comments stay on their lines (ruamel keeps their column, so the gap may grow)
    assert re.search(r'where: \{priority: \["1 - Critical"\]\}\} +# P1 and P2\n', text)
    assert re.search(r"channel: chat +# the caller's channel\n", text)
    assert text.index("channel: chat") < text.index("level: 1")
    assert [r.where for r in _practice(load(path)).rules] == [
        {"priority": ["1 - Critical"]},
        {"channel": "chat", "level": 1},
    ]


def test_a_bad_scope_is_a_located_problem() -> None:
    bad = TEXT.replace("level: 1", "level: {at-least: 1}")
    (problem,) = reads(bad).problems
    assert problem.path == ("states", "to-be", "elements", 0, "rules", 1, "where")
    assert "where 'level'" in problem.message
    assert (problem.line, problem.column) == (15, 13)


def test_the_schema_knows_the_scope() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema())

    def errors(where: object) -> int:
        rule = {"template": "init", "activities": ["New"], "where": where}
        practice = {"id": "incident", "kind": "practice", "name": "Incident", "rules": [rule]}
        return len(list(validator.iter_errors({"name": "t", "states": {"to-be": {"elements": [practice]}}})))

    assert [errors(w) for w in ({"priority": ["1 - Critical", 2]}, {"vip": True}, {"channel": "phone"})] == [
        0,
        0,
        0,
    ]
    for where in ({}, {"priority": []}, {"priority": None}, {"priority": {"is": 1}}, {"": "x"}):
        assert errors(where) > 0, where
