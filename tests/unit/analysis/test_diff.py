"""The state diff: exact results on hand-made states, and the round-trip property on random ones."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from tests.strategies import state_pairs, states
from tomkit.analysis.diff import AttributeDelta, ChangeType, StateDiff, apply_diff, diff_states
from tomkit.model import State


def _state(elements: list[dict[str, Any]], relations: list[dict[str, Any]] = (), **fields: Any) -> State:  # type: ignore[assignment]
    return State.model_validate({"elements": elements, "relations": list(relations), **fields})


AS_IS = _state(
    [
        {"id": "phone", "kind": "channel", "name": "Phone", "volume_per_month": 12000, "handle_minutes": 8},
        {"id": "desk-l1", "kind": "team", "name": "Service Desk L1", "fte": 18, "sourcing": "outsourced"},
        {"id": "remedy", "kind": "tool", "name": "Remedy 9", "lifecycle": "retire"},
    ],
    [{"from": "desk-l1", "type": "uses", "to": "remedy"}],
    label="Today",
)
TO_BE = _state(
    [
        {"id": "phone", "kind": "channel", "name": "Phone", "volume_per_month": 5000, "handle_minutes": 8},
        {"id": "portal", "kind": "channel", "name": "Self-service portal", "volume_per_month": 8000},
        {"id": "desk-l1", "kind": "team", "name": "Service Desk L1", "fte": 14},
        {"id": "snow", "kind": "tool", "name": "ServiceNow"},
    ],
    [
        {"from": "desk-l1", "type": "uses", "to": "snow"},
        {"from": "desk-l1", "type": "operates", "to": "portal"},
    ],
    label="Digital first",
)


def test_elements_relations_and_fields_are_compared_exactly() -> None:
    diff = diff_states(AS_IS, TO_BE)
    assert [(d.element_id, d.change) for d in diff.elements] == [
        ("phone", ChangeType.CHANGED),
        ("portal", ChangeType.ADDED),
        ("desk-l1", ChangeType.CHANGED),
        ("remedy", ChangeType.REMOVED),
        ("snow", ChangeType.ADDED),
    ]
    phone, _, desk, _, _ = diff.elements
    assert phone.deltas == (AttributeDelta("volume_per_month", 12000, 5000),)
    assert desk.deltas == (AttributeDelta("fte", 18, 14), AttributeDelta("sourcing", "outsourced", None))
    assert [(d.label, d.change) for d in diff.relations] == [
        ("desk-l1 -operates-> portal", ChangeType.ADDED),
        ("desk-l1 -uses-> remedy", ChangeType.REMOVED),
        ("desk-l1 -uses-> snow", ChangeType.ADDED),
    ]
    assert diff.fields == (AttributeDelta("label", "Today", "Digital first"),)
    # applying the changes alone would put 'portal' last; the later state lists it second
    assert diff.element_order == ("phone", "portal", "desk-l1", "snow")
    assert apply_diff(AS_IS, diff) == TO_BE


def test_a_kind_change_and_relation_attributes_are_deltas() -> None:
    before = _state(
        [{"id": "a", "kind": "team", "name": "A"}, {"id": "t", "kind": "tool", "name": "T"}],
        [{"from": "a", "type": "uses", "to": "t", "description": "daily"}],
    )
    after = _state(
        [{"id": "a", "kind": "role", "name": "A"}, {"id": "t", "kind": "tool", "name": "T"}],
        [{"from": "a", "type": "uses", "to": "t"}],
    )
    diff = diff_states(before, after)
    [element] = diff.elements
    assert element.deltas == (AttributeDelta("kind", "team", "role"),)
    [relation] = diff.relations
    assert relation.change is ChangeType.CHANGED
    assert relation.deltas == (AttributeDelta("description", "daily", None),)
    assert apply_diff(before, diff) == after


def test_applying_a_diff_leaves_the_input_alone_and_patches_other_states() -> None:
    diff = diff_states(AS_IS, TO_BE)
    copy = AS_IS.model_copy(deep=True)
    apply_diff(AS_IS, diff)
    assert copy == AS_IS
    patched = apply_diff(State(), diff)  # nothing to remove or change: only the additions land
    assert [e.id for e in patched.elements] == ["portal", "snow"]


@settings(max_examples=80, deadline=None)
@given(states())
def test_the_diff_of_a_state_with_itself_is_empty(state: State) -> None:
    diff = diff_states(state, state)
    assert diff.is_empty
    assert diff == StateDiff()
    assert apply_diff(state, diff) == state


@settings(max_examples=150, deadline=None)
@given(state_pairs())
def test_applying_the_diff_of_a_to_b_to_a_yields_b(pair: tuple[State, State]) -> None:
    a, b = pair
    diff = diff_states(a, b)
    assert apply_diff(a, diff) == b
    assert diff.is_empty == (a == b)
    # and back again
    assert apply_diff(b, diff_states(b, a)) == a
