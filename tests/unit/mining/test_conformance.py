"""Each Declare template on small traces, and a whole check against a log."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

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


def scoped(
    template: str, *activities: str, where: object, within: float | None = None, id: str | None = None
) -> ProcessRule:
    return ProcessRule.model_validate(
        {
            "id": id,
            "template": template,
            "activities": list(activities),
            "within_hours": within,
            "where": where,
        }
    )


@pytest.fixture
def scoped_log(make_log: Callable[..., EventLog]) -> EventLog:
    """Four incidents: c1 and c3 critical, c2 high, c4 low; only c1 is resolved within 2 hours."""
    rows = [
        ("c1", "New", "2024-01-01T10:00"), ("c1", "Resolve", "2024-01-01T11:00"),
        ("c2", "New", "2024-01-01T10:00"), ("c2", "Resolve", "2024-01-01T15:00"),
        ("c3", "New", "2024-01-01T10:00"), ("c3", "Update", "2024-01-01T10:30"),
        ("c4", "New", "2024-01-01T10:00"),
    ]  # fmt: skip
    return make_log(
        rows,
        # a case's value is its first: c2 is high though raised later; c3's first event has none
        priority=[
            "1 - Critical",
            "1 - Critical",
            "2 - High",
            "1 - Critical",
            None,
            "1 - Critical",
            "4 - Low",
        ],
        level=[1, 1, 2, 2, 1, 1, 4],
        vip=[True, True, False, False, None, None, False],
    )


def test_a_scoped_rule_counts_only_the_cases_in_its_scope(scoped_log: EventLog) -> None:
    everyone = rule("response", "New", "Resolve", within=2)
    critical = scoped("response", "New", "Resolve", within=2, where={"priority": "1 - Critical"})
    report = check_rules(scoped_log, [everyone, critical])
    every, crit = report.rules
    assert (every.checked_cases, every.violations, every.example_cases) == (4, 3, ["c2", "c3", "c4"])
    assert every.scope == ""
    assert (crit.checked_cases, crit.violations, crit.example_cases) == (2, 1, ["c3"])
    assert crit.conformant_share == pytest.approx(0.5)
    assert crit.scope == "priority = 1 - Critical"
    assert crit.problem is None
    assert report.problems == []
    # c1 follows both; c2 and c4 break the unscoped rule
    assert check_rules(scoped_log, [critical]).conformant_cases == 3
    assert check_rules(scoped_log, [everyone, critical]).conformant_cases == 1


def test_order_only_rules_are_scoped_too(scoped_log: EventLog) -> None:
    r = scoped("existence", "Resolve", where={"priority": ["1 - Critical", "4 - Low"]})
    (result,) = check_rules(scoped_log, [r]).rules
    assert (result.checked_cases, result.violations, result.example_cases) == (3, 2, ["c3", "c4"])
    assert result.scope == "priority = 1 - Critical or 4 - Low"


def test_a_list_of_values_and_a_number_compared_as_text(scoped_log: EventLog) -> None:
    by_list = scoped("existence", "Resolve", where={"priority": ["1 - Critical", "2 - High"]})
    by_number = scoped("existence", "Resolve", where={"level": 2})
    by_text = scoped("existence", "Resolve", where={"level": ["1", "4"]})
    by_flag = scoped("existence", "Resolve", where={"vip": False})
    both = scoped("existence", "Resolve", where={"priority": "1 - Critical", "level": [1.0]})
    got = [
        (r.checked_cases, r.violations)
        for r in check_rules(scoped_log, [by_list, by_number, by_text, by_flag, both]).rules
    ]
    assert got == [(3, 1), (1, 0), (3, 2), (2, 1), (2, 1)]


def test_an_attribute_the_log_lacks_is_a_named_problem(scoped_log: EventLog) -> None:
    r = scoped("existence", "Resolve", where={"channel": "phone", "priority": "P1"}, id="phone-resolved")
    report = check_rules(scoped_log, [r, rule("init", "New")])
    result = report.rules[0]
    assert result.missing_attributes == ["channel"]
    assert result.checked_cases == 0
    assert result.violations == 0
    assert result.problem == "not checked: the log has no attribute 'channel' for the rule's scope"
    assert report.problems == [
        "phone-resolved: not checked: the log has no attribute 'channel' for the rule's scope"
    ]
    assert result.missing_values == ["priority=P1"]  # a spelling the log does not use
    assert report.conformant_cases == 4  # the unchecked rule fails no case


def test_the_demo_scopes_a_rule_to_critical_incidents(tmp_path: Path) -> None:
    from tomkit.demo.eventlog import write_incident_log
    from tomkit.demo.packaged import load_demo
    from tomkit.mining.importing import read_log

    path = write_incident_log(tmp_path / "demo.csv", incidents=800, seed=7)
    with path.open(newline="") as f:
        critical = {row["number"] for row in csv.DictReader(f) if row["priority"] == "1 - Critical"}
    log = read_log(path)
    report = check_rules(log, tom_rules(load_demo(), practice="incident"))
    by_id = {r.rule.id: r for r in report.rules}
    p1 = by_id["inc-p1-resolved-in-target"]
    assert p1.checked_cases == len(critical) > 0
    assert set(p1.example_cases) <= critical
    assert 0 < p1.violations < p1.checked_cases
    assert p1.problem is None
    assert p1.missing_values == []
    assert by_id["inc-starts-new"].checked_cases == log.n_cases
