"""Each Declare template on small traces, and a whole check against a log."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tomkit.mining.conformance import check_rules, holds, tom_rules
from tomkit.mining.table import EventLog
from tomkit.model import ProcessRule, Tom


def rule(template: str, *activities: str, n: int | None = None, within: float | None = None) -> ProcessRule:
    return ProcessRule.model_validate(
        {"template": template, "activities": list(activities), "n": n, "within_hours": within}
    )


@pytest.mark.parametrize(
    ("r", "good", "bad"),
    [
        (rule("existence", "A"), "AB", "BC"),
        (rule("existence", "A", n=2), "ABA", "AB"),
        (rule("absence", "A"), "BC", "BA"),
        (rule("absence", "A", n=2), "AB", "ABA"),
        (rule("exactly", "A", n=2), "ABA", "AAA"),
        (rule("init", "A"), "AB", "BA"),
        (rule("end", "A"), "BA", "AB"),
        (rule("responded_existence", "A", "B"), "BA", "AC"),
        (rule("response", "A", "B"), "ABAB", "ABA"),
        (rule("precedence", "A", "B"), "ABB", "BA"),
        (rule("succession", "A", "B"), "AB", "BAB"),
        (rule("alternate_response", "A", "B"), "ABAB", "AAB"),
        (rule("chain_response", "A", "B"), "ABCAB", "ACB"),
        (rule("chain_precedence", "A", "B"), "CAB", "ACB"),
        (rule("co_existence", "A", "B"), "CBA", "AC"),
        (rule("not_co_existence", "A", "B"), "AC", "ACB"),
        (rule("not_succession", "A", "B"), "BA", "AB"),
        (rule("exclusive_choice", "A", "B"), "AC", "AB"),
    ],
)
def test_templates(r: ProcessRule, good: str, bad: str) -> None:
    assert holds(r, list(good))
    assert not holds(r, list(bad))


def test_vacuous_truth() -> None:
    assert holds(rule("response", "A", "B"), list("CD"))
    assert holds(rule("exclusive_choice", "A", "B"), list("A"))
    assert not holds(rule("exclusive_choice", "A", "B"), list("C"))


def test_time_limit_and_four_eyes() -> None:
    r = rule("response", "A", "B", within=2)
    assert holds(r, list("AB"), times=[0.0, 1.5])
    assert not holds(r, list("AB"), times=[0.0, 3.0])
    p = rule("precedence", "A", "B", within=1)
    assert not holds(p, list("AB"), times=[0.0, 1.5])
    eyes = rule("four_eyes", "A", "B")
    assert holds(eyes, list("AB"), resources=["ann", "bob"])
    assert not holds(eyes, list("AB"), resources=["ann", "ann"])
    assert holds(eyes, list("AB"), resources=["ann", None])


def test_check_over_a_log(make_log: Callable[..., EventLog]) -> None:
    log = make_log([
        ("c1", "New", "2024-01-01T10:00", "ann"), ("c1", "Assign", "2024-01-01T10:30", "ann"),
        ("c1", "Resolve", "2024-01-01T12:00", "bob"), ("c1", "Close", "2024-01-02T12:00", "cat"),
        ("c2", "New", "2024-01-01T10:00", "ann"), ("c2", "Resolve", "2024-01-01T11:00", "ann"),
        ("c3", "New", "2024-01-01T10:00", "ann"), ("c3", "Assign", "2024-01-01T14:00", "bob"),
        ("c3", "Resolve", "2024-01-01T15:00", "bob"), ("c3", "Close", "2024-01-01T16:00", "bob"),
    ])  # fmt: skip
    rules = [
        ("incident", rule("precedence", "Assign", "Resolve")),
        ("incident", rule("response", "New", "Assign", within=1)),
        ("incident", rule("four_eyes", "Resolve", "Close")),
        (None, rule("absence", "Reopen")),
        (None, rule("init", "Start")),
    ]
    report = check_rules(log, rules)
    result = {r.label: (r.violations, r.example_cases) for r in report.rules}
    assert result == {
        "precedence(Assign, Resolve)": (1, ["c2"]),
        "response(New, Assign)": (2, ["c2", "c3"]),
        "four_eyes(Resolve, Close)": (1, ["c3"]),
        "absence(Reopen)": (0, []),
        "init(Start)": (3, ["c1", "c2", "c3"]),
    }
    assert report.rules[4].missing_activities == ["Start"]
    assert report.rules[0].practice == "incident"
    assert report.rules[0].conformant_share == pytest.approx(2 / 3)
    assert report.conformant_cases == 0
    without_init = check_rules(log, rules[:4])
    assert without_init.conformant_cases == 1  # c1 follows every other rule
    assert check_rules(log, rules[3:4]).conformant_share == 1.0


def test_rules_come_from_the_to_be_practices() -> None:
    tom = Tom.model_validate({
        "name": "t",
        "states": {
            "as-is": {"elements": [{"id": "incident", "kind": "practice", "name": "Incident"}]},
            "to-be": {"elements": [
                {"id": "incident", "kind": "practice", "name": "Incident",
                 "rules": [{"id": "r1", "template": "response", "activities": ["Resolved", "Closed"]}]},
                {"id": "request", "kind": "practice", "name": "Request",
                 "rules": [{"template": "absence", "activities": ["Reopened"]}]},
            ]},
        },
    })  # fmt: skip
    assert [(p, r.id) for p, r in tom_rules(tom)] == [("incident", "r1"), ("request", None)]
    assert tom_rules(tom, "as-is") == []
    assert [p for p, _ in tom_rules(tom, practice="request")] == ["request"]
