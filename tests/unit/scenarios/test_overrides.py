from __future__ import annotations

import pytest

from tomkit.model import Channel, ServiceLevel, Team, Tom, check
from tomkit.model.scenario import Scenario
from tomkit.scenarios import ScenarioError, apply_overrides, scenario_state, write_back


def scenario(desk: Tom, *overrides: dict[str, object]) -> Scenario:
    return Scenario.model_validate({"id": "s", "name": "S", "base": "as-is", "overrides": list(overrides)})


def test_shift_moves_volume_and_keeps_the_total(desk: Tom) -> None:
    state, _ = scenario_state(desk, desk.scenarios[0])
    phone, portal = state.element("phone"), state.element("portal")
    assert isinstance(phone, Channel)
    assert isinstance(portal, Channel)
    assert phone.volume_per_month == pytest.approx(6300)
    assert portal.volume_per_month == pytest.approx(4700)
    assert desk.states["as-is"].element("phone").volume_per_month == 9000  # type: ignore[union-attr]


def test_set_target_changes_only_the_channel_named(desk: Tom) -> None:
    state, _ = scenario_state(desk, desk.scenarios[0])
    chat = state.element("sl-chat")
    phone = state.element("sl-phone")
    assert isinstance(chat, ServiceLevel)
    assert isinstance(phone, ServiceLevel)
    assert chat.targets[0].answer_seconds == 60
    assert all(t.answer_seconds == 20 for t in phone.targets)


def test_a_target_for_a_channel_without_service_level_creates_one(desk: Tom) -> None:
    op = {"op": "set-target", "channel": "portal", "priority": "P3", "response_minutes": 60}
    state, _ = scenario_state(desk, scenario(desk, op))
    level = state.element("sl-portal")
    assert isinstance(level, ServiceLevel)
    assert level.channel == "portal"
    assert level.targets[0].response_minutes == 60


def test_team_escalation_and_assumptions(desk: Tom) -> None:
    ops = [
        {"op": "set-team", "team": "l1", "fte": 30, "cost_per_fte_year": 28000, "handle_minutes": 9},
        {"op": "set-escalation", "from": "l2", "to": "l3", "share": 0.1},
        {"op": "set-escalation", "from": "l1", "to": "l3", "share": 0.05},
        {"op": "assume", "max_occupancy": 0.8, "patience_seconds": 120},
    ]
    state, assumptions = apply_overrides(
        desk.states["as-is"], [scenario(desk, *ops).overrides[i] for i in range(4)]
    )
    team = state.element("l1")
    assert isinstance(team, Team)
    assert team.fte == 30
    assert team.properties == {"cost_per_fte_year": 28000, "handle_minutes": 9}
    shares = {
        (r.source, r.target): r.properties.get("share") for r in state.relations if r.type == "escalates-to"
    }
    assert shares == {("l1", "l2"): None, ("l2", "l3"): 0.1, ("l1", "l3"): 0.05}
    assert assumptions.max_occupancy == 0.8
    assert assumptions.patience_seconds == 120
    assert assumptions.shrinkage == 0.3


def test_unknown_elements_are_named(desk: Tom) -> None:
    bad = scenario(desk, {"op": "scale-volume", "channel": "fax", "factor": 2})
    with pytest.raises(ScenarioError, match="no channel 'fax'"):
        scenario_state(desk, bad)
    wrong_base = Scenario.model_validate({"id": "x", "name": "X", "base": "to-be"})
    with pytest.raises(ScenarioError, match="base state 'to-be' does not exist"):
        scenario_state(desk, wrong_base)


def test_write_back_returns_a_new_valid_tom(desk: Tom) -> None:
    updated = write_back(desk, "digital", into="to-be")
    assert list(updated.states) == ["as-is", "to-be"]
    assert updated.states["to-be"].element("phone").volume_per_month == pytest.approx(6300)  # type: ignore[union-attr]
    assert desk.states.keys() == {"as-is"}
    assert check(updated) == []
    again = write_back(updated, "outsourced")
    team = again.states["to-be"].element("l1")
    assert isinstance(team, Team)
    assert team.sourcing == "outsourced"


def test_scenario_references_are_checked_by_the_model(desk: Tom) -> None:
    data = desk.to_data()
    data["scenarios"][0]["overrides"][0]["to"] = "portl"
    problems = check(Tom.model_validate(data))
    assert [p.message for p in problems] == ["unknown element 'portl' (did you mean 'portal'?)"]
