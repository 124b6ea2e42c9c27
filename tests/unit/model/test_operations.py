import datetime as dt

import pytest

from tomkit.model import Tom
from tomkit.model.operations import (
    AddElement,
    AddRelation,
    AddState,
    CopyElement,
    OperationError,
    RemoveElement,
    RemoveRelation,
    UpdateDetails,
    UpdateElement,
    apply,
    apply_all,
    element_changes,
    parse_operation,
    relation_types_between,
)


def _tom() -> Tom:
    return Tom.model_validate(
        {
            "name": "t",
            "states": {
                "as-is": {
                    "elements": [
                        {"id": "desk", "kind": "team", "name": "Desk", "fte": 3},
                        {"id": "remedy", "kind": "tool", "name": "Remedy"},
                    ],
                    "relations": [{"from": "desk", "type": "uses", "to": "remedy"}],
                },
                "to-be": {"elements": [{"id": "desk", "kind": "team", "name": "Desk", "fte": 5}]},
            },
        }
    )


def test_add_element_returns_a_new_document_and_leaves_the_old_one_alone() -> None:
    tom = _tom()
    after = apply(
        tom, AddElement(state="to-be", element={"id": "portal", "kind": "channel", "name": "Portal"})
    )
    assert after.states["to-be"].element("portal") is not None
    assert after.states["to-be"].element("portal").kind == "channel"  # type: ignore[union-attr]
    assert tom.states["to-be"].element("portal") is None


def test_add_element_refuses_a_duplicate_id_and_bad_values() -> None:
    with pytest.raises(OperationError, match="already has an element 'desk'"):
        apply(_tom(), AddElement(state="as-is", element={"id": "desk", "kind": "team", "name": "X"}))
    with pytest.raises(OperationError) as info:
        apply(_tom(), AddElement(state="as-is", element={"id": "t2", "kind": "team", "name": "X", "fte": -1}))
    assert any("fte" in p and "greater than or equal to 0" in p for p in info.value.problems)


def test_update_element_changes_and_removes_attributes() -> None:
    after = apply(_tom(), UpdateElement(state="as-is", element_id="desk", changes={"fte": 7, "name": "L1"}))
    desk = after.states["as-is"].element("desk")
    assert desk is not None
    assert desk.attributes() == {"kind": "team", "id": "desk", "name": "L1", "fte": 7}
    cleared = apply(after, UpdateElement(state="as-is", element_id="desk", changes={"fte": None}))
    assert "fte" not in cleared.states["as-is"].element("desk").attributes()  # type: ignore[union-attr]


def test_update_element_cannot_change_the_id() -> None:
    with pytest.raises(OperationError, match="the id of an element cannot change"):
        apply(_tom(), UpdateElement(state="as-is", element_id="desk", changes={"id": "other"}))


def test_update_element_reports_a_dangling_reference() -> None:
    with pytest.raises(OperationError) as info:
        apply(_tom(), UpdateElement(state="as-is", element_id="desk", changes={"owner": "nobody"}))
    assert any("unknown person 'nobody'" in p for p in info.value.problems)


def test_remove_element_takes_its_relations_with_it() -> None:
    after = apply(_tom(), RemoveElement(state="as-is", element_id="remedy"))
    assert after.states["as-is"].element("remedy") is None
    assert after.states["as-is"].relations == []


def test_copy_element_into_another_state() -> None:
    after = apply(_tom(), CopyElement(element_id="remedy", from_state="as-is", to_state="to-be"))
    assert after.states["to-be"].element("remedy").name == "Remedy"  # type: ignore[union-attr]
    with pytest.raises(OperationError, match="already has 'desk'"):
        apply(_tom(), CopyElement(element_id="desk", from_state="as-is", to_state="to-be"))
    replaced = apply(
        _tom(), CopyElement(element_id="desk", from_state="as-is", to_state="to-be", replace=True)
    )
    assert replaced.states["to-be"].element("desk").fte == 3  # type: ignore[union-attr]


def test_add_relation_offers_and_enforces_the_rules_table() -> None:
    tom = _tom()
    assert "uses" in relation_types_between(tom, "as-is", "desk", "remedy")
    assert "stores" not in relation_types_between(tom, "as-is", "desk", "remedy")
    after = apply(tom, AddRelation(state="as-is", source="desk", type="operates", target="remedy"))
    assert ("desk", "operates", "remedy") in after.states["as-is"].relation_index()
    with pytest.raises(OperationError, match="a team cannot 'stores' a tool; allowed: operates, uses"):
        apply(tom, AddRelation(state="as-is", source="desk", type="stores", target="remedy"))
    with pytest.raises(OperationError, match="already exists"):
        apply(tom, AddRelation(state="as-is", source="desk", type="uses", target="remedy"))


def test_remove_relation() -> None:
    after = apply(_tom(), RemoveRelation(state="as-is", source="desk", type="uses", target="remedy"))
    assert after.states["as-is"].relations == []
    with pytest.raises(OperationError, match="no relation"):
        apply(after, RemoveRelation(state="as-is", source="desk", type="uses", target="remedy"))


def test_add_state_goes_before_the_target() -> None:
    after = apply(_tom(), AddState(name="wave-1", label="Wave 1", copy_from="as-is"))
    assert after.state_names == ["as-is", "wave-1", "to-be"]
    assert after.states["wave-1"].element("remedy") is not None


def test_update_details_sets_the_review_date() -> None:
    after = apply(_tom(), UpdateDetails(review_next=dt.date(2027, 3, 31), review_cadence="monthly"))
    assert after.review.next == dt.date(2027, 3, 31)
    assert after.review.cadence == "monthly"


def test_operations_are_data_with_targets() -> None:
    op = parse_operation(
        {"op": "update_element", "state": "as-is", "element_id": "desk", "changes": {"fte": 2}}
    )
    assert isinstance(op, UpdateElement)
    assert op.targets() == frozenset({"element:as-is/desk"})
    assert "fte" in op.describe()
    with pytest.raises(OperationError, match="not a valid operation"):
        parse_operation({"op": "explode"})
    after = apply_all(_tom(), [op, RemoveElement(state="to-be", element_id="desk")])
    assert after.states["to-be"].elements == []


def test_unknown_state_is_named() -> None:
    with pytest.raises(OperationError, match="no state 'nope'; states are: as-is, to-be"):
        apply(_tom(), RemoveElement(state="nope", element_id="desk"))


def test_element_changes_is_the_inverse_of_update() -> None:
    before = {"kind": "team", "id": "a", "name": "A", "fte": 1}
    after = {"kind": "team", "id": "a", "name": "B"}
    assert element_changes(before, after) == {"name": "B", "fte": None}
