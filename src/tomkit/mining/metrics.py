"""Named measures a KPI can take its baseline from, each a function of a (filtered) log.

Names are stable: they are stored in a KPI's source (`metric`) and re-run when the baseline is refreshed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tomkit.mining.backlog import backlog
from tomkit.mining.cases import case_opened_time, case_resolution_time
from tomkit.mining.errors import MiningError
from tomkit.mining.handovers import handovers
from tomkit.mining.service import service_facts
from tomkit.mining.sla import Targets, sla_attainment
from tomkit.mining.table import EventLog
from tomkit.mining.variants import case_durations


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    description: str
    compute: Callable[[EventLog, Targets | None], float]


def _resolution_hours(log: EventLog) -> np.ndarray:
    done = case_resolution_time(log)
    opened = case_opened_time(log)
    ok = done >= 0
    return np.asarray((done[ok] - opened[ok]) / 3.6e9)


def _stat(values: np.ndarray, how: str) -> float:
    if len(values) == 0:
        raise MiningError("no cases to measure after filtering")
    if how == "median":
        return float(np.median(values))
    if how == "p90":
        return float(np.percentile(values, 90))
    return float(values.mean())


def _sla(log: EventLog, targets: Targets | None) -> float:
    value = sla_attainment(log, targets or None, by_channel=False).total.attainment
    if value is None:
        raise MiningError("no cases with an SLA result after filtering")
    return value


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("median_resolution_hours", "hours", "median time from opened to resolved",
               lambda log, _t: _stat(_resolution_hours(log), "median")),
        Metric("mean_resolution_hours", "hours", "mean time from opened to resolved (MTTR)",
               lambda log, _t: _stat(_resolution_hours(log), "mean")),
        Metric("p90_resolution_hours", "hours", "90th percentile time to resolve",
               lambda log, _t: _stat(_resolution_hours(log), "p90")),
        Metric("median_case_hours", "hours", "median first-to-last event time",
               lambda log, _t: _stat(case_durations(log) / 3.6e9, "median")),
        Metric("mean_case_hours", "hours", "mean first-to-last event time",
               lambda log, _t: _stat(case_durations(log) / 3.6e9, "mean")),
        Metric("cases", "cases", "number of cases", lambda log, _t: float(log.n_cases)),
        Metric("cases_per_month", "cases/month", "cases per month over the log's span",
               lambda log, _t: service_facts(log).cases_per_month),
        Metric("reopen_rate", "ratio", "resolved cases later reopened / resolved cases",
               lambda log, _t: service_facts(log).reopen_rate),
        Metric("first_contact_resolution", "ratio", "resolved with no reassignment and no reopen / resolved",
               lambda log, _t: service_facts(log).fcr_rate),
        Metric("reassignment_rate", "ratio", "cases reassigned at least once / cases",
               lambda log, _t: service_facts(log).reassignment_rate),
        Metric("mean_reassignments", "count", "mean reassignments per case",
               lambda log, _t: service_facts(log).mean_reassignments),
        Metric("ping_pong_rate", "ratio", "cases bounced back between two groups / cases",
               lambda log, _t: handovers(log, "group").ping_pong_share),
        Metric("sla_attainment", "ratio", "cases that met their SLA / cases with an SLA", _sla),
        Metric("open_backlog", "cases", "open cases at the end of the log",
               lambda log, _t: float(backlog(log, "day")[-1].open) if log.n_cases else 0.0),
        Metric("backlog", "cases", "open cases at the end of the log (same as open_backlog)",
               lambda log, _t: float(backlog(log, "day")[-1].open) if log.n_cases else 0.0),
    )
}  # fmt: skip


PERCENT_UNITS = frozenset({"%", "percent", "pct"})


def in_kpi_unit(value: float, metric: str, kpi_unit: str) -> float:
    """A ratio metric is written as a percentage when the KPI is measured in %."""
    if METRICS[metric].unit == "ratio" and kpi_unit.strip().lower() in PERCENT_UNITS:
        return value * 100
    return value


def compute_metric(log: EventLog, name: str, targets: Targets | None = None) -> float:
    metric = METRICS.get(name)
    if metric is None:
        raise MiningError(f"unknown metric {name!r}", hint=f"metrics: {', '.join(METRICS)}")
    return metric.compute(log, targets)
