"""Directly-follows graph: how often activity b directly follows a in a case, and how long it takes.

Kernels over integer codes: a pair is (code of event i, code of event i+1) where both are in one case.
Durations are in seconds; statistics per pair are one hash aggregation, as pm4py's performance DFG
defines them (mean, median, min, max, total, sample standard deviation).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tomkit.mining.aggregate import group_stats
from tomkit.mining.table import EventLog, IntArray


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    count: int
    mean: float = 0.0
    median: float = 0.0
    min: float = 0.0
    max: float = 0.0
    total: float = 0.0
    stdev: float = 0.0
    """seconds; stdev is the sample standard deviation (0 for a single observation)"""


@dataclass(frozen=True)
class Dfg:
    """The process map: activity counts, edges, and where cases start and end."""

    activities: dict[str, int]
    edges: list[Edge]
    start: dict[str, int]
    end: dict[str, int]
    n_cases: int
    n_events: int
    performance: bool = False
    meta: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[tuple[str, str], int]:
        return {(e.source, e.target): e.count for e in self.edges}

    def edge(self, source: str, target: str) -> Edge | None:
        return next((e for e in self.edges if e.source == source and e.target == target), None)

    def top(self, activities: int | None = None, paths: int | None = None) -> Dfg:
        """Keep the most frequent activities, then the most frequent paths between them (map sliders)."""
        keep = sorted(self.activities, key=lambda a: (-self.activities[a], a))
        if activities is not None:
            keep = keep[: max(activities, 1)]
        kept = set(keep)
        edges = [e for e in self.edges if e.source in kept and e.target in kept]
        edges.sort(key=lambda e: (-e.count, e.source, e.target))
        if paths is not None:
            edges = edges[: max(paths, 0)]
        return Dfg(
            activities={a: self.activities[a] for a in keep},
            edges=edges,
            start={a: n for a, n in self.start.items() if a in kept},
            end={a: n for a, n in self.end.items() if a in kept},
            n_cases=self.n_cases,
            n_events=self.n_events,
            performance=self.performance,
            meta=dict(self.meta),
        )


def _counts(codes: IntArray, labels: list[str]) -> dict[str, int]:
    counted = np.bincount(codes, minlength=len(labels)) if len(codes) else np.zeros(len(labels), np.int64)
    order = np.argsort(-counted, kind="stable")
    return {labels[i]: int(counted[i]) for i in order if counted[i] > 0}


def start_end(log: EventLog) -> tuple[dict[str, int], dict[str, int]]:
    """Start and end activities with the number of cases each begins or ends."""
    start, end = log.memo("start_end", lambda: _start_end(log))
    return dict(start), dict(end)  # copies: the kept ones must not change under a caller


def _start_end(log: EventLog) -> tuple[dict[str, int], dict[str, int]]:
    codes, labels = log.activity
    starts = log.case_starts
    if log.n_events == 0:
        return {}, {}
    return _counts(codes[starts[:-1]], labels), _counts(codes[starts[1:] - 1], labels)


def pair_codes(log: EventLog, column: str = "activity") -> tuple[IntArray, list[str]]:
    """Directly-follows pairs of a column as one code each (a * k + b), in event order."""
    return log.memo(f"pairs:{column}", lambda: _pair_codes(log, column))


def _pair_codes(log: EventLog, column: str) -> tuple[IntArray, list[str]]:
    codes, labels = log.codes(column) if column != "activity" else log.activity
    if log.n_events < 2:
        return np.zeros(0, np.int64), labels
    mask = log.same_case_next
    k = max(len(labels), 1)
    # the narrowest type that holds every pair: less memory to stream through for the same count
    wide = (
        np.dtype(np.int16)
        if k * k < (1 << 15)
        else np.dtype(np.int32)
        if k * k < (1 << 31)
        else np.dtype(np.int64)
    )
    pairs: IntArray = codes[:-1].astype(wide)
    np.multiply(pairs, k, out=pairs)
    np.add(pairs, codes[1:], out=pairs)
    kept: IntArray = pairs[mask]
    kept.flags.writeable = False  # kept on the log and shared between analyses
    return kept, labels


def discover_dfg(log: EventLog, performance: bool = True) -> Dfg:
    """Frequency (and, by default, performance) directly-follows graph with start and end activities."""
    codes, labels = log.activity
    pairs, labels = pair_codes(log)
    k = max(len(labels), 1)
    start, end = start_end(log)
    edges: list[Edge] = []
    if performance and len(pairs):
        durations = np.diff(log.timestamps)[log.same_case_next]
        stats = group_stats(pairs, durations)
        del durations
        for i, key in enumerate(stats["key"]):
            n = int(stats["count"][i])
            edges.append(
                Edge(
                    labels[int(key) // k],
                    labels[int(key) % k],
                    n,
                    mean=float(stats["sum"][i]) / n / 1e6,
                    median=float(stats["median"][i]) / 1e6,
                    min=float(stats["min"][i]) / 1e6,
                    max=float(stats["max"][i]) / 1e6,
                    total=float(stats["sum"][i]) / 1e6,
                    stdev=float(stats["stdev"][i]) / 1e6 if math.isfinite(stats["stdev"][i]) else 0.0,
                )
            )
    else:
        counted = np.bincount(pairs, minlength=k * k) if len(pairs) else np.zeros(0, np.int64)
        for key in np.flatnonzero(counted):
            edges.append(Edge(labels[int(key) // k], labels[int(key) % k], int(counted[key])))
    edges.sort(key=lambda e: (-e.count, e.source, e.target))
    return Dfg(
        activities=dict(log.memo("activity_counts", lambda: _counts(codes, labels))),
        edges=edges,
        start=start,
        end=end,
        n_cases=log.n_cases,
        n_events=log.n_events,
        performance=performance,
        meta=dict(log.meta),
    )
