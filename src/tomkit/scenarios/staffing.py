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
from tomkit.scenarios.calendar import HOURS_PER_WEEK, BoolArray
from tomkit.scenarios.erlang import erlang_c_metrics, staff_erlang_a, staff_erlang_c_many
from tomkit.scenarios.inputs import WEEKS_PER_MONTH, ChannelInput, FloatArray, ModelInput
from tomkit.scenarios.overrides import ScenarioError

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
    escalated_fte: float = 0.0
    """The part of `required_fte` that works escalated tickets (the rest answers channels)."""
    escalated_hours_week: float = 0.0


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
        """Contact cost over the contacts of channels that have a cost per contact."""
        contacts = sum(c.contacts_per_month for c in self.channels if c.cost_per_month is not None)
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
    channel: ChannelInput, model: ModelInput, open_hours: BoolArray, shrinkage: float
) -> ChannelStaffing:
    a = model.assumptions
    rate = channel.arrivals_per_hour
    load = rate * channel.handle_minutes / 60.0
    seconds, goal = channel.answer_target()
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


def team_order(model: ModelInput) -> list[str]:
    """Team ids so that every team comes before those it escalates to; a circle is an error."""
    ids = [t.id for t in model.teams]
    indegree = dict.fromkeys(ids, 0)
    for team in model.teams:
        for target, _ in team.escalates_to:
            indegree[target] += 1
    ready = [i for i in ids if indegree[i] == 0]
    order: list[str] = []
    while ready:
        current = ready.pop(0)
        order.append(current)
        for target, _ in model.team(current).escalates_to:
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    if len(order) != len(ids):
        circle = ", ".join(i for i in ids if i not in order)
        raise ScenarioError(
            f"escalation between teams goes round in a circle ({circle}): escalates-to must point onward"
        )
    return order


def first_escalation(model: ModelInput, channel: ChannelInput) -> dict[str, float]:
    """Where a channel's unresolved contacts go: team -> share of them, over all teams answering it."""
    out: dict[str, float] = {}
    for team_id, weight in channel.teams:
        onward = model.team(team_id).escalates_to
        total = sum(share for _, share in onward)
        for target, share in onward:
            if total > 0:
                out[target] = out.get(target, 0.0) + weight * share / total
    total = sum(out.values())
    return {k: v / total for k, v in out.items()} if total > 0 else {}


def _escalated_work(model: ModelInput) -> dict[str, float]:
    """Weekly tickets arriving at each team by escalation, following the shares down the chain."""
    arriving: dict[str, float] = {t.id: 0.0 for t in model.teams}
    for channel in model.channels:
        escalated = float(channel.arrivals_per_hour.sum()) * (1.0 - channel.first_contact_resolution)
        for target, share in first_escalation(model, channel).items():
            arriving[target] += escalated * share
    answering = {team for c in model.channels for team, _ in c.teams}
    for team_id in team_order(model):
        team = model.team(team_id)
        if team_id in answering and team.tier < 2:
            continue
        for target, share in team.escalates_to:
            arriving[target] += arriving[team_id] * share
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
                _summary(channel, model, "none", shrinkage, zero, zero, zero, np.ones(HOURS_PER_WEEK), zero,
                         zero, *channel.answer_target(), 0.0)
            )  # fmt: skip
        elif channel.live:
            channels.append(_live(channel, model, shrinkage))
        else:
            cover = [teams[t].open_hours for t, _ in channel.teams if t in teams]
            open_hours = np.logical_or.reduce(cover) if cover else channel.open_hours
            channels.append(_deferred(channel, model, open_hours, shrinkage))
    arriving = _escalated_work(model)
    hours = model.assumptions.hours_per_fte_week
    out: list[TeamStaffing] = []
    for team in model.teams:
        fte = 0.0
        workload = 0.0
        for c, result in zip(model.channels, channels, strict=True):
            share = dict(c.teams).get(team.id, 0.0)
            fte += result.fte * share
            workload += float(result.load.sum()) * share
        escalated_hours = arriving.get(team.id, 0.0) * team.handle_minutes / 60.0
        escalated_fte = escalated_hours / model.assumptions.max_occupancy / (1.0 - team.shrinkage) / hours
        out.append(
            TeamStaffing(team.id, team.name, team.tier, fte + escalated_fte, team.fte,
                         (fte + escalated_fte) * team.cost_per_fte_year, workload + escalated_hours,
                         escalated_fte, escalated_hours)
        )  # fmt: skip
    return Staffing(model.name, tuple(channels), tuple(out))


def rostered_agents(fte: float, shrinkage: float, open_hours: int, hours_per_fte_week: float) -> float:
    """Agents on duty in each open hour that a team of `fte` can field (the inverse of the FTE formula)."""
    if open_hours <= 0:
        return 0.0
    return fte * (1.0 - shrinkage) * hours_per_fte_week / open_hours


def ceil_agents(value: float) -> int:
    return max(1, math.ceil(value - 1e-9))


@dataclass(frozen=True)
class CurvePoint:
    agents: int
    service_level: float
    asa_seconds: float
    occupancy: float


def service_level_curve(result: ChannelStaffing, hour: int | None = None, span: int = 6) -> list[CurvePoint]:
    """Service level against agents for one hour of a live channel (default: its busiest hour).

    Shows what one agent more or less buys around the staffing found, the shape behind the Erlang numbers.
    """
    if not result.method.startswith("erlang"):
        raise ValueError(f"channel {result.channel!r} is not a live channel staffed with Erlang")
    h = int(np.argmax(result.load)) if hour is None else hour
    load = float(result.load[h])
    if load <= 0:
        return []
    handle = load / float(result.arrivals[h]) * 3600.0
    low = max(1, math.floor(load) + 1)
    high = max(low + 2 * span, int(result.agents[h]) + span)
    points = []
    for n in range(low, high + 1):
        m = erlang_c_metrics(n, load, handle, result.target_seconds)
        points.append(CurvePoint(n, m.service_level, m.asa, m.occupancy))
    return points
