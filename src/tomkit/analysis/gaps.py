"""Gap analysis: the diff of two states, read as the change an organisation has to make.

Each gap is classified by dimension and by lens (people, process, technology, governance), and
carries the initiatives that close it; the people impact sums up roles, teams, FTE and new skills.
Cancelled initiatives close nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tomkit.analysis.diff import (
    AttributeDelta,
    ChangeType,
    ElementDiff,
    RelationDiff,
    diff_states,
)
from tomkit.model import Dimension, Element, Initiative, Lens, Relation, RelationKey, Role, State, Team, Tom

__all__ = [
    "AttributeDelta",
    "ChangeType",
    "ElementGap",
    "GapReport",
    "PeopleImpact",
    "RelationGap",
    "compare",
    "gaps",
    "people_impact",
]


@dataclass(frozen=True)
class ElementGap:
    element_id: str
    kind: str
    name: str
    dimension: Dimension
    lens: Lens
    change: ChangeType
    deltas: tuple[AttributeDelta, ...]
    before: Element | None
    after: Element | None
    closed_by: tuple[str, ...]
    """ids of the initiatives that close it, in plan order"""

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.element_id,
            "kind": self.kind,
            "name": self.name,
            "dimension": self.dimension.value,
            "lens": self.lens.value,
            "change": self.change.value,
            "deltas": [{"name": d.name, "before": d.before, "after": d.after} for d in self.deltas],
            "closed_by": list(self.closed_by),
        }


@dataclass(frozen=True)
class RelationGap:
    key: RelationKey
    change: ChangeType
    before: Relation | None
    after: Relation | None
    deltas: tuple[AttributeDelta, ...]
    closed_by: tuple[str, ...]

    @property
    def label(self) -> str:
        source, type_, target = self.key
        return f"{source} -{type_}-> {target}"

    def to_data(self) -> dict[str, Any]:
        source, type_, target = self.key
        return {
            "from": source,
            "type": type_,
            "to": target,
            "change": self.change.value,
            "deltas": [{"name": d.name, "before": d.before, "after": d.after} for d in self.deltas],
            "closed_by": list(self.closed_by),
        }


@dataclass(frozen=True)
class PeopleImpact:
    roles_added: tuple[str, ...]
    roles_removed: tuple[str, ...]
    roles_changed: tuple[str, ...]
    teams_added: tuple[str, ...]
    teams_removed: tuple[str, ...]
    fte_before: float
    fte_after: float
    fte_by_team: tuple[tuple[str, float, float], ...]
    """(team id, FTE before, FTE after) for every team in either state, by id; a missing team counts 0"""
    skills_needed: tuple[str, ...]
    """skills new in the later state, or newly required by a role (`Role.skills` or a `requires` relation)"""

    @property
    def fte_delta(self) -> float:
        return self.fte_after - self.fte_before

    def to_data(self) -> dict[str, Any]:
        return {
            "roles_added": list(self.roles_added),
            "roles_removed": list(self.roles_removed),
            "roles_changed": list(self.roles_changed),
            "teams_added": list(self.teams_added),
            "teams_removed": list(self.teams_removed),
            "fte_before": self.fte_before,
            "fte_after": self.fte_after,
            "fte_by_team": [{"team": t, "before": b, "after": a} for t, b, a in self.fte_by_team],
            "skills_needed": list(self.skills_needed),
        }


@dataclass(frozen=True)
class GapReport:
    from_state: str
    to_state: str
    elements: tuple[ElementGap, ...]
    relations: tuple[RelationGap, ...]
    people: PeopleImpact

    def unclosed(self) -> tuple[ElementGap, ...]:
        """Element gaps no initiative closes: change nobody has planned."""
        return tuple(gap for gap in self.elements if not gap.closed_by)

    def by_dimension(self) -> dict[Dimension, dict[ChangeType, int]]:
        """Element gaps counted per dimension and change; every dimension and change is present."""
        out = {dimension: dict.fromkeys(ChangeType, 0) for dimension in Dimension}
        for gap in self.elements:
            out[gap.dimension][gap.change] += 1
        return out

    def by_lens(self) -> dict[Lens, dict[ChangeType, int]]:
        """Element gaps counted per lens and change; every lens and change is present."""
        out = {lens: dict.fromkeys(ChangeType, 0) for lens in Lens}
        for gap in self.elements:
            out[gap.lens][gap.change] += 1
        return out

    def counts(self) -> dict[ChangeType, int]:
        """Element gaps per change."""
        out = dict.fromkeys(ChangeType, 0)
        for gap in self.elements:
            out[gap.change] += 1
        return out

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data, for files and APIs."""
        return {
            "from": self.from_state,
            "to": self.to_state,
            "elements": [gap.to_data() for gap in self.elements],
            "relations": [gap.to_data() for gap in self.relations],
            "people": self.people.to_data(),
            "by_dimension": {
                d.value: {c.value: n for c, n in row.items()} for d, row in self.by_dimension().items()
            },
            "by_lens": {
                lens.value: {c.value: n for c, n in row.items()} for lens, row in self.by_lens().items()
            },
            "unclosed": [gap.element_id for gap in self.unclosed()],
        }


def _closers(initiatives: Sequence[Initiative]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for initiative in initiatives:
        if initiative.status == "cancelled":
            continue
        for element_id in dict.fromkeys(initiative.closes):
            out.setdefault(element_id, []).append(initiative.id)
    return {element_id: tuple(ids) for element_id, ids in out.items()}


def _element_gap(diff: ElementDiff, closers: dict[str, tuple[str, ...]]) -> ElementGap:
    element = diff.element
    return ElementGap(
        element_id=diff.element_id,
        kind=element.kind,
        name=element.name,
        dimension=element.get_dimension(),
        lens=element.get_lens(),
        change=diff.change,
        deltas=diff.deltas,
        before=diff.before,
        after=diff.after,
        closed_by=closers.get(diff.element_id, ()),
    )


def _relation_gap(diff: RelationDiff, closers: dict[str, tuple[str, ...]]) -> RelationGap:
    source, _, target = diff.key
    closed_by = tuple(dict.fromkeys((*closers.get(source, ()), *closers.get(target, ()))))
    return RelationGap(diff.key, diff.change, diff.before, diff.after, diff.deltas, closed_by)


def _fte(team: Element | None) -> float:
    return float(team.fte or 0) if isinstance(team, Team) else 0.0


def _required_skills(state: State) -> dict[str, set[str]]:
    """Skill id -> ids of what requires it (roles by `skills`, anything by a `requires` relation)."""
    index = state.index()
    out: dict[str, set[str]] = {}
    for element in state.elements:
        if isinstance(element, Role):
            for skill in element.skills:
                out.setdefault(skill, set()).add(element.id)
    for relation in state.relations:
        if relation.type == "requires" and index.get(relation.target) is not None:
            out.setdefault(relation.target, set()).add(relation.source)
    return out


def people_impact(before: State, after: State) -> PeopleImpact:
    """Roles and teams added, removed and changed; FTE per team and in total; skills newly needed."""
    old, new = before.index(), after.index()

    def of_kind(index: dict[str, Element], kind: str) -> set[str]:
        return {element_id for element_id, element in index.items() if element.kind == kind}

    roles_old, roles_new = of_kind(old, "role"), of_kind(new, "role")
    teams_old, teams_new = of_kind(old, "team"), of_kind(new, "team")
    roles_changed = {
        role for role in roles_old & roles_new if old[role].attributes() != new[role].attributes()
    }
    skills_new = of_kind(new, "skill") - of_kind(old, "skill")
    required_old, required_new = _required_skills(before), _required_skills(after)
    newly_required = {skill for skill, by in required_new.items() if by - required_old.get(skill, set())}
    fte_by_team = tuple(
        (team, _fte(old.get(team)), _fte(new.get(team))) for team in sorted(teams_old | teams_new)
    )
    return PeopleImpact(
        roles_added=tuple(sorted(roles_new - roles_old)),
        roles_removed=tuple(sorted(roles_old - roles_new)),
        roles_changed=tuple(sorted(roles_changed)),
        teams_added=tuple(sorted(teams_new - teams_old)),
        teams_removed=tuple(sorted(teams_old - teams_new)),
        fte_before=sum(_fte(old[team]) for team in teams_old),
        fte_after=sum(_fte(new[team]) for team in teams_new),
        fte_by_team=fte_by_team,
        skills_needed=tuple(sorted(skills_new | newly_required)),
    )


def compare(
    before: State,
    after: State,
    *,
    from_name: str = "before",
    to_name: str = "after",
    initiatives: Sequence[Initiative] = (),
) -> GapReport:
    """The gaps between two states, in dimension order then id (relations by key)."""
    diff = diff_states(before, after)
    closers = _closers(initiatives)
    return GapReport(
        from_state=from_name,
        to_state=to_name,
        elements=tuple(_element_gap(d, closers) for d in diff.elements),
        relations=tuple(_relation_gap(d, closers) for d in diff.relations),
        people=people_impact(before, after),
    )


def gaps(tom: Tom, from_state: str | None = None, to_state: str | None = None) -> GapReport:
    """The gaps of a TOM between two of its states; by default from the as-is to the to-be.

    Raises ValueError naming the states there are when a state is unknown or the TOM has none.
    """
    start = from_state or tom.baseline_name
    end = to_state or tom.target_name
    if start is None or end is None:
        raise ValueError("the TOM has no states to compare")
    for name in (start, end):
        if name not in tom.states:
            raise ValueError(f"no state {name!r}; states are: {', '.join(tom.states)}")
    return compare(
        tom.states[start], tom.states[end], from_name=start, to_name=end, initiatives=tom.initiatives
    )
