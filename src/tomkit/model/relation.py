"""Relations: typed links between elements of one state (RACI and decision rights are relations too)."""

from __future__ import annotations

from pydantic import Field

from tomkit.model.element import Scalar, Strict
from tomkit.model.ids import Slug
from tomkit.model.refs import ElementRef

RelationKey = tuple[str, str, str]


class Relation(Strict):
    source: ElementRef = Field(alias="from")
    type: Slug
    target: ElementRef = Field(alias="to")
    description: str = ""
    properties: dict[str, Scalar] = Field(default_factory=dict)

    @property
    def key(self) -> RelationKey:
        """A relation is identified by its ends and type: there is at most one of each per state."""
        return (self.source, self.type, self.target)

    @property
    def label(self) -> str:
        return f"{self.source} -{self.type}-> {self.target}"
