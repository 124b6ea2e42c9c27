"""Initiatives: the transition plan, and the change management that carries people through it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from tomkit.model.element import Strict
from tomkit.model.ids import Slug
from tomkit.model.levels import Rating, Size
from tomkit.model.refs import (
    AudienceRef,
    ElementRef,
    InitiativeRef,
    KpiRef,
    PersonRef,
    RoleRef,
    StakeholderRef,
    StateRef,
    TeamRef,
)


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


LooseSize = Annotated[Size, BeforeValidator(_lower)]
LooseRating = Annotated[Rating, BeforeValidator(_lower)]
Status = Literal["proposed", "planned", "in-progress", "on-hold", "done", "cancelled"]


class Milestone(Strict):
    id: Slug
    name: str = Field(min_length=1)
    due: dt.date | None = None
    done: bool = False
    done_on: dt.date | None = None


class Communication(Strict):
    audience: AudienceRef
    message: str = Field(min_length=1)
    channel: str | None = Field(None, description="e.g. town hall, email, intranet, team briefing")
    when: dt.date | None = None
    done: bool = False


class Training(Strict):
    role: RoleRef
    course: str = Field(min_length=1)
    when: dt.date | None = None
    done: bool = False


class Engagement(Strict):
    audience: AudienceRef
    activity: str = Field(min_length=1, description="e.g. design workshop, pilot, feedback session")
    when: dt.date | None = None
    done: bool = False


class ChangePlan(Strict):
    """The people side of one initiative."""

    affects: list[StakeholderRef] = Field(default_factory=list, description="stakeholder groups affected")
    communicate: list[Communication] = Field(default_factory=list)
    train: list[Training] = Field(default_factory=list)
    engage: list[Engagement] = Field(default_factory=list)
    champions: list[PersonRef] = Field(default_factory=list)


class Initiative(Strict):
    id: Slug
    name: str = Field(min_length=1)
    description: str = ""
    owner: PersonRef | None = None
    team: TeamRef | None = Field(None, description="the team that carries the change (for capacity)")
    closes: list[ElementRef] = Field(default_factory=list, description="ids of the gaps (elements) it closes")
    depends_on: list[InitiativeRef] = Field(default_factory=list)
    target_state: StateRef | None = None
    kpis: list[KpiRef] = Field(default_factory=list, description="KPIs it is expected to move")
    effort: LooseSize | None = None
    value: LooseRating | None = None
    risk: LooseRating | None = None
    duration_weeks: int | None = Field(None, ge=1, le=520)
    wave: str | None = Field(None, description="a wave fixed by hand; otherwise the planner chooses")
    not_before: dt.date | None = None
    deadline: dt.date | None = None
    start: dt.date | None = Field(None, description="planned start")
    end: dt.date | None = Field(None, description="planned end")
    actual_start: dt.date | None = None
    actual_end: dt.date | None = None
    status: Status = "proposed"
    progress: int = Field(0, ge=0, le=100, description="percent done")
    milestones: list[Milestone] = Field(default_factory=list)
    change: ChangePlan = Field(default_factory=ChangePlan)
