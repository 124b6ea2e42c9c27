"""The roadmap as a Gantt chart: rows by wave and owner, dependencies drawn, quick wins and today marked.

Rows are numbered (a quantitative axis with labels looked up by number) so that dependency lines
can run from the end of one bar to the start of another; Vega-Lite cannot draw between bands.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import altair as alt

from tomkit.analysis.roadmap import PlannedInitiative, Roadmap
from tomkit.model import Tom
from tomkit.render import style
from tomkit.render.charts import chart_svg, inline, styled
from tomkit.render.errors import RenderError

QUICK_WIN = "★"
STATUS_COLOURS: dict[str, str] = {
    "done": "#8A8F98",
    "in-progress": "#3F6EA6",
    "planned": "#2F8F8A",
    "proposed": "#B87A00",
    "on-hold": "#C0392B",
}
"""Bars are coloured by status; the owner is written at the end of each bar."""
ROW_HEIGHT = 26


def date_format(start: dt.date, end: dt.date) -> str:
    """Month and year for long plans; day and month when a plan spans less than about seven months."""
    return "%d %b" if (end - start).days < 210 else "%b %Y"


def owner_names(tom: Tom | None) -> dict[str, str]:
    return {p.id: p.name for p in tom.people} if tom else {}


def _rows(roadmap: Roadmap) -> list[PlannedInitiative]:
    """By wave, then start, then owner: a reader scans one wave at a time, in the order work begins."""
    return sorted(roadmap.items, key=lambda i: (i.wave, i.start, i.owner or "~", i.id))


def _label(item: PlannedInitiative, width: int = 34) -> str:
    text = item.name if len(item.name) <= width else item.name[: width - 1] + "…"
    return f"{QUICK_WIN} {text}" if item.quick_win else text


def gantt_records(roadmap: Roadmap, tom: Tom | None = None) -> dict[str, list[dict[str, Any]]]:
    """The data behind the picture: bars, dependency links and wave bands."""
    names = owner_names(tom)
    rows = _rows(roadmap)
    index = {item.id: n for n, item in enumerate(rows)}
    bars = []
    for n, item in enumerate(rows):
        done_to = item.start + (item.end - item.start) * (item.progress / 100)
        bars.append(
            {
                "row": n, "top": n - 0.32, "bottom": n + 0.32, "id": item.id, "label": _label(item), "name": item.name,
                "owner": names.get(item.owner or "", item.owner or "no owner"),
                "team": roadmap.team_names.get(item.team or "", item.team or "—"),
                "wave": item.wave, "start": item.start.isoformat(), "end": item.end.isoformat(),
                "done_to": done_to.isoformat(), "progress": item.progress, "status": item.status,
                "critical": item.critical, "quick_win": item.quick_win, "why": item.why[-1],
            }
        )  # fmt: skip
    links = []
    for item in rows:
        for dep in item.depends_on:
            if dep in index:
                before = rows[index[dep]]
                links.append(
                    {"from": dep, "to": item.id, "x": before.end.isoformat(), "y": index[dep],
                     "x2": item.start.isoformat(), "y2": index[item.id]}
                )  # fmt: skip
    waves = [
        {"wave": w.label, "start": w.start.isoformat(), "end": w.end.isoformat(), "shade": w.number % 2,
         "top": -0.9}
        for w in roadmap.waves
    ]  # fmt: skip
    return {"bars": bars, "links": links, "waves": waves}


def roadmap_chart(
    roadmap: Roadmap, tom: Tom | None = None, *, today: dt.date | None = None
) -> alt.TopLevelMixin:
    if not roadmap.items:
        raise RenderError("the roadmap has no scheduled initiatives to draw")
    data = gantt_records(roadmap, tom)
    bars, n_rows = data["bars"], len(data["bars"])
    labels = json.dumps([b["label"] for b in bars])
    statuses = [s for s in STATUS_COLOURS if any(b["status"] == s for b in bars)]
    span = (roadmap.end - roadmap.start).days
    domain = [roadmap.start.isoformat(), (roadmap.end + dt.timedelta(days=max(30, span // 7))).isoformat()]
    y_scale = alt.Scale(domain=[-1.2, n_rows - 0.4], reverse=True, nice=False, zero=False)
    y_axis = alt.Axis(
        values=list(range(n_rows)), labelExpr=f"{labels}[datum.value]", title=None, grid=False,
        domain=False, ticks=False, labelLimit=320, labelPadding=6, labelFontSize=12, labelOverlap=False,
    )  # fmt: skip
    x = alt.X(
        "start:T",
        title=None,
        scale=alt.Scale(domain=domain),
        axis=alt.Axis(format=date_format(roadmap.start, roadmap.end), orient="top", grid=True, labelAngle=0),
    )

    band = (
        alt.Chart(inline(data["waves"]))
        .mark_rect(opacity=1)
        .encode(
            x="start:T",
            x2="end:T",
            color=alt.condition("datum.shade == 1", alt.value(style.PANEL), alt.value(style.PAPER)),
        )
    )
    wave_text = (
        alt.Chart(inline(data["waves"]))
        .mark_text(align="left", dx=6, fontWeight="bold", color=style.MUTED, fontSize=12)
        .encode(x="start:T", y=alt.Y("top:Q", scale=y_scale, axis=y_axis), text="wave:N")
    )
    base = alt.Chart(inline(bars))
    colour = alt.Color(
        "status:N",
        scale=alt.Scale(domain=statuses, range=[STATUS_COLOURS[s] for s in statuses]),
        legend=alt.Legend(title="Status", orient="bottom", direction="horizontal"),
    )
    tooltip = ["name:N", "owner:N", "team:N", "start:T", "end:T", "progress:Q", "why:N"]
    bar = base.mark_rect(cornerRadius=3, fillOpacity=0.45, strokeOpacity=1).encode(
        x=x, x2="end:T", y=alt.Y("top:Q", scale=y_scale, axis=y_axis), y2="bottom:Q", color=colour, tooltip=tooltip,
        stroke=alt.condition("datum.critical", alt.value(style.INK), alt.value(None)),
        strokeWidth=alt.condition("datum.critical", alt.value(2), alt.value(0)),
    )  # fmt: skip
    done = base.transform_filter("datum.progress > 0").mark_rect(cornerRadius=3).encode(
        x="start:T", x2="done_to:T", y=alt.Y("top:Q", scale=y_scale, axis=y_axis), y2="bottom:Q", color=colour
    )  # fmt: skip
    star = base.transform_filter("datum.quick_win").mark_text(text=QUICK_WIN, fontSize=15, dx=-9, color="#B87A00").encode(
        x="start:T", y=alt.Y("row:Q", scale=y_scale, axis=y_axis)
    )  # fmt: skip
    owner = base.mark_text(align="left", dx=4, fontSize=10, color=style.MUTED).encode(
        x="end:T", y=alt.Y("row:Q", scale=y_scale, axis=y_axis), text="owner:N"
    )
    edges = alt.Chart(inline(data["waves"])).mark_rule(color=style.FAINT, strokeWidth=1.5).encode(x="start:T")
    layers: list[alt.Chart] = [band, edges, wave_text, bar, done, star, owner]
    if data["links"]:
        link_base = alt.Chart(inline(data["links"]))
        layers.append(
            link_base.mark_rule(color=style.MUTED, strokeWidth=1, opacity=0.55).encode(
                x="x:T", x2="x2:T", y=alt.Y("y:Q", scale=y_scale, axis=y_axis), y2="y2:Q"
            )
        )
        layers.append(
            link_base.mark_point(
                shape="triangle-right", filled=True, size=45, color=style.MUTED, opacity=1
            ).encode(x="x2:T", y=alt.Y("y2:Q", scale=y_scale, axis=y_axis))
        )
    day = today or roadmap.today
    marker = [{"day": day.isoformat(), "label": f"today {day:%d %b}", "top": n_rows - 0.7}]
    layers.append(
        alt.Chart(inline(marker))
        .mark_rule(color=style.REMOVED.colour, strokeWidth=2, strokeDash=[5, 3])
        .encode(x="day:T")
    )
    layers.append(
        alt.Chart(inline(marker)).mark_text(align="left", dx=4, color=style.REMOVED.colour, fontWeight="bold").encode(
            x="day:T", y=alt.Y("top:Q", scale=y_scale, axis=y_axis), text="label:N"
        )
    )  # fmt: skip
    ends = f"{roadmap.start:%d %b %Y} – {roadmap.end:%d %b %Y}"
    subtitle = (
        f"{len(roadmap.items)} initiatives in {len(roadmap.waves)} waves · {ends} · "
        f"{QUICK_WIN} quick win · dark outline: critical path · solid part: done · lines: dependencies · "
        "red dashes: today"
    )
    return alt.layer(*layers).properties(
        width=860,
        height=ROW_HEIGHT * (n_rows + 1),
        title=alt.Title(f"Roadmap — {roadmap.name}", subtitle=subtitle, subtitleColor=style.MUTED, subtitleFontSize=12, offset=10),
    )  # fmt: skip


def roadmap_spec(roadmap: Roadmap, tom: Tom | None = None, *, today: dt.date | None = None) -> dict[str, Any]:
    """The Vega-Lite spec, for the web app to embed."""
    return styled(roadmap_chart(roadmap, tom, today=today))


def roadmap_svg(roadmap: Roadmap, tom: Tom | None = None, *, today: dt.date | None = None) -> str:
    """The roadmap Gantt as a standalone SVG."""
    return chart_svg(roadmap_chart(roadmap, tom, today=today))
