"""Gap analysis: exact gaps, classification, closing initiatives and people impact."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from tests.strategies import state_pairs, toms
from tomkit.analysis.gaps import AttributeDelta, ChangeType, compare, gaps
from tomkit.model import Dimension, Initiative, Lens, State, Tom


def _tom() -> Tom:
    data: dict[str, Any] = {
        "name": "Service desk",
        "people": [{"id": "cio", "name": "Dana"}],
        "states": {
            "as-is": {
                "elements": [
                    {"id": "desk-l1", "kind": "team", "name": "Desk L1", "fte": 18},
                    {"id": "desk-l2", "kind": "team", "name": "Desk L2", "fte": 6.5},
                    {"id": "agent", "kind": "role", "name": "Agent", "team": "desk-l1", "skills": ["itil"]},
                    {"id": "itil", "kind": "skill", "name": "ITIL basics"},
                    {"id": "remedy", "kind": "tool", "name": "Remedy"},
                    {"id": "incident", "kind": "practice", "name": "Incident", "maturity": 2},
                ],
                "relations": [{"from": "desk-l1", "type": "uses", "to": "remedy"}],
            },
            "to-be": {
                "elements": [
                    {"id": "desk-l1", "kind": "team", "name": "Desk L1", "fte": 14},
                    {"id": "swarm", "kind": "team", "name": "Swarm", "fte": 4},
                    {
                        "id": "agent",
                        "kind": "role",
                        "name": "Agent",
                        "team": "desk-l1",
                        "skills": ["itil", "kcs"],
                    },
                    {"id": "coach", "kind": "role", "name": "Knowledge coach", "team": "swarm"},
                    {"id": "itil", "kind": "skill", "name": "ITIL basics"},
                    {"id": "kcs", "kind": "skill", "name": "KCS"},
                    {"id": "automation", "kind": "skill", "name": "Automation"},
                    {"id": "snow", "kind": "tool", "name": "ServiceNow"},
                    {"id": "incident", "kind": "practice", "name": "Incident", "maturity": 4},
                    {"id": "cab", "kind": "forum", "name": "Change board"},
                    {"id": "journey", "kind": "widget", "name": "Journey", "dimension": "service-delivery"},
                ],
                "relations": [
                    {"from": "desk-l1", "type": "uses", "to": "snow"},
                    {"from": "swarm", "type": "requires", "to": "automation"},
                ],
            },
        },
        "initiatives": [
            {"id": "itsm", "name": "ITSM platform", "closes": ["snow", "remedy"]},
            {"id": "kcs-rollout", "name": "KCS", "closes": ["kcs", "agent", "snow"]},
            {"id": "dropped", "name": "Dropped", "closes": ["cab"], "status": "cancelled"},
        ],
    }
    return Tom.model_validate(data)


def test_gaps_are_ordered_by_dimension_then_id_with_deltas() -> None:
    report = gaps(_tom())
    assert (report.from_state, report.to_state) == ("as-is", "to-be")
    assert [(g.element_id, g.change.value) for g in report.elements] == [
        ("incident", "changed"),
        ("journey", "added"),
        ("agent", "changed"),
        ("automation", "added"),
        ("coach", "added"),
        ("desk-l1", "changed"),
        ("desk-l2", "removed"),
        ("kcs", "added"),
        ("swarm", "added"),
        ("remedy", "removed"),
        ("snow", "added"),
        ("cab", "added"),
    ]
    gap = {g.element_id: g for g in report.elements}
    assert gap["incident"].deltas == (AttributeDelta("maturity", 2, 4),)
    assert gap["agent"].deltas == (AttributeDelta("skills", ["itil"], ["itil", "kcs"]),)
    assert gap["journey"].dimension is Dimension.DELIVERY
    assert gap["journey"].lens is Lens.PROCESS
    assert gap["journey"].kind == "widget"
    assert gap["desk-l2"].after is None
    assert gap["desk-l2"].before is not None


def test_initiatives_close_gaps_and_cancelled_ones_do_not() -> None:
    report = gaps(_tom())
    gap = {g.element_id: g for g in report.elements}
    assert gap["snow"].closed_by == ("itsm", "kcs-rollout")
    assert gap["remedy"].closed_by == ("itsm",)
    assert gap["cab"].closed_by == ()
    assert [g.element_id for g in report.unclosed()] == [
        "incident", "journey", "automation", "coach", "desk-l1", "desk-l2", "swarm", "cab"
    ]  # fmt: skip
    relations = {r.label: r for r in report.relations}
    assert relations["desk-l1 -uses-> remedy"].closed_by == ("itsm",)
    assert relations["desk-l1 -uses-> snow"].closed_by == ("itsm", "kcs-rollout")
    assert relations["swarm -requires-> automation"].closed_by == ()


def test_classification_by_dimension_and_lens() -> None:
    report = gaps(_tom())
    dims = report.by_dimension()
    assert list(dims) == list(Dimension)
    assert dims[Dimension.PEOPLE] == {ChangeType.ADDED: 4, ChangeType.REMOVED: 1, ChangeType.CHANGED: 2}
    assert dims[Dimension.TECHNOLOGY] == {ChangeType.ADDED: 1, ChangeType.REMOVED: 1, ChangeType.CHANGED: 0}
    assert dims[Dimension.LOCATIONS] == {ChangeType.ADDED: 0, ChangeType.REMOVED: 0, ChangeType.CHANGED: 0}
    lenses = report.by_lens()
    assert lenses[Lens.PEOPLE] == {ChangeType.ADDED: 4, ChangeType.REMOVED: 1, ChangeType.CHANGED: 2}
    assert lenses[Lens.PROCESS] == {ChangeType.ADDED: 1, ChangeType.REMOVED: 0, ChangeType.CHANGED: 1}
    assert lenses[Lens.GOVERNANCE] == {ChangeType.ADDED: 1, ChangeType.REMOVED: 0, ChangeType.CHANGED: 0}
    assert report.counts() == {ChangeType.ADDED: 7, ChangeType.REMOVED: 2, ChangeType.CHANGED: 3}


def test_people_impact_counts_roles_teams_fte_and_skills() -> None:
    people = gaps(_tom()).people
    assert people.roles_added == ("coach",)
    assert people.roles_removed == ()
    assert people.roles_changed == ("agent",)
    assert people.teams_added == ("swarm",)
    assert people.teams_removed == ("desk-l2",)
    assert people.fte_before == 24.5
    assert people.fte_after == 18
    assert people.fte_delta == -6.5
    assert people.fte_by_team == (("desk-l1", 18.0, 14.0), ("desk-l2", 6.5, 0.0), ("swarm", 0.0, 4.0))
    # kcs and automation are new skills; kcs is also newly required by the agent role
    assert people.skills_needed == ("automation", "kcs")


def test_a_skill_already_there_but_newly_required_is_needed() -> None:
    before = State.model_validate(
        {"elements": [{"id": "s", "kind": "skill", "name": "S"}, {"id": "r", "kind": "role", "name": "R"}]}
    )
    after = State.model_validate(
        {
            "elements": [{"id": "s", "kind": "skill", "name": "S"}, {"id": "r", "kind": "role", "name": "R"}],
            "relations": [{"from": "r", "type": "requires", "to": "s"}],
        }
    )
    assert compare(before, after).people.skills_needed == ("s",)
    assert compare(after, after).people.skills_needed == ()


def test_unknown_states_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="no state 'wave-9'; states are: as-is, to-be"):
        gaps(_tom(), "wave-9")
    with pytest.raises(ValueError, match="no states"):
        gaps(Tom(name="empty"))


def test_json_data_names_everything() -> None:
    data = gaps(_tom()).to_data()
    assert data["people"]["fte_by_team"][1] == {"team": "desk-l2", "before": 6.5, "after": 0}
    assert data["by_lens"]["technology"] == {"added": 1, "removed": 1, "changed": 0}
    assert data["elements"][0] == {
        "id": "incident", "kind": "practice", "name": "Incident", "dimension": "processes", "lens": "process",
        "change": "changed", "deltas": [{"name": "maturity", "before": 2, "after": 4}], "closed_by": [],
    }  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(state_pairs())
def test_classification_counts_add_up(pair: tuple[State, State]) -> None:
    a, b = pair
    report = compare(a, b)
    total = len(report.elements)
    assert sum(sum(row.values()) for row in report.by_dimension().values()) == total
    assert sum(sum(row.values()) for row in report.by_lens().values()) == total
    assert sum(report.counts().values()) == total
    ids_a, ids_b = {e.id for e in a.elements}, {e.id for e in b.elements}
    assert report.counts()[ChangeType.ADDED] == len(ids_b - ids_a)
    assert report.counts()[ChangeType.REMOVED] == len(ids_a - ids_b)
    assert report.people.fte_after - report.people.fte_before == pytest.approx(
        sum(after - before for _, before, after in report.people.fte_by_team)
    )
    assert len(compare(a, a).elements) == 0


@settings(max_examples=60, deadline=None)
@given(toms(min_states=2))
def test_closed_and_unclosed_partition_the_gaps(tom: Tom) -> None:
    report = gaps(tom)
    closing = {i.id: i for i in tom.initiatives}
    for gap in report.elements:
        for initiative_id in gap.closed_by:
            initiative: Initiative = closing[initiative_id]
            assert gap.element_id in initiative.closes
            assert initiative.status != "cancelled"
    closed = [g for g in report.elements if g.closed_by]
    assert len(closed) + len(report.unclosed()) == len(report.elements)
