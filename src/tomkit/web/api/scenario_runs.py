"""Endpoints for the Scenarios page's results: a run (staffing, cost and service levels, optionally
simulated), a side-by-side comparison and the charts — tomkit.scenarios' results as typed data.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Schema
from ninja.errors import HttpError

from tomkit.model import Tom
from tomkit.render.errors import RenderError
from tomkit.render.scenario_charts import (
    cost_waterfall_svg,
    resolution_distribution_svg,
    service_level_curve_svg,
    staffing_by_hour_svg,
)
from tomkit.scenarios import (
    ChannelStaffing,
    ScenarioRun,
    Segment,
    compare,
    run,
    run_names,
)
from tomkit.scenarios.simulation import Estimate
from tomkit.web.api.core import api, member, role
from tomkit.web.api.drafts import ImageFormat, picture_response
from tomkit.web.api.scenarios import available_runs
from tomkit.web.models import Role
from tomkit.web.views.scenario import SIMULATION

VIEWER = Role.VIEWER.value
ChartName = Literal["staffing", "curve", "waterfall", "resolution"]
RUNS: Any = Query(  # type: ignore[type-arg]
    None, description="scenario or state names to run, in order (default: the as-is and every scenario)"
)


def _num(value: float | None) -> float | None:
    """JSON has no NaN or infinity: a figure that cannot be computed is null."""
    if value is None or math.isnan(value) or math.isinf(value):
        return None
    return float(value)


def _floats(values: Any) -> list[float | None]:
    return [_num(float(v)) for v in values]


# --- definitions --------------------------------------------------------------------------------


class HourlyOut(Schema):
    """168 values, Monday 00:00 first."""

    arrivals: list[float | None]
    load: list[float | None]
    agents: list[float | None]
    rostered: list[float | None]
    service_level: list[float | None]
    asa_seconds: list[float | None]
    occupancy: list[float | None]


class ChannelOut(Schema):
    channel: str
    name: str
    method: str
    """erlang-c, erlang-a, backlog or none."""
    team: str | None
    fte: float | None
    contacts_per_month: float | None
    deflected_per_month: float | None
    cost_per_month: float | None
    service_level_week: float | None
    asa_week_seconds: float | None
    occupancy_week: float | None
    abandon_week: float | None
    target_seconds: float | None
    target_attainment: float | None
    meets_target: bool
    reachable: bool
    hourly: HourlyOut | None


class TeamOut(Schema):
    team: str
    name: str
    tier: int
    required_fte: float | None
    rostered_fte: float | None
    """The FTE the state gives the team, when it says."""
    cost_per_year: float | None
    workload_hours_week: float | None
    escalated_fte: float | None
    escalated_hours_week: float | None


class EstimateOut(Schema):
    mean: float | None
    half_width: float | None
    """Half-width of the confidence interval over replications (null with one replication)."""


class SegmentOut(Schema):
    channel: str
    """A channel, or `all` for the whole desk."""
    priority: str | None
    tickets: float | None
    answered_in_target: EstimateOut
    resolved_in_target: EstimateOut | None
    resolution_target_hours: float | None
    mean_resolution_hours: EstimateOut
    p50_resolution_hours: EstimateOut
    p90_resolution_hours: EstimateOut
    mean_wait_seconds: EstimateOut
    escalated: EstimateOut


class SimulationOut(Schema):
    weeks: float
    replications: int
    seed: int
    tickets: float | None
    """Tickets per replication in the measured window."""
    segments: list[SegmentOut]


class RunOut(Schema):
    id: str
    name: str
    base: str
    fte: float | None
    contacts_per_month: float | None
    contact_cost_per_month: float | None
    cost_per_contact: float | None
    staff_cost_per_year: float | None
    channels: list[ChannelOut]
    teams: list[TeamOut]
    simulation: SimulationOut | None


def _estimate(e: Estimate) -> EstimateOut:
    return EstimateOut(mean=_num(e.mean), half_width=_num(e.half_width))


def _segment(s: Segment) -> SegmentOut:
    return SegmentOut(
        channel=s.channel,
        priority=s.priority,
        tickets=_num(s.tickets),
        answered_in_target=_estimate(s.answered_in_target),
        resolved_in_target=_estimate(s.resolved_in_target) if s.resolved_in_target else None,
        resolution_target_hours=_num(s.resolution_target_hours),
        mean_resolution_hours=_estimate(s.mean_resolution_hours),
        p50_resolution_hours=_estimate(s.p50_resolution_hours),
        p90_resolution_hours=_estimate(s.p90_resolution_hours),
        mean_wait_seconds=_estimate(s.mean_wait_seconds),
        escalated=_estimate(s.escalated),
    )


def _channel(c: ChannelStaffing, hourly: bool) -> ChannelOut:
    hours = None
    if hourly:
        hours = HourlyOut(
            arrivals=_floats(c.arrivals),
            load=_floats(c.load),
            agents=_floats(c.agents),
            rostered=_floats(c.rostered),
            service_level=_floats(c.service_level),
            asa_seconds=_floats(c.asa_seconds),
            occupancy=_floats(c.occupancy),
        )
    return ChannelOut(
        channel=c.channel,
        name=c.name,
        method=c.method,
        team=c.team,
        fte=_num(c.fte),
        contacts_per_month=_num(c.contacts_per_month),
        deflected_per_month=_num(c.deflected_per_month),
        cost_per_month=_num(c.cost_per_month),
        service_level_week=_num(c.service_level_week),
        asa_week_seconds=_num(c.asa_week_seconds),
        occupancy_week=_num(c.occupancy_week),
        abandon_week=_num(c.abandon_week),
        target_seconds=_num(c.target_seconds),
        target_attainment=_num(c.target_attainment),
        meets_target=c.meets_target,
        reachable=c.reachable,
        hourly=hours,
    )


def _run_out(r: ScenarioRun, hourly: bool) -> RunOut:
    s = r.staffing
    simulation = None
    if r.simulation is not None:
        o = r.simulation.options
        simulation = SimulationOut(
            weeks=o.weeks,
            replications=o.replications,
            seed=o.seed,
            tickets=_num(r.simulation.tickets),
            segments=[_segment(x) for x in r.simulation.segments],
        )
    return RunOut(
        id=r.id,
        name=r.name,
        base=r.base,
        fte=_num(s.fte),
        contacts_per_month=_num(s.contacts_per_month),
        contact_cost_per_month=_num(s.contact_cost_per_month),
        cost_per_contact=_num(s.cost_per_contact),
        staff_cost_per_year=_num(s.staff_cost_per_year),
        channels=[_channel(c, hourly) for c in s.channels],
        teams=[
            TeamOut(
                team=t.team,
                name=t.name,
                tier=t.tier,
                required_fte=_num(t.required_fte),
                rostered_fte=_num(t.rostered_fte),
                cost_per_year=_num(t.cost_per_year),
                workload_hours_week=_num(t.workload_hours_week),
                escalated_fte=_num(t.escalated_fte),
                escalated_hours_week=_num(t.escalated_hours_week),
            )
            for t in s.teams
        ],
        simulation=simulation,
    )


def _runs(tom: Tom, names: list[str], simulate: bool) -> list[ScenarioRun]:
    return [run(tom, name, SIMULATION if simulate else None) for name in names]


@api.get(
    "/workspaces/{ws}/scenarios/{scenario}/run",
    response=RunOut,
    tags=["scenarios"],
    openapi_extra=role(VIEWER),
)
def run_scenario(
    request: HttpRequest, ws: str, scenario: str, simulate: bool = False, hourly: bool = False
) -> RunOut:
    """Staff one scenario (or state) per hour of the week: FTE, cost per contact and in total, service
    levels per channel and team. `simulate=true` adds the multi-tier simulation the page runs (8 weeks,
    3 replications); `hourly=true` adds the 168 hourly values per channel."""
    tom = member(request, ws, VIEWER).workspace.tom()
    if scenario not in available_runs(tom):
        raise Http404(f"no scenario or state {scenario!r}")
    return _run_out(_runs(tom, [scenario], simulate)[0], hourly)


class RowOut(Schema):
    section: str
    """`desk` for the totals, otherwise a channel or team."""
    measure: str
    unit: str
    values: list[float | None]
    """One per run, in the order of `runs`; null where a run lacks the channel or team."""
    better: str
    """`lower` or `higher` when one direction is better; empty for context rows."""


class ComparisonOut(Schema):
    runs: list[str]
    labels: list[str]
    rows: list[RowOut]


def _chosen(tom: Tom, names: list[str] | None) -> list[str]:
    available = available_runs(tom)
    unknown = [n for n in names or [] if n not in available]
    if unknown:
        raise HttpError(
            422, f"no scenario or state {', '.join(map(repr, unknown))}; there are: {', '.join(available)}"
        )
    return list(names or []) or run_names(tom)


@api.get(
    "/workspaces/{ws}/comparison", response=ComparisonOut, tags=["scenarios"], openapi_extra=role(VIEWER)
)
def compare_scenarios(
    request: HttpRequest,
    ws: str,
    run: list[str] | None = RUNS,
    simulate: bool = False,
) -> ComparisonOut:
    """Scenarios side by side, one row per measure (`?run=as-is&run=digital-first`; default: the as-is
    and every scenario), as on the page."""
    tom = member(request, ws, VIEWER).workspace.tom()
    table = compare(_runs(tom, _chosen(tom, run), simulate))
    return ComparisonOut(
        runs=list(table.runs),
        labels=list(table.labels),
        rows=[
            RowOut(
                section=r.section,
                measure=r.measure,
                unit=r.unit,
                values=[_num(v) for v in r.values],
                better=r.better,
            )
            for r in table.rows
        ],
    )


@api.get("/workspaces/{ws}/comparison/chart", tags=["scenarios"], openapi_extra=role(VIEWER))
def get_scenario_chart(
    request: HttpRequest,
    ws: str,
    chart: ChartName = "staffing",
    run: list[str] | None = RUNS,
    channel: str = "",
    format: ImageFormat = "svg",
) -> HttpResponse:
    """A chart of the Scenarios page as SVG or PNG, over the runs chosen as for the comparison:
    `staffing` by hour and `curve` (service level against staff; the busiest live channel unless
    `channel` says) of the last run, `waterfall` of cost from the first run to the last, `resolution`
    time distribution of every run (simulated)."""
    access = member(request, ws, VIEWER)
    tom = access.workspace.tom()
    runs = _runs(tom, _chosen(tom, run), chart == "resolution")
    last = runs[-1]
    try:
        if chart == "waterfall":
            if len(runs) < 2:
                raise HttpError(400, "a cost waterfall needs two runs")
            svg = cost_waterfall_svg(runs[0], last)
        elif chart == "resolution":
            svg = resolution_distribution_svg(runs)
        elif chart == "curve":
            live = [
                c for c in last.staffing.channels if c.method.startswith("erlang") and float(c.load.max()) > 0
            ]
            if not channel and not live:
                raise HttpError(400, f"{last.id} has no live channel with demand")
            svg = service_level_curve_svg(
                last, channel or max(live, key=lambda c: float(c.load.max())).channel
            )
        else:
            svg = staffing_by_hour_svg(last)
    except (RenderError, ValueError, KeyError) as exc:
        raise HttpError(400, f"nothing to draw: {exc}") from None
    return picture_response(svg, format, f"{access.workspace.slug}-{chart}")
