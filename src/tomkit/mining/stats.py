"""Case and activity statistics: throughput times, event counts, rework (activities repeated in a case)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tomkit.mining.table import EventLog
from tomkit.mining.variants import case_durations


@dataclass(frozen=True)
class Summary:
    """Distribution of a duration, in seconds."""

    count: int
    mean: float
    median: float
    p90: float
    min: float
    max: float


def summarise(values_us: np.ndarray) -> Summary:
    if len(values_us) == 0:
        return Summary(0, 0.0, 0.0, 0.0, 0.0, 0.0)
    v = values_us.astype(np.float64) / 1e6
    return Summary(
        len(v),
        float(v.mean()),
        float(np.median(v)),
        float(np.percentile(v, 90)),
        float(v.min()),
        float(v.max()),
    )


@dataclass(frozen=True)
class ActivityStats:
    activity: str
    events: int
    cases: int
    """cases with the activity at least once"""
    rework_cases: int
    """cases with the activity more than once"""
    repeats: int
    """occurrences beyond the first, summed over cases"""
    resources: int

    @property
    def rework_share(self) -> float:
        return self.rework_cases / self.cases if self.cases else 0.0


@dataclass(frozen=True)
class LogStats:
    n_events: int
    n_cases: int
    n_activities: int
    first: str | None
    last: str | None
    events_per_case: Summary
    case_duration: Summary
    activities: list[ActivityStats]
    rework_cases: int
    """cases in which some activity occurs more than once"""


def all_case_durations(log: EventLog) -> list[float]:
    """Every case's duration in seconds, ascending (as pm4py's get_all_case_durations)."""
    return sorted((case_durations(log) / 1e6).tolist())


def activity_stats(log: EventLog) -> list[ActivityStats]:
    codes, labels = log.activity
    k = max(len(labels), 1)
    if log.n_events == 0:
        return []
    pair = log.case_codes.astype(np.int64) * k + codes
    per_case = np.unique(pair, return_counts=True)
    acts = per_case[0] % k
    counts = per_case[1]
    events = np.bincount(codes, minlength=k)
    cases = np.bincount(acts, minlength=k)
    rework = np.bincount(acts[counts > 1], minlength=k)
    repeats = np.bincount(acts, weights=counts - 1, minlength=k)
    res_codes, _ = log.codes("resource")
    has = res_codes >= 0
    rpair = np.unique(
        codes[has].astype(np.int64) * (int(res_codes.max()) + 2 if has.any() else 1) + res_codes[has]
    )
    resources = np.bincount(
        (rpair // (int(res_codes.max()) + 2 if has.any() else 1)).astype(np.int64), minlength=k
    )
    out = [
        ActivityStats(
            labels[i], int(events[i]), int(cases[i]), int(rework[i]), int(repeats[i]), int(resources[i])
        )
        for i in range(len(labels))
        if events[i]
    ]
    out.sort(key=lambda a: (-a.events, a.activity))
    return out


def log_stats(log: EventLog) -> LogStats:
    codes, labels = log.activity
    rng = log.time_range()
    per_case = np.diff(log.case_starts) * 1_000_000
    k = max(len(labels), 1)
    if log.n_events:
        pair = log.case_codes.astype(np.int64) * k + codes
        uniq, counts = np.unique(pair, return_counts=True)
        rework_cases = len(np.unique(uniq[counts > 1] // k))
    else:
        rework_cases = 0
    return LogStats(
        n_events=log.n_events,
        n_cases=log.n_cases,
        n_activities=len(set(np.unique(codes).tolist())) if log.n_events else 0,
        first=rng[0].isoformat() if rng else None,
        last=rng[1].isoformat() if rng else None,
        events_per_case=summarise(per_case),
        case_duration=summarise(case_durations(log)),
        activities=activity_stats(log),
        rework_cases=rework_cases,
    )
