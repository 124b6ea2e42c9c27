"""Small edits to a TOM as pure functions: a document and an operation in, a new validated document out.

Every edit the web app (or a script) makes is one of these operations. Each is plain data (so it can be
sent over an API, stored in an audit trail and replayed), names what it touches (so two people editing
different elements never conflict), and refuses to produce a document with new errors.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, ValidationError

from tomkit.model.checks import check
from tomkit.model.document import Review, Tom
from tomkit.model.operation_base import EVERYTHING, Op, OperationError, state_data
from tomkit.model.problem import Severity, format_path
from tomkit.model.relation_rules import allowed_types
from tomkit.model.state_operations import STATE_APPLY, AddState, RemoveState, RenameState

__all__ = [
    "EVERYTHING", "AddElement", "AddRelation", "AddState", "CopyElement", "Operation", "OperationError",
    "RemoveElement", "RemoveRelation", "RemoveState", "RenameState", "UpdateDetails", "UpdateElement",
    "apply", "apply_all", "element_changes", "parse_operation", "relation_types_between",
]  # fmt: skip

IMMUTABLE_KEYS = ("id", "kind")


def element_target(state: str, element_id: str) -> str:
    return f"element:{state}/{element_id}"


def relation_target(state: str, source: str, type_: str, target: str) -> str:
    return f"relation:{state}/{source}/{type_}/{target}"


class AddElement(Op):
    op: Literal["add_element"] = "add_element"
    state: str
    element: dict[str, Any] = Field(description="the element's data, with at least kind, id and name")

    def targets(self) -> frozenset[str]:
        return frozenset({element_target(self.state, str(self.element.get("id", "")))})

    def describe(self) -> str:
        return f"added {self.element.get('kind', 'element')} {self.element.get('id')!r} to {self.state}"


class UpdateElement(Op):
    op: Literal["update_element"] = "update_element"
    state: str
    element_id: str
    changes: dict[str, Any] = Field(description="attribute -> new value; None removes an optional value")

    def targets(self) -> frozenset[str]:
        return frozenset({element_target(self.state, self.element_id)})

    def describe(self) -> str:
        return (
            f"changed {', '.join(sorted(self.changes)) or 'nothing'} of {self.element_id!r} in {self.state}"
        )


class RemoveElement(Op):
    op: Literal["remove_element"] = "remove_element"
    state: str
    element_id: str

    def targets(self) -> frozenset[str]:
        return frozenset({element_target(self.state, self.element_id)})

    def describe(self) -> str:
        return f"removed {self.element_id!r} (and its relations) from {self.state}"


class CopyElement(Op):
    op: Literal["copy_element"] = "copy_element"
    element_id: str
    from_state: str
    to_state: str
    replace: bool = Field(False, description="overwrite the element if the target state already has it")

    def targets(self) -> frozenset[str]:
        return frozenset({element_target(self.to_state, self.element_id)})

    def describe(self) -> str:
        return f"copied {self.element_id!r} from {self.from_state} into {self.to_state}"


class AddRelation(Op):
    op: Literal["add_relation"] = "add_relation"
    state: str
    source: str
    type: str
    target: str
    description: str = ""

    def targets(self) -> frozenset[str]:
        return frozenset({relation_target(self.state, self.source, self.type, self.target)})

    def describe(self) -> str:
        return f"linked {self.source} -{self.type}-> {self.target} in {self.state}"


class RemoveRelation(Op):
    op: Literal["remove_relation"] = "remove_relation"
    state: str
    source: str
    type: str
    target: str

    def targets(self) -> frozenset[str]:
        return frozenset({relation_target(self.state, self.source, self.type, self.target)})

    def describe(self) -> str:
        return f"unlinked {self.source} -{self.type}-> {self.target} in {self.state}"


class UpdateDetails(Op):
    op: Literal["update_details"] = "update_details"
    name: str | None = None
    organisation: str | None = None
    description: str | None = None
    review_cadence: Literal["monthly", "quarterly", "half-yearly", "yearly"] | None = None
    review_next: dt.date | None = None

    def targets(self) -> frozenset[str]:
        return frozenset({"details"})

    def describe(self) -> str:
        return "changed the TOM's details"


Operation = Annotated[
    AddElement
    | UpdateElement
    | RemoveElement
    | CopyElement
    | AddRelation
    | RemoveRelation
    | AddState
    | RenameState
    | RemoveState
    | UpdateDetails,
    Field(discriminator="op"),
]


class _OperationBox(BaseModel):
    operation: Operation


def parse_operation(data: dict[str, Any]) -> Operation:
    """An operation from plain data (as stored or sent over the API); OperationError if malformed."""
    try:
        return _OperationBox.model_validate({"operation": data}).operation
    except ValidationError as exc:
        raise OperationError("not a valid operation", _messages(exc)) from None


# --- applying -----------------------------------------------------------------------------------


def apply(tom: Tom, operation: Operation) -> Tom:
    """The document after the operation; the input is never modified. OperationError explains a refusal."""
    data = tom.to_data()
    data.setdefault("states", {})
    _APPLY[type(operation)](data, operation, tom)
    return _validated(tom, data)


def apply_all(tom: Tom, operations: list[Operation]) -> Tom:
    for operation in operations:
        tom = apply(tom, operation)
    return tom


def _find(state: dict[str, Any], element_id: str, state_name: str) -> int:
    for index, element in enumerate(state["elements"]):
        if element.get("id") == element_id:
            return index
    raise OperationError(f"no element {element_id!r} in {state_name}")


def _add_element(data: dict[str, Any], op: AddElement, tom: Tom) -> None:
    state = state_data(data, op.state)
    element_id = op.element.get("id")
    if not element_id:
        raise OperationError("an element needs an id")
    if any(e.get("id") == element_id for e in state["elements"]):
        raise OperationError(f"{op.state} already has an element {element_id!r}")
    state["elements"].append(dict(op.element))


def _update_element(data: dict[str, Any], op: UpdateElement, tom: Tom) -> None:
    state = state_data(data, op.state)
    index = _find(state, op.element_id, op.state)
    element = dict(state["elements"][index])
    for key, value in op.changes.items():
        if key in IMMUTABLE_KEYS and value != element.get(key):
            raise OperationError(f"the {key} of an element cannot change (add a new element instead)")
        if value is None or value in ([], {}):
            element.pop(key, None)
        else:
            element[key] = value
    state["elements"][index] = element


def _remove_element(data: dict[str, Any], op: RemoveElement, tom: Tom) -> None:
    state = state_data(data, op.state)
    index = _find(state, op.element_id, op.state)
    del state["elements"][index]
    state["relations"] = [r for r in state["relations"] if op.element_id not in (r.get("from"), r.get("to"))]


def _copy_element(data: dict[str, Any], op: CopyElement, tom: Tom) -> None:
    if op.from_state == op.to_state:
        raise OperationError("copy into a different state")
    source = state_data(data, op.from_state)
    target = state_data(data, op.to_state)
    element = dict(source["elements"][_find(source, op.element_id, op.from_state)])
    existing = [i for i, e in enumerate(target["elements"]) if e.get("id") == op.element_id]
    if existing and not op.replace:
        raise OperationError(f"{op.to_state} already has {op.element_id!r}; edit it there or replace it")
    if existing:
        target["elements"][existing[0]] = element
    else:
        target["elements"].append(element)


def _add_relation(data: dict[str, Any], op: AddRelation, tom: Tom) -> None:
    state = state_data(data, op.state)
    kinds = {e.get("id"): e.get("kind") for e in state["elements"]}
    for end in (op.source, op.target):
        if end not in kinds:
            raise OperationError(f"no element {end!r} in {op.state}")
    rules = tom.rules()
    allowed = allowed_types(str(kinds[op.source]), str(kinds[op.target]), rules)
    custom = not _is_builtin(str(kinds[op.source])) or not _is_builtin(str(kinds[op.target]))
    if op.type not in allowed and not custom:
        choice = f"; allowed: {', '.join(allowed)}" if allowed else "; no relation type links these kinds"
        raise OperationError(f"a {kinds[op.source]} cannot {op.type!r} a {kinds[op.target]}{choice}")
    if any(
        (r.get("from"), r.get("type"), r.get("to")) == (op.source, op.type, op.target)
        for r in state["relations"]
    ):
        raise OperationError(f"{op.source} -{op.type}-> {op.target} already exists in {op.state}")
    relation: dict[str, Any] = {"from": op.source, "type": op.type, "to": op.target}
    if op.description:
        relation["description"] = op.description
    state["relations"].append(relation)


def _remove_relation(data: dict[str, Any], op: RemoveRelation, tom: Tom) -> None:
    state = state_data(data, op.state)
    key = (op.source, op.type, op.target)
    kept = [r for r in state["relations"] if (r.get("from"), r.get("type"), r.get("to")) != key]
    if len(kept) == len(state["relations"]):
        raise OperationError(f"no relation {op.source} -{op.type}-> {op.target} in {op.state}")
    state["relations"] = kept


def _update_details(data: dict[str, Any], op: UpdateDetails, tom: Tom) -> None:
    for key in ("name", "organisation", "description"):
        value = getattr(op, key)
        if value is not None:
            data[key] = value
    review = dict(data.get("review", {}))
    if op.review_cadence is not None:
        review["cadence"] = op.review_cadence
    if op.review_next is not None:
        review["next"] = op.review_next.isoformat()
    data["review"] = Review.model_validate(review).model_dump(mode="json", exclude_defaults=True)


_APPLY: dict[type[Op], Any] = {
    AddElement: _add_element,
    UpdateElement: _update_element,
    RemoveElement: _remove_element,
    CopyElement: _copy_element,
    AddRelation: _add_relation,
    RemoveRelation: _remove_relation,
    **STATE_APPLY,
    UpdateDetails: _update_details,
}


def _is_builtin(kind: str) -> bool:
    from tomkit.model.catalogue import BUILTIN_KINDS

    return kind in BUILTIN_KINDS


def _messages(exc: ValidationError) -> list[str]:
    out = []
    for error in exc.errors():
        where = format_path(tuple(p for p in error["loc"] if not (isinstance(p, str) and p[:1].isupper())))
        out.append(f"{where}: {error['msg']}" if where else str(error["msg"]))
    return out


def _validated(before: Tom, data: dict[str, Any]) -> Tom:
    """The new document, refused when it breaks the schema or brings errors the old one did not have."""
    try:
        after = Tom.model_validate(data)
    except ValidationError as exc:
        raise OperationError("the change is not valid", _messages(exc)) from None
    old = {p.message for p in check(before) if p.severity is Severity.ERROR}
    new = [p for p in check(after) if p.severity is Severity.ERROR and p.message not in old]
    if new:
        raise OperationError(
            "the change would break the model",
            [f"{p.where}: {p.message}" + (f" ({p.hint})" if p.hint else "") for p in new],
        )
    return after


# --- helpers for editors ------------------------------------------------------------------------


def relation_types_between(tom: Tom, state: str, source_id: str, target_id: str) -> list[str]:
    """Relation types an editor may offer between two elements of a state, from the rules table."""
    st = tom.state(state)
    source, target = st.element(source_id), st.element(target_id)
    if source is None or target is None:
        return []
    return allowed_types(source.kind, target.kind, tom.rules())


def element_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The `changes` of an UpdateElement that turns one element's data into another's."""
    changes: dict[str, Any] = {k: v for k, v in after.items() if before.get(k) != v}
    changes.update({k: None for k in before if k not in after})
    return changes
