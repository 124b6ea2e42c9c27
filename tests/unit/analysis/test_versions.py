"""The semantic diff of two versions of a document, and its text."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from tests.strategies import toms
from tomkit.analysis.diff import AttributeDelta, ChangeType
from tomkit.analysis.versions import diff_documents
from tomkit.model import Tom


def _data() -> dict[str, Any]:
    return {
        "name": "Service desk",
        "sponsor": "cio",
        "review": {"next": "2027-03-31"},
        "people": [{"id": "cio", "name": "Dana Whitfield"}],
        "kpis": [{"id": "mttr", "name": "MTTR", "direction": "lower", "baseline": 9.5, "target": 4}],
        "states": {
            "as-is": {"elements": [{"id": "desk-l1", "kind": "team", "name": "Desk", "fte": 18}]},
            "to-be": {"elements": [{"id": "desk-l1", "kind": "team", "name": "Desk", "fte": 18}]},
        },
        "initiatives": [{"id": "portal", "name": "Portal", "status": "planned"}],
    }


def test_every_section_is_described_line_by_line() -> None:
    old = Tom.model_validate(_data())
    data = _data()
    data["review"]["next"] = "2027-06-30"
    data["people"].append({"id": "cto", "name": "Ana Lima"})
    data["kpis"][0]["target"] = 3
    data["states"]["to-be"]["elements"][0]["fte"] = 14
    data["states"]["to-be"]["elements"].append({"id": "portal", "kind": "channel", "name": "Portal"})
    data["states"]["wave-1"] = {"elements": []}
    data["initiatives"][0]["status"] = "in-progress"
    new = Tom.model_validate(data)
    diff = diff_documents(old, new)
    assert diff.meta == (AttributeDelta("review.next", "2027-03-31", "2027-06-30"),)
    assert [(p.item_id, p.change) for p in diff.people] == [("cto", ChangeType.ADDED)]
    assert diff.states_added == ("wave-1",)
    assert [name for name, _ in diff.states] == ["to-be"]
    assert diff.describe().splitlines() == [
        "meta: review.next 2027-03-31 -> 2027-06-30",
        "people: added person 'cto' (Ana Lima)",
        "kpis: KPI 'mttr' target 4 -> 3",
        "states: added state 'wave-1'",
        "to-be: added channel 'portal' (Portal)",
        "to-be: team 'desk-l1' fte 18 -> 14",
        "initiatives: initiative 'portal' status planned -> in-progress",
    ]
    assert diff.state("as-is").is_empty
    assert diff.state("to-be").elements[1].deltas == (AttributeDelta("fte", 18, 14),)


def test_removals_and_absent_values_read_naturally() -> None:
    old = Tom.model_validate(_data())
    data = _data()
    del data["sponsor"]
    data["initiatives"] = []
    del data["states"]["as-is"]
    new = Tom.model_validate(data)
    assert diff_documents(old, new).describe().splitlines() == [
        "meta: sponsor cio -> (none)",
        "states: removed state 'as-is'",
        "initiatives: removed initiative 'portal' (Portal)",
    ]


@settings(max_examples=50, deadline=None)
@given(toms())
def test_a_document_compared_with_itself_has_no_changes(tom: Tom) -> None:
    diff = diff_documents(tom, tom.model_copy(deep=True))
    assert diff.is_empty
    assert diff.describe() == "no changes"


def test_reordering_and_other_keyed_lists_are_reported() -> None:
    old = Tom.model_validate(_data())
    data = _data()
    data["states"] = {"to-be": data["states"]["to-be"], "as-is": data["states"]["as-is"]}
    data["states"]["to-be"]["elements"].insert(0, {"id": "portal", "kind": "channel", "name": "Portal"})
    data["scenarios"] = [{"id": "lean", "name": "Lean desk", "base": "to-be"}]
    new = Tom.model_validate(data)
    assert diff_documents(old, new).describe().splitlines() == [
        "states: order changed",
        "to-be: added channel 'portal' (Portal)",
        "scenarios: added scenario 'lean' (Lean desk)",
    ]
    swapped = Tom.model_validate(data)
    elements = swapped.states["to-be"].elements
    elements.reverse()
    assert diff_documents(new, swapped).describe() == "to-be: element order changed"
