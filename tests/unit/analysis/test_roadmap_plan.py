"""The roadmap of a small TOM: durations, capacity, facts, waves, dates and explanations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tomkit.analysis.roadmap import plan
from tomkit.model import Tom

TODAY = dt.date(2027, 1, 6)  # a Wednesday; weeks start on Monday 4 January


def sample(**changes: Any) -> Tom:
    data: dict[str, Any] = {
        "name": "Sample",
        "people": [
            {"id": "ana", "name": "Ana", "team": "desk"},
            {"id": "ben", "name": "Ben", "team": "platform"},
        ],
        "states": {
            "as-is": {
                "elements": [
                    {"id": "desk", "kind": "team", "name": "Service Desk", "change_capacity": 2},
                    {"id": "platform", "kind": "team", "name": "Platform", "change_capacity": 1},
                    {"id": "remedy", "kind": "tool", "name": "Remedy"},
                    {"id": "agent", "kind": "role", "name": "Agent", "team": "desk"},
                ]
            },
            "to-be": {
                "elements": [
                    {"id": "desk", "kind": "team", "name": "Service Desk", "change_capacity": 2},
                    {"id": "platform", "kind": "team", "name": "Platform", "change_capacity": 1},
                    {"id": "itsm", "kind": "tool", "name": "New ITSM platform", "owner": "ben"},
                    {"id": "portal", "kind": "channel", "name": "Portal", "owner": "ana"},
                    {"id": "agent", "kind": "role", "name": "Agent", "team": "desk", "skills": ["kb"]},
                    {"id": "kb", "kind": "skill", "name": "Knowledge writing"},
                ]
            },
        },
        "initiatives": [
            {
                "id": "itsm",
                "name": "Replace Remedy",
                "owner": "ben",
                "team": "platform",
                "effort": "l",
                "value": "high",
                "closes": ["itsm", "remedy"],
            },
            {
                "id": "portal",
                "name": "Launch portal",
                "owner": "ana",
                "team": "desk",
                "effort": "m",
                "value": "high",
                "depends_on": ["itsm"],
                "closes": ["portal"],
            },
            {
                "id": "kb-sprint",
                "name": "Knowledge sprint",
                "owner": "ana",
                "team": "desk",
                "effort": "s",
                "value": "high",
            },
            {
                "id": "cmdb",
                "name": "Clean the CMDB",
                "owner": "ben",
                "team": "platform",
                "effort": "m",
                "value": "medium",
            },
        ],
    }
    data.update(changes)
    return Tom.model_validate(data)


def test_durations_capacity_and_dependencies_give_the_expected_plan() -> None:
    roadmap = plan(sample(), today=TODAY)
    assert roadmap.ok
    starts = {i.id: (i.start, i.end) for i in roadmap.items}
    monday = dt.date(2027, 1, 4)
    # Platform (capacity 1) runs itsm (13 weeks, longest tail) then cmdb; the portal waits for itsm.
    assert starts["itsm"] == (monday, monday + dt.timedelta(weeks=13))
    assert starts["cmdb"] == (monday + dt.timedelta(weeks=13), monday + dt.timedelta(weeks=21))
    assert starts["portal"] == (monday + dt.timedelta(weeks=13), monday + dt.timedelta(weeks=21))
    assert starts["kb-sprint"] == (monday, monday + dt.timedelta(weeks=4))
    assert roadmap.item("kb-sprint").quick_win
    assert not roadmap.item("portal").quick_win  # high value, but blocked by itsm
    assert roadmap.item("portal").why[-1] == "after itsm ends (2027-04-05)"
    assert "team platform is at capacity (1 at once) until 2027-04-05" in roadmap.item("cmdb").why[-1]
    assert roadmap.critical_path in (("itsm", "portal"), ("itsm", "cmdb"))
    assert [w.number for w in roadmap.waves] == [1, 2]
    assert roadmap.waves[1].initiatives == ("cmdb", "portal") or set(roadmap.waves[1].initiatives) == {
        "cmdb",
        "portal",
    }
    assert roadmap.capacity == {"desk": 2, "platform": 1}


def test_no_team_is_ever_over_capacity() -> None:
    many = [
        {"id": f"w{n}", "name": f"Work {n}", "team": "desk", "effort": "s", "value": "low"} for n in range(7)
    ]
    roadmap = plan(sample(initiatives=many), today=TODAY)
    assert max(n for _, n in roadmap.load("desk")) == 2
    assert len({i.start for i in roadmap.items}) == 4


def test_work_under_way_stays_where_it_happened() -> None:
    tom = sample()
    tom.initiatives[0].status = "in-progress"
    tom.initiatives[0].actual_start = dt.date(2026, 11, 2)
    tom.initiatives[0].progress = 50
    roadmap = plan(tom, today=TODAY)
    itsm = roadmap.item("itsm")
    assert itsm.start == dt.date(2026, 11, 2)
    assert itsm.why[0].startswith("fixed from 2026-11-02")
    assert roadmap.calendar.origin == dt.date(2026, 11, 2)
    # half of 13 weeks is left today (4 January): itsm runs 7 more weeks, then the portal starts
    assert itsm.end == dt.date(2027, 2, 22)
    assert roadmap.item("portal").start == dt.date(2027, 2, 22)


def test_a_deadline_before_the_dependency_chain_is_flagged() -> None:
    tom = sample()
    tom.initiatives[1].deadline = dt.date(2027, 2, 1)
    roadmap = plan(tom, today=TODAY)
    assert not roadmap.ok
    [issue] = [i for i in roadmap.issues if i.code == "deadline"]
    assert "portal cannot end by its deadline" in issue.message
    assert "because of its dependencies (itsm)" in issue.message


def test_a_cycle_makes_the_plan_impossible() -> None:
    tom = sample()
    tom.initiatives[0].depends_on = ["portal"]
    roadmap = plan(tom, today=TODAY)
    assert not roadmap.ok
    assert {"itsm", "portal"} <= set(roadmap.unscheduled)
    assert any(i.code == "cycle" and "itsm -> portal -> itsm" in i.message for i in roadmap.issues)


def test_hand_typed_dates_that_contradict_dependencies_are_flagged() -> None:
    tom = sample()
    tom.initiatives[0].end = dt.date(2027, 6, 30)
    tom.initiatives[1].start = dt.date(2027, 3, 1)
    roadmap = plan(tom, today=TODAY)
    assert any(
        i.code == "dependency-date" and "portal is planned to start on 2027-03-01" in i.message
        for i in roadmap.issues
    )


def test_fixed_wave_and_not_before_hold_the_start_back() -> None:
    tom = sample()
    tom.initiatives[2].wave = "wave-2"
    tom.initiatives[3].not_before = dt.date(2027, 9, 1)
    roadmap = plan(tom, today=TODAY)
    assert roadmap.item("kb-sprint").wave == 2
    assert roadmap.item("kb-sprint").start == dt.date(2027, 4, 5)
    assert roadmap.item("cmdb").start == dt.date(2027, 9, 6)  # the Monday after 1 September


def test_cancelled_work_is_left_out_and_its_dependants_are_told() -> None:
    tom = sample()
    tom.initiatives[0].status = "cancelled"
    roadmap = plan(tom, today=TODAY)
    assert "itsm" not in {i.id for i in roadmap.items}
    assert any(i.code == "cancelled-dependency" for i in roadmap.issues)
    assert roadmap.item("portal").start == dt.date(2027, 1, 4)


def test_months_as_the_period() -> None:
    roadmap = plan(sample(), today=TODAY, period="months")
    itsm = roadmap.item("itsm")
    assert (itsm.start, itsm.end) == (dt.date(2027, 1, 1), dt.date(2027, 4, 1))  # 13 weeks -> 3 months
    assert roadmap.item("portal").start == dt.date(2027, 4, 1)
    assert roadmap.to_data()["period"] == "months"


def test_unknown_period_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown period 'days'"):
        plan(sample(), today=TODAY, period="days")  # type: ignore[arg-type]


def test_to_data_is_json_ready() -> None:
    data = plan(sample(), today=TODAY).to_data()
    kb = next(i for i in data["initiatives"] if i["id"] == "kb-sprint")
    assert kb == {
        "id": "kb-sprint", "name": "Knowledge sprint", "owner": "ana", "team": "desk", "status": "proposed",
        "progress": 0, "wave": 1, "start": "2027-01-04", "end": "2027-01-31", "quick_win": True,
        "critical": False, "value": 3, "effort": 2, "risk": 1, "quadrant": "quick-win", "depends_on": [],
        "why": ["the plan starts 2027-01-04"],
    }  # fmt: skip
