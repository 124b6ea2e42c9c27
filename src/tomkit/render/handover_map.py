"""The hand-over map: who hands work to whom, drawn by Graphviz in the house style.

The hand-overs and ping-pong counts come from the mining engine (`tomkit.mining.handovers`); this
module only draws them. Edges that bounce back (A > B > A) take the changed colour, so rework between
teams is visible at a glance.
"""

from __future__ import annotations

import graphviz

from tomkit.mining.handovers import HandoverReport
from tomkit.render.process_map import shade
from tomkit.render.relationship_map import pipe_svg
from tomkit.render.style import CHANGED, FONT_FAMILY, INK, MUTED, PAPER


def handover_map_dot(report: HandoverReport, top: int = 25) -> graphviz.Digraph:
    """Groups as nodes, the `top` busiest hand-overs as edges; edges that bounce back (ping-pong
    A > B > A) are drawn in the changed colour with their bounce count."""
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
        graph.node(ident, label=name, fillcolor=shade(volume[name] / busiest))
    heaviest = max((h.count for h in edges), default=1)
    for h in edges:
        back = bounced.get((h.source, h.target), 0)
        label = f"{h.count:,}" + (f" (↺{back:,})" if back else "")
        graph.edge(ids[h.source], ids[h.target], label=label, penwidth=f"{0.8 + 3.2 * h.count / heaviest:.2f}",
                   color=CHANGED.colour if back else MUTED)  # fmt: skip
    return graph


def handover_map_svg(report: HandoverReport, top: int = 25) -> str:
    """The hand-over map as standalone SVG text (needs Graphviz's `dot` program)."""
    return pipe_svg(handover_map_dot(report, top))
