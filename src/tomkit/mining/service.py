"""Service facts from a log: volumes and channel mix, reassignment, reopen rate, first-contact resolution.

Where the source system keeps a counter (ServiceNow's reassignment_count and reopen_count) the counter
is used; otherwise the figures are derived from the events, and the result says which.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tomkit.mining.cases import (
    CLOSED,
    RESOLVED,
    activity_matches,
    case_labels,
    case_resolution_time,
    case_values,
)
from tomkit.mining.handovers import handovers_per_case
from tomkit.mining.table import EventLog


@dataclass(frozen=True)
class ChannelShare:
    channel: str
    cases: int
    share: float
    per_month: float


@dataclass(frozen=True)
class ServiceFacts:
    n_cases: int
    resolved_cases: int
    months: float
    """length of the log in months (30.44 days)"""
    cases_per_month: float
    channels: list[ChannelShare]
    reassigned_cases: int
    mean_reassignments: float
    reassignment_source: str
    """"column reassignment_count" or "group hand-overs\""""
    reopened_cases: int
    reopen_source: str
    fcr_cases: int

    @property
    def reopen_rate(self) -> float:
        return self.reopened_cases / self.resolved_cases if self.resolved_cases else 0.0

    @property
    def reassignment_rate(self) -> float:
        return self.reassigned_cases / self.n_cases if self.n_cases else 0.0

    @property
    def fcr_rate(self) -> float:
        return self.fcr_cases / self.resolved_cases if self.resolved_cases else 0.0


def case_reassignments(log: EventLog) -> tuple[np.ndarray, str]:
    if "reassignment_count" in log.columns:
        values = case_values(log, "reassignment_count")
        return np.nan_to_num(values, nan=0.0).astype(np.int64), "column reassignment_count"
    return handovers_per_case(log, "group"), "group hand-overs"


def case_reopened(
    log: EventLog, resolved: str | list[str] = RESOLVED, closed: str | list[str] = CLOSED
) -> tuple[np.ndarray, str]:
    """Per case: was it reopened (work resumed after a resolution)?"""
    if "reopen_count" in log.columns:
        values = case_values(log, "reopen_count")
        return np.nan_to_num(values, nan=0.0) > 0, "column reopen_count"
    codes, _ = log.activity
    res = activity_matches(log, resolved)[codes]
    done = res | activity_matches(log, closed)[codes]
    if log.n_events == 0:
        return np.zeros(0, dtype=bool), "events"
    # events after the case's first resolution that are neither resolved nor closed
    seen = np.maximum.accumulate(np.where(res, log.case_codes, -1))
    after = seen == log.case_codes
    resumed = after & ~done
    return np.bincount(log.case_codes[resumed], minlength=log.n_cases) > 0, "activity after a resolution"


def service_facts(
    log: EventLog, resolved: str | list[str] = RESOLVED, closed: str | list[str] = CLOSED
) -> ServiceFacts:
    """Volumes, channel mix, reassignment, reopen and first-contact resolution of a log."""
    n = log.n_cases
    resolved_at = case_resolution_time(log, resolved, closed)
    is_resolved = resolved_at >= 0
    rng = log.time_range()
    months = max((rng[1] - rng[0]).total_seconds() / (30.44 * 86400), 1 / 30.44) if rng else 0.0
    channels: list[ChannelShare] = []
    if "channel" in log.columns:
        codes, labels = case_labels(log, "channel", how="first")
        counted = np.bincount(codes[codes >= 0], minlength=len(labels))
        for i in np.argsort(-counted, kind="stable"):
            if counted[i]:
                channels.append(
                    ChannelShare(
                        labels[i],
                        int(counted[i]),
                        float(counted[i] / n),
                        float(counted[i] / months) if months else 0.0,
                    )
                )
    reassign, reassign_source = case_reassignments(log)
    reopened, reopen_source = case_reopened(log, resolved, closed)
    fcr = is_resolved & (reassign == 0) & ~reopened
    return ServiceFacts(
        n_cases=n,
        resolved_cases=int(is_resolved.sum()),
        months=months,
        cases_per_month=n / months if months else 0.0,
        channels=channels,
        reassigned_cases=int((reassign > 0).sum()),
        mean_reassignments=float(reassign.mean()) if n else 0.0,
        reassignment_source=reassign_source,
        reopened_cases=int((reopened & is_resolved).sum()),
        reopen_source=reopen_source,
        fcr_cases=int(fcr.sum()),
    )
