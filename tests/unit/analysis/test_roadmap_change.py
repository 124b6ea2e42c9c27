"""Suggested initiatives for open gaps, readiness scores and change-management warnings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tomkit.analysis.gaps import gaps
from tomkit.analysis.readiness import change_warnings, readiness
from tomkit.analysis.roadmap import plan
from tomkit.analysis.suggest import suggest, with_suggestions
from tomkit.model import Tom, check


def tom(**changes: Any) -> Tom:
    data: dict[str, Any] = {
        "name": "Change",
        "people": [{"id": "ana", "name": "Ana", "team": "desk"}, {"id": "ben", "name": "Ben"}],
        "states": {
            "as-is": {
                "elements": [
                    {"id": "desk", "kind": "team", "name": "Desk"},
                    {"id": "incident", "kind": "practice", "name": "Incident", "owner": "ana", "maturity": 2},
                    {"id": "agent", "kind": "role", "name": "Agent", "owner": "ana"},
                    {"id": "staff", "kind": "stakeholder-group", "name": "All staff"},
                ]
            },
            "to-be": {
                "elements": [
                    {"id": "desk", "kind": "team", "name": "Desk"},
                    {"id": "incident", "kind": "practice", "name": "Incident", "owner": "ana", "maturity": 3},
                    {"id": "agent", "kind": "role", "name": "Agent", "owner": "ana", "skills": ["kb"]},
                    {"id": "kb", "kind": "skill", "name": "Knowledge writing"},
                    {"id": "itsm", "kind": "tool", "name": "ITSM platform", "owner": "ben"},
                    {"id": "staff", "kind": "stakeholder-group", "name": "All staff"},
                ],
                "relations": [{"from": "incident", "type": "uses", "to": "itsm"}],
            },
        },
    }
    data.update(changes)
    return Tom.model_validate(data)


def test_suggestions_group_by_dimension_and_owner_and_put_foundations_first() -> None:
    suggestions = suggest(tom())
    by_id = {s.initiative.id: s for s in suggestions}
    assert list(by_id) == [
        "close-technology-ben",
        "close-processes-ana",
        "close-people-organisation",
        "close-people-organisation-ana",
    ]
    process = by_id["close-processes-ana"].initiative
    assert process.closes == ["incident"]
    assert process.depends_on == ["close-technology-ben"]
    assert process.owner == "ana"
    assert process.team == "desk"
    assert "waits for close-technology-ben" in by_id["close-processes-ana"].why
    assert by_id["close-people-organisation"].initiative.owner is None
    assert by_id["close-technology-ben"].initiative.effort == "s"


def test_suggested_initiatives_make_a_valid_plan_that_closes_every_gap() -> None:
    base = tom()
    extended = with_suggestions(base, suggest(base))
    assert check(extended) == []
    assert gaps(extended).unclosed() == ()
    roadmap = plan(extended, today=dt.date(2027, 1, 4))
    assert roadmap.ok
    assert roadmap.item("close-processes-ana").start >= roadmap.item("close-technology-ben").end


def test_suggested_ids_never_clash_with_existing_ones() -> None:
    base = tom(initiatives=[{"id": "close-technology-ben", "name": "Taken", "closes": ["kb"]}])
    ids = [s.initiative.id for s in suggest(base)]
    assert "close-technology-ben-2" in ids
    assert "close-people-organisation" not in ids  # kb is closed now


def _responses(
    *answers: dict[str, int], group: str = "staff", initiative: str | None = "portal"
) -> list[dict[str, Any]]:
    return [{"group": group, "initiative": initiative, "answers": a} for a in answers]


def test_readiness_scores_per_group_with_the_weakest_area() -> None:
    answers = [
        {"aware": 5, "desire": 4, "know": 2, "able": 1, "sustain": 3},
        {"aware": 5, "desire": 5, "know": 3, "able": 2, "sustain": 3},
    ]
    [result], warnings = readiness(tom(readiness={"responses": _responses(*answers)}))
    assert warnings == []
    assert result.responses == 2
    # (100+75+25+0+50 + 100+100+50+25+50) / 10
    assert result.score == 57.5
    assert result.by_area["ability"] == 12.5
    assert result.weakest == "ability"
    assert not result.ready


def test_answers_outside_the_scale_are_not_counted_and_said_so() -> None:
    data = {"responses": _responses({"aware": 9, "desire": 5}, {"nosuch": 3})}
    [result], warnings = readiness(tom(readiness=data))
    assert result.score == 100.0
    assert [w.code for w in warnings] == ["bad-answer", "bad-answer"]
    assert "has answer 9, outside 1-5" in warnings[0].message


def test_a_custom_questionnaire_with_weights() -> None:
    data = {
        "questionnaires": [
            {"id": "pulse", "name": "Pulse", "scale": 3, "questions": [
                {"id": "q1", "text": "Clear?", "weight": 3}, {"id": "q2", "text": "Able?"}]},
        ],
        "responses": [{"questionnaire": "pulse", "group": "staff", "answers": {"q1": 3, "q2": 1}}],
        "ready_at": 70,
    }  # fmt: skip
    [result], _ = readiness(tom(readiness=data))
    assert result.score == 75.0
    assert result.ready


def test_people_plan_warnings() -> None:
    initiatives = [
        {"id": "portal", "name": "Portal", "closes": ["agent"],
         "change": {"affects": ["staff"], "communicate": [{"audience": "desk", "message": "hi"}]}},
        {"id": "trained", "name": "Trained", "closes": ["agent"],
         "change": {"affects": ["staff"], "train": [{"role": "agent", "course": "KB 101"}],
                    "communicate": [{"audience": "staff", "message": "hello"}], "champions": ["ana"]}},
    ]  # fmt: skip
    low = {"aware": 2, "desire": 2, "know": 2, "able": 2, "sustain": 2}
    t = tom(initiatives=initiatives, readiness={"responses": _responses(low, initiative=None)})
    warnings = change_warnings(t, roles_changing=["agent", "kb-author"])
    found = {(w.code, w.initiative, w.subject) for w in warnings}
    assert ("role-without-training", "portal", "agent") in found
    assert ("group-without-communication", "portal", "staff") in found
    assert ("no-champion", "portal", "portal") in found
    assert ("group-not-ready", "trained", "staff") in found
    assert ("role-without-training", None, "kb-author") in found
    assert not any(w.initiative == "trained" and w.code != "group-not-ready" for w in warnings)
