"""The people-impact chart: FTE per team before and after, with the change written beside each team.

Before is a light bar and after a dark one, and every bar carries its figure, so the chart reads in
black and white and the change can be quoted straight off the slide.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from tomkit.analysis.gaps import GapReport
from tomkit.model import Tom
from tomkit.render import style
from tomkit.render.charts import chart_svg, inline, styled
from tomkit.render.errors import RenderError
from tomkit.render.svg import number

BEFORE_COLOUR = "#C9CDD4"


def _signed(value: float) -> str:
    if abs(value) < 1e-9:
        return "±0"
    return ("+" if value > 0 else "−") + number(abs(value))


def _tone(delta: float) -> str:
    if delta < 0:
        return style.REMOVED.colour
    return style.ADDED.colour if delta > 0 else style.MUTED


def people_records(report: GapReport, tom: Tom | None = None) -> list[dict[str, Any]]:
    """One record per team and side (before / after): the data behind the chart."""
    before_label, after_label = f"Before ({report.from_state})", f"After ({report.to_state})"
    records: list[dict[str, Any]] = []
    rows = sorted(report.people.fte_by_team, key=lambda t: (-max(t[1], t[2]), t[0]))
    for order, (team_id, before, after) in enumerate(rows):
        element = tom.element_anywhere(team_id) if tom is not None else None
        name = element.name if element is not None else team_id
        if team_id in report.people.teams_added:
            name += " (new)"
        elif team_id in report.people.teams_removed:
            name += " (closed)"
        for side, fte in ((before_label, before), (after_label, after)):
            records.append(
                {"team": name, "order": order, "side": side, "fte": fte, "label": number(fte),
                 "delta": after - before, "change": _signed(after - before), "tone": _tone(after - before)}
            )  # fmt: skip
    return records


def people_chart(report: GapReport, tom: Tom | None = None) -> alt.TopLevelMixin:
    records = people_records(report, tom)
    if not records:
        raise RenderError(f"no teams in {report.from_state!r} or {report.to_state!r}: nothing to chart")
    teams = list(dict.fromkeys(r["team"] for r in records))
    sides = list(dict.fromkeys(r["side"] for r in records))
    data = inline(records)
    height = 46 * len(teams)
    y = alt.Y(
        "team:N",
        sort=teams,
        title=None,
        axis=alt.Axis(labelLimit=260, labelFontSize=13, labelPadding=8, ticks=False, domain=False),
    )
    base = alt.Chart(data).encode(y=y, yOffset=alt.YOffset("side:N", sort=sides))
    bars = base.mark_bar(height={"band": 0.9}).encode(
        x=alt.X("fte:Q", title="FTE", axis=alt.Axis(grid=True, tickMinStep=1)),
        color=alt.Color("side:N", sort=sides, title=None,
                        scale=alt.Scale(domain=sides, range=[BEFORE_COLOUR, style.ACCENT]),
                        legend=alt.Legend(orient="top", direction="horizontal")),
        tooltip=["team:N", "side:N", "fte:Q"],
    )  # fmt: skip
    labels = base.mark_text(align="left", dx=4, fontSize=11, color=style.INK).encode(
        x="fte:Q", text="label:N"
    )
    left = alt.layer(bars, labels).properties(width=520, height=height)
    changes = (
        alt.Chart(data)
        .transform_filter(alt.datum.side == sides[-1])
        .mark_text(fontSize=14, fontWeight="bold", align="right")
        .encode(
            y=alt.Y("team:N", sort=teams, axis=None),
            text="change:N",
            color=alt.Color("tone:N", scale=None),
        )
        .properties(width=60, height=height, title=alt.Title("Change", fontSize=12, color=style.MUTED, anchor="end"))
    )  # fmt: skip
    p = report.people
    subtitle = (
        f"{number(p.fte_before)} → {number(p.fte_after)} FTE ({_signed(p.fte_after - p.fte_before)})"
        f" · {len(p.teams_added)} teams new · {len(p.teams_removed)} closed"
        f" · {len(p.roles_added)} roles new · {len(p.roles_removed)} gone · {len(p.skills_needed)} skills needed"
    )
    return alt.hconcat(left, changes, spacing=16).properties(
        title=alt.Title("People impact: FTE by team", subtitle=subtitle, subtitleColor=style.MUTED,
                        subtitleFontSize=12, offset=10)
    )  # fmt: skip


def people_spec(report: GapReport, tom: Tom | None = None) -> dict[str, Any]:
    """The Vega-Lite spec, for the web app to embed."""
    return styled(people_chart(report, tom))


def people_svg(report: GapReport, tom: Tom | None = None) -> str:
    """The people-impact chart as a standalone SVG; team names come from `tom` when given."""
    return chart_svg(people_chart(report, tom))
