"""People & organisation: teams, roles and the skills roles need."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from tomkit.model.dimension import Dimension, Lens
from tomkit.model.element import Element, Number
from tomkit.model.refs import LocationRef, SkillRef, SupplierRef, TeamRef

Sourcing = Literal["in-house", "outsourced", "co-sourced", "offshore", "nearshore", "partner"]


class Team(Element):
    kind: Literal["team"] = "team"
    tier: int | None = Field(
        None, ge=0, le=4, description="support tier: 0 self-help, 1 service desk, 2, 3, 4 vendor"
    )
    function: str | None = None
    fte: Number | None = Field(None, ge=0)
    sourcing: Sourcing | None = None
    location: LocationRef | None = None
    supplier: SupplierRef | None = None
    change_capacity: int | None = Field(
        None, ge=0, description="how many changes the team can absorb at once (default 3)"
    )
    shrinkage: Number | None = Field(None, ge=0, lt=1)
    hours: str | None = None

    DIMENSION: ClassVar = Dimension.PEOPLE
    LENS: ClassVar = Lens.PEOPLE
    LABEL: ClassVar = "Team"


class Role(Element):
    kind: Literal["role"] = "role"
    team: TeamRef | None = None
    headcount: Number | None = Field(None, ge=0)
    responsibilities: list[str] = Field(default_factory=list)
    skills: list[SkillRef] = Field(default_factory=list)

    DIMENSION: ClassVar = Dimension.PEOPLE
    LENS: ClassVar = Lens.PEOPLE
    LABEL: ClassVar = "Role"


class Skill(Element):
    kind: Literal["skill"] = "skill"
    category: str | None = None
    level: int | None = Field(None, ge=1, le=5, description="proficiency needed, 1-5")

    DIMENSION: ClassVar = Dimension.PEOPLE
    LENS: ClassVar = Lens.PEOPLE
    LABEL: ClassVar = "Skill"
