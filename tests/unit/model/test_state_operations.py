"""Renaming and removing states: every reference follows a rename; nothing is left pointing at a removed state."""

from __future__ import annotations

import pytest

from tomkit.demo.packaged import load_demo
from tomkit.model import Tom, check
from tomkit.model.checks import references
from tomkit.model.operations import (
    EVERYTHING,
    AddState,
    OperationError,
    RemoveState,
    RenameState,
    UpdateElement,
    apply,
    parse_operation,
)
from tomkit.model.problem import Severity


def _state_refs(tom: Tom) -> list[str]:
    return sorted(value for _path, ref, value in references(tom) if ref.target == "state")


@pytest.fixture(scope="module")
def demo() -> Tom:
    return load_demo()


def test_rename_moves_the_state_and_every_reference_to_it(demo: Tom) -> None:
    before = _state_refs(demo)
    targeting = [i.id for i in demo.initiatives if i.target_state == "wave-1"]
    assert before.count("wave-1") == len(targeting) > 1
    after = apply(demo, RenameState(name="wave-1", new_name="wave-one"))
    assert after.state_names == ["as-is", "wave-one", "to-be"]
    assert after.states["wave-one"].elements == demo.states["wave-1"].elements
    assert after.states["wave-one"].label == demo.states["wave-1"].label
    assert _state_refs(after) == sorted(["wave-one" if v == "wave-1" else v for v in before])
    assert [i.id for i in after.initiatives if i.target_state == "wave-one"] == [
        i.id for i in demo.initiatives if i.target_state == "wave-1"
    ]
    errors = [p for p in check(after) if p.severity is Severity.ERROR]
    assert errors == []


def test_rename_of_the_as_is_follows_into_scenarios(demo: Tom) -> None:
    after = apply(demo, RenameState(name="as-is", new_name="today", label="Today"))
    assert after.baseline_name == "today"
    assert after.states["today"].label == "Today"
    assert "as-is" not in _state_refs(after)
    assert {s.base for s in after.scenarios} == {s.base.replace("as-is", "today") for s in demo.scenarios}


def test_relabel_only_and_clear_a_label(demo: Tom) -> None:
    after = apply(demo, RenameState(name="wave-1", new_name="wave-1", label="First wave"))
    assert after.states["wave-1"].label == "First wave"
    assert after.state_names == demo.state_names
    cleared = apply(after, RenameState(name="wave-1", new_name="wave-1", label=""))
    assert cleared.states["wave-1"].label in (None, "")


def test_rename_refuses_a_taken_name_an_unknown_state_and_a_bad_slug(demo: Tom) -> None:
    with pytest.raises(OperationError, match="already a state 'to-be'"):
        apply(demo, RenameState(name="wave-1", new_name="to-be"))
    with pytest.raises(OperationError, match="no state 'wave-9'"):
        apply(demo, RenameState(name="wave-9", new_name="wave-2"))
    with pytest.raises(OperationError, match="not a valid operation"):
        parse_operation({"op": "rename_state", "name": "wave-1", "new_name": "Wave One!"})


def test_remove_is_refused_while_referenced_and_for_the_as_is_or_to_be(demo: Tom) -> None:
    with pytest.raises(OperationError) as info:
        apply(demo, RemoveState(name="wave-1"))
    assert info.value.message == "'wave-1' is still referenced"
    assert len(info.value.problems) == sum(i.target_state == "wave-1" for i in demo.initiatives) > 1
    names = [f"initiative {i.name!r} (initiatives[{n}].target_state)" for n, i in enumerate(demo.initiatives)]
    assert set(info.value.problems) <= set(names)
    with pytest.raises(OperationError, match="is the as-is"):
        apply(demo, RemoveState(name="as-is"))
    with pytest.raises(OperationError, match="is the to-be"):
        apply(demo, RemoveState(name="to-be"))


def test_remove_an_unreferenced_plateau(demo: Tom) -> None:
    added = apply(demo, AddState(name="wave-2", copy_from="wave-1"))
    assert added.state_names == ["as-is", "wave-1", "wave-2", "to-be"]
    after = apply(added, RemoveState(name="wave-2"))
    assert after.state_names == demo.state_names


def test_state_edits_conflict_with_everything() -> None:
    assert RenameState(name="a", new_name="b").targets() == frozenset({EVERYTHING})
    assert RemoveState(name="a").targets() == frozenset({EVERYTHING})
    element_edit = UpdateElement(state="a", element_id="x", changes={"name": "X"})
    assert EVERYTHING not in element_edit.targets()
    assert RenameState(name="a", new_name="b").describe() == "renamed state 'a' to 'b'"
