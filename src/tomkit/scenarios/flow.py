"""The multi-tier ticket flow: stations (queues with agents) linked by escalation, run stage by stage.

Each ticket carries its route as a row of station indices (-1 once resolved) and the work it needs
at each stage. Stations are processed in escalation order (first-tier pools, then tier 2, tier 3...),
so every station sees all its arrivals, sorted, before its kernel runs. Pure NumPy around the kernel:
the same streams can be fed to any other simulator and must give the same times.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tomkit.scenarios.kernel import FloatArray, IntArray, fifo_servers


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


def run_flow(streams: Streams, stations: list[Station], order: list[int]) -> FlowTimes:
    """Start and finish of every stage; `order` lists station indices so escalations point forward."""
    tickets, stages = streams.route.shape
    start = np.full((tickets, stages), np.nan)
    finish = np.full((tickets, stages), np.nan)
    for index in order:
        rows, cols = np.nonzero(streams.route == index)
        if rows.size == 0:
            continue
        ready = np.where(cols == 0, streams.arrivals[rows], finish[rows, cols - 1])
        if np.isnan(ready).any():
            raise ValueError(f"station {stations[index].name!r} receives work before its sender ran")
        sequence = np.argsort(ready, kind="stable")
        rows, cols, ready = rows[sequence], cols[sequence], ready[sequence]
        work = streams.work[rows, cols]
        begun = fifo_servers(ready, work, roster=stations[index].roster)
        start[rows, cols] = begun
        finish[rows, cols] = begun + work
    return FlowTimes(start, finish)
