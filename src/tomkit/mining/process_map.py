"""The process map as a picture: a directly-follows graph drawn by Graphviz in the house style.

Frequency maps label and weigh edges by count; performance maps by a duration statistic. Node shade
follows how often the activity occurs, so the busy path stands out in print as on screen.
"""

from __future__ import annotations

import html
import shutil
from typing import Literal

import graphviz

from tomkit.mining.dfg import Dfg, Edge
from tomkit.mining.errors import MiningError
from tomkit.mining.handovers import HandoverReport
from tomkit.render.style import ACCENT, CHANGED, FAINT, FONT_FAMILY, INK, MUTED, PAPER

Mode = Literal["frequency", "performance"]
Statistic = Literal["mean", "median", "min", "max", "total"]
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


def _shade(weight: float) -> str:
    """From paper to a light accent tint by weight (0..1)."""
    base = (0xFF, 0xFF, 0xFF)
    tint = (0xC9, 0xD8, 0xEC)
    mix = [round(b + (t - b) * weight) for b, t in zip(base, tint, strict=True)]
    return "#" + "".join(f"{c:02X}" for c in mix)


def process_map_dot(dfg: Dfg, mode: Mode = "frequency", statistic: Statistic = "median") -> graphviz.Digraph:
    """The Graphviz graph of a DFG (keep it small first with `Dfg.top`)."""
    if mode == "performance" and not dfg.performance:
        raise MiningError("this graph has no durations: discover it with performance on")
    graph = graphviz.Digraph("process_map", graph_attr={
        "rankdir": "TB", "bgcolor": PAPER, "fontname": FONT_FAMILY, "nodesep": "0.35", "ranksep": "0.45",
    }, node_attr={"fontname": FONT_FAMILY, "fontsize": "11", "color": INK, "fontcolor": INK},
        edge_attr={"fontname": FONT_FAMILY, "fontsize": "9", "fontcolor": MUTED, "color": MUTED})  # fmt: skip
    top = max(dfg.activities.values(), default=1)
    ids = {activity: f"a{i}" for i, activity in enumerate(dfg.activities)}
    for activity, count in dfg.activities.items():
        label = f"<<b>{html.escape(activity)}</b><br/><font point-size='9'>{count:,}</font>>"
        graph.node(
            ids[activity], label=label, shape="box", style="rounded,filled", fillcolor=_shade(count / top)
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
    """The process map as SVG text (needs Graphviz's `dot` program)."""
    if shutil.which("dot") is None:
        raise MiningError("Graphviz is not installed (the `dot` program draws process maps)",
                          hint="install the graphviz package of your system")  # fmt: skip
    svg: bytes = process_map_dot(dfg, mode, statistic).pipe(format="svg")
    return svg.decode("utf-8")


def handover_map_dot(report: HandoverReport, top: int = 25) -> graphviz.Digraph:
    """Who hands work to whom: groups as nodes, the `top` busiest hand-overs as edges; edges that
    bounce back (ping-pong A > B > A) are drawn in the changed colour with their bounce count."""
    graph = graphviz.Digraph("handover_map", graph_attr={
        "rankdir": "LR", "bgcolor": PAPER, "fontname": FONT_FAMILY, "nodesep": "0.3", "ranksep": "0.8",
    }, node_attr={"fontname": FONT_FAMILY, "fontsize": "11", "color": INK, "fontcolor": INK, "shape": "box",
                  "style": "rounded,filled"},
        edge_attr={"fontname": FONT_FAMILY, "fontsize": "9", "fontcolor": MUTED, "color": MUTED})  # fmt: skip
    edges = sorted(report.handovers, key=lambda h: (-h.count, h.source, h.target))[: max(top, 0)]
    bounced = {(p.first, p.second): p.count for p in report.ping_pong}
    volume: dict[str, int] = {}
    for h in edges:
        volume[h.source] = volume.get(h.source, 0) + h.count
        volume[h.target] = volume.get(h.target, 0) + h.count
    busiest = max(volume.values(), default=1)
    ids = {name: f"g{i}" for i, name in enumerate(sorted(volume))}
    for name, ident in ids.items():
        graph.node(ident, label=name, fillcolor=_shade(volume[name] / busiest))
    heaviest = max((h.count for h in edges), default=1)
    for h in edges:
        back = bounced.get((h.source, h.target), 0)
        label = f"{h.count:,}" + (f" (↺{back:,})" if back else "")
        graph.edge(ids[h.source], ids[h.target], label=label, penwidth=f"{0.8 + 3.2 * h.count / heaviest:.2f}",
                   color=CHANGED.colour if back else MUTED)  # fmt: skip
    return graph


def handover_map_svg(report: HandoverReport, top: int = 25) -> str:
    """The hand-over map as SVG text (needs Graphviz's `dot` program)."""
    if shutil.which("dot") is None:
        raise MiningError("Graphviz is not installed (the `dot` program draws the map)",
                          hint="install the graphviz package of your system")  # fmt: skip
    svg: bytes = handover_map_dot(report, top).pipe(format="svg")
    return svg.decode("utf-8")
