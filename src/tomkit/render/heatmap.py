"""The gap heatmap: how much changes where, by dimension or by people / process / technology / governance.

Each column is shaded in its change type's own colour and every cell prints its count, so the
picture reads in black and white too.
"""

from __future__ import annotations

from typing import Any, Literal

import altair as alt

from tomkit.analysis.gaps import ChangeType, GapReport
from tomkit.model import Dimension, Lens
from tomkit.render import style
from tomkit.render.charts import chart_svg, inline, styled
from tomkit.render.errors import RenderError

By = Literal["dimension", "lens"]
_CHANGES = (ChangeType.ADDED, ChangeType.REMOVED, ChangeType.CHANGED)
TOTAL = "Total"


def column_label(change: ChangeType) -> str:
    s = style.change_style(change)
    return f"{s.symbol} {s.label}"


def heatmap_cells(report: GapReport, by: By = "dimension") -> list[dict[str, Any]]:
    """One record per row and change type (plus a total per row): the data behind the heatmap."""
    if by == "dimension":
        table: dict[Any, dict[ChangeType, int]] = dict(report.by_dimension())
        labels: dict[Any, str] = {d: d.label for d in Dimension}
    elif by == "lens":
        table = dict(report.by_lens())
        labels = {lens: style.LENS_LABELS[lens] for lens in Lens}
    else:
        raise RenderError(f"by must be 'dimension' or 'lens', got {by!r}")
    peak = max((n for row in table.values() for n in row.values()), default=0) or 1
    peak_total = max((sum(row.values()) for row in table.values()), default=0) or 1
    cells: list[dict[str, Any]] = []
    for order, (key, row) in enumerate(table.items()):
        for change in _CHANGES:
            count = row.get(change, 0)
            s = style.change_style(change)
            fill = style.mix("#FFFFFF", s.colour, 0.12 + 0.88 * count / peak) if count else "#FFFFFF"
            cells.append(
                {"row": labels[key], "order": order, "column": column_label(change), "change": change.value,
                 "count": count, "fill": fill, "ink": style.text_on(fill) if count else style.FAINT}
            )  # fmt: skip
        total = sum(row.values())
        fill = style.mix("#FFFFFF", style.INK, 0.08 + 0.6 * total / peak_total) if total else "#FFFFFF"
        cells.append(
            {"row": labels[key], "order": order, "column": TOTAL, "change": "total", "count": total,
             "fill": fill, "ink": style.text_on(fill) if total else style.FAINT}
        )  # fmt: skip
    return cells


def heatmap_chart(report: GapReport, by: By = "dimension") -> alt.TopLevelMixin:
    cells = heatmap_cells(report, by)
    rows = list(dict.fromkeys(c["row"] for c in cells))
    columns = [column_label(c) for c in _CHANGES] + [TOTAL]
    base = alt.Chart(inline(cells)).encode(
        x=alt.X("column:N", sort=columns, title=None, axis=alt.Axis(orient="top", labelAngle=0, labelFontWeight="bold", domain=False, ticks=False, labelPadding=8)),
        y=alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(domain=False, ticks=False, labelPadding=8, labelLimit=240)),
    )  # fmt: skip
    rect = base.mark_rect(stroke="#FFFFFF", strokeWidth=3).encode(
        color=alt.Color("fill:N", scale=None), tooltip=["row:N", "column:N", "count:Q"]
    )
    text = base.mark_text(fontSize=15, fontWeight="bold").encode(
        text=alt.Text("count:Q"), color=alt.Color("ink:N", scale=None)
    )
    title = "Gaps by " + ("dimension" if by == "dimension" else "lens")
    return alt.layer(rect, text).properties(
        width=110 * len(columns),
        height=44 * len(rows),
        title=alt.Title(title, subtitle=f"{report.from_state} → {report.to_state} · {len(report.elements)} element gaps",
                        subtitleColor=style.MUTED, subtitleFontSize=12, offset=12),
    )  # fmt: skip


def heatmap_spec(report: GapReport, by: By = "dimension") -> dict[str, Any]:
    """The Vega-Lite spec, for the web app to embed."""
    return styled(heatmap_chart(report, by))


def heatmap_svg(report: GapReport, by: By = "dimension") -> str:
    """The gap heatmap as a standalone SVG: rows by dimension (or lens), columns by change type."""
    return chart_svg(heatmap_chart(report, by))
