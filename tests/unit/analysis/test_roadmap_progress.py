"""Progress per initiative, wave and journey, and what is next for a person or team."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tomkit.analysis.progress import next_steps, progress, when
from tomkit.analysis.roadmap import plan
from tomkit.model import Tom

TODAY = dt.date(2027, 3, 1)  # a Monday


def journey() -> Tom:
    data: dict[str, Any] = {
        "name": "Journey",
        "people": [{"id": "ana", "name": "Ana", "team": "desk"}, {"id": "ben", "name": "Ben"}],
        "states": {
            "as-is": {"elements": [{"id": "desk", "kind": "team", "name": "Service Desk", "change_capacity": 3}]}
        },
        "initiatives": [
            {"id": "done-one", "name": "Done", "team": "desk", "duration_weeks": 4, "status": "done",
             "actual_start": "2027-01-04", "actual_end": "2027-01-29", "start": "2027-01-04", "end": "2027-01-22"},
            {"id": "half", "name": "Half", "owner": "ana", "team": "desk", "duration_weeks": 12,
             "status": "in-progress", "actual_start": "2027-02-01", "start": "2027-01-25",
             "milestones": [
                 {"id": "m1", "name": "Design signed off", "due": "2027-02-15", "done": True},
                 {"id": "m2", "name": "Pilot live", "due": "2027-03-22"},
             ]},
            {"id": "later", "name": "Later", "owner": "ben", "team": "desk", "duration_weeks": 4,
             "depends_on": ["half"], "milestones": [{"id": "m3", "name": "Go live", "due": "2027-06-01"}]},
        ],
    }  # fmt: skip
    return Tom.model_validate(data)


def test_initiative_percent_slip_and_milestones() -> None:
    state = progress(journey(), today=TODAY)
    done = state.initiative("done-one")
    assert (done.percent, done.basis) == (100.0, "done")
    assert done.end_slip_days == 7  # planned to end 22 January, ended 29 January
    half = state.initiative("half")
    assert (half.percent, half.basis) == (50.0, "1 of 2 milestones done")
    assert half.start_slip_days == 7
    assert state.initiative("later").percent == 0.0
    assert state.next_milestone is not None
    assert state.next_milestone.id == "m2"


def test_roll_up_is_weighted_by_length_and_says_where_we_are() -> None:
    tom = journey()
    roadmap = plan(tom, today=TODAY, wave_weeks=8)
    state = progress(tom, roadmap, today=TODAY)
    # 4 weeks done, 12 weeks half done, 4 weeks not started: (400 + 600 + 0) / 20
    assert state.percent == 50.0
    assert [w.number for w in state.waves] == [1, 2, 3]
    assert state.wave == 2
    # wave 1 holds done-one and half: (4 x 100 + 12 x 50) / 16; wave 2 is a gap before later starts
    assert [(w.percent, w.initiatives) for w in state.waves] == [(62.5, 2), (0.0, 0), (0.0, 1)]
    assert state.summary == "wave 2 of 3, 50 % done, next milestone in 3 weeks (Pilot live)"


def test_overdue_milestones_come_first_and_late_work_is_flagged() -> None:
    later = dt.date(2027, 4, 1)
    state = progress(journey(), today=later)
    assert state.next_milestone is not None
    assert state.next_milestone.id == "m2"
    assert state.next_milestone.overdue


def test_next_steps_for_a_person_and_a_team() -> None:
    tom = journey()
    state = progress(tom, today=TODAY)
    ana = next_steps(tom, state, "ana")
    assert ana.working_on == ("half",)
    assert ana.text.startswith("Ana: wave ")
    assert "working on half" in ana.text
    desk = next_steps(tom, state, "desk")
    assert desk.coming_up == ("later",)
    assert desk.percent == 50.0
    with pytest.raises(KeyError, match="no person or team 'nobody'"):
        next_steps(tom, state, "nobody")


def test_when_reads_like_people_talk() -> None:
    day = dt.date(2027, 1, 1)
    assert when(day, day) == "today"
    assert when(day + dt.timedelta(days=1), day) == "in 1 day"
    assert when(day + dt.timedelta(days=21), day) == "in 3 weeks"
    assert when(day - dt.timedelta(days=15), day) == "2 weeks ago"
