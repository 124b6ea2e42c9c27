"""Change load per team: how many changes each team carries at once, period by period, against its capacity.

One row per team; a cell's shade is the share of the team's capacity in use, and the count is
printed in it, so a team running at its limit stands out in colour and in figures.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from tomkit.analysis.roadmap import Roadmap
from tomkit.render import style
from tomkit.render.charts import chart_svg, inline, styled
from tomkit.render.errors import RenderError
from tomkit.render.roadmap import date_format

FULL = "#B0527A"
"""A team at its capacity: the strongest shade."""
MAX_COLUMNS = 80


def _step(roadmap: Roadmap) -> int:
    """Periods per column: long plans are drawn in pairs (or more) of periods, showing each one's peak."""
    periods = max((i.end_period for i in roadmap.items), default=0)
    return max(1, -(-periods // MAX_COLUMNS))


def load_records(roadmap: Roadmap) -> list[dict[str, Any]]:
    """One record per team and column: the peak count of running changes, capacity and share in use."""
    teams = sorted({i.team for i in roadmap.items if i.team})
    records = []
    periods = max((i.end_period for i in roadmap.items), default=0)
    step = _step(roadmap)
    for team in teams:
        loads = [n for _, n in roadmap.load(team)]
        cap = roadmap.capacity.get(team, 0)
        label = f"{roadmap.team_names.get(team, team)} (capacity {cap})"
        for first in range(0, periods, step):
            chunk = loads[first : first + step] or [0]
            count = max(chunk)
            share = count / cap if cap else 0.0
            fill = style.mix(style.PAPER, FULL, 0.15 + 0.85 * share) if count else style.PAPER
            records.append(
                {"team": label, "start": roadmap.calendar.date(first).isoformat(),
                 "end": roadmap.calendar.date(first + step).isoformat(), "count": count, "capacity": cap,
                 "share": round(share, 2), "fill": fill, "ink": style.text_on(fill) if count else style.FAINT,
                 "full": bool(cap) and count >= cap}
            )  # fmt: skip
    return records


def change_load_chart(roadmap: Roadmap) -> alt.TopLevelMixin:
    records = load_records(roadmap)
    if not records:
        raise RenderError("no initiative names a team, so there is no change load to draw")
    teams = list(dict.fromkeys(r["team"] for r in records))
    columns = len(records) // len(teams)
    base = alt.Chart(inline(records)).encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format=date_format(roadmap.start, roadmap.end), orient="top", labelAngle=0, grid=False)),
        x2="end:T",
        y=alt.Y("team:N", sort=teams, title=None, axis=alt.Axis(domain=False, ticks=False, labelPadding=8, labelLimit=260)),
    )  # fmt: skip
    cells = base.mark_rect(stroke=style.PAPER, strokeWidth=1).encode(
        color=alt.Color("fill:N", scale=None),
        tooltip=["team:N", "start:T", "count:Q", "capacity:Q"],
    )
    layers: list[alt.Chart] = [cells]
    if columns <= 90:
        layers.append(
            base.transform_filter("datum.count > 0")
            .transform_calculate(mid="(toDate(datum.start) + toDate(datum.end)) / 2")
            .mark_text(fontSize=10 if columns <= 60 else 8)
            .encode(x="mid:T", text="count:Q", color=alt.Color("ink:N", scale=None))
        )
    marker = [{"day": roadmap.today.isoformat()}]
    layers.append(alt.Chart(inline(marker)).mark_rule(color=style.REMOVED.colour, strokeWidth=2, strokeDash=[5, 3]).encode(x="day:T"))  # fmt: skip
    step = _step(roadmap)
    unit = roadmap.calendar.singular if step == 1 else f"{step} {roadmap.calendar.unit}"
    busiest = max(records, key=lambda r: (r["share"], r["count"]))
    subtitle = [
        f"concurrent changes per team, peak per {unit}; darkest: at capacity; red dashes: today",
        f"peak {busiest['count']} of {busiest['capacity']} for {busiest['team'].split(' (')[0]}",
    ]
    return alt.layer(*layers).properties(
        width=max(520, min(900, 14 * columns)),
        height=34 * len(teams),
        title=alt.Title(f"Change load — {roadmap.name}", subtitle=subtitle, subtitleColor=style.MUTED, subtitleFontSize=12, offset=10),
    )  # fmt: skip


def change_load_spec(roadmap: Roadmap) -> dict[str, Any]:
    return styled(change_load_chart(roadmap))


def change_load_svg(roadmap: Roadmap) -> str:
    """The per-team change load as a standalone SVG."""
    return chart_svg(change_load_chart(roadmap))
