"""A state of the operating model: as-is, an intermediate plateau, or the to-be."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from tomkit.model.catalogue import AnyElement
from tomkit.model.dimension import Dimension
from tomkit.model.element import Element, Strict
from tomkit.model.relation import Relation, RelationKey


class State(Strict):
    label: str = ""
    description: str = ""
    date: dt.date | None = Field(None, description="when this state is (or is meant to be) reached")
    elements: list[AnyElement] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    def element(self, element_id: str) -> Element | None:
        return self.index().get(element_id)

    def index(self) -> dict[str, Element]:
        """Elements by id (the first one wins where ids repeat; validation reports the repeat)."""
        out: dict[str, Element] = {}
        for element in self.elements:
            out.setdefault(element.id, element)
        return out

    def relation_index(self) -> dict[RelationKey, Relation]:
        out: dict[RelationKey, Relation] = {}
        for relation in self.relations:
            out.setdefault(relation.key, relation)
        return out

    def of_kind(self, *kinds: str) -> Iterator[Element]:
        return (element for element in self.elements if element.kind in kinds)

    def in_dimension(self, dimension: Dimension) -> Iterator[Element]:
        return (element for element in self.elements if element.get_dimension() is dimension)

    def relations_of(self, element_id: str) -> Iterator[Relation]:
        return (r for r in self.relations if element_id in (r.source, r.target))
