"""Suggested initiatives for the gaps nothing closes yet: a first draft of the missing plan.

Unclosed gaps are grouped by dimension and owner (one owner, one area of change, one initiative),
sized by how many gaps each closes, and chained so that foundations come first: a practice that
uses a new tool waits for the initiative that brings the tool.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tomkit.analysis.gaps import ChangeType, ElementGap, GapReport, gaps
from tomkit.model import Dimension, Initiative, Size, Tom, slugify

FOUNDATION_ORDER: tuple[Dimension, ...] = (
    Dimension.SUPPLIERS,
    Dimension.LOCATIONS,
    Dimension.TECHNOLOGY,
    Dimension.DATA,
    Dimension.PROCESSES,
    Dimension.DELIVERY,
    Dimension.PEOPLE,
    Dimension.GOVERNANCE,
)
"""What must exist before what: a later dimension may wait for an earlier one, never the reverse."""

VERBS = {ChangeType.ADDED: "introduce", ChangeType.REMOVED: "retire", ChangeType.CHANGED: "change"}


@dataclass(frozen=True)
class Suggestion:
    initiative: Initiative
    gaps: tuple[str, ...]
    why: str


def _size(count: int) -> Size:
    return Size.S if count <= 1 else Size.M if count <= 4 else Size.L if count <= 9 else Size.XL


def suggest(tom: Tom, report: GapReport | None = None) -> list[Suggestion]:
    """One proposed initiative per (dimension, owner) of the unclosed gaps, ids unique in the TOM."""
    report = report or gaps(tom)
    groups: dict[tuple[Dimension, str | None], list[ElementGap]] = defaultdict(list)
    for gap in report.unclosed():
        element = gap.after or gap.before
        groups[(gap.dimension, element.owner if element else None)].append(gap)
    taken = {i.id for i in tom.initiatives}
    owner_team = {p.id: p.team for p in tom.people if p.team}
    order = {d: n for n, d in enumerate(FOUNDATION_ORDER)}
    keys = sorted(groups, key=lambda k: (order[k[0]], k[1] or ""))

    ids: dict[tuple[Dimension, str | None], str] = {}
    for key in keys:
        dimension, owner = key
        base = slugify(f"close-{dimension.value}" + (f"-{owner}" if owner else ""))
        new_id, n = base, 2
        while new_id in taken:
            new_id, n = f"{base}-{n}", n + 1
        taken.add(new_id)
        ids[key] = new_id

    where = {g.element_id: key for key in keys for g in groups[key]}
    added = {g.element_id for key in keys for g in groups[key] if g.change is ChangeType.ADDED}
    target = tom.states.get(report.to_state)
    needs: dict[tuple[Dimension, str | None], set[tuple[Dimension, str | None]]] = defaultdict(set)
    if target is not None:
        for relation in target.relations:
            a, b = where.get(relation.source), where.get(relation.target)
            for user, used, used_id in ((a, b, relation.target), (b, a, relation.source)):
                if user and used and user != used and used_id in added and order[used[0]] < order[user[0]]:
                    needs[user].add(used)

    people = {p.id: p.name for p in tom.people}
    out = []
    for key in keys:
        dimension, owner = key
        members = groups[key]
        counts = {c: sum(1 for g in members if g.change is c) for c in ChangeType}
        verbs = ", ".join(f"{VERBS[c]} {n}" for c, n in counts.items() if n)
        size = _size(len(members))
        depends = sorted(ids[k] for k in needs[key])
        name = (
            f"{dimension.label}: "
            + ", ".join(g.name for g in members[:3])
            + (f" and {len(members) - 3} more" if len(members) > 3 else "")
        )
        initiative = Initiative(
            id=ids[key],
            name=name,
            description=f"Suggested to close {len(members)} open gap(s) in {dimension.label.lower()} ({verbs}).",
            owner=owner,
            team=owner_team.get(owner) if owner else None,
            closes=[g.element_id for g in members],
            depends_on=depends,
            target_state=report.to_state if report.to_state in tom.states else None,
            effort=size,
            status="proposed",
        )
        who = f"owned by {people.get(owner, owner)}" if owner else "with no owner yet"
        why = f"{len(members)} {dimension.label.lower()} gap(s) {who} that no initiative closes"
        if depends:
            why += f"; waits for {', '.join(depends)} (what it uses must exist first)"
        out.append(Suggestion(initiative, tuple(g.element_id for g in members), why))
    return out


def with_suggestions(tom: Tom, suggestions: Sequence[Suggestion]) -> Tom:
    """A copy of the TOM with the suggested initiatives added to its plan."""
    return tom.model_copy(update={"initiatives": [*tom.initiatives, *(s.initiative for s in suggestions)]})
