"""The TOM document: everything about one operating model, as pure typed data.

The same object is read from a YAML file under git and stored in the web app's database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from tomkit.model.element import Element, Strict
from tomkit.model.ids import Slug
from tomkit.model.initiative import Initiative
from tomkit.model.measures import Kpi, Outcome
from tomkit.model.narrative import NarrativePin
from tomkit.model.people import Person
from tomkit.model.readiness import Readiness
from tomkit.model.refs import PersonRef
from tomkit.model.relation_rules import BUILTIN_RULES, RelationRule
from tomkit.model.scenario import Scenario
from tomkit.model.state import State

FORMAT_VERSION = 1


class Scope(Strict):
    practices: list[str] = Field(default_factory=list)
    units: list[str] = Field(default_factory=list, description="business units, IT and non-IT")
    regions: list[str] = Field(default_factory=list)
    notes: str = ""


class Review(Strict):
    cadence: Literal["monthly", "quarterly", "half-yearly", "yearly"] = "quarterly"
    next: dt.date | None = None
    last: dt.date | None = None


class Tom(Strict):
    tomkit: Literal[1] = Field(1, description="format version of this file")
    name: str = Field(min_length=1)
    organisation: str = ""
    description: str = ""
    scope: Scope = Field(default_factory=Scope)
    sponsor: PersonRef | None = None
    review: Review = Field(default_factory=Review)
    frameworks: list[str] = Field(default_factory=list, description="e.g. ITIL 4, COBIT 2019, ISO/IEC 20000")
    people: list[Person] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    states: dict[Slug, State] = Field(
        default_factory=dict, description="ordered: the first is the as-is, the last the to-be"
    )
    initiatives: list[Initiative] = Field(default_factory=list)
    readiness: Readiness = Field(
        default_factory=Readiness, description="change-readiness questionnaires and answers"
    )
    relation_rules: list[RelationRule] = Field(
        default_factory=list, description="extra allowed relations, added to the built-in table"
    )
    scenarios: list[Scenario] = Field(default_factory=list, description="what-ifs, compared")
    narrative: dict[str, NarrativePin] = Field(
        default_factory=dict, description="wording pinned by people, by narrative section id"
    )

    @model_serializer(mode="wrap")
    def _always_version(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict) and "tomkit" not in data:
            data = {"tomkit": self.tomkit, **data}
        return data

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data, defaults left out: what a TOM file holds."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        return data

    # Look-ups. Each returns None for an unknown id; validation reports dangling references.
    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def kpi(self, kpi_id: str) -> Kpi | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def initiative(self, initiative_id: str) -> Initiative | None:
        return next((i for i in self.initiatives if i.id == initiative_id), None)

    def state(self, name: str) -> State:
        """The named state; a KeyError names the states there are."""
        try:
            return self.states[name]
        except KeyError:
            raise KeyError(f"no state {name!r}; states are: {', '.join(self.states) or 'none'}") from None

    @property
    def state_names(self) -> list[str]:
        return list(self.states)

    @property
    def baseline_name(self) -> str | None:
        """The as-is: the first state."""
        return next(iter(self.states), None)

    @property
    def target_name(self) -> str | None:
        """The to-be: the last state."""
        return next(reversed(self.states), None) if self.states else None

    def rules(self) -> tuple[RelationRule, ...]:
        return BUILTIN_RULES + tuple(self.relation_rules)

    def element_anywhere(self, element_id: str) -> Element | None:
        """The element with this id in the latest state that has it."""
        for state in reversed(self.states.values()):
            element = state.element(element_id)
            if element is not None:
                return element
        return None

    def all_element_ids(self) -> set[str]:
        return {element.id for state in self.states.values() for element in state.elements}
