"""The process map as a picture: a directly-follows graph drawn by Graphviz in the house style.

Frequency maps label and weigh edges by count; performance maps by a duration statistic. Node shade
follows how often the activity occurs, so the busy path stands out in print as on screen. The graph
itself (`tomkit.mining.dfg.Dfg`) comes from the mining engine; this module only draws it.
"""

from __future__ import annotations

import html
from typing import Literal

import graphviz

from tomkit.mining.dfg import Dfg, Edge
from tomkit.render.errors import RenderError
from tomkit.render.relationship_map import pipe_svg
from tomkit.render.style import ACCENT, FAINT, FONT_FAMILY, INK, MUTED, PAPER

Mode = Literal["frequency", "performance"]
Statistic = Literal["mean", "median", "min", "max", "total"]
MODES: tuple[Mode, ...] = ("frequency", "performance")
STATISTICS: tuple[Statistic, ...] = ("mean", "median", "min", "max", "total")
_START, _END = "__start__", "__end__"


def human_duration(seconds: float) -> str:
    """Short duration text: 45s, 12m, 3.5h, 2.1d."""
    if seconds < 60:
        return f"{seconds:.0f}s"
    if seconds < 3600:
        return f"{seconds / 60:.0f}m"
    if seconds < 86400:
        return f"{seconds / 3600:.1f}h"
    return f"{seconds / 86400:.1f}d"


def shade(weight: float) -> str:
    """From paper to a light accent tint by weight (0..1): busier nodes are darker."""
    base = (0xFF, 0xFF, 0xFF)
    tint = (0xC9, 0xD8, 0xEC)
    w = min(max(weight, 0.0), 1.0)
    mix = [round(b + (t - b) * w) for b, t in zip(base, tint, strict=True)]
    return "#" + "".join(f"{c:02X}" for c in mix)


def _check(mode: str, statistic: str) -> None:
    if mode not in MODES:
        raise RenderError(f"unknown map mode {mode!r}: choose {' or '.join(MODES)}")
    if statistic not in STATISTICS:
        raise RenderError(f"unknown statistic {statistic!r}: choose one of {', '.join(STATISTICS)}")


def process_map_dot(dfg: Dfg, mode: Mode = "frequency", statistic: Statistic = "median") -> graphviz.Digraph:
    """The Graphviz graph of a DFG (keep it small first with `Dfg.top`)."""
    _check(mode, statistic)
    if mode == "performance" and not dfg.performance:
        raise RenderError("this graph has no durations: discover it with performance on")
    graph = graphviz.Digraph("process_map", graph_attr={
        "rankdir": "TB", "bgcolor": PAPER, "fontname": FONT_FAMILY, "nodesep": "0.35", "ranksep": "0.45",
    }, node_attr={"fontname": FONT_FAMILY, "fontsize": "11", "color": INK, "fontcolor": INK},
        edge_attr={"fontname": FONT_FAMILY, "fontsize": "9", "fontcolor": MUTED, "color": MUTED})  # fmt: skip
    top = max(dfg.activities.values(), default=1)
    ids = {activity: f"a{i}" for i, activity in enumerate(dfg.activities)}
    for activity, count in dfg.activities.items():
        label = f"<<b>{html.escape(activity)}</b><br/><font point-size='9'>{count:,}</font>>"
        graph.node(
            ids[activity], label=label, shape="box", style="rounded,filled", fillcolor=shade(count / top)
        )
    graph.node(_START, label="", shape="circle", width="0.22", style="filled", fillcolor=ACCENT, color=ACCENT)
    graph.node(_END, label="", shape="doublecircle", width="0.18", style="filled", fillcolor=INK, color=INK)

    def weight(edge: Edge) -> float:
        return float(getattr(edge, statistic)) if mode == "performance" else float(edge.count)

    heaviest = max((weight(e) for e in dfg.edges), default=1.0) or 1.0
    for edge in dfg.edges:
        w = weight(edge)
        text = human_duration(w) if mode == "performance" else f"{edge.count:,}"
        graph.edge(ids[edge.source], ids[edge.target], label=text, penwidth=f"{0.8 + 3.2 * w / heaviest:.2f}")
    for activity, count in dfg.start.items():
        if activity in ids:
            graph.edge(_START, ids[activity], label=f"{count:,}", style="dashed", color=FAINT)
    for activity, count in dfg.end.items():
        if activity in ids:
            graph.edge(ids[activity], _END, label=f"{count:,}", style="dashed", color=FAINT)
    return graph


def process_map_svg(dfg: Dfg, mode: Mode = "frequency", statistic: Statistic = "median") -> str:
    """The process map as standalone SVG text (needs Graphviz's `dot` program)."""
    return pipe_svg(process_map_dot(dfg, mode, statistic))
