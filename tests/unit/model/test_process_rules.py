"""Process rules: a Declare template over activities, optionally scoped to some cases with `where`."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tomkit.model import ProcessRule, Tom


def make(where: object) -> ProcessRule:
    return ProcessRule.model_validate({"template": "init", "activities": ["New"], "where": where})


def test_a_rule_without_scope_applies_to_every_case() -> None:
    r = ProcessRule.model_validate({"template": "init", "activities": ["New"]})
    assert r.where is None
    assert r.scope() == {}


def test_scope_values_keep_their_type_and_compare_as_text() -> None:
    r = make(
        {"priority": ["1 - Critical", "2 - High"], "channel": "phone", "level": 1, "sla": 2.0, "vip": True}
    )
    assert r.where == {"priority": ["1 - Critical", "2 - High"], "channel": "phone", "level": 1, "sla": 2.0,
                       "vip": True}  # fmt: skip
    assert type(r.where["level"]) is int
    assert type(r.where["vip"]) is bool
    assert r.scope() == {"priority": ["1 - Critical", "2 - High"], "channel": ["phone"], "level": ["1"],
                         "sla": ["2"], "vip": ["true"]}  # fmt: skip


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ({}, "where names no attribute (leave it out to check every case)"),
        ({"": "phone"}, "where has an attribute with no name"),
        ({"  ": "phone"}, "where has an attribute with no name"),
        ({"priority": []}, "where 'priority' lists no value"),
        ({"priority": None}, "where 'priority': None is not a text, number or true/false value"),
        (
            {"priority": {"is": "1"}},
            "where 'priority': {'is': '1'} is not a text, number or true/false value",
        ),
        ({"priority": ["1", ["2"]]}, "where 'priority': ['2'] is not a text, number or true/false value"),
        ("priority", "where must map attribute names to a value or a list of values"),
    ],
)
def test_a_bad_scope_says_what_is_wrong(where: object, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        make(where)
    errors = info.value.errors()
    assert [e["loc"] for e in errors] == [("where",)]
    assert str(errors[0]["ctx"]["error"]) == message


def test_scope_is_written_back_as_given() -> None:
    data = {
        "name": "t",
        "states": {"to-be": {"elements": [{"id": "incident", "kind": "practice", "name": "Incident", "rules": [
            {"id": "p1", "template": "response", "activities": ["New", "Resolved"], "within_hours": 8,
             "where": {"priority": "1 - Critical"}},
            {"template": "init", "activities": ["New"]},
        ]}]}},
    }  # fmt: skip
    rules = Tom.model_validate(data).to_data()["states"]["to-be"]["elements"][0]["rules"]
    assert rules == data["states"]["to-be"]["elements"][0]["rules"]
    assert "where" not in rules[1]
