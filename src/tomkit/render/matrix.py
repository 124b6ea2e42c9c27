"""The value / effort priority matrix: quick wins top left, major projects top right.

Initiatives sharing a cell are spread on a small fixed grid (never random), so the same plan
always gives the same picture; the dot's size shows the risk.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import altair as alt

from tomkit.analysis.roadmap import Roadmap
from tomkit.analysis.scoring import QUADRANT_LABELS, Quadrant
from tomkit.render import style
from tomkit.render.charts import chart_svg, inline, styled
from tomkit.render.errors import RenderError

QUADRANT_COLOURS: dict[Quadrant, str] = {
    "quick-win": "#1B8A4B",
    "major-project": "#3F6EA6",
    "fill-in": "#8A8F98",
    "thankless": "#C0392B",
}
EFFORT_LABELS = ["XS", "S", "M", "L", "XL"]
VALUE_LABELS = ["Low", "Medium", "High"]


def _spread(count: int) -> list[tuple[float, float]]:
    """Offsets for `count` dots in one cell: a compact grid centred on the cell."""
    side = math.ceil(math.sqrt(count))
    step = 0.7 / max(side, 1)
    out = []
    for n in range(count):
        row, col = divmod(n, side)
        out.append(((col - (side - 1) / 2) * step, ((side - 1) / 2 - row) * step * 0.8))
    return out


def matrix_records(roadmap: Roadmap) -> list[dict[str, Any]]:
    """One record per initiative, numbered from the most to the least attractive (quick wins first)."""
    ordered = sorted(roadmap.items, key=lambda i: (-i.scores.value, i.scores.effort, i.scores.risk, i.id))
    number = {item.id: n for n, item in enumerate(ordered, start=1)}
    cells: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for item in ordered:
        cells[(item.scores.effort, item.scores.value)].append(item)
    records = []
    for (effort, value), items in sorted(cells.items()):
        for item, (dx, dy) in zip(items, _spread(len(items)), strict=True):
            n = number[item.id]
            records.append(
                {"n": n, "id": item.id, "name": item.name, "x": effort + dx, "y": value + dy,
                 "effort": EFFORT_LABELS[effort - 1], "value": VALUE_LABELS[value - 1], "risk": item.scores.risk,
                 "quadrant": QUADRANT_LABELS[item.scores.quadrant], "wave": item.wave,
                 "key": f"{n:>2}  {item.name if len(item.name) <= 44 else item.name[:43] + '…'}",
                 "basis": f"{item.scores.value_basis}; {item.scores.effort_basis}; {item.scores.risk_basis}"}
            )  # fmt: skip
    return sorted(records, key=lambda r: r["n"])


def matrix_chart(roadmap: Roadmap) -> alt.TopLevelMixin:
    records = matrix_records(roadmap)
    if not records:
        raise RenderError("the roadmap has no initiatives to place on the matrix")
    x_scale = alt.Scale(domain=[0.5, 5.5], nice=False, zero=False)
    y_scale = alt.Scale(domain=[0.5, 3.5], nice=False, zero=False)
    x = alt.X("x:Q", scale=x_scale, title="Effort →", axis=alt.Axis(values=[1, 2, 3, 4, 5], labelExpr=f"{EFFORT_LABELS}[datum.value - 1]", grid=False))  # fmt: skip
    y = alt.Y("y:Q", scale=y_scale, title="Value →", axis=alt.Axis(values=[1, 2, 3], labelExpr=f"{VALUE_LABELS}[datum.value - 1]", grid=False))  # fmt: skip
    quadrants = [
        {"x": 0.5, "x2": 2.5, "y": 2.5, "y2": 3.5, "name": "Quick wins", "fill": "#E2F3E9", "tx": 0.6, "ty": 3.42},
        {"x": 2.5, "x2": 5.5, "y": 2.5, "y2": 3.5, "name": "Major projects", "fill": "#ECF1F8", "tx": 2.6, "ty": 3.42},
        {"x": 0.5, "x2": 2.5, "y": 0.5, "y2": 2.5, "name": "Fill-ins", "fill": style.PANEL, "tx": 0.6, "ty": 2.42},
        {"x": 2.5, "x2": 5.5, "y": 0.5, "y2": 2.5, "name": "Thankless tasks", "fill": "#FBE6E3", "tx": 2.6, "ty": 2.42},
    ]  # fmt: skip
    q = alt.Chart(inline(quadrants))
    areas = q.mark_rect(stroke=style.PAPER, strokeWidth=3).encode(
        x=alt.X("x:Q", scale=x_scale), x2="x2:Q", y=alt.Y("y:Q", scale=y_scale), y2="y2:Q",
        color=alt.Color("fill:N", scale=None),
    )  # fmt: skip
    names = q.mark_text(
        align="left", baseline="top", fontSize=13, fontWeight="bold", color=style.MUTED
    ).encode(x=alt.X("tx:Q", scale=x_scale), y=alt.Y("ty:Q", scale=y_scale), text="name:N")
    base = alt.Chart(inline(records))
    colours = {QUADRANT_LABELS[k]: v for k, v in QUADRANT_COLOURS.items()}
    dots = base.mark_circle(opacity=0.9, stroke=style.PAPER, strokeWidth=1).encode(
        x=x, y=y,
        size=alt.Size("risk:Q", scale=alt.Scale(domain=[1, 3], range=[150, 380]), legend=alt.Legend(title="Risk", values=[1, 2, 3], labelExpr="['', 'low', 'medium', 'high'][datum.value]", orient="bottom", direction="horizontal")),
        color=alt.Color("quadrant:N", scale=alt.Scale(domain=list(colours), range=list(colours.values())), legend=None),
        tooltip=["name:N", "value:N", "effort:N", "risk:Q", "wave:Q", "basis:N"],
    )  # fmt: skip
    labels = base.mark_text(fontSize=9, fontWeight="bold", color=style.PAPER).encode(x=x, y=y, text="n:Q")
    key = (
        alt.Chart(inline(records))
        .mark_text(align="left", fontSize=11, color=style.INK)
        .encode(
            x=alt.value(0),
            y=alt.Y("n:O", axis=None),
            text="key:N",
            color=alt.Color("quadrant:N", scale=alt.Scale(domain=list(colours), range=list(colours.values())), legend=None),
        )
        .properties(width=300, height=16 * len(records))
    )  # fmt: skip
    plot = alt.layer(areas, names, dots, labels).properties(width=760, height=460)
    return alt.hconcat(plot, key, spacing=24).properties(
        title=alt.Title(
            f"Priorities — {roadmap.name}",
            subtitle=f"{len(records)} initiatives by value and effort · dot size: risk · hover for the reasons",
            subtitleColor=style.MUTED, subtitleFontSize=12, offset=10,
        ),
    )  # fmt: skip


def matrix_spec(roadmap: Roadmap) -> dict[str, Any]:
    return styled(matrix_chart(roadmap))


def matrix_svg(roadmap: Roadmap) -> str:
    """The value / effort matrix as a standalone SVG."""
    return chart_svg(matrix_chart(roadmap))
