"""The desk as a network of stations for the simulation, and the random streams that flow through it.

Stations are each channel's tier-1 pool (agents x concurrency servers, rostered hour by hour) and
every team of tier 2 and up (its agents in its hours of cover). Routes follow first-contact resolution
at tier 1 and the `escalates-to` shares below it. Streams are drawn from an explicit Generator only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from tomkit.scenarios.calendar import HOURS_PER_WEEK
from tomkit.scenarios.flow import Station, Streams
from tomkit.scenarios.inputs import FloatArray, ModelInput, TeamInput
from tomkit.scenarios.kernel import IntArray
from tomkit.scenarios.overrides import ScenarioError
from tomkit.scenarios.staffing import Staffing, first_escalation, rostered_agents


@dataclass(frozen=True)
class Network:
    """Stations, their processing order, and how tickets move between them."""

    stations: list[Station]
    order: list[int]
    first: dict[str, int]
    """channel id -> its tier-1 station."""
    onward: dict[int, tuple[IntArray, FloatArray, bool]]
    """station -> (next stations, probabilities, split_only): split_only means the decision to escalate
    is the channel's (1 - FCR) and the probabilities only choose where to."""
    work_hours: dict[int, float]
    """mean work per ticket at team stations."""

    @property
    def depth(self) -> int:
        """The most stages a ticket can pass through: the longest escalation chain, plus one."""
        longest = dict.fromkeys(range(len(self.stations)), 1)
        for node in self.order:
            for target in self.onward.get(node, (np.zeros(0, dtype=np.int64),))[0].tolist():
                longest[target] = max(longest[target], longest[node] + 1)
        return max(longest.values(), default=1)


def _ceil_roster(values: FloatArray) -> IntArray:
    return np.asarray(np.ceil(np.asarray(values) - 1e-9), dtype=np.int64).clip(min=0)


def _rostered_shares(model: ModelInput, staffing: Staffing) -> dict[str, dict[str, float]]:
    """team -> {channel id or "" for escalated work: share of the team's weekly workload}."""
    out: dict[str, dict[str, float]] = {}
    by_team = {t.team: t for t in staffing.teams}
    for team in model.teams:
        loads = {c.id: float(staffing.channel(c.id).load.sum()) * dict(c.teams).get(team.id, 0.0)
                 for c in model.channels}  # fmt: skip
        loads[""] = by_team[team.id].escalated_hours_week
        total = sum(loads.values())
        out[team.id] = {k: v / total for k, v in loads.items() if v > 0} if total > 0 else {}
    return out


def build_network(model: ModelInput, staffing: Staffing, how: str) -> Network:
    """Stations with rosters (`how`: required or rostered staff) and the escalation routes between them."""
    stations: list[Station] = []
    first: dict[str, int] = {}
    hours = model.assumptions.hours_per_fte_week
    shares = _rostered_shares(model, staffing)

    def on_duty(team: TeamInput, fte: float) -> float:
        return rostered_agents(fte, team.shrinkage, int(team.open_hours.sum()), hours)

    for channel in model.channels:
        if channel.handled_per_month <= 0 or channel.handle_minutes <= 0:
            continue
        rostered = [model.team(t) for t, _ in channel.teams]
        if how == "rostered" and rostered and all(t.fte is not None for t in rostered):
            per_hour = np.zeros(HOURS_PER_WEEK)
            for team in rostered:
                agents = on_duty(team, team.fte or 0.0) * shares[team.id].get(channel.id, 0.0)
                per_hour += np.where(team.open_hours, agents, 0.0)
            if channel.live:
                per_hour = np.where(channel.open_hours, per_hour, 0.0)
            roster = np.asarray(np.floor(per_hour * channel.concurrency + 0.5), dtype=np.int64)
        else:
            roster = _ceil_roster(staffing.channel(channel.id).agents * channel.concurrency)
        if roster.max() <= 0:
            raise ScenarioError(f"channel {channel.id!r} has demand but no agents on duty at any hour")
        first[channel.id] = len(stations)
        stations.append(Station(f"channel:{channel.id}", roster))
    team_station: dict[str, int] = {}
    work_hours: dict[int, float] = {}
    for team_staffing in staffing.teams:
        team = model.team(team_staffing.team)
        if team_staffing.escalated_hours_week <= 0:
            continue
        if how == "rostered" and team.fte is not None:
            agents = on_duty(team, team.fte) * shares[team.id].get("", 0.0)
        else:
            agents = on_duty(team, team_staffing.escalated_fte)
        roster = np.where(team.open_hours, max(1, math.ceil(agents - 1e-9)), 0).astype(np.int64)
        team_station[team.id] = len(stations)
        work_hours[len(stations)] = team.handle_minutes / 60.0
        stations.append(Station(f"team:{team.id}", roster))
    onward: dict[int, tuple[IntArray, FloatArray, bool]] = {}
    for channel in model.channels:
        if channel.id not in first:
            continue
        routes = [
            (team_station[t], w) for t, w in first_escalation(model, channel).items() if t in team_station
        ]
        if routes:
            weights = np.array([w for _, w in routes], dtype=np.float64)
            targets = np.array([i for i, _ in routes], dtype=np.int64)
            onward[first[channel.id]] = (targets, weights / weights.sum(), True)
    for team in model.teams:
        if team.id not in team_station:
            continue
        routes = [(team_station[t], s) for t, s in team.escalates_to if t in team_station]
        if routes:
            probs = np.array([s for _, s in routes], dtype=np.float64)
            if probs.sum() > 1:
                probs = probs / probs.sum()
            onward[team_station[team.id]] = (np.array([i for i, _ in routes], dtype=np.int64), probs, False)
    order = _topological(len(stations), onward)
    return Network(stations, order, first, onward, work_hours)


def _topological(count: int, onward: dict[int, tuple[IntArray, FloatArray, bool]]) -> list[int]:
    indegree = [0] * count
    for targets, _, _ in onward.values():
        for t in targets.tolist():
            indegree[t] += 1
    ready = [i for i in range(count) if indegree[i] == 0]
    order: list[int] = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for t in onward.get(node, (np.zeros(0, dtype=np.int64),))[0].tolist():
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
    if len(order) != count:
        raise ScenarioError("escalation between teams goes round in a circle: escalates-to must point onward")
    return order


# --- random streams ------------------------------------------------------------------------------


def _work(rng: np.random.Generator, mean: float, size: int, cv: float) -> FloatArray:
    if abs(cv - 1.0) < 1e-12:
        return rng.exponential(mean, size)
    sigma2 = math.log(1.0 + cv * cv)
    return rng.lognormal(math.log(mean) - sigma2 / 2.0, math.sqrt(sigma2), size)


def generate_streams(
    model: ModelInput, network: Network, weeks: float, rng: np.random.Generator, handle_cv: float = 1.0
) -> Streams:
    """Arrivals, priorities, routes and work for one replication of `weeks` weeks."""
    horizon = weeks
    whole = math.ceil(horizon)
    hours_total = round(horizon * HOURS_PER_WEEK)
    priorities = list(model.priority_mix)
    mix = np.array([model.priority_mix[p] for p in priorities], dtype=np.float64)
    arrivals_list: list[FloatArray] = []
    channels_list: list[IntArray] = []
    work_list: list[FloatArray] = []
    station_list: list[IntArray] = []
    escalate_list: list[NDArray[np.bool_]] = []
    for code, channel in enumerate(model.channels):
        if channel.id not in network.first:
            continue
        rates = np.tile(channel.arrivals_per_hour, whole)[:hours_total]
        counts = rng.poisson(rates)
        times = np.repeat(np.arange(hours_total, dtype=np.float64), counts) + rng.random(int(counts.sum()))
        arrivals_list.append(times)
        channels_list.append(np.full(times.size, code, dtype=np.int64))
        work_list.append(_work(rng, channel.handle_minutes / 60.0, times.size, handle_cv))
        station_list.append(np.full(times.size, network.first[channel.id], dtype=np.int64))
        escalate_list.append(rng.random(times.size) >= channel.first_contact_resolution)
    if not arrivals_list:
        raise ScenarioError("no channel has demand and agents: nothing to simulate")
    sequence = np.argsort(np.concatenate(arrivals_list), kind="stable")
    arrivals = np.concatenate(arrivals_list)[sequence]
    channel_codes = np.concatenate(channels_list)[sequence]
    n = arrivals.size
    stages = network.depth
    route = np.full((n, stages), -1, dtype=np.int64)
    work = np.zeros((n, stages))
    route[:, 0] = np.concatenate(station_list)[sequence]
    work[:, 0] = np.concatenate(work_list)[sequence]
    moving = np.concatenate(escalate_list)[sequence]
    for stage in range(1, stages):
        previous = route[:, stage - 1]
        for station, (targets, probs, split_only) in network.onward.items():
            rows = np.flatnonzero(previous == station)
            if rows.size == 0:
                continue
            draw = rng.random(rows.size)
            if split_only:
                go = moving[rows]
                cumulative = np.cumsum(probs)
                pick = np.searchsorted(cumulative, rng.random(rows.size) * cumulative[-1], side="right")
            else:
                cumulative = np.cumsum(probs)
                go = draw < cumulative[-1]
                pick = np.searchsorted(cumulative, draw, side="right")
            pick = np.minimum(pick, targets.size - 1)
            chosen = rows[go]
            route[chosen, stage] = targets[pick[go]]
        for station, mean in network.work_hours.items():
            rows = np.flatnonzero(route[:, stage] == station)
            work[rows, stage] = _work(rng, mean, rows.size, handle_cv)
    priority = rng.choice(len(priorities), size=n, p=mix / mix.sum()).astype(np.int64)
    return Streams(arrivals, channel_codes, priority, route, work)
