"""SLA attainment per priority and channel: against the TOM's service levels or the log's own SLA flag.

With targets (hours to resolve per priority, optionally per channel) a resolved case meets its SLA when
it was resolved within the target after it was opened, counted on the target's clock (a service
level's calendar: business hours stop the clock overnight and at weekends; no calendar is wall time);
cases still open are not counted. Without targets, the log's SLA column (ServiceNow `made_sla`) gives
each case's result (its last value).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from tomkit.mining.cases import (
    CLOSED,
    RESOLVED,
    case_labels,
    case_opened_time,
    case_priorities,
    case_resolution_time,
    case_values,
)
from tomkit.mining.errors import MiningError
from tomkit.mining.sla_clock import ServiceClock
from tomkit.mining.table import EventLog

SLA_COLUMNS = ("made_sla", "sla_met", "sla")


@dataclass(frozen=True)
class SlaTarget:
    """Hours to resolve, on a clock (None: wall time, as for a 24x7 service)."""

    hours: float
    clock: ServiceClock | None = None


Targets = Mapping[tuple[str, str | None], float | SlaTarget]
"""(priority P1..P5, channel or None for any channel) -> resolution target (hours of wall time, or
hours on a clock)"""


@dataclass(frozen=True)
class SlaRow:
    priority: str | None
    channel: str | None
    cases: int
    met: int
    target_hours: float | None
    median_hours: float | None
    """median time to resolve of the counted cases, on their target's clock"""
    clock: str | None = None
    """the clock the hours are counted on (None: wall time)"""

    @property
    def attainment(self) -> float | None:
        return self.met / self.cases if self.cases else None


@dataclass(frozen=True)
class SlaReport:
    source: str
    """"targets" or the SLA column used"""
    rows: list[SlaRow]
    total: SlaRow
    unmatched_cases: int
    """resolved cases with no target for their priority/channel (targets only)"""


def _target_for(targets: Targets, priority: str | None, channel: str | None) -> SlaTarget | None:
    if priority is None:
        return None
    found = None
    if channel is not None:
        for (p, c), target in targets.items():
            if p == priority and c is not None and c.lower() == channel.lower():
                found = target
                break
    found = targets.get((priority, None)) if found is None else found
    if found is None or isinstance(found, SlaTarget):
        return found
    return SlaTarget(float(found))


def sla_attainment(
    log: EventLog,
    targets: Targets | None = None,
    by_channel: bool = True,
    resolved: str | list[str] = RESOLVED,
    closed: str | list[str] = CLOSED,
) -> SlaReport:
    """Share of cases that met their SLA, per priority (and channel), with the overall figure."""
    priorities = case_priorities(log)
    if by_channel and "channel" in log.columns:
        codes, labels = case_labels(log, "channel", how="first")
        channels: list[str | None] = [labels[c] if c >= 0 else None for c in codes.tolist()]
    else:
        channels = [None] * log.n_cases
    opened = case_opened_time(log)
    resolved_at = case_resolution_time(log, resolved, closed)
    hours = np.where(resolved_at >= 0, (resolved_at - opened) / 3.6e9, np.nan)
    met = np.zeros(log.n_cases, dtype=bool)
    counted = np.zeros(log.n_cases, dtype=bool)
    target_of: list[SlaTarget | None] = [None] * log.n_cases
    unmatched = 0
    if targets:
        source = "targets"
        on_clock: dict[ServiceClock, list[int]] = {}
        for i in range(log.n_cases):
            if np.isnan(hours[i]):
                continue
            target = _target_for(targets, priorities[i], channels[i])
            if target is None:
                unmatched += 1
                continue
            target_of[i] = target
            counted[i] = True
            if target.clock is not None and not target.clock.hours.always:
                on_clock.setdefault(target.clock, []).append(i)
        for clock, members in on_clock.items():
            idx = np.asarray(members, dtype=np.int64)
            hours[idx] = clock.elapsed_hours(opened[idx], resolved_at[idx])
        goal = np.array([t.hours if t is not None else np.nan for t in target_of], dtype=np.float64)
        met = counted & (hours <= goal)
    else:
        column = next((c for c in SLA_COLUMNS if c in log.columns), None)
        if column is None:
            raise MiningError(
                "the log has no SLA column (made_sla) and no targets were given",
                hint="pass the TOM's service levels, or import the SLA flag",
            )
        source = f"column {column}"
        flags = case_values(log, column, how="last")
        counted = ~np.isnan(flags)
        met = np.nan_to_num(flags, nan=0.0) > 0
    groups: dict[tuple[str | None, str | None], list[int]] = {}
    for i in np.flatnonzero(counted).tolist():
        groups.setdefault((priorities[i], channels[i]), []).append(i)

    def row(priority: str | None, channel: str | None, members: list[int]) -> SlaRow:
        idx = np.array(members, dtype=np.int64)
        resolved_hours = hours[idx][~np.isnan(hours[idx])] if len(idx) else np.zeros(0)
        goals = {t.hours for i in members if (t := target_of[i]) is not None}
        clocks = {
            t.clock.label if t is not None and t.clock is not None else None
            for t in map(target_of.__getitem__, members)
        }
        return SlaRow(
            priority,
            channel,
            len(members),
            int(met[idx].sum()) if len(idx) else 0,
            next(iter(goals)) if len(goals) == 1 else None,
            float(np.median(resolved_hours)) if len(resolved_hours) else None,
            next(iter(clocks)) if len(clocks) == 1 else "mixed",
        )

    rows = [
        row(p, c, m) for (p, c), m in sorted(groups.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1])))
    ]
    return SlaReport(source, rows, row(None, None, np.flatnonzero(counted).tolist()), unmatched)
