"""Scenario charts: staffing by hour of the week, service level against staff, cost waterfall.

Each function returns a Vega-Lite spec (for the web page, embedded with the vendored vega-embed) and an
`*_svg` twin for files; the numbers come from `tomkit.scenarios`, the look from the house style.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from tomkit.render import style
from tomkit.render.charts import chart_svg, inline, styled
from tomkit.scenarios.compare import ScenarioRun, cost_bridge
from tomkit.scenarios.staffing import service_level_curve

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SERIES = ("#3F6EA6", "#B0527A", "#2F8F8A", "#B87A00", "#7456A6", "#6A7F2E", "#8C6D5A", "#5E7C8A", "#C0392B")
"""Channel colours, from the house palette's dimension colours (colour-blind safe in sequence)."""


def staffing_by_hour(result: ScenarioRun, rostered: bool = False) -> alt.TopLevelMixin:
    """Agents on duty in each hour of the week, stacked by channel (rostered: with shrinkage added)."""
    records: list[dict[str, Any]] = []
    for channel in result.staffing.channels:
        values = channel.rostered if rostered else channel.agents
        if float(values.sum()) <= 0:
            continue
        for hour, value in enumerate(values.tolist()):
            records.append(
                {"hour": hour, "day": DAYS[hour // 24], "time": f"{DAYS[hour // 24]} {hour % 24:02d}:00",
                 "channel": channel.name, "agents": round(value, 2)}
            )  # fmt: skip
    names = list(dict.fromkeys(r["channel"] for r in records))
    what = "Staff rostered" if rostered else "Agents on duty"
    chart: alt.TopLevelMixin = (
        alt.Chart(inline(records), title=f"{what} by hour: {result.name}")
        .mark_area(interpolate="step-after", opacity=0.9)
        .encode(
            x=alt.X("hour:Q", title=None, scale=alt.Scale(domain=[0, 168], nice=False),
                    axis=alt.Axis(values=list(range(0, 169, 24)), labelExpr=_day_label_expr(), grid=True)),
            y=alt.Y("agents:Q", stack="zero", title=what),
            color=alt.Color("channel:N", title="Channel", sort=names,
                            scale=alt.Scale(domain=names, range=list(SERIES[: len(names)]))),
            order=alt.Order("channel:N"),
            tooltip=["time:N", "channel:N", alt.Tooltip("agents:Q", format=".1f")],
        )
        .properties(width=720, height=240)
    )  # fmt: skip
    return chart


def _day_label_expr() -> str:
    labels = ", ".join(f"'{d}'" for d in DAYS)
    return f"datum.value < 168 ? [{labels}][floor(datum.value / 24)] : ''"


def service_level_curve_chart(
    result: ScenarioRun, channel_id: str, hour: int | None = None
) -> alt.TopLevelMixin:
    """Service level against agents in a channel's busiest hour, the target as a rule, the staffing marked."""
    channel = result.staffing.channel(channel_id)
    points = service_level_curve(channel, hour)
    records = [{"agents": p.agents, "service level": p.service_level, "ASA (s)": round(p.asa_seconds, 1)}
               for p in points]  # fmt: skip
    peak = int(channel.load.argmax()) if hour is None else hour
    base = alt.Chart(inline(records))
    line = base.mark_line(point=True, color=style.ACCENT).encode(
        x=alt.X("agents:Q", title="Agents (chat: slots)", scale=alt.Scale(zero=False)),
        y=alt.Y("service level:Q", title=f"Answered within {channel.target_seconds:g} s",
                axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        tooltip=["agents:Q", alt.Tooltip("service level:Q", format=".1%"), "ASA (s):Q"],
    )  # fmt: skip
    target = (
        alt.Chart(inline([{"target": channel.target_attainment}]))
        .mark_rule(color=style.CHANGED.colour, strokeDash=[6, 3])
        .encode(y="target:Q")
    )
    marks: list[Any] = [line, target]
    enough = [r for r in records if r["service level"] >= channel.target_attainment]
    if enough:
        marks.append(
            alt.Chart(inline(enough[:1]))
            .mark_point(size=160, shape="diamond", filled=True, color=style.ADDED.colour)
            .encode(x="agents:Q", y="service level:Q")
        )
    day, clock = DAYS[peak // 24], peak % 24
    return alt.layer(*marks).properties(
        width=480, height=260, title=f"{channel.name}: service level against staff, {day} {clock:02d}:00"
    )


def cost_waterfall(before: ScenarioRun, after: ScenarioRun) -> alt.TopLevelMixin:
    """Monthly contact cost from one scenario to another, one bar per channel that changes."""
    records: list[dict[str, Any]] = []
    level = 0.0
    for n, step in enumerate(cost_bridge(before, after)):
        if step.kind == "change":
            start, end = level, level + step.value
            level = end
            kind = "saving" if step.value < 0 else "increase"
        else:
            start, end = 0.0, step.value
            level = step.value
            kind = "total"
        records.append({"order": n, "label": step.label, "start": round(start, 2), "end": round(end, 2),
                        "amount": round(step.value, 2), "kind": kind})  # fmt: skip
    labels = [r["label"] for r in records]
    colours = alt.Scale(domain=["total", "saving", "increase"],
                        range=[style.ACCENT, style.ADDED.colour, style.REMOVED.colour])  # fmt: skip
    bars = (
        alt.Chart(inline(records))
        .mark_bar(size=34)
        .encode(
            x=alt.X("label:N", sort=labels, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=160)),
            y=alt.Y("start:Q", title="Contact cost per month"),
            y2="end:Q",
            color=alt.Color("kind:N", scale=colours, title=None),
            tooltip=["label:N", alt.Tooltip("amount:Q", format=",.0f")],
        )
    )
    text = (
        alt.Chart(inline(records))
        .mark_text(dy=-8, color=style.INK)
        .encode(x=alt.X("label:N", sort=labels), y=alt.Y("top:Q"), text=alt.Text("amount:Q", format=",.0f"))
        .transform_calculate(top="max(datum.start, datum.end)")
    )
    return alt.layer(bars, text).properties(
        width=max(320, 70 * len(records)), height=280, title=f"Contact cost: {before.name} → {after.name}"
    )


def resolution_distribution(runs: list[ScenarioRun], channel: str = "all") -> alt.TopLevelMixin:
    """Share of tickets resolved within each number of hours, one line per simulated scenario, with the
    confidence band of the replications."""
    records: list[dict[str, Any]] = []
    names: list[str] = []
    for result in runs:
        if result.simulation is None:
            continue
        try:
            segment = result.simulation.segment(channel)
        except KeyError:
            continue
        names.append(result.name)
        for hours, estimate in segment.distribution:
            half = 0.0 if estimate.half_width != estimate.half_width else estimate.half_width  # NaN: one run
            records.append({"scenario": result.name, "hours": hours, "share": round(estimate.mean, 4),
                            "low": round(max(0.0, estimate.mean - half), 4),
                            "high": round(min(1.0, estimate.mean + half), 4)})  # fmt: skip
    if not records:
        raise ValueError("no simulated scenario to draw: run with a simulation")
    colour = alt.Color("scenario:N", title="Scenario", sort=names,
                       scale=alt.Scale(domain=names, range=list(SERIES[: len(names)])))  # fmt: skip
    x = alt.X("hours:Q", title="Resolved within (hours)", scale=alt.Scale(type="log"),
              axis=alt.Axis(values=[0.5, 1, 2, 4, 8, 24, 48, 72, 120, 240]))  # fmt: skip
    base = alt.Chart(inline(records))
    band_colour = alt.Color("scenario:N", sort=names, legend=None,
                            scale=alt.Scale(domain=names, range=list(SERIES[: len(names)])))  # fmt: skip
    band = base.mark_area(opacity=0.15).encode(x=x, y="low:Q", y2="high:Q", color=band_colour)
    line = base.mark_line(point=True).encode(
        x=x,
        y=alt.Y(
            "share:Q", title="Tickets resolved", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])
        ),
        color=colour,
        tooltip=["scenario:N", "hours:Q", alt.Tooltip("share:Q", format=".1%")],
    )
    where = "the whole desk" if channel == "all" else channel
    return alt.layer(band, line).properties(width=560, height=280, title=f"Resolution time: {where}")


def resolution_distribution_svg(runs: list[ScenarioRun], channel: str = "all") -> str:
    return chart_svg(resolution_distribution(runs, channel))


def staffing_by_hour_spec(result: ScenarioRun) -> dict[str, Any]:
    return styled(staffing_by_hour(result))


def staffing_by_hour_svg(result: ScenarioRun, rostered: bool = False) -> str:
    return chart_svg(staffing_by_hour(result, rostered))


def service_level_curve_svg(result: ScenarioRun, channel_id: str, hour: int | None = None) -> str:
    return chart_svg(service_level_curve_chart(result, channel_id, hour))


def cost_waterfall_spec(before: ScenarioRun, after: ScenarioRun) -> dict[str, Any]:
    return styled(cost_waterfall(before, after))


def cost_waterfall_svg(before: ScenarioRun, after: ScenarioRun) -> str:
    return chart_svg(cost_waterfall(before, after))
