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
from tomkit.scenarios.inputs import ChannelInput, FloatArray, ModelInput
from tomkit.scenarios.kernel import IntArray
from tomkit.scenarios.overrides import ScenarioError
from tomkit.scenarios.staffing import Staffing, rostered_agents

MAX_STAGES = 5


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


def _ceil_roster(values: FloatArray) -> IntArray:
    return np.asarray(np.ceil(np.asarray(values) - 1e-9), dtype=np.int64).clip(min=0)


def build_network(model: ModelInput, staffing: Staffing, how: str) -> Network:
    stations: list[Station] = []
    first: dict[str, int] = {}
    hours = model.assumptions.hours_per_fte_week
    team_ids = {t.id for t in model.teams}
    own: dict[str, list[ChannelInput]] = {}
    for channel in model.channels:
        if channel.team:
            own.setdefault(channel.team, []).append(channel)
    for channel in model.channels:
        if channel.handled_per_month <= 0 or channel.handle_minutes <= 0:
            continue
        result = staffing.channel(channel.id)
        if how == "rostered" and channel.team and model.team(channel.team).fte is not None:
            team = model.team(channel.team)
            load = {c.id: c.handled_per_month * c.handle_minutes for c in own[team.id]}
            share = load[channel.id] / sum(load.values())
            open_hours = team.open_hours & (channel.open_hours if channel.live else team.open_hours)
            agents = rostered_agents(team.fte or 0.0, team.shrinkage, int(team.open_hours.sum()), hours)
            per_hour = np.where(open_hours, math.floor(agents * share + 0.5) or 1, 0)
            roster = np.asarray(per_hour * channel.concurrency, dtype=np.int64)
        else:
            roster = _ceil_roster(result.agents * channel.concurrency)
        if roster.max() <= 0:
            raise ScenarioError(f"channel {channel.id!r} has demand but no agents on duty at any hour")
        first[channel.id] = len(stations)
        stations.append(Station(f"channel:{channel.id}", roster))
    team_station: dict[str, int] = {}
    work_hours: dict[int, float] = {}
    for team_staffing in staffing.teams:
        team = model.team(team_staffing.team)
        if team.tier < 2 and team.id in own:
            continue
        open_count = int(team.open_hours.sum())
        fte = team.fte if how == "rostered" and team.fte is not None else team_staffing.required_fte
        agents = rostered_agents(fte, team.shrinkage, open_count, hours)
        roster = np.where(team.open_hours, max(1, math.ceil(agents - 1e-9)), 0).astype(np.int64)
        team_station[team.id] = len(stations)
        work_hours[len(stations)] = team.handle_minutes / 60.0
        stations.append(Station(f"team:{team.id}", roster))
    onward: dict[int, tuple[IntArray, FloatArray, bool]] = {}
    for channel in model.channels:
        if channel.id in first and channel.team:
            targets = [
                (team_station[t], s) for t, s in model.team(channel.team).escalates_to if t in team_station
            ]
            if targets:
                weights = np.array([s for _, s in targets], dtype=np.float64)
                onward[first[channel.id]] = (
                    np.array([i for i, _ in targets], dtype=np.int64),
                    weights / weights.sum(),
                    True,
                )
    for team in model.teams:
        if team.id in team_station:
            targets = [
                (team_station[t], s) for t, s in team.escalates_to if t in team_ids and t in team_station
            ]
            if targets:
                probs = np.array([s for _, s in targets], dtype=np.float64)
                if probs.sum() > 1:
                    probs = probs / probs.sum()
                onward[team_station[team.id]] = (
                    np.array([i for i, _ in targets], dtype=np.int64),
                    probs,
                    False,
                )
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
    route = np.full((n, MAX_STAGES), -1, dtype=np.int64)
    work = np.zeros((n, MAX_STAGES))
    route[:, 0] = np.concatenate(station_list)[sequence]
    work[:, 0] = np.concatenate(work_list)[sequence]
    moving = np.concatenate(escalate_list)[sequence]
    for stage in range(1, MAX_STAGES):
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
