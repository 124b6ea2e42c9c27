"""The semantic diff of two versions of a whole TOM document: what a reviewer reads in version history.

States are compared with the state diff engine; people, outcomes, KPIs and initiatives are matched by
id and compared value by value, nested values named with dotted keys (`review.next`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tomkit.analysis.diff import AttributeDelta, ChangeType, StateDiff, attribute_deltas, diff_states
from tomkit.model import Tom

_DOCUMENT_LISTS = ("people", "outcomes", "kpis", "initiatives")
_SINGULAR = {"people": "person", "outcomes": "outcome", "kpis": "KPI", "initiatives": "initiative"}
_NOT_META = frozenset({*_DOCUMENT_LISTS, "states"})


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mappings as dotted keys (`review.next`), so a diff names the value that changed."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and value:
            out.update(flatten(value, f"{name}."))
        else:
            out[name] = value
    return out


def format_value(value: Any) -> str:
    """A short human form of a plain value: `18`, `in-house`, `[a, b]`, `3 items`, `(none)`."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        if any(isinstance(item, (dict, list)) for item in value):
            return f"{len(value)} item{'s' if len(value) != 1 else ''}"
        return "[" + ", ".join(format_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {format_value(v)}" for k, v in value.items()) + "}"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class Change:
    """One line of a semantic diff: where, what, and how it changed."""

    where: str
    subject: str
    change: ChangeType
    deltas: tuple[AttributeDelta, ...] = ()

    def describe(self) -> str:
        """`to-be: team 'desk-l1' fte 18 -> 14`, `people: added person 'cto' (Ana Lima)`."""
        if self.change is not ChangeType.CHANGED:
            return f"{self.where}: {self.change.value} {self.subject}"
        if not self.deltas:
            return f"{self.where}: {self.subject} changed"
        values = ", ".join(
            f"{d.name} {format_value(d.before)} -> {format_value(d.after)}" for d in self.deltas
        )
        return f"{self.where}: {self.subject} {values}" if self.subject else f"{self.where}: {values}"


@dataclass(frozen=True)
class ItemDiff:
    """A person, outcome, KPI or initiative that was added, removed or changed between two versions."""

    item_id: str
    change: ChangeType
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    deltas: tuple[AttributeDelta, ...]


@dataclass(frozen=True)
class DocumentDiff:
    """What changed between two versions of a TOM document, section by section."""

    meta: tuple[AttributeDelta, ...]
    people: tuple[ItemDiff, ...]
    outcomes: tuple[ItemDiff, ...]
    kpis: tuple[ItemDiff, ...]
    initiatives: tuple[ItemDiff, ...]
    states_added: tuple[str, ...]
    states_removed: tuple[str, ...]
    states: tuple[tuple[str, StateDiff], ...]
    """Diffs of the states both versions have, in the later version's order (empty diffs left out)."""
    state_order_changed: bool = False
    others: tuple[tuple[str, tuple[ItemDiff, ...]], ...] = ()
    """Other lists of items with ids (such as scenarios), by section name."""

    @property
    def is_empty(self) -> bool:
        return not self.changes()

    def state(self, name: str) -> StateDiff:
        """The diff of one state present in both versions (empty when it did not change)."""
        return dict(self.states).get(name, StateDiff())

    def changes(self) -> list[Change]:
        """Every change as a line item, in document order."""
        out = [Change("meta", "", ChangeType.CHANGED, (delta,)) for delta in self.meta]
        for section in _DOCUMENT_LISTS[:3]:
            out += _item_changes(section, getattr(self, section))
        out += [Change("states", f"state {name!r}", ChangeType.ADDED) for name in self.states_added]
        out += [Change("states", f"state {name!r}", ChangeType.REMOVED) for name in self.states_removed]
        if self.state_order_changed:
            out.append(Change("states", "order", ChangeType.CHANGED))
        for name, state_diff in self.states:
            out += state_changes(name, state_diff)
        out += _item_changes("initiatives", self.initiatives)
        for section, items in self.others:
            out += _item_changes(section, items)
        return out

    def describe(self) -> str:
        """The diff as text, one change per line (`no changes` when there are none)."""
        lines = [change.describe() for change in self.changes()]
        return "\n".join(lines) if lines else "no changes"


def _item_changes(section: str, items: Sequence[ItemDiff]) -> list[Change]:
    out = []
    for item in items:
        subject = f"{_SINGULAR.get(section, section.removesuffix('s'))} {item.item_id!r}"
        data = item.after or item.before or {}
        title = data.get("name") or data.get("statement")
        if item.change is not ChangeType.CHANGED and title:
            subject += f" ({format_value(title)})"
        out.append(Change(section, subject, item.change, item.deltas))
    return out


def state_changes(name: str, diff: StateDiff) -> list[Change]:
    """A state diff as line items, `where` being the state's name."""
    out = [Change(name, "", ChangeType.CHANGED, (delta,)) for delta in diff.fields]
    for element_diff in diff.elements:
        element = element_diff.element
        subject = f"{element.kind} {element.id!r}"
        if element_diff.change is not ChangeType.CHANGED:
            subject += f" ({element.name})"
        out.append(Change(name, subject, element_diff.change, element_diff.deltas))
    out += [Change(name, f"relation {d.label}", d.change, d.deltas) for d in diff.relations]
    # an order given with additions mostly just places them; on its own it is a real reordering
    if diff.element_order is not None and not any(d.change is ChangeType.ADDED for d in diff.elements):
        out.append(Change(name, "element order", ChangeType.CHANGED))
    if diff.relation_order is not None and not any(d.change is ChangeType.ADDED for d in diff.relations):
        out.append(Change(name, "relation order", ChangeType.CHANGED))
    return out


def _diff_items(
    before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]]
) -> tuple[ItemDiff, ...]:
    old = {item["id"]: dict(item) for item in before}
    new = {item["id"]: dict(item) for item in after}
    out = [
        ItemDiff(item_id, ChangeType.REMOVED, data, None, ())
        for item_id, data in old.items()
        if item_id not in new
    ]
    for item_id, data in new.items():
        if item_id not in old:
            out.append(ItemDiff(item_id, ChangeType.ADDED, None, data, ()))
            continue
        deltas = attribute_deltas(flatten(old[item_id]), flatten(data), skip=("id",))
        if deltas:
            out.append(ItemDiff(item_id, ChangeType.CHANGED, old[item_id], data, deltas))
    return tuple(out)


def diff_documents(a: Tom, b: Tom) -> DocumentDiff:
    """The semantic diff of two versions of a TOM: meta, people, outcomes, KPIs, states, initiatives."""
    data_a, data_b = a.to_data(), b.to_data()
    keyed = [
        key
        for key in dict.fromkeys([*data_a, *data_b])
        if key not in _NOT_META and _is_keyed_list(data_a.get(key)) and _is_keyed_list(data_b.get(key))
    ]
    not_meta = _NOT_META | set(keyed)
    meta_a = flatten({k: v for k, v in data_a.items() if k not in not_meta})
    meta_b = flatten({k: v for k, v in data_b.items() if k not in not_meta})
    lists = {
        section: _diff_items(data_a.get(section, []), data_b.get(section, [])) for section in _DOCUMENT_LISTS
    }
    common = [name for name in b.states if name in a.states]
    state_diffs = tuple((name, diff_states(a.states[name], b.states[name])) for name in common)
    return DocumentDiff(
        meta=attribute_deltas(meta_a, meta_b),
        people=lists["people"],
        outcomes=lists["outcomes"],
        kpis=lists["kpis"],
        initiatives=lists["initiatives"],
        states_added=tuple(name for name in b.states if name not in a.states),
        states_removed=tuple(name for name in a.states if name not in b.states),
        states=tuple((name, d) for name, d in state_diffs if not d.is_empty),
        state_order_changed=[n for n in a.states if n in b.states] != common,
        others=tuple(
            (key, items) for key in keyed if (items := _diff_items(data_a.get(key, []), data_b.get(key, [])))
        ),
    )


def _is_keyed_list(value: Any) -> bool:
    """A list of items with ids (absent counts as an empty one), diffed item by item."""
    if value is None:
        return True
    return isinstance(value, list) and all(isinstance(item, dict) and "id" in item for item in value)
