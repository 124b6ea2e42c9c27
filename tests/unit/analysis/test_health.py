"""Health findings: each pitfall found where it is, with what to do; a healthy TOM has none."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings

from tests.strategies import toms
from tomkit.analysis.health import MAX_ELEMENTS_PER_STATE, Finding, health, peak_concurrency
from tomkit.model import Initiative, Severity, Tom

TODAY = dt.date(2027, 1, 15)


def _healthy() -> dict[str, Any]:
    return {
        "name": "Service desk",
        "sponsor": "cio",
        "review": {"next": "2027-03-31"},
        "people": [{"id": "cio", "name": "Dana"}, {"id": "sd-lead", "name": "Rui"}],
        "outcomes": [{"id": "faster", "statement": "Restore faster", "kpis": ["mttr"]}],
        "kpis": [
            {
                "id": "mttr",
                "name": "MTTR",
                "direction": "lower",
                "baseline": 9.5,
                "target": 4,
                "due": "2027-12-31",
            }
        ],
        "states": {
            "as-is": {
                "elements": [
                    {"id": "desk", "kind": "team", "name": "Desk", "fte": 18, "change_capacity": 1},
                    {"id": "agent", "kind": "role", "name": "Agent", "team": "desk"},
                    {"id": "staff", "kind": "stakeholder-group", "name": "All staff"},
                ]
            },
            "to-be": {
                "elements": [
                    {"id": "desk", "kind": "team", "name": "Desk", "fte": 14, "change_capacity": 1},
                    {"id": "agent", "kind": "role", "name": "Agent", "team": "desk", "skills": ["kcs"]},
                    {"id": "kcs", "kind": "skill", "name": "KCS"},
                    {"id": "staff", "kind": "stakeholder-group", "name": "All staff"},
                ]
            },
        },
        "initiatives": [
            {
                "id": "kcs-rollout",
                "name": "Knowledge-centred service",
                "owner": "sd-lead",
                "team": "desk",
                "status": "planned",
                "closes": ["desk", "agent", "kcs"],
                "change": {
                    "affects": ["staff"],
                    "communicate": [{"audience": "staff", "message": "Search before you call"}],
                    "train": [{"role": "agent", "course": "KCS v6"}],
                },
            }
        ],
    }


def _codes(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.where) for f in findings]


def test_a_healthy_tom_has_no_findings() -> None:
    assert health(Tom.model_validate(_healthy()), TODAY) == []


def test_governance_pitfalls_are_found_where_they_are() -> None:
    data = _healthy()
    del data["sponsor"]
    data["outcomes"].append({"id": "cheaper", "statement": "Cost less"})
    data["kpis"][0].pop("baseline")
    data["kpis"][0].pop("due")
    data["initiatives"][0].pop("owner")
    data["review"] = {"next": "2026-12-01"}
    findings = health(Tom.model_validate(data), TODAY)
    assert _codes(findings) == [
        ("no-sponsor", "sponsor"),
        ("outcome-without-kpi", "outcomes[1].kpis"),
        ("kpi-without-baseline", "kpis[0].baseline"),
        ("initiative-without-owner", "initiatives[0].owner"),
        ("review-overdue", "review.next"),
        ("kpi-without-due-date", "kpis[0].due"),
    ]
    overdue = findings[4]
    assert overdue.title == "Review overdue since 2026-12-01"
    assert "45 days ago" in overdue.detail
    assert overdue.fix.startswith("hold the review")
    assert findings[-1].severity is Severity.INFO


def test_unplanned_gaps_untrained_roles_and_untold_stakeholders() -> None:
    data = _healthy()
    plan = data["initiatives"][0]
    plan["closes"] = ["desk"]
    plan["change"]["communicate"] = []
    plan["change"]["train"] = []
    findings = health(Tom.model_validate(data), TODAY)
    assert _codes(findings) == [
        ("gap-without-initiative", "states.to-be.elements[1]"),
        ("gap-without-initiative", "states.to-be.elements[2]"),
        ("role-change-without-training", "states.to-be.elements[1]"),
        ("stakeholders-without-communication", "initiatives[0].change.affects[0]"),
    ]
    assert findings[0].title == "No initiative closes role 'agent' (changed)"
    assert findings[2].fix == "add a `change.train` entry for role 'agent' to the initiative that delivers it"


def test_a_cosmetic_role_change_needs_no_training() -> None:
    data = _healthy()
    data["states"]["to-be"]["elements"][1] = {
        "id": "agent",
        "kind": "role",
        "name": "Service agent",
        "team": "desk",
    }
    data["initiatives"][0]["change"]["train"] = []
    assert health(Tom.model_validate(data), TODAY) == []


def test_concurrent_changes_beyond_team_capacity() -> None:
    data = _healthy()
    second = {
        "id": "swarming", "name": "Swarming", "owner": "sd-lead", "team": "desk", "status": "in-progress",
        "start": "2027-02-01", "end": "2027-05-01",
    }  # fmt: skip
    data["initiatives"][0].update({"start": "2027-04-01", "end": "2027-06-30"})
    data["initiatives"].append(second)
    [finding] = health(Tom.model_validate(data), TODAY)
    assert finding.code == "team-change-overload"
    assert finding.where == "states.to-be.elements[0]"
    assert finding.title == "Team 'desk' carries 2 changes at once (capacity 1)"
    assert "from 2027-04-01" in finding.detail
    # apart in time, the same two fit
    data["initiatives"][0].update({"start": "2027-05-02", "end": "2027-06-30"})
    assert health(Tom.model_validate(data), TODAY) == []


def test_peak_concurrency_counts_undated_initiatives_everywhere() -> None:
    def plan(
        i: str, start: str | None = None, end: str | None = None, weeks: int | None = None
    ) -> Initiative:
        return Initiative.model_validate(
            {"id": i, "name": i, "start": start, "end": end, "duration_weeks": weeks}
        )

    dated = [
        plan("a", "2027-01-01", "2027-02-01"),
        plan("b", "2027-01-15", weeks=2),
        plan("c", "2027-03-01", "2027-04-01"),
    ]
    assert peak_concurrency(dated) == (2, dt.date(2027, 1, 15))
    assert peak_concurrency([*dated, plan("d")]) == (3, dt.date(2027, 1, 15))
    assert peak_concurrency([plan("d"), plan("e")]) == (2, None)


def test_validation_problems_are_errors_first() -> None:
    data = _healthy()
    data["initiatives"][0]["owner"] = "nobody"
    findings = health(Tom.model_validate(data), TODAY)
    assert findings[0].code == "unknown-reference"
    assert findings[0].severity is Severity.ERROR
    assert findings[0].where == "initiatives[0].owner"


def test_designs_too_large_to_communicate() -> None:
    data = _healthy()
    data["states"]["to-be"]["elements"] += [
        {"id": f"s{n}", "kind": "site", "name": f"Site {n}"} for n in range(MAX_ELEMENTS_PER_STATE)
    ]
    data["initiatives"][0]["closes"] += [f"s{n}" for n in range(MAX_ELEMENTS_PER_STATE)]
    findings = health(Tom.model_validate(data), TODAY)
    assert _codes(findings) == [("too-many-elements", "states.to-be")]
    assert findings[0].title == "State 'to-be' has 404 elements"


@settings(max_examples=40, deadline=None)
@given(toms())
def test_findings_are_sorted_by_severity_and_say_what_to_do(tom: Tom) -> None:
    findings = health(tom, TODAY)
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks, reverse=True)
    assert all(f.fix and f.title and f.detail for f in findings)
    assert not any(f.severity is Severity.ERROR for f in findings)  # drawn documents are valid
