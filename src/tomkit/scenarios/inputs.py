"""The plain inputs of the channel and staffing model, and where each value came from.

Every number the engine uses sits in these frozen dataclasses, each with a provenance note: read from
the state, a documented default (rule of thumb from the domain reference), or calibrated from a
mining dataset. The model is built from a `State` by `tomkit.scenarios.build.model_input`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

from tomkit.scenarios.calendar import HOURS_PER_WEEK, BoolArray

FloatArray = NDArray[np.float64]
WEEKS_PER_MONTH = 52.0 / 12.0

LIVE_TYPES = frozenset({"phone", "chat", "walk-in"})
DEFAULT_HANDLE_MINUTES = {
    "phone": 7.0,
    "chat": 10.0,
    "walk-in": 12.0,
    "email": 8.0,
    "portal": 6.0,
    "virtual-agent": 0.0,
}
"""Minutes of agent work per contact when a channel does not say (a virtual agent needs none)."""
DEFAULT_PRIORITY_MIX = {"P1": 0.01, "P2": 0.09, "P3": 0.60, "P4": 0.30}
DEFAULT_RESOLUTION_HOURS = {"P1": 4.0, "P2": 8.0, "P3": 72.0, "P4": 120.0}
DEFAULT_TIER_HANDLE_MINUTES = {1: 8.0, 2: 45.0, 3: 120.0, 4: 240.0}


@dataclass(frozen=True)
class Provenance:
    """Where one input value came from: `state`, `default`, `override` or `calibrated`."""

    subject: str
    field: str
    value: float | str
    source: str
    note: str = ""


@dataclass(frozen=True)
class Target:
    """One service-level target of a channel for one priority."""

    priority: str
    answer_seconds: float | None = None
    response_minutes: float | None = None
    resolution_hours: float | None = None
    attainment: float = 0.8


@dataclass(frozen=True)
class ChannelInput:
    id: str
    name: str
    channel_type: str
    live: bool
    volume_per_month: float
    handle_minutes: float
    first_contact_resolution: float
    deflection: float
    concurrency: float
    cost_per_contact: float | None
    open_hours: BoolArray
    profile: FloatArray
    """Share of a week's arrivals in each of the 168 hours (sums to 1)."""
    targets: tuple[Target, ...]
    team: str | None
    """The first-tier team that answers this channel (the first of `teams`)."""
    teams: tuple[tuple[str, float], ...] = ()
    """Every team answering it, with its share of the work (by FTE; equal when FTE is unknown)."""

    @property
    def handled_per_month(self) -> float:
        """Contacts that reach an agent after self-service deflection."""
        return self.volume_per_month * (1.0 - self.deflection)

    @property
    def arrivals_per_hour(self) -> FloatArray:
        weekly = self.handled_per_month / WEEKS_PER_MONTH
        return np.asarray(self.profile * weekly, dtype=np.float64)

    def answer_target(self) -> tuple[float, float]:
        """(seconds, attainment) for live answering, or (minutes*60, attainment) for deferred response.

        Targets are ordered most frequent priority first: one queue serves all priorities, and the
        rarer, tighter ones (P1) are met by putting them at the head of the queue.
        """
        for target in self.targets:
            seconds = target.answer_seconds if self.live else None
            if seconds is None and target.response_minutes is not None:
                seconds = target.response_minutes * 60.0
            if seconds is not None:
                return seconds, target.attainment
        return (60.0, 0.8) if self.live else (240.0 * 60.0, 0.8)


@dataclass(frozen=True)
class TeamInput:
    id: str
    name: str
    tier: int
    fte: float | None
    shrinkage: float
    open_hours: BoolArray
    cost_per_fte_year: float
    handle_minutes: float
    """Mean work per ticket escalated to this team (tiers 2 and up)."""
    escalates_to: tuple[tuple[str, float], ...] = ()
    """(team id, share of this team's tickets handed on)."""


@dataclass(frozen=True)
class Assumptions:
    max_occupancy: float = 0.85
    shrinkage: float = 0.30
    patience_seconds: float | None = None
    hours_per_fte_week: float = 37.5
    cost_per_fte_year: float = 45_000.0


@dataclass(frozen=True)
class ModelInput:
    """Everything the staffing and the simulation need, for one state or scenario."""

    name: str
    channels: tuple[ChannelInput, ...]
    teams: tuple[TeamInput, ...]
    priority_mix: dict[str, float]
    assumptions: Assumptions = field(default_factory=Assumptions)
    provenance: tuple[Provenance, ...] = ()

    def channel(self, channel_id: str) -> ChannelInput:
        for channel in self.channels:
            if channel.id == channel_id:
                return channel
        raise KeyError(f"no channel {channel_id!r}; channels are: {', '.join(c.id for c in self.channels)}")

    def team(self, team_id: str) -> TeamInput:
        for team in self.teams:
            if team.id == team_id:
                return team
        raise KeyError(f"no team {team_id!r}; teams are: {', '.join(t.id for t in self.teams) or 'none'}")

    def with_channel(self, channel: ChannelInput) -> ModelInput:
        return replace(self, channels=tuple(channel if c.id == channel.id else c for c in self.channels))

    def with_team(self, team: TeamInput) -> ModelInput:
        return replace(self, teams=tuple(team if t.id == team.id else t for t in self.teams))


_WEEKDAY_SHAPE = np.array(
    [
        0.1,
        0.05,
        0.05,
        0.05,
        0.1,
        0.2,
        0.5,
        1.5,
        4.0,
        6.5,
        7.0,
        6.5,
        5.0,
        5.5,
        6.5,
        6.0,
        5.0,
        3.5,
        1.5,
        0.8,
        0.5,
        0.4,
        0.3,
        0.2,
    ],
)
_WEEKDAY_WEIGHT = np.array([1.15, 1.05, 1.0, 0.95, 0.85, 0.12, 0.08])


def default_profile() -> FloatArray:
    """An office desk's week: morning and early-afternoon peaks, Monday busiest, quiet weekends."""
    week = np.concatenate([_WEEKDAY_SHAPE * w for w in _WEEKDAY_WEIGHT])
    return np.asarray(week / week.sum(), dtype=np.float64)


def flat_profile() -> FloatArray:
    return np.full(HOURS_PER_WEEK, 1.0 / HOURS_PER_WEEK)


def fit_profile(profile: FloatArray, open_hours: BoolArray) -> FloatArray:
    """Arrivals of a live channel fall only in its open hours (callers ring back when it opens)."""
    shaped = np.where(open_hours, profile, 0.0)
    total = shaped.sum()
    if total <= 0:
        if not open_hours.any():
            return np.zeros(HOURS_PER_WEEK)
        shaped = open_hours.astype(np.float64)
        total = shaped.sum()
    return np.asarray(shaped / total, dtype=np.float64)
