"""Analytic staffing of every channel and tier, hour by hour over a week.

Live channels: Erlang C per hourly interval (Erlang A when a caller patience is assumed), with the
occupancy cap; chat staffs concurrent slots and divides by the concurrency. Deferred channels (email,
portal): the fluid backlog model in `backlog`. Escalated work at tiers 2 and up: workload at the
occupancy cap. Rostered staff = agents / (1 - shrinkage); FTE = rostered agent-hours / working week.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tomkit.scenarios.backlog import staff_backlog
from tomkit.scenarios.calendar import HOURS_PER_WEEK
from tomkit.scenarios.erlang import staff_erlang_a, staff_erlang_c_many
from tomkit.scenarios.inputs import WEEKS_PER_MONTH, ChannelInput, FloatArray, ModelInput, TeamInput

HOURS_PER_MONTH_FACTOR = WEEKS_PER_MONTH


@dataclass(frozen=True)
class ChannelStaffing:
    """One channel's staffing: hourly arrays over the week (Monday 00:00 first) and weekly summaries."""

    channel: str
    name: str
    method: str
    """erlang-c, erlang-a, backlog or none."""
    team: str | None
    shrinkage: float
    arrivals: FloatArray
    load: FloatArray
    agents: FloatArray
    rostered: FloatArray
    service_level: FloatArray
    asa_seconds: FloatArray
    occupancy: FloatArray
    target_seconds: float
    target_attainment: float
    fte: float
    contacts_per_month: float
    deflected_per_month: float
    cost_per_month: float | None
    service_level_week: float
    asa_week_seconds: float
    occupancy_week: float
    abandon_week: float = 0.0
    reachable: bool = True

    @property
    def meets_target(self) -> bool:
        return self.service_level_week >= self.target_attainment - 1e-9


@dataclass(frozen=True)
class TeamStaffing:
    team: str
    name: str
    tier: int
    required_fte: float
    rostered_fte: float | None
    cost_per_year: float
    workload_hours_week: float


@dataclass(frozen=True)
class Staffing:
    """Staffing of a whole model: per channel, per team, and the totals a comparison needs."""

    name: str
    channels: tuple[ChannelStaffing, ...]
    teams: tuple[TeamStaffing, ...]

    @property
    def fte(self) -> float:
        return sum(t.required_fte for t in self.teams) + sum(c.fte for c in self.channels if c.team is None)

    @property
    def contacts_per_month(self) -> float:
        return sum(c.contacts_per_month for c in self.channels)

    @property
    def contact_cost_per_month(self) -> float:
        return sum(c.cost_per_month or 0.0 for c in self.channels)

    @property
    def staff_cost_per_year(self) -> float:
        return sum(t.cost_per_year for t in self.teams)

    @property
    def cost_per_contact(self) -> float:
        contacts = self.contacts_per_month
        return self.contact_cost_per_month / contacts if contacts else 0.0

    def channel(self, channel_id: str) -> ChannelStaffing:
        for c in self.channels:
            if c.channel == channel_id:
                return c
        raise KeyError(f"no channel {channel_id!r} in staffing {self.name!r}")


def _weighted(values: FloatArray, weights: FloatArray) -> float:
    total = float(weights.sum())
    return float(np.dot(np.nan_to_num(values), weights) / total) if total > 0 else 1.0


def _live(channel: ChannelInput, model: ModelInput, shrinkage: float) -> ChannelStaffing:
    a = model.assumptions
    rate = channel.arrivals_per_hour
    handle = channel.handle_minutes * 60.0
    load = rate * handle / 3600.0
    seconds, goal = channel.answer_target()
    abandon = 0.0
    if a.patience_seconds is not None:
        method = "erlang-a"
        slots = np.zeros(HOURS_PER_WEEK)
        sl, asa, occ, ab = (
            np.ones(HOURS_PER_WEEK),
            np.zeros(HOURS_PER_WEEK),
            np.zeros(HOURS_PER_WEEK),
            np.zeros(HOURS_PER_WEEK),
        )
        cache: dict[float, tuple[int, float, float, float, float]] = {}
        for h in np.flatnonzero(rate > 0):
            key = round(float(rate[h]), 6)
            if key not in cache:
                m = staff_erlang_a(key / 3600.0, handle, a.patience_seconds, seconds, goal, a.max_occupancy)
                cache[key] = (m.servers, m.service_level, m.asa, m.occupancy, m.p_abandon)
            slots[h], sl[h], asa[h], occ[h], ab[h] = cache[key]
        abandon = _weighted(ab, rate)
    else:
        method = "erlang-c"
        result = staff_erlang_c_many(load, handle, seconds, goal, a.max_occupancy)
        slots, sl, asa, occ = (
            result.servers.astype(np.float64),
            result.service_level,
            result.asa,
            result.occupancy,
        )
    agents = np.ceil(slots / channel.concurrency - 1e-9)
    return _summary(
        channel, model, method, shrinkage, rate, load, agents, sl, asa, occ, seconds, goal, abandon
    )


def _deferred(
    channel: ChannelInput, model: ModelInput, team: TeamInput | None, shrinkage: float
) -> ChannelStaffing:
    a = model.assumptions
    rate = channel.arrivals_per_hour
    load = rate * channel.handle_minutes / 60.0
    seconds, goal = channel.answer_target()
    open_hours = team.open_hours if team is not None else channel.open_hours
    result = staff_backlog(load, open_hours, seconds / 3600.0, goal, a.max_occupancy)
    occ = np.where(result.agents > 0, load / np.maximum(result.agents, 1e-12), 0.0)
    return _summary(
        channel,
        model,
        "backlog",
        shrinkage,
        rate,
        load,
        result.agents,
        result.within_target,
        result.mean_response * 3600.0,
        occ,
        seconds,
        goal,
        0.0,
        result.reachable,
        result.attainment,
    )


def _summary(
    channel: ChannelInput,
    model: ModelInput,
    method: str,
    shrinkage: float,
    rate: FloatArray,
    load: FloatArray,
    agents: FloatArray,
    sl: FloatArray,
    asa: FloatArray,
    occ: FloatArray,
    seconds: float,
    goal: float,
    abandon: float,
    reachable: bool = True,
    level_week: float | None = None,
) -> ChannelStaffing:
    rostered = agents / (1.0 - shrinkage)
    fte = float(rostered.sum()) / model.assumptions.hours_per_fte_week
    contacts = channel.handled_per_month
    cost = contacts * channel.cost_per_contact if channel.cost_per_contact is not None else None
    worked = float(agents.sum())
    return ChannelStaffing(
        channel=channel.id,
        name=channel.name,
        method=method,
        team=channel.team,
        shrinkage=shrinkage,
        arrivals=rate,
        load=load,
        agents=agents,
        rostered=rostered,
        service_level=sl,
        asa_seconds=asa,
        occupancy=occ,
        target_seconds=seconds,
        target_attainment=goal,
        fte=fte,
        contacts_per_month=contacts,
        deflected_per_month=channel.volume_per_month - contacts,
        cost_per_month=cost,
        service_level_week=_weighted(sl, rate) if level_week is None else level_week,
        asa_week_seconds=_weighted(asa, rate),
        occupancy_week=float(load.sum()) / (worked * channel.concurrency) if worked else 0.0,
        abandon_week=abandon,
        reachable=reachable,
    )


def _escalated_work(model: ModelInput) -> dict[str, float]:
    """Weekly tickets arriving at each team of tier 2 and up, following the escalation shares down."""
    arriving: dict[str, float] = {t.id: 0.0 for t in model.teams}
    for channel in model.channels:
        if channel.team is None:
            continue
        weekly = float(channel.arrivals_per_hour.sum())
        first = model.team(channel.team)
        escalated = weekly * (1.0 - channel.first_contact_resolution)
        weights = sum(share for _, share in first.escalates_to)
        for target, share in first.escalates_to:
            arriving[target] += escalated * share / weights if weights else 0.0
    order = sorted((t for t in model.teams if t.tier >= 2), key=lambda t: t.tier)
    for team in order:
        for target, share in team.escalates_to:
            if model.team(target).tier > team.tier:
                arriving[target] += arriving[team.id] * share
    return arriving


def staff(model: ModelInput) -> Staffing:
    """Hourly staffing of every channel and the FTE each team needs for it."""
    teams = {t.id: t for t in model.teams}
    channels: list[ChannelStaffing] = []
    for channel in model.channels:
        team = teams.get(channel.team) if channel.team else None
        shrinkage = team.shrinkage if team else model.assumptions.shrinkage
        if channel.handled_per_month <= 0 or channel.handle_minutes <= 0:
            zero = np.zeros(HOURS_PER_WEEK)
            channels.append(
                _summary(
                    channel,
                    model,
                    "none",
                    shrinkage,
                    zero,
                    zero,
                    zero,
                    np.ones(HOURS_PER_WEEK),
                    zero,
                    zero,
                    *channel.answer_target(),
                    0.0,
                )
            )
        elif channel.live:
            channels.append(_live(channel, model, shrinkage))
        else:
            channels.append(_deferred(channel, model, team, shrinkage))
    arriving = _escalated_work(model)
    hours = model.assumptions.hours_per_fte_week
    out: list[TeamStaffing] = []
    for team in model.teams:
        own = [c for c in channels if c.team == team.id]
        fte = sum(c.fte for c in own)
        workload = float(sum(float(c.load.sum()) for c in own))
        if team.tier >= 2 or not own:
            escalated_hours = arriving.get(team.id, 0.0) * team.handle_minutes / 60.0
            workload += escalated_hours
            fte += escalated_hours / model.assumptions.max_occupancy / (1.0 - team.shrinkage) / hours
        out.append(
            TeamStaffing(team.id, team.name, team.tier, fte, team.fte, fte * team.cost_per_fte_year, workload)
        )
    return Staffing(model.name, tuple(channels), tuple(out))


def rostered_agents(fte: float, shrinkage: float, open_hours: int, hours_per_fte_week: float) -> float:
    """Agents on duty in each open hour that a team of `fte` can field (the inverse of the FTE formula)."""
    if open_hours <= 0:
        return 0.0
    return fte * (1.0 - shrinkage) * hours_per_fte_week / open_hours


def ceil_agents(value: float) -> int:
    return max(1, math.ceil(value - 1e-9))
