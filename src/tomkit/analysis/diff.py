"""The diff of two states, and its inverse: one engine for gap analysis and for version history.

Elements are matched by id and compared on `element.attributes()` (plain data, defaults left out),
relations by their key (from, type, to). A key missing from one side is reported as `None`, and
applying a `None` puts the attribute back to its default, so `apply_diff(a, diff_states(a, b)) == b`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from tomkit.model import Dimension, Element, Relation, RelationKey, State

T = TypeVar("T")

DIMENSION_ORDER: dict[Dimension, int] = {dimension: n for n, dimension in enumerate(Dimension)}
_STATE_PARTS = frozenset({"elements", "relations"})
_RELATION_ENDS = frozenset({"source", "type", "target"})


class ChangeType(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


CHANGE_ORDER: dict[ChangeType, int] = {change: n for n, change in enumerate(ChangeType)}


@dataclass(frozen=True)
class AttributeDelta:
    """One attribute that differs; `None` stands for "not set" (the default)."""

    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ElementDiff:
    element_id: str
    change: ChangeType
    before: Element | None
    after: Element | None
    deltas: tuple[AttributeDelta, ...]

    @property
    def element(self) -> Element:
        """The element as it is in the later state (or was, when removed)."""
        found = self.after or self.before
        assert found is not None, "an element diff has at least one side"
        return found


@dataclass(frozen=True)
class RelationDiff:
    key: RelationKey
    change: ChangeType
    before: Relation | None
    after: Relation | None
    deltas: tuple[AttributeDelta, ...]

    @property
    def label(self) -> str:
        source, type_, target = self.key
        return f"{source} -{type_}-> {target}"


@dataclass(frozen=True)
class StateDiff:
    """What turns one state into another.

    `element_order` / `relation_order` are set only when the later state lists things in an order that
    applying the changes would not produce by itself (kept items in place, added ones at the end).
    """

    elements: tuple[ElementDiff, ...] = ()
    relations: tuple[RelationDiff, ...] = ()
    fields: tuple[AttributeDelta, ...] = ()
    element_order: tuple[str, ...] | None = None
    relation_order: tuple[RelationKey, ...] | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.elements
            or self.relations
            or self.fields
            or self.element_order is not None
            or self.relation_order is not None
        )

    def of_change(self, change: ChangeType) -> tuple[ElementDiff, ...]:
        return tuple(d for d in self.elements if d.change is change)


def attribute_deltas(
    before: Mapping[str, Any], after: Mapping[str, Any], skip: Iterable[str] = ()
) -> tuple[AttributeDelta, ...]:
    """Top-level keys whose values differ, in the order the keys first appear."""
    skipped = set(skip)
    names = [k for k in before if k not in skipped]
    names += [k for k in after if k not in skipped and k not in before]
    return tuple(
        AttributeDelta(name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    )


def element_sort_key(element: Element) -> tuple[int, str]:
    """Dimension order, then id: the order every report lists elements in."""
    return DIMENSION_ORDER[element.get_dimension()], element.id


def _state_fields(state: State) -> dict[str, Any]:
    data: dict[str, Any] = state.model_dump(mode="json", exclude_defaults=True, exclude=set(_STATE_PARTS))
    return data


def relation_attributes(relation: Relation) -> dict[str, Any]:
    """A relation's values other than its key, as plain data."""
    data: dict[str, Any] = relation.model_dump(
        mode="json", by_alias=True, exclude_defaults=True, exclude=set(_RELATION_ENDS)
    )
    return data


def _natural_order(before: Sequence[T], removed: set[T], added: Sequence[T]) -> list[T]:
    return [
        *(item for item in before if item not in removed),
        *(item for item in added if item not in before),
    ]


def diff_states(a: State, b: State) -> StateDiff:
    """Element-, attribute- and relation-level changes from state `a` to state `b`."""
    index_a, index_b = a.index(), b.index()
    elements: list[ElementDiff] = []
    for element_id, old in index_a.items():
        new = index_b.get(element_id)
        if new is None:
            elements.append(ElementDiff(element_id, ChangeType.REMOVED, old, None, ()))
            continue
        deltas = attribute_deltas(old.attributes(), new.attributes(), skip=("id",))
        if deltas:
            elements.append(ElementDiff(element_id, ChangeType.CHANGED, old, new, deltas))
    elements += [
        ElementDiff(element_id, ChangeType.ADDED, None, new, ())
        for element_id, new in index_b.items()
        if element_id not in index_a
    ]
    elements.sort(key=lambda d: element_sort_key(d.element))

    relations_a, relations_b = a.relation_index(), b.relation_index()
    relations: list[RelationDiff] = []
    for key, old_relation in relations_a.items():
        new_relation = relations_b.get(key)
        if new_relation is None:
            relations.append(RelationDiff(key, ChangeType.REMOVED, old_relation, None, ()))
            continue
        deltas = attribute_deltas(relation_attributes(old_relation), relation_attributes(new_relation))
        if deltas:
            relations.append(RelationDiff(key, ChangeType.CHANGED, old_relation, new_relation, deltas))
    relations += [
        RelationDiff(key, ChangeType.ADDED, None, new_relation, ())
        for key, new_relation in relations_b.items()
        if key not in relations_a
    ]
    relations.sort(key=lambda d: d.key)

    ids_a, ids_b = [e.id for e in a.elements], [e.id for e in b.elements]
    removed_ids = {d.element_id for d in elements if d.change is ChangeType.REMOVED}
    added_ids = [d.element_id for d in elements if d.change is ChangeType.ADDED]
    keys_a, keys_b = [r.key for r in a.relations], [r.key for r in b.relations]
    removed_keys = {d.key for d in relations if d.change is ChangeType.REMOVED}
    added_keys = [d.key for d in relations if d.change is ChangeType.ADDED]
    return StateDiff(
        elements=tuple(elements),
        relations=tuple(relations),
        fields=attribute_deltas(_state_fields(a), _state_fields(b)),
        element_order=None if _natural_order(ids_a, removed_ids, added_ids) == ids_b else tuple(ids_b),
        relation_order=None if _natural_order(keys_a, removed_keys, added_keys) == keys_b else tuple(keys_b),
    )


def patch(data: Mapping[str, Any], deltas: Iterable[AttributeDelta]) -> dict[str, Any]:
    """Plain data with each delta's `after` applied (`None` removes the key: back to the default)."""
    out = dict(data)
    for delta in deltas:
        if delta.after is None:
            out.pop(delta.name, None)
        else:
            out[delta.name] = delta.after
    return out


def _reorder(items: list[T], order: Sequence[Any], key: Callable[[T], Any]) -> list[T]:
    position = {item_key: n for n, item_key in enumerate(order)}
    return sorted(items, key=lambda item: position.get(key(item), len(position)))


def apply_diff(state: State, diff: StateDiff) -> State:
    """A new state: `state` with the diff's changes made; the input is left untouched.

    Applied to another state than the diff was taken from, it acts as a patch: removals of what is
    not there are ignored, and changes touch only the attributes the diff names.
    """
    by_id = {d.element_id: d for d in diff.elements}
    present = {element.id for element in state.elements}
    elements: list[dict[str, Any]] = []
    for element in state.elements:
        element_diff = by_id.get(element.id)
        if element_diff is None:
            elements.append(element.attributes())
        elif element_diff.change is ChangeType.CHANGED:
            elements.append(patch(element.attributes(), element_diff.deltas))
        elif element_diff.change is ChangeType.ADDED and element_diff.after is not None:
            elements.append(element_diff.after.attributes())
    elements += [
        d.after.attributes()
        for d in diff.elements
        if d.change is ChangeType.ADDED and d.after is not None and d.element_id not in present
    ]
    if diff.element_order is not None:
        elements = _reorder(elements, diff.element_order, key=lambda e: e["id"])

    by_key = {d.key: d for d in diff.relations}
    present_keys = {relation.key for relation in state.relations}
    relations: list[dict[str, Any]] = []
    for relation in state.relations:
        relation_diff = by_key.get(relation.key)
        data = relation.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        if relation_diff is None:
            relations.append(data)
        elif relation_diff.change is ChangeType.CHANGED:
            relations.append(patch(data, relation_diff.deltas))
        elif relation_diff.change is ChangeType.ADDED and relation_diff.after is not None:
            relations.append(
                relation_diff.after.model_dump(mode="json", by_alias=True, exclude_defaults=True)
            )
    relations += [
        d.after.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        for d in diff.relations
        if d.change is ChangeType.ADDED and d.after is not None and d.key not in present_keys
    ]
    if diff.relation_order is not None:
        relations = _reorder(relations, diff.relation_order, key=lambda r: (r["from"], r["type"], r["to"]))

    data = patch(_state_fields(state), diff.fields)
    return State.model_validate({**data, "elements": elements, "relations": relations})
