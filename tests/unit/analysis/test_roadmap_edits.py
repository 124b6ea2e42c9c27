"""Quick plan edits: each returns a new valid TOM or says why it cannot."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tomkit.analysis.plan_edits import (
    PlanEditError,
    add_change_action,
    add_initiative_for_gap,
    add_milestone,
    add_readiness_response,
    save_initiative,
    set_dependency,
    set_milestone_done,
)
from tomkit.analysis.roadmap import plan
from tomkit.model import Tom
from tomkit.model.readiness import ReadinessResponse

DAY = dt.date(2027, 1, 4)


@pytest.fixture
def tom() -> Tom:
    data: dict[str, Any] = {
        "name": "Edits",
        "people": [{"id": "ana", "name": "Ana", "team": "desk"}],
        "states": {
            "as-is": {"elements": [{"id": "desk", "kind": "team", "name": "Desk"},
                                   {"id": "staff", "kind": "stakeholder-group", "name": "Staff"}]},
            "to-be": {"elements": [{"id": "desk", "kind": "team", "name": "Desk"},
                                   {"id": "staff", "kind": "stakeholder-group", "name": "Staff"},
                                   {"id": "portal", "kind": "channel", "name": "Portal", "owner": "ana"}]},
        },
        "initiatives": [{"id": "base", "name": "Base", "team": "desk", "duration_weeks": 4}],
    }  # fmt: skip
    return Tom.model_validate(data)


def test_an_initiative_from_an_open_gap_then_a_dependency_moves_it(tom: Tom) -> None:
    tom2, made = add_initiative_for_gap(tom, "portal")
    assert (made.id, made.name, made.owner, made.team, made.closes) == (
        "added-portal", "Introduce Portal", "ana", "desk", ["portal"],
    )  # fmt: skip
    assert plan(tom2, today=DAY).item("added-portal").start == DAY
    tom3 = set_dependency(tom2, "added-portal", "base")
    assert plan(tom3, today=DAY).item("added-portal").start == DAY + dt.timedelta(weeks=4)
    assert tom.initiative("added-portal") is None  # the input is never changed
    with pytest.raises(PlanEditError, match="dependency cycle"):
        set_dependency(tom3, "base", "added-portal")
    assert (
        set_dependency(tom3, "added-portal", "base", present=False).initiative("added-portal").depends_on
        == []
    )  # type: ignore[union-attr]


def test_save_initiative_adds_changes_and_clears_fields(tom: Tom) -> None:
    tom2 = save_initiative(tom, {"name": "New portal", "effort": "m", "value": "high"})
    assert tom2.initiative("new-portal") is not None
    tom3 = save_initiative(tom2, {"id": "new-portal", "effort": "", "status": "planned"})
    item = tom3.initiative("new-portal")
    assert item is not None
    assert (item.effort, item.status, item.value) == (None, "planned", "high")
    with pytest.raises(PlanEditError, match="status"):
        save_initiative(tom, {"id": "base", "status": "someday"})


def test_milestones_advance_the_status(tom: Tom) -> None:
    tom2 = add_milestone(tom, "base", "Pilot live", DAY)
    tom2 = add_milestone(tom2, "base", "Pilot live", None)
    assert [m.id for m in tom2.initiatives[0].milestones] == ["pilot-live", "pilot-live-2"]
    tom3 = set_milestone_done(tom2, "base", "pilot-live", done=True, on=DAY)
    assert (tom3.initiatives[0].status, tom3.initiatives[0].actual_start) == ("in-progress", DAY)
    tom4 = set_milestone_done(tom3, "base", "pilot-live-2", done=True, on=DAY)
    assert tom4.initiatives[0].status == "done"
    assert (
        set_milestone_done(tom4, "base", "pilot-live-2", done=False, on=DAY).initiatives[0].status
        == "in-progress"
    )


def test_change_actions_are_checked(tom: Tom) -> None:
    tom2 = add_change_action(tom, "base", "affects", {"group": "staff"})
    tom2 = add_change_action(
        tom2, "base", "communicate", {"audience": "staff", "message": "Hello", "channel": "email"}
    )
    assert tom2.initiatives[0].change.communicate[0].channel == "email"
    with pytest.raises(PlanEditError, match="unknown"):
        add_change_action(tom, "base", "affects", {"group": "nobody"})
    with pytest.raises(PlanEditError, match="course: Field required"):
        add_change_action(tom, "base", "train", {"role": "x"})


def test_readiness_answers_are_recorded_or_refused(tom: Tom) -> None:
    tom2 = add_readiness_response(tom, ReadinessResponse(group="staff", answers={"aware": 4}))
    assert tom2.readiness.responses[0].answers == {"aware": 4}
    with pytest.raises(PlanEditError, match="outside 1-5"):
        add_readiness_response(tom, ReadinessResponse(group="staff", answers={"aware": 7}))
