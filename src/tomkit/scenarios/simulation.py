"""Seeded discrete-event simulation of the multi-tier desk: resolution times and SLA attainment.

Arrivals per channel follow the hourly profile as a non-homogeneous Poisson stream; each contact is
handled at tier 1 (its channel's pool of agents), resolved there with the channel's first-contact
resolution, or escalated down the `escalates-to` chain, queueing first-come-first-served at each team
in its hours of cover. Every random number comes from a NumPy Generator spawned from one seed, so a
run is reproducible; replications give confidence intervals. Times are elapsed wall-clock hours.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy.stats import t as student_t

from tomkit.scenarios.calendar import HOURS_PER_WEEK
from tomkit.scenarios.flow import FlowTimes, Streams, run_flow
from tomkit.scenarios.inputs import ChannelInput, FloatArray, ModelInput
from tomkit.scenarios.kernel import IntArray
from tomkit.scenarios.network import Network, build_network, generate_streams
from tomkit.scenarios.overrides import ScenarioError
from tomkit.scenarios.staffing import Staffing, staff

RESOLUTION_CHECKPOINTS = (0.5, 1.0, 2.0, 4.0, 8.0, 24.0, 48.0, 72.0, 120.0, 240.0)
"""Hours at which the share of tickets resolved is measured."""


@dataclass(frozen=True)
class SimulationOptions:
    weeks: float = 52.0
    replications: int = 5
    seed: int = 0
    warmup_weeks: float = 1.0
    staffing: Literal["required", "rostered"] = "required"
    """required: agents as the analytic staffing asks; rostered: the teams' FTE as the state has them."""
    handle_cv: float = 1.0
    """Coefficient of variation of work times: 1 is exponential (the Erlang assumption), else lognormal."""
    discipline: Literal["priority", "fifo"] = "priority"
    """priority: every queue takes the most urgent ticket first (P1 before P2...); fifo: arrival order."""
    confidence: float = 0.95


@dataclass(frozen=True)
class Estimate:
    """A mean over replications with the half-width of its confidence interval (NaN with one replication)."""

    mean: float
    half_width: float

    @property
    def low(self) -> float:
        return self.mean - self.half_width

    @property
    def high(self) -> float:
        return self.mean + self.half_width

    def covers(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Segment:
    """Results for one channel and priority (priority None: the whole channel; channel "all": the desk)."""

    channel: str
    priority: str | None
    tickets: float
    answered_in_target: Estimate
    resolved_in_target: Estimate | None
    resolution_target_hours: float | None
    mean_resolution_hours: Estimate
    p50_resolution_hours: Estimate
    p90_resolution_hours: Estimate
    mean_wait_seconds: Estimate
    escalated: Estimate
    distribution: tuple[tuple[float, Estimate], ...] = ()
    """Share resolved within each of `RESOLUTION_CHECKPOINTS` hours: the resolution-time distribution."""


@dataclass(frozen=True)
class StationLoad:
    station: str
    servers: int
    utilisation: Estimate


@dataclass(frozen=True)
class SimulationResult:
    name: str
    options: SimulationOptions
    tickets: float
    """Tickets per replication in the measured window."""
    segments: tuple[Segment, ...]
    stations: tuple[StationLoad, ...]

    def segment(self, channel: str, priority: str | None = None) -> Segment:
        for s in self.segments:
            if s.channel == channel and s.priority == priority:
                return s
        raise KeyError(f"no results for channel {channel!r} priority {priority!r}")


# --- statistics ----------------------------------------------------------------------------------


def _estimate(values: list[float], confidence: float) -> Estimate:
    data = np.asarray(values, dtype=np.float64)
    data = data[np.isfinite(data)]
    if data.size == 0:
        return Estimate(math.nan, math.nan)
    mean = float(data.mean())
    if data.size < 2:
        return Estimate(mean, math.nan)
    half = float(
        student_t.ppf(0.5 + confidence / 2.0, data.size - 1) * data.std(ddof=1) / math.sqrt(data.size)
    )
    return Estimate(mean, half)


def _resolution_target(channel: ChannelInput, priority: str) -> float | None:
    exact = [t.resolution_hours for t in channel.targets if t.priority == priority]
    if exact:
        return exact[0]
    general = [t.resolution_hours for t in channel.targets if t.priority.lower() in {"all", "any", "*"}]
    return general[0] if general else None


@dataclass
class _Sample:
    """One replication's measures of one segment."""

    tickets: list[float]
    answered: list[float]
    resolved: list[float]
    mean: list[float]
    p50: list[float]
    p90: list[float]
    wait: list[float]
    escalated: list[float]
    within: list[list[float]]
    """Per replication, the share resolved within each checkpoint."""


def _measure(
    wait_hours: FloatArray,
    resolution: FloatArray,
    escalated: NDArray[np.bool_],
    answer_hours: FloatArray,
    limit: FloatArray,
    sample: _Sample,
) -> None:
    """Add one replication's measures of a group of tickets; `limit` is each ticket's resolution target
    (NaN: none), and the share resolved in time counts only tickets that have one."""
    count = int(resolution.size)
    sample.tickets.append(count)
    if count == 0:
        for values in (sample.answered, sample.resolved, sample.mean, sample.p50, sample.p90, sample.wait,
                       sample.escalated):  # fmt: skip
            values.append(math.nan)
        sample.within.append([math.nan] * len(RESOLUTION_CHECKPOINTS))
        return
    sample.answered.append(float(np.mean(wait_hours <= answer_hours + 1e-12)))
    targeted = np.isfinite(limit)
    if targeted.any():
        sample.resolved.append(float(np.mean(resolution[targeted] <= limit[targeted])))
    else:
        sample.resolved.append(math.nan)
    sample.mean.append(float(resolution.mean()))
    p50, p90 = np.quantile(resolution, [0.5, 0.9])
    sample.p50.append(float(p50))
    sample.p90.append(float(p90))
    sample.wait.append(float(wait_hours.mean() * 3600.0))
    sample.escalated.append(float(escalated.mean()))
    ordered = np.sort(resolution)
    counts = np.searchsorted(ordered, np.asarray(RESOLUTION_CHECKPOINTS), side="right")
    sample.within.append((counts / count).tolist())


def priority_ranks(priorities: list[str]) -> IntArray:
    """Urgency rank of each priority code: P1 < P2 < ... by number when all are named P<n>, else as listed."""
    numbers = [re.fullmatch(r"[Pp](\d+)", p) for p in priorities]
    if all(numbers):
        order = sorted(range(len(priorities)), key=lambda i: int(numbers[i].group(1)))  # type: ignore[union-attr]
    else:
        order = list(range(len(priorities)))
    ranks = np.zeros(len(priorities), dtype=np.int64)
    for rank, code in enumerate(order):
        ranks[code] = rank
    return ranks


def simulate(
    model: ModelInput, options: SimulationOptions | None = None, staffing: Staffing | None = None
) -> SimulationResult:
    """Replicated simulation of the model; staffing defaults to the analytic staffing of the same model."""
    options = options or SimulationOptions()
    if options.replications < 1 or options.weeks <= 0:
        raise ScenarioError("a simulation needs at least one replication and a positive number of weeks")
    staffing = staffing or staff(model)
    network = build_network(model, staffing, options.staffing)
    channels = list(model.channels)
    priorities = list(model.priority_mix)
    answer = np.array([c.answer_target()[0] / 3600.0 for c in channels])
    keys: list[tuple[str, str | None]] = [("all", None)]
    for channel in channels:
        if channel.id in network.first:
            keys.append((channel.id, None))
            keys.extend((channel.id, p) for p in priorities)
    samples = {key: _Sample([], [], [], [], [], [], [], [], []) for key in keys}
    busy: dict[int, list[float]] = {i: [] for i in range(len(network.stations))}
    targets = {(c.id, p): _resolution_target(c, p) for c in channels for p in priorities}
    urgency = priority_ranks(priorities)
    children = np.random.SeedSequence(options.seed).spawn(options.replications)
    start_window = options.warmup_weeks * HOURS_PER_WEEK
    end_window = start_window + options.weeks * HOURS_PER_WEEK
    tickets_total = 0.0
    for child in children:
        rng = np.random.default_rng(child)
        streams = generate_streams(
            model, network, options.weeks + options.warmup_weeks, rng, options.handle_cv
        )
        ranks = urgency[streams.priority] if options.discipline == "priority" else None
        times = run_flow(streams, network.stations, network.order, ranks)
        _collect(
            streams,
            times,
            network,
            channels,
            priorities,
            answer,
            targets,
            samples,
            busy,
            start_window,
            end_window,
        )
        tickets_total += samples[("all", None)].tickets[-1]
    segments = []
    for (channel_id, priority), sample in samples.items():
        target = targets.get((channel_id, priority)) if priority else None
        has_target = not all(math.isnan(v) for v in sample.resolved)
        segments.append(
            Segment(
                channel=channel_id,
                priority=priority,
                tickets=float(np.mean(sample.tickets)),
                answered_in_target=_estimate(sample.answered, options.confidence),
                resolved_in_target=_estimate(sample.resolved, options.confidence) if has_target else None,
                resolution_target_hours=target,
                mean_resolution_hours=_estimate(sample.mean, options.confidence),
                p50_resolution_hours=_estimate(sample.p50, options.confidence),
                p90_resolution_hours=_estimate(sample.p90, options.confidence),
                mean_wait_seconds=_estimate(sample.wait, options.confidence),
                escalated=_estimate(sample.escalated, options.confidence),
                distribution=tuple(
                    (hours, _estimate([w[n] for w in sample.within], options.confidence))
                    for n, hours in enumerate(RESOLUTION_CHECKPOINTS)
                ),
            )
        )
    stations = tuple(
        StationLoad(s.name, int(s.roster.max()), _estimate(busy[i], options.confidence))
        for i, s in enumerate(network.stations)
    )
    return SimulationResult(
        model.name, options, tickets_total / options.replications, tuple(segments), stations
    )


def _collect(
    streams: Streams,
    times: FlowTimes,
    network: Network,
    channels: list[ChannelInput],
    priorities: list[str],
    answer: FloatArray,
    targets: dict[tuple[str, str], float | None],
    samples: dict[tuple[str, str | None], _Sample],
    busy: dict[int, list[float]],
    start_window: float,
    end_window: float,
) -> None:
    count = len(priorities)
    limits = np.array(
        [
            targets[(c.id, p)] if targets[(c.id, p)] is not None else np.nan
            for c in channels
            for p in priorities
        ],
        dtype=np.float64,
    )
    # the measured tickets, sorted by channel then priority: every group is a contiguous slice
    idx = np.flatnonzero((streams.arrivals >= start_window) & (streams.arrivals < end_window))
    group = streams.channel[idx] * count + streams.priority[idx]
    sequence = np.argsort(group, kind="stable")
    idx, group = idx[sequence], group[sequence]
    bounds = np.searchsorted(group, np.arange(len(channels) * count + 1))
    wait = times.start[idx, 0] - streams.arrivals[idx]
    resolution = times.resolved[idx] - streams.arrivals[idx]
    escalated = (
        streams.route[idx, 1] >= 0 if streams.route.shape[1] > 1 else np.zeros(idx.size, dtype=np.bool_)
    )
    answer_hours = answer[streams.channel[idx]]
    limit = limits[group]

    def measure(low: int, high: int, sample: _Sample) -> None:
        part = slice(low, high)
        _measure(wait[part], resolution[part], escalated[part], answer_hours[part], limit[part], sample)

    measure(0, idx.size, samples[("all", None)])
    for c, channel in enumerate(channels):
        if channel.id not in network.first:
            continue
        measure(int(bounds[c * count]), int(bounds[(c + 1) * count]), samples[(channel.id, None)])
        for p, priority in enumerate(priorities):
            g = c * count + p
            measure(int(bounds[g]), int(bounds[g + 1]), samples[(channel.id, priority)])
    flat_start = times.start.ravel()
    flat_route = streams.route.ravel()
    used = np.flatnonzero(flat_route >= 0)
    inside = used[(flat_start[used] >= start_window) & (flat_start[used] < end_window)]
    worked = np.bincount(
        flat_route[inside], weights=streams.work.ravel()[inside], minlength=len(network.stations)
    )
    weeks = (end_window - start_window) / HOURS_PER_WEEK
    for i, station in enumerate(network.stations):
        capacity = float(station.roster.sum()) * weeks
        busy[i].append(float(worked[i]) / capacity if capacity else math.nan)
