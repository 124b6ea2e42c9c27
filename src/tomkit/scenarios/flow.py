"""The multi-tier ticket flow: stations (queues with agents) linked by escalation, run stage by stage.

Each ticket carries its route as a row of station indices (-1 once resolved) and the work it needs
at each stage. Stations are processed in escalation order (first-tier pools, then tier 2, tier 3...),
so every station sees all its arrivals, sorted, before its kernel runs. Pure NumPy around the kernel:
the same streams can be fed to any other simulator and must give the same times.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tomkit.scenarios.kernel import FloatArray, IntArray, fifo_servers, priority_servers


@dataclass(frozen=True)
class Station:
    """A queue with its agents: a channel's first-tier pool or a team at tier 2 and up."""

    name: str
    roster: IntArray
    """Servers on duty in each of the 168 hours of the week (chat: agents x concurrency)."""


@dataclass(frozen=True)
class Streams:
    """One replication's random input: every ticket's arrival, route and work (times in hours)."""

    arrivals: FloatArray
    channel: IntArray
    priority: IntArray
    route: IntArray
    """(tickets, stages): station index per stage, -1 when the ticket is resolved."""
    work: FloatArray
    """(tickets, stages): work at each stage, in hours."""


@dataclass(frozen=True)
class FlowTimes:
    start: FloatArray
    """(tickets, stages): when work began at each stage (NaN where there is no such stage)."""
    finish: FloatArray

    @property
    def resolved(self) -> FloatArray:
        """When each ticket left its last stage."""
        return np.asarray(np.nanmax(self.finish, axis=1), dtype=np.float64)


def visits(route: IntArray, count: int) -> list[IntArray]:
    """For each station, the flat indices (ticket * stages + stage) of its visits, in ticket order."""
    flat = route.ravel()
    valid = np.flatnonzero(flat >= 0)
    station = flat[valid]
    grouped = valid[np.argsort(station, kind="stable")]
    bounds = np.concatenate([[0], np.cumsum(np.bincount(station, minlength=count))])
    return [grouped[bounds[i] : bounds[i + 1]] for i in range(count)]


def run_flow(
    streams: Streams, stations: list[Station], order: list[int], ranks: IntArray | None = None
) -> FlowTimes:
    """Start and finish of every stage; `order` lists station indices so escalations point forward.

    With `ranks` (one per ticket, lower is more urgent) every queue serves the most urgent ticket
    first; without, first come, first served.
    """
    tickets, stages = streams.route.shape
    start = np.full(tickets * stages, np.nan)
    finish = np.full(tickets * stages, np.nan)
    work_flat = streams.work.ravel()
    groups = visits(streams.route, len(stations))
    for index in order:
        entries = groups[index]
        if entries.size == 0:
            continue
        rows, cols = np.divmod(entries, stages)
        ready = np.where(cols == 0, streams.arrivals[rows], finish[entries - 1])
        if np.isnan(ready).any():
            raise ValueError(f"station {stations[index].name!r} receives work before its sender ran")
        sequence = np.argsort(ready, kind="stable")
        entries, ready = entries[sequence], ready[sequence]
        work = work_flat[entries]
        roster = stations[index].roster
        if ranks is None:
            begun = fifo_servers(ready, work, roster=roster)
        else:
            begun = priority_servers(ready, work, ranks[entries // stages], roster=roster)
        start[entries] = begun
        finish[entries] = begun + work
    return FlowTimes(start.reshape(tickets, stages), finish.reshape(tickets, stages))
