"""Applying a scenario's overrides to a copy of its base state: a pure function of model objects.

The result is an ordinary `State`, so a chosen scenario can be written back into the TOM as it is.
Values the element kinds have no field for (cost per FTE, work per escalated ticket, escalation share)
go into `properties` of the team or of the `escalates-to` relation, where the model builder reads them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tomkit.model import Channel, Relation, ServiceLevel, ServiceTarget, State, Team, Tom
from tomkit.model.scenario import (
    Assume,
    Override,
    ScaleVolume,
    Scenario,
    SetChannel,
    SetEscalation,
    SetTarget,
    SetTeam,
    ShiftVolume,
)
from tomkit.scenarios.inputs import Assumptions


class ScenarioError(ValueError):
    """A scenario that cannot be applied or modelled; the message says what to fix."""


def _channel(state: State, channel_id: str, where: str) -> Channel:
    element = state.element(channel_id)
    if not isinstance(element, Channel):
        raise ScenarioError(f"{where}: no channel {channel_id!r} in the base state")
    return element


def _team(state: State, team_id: str, where: str) -> Team:
    element = state.element(team_id)
    if not isinstance(element, Team):
        raise ScenarioError(f"{where}: no team {team_id!r} in the base state")
    return element


def _replace_element(state: State, new: Any) -> State:
    elements = [new if e.id == new.id else e for e in state.elements]
    return state.model_copy(update={"elements": elements})


def _set(element: Any, values: dict[str, Any]) -> Any:
    changes = {k: v for k, v in values.items() if v is not None}
    return element.model_copy(update=changes)


def _volume(channel: Channel, where: str) -> float:
    if channel.volume_per_month is None:
        raise ScenarioError(f"{where}: channel {channel.id!r} has no volume_per_month")
    return channel.volume_per_month


def _shift(state: State, op: ShiftVolume, where: str) -> State:
    source = _channel(state, op.source, where)
    target = _channel(state, op.target, where)
    volume = _volume(source, where)
    moved = volume * op.share
    state = _replace_element(state, source.model_copy(update={"volume_per_month": volume - moved}))
    return _replace_element(
        state, target.model_copy(update={"volume_per_month": (target.volume_per_month or 0) + moved})
    )


def _levels_for(state: State, channel_id: str) -> list[ServiceLevel]:
    covered = {r.source for r in state.relations if r.type == "covers" and r.target == channel_id}
    return [
        e
        for e in state.elements
        if isinstance(e, ServiceLevel) and (e.channel == channel_id or e.id in covered)
    ]


def _target(state: State, op: SetTarget, where: str) -> State:
    _channel(state, op.channel, where)
    values = {
        "answer_seconds": op.answer_seconds,
        "response_minutes": op.response_minutes,
        "resolution_hours": op.resolution_hours,
        "attainment": op.attainment,
    }
    levels = _levels_for(state, op.channel)
    if not levels:
        level = ServiceLevel(
            id=f"sl-{op.channel}"[:80], name=f"Service level for {op.channel}", channel=op.channel, targets=[]
        )
        state = state.model_copy(update={"elements": [*state.elements, level]})
        levels = [level]
    for level in levels:
        targets = list(level.targets)
        hits = [i for i, t in enumerate(targets) if op.priority is None or t.priority == op.priority]
        if not hits:
            targets.append(
                ServiceTarget(
                    priority=op.priority or "all", **{k: v for k, v in values.items() if v is not None}
                )
            )
        for i in hits:
            targets[i] = _set(targets[i], values)
        state = _replace_element(state, level.model_copy(update={"targets": targets}))
    return state


def _team_change(state: State, op: SetTeam, where: str) -> State:
    team = _team(state, op.team, where)
    properties = dict(team.properties)
    if op.cost_per_fte_year is not None:
        properties["cost_per_fte_year"] = op.cost_per_fte_year
    if op.handle_minutes is not None:
        properties["handle_minutes"] = op.handle_minutes
    values = {
        "fte": op.fte,
        "shrinkage": op.shrinkage,
        "hours": op.hours,
        "sourcing": op.sourcing,
        "location": op.location,
    }
    return _replace_element(state, _set(team, values).model_copy(update={"properties": properties}))


def _escalation(state: State, op: SetEscalation, where: str) -> State:
    _team(state, op.source, where)
    relations = list(state.relations)
    for i, relation in enumerate(relations):
        if relation.type == "escalates-to" and relation.source == op.source and relation.target == op.target:
            relations[i] = relation.model_copy(
                update={"properties": {**relation.properties, "share": op.share}}
            )
            break
    else:
        data = {"from": op.source, "type": "escalates-to", "to": op.target, "properties": {"share": op.share}}
        relations.append(Relation.model_validate(data))
    return state.model_copy(update={"relations": relations})


def apply_overrides(
    state: State, overrides: list[Override], assumptions: Assumptions | None = None
) -> tuple[State, Assumptions]:
    """The state with every override applied in order, and the planning assumptions they set."""
    assumed = assumptions or Assumptions()
    for n, op in enumerate(overrides):
        where = f"override {n + 1} ({op.op})"
        if isinstance(op, ShiftVolume):
            state = _shift(state, op, where)
        elif isinstance(op, ScaleVolume):
            channel = _channel(state, op.channel, where)
            state = _replace_element(
                state, channel.model_copy(update={"volume_per_month": _volume(channel, where) * op.factor})
            )
        elif isinstance(op, SetChannel):
            values = op.model_dump(exclude={"op", "channel"})
            state = _replace_element(state, _set(_channel(state, op.channel, where), values))
        elif isinstance(op, SetTarget):
            state = _target(state, op, where)
        elif isinstance(op, SetTeam):
            state = _team_change(state, op, where)
        elif isinstance(op, SetEscalation):
            state = _escalation(state, op, where)
        elif isinstance(op, Assume):
            changes = {k: v for k, v in op.model_dump(exclude={"op"}).items() if v is not None}
            assumed = replace(assumed, **changes)
    return state, assumed


def scenario_state(tom: Tom, scenario: Scenario) -> tuple[State, Assumptions]:
    """The scenario's base state with its overrides applied."""
    if scenario.base not in tom.states:
        raise ScenarioError(
            f"scenario {scenario.id!r}: base state {scenario.base!r} does not exist "
            f"(states: {', '.join(tom.states) or 'none'})"
        )
    return apply_overrides(tom.states[scenario.base], list(scenario.overrides))


def find_scenario(tom: Tom, scenario_id: str) -> Scenario:
    for scenario in tom.scenarios:
        if scenario.id == scenario_id:
            return scenario
    names = [s.id for s in tom.scenarios] + list(tom.states)
    raise ScenarioError(f"no scenario or state {scenario_id!r}; there are: {', '.join(names) or 'none'}")


def write_back(tom: Tom, scenario_id: str, into: str | None = None) -> Tom:
    """A new TOM whose state `into` (default: the to-be) is the chosen scenario's result."""
    scenario = find_scenario(tom, scenario_id)
    state, _ = scenario_state(tom, scenario)
    target = into or tom.target_name
    if target is None:
        raise ScenarioError("the document has no states to write the scenario into")
    if target != scenario.base and target in tom.states:
        old = tom.states[target]
        state = state.model_copy(
            update={"label": old.label, "description": old.description, "date": old.date}
        )
    states = dict(tom.states)
    states[target] = state
    return tom.model_copy(update={"states": states})
