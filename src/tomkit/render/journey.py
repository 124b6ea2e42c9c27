"""The journey view: where we started, where we are going, where we are now, and the next step.

Drawn like a flight profile: the planned climb from 0 % to 100 % of the work over time, the waves
as stretches of the route, milestones along the way, and a "you are here" mark at today's actual
progress, so the big picture and the next step sit in one picture.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

import altair as alt

from tomkit.analysis.progress import Progress, planned_curve, when
from tomkit.analysis.roadmap import Roadmap
from tomkit.model import Tom
from tomkit.render import style
from tomkit.render.charts import chart_svg, inline, styled
from tomkit.render.errors import RenderError
from tomkit.render.roadmap import date_format

AHEAD = "#1B8A4B"
BEHIND = "#C0392B"


def planned_at(curve: list[tuple[dt.date, float]], day: dt.date) -> float:
    """The planned share of work done on a day, read off the curve (linear between periods)."""
    if not curve:
        return 0.0
    days = [d for d, _ in curve]
    i = bisect.bisect_right(days, day)
    if i == 0:
        return 0.0
    if i == len(curve):
        return curve[-1][1]
    (d0, p0), (d1, p1) = curve[i - 1], curve[i]
    return round(p0 + (p1 - p0) * (day - d0).days / max(1, (d1 - d0).days), 1)


def journey_records(roadmap: Roadmap, state: Progress, tom: Tom | None = None) -> dict[str, Any]:
    curve = planned_curve(roadmap)
    if not curve:
        raise RenderError("the roadmap has no scheduled initiatives, so there is no journey to draw")
    today = state.today
    planned_now = planned_at(curve, today)
    start_label = "Start"
    end_label = "Destination"
    if tom is not None and tom.states:
        first, last = tom.states[tom.baseline_name or ""], tom.states[tom.target_name or ""]
        start_label = f"Start: {first.label or tom.baseline_name}"
        end_label = f"Destination: {last.label or tom.target_name}"
    milestones = []
    for item in state.initiatives:
        for m in item.milestones:
            if m.due is None:
                continue
            milestones.append(
                {"day": m.due.isoformat(), "y": planned_at(curve, m.due), "name": m.name, "done": m.done,
                 "status": "done" if m.done else ("overdue" if m.overdue else "open"),
                 "initiative": item.name, "next": m == state.next_milestone, "label": f"next: {m.name}"}
            )  # fmt: skip
    waves = [
        {"wave": f"{w.number}", "label": f"Wave {w.number} · {w.percent:.0f} %", "start": w.start.isoformat(),
         "end": w.end.isoformat(), "current": w.number == state.wave, "y": 104}
        for w in state.waves
    ]  # fmt: skip
    gap = state.percent - planned_now
    here = {
        "day": today.isoformat(),
        "y": state.percent,
        "label": f"You are here: {state.percent:.0f} % done (plan {planned_now:.0f} %)",
        "colour": AHEAD if gap >= -2 else BEHIND,
    }
    nxt = state.next_milestone
    next_text = (
        f"Next: {nxt.name} ({nxt.due:%d %b %Y}, {when(nxt.due, today)})"
        if nxt and nxt.due
        else "Next: no milestone set"
    )
    ends = [
        {"day": curve[0][0].isoformat(), "y": 0, "label": start_label, "align": "left"},
        {"day": curve[-1][0].isoformat(), "y": 100, "label": end_label, "align": "right"},
    ]
    return {
        "curve": [{"day": d.isoformat(), "planned": p} for d, p in curve],
        "milestones": milestones,
        "waves": waves,
        "here": [here],
        "ends": ends,
        "next": next_text,
    }


def journey_chart(roadmap: Roadmap, state: Progress, tom: Tom | None = None) -> alt.TopLevelMixin:
    data = journey_records(roadmap, state, tom)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[-14, 110], nice=False), axis=None)
    x_axis = alt.Axis(format=date_format(roadmap.start, roadmap.end), title=None, grid=False, labelAngle=0)
    bands = alt.Chart(inline(data["waves"])).mark_rect().encode(
        x=alt.X("start:T", axis=x_axis), x2="end:T",
        color=alt.condition("datum.current", alt.value("#E6EEF7"), alt.value(style.PANEL)),
    )  # fmt: skip
    band_edges = (
        alt.Chart(inline(data["waves"])).mark_rule(color=style.PAPER, strokeWidth=3).encode(x="start:T")
    )
    band_text = alt.Chart(inline(data["waves"])).mark_text(align="left", dx=6, fontSize=12, fontWeight="bold").encode(
        x="start:T", y=y, text="label:N",
        color=alt.condition("datum.current", alt.value(style.ACCENT), alt.value(style.MUTED)),
    )  # fmt: skip
    area = alt.Chart(inline(data["curve"])).mark_area(color=style.ACCENT, opacity=0.12, line={"color": style.ACCENT, "strokeWidth": 2.5}).encode(
        x="day:T", y=alt.Y("planned:Q", scale=alt.Scale(domain=[-14, 110], nice=False), axis=None)
    )  # fmt: skip
    milestones = alt.Chart(inline(data["milestones"])).mark_point(shape="diamond", size=110, strokeWidth=2, opacity=1).encode(
        x="day:T", y=y,
        fill=alt.Color("status:N", scale=alt.Scale(domain=["done", "open", "overdue"], range=[style.ACCENT, style.PAPER, BEHIND]), legend=alt.Legend(title="Milestone", orient="bottom")),
        color=alt.value(style.ACCENT), tooltip=["name:N", "initiative:N", "day:T", "status:N"],
    )  # fmt: skip
    next_text = (
        alt.Chart(inline(data["milestones"]))
        .transform_filter("datum.next")
        .mark_text(align="right", dx=-10, dy=-16, fontSize=12, fontWeight="bold", color=style.ACCENT)
        .encode(x="day:T", y=y, text="label:N")
    )
    ends = alt.Chart(inline(data["ends"]))
    end_points = ends.mark_point(shape="circle", size=160, filled=True, color=style.INK).encode(
        x="day:T", y=y
    )
    start_text = (
        ends.transform_filter("datum.align == 'left'")
        .mark_text(fontSize=13, fontWeight="bold", dy=18, align="left", color=style.INK)
        .encode(x="day:T", y=y, text="label:N")
    )
    end_text = (
        ends.transform_filter("datum.align == 'right'")
        .mark_text(fontSize=13, fontWeight="bold", dy=24, dx=6, align="right", color=style.INK)
        .encode(x="day:T", y=y, text="label:N")
    )
    here = alt.Chart(inline(data["here"]))
    here_rule = here.mark_rule(strokeDash=[5, 3], strokeWidth=2).encode(
        x="day:T", color=alt.Color("colour:N", scale=None)
    )
    here_point = here.mark_point(shape="triangle-up", size=380, filled=True, opacity=1).encode(
        x="day:T", y=y, color=alt.Color("colour:N", scale=None)
    )
    here_text = here.mark_text(align="left", dx=12, dy=26, fontSize=13, fontWeight="bold").encode(
        x="day:T", y=y, text="label:N", color=alt.Color("colour:N", scale=None)
    )
    layers = [bands, band_edges, band_text, area, here_rule]
    if data["milestones"]:
        layers += [milestones, next_text]
    layers += [end_points, start_text, end_text, here_point, here_text]
    return alt.layer(*layers).properties(
        width=860,
        height=340,
        title=alt.Title(
            f"Journey — {roadmap.name}",
            subtitle=[state.headline[:1].upper() + state.headline[1:], data["next"]],
            subtitleColor=style.MUTED, subtitleFontSize=13, offset=12,
        ),
    )  # fmt: skip


def journey_spec(roadmap: Roadmap, state: Progress, tom: Tom | None = None) -> dict[str, Any]:
    return styled(journey_chart(roadmap, state, tom))


def journey_svg(roadmap: Roadmap, state: Progress, tom: Tom | None = None) -> str:
    """The journey view as a standalone SVG."""
    return chart_svg(journey_chart(roadmap, state, tom))
