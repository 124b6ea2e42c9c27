"""The tables and plain data `tomkit scenario` prints: rows for channels, teams and simulation results."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from tomkit.cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from tomkit.scenarios import ScenarioRun

PROVENANCE_COLUMNS = (
    Column("subject", "Input"),
    Column("field", "Field"),
    Column("value", "Value", justify="right"),
    Column("note", "Source"),
)

CHANNEL_COLUMNS = (
    Column("channel", "Channel"),
    Column("method", "Method"),
    Column("contacts_per_month", "Contacts/month", justify="right"),
    Column("fte", "FTE", justify="right"),
    Column("target", "Target"),
    Column("service_level", "Service level", justify="right"),
    Column("asa", "ASA", justify="right"),
    Column("occupancy", "Occupancy", justify="right"),
    Column("cost_per_month", "Cost/month", justify="right"),
)
TEAM_COLUMNS = (
    Column("team", "Team"),
    Column("tier", "Tier", justify="right"),
    Column("required_fte", "FTE required", justify="right"),
    Column("fte_in_state", "FTE in the state", justify="right"),
    Column("cost_per_year", "Cost/year", justify="right"),
)
SEGMENT_COLUMNS = (
    Column("channel", "Channel"),
    Column("priority", "Priority"),
    Column("tickets", "Tickets", justify="right"),
    Column("answered_in_target", "Answered in target", justify="right"),
    Column("resolved_in_target", "Resolved in target", justify="right"),
    Column("mean_resolution_hours", "Mean resolution (h)", justify="right"),
    Column("p90_resolution_hours", "P90 resolution (h)", justify="right"),
)


def share(value: float | None) -> str:
    return "" if value is None or math.isnan(value) else f"{value:.1%}"


def duration(seconds: float) -> str:
    if math.isnan(seconds) or math.isinf(seconds):
        return "—"
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def estimate(mean: float, half: float, fmt: str) -> str:
    if math.isnan(mean):
        return ""
    text = format(mean, fmt)
    return text if math.isnan(half) else f"{text} ± {format(half, fmt)}"


def channel_rows(result: ScenarioRun) -> list[dict[str, Any]]:
    return [
        {
            "channel": c.channel,
            "method": c.method,
            "contacts_per_month": round(c.contacts_per_month, 1),
            "fte": round(c.fte, 2),
            "target": f"{c.target_attainment:.0%} in {duration(c.target_seconds)}"
            + ("" if c.reachable else " (unreachable)"),
            "service_level": share(c.service_level_week),
            "asa": duration(c.asa_week_seconds),
            "occupancy": share(c.occupancy_week),
            "cost_per_month": None if c.cost_per_month is None else round(c.cost_per_month, 2),
        }
        for c in result.staffing.channels
    ]


def team_rows(result: ScenarioRun) -> list[dict[str, Any]]:
    return [
        {
            "team": t.team,
            "tier": t.tier,
            "required_fte": round(t.required_fte, 2),
            "fte_in_state": t.rostered_fte,
            "cost_per_year": round(t.cost_per_year),
        }
        for t in result.staffing.teams
        if t.required_fte > 0 or t.rostered_fte
    ]


def segment_rows(result: ScenarioRun, by_priority: bool = True) -> list[dict[str, Any]]:
    if result.simulation is None:
        return []
    rows = []
    for s in result.simulation.segments:
        if s.priority is not None and (s.tickets == 0 or not by_priority):
            continue
        resolved = s.resolved_in_target
        rows.append(
            {
                "channel": s.channel,
                "priority": s.priority or "all",
                "tickets": round(s.tickets),
                "answered_in_target": estimate(
                    s.answered_in_target.mean * 100, s.answered_in_target.half_width * 100, ".1f"
                ),
                "resolved_in_target": ""
                if resolved is None
                else estimate(resolved.mean * 100, resolved.half_width * 100, ".1f"),
                "mean_resolution_hours": estimate(
                    s.mean_resolution_hours.mean, s.mean_resolution_hours.half_width, ".2f"
                ),
                "p90_resolution_hours": estimate(
                    s.p90_resolution_hours.mean, s.p90_resolution_hours.half_width, ".2f"
                ),
            }
        )
    return rows


def plain(value: Any) -> Any:
    """JSON-ready data from result dataclasses and NumPy arrays; NaN and infinity become null."""
    import dataclasses

    if hasattr(value, "tolist"):
        return plain(value.tolist())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def run_data(result: ScenarioRun) -> dict[str, Any]:
    """Everything about one run as plain data (hourly arrays included), for --format json."""
    staffing = result.staffing
    data = {
        "id": result.id,
        "name": result.name,
        "base": result.base,
        "fte": staffing.fte,
        "contacts_per_month": staffing.contacts_per_month,
        "contact_cost_per_month": staffing.contact_cost_per_month,
        "cost_per_contact": staffing.cost_per_contact,
        "staff_cost_per_year": staffing.staff_cost_per_year,
        "channels": staffing.channels,
        "teams": staffing.teams,
        "simulation": result.simulation,
        "provenance": result.model.provenance,
    }
    return dict(plain(data))


def cell(value: float | None, unit: str, fmt: OutputFormat) -> Any:
    if value is None or fmt is not OutputFormat.TABLE:
        return value
    if unit == "share":
        return f"{value:.1%}"
    if unit == "seconds":
        return duration(value)
    if unit in ("per year", "per month") and abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:,.2f}"
