"""Scenarios: named what-ifs on a state of the operating model, kept in the TOM document.

A scenario names a base state (as-is or to-be) and a list of typed overrides ("shift 30% of voice to
the portal", "chat answered in 60 s", "L1 outsourced to a second site"). The scenario engine applies
them to a copy of the state; the document itself never changes until a chosen scenario is written back.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from tomkit.model.element import Number, Strict
from tomkit.model.ids import Slug
from tomkit.model.refs import ChannelRef, LocationRef, StateRef, TeamRef

Share = Annotated[float, Field(ge=0, le=1)]


class ShiftVolume(Strict):
    """Move a share of one channel's demand to another ("shift 30% of voice to portal")."""

    op: Literal["shift-volume"]
    source: ChannelRef = Field(alias="from")
    target: ChannelRef = Field(alias="to")
    share: Number = Field(ge=0, le=1)


class ScaleVolume(Strict):
    """Grow or shrink a channel's demand ("+10% tickets after the merger")."""

    op: Literal["scale-volume"]
    channel: ChannelRef
    factor: Number = Field(ge=0)


class SetChannel(Strict):
    """Change a channel's economics or handling; unset fields keep their value."""

    op: Literal["set-channel"]
    channel: ChannelRef
    volume_per_month: Number | None = Field(None, ge=0)
    handle_minutes: Number | None = Field(None, gt=0)
    first_contact_resolution: Number | None = Field(None, ge=0, le=1)
    cost_per_contact: Number | None = Field(None, ge=0)
    deflection: Number | None = Field(None, ge=0, le=1)
    concurrency: Number | None = Field(None, ge=1)
    hours: str | None = None
    live: bool | None = None


class SetTarget(Strict):
    """Change the service-level target of a channel, for one priority or (no priority) all of them."""

    op: Literal["set-target"]
    channel: ChannelRef
    priority: str | None = None
    answer_seconds: Number | None = Field(None, ge=0)
    response_minutes: Number | None = Field(None, ge=0)
    resolution_hours: Number | None = Field(None, ge=0)
    attainment: Number | None = Field(None, ge=0, le=1)


class SetTeam(Strict):
    """Change a team: size, cover, shrinkage, sourcing or site ("L1 outsourced to a second site")."""

    op: Literal["set-team"]
    team: TeamRef
    fte: Number | None = Field(None, ge=0)
    shrinkage: Number | None = Field(None, ge=0, lt=1)
    hours: str | None = None
    sourcing: Literal["in-house", "outsourced", "co-sourced", "offshore", "nearshore", "partner"] | None = (
        None
    )
    location: LocationRef | None = None
    cost_per_fte_year: Number | None = Field(None, ge=0, description="fully loaded yearly cost of one FTE")
    handle_minutes: Number | None = Field(None, gt=0, description="mean work per ticket at this tier")


class SetEscalation(Strict):
    """Change the share of a team's tickets handed over to the next tier."""

    op: Literal["set-escalation"]
    source: TeamRef = Field(alias="from")
    target: TeamRef = Field(alias="to")
    share: Number = Field(ge=0, le=1)


class Assume(Strict):
    """Planning assumptions for the whole scenario (occupancy cap, shrinkage, patience, working week)."""

    op: Literal["assume"]
    max_occupancy: Number | None = Field(None, gt=0, le=1)
    shrinkage: Number | None = Field(None, ge=0, lt=1)
    patience_seconds: Number | None = Field(
        None, gt=0, description="mean caller patience: live channels are staffed with Erlang A"
    )
    hours_per_fte_week: Number | None = Field(None, gt=0)
    cost_per_fte_year: Number | None = Field(None, ge=0)


Override = Annotated[
    ShiftVolume | ScaleVolume | SetChannel | SetTarget | SetTeam | SetEscalation | Assume,
    Field(discriminator="op"),
]


class Scenario(Strict):
    id: Slug
    name: str = Field(min_length=1)
    description: str = ""
    base: StateRef = Field(description="the state the overrides apply to (as-is or to-be)")
    overrides: list[Override] = Field(default_factory=list)
