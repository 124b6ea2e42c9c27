import datetime as dt

from hypothesis import HealthCheck, given, settings

from tests.strategies import toms
from tomkit.model import Tom
from tomkit.render.narrative import (
    Ref,
    audiences,
    executive_summary,
    pin_section,
    story,
    unpin_section,
    what_changes_for,
)

TODAY = dt.date(2026, 11, 26)


def _tom() -> Tom:
    return Tom.model_validate(
        {
            "name": "Digital-first service",
            "organisation": "Northwind Mutual",
            "description": "Phone and email no longer scale",
            "sponsor": "cio",
            "review": {"cadence": "quarterly", "next": "2026-10-31"},
            "people": [{"id": "cio", "name": "Dana Whitfield", "title": "CIO"}, {"id": "rui", "name": "Rui Matos"}],
            "kpis": [
                {"id": "fcr", "name": "First contact resolution", "unit": "%", "baseline": 61, "target": 75,
                 "due": "2027-12-31", "direction": "higher"},
                {"id": "mttr", "name": "MTTR P1", "unit": "hours", "baseline": 9.5, "target": 4, "direction": "lower",
                 "source": {"kind": "mining", "provenance": "ServiceNow audit log 2026-H1, P1 incidents"}},
            ],
            "outcomes": [{"id": "fix-first-time", "statement": "Fix it first time", "kpis": ["fcr", "mttr"]}],
            "states": {
                "as-is": {"label": "Today", "elements": [
                    {"id": "desk", "kind": "team", "name": "Service Desk", "fte": 18, "owner": "rui"},
                    {"id": "agent", "kind": "role", "name": "Desk agent", "team": "desk"},
                    {"id": "remedy", "kind": "tool", "name": "Remedy"},
                    {"id": "phone", "kind": "channel", "name": "Phone", "volume_per_month": 9000},
                ], "relations": [{"from": "desk", "type": "uses", "to": "remedy"}]},
                "to-be": {"label": "Digital first", "date": "2028-01-01", "elements": [
                    {"id": "desk", "kind": "team", "name": "Service Desk", "fte": 14, "owner": "rui"},
                    {"id": "agent", "kind": "role", "name": "Desk agent", "team": "desk", "skills": ["triage"]},
                    {"id": "triage", "kind": "skill", "name": "Portal triage"},
                    {"id": "snow", "kind": "tool", "name": "ServiceNow", "annual_cost": 250000},
                    {"id": "phone", "kind": "channel", "name": "Phone", "volume_per_month": 3000},
                    {"id": "portal", "kind": "channel", "name": "Portal", "volume_per_month": 6000},
                    {"id": "vendor-risk", "kind": "risk", "name": "Platform vendor lock-in", "likelihood": 3,
                     "impact": 4, "response": "mitigate", "mitigation": "Exit plan in the contract"},
                ], "relations": [{"from": "desk", "type": "uses", "to": "snow"}]},
            },
            "initiatives": [
                {"id": "platform", "name": "Single platform", "owner": "cio", "team": "desk", "effort": "l",
                 "value": "high", "closes": ["snow", "remedy"],
                 "milestones": [{"id": "go-live", "name": "Go live", "due": "2027-06-30"}],
                 "change": {"champions": ["rui"],
                            "train": [{"role": "agent", "course": "ServiceNow for agents", "when": "2027-05-10"}],
                            "communicate": [{"audience": "desk", "message": "Remedy retires in June",
                                             "channel": "team briefing", "when": "2027-03-01"}]}},
                {"id": "portal-launch", "name": "Launch the portal", "owner": "rui", "effort": "s", "value": "high",
                 "depends_on": ["platform"], "closes": ["portal", "phone"]},
            ],
        }
    )  # fmt: skip


def test_story_has_every_section_and_traces_its_claims() -> None:
    narrative = story(_tom(), today=TODAY)
    assert [s.id for s in narrative.sections] == ["why", "to-be", "changes", "journey", "risks", "next"]
    why = narrative.section("why")
    assert (
        why.bullets[0].text
        == "First contact resolution is 61% today and should rise to 75% by December 2027."
    )
    assert why.bullets[1].text == (
        "MTTR P1 is 9.5 hours today and should fall to 4 hours, measured from ServiceNow audit log 2026-H1, P1 incidents."
    )
    assert Ref("kpi", "mttr") in why.refs
    changes = narrative.section("changes")
    assert changes.sentences[0].text.startswith(
        "Between Today and Digital first, 8 elements change: 4 added, 1 removed and 3 changed."
    )
    assert "The workforce in scope shrinks from 18 to 14 FTE (-4)." in changes.generated
    assert "Skills to build: Portal triage." in changes.generated
    to_be = narrative.section("to-be")
    assert (
        "Demand of 9,000 contacts a month arrives mostly through Portal 67% and Phone 33%." in to_be.generated
    )
    risks = narrative.section("risks")
    assert risks.bullets[0].text == (
        "Platform vendor lock-in (likelihood 3, impact 4): we mitigate it — Exit plan in the contract."
    )
    assert "overdue since 31 October 2026" in narrative.section("next").generated


def test_journey_names_waves_and_the_next_milestone() -> None:
    journey = story(_tom(), today=TODAY).section("journey")
    assert journey.sentences[0].text.startswith("The plan has 2 initiatives in ")
    assert "Go live" in journey.generated
    assert Ref("initiative", "platform") in journey.refs


def test_what_changes_for_a_team_lists_tools_training_and_who_to_ask() -> None:
    page = what_changes_for(_tom(), "desk", today=TODAY)
    assert page.title == "What changes for Service Desk"
    text = "\n".join(s.generated for s in page.sections)
    assert "For Service Desk: FTE goes from 18 to 14." in text
    assert "New tools: ServiceNow." in text
    assert "No longer: Remedy." in text
    assert "Training: ServiceNow for agents, 10 May 2027." in text
    assert "You will hear “Remedy retires in June” via team briefing, 1 March 2027." in text
    assert "Ask Rui Matos — owner." in text
    assert [a.id for a in audiences(_tom())] == ["desk", "agent"]


def test_executive_summary_fits_on_a_page() -> None:
    summary = executive_summary(_tom(), today=TODAY)
    words = sum(len(s.generated.split()) for s in summary.sections)
    assert 40 < words < 350
    assert summary.section("scale").sentences[1].text.startswith("Staffing moves from 18 to 14 FTE")


def test_pinned_text_wins_and_goes_stale_when_the_model_moves_on() -> None:
    tom = _tom()
    narrative = story(tom, today=TODAY)
    pinned = pin_section(tom, narrative, "why", "Our own words.", by="cio", on=TODAY)
    again = story(pinned, today=TODAY).section("why")
    assert (again.pinned, again.stale) == ("Our own words.", False)
    pinned.kpis[0].target = 80
    moved = story(pinned, today=TODAY).section("why")
    assert (moved.pinned, moved.stale) == ("Our own words.", True)
    assert "rise to 80%" in moved.generated
    assert story(unpin_section(pinned, narrative, "why"), today=TODAY).section("why").pinned is None


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(toms())
def test_any_valid_document_gets_a_story(tom: Tom) -> None:
    narrative = story(tom, today=TODAY)
    assert len(narrative.sections) == 6
    for audience in audiences(tom)[:3]:
        assert what_changes_for(tom, audience.id, today=TODAY).sections


def test_the_passing_of_time_alone_does_not_make_a_pin_stale() -> None:
    tom = _tom()
    before_review = dt.date(2026, 10, 1)
    pinned = pin_section(tom, story(tom, today=before_review), "next", "Reviews are quarterly.")
    later = story(pinned, today=TODAY).section("next")
    assert "overdue" in later.generated
    assert "overdue" not in story(tom, today=before_review).section("next").generated
    assert (later.pinned, later.stale) == ("Reviews are quarterly.", False)
