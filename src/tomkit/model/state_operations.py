"""Edits to the states themselves: add a plateau, rename a state, remove a plateau.

A state's name is referenced from elsewhere in the document (an initiative's target state, a
scenario's base), so renaming rewrites every reference the reference checker knows of, and removing
is refused while anything still points at the state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from tomkit.model.checks import references
from tomkit.model.ids import Slug
from tomkit.model.operation_base import EVERYTHING, Op, OperationError, state_data
from tomkit.model.problem import format_path

if TYPE_CHECKING:
    from tomkit.model.document import Tom


class AddState(Op):
    op: Literal["add_state"] = "add_state"
    name: Slug
    label: str = ""
    copy_from: str | None = Field(None, description="start with the elements and relations of this state")

    def targets(self) -> frozenset[str]:
        return frozenset({"states"})

    def describe(self) -> str:
        return f"added state {self.name!r}" + (f" as a copy of {self.copy_from}" if self.copy_from else "")


class RenameState(Op):
    op: Literal["rename_state"] = "rename_state"
    name: str
    new_name: Slug
    label: str | None = Field(None, description="the new label; None keeps it, '' removes it")

    def targets(self) -> frozenset[str]:
        # every element and relation target embeds the state's name: this edit touches them all
        return frozenset({EVERYTHING})

    def describe(self) -> str:
        if self.new_name == self.name:
            return f"relabelled state {self.name!r}"
        return f"renamed state {self.name!r} to {self.new_name!r}"


class RemoveState(Op):
    op: Literal["remove_state"] = "remove_state"
    name: str

    def targets(self) -> frozenset[str]:
        return frozenset({EVERYTHING})

    def describe(self) -> str:
        return f"removed state {self.name!r} with its elements and relations"


def _add_state(data: dict[str, Any], op: AddState, tom: Tom) -> None:
    states: dict[str, Any] = data["states"]
    if op.name in states:
        raise OperationError(f"there is already a state {op.name!r}")
    new: dict[str, Any] = {}
    if op.copy_from is not None:
        source = state_data(data, op.copy_from)
        new = {"elements": list(source["elements"]), "relations": list(source["relations"])}
    if op.label:
        new["label"] = op.label
    names = list(states)
    # A new state is a plateau: it goes before the to-be (or last when there are fewer than two).
    position = len(names) - 1 if len(names) >= 2 else len(names)
    names.insert(position, op.name)
    data["states"] = {name: (new if name == op.name else states[name]) for name in names}


def _state_references(tom: Tom, name: str) -> list[tuple[Any, ...]]:
    return [path for path, ref, value in references(tom) if ref.target == "state" and value == name]


def _referrer(tom: Tom, path: tuple[Any, ...]) -> str:
    """What holds a reference, in words: "initiative 'Portal first' (initiatives[3].target_state)"."""
    holder: Any = tom
    named = None
    for step in path[:-1]:
        holder = holder[step] if isinstance(step, int) or isinstance(holder, dict) else getattr(holder, step)
        label = getattr(holder, "name", None) or getattr(holder, "id", None)
        if isinstance(label, str) and not isinstance(step, str):
            named = (path[0].rstrip("s") if isinstance(path[0], str) else "item", label)
    where = format_path(path)
    return f"{named[0]} {named[1]!r} ({where})" if named else where


def _rename_state(data: dict[str, Any], op: RenameState, tom: Tom) -> None:
    state = state_data(data, op.name)
    states: dict[str, Any] = data["states"]
    if op.new_name != op.name and op.new_name in states:
        raise OperationError(f"there is already a state {op.new_name!r}")
    if op.label is not None:
        if op.label:
            state["label"] = op.label
        else:
            state.pop("label", None)
    data["states"] = {(op.new_name if key == op.name else key): value for key, value in states.items()}
    for path in _state_references(tom, op.name):
        holder: Any = data
        for step in path[:-1]:
            holder = holder[step]
        holder[path[-1]] = op.new_name


def _remove_state(data: dict[str, Any], op: RemoveState, tom: Tom) -> None:
    state_data(data, op.name)
    names = list(data["states"])
    if op.name in (names[0], names[-1]):
        which = "as-is" if op.name == names[0] else "to-be"
        raise OperationError(f"{op.name!r} is the {which}: only plateaus between them can be removed")
    used = _state_references(tom, op.name)
    if used:
        raise OperationError(f"{op.name!r} is still referenced", [_referrer(tom, path) for path in used])
    del data["states"][op.name]


STATE_APPLY: dict[type[Op], Any] = {
    AddState: _add_state,
    RenameState: _rename_state,
    RemoveState: _remove_state,
}
