"""Impact analysis: what depends on an element, directly and through others, and by which links.

The question is "if we retire or change this, what else is touched?". Within one state, an element
depends on another through a relation (a team *uses* a tool; a tool *supports* a practice, so the
practice depends on the tool) or through a typed reference (an integration's `source`, a data asset's
`system_of_record`, a value stream step's `tools`). Everything that depends on the element, however
indirectly, is affected; each affected element comes with the shortest chain of links that reaches it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel

from tomkit.analysis.diff import element_sort_key
from tomkit.model import Dimension, Element, Lens, State, Tom
from tomkit.model.refs import RefTo

PROVIDER_TYPES = frozenset({"provides", "supports", "stores", "serves", "mitigates"})
"""Relation types read the other way round: the target depends on the source (a tool supports a practice)."""
PROVIDER_REFERENCES = frozenset({("service", "customers")})
"""References read the other way round: a customer segment depends on the service that lists it."""


@dataclass(frozen=True)
class Link:
    """`source` depends on `target` through a relation type or a reference field (`via`)."""

    source: str
    via: str
    target: str
    by: Literal["relation", "reference"]
    reversed: bool = False
    """True when the document states it the other way round (`tool -supports-> practice`)."""

    @property
    def arrow(self) -> str:
        return f"<-{self.via}-" if self.reversed else f"-{self.via}->"

    def describe(self) -> str:
        return f"{self.source} {self.arrow} {self.target}"


@dataclass(frozen=True)
class Impacted:
    element_id: str
    kind: str
    name: str
    dimension: Dimension
    lens: Lens
    distance: int
    """1 for a direct dependant, 2 for a dependant of a dependant, and so on"""
    path: tuple[Link, ...]
    """The chain from this element to the one analysed, first link first."""

    def describe_path(self) -> str:
        """`desk -uses-> snow`, `incident <-supports- snow`: how this element reaches the one analysed."""
        if not self.path:
            return ""
        parts = [self.path[0].source]
        for link in self.path:
            parts += [link.arrow, link.target]
        return " ".join(parts)


@dataclass(frozen=True)
class Mention:
    """An initiative or KPI that names the element, and in which field."""

    id: str
    field: str


@dataclass(frozen=True)
class ImpactReport:
    element_id: str
    state: str
    element: Element
    affected: tuple[Impacted, ...]
    """by distance, then dimension order, then id"""
    initiatives: tuple[Mention, ...]
    kpis: tuple[Mention, ...]
    depends_on: tuple[Impacted, ...] = ()
    """What the element itself depends on, one hop (its supplier, the tools it integrates): for
    a retirement, the contracts and links to wind down; each path is the single link to it."""

    def direct(self) -> tuple[Impacted, ...]:
        return tuple(item for item in self.affected if item.distance == 1)

    def transitive(self) -> tuple[Impacted, ...]:
        return tuple(item for item in self.affected if item.distance > 1)

    def by_kind(self) -> dict[str, tuple[Impacted, ...]]:
        out: dict[str, list[Impacted]] = {}
        for item in self.affected:
            out.setdefault(item.kind, []).append(item)
        return {kind: tuple(items) for kind, items in out.items()}

    def to_data(self) -> dict[str, Any]:
        return {
            "element": self.element_id,
            "kind": self.element.kind,
            "state": self.state,
            "affected": [
                {
                    "id": item.element_id,
                    "kind": item.kind,
                    "name": item.name,
                    "dimension": item.dimension.value,
                    "distance": item.distance,
                    "path": item.describe_path(),
                }
                for item in self.affected
            ],
            "depends_on": [
                {"id": item.element_id, "kind": item.kind, "name": item.name, "path": item.describe_path()}
                for item in self.depends_on
            ],
            "initiatives": [{"id": m.id, "field": m.field} for m in self.initiatives],
            "kpis": [{"id": m.id, "field": m.field} for m in self.kpis],
        }


def _element_ref(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated and any(
        isinstance(meta, RefTo) and meta.target == "element" for meta in annotation.__metadata__
    ):
        return True
    return any(_element_ref(arg) for arg in get_args(annotation))


@cache
def _reference_fields(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """(field name, holds element ids) for each field of a model class: read once per class."""
    return tuple(
        (
            name,
            any(isinstance(m, RefTo) and m.target == "element" for m in info.metadata)
            or _element_ref(info.annotation),
        )
        for name, info in cls.model_fields.items()
    )


def element_references(obj: BaseModel, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(field path, element id) for every element reference inside a model, nested ones included."""
    for name, is_ref in _reference_fields(type(obj)):
        value = getattr(obj, name)
        if not value:
            continue
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if isinstance(item, BaseModel):
                nested = f"{prefix}{name}[{index}]." if index is not None else f"{prefix}{name}."
                yield from element_references(item, nested)
            elif is_ref and isinstance(item, str):
                yield f"{prefix}{name}", item


def dependency_links(state: State) -> list[Link]:
    """Every dependency in a state, as links from the dependant to what it depends on."""
    index = state.index()
    links: list[Link] = []
    for relation in state.relations:
        if relation.source not in index or relation.target not in index:
            continue
        if relation.type in PROVIDER_TYPES:
            links.append(Link(relation.target, relation.type, relation.source, "relation", reversed=True))
        else:
            links.append(Link(relation.source, relation.type, relation.target, "relation"))
    for element in index.values():
        for field, target in element_references(element):
            if target not in index or target == element.id:
                continue
            if (element.kind, field) in PROVIDER_REFERENCES:
                links.append(Link(target, field, element.id, "reference", reversed=True))
            else:
                links.append(Link(element.id, field, target, "reference"))
    return links


def _mentions(obj: BaseModel, element_id: str) -> list[str]:
    return list(dict.fromkeys(field for field, target in element_references(obj) if target == element_id))


def _pick_state(tom: Tom, element_id: str, state: str | None) -> str:
    having = [name for name, s in tom.states.items() if s.element(element_id) is not None]
    if state is not None:
        if state not in tom.states:
            raise ValueError(f"no state {state!r}; states are: {', '.join(tom.states) or 'none'}")
        if state not in having:
            where = f"it is in: {', '.join(having)}" if having else "it is in no state"
            raise ValueError(f"no element {element_id!r} in state {state!r}; {where}")
        return state
    if not having:
        raise ValueError(f"no element {element_id!r} in any state")
    return having[-1]


def impact(tom: Tom, element_id: str, state: str | None = None, max_depth: int | None = None) -> ImpactReport:
    """What depends on `element_id` in a state (by default the latest state that has it).

    Raises ValueError when the element or the state is not there.
    """
    name = _pick_state(tom, element_id, state)
    the_state = tom.states[name]
    index = the_state.index()
    dependants: dict[str, list[Link]] = {}
    links = dependency_links(the_state)
    for link in links:
        dependants.setdefault(link.target, []).append(link)

    paths: dict[str, tuple[Link, ...]] = {element_id: ()}
    queue = deque([element_id])
    while queue:
        node = queue.popleft()
        if max_depth is not None and len(paths[node]) >= max_depth:
            continue
        for link in sorted(dependants.get(node, []), key=lambda x: (x.source, x.via)):
            if link.source not in paths:
                paths[link.source] = (link, *paths[node])
                queue.append(link.source)

    affected = [
        _impacted(index[affected_id], path)
        for affected_id, path in paths.items()
        if affected_id != element_id
    ]
    affected.sort(key=lambda item: (item.distance, *element_sort_key(index[item.element_id])))
    upstream: dict[str, Link] = {}
    for link in sorted(links, key=lambda x: (x.target, x.via)):
        if link.source == element_id and link.target != element_id:
            upstream.setdefault(link.target, link)
    depends_on = sorted(
        (_impacted(index[target], (link,)) for target, link in upstream.items()),
        key=lambda item: element_sort_key(index[item.element_id]),
    )

    initiatives = [
        Mention(initiative.id, field)
        for initiative in tom.initiatives
        for field in _mentions(initiative, element_id)
    ]
    kpis = [Mention(kpi.id, field) for kpi in tom.kpis for field in _mentions(kpi, element_id)]
    return ImpactReport(
        element_id,
        name,
        index[element_id],
        tuple(affected),
        tuple(initiatives),
        tuple(kpis),
        tuple(depends_on),
    )


def _impacted(element: Element, path: tuple[Link, ...]) -> Impacted:
    return Impacted(
        element.id, element.kind, element.name, element.get_dimension(), element.get_lens(), len(path), path
    )
