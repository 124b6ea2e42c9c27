"""The impact picture: one element and everything that depends on it, in rings of distance.

Read left to right: the element, then what depends on it directly, then what depends on those.
Each arrow says through which relation or reference the dependency runs; the initiatives and KPIs
that name the element are listed in the heading, because they are touched by a change too.
"""

from __future__ import annotations

import html
import re

import graphviz

from tomkit.analysis.impact import Impacted, ImpactReport
from tomkit.model import Dimension, Element, Tom
from tomkit.render import style
from tomkit.render.errors import RenderError
from tomkit.render.relationship_map import MapNode, node_attrs, node_label, pipe_svg

MAX_PER_RING = 24
"""Beyond this many elements at one distance, the rest are summed up in one '+ N more' box."""


def _node(element_id: str, name: str, element: Element | None, kind: str, dimension: str) -> MapNode:
    dim = Dimension(dimension)
    dstyle = style.dimension_style(dim)
    return MapNode(
        id=element_id,
        label=name,
        kind=kind,
        kind_label=element.get_label() if element is not None else kind,
        dimension=dimension,
        dimension_label=dim.label,
        colour=dstyle.colour,
        tint=dstyle.tint,
        shape=dstyle.graph_shape,
    )


def readable_via(via: str) -> str:
    """'steps[0].tools' -> 'steps 1 · tools', 'system_of_record' -> 'system of record'."""
    text = re.sub(r"\[(\d+)\]", lambda m: f" {int(m[1]) + 1}", via)
    return text.replace(".", " · ").replace("_", " ")


def ring_label(distance: int) -> str:
    return "Directly affected" if distance == 1 else f"{distance} steps away"


def _heading(report: ImpactReport, tom: Tom) -> str:
    state = tom.states.get(report.state)
    where = state.label if state is not None and state.label else report.state
    direct, further = len(report.direct()), len(report.transitive())
    line1 = f"What {report.element.name} touches"
    line2 = f"{where} · {direct} directly affected · {further} further away"
    named = []
    if report.initiatives:
        named.append("initiatives: " + ", ".join(sorted({m.id for m in report.initiatives})))
    if report.kpis:
        named.append("KPIs: " + ", ".join(sorted({m.id for m in report.kpis})))
    line3 = ("Named by " + "; ".join(named)) if named else "Named by no initiative or KPI"
    return (
        f'<<FONT POINT-SIZE="18"><B>{html.escape(line1)}</B></FONT><BR ALIGN="LEFT"/>'
        f'<FONT COLOR="{style.MUTED}">{html.escape(line2)}</FONT><BR ALIGN="LEFT"/>'
        f'<FONT COLOR="{style.MUTED}">{html.escape(line3)}</FONT><BR ALIGN="LEFT"/>>'
    )


def impact_graph(tom: Tom, report: ImpactReport, max_distance: int | None = None) -> graphviz.Digraph:
    """The impact picture as a Graphviz graph: the element on the left, one column per distance."""
    if max_distance is not None and max_distance < 1:
        raise RenderError(f"max distance must be 1 or more, got {max_distance}")
    state = tom.states.get(report.state)
    index = state.index() if state is not None else {}
    g = graphviz.Digraph("tomkit-impact", engine="dot")
    g.attr(
        rankdir="LR", bgcolor=style.PAPER, fontname=style.FONT_FAMILY, fontsize="12", pad="0.3",
        nodesep="0.18", ranksep="1.1", label=_heading(report, tom), labelloc="t", labeljust="l",
        fontcolor=style.INK, outputorder="edgesfirst",
    )  # fmt: skip
    g.attr("node", fontname=style.FONT_FAMILY, fontcolor=style.INK, margin="0.12,0.06")
    g.attr(
        "edge",
        fontname=style.FONT_FAMILY,
        fontsize="9",
        fontcolor=style.MUTED,
        color="#8A8F98",
        arrowsize="0.7",
    )
    element = report.element
    centre = _node(element.id, element.name, element, element.kind, element.get_dimension().value)
    g.node(centre.id, label=node_label(centre, True), **node_attrs(centre, True))

    rings: dict[int, list[Impacted]] = {}
    for item in report.affected:
        if max_distance is None or item.distance <= max_distance:
            rings.setdefault(item.distance, []).append(item)
    drawn = {element.id}
    for distance, items in sorted(rings.items()):
        sub = graphviz.Digraph(name=f"cluster_ring{distance}")
        sub.attr(
            label=f"<<B>{ring_label(distance)}</B> ({len(items)})>", style="rounded,dashed", color=style.FAINT,
            fontcolor=style.MUTED, fontsize="12", labeljust="l",
        )  # fmt: skip
        shown = items if len(items) <= MAX_PER_RING else items[: MAX_PER_RING - 1]
        for item in shown:
            node = _node(
                item.element_id, item.name, index.get(item.element_id), item.kind, item.dimension.value
            )
            attrs = node_attrs(node, False)
            attrs["tooltip"] = item.describe_path()
            sub.node(node.id, label=node_label(node, False), **attrs)
            drawn.add(node.id)
        if len(shown) < len(items):
            sub.node(
                f"more-{distance}", label=f"+ {len(items) - len(shown)} more", shape="plaintext",
                fontcolor=style.MUTED, fontsize="11",
            )  # fmt: skip
        g.subgraph(sub)
    for items in rings.values():
        for item in items:
            if item.element_id not in drawn or not item.path:
                continue
            link = item.path[0]
            attrs = {"label": readable_via(link.via), "tooltip": link.describe()}
            if link.by == "reference":
                attrs["style"] = "dashed"
            parent = link.target
            if parent not in drawn:
                # The element it hangs from is summed up in its ring's "+ N more" box.
                parent = f"more-{item.distance - 1}"
                attrs.update(label="", style="dotted")
            g.edge(parent, link.source, **attrs)
    for distance, items in rings.items():
        if len(items) > MAX_PER_RING:
            parent = items[MAX_PER_RING - 1].path[0].target if items[MAX_PER_RING - 1].path else element.id
            if parent not in drawn:
                parent = (
                    f"more-{distance - 1}" if len(rings.get(distance - 1, ())) > MAX_PER_RING else element.id
                )
            g.edge(
                parent,
                f"more-{distance}",
                style="dotted",
                arrowhead="none",
            )
    return g


def impact_svg(tom: Tom, report: ImpactReport, max_distance: int | None = None) -> str:
    """The impact picture as a standalone SVG."""
    return pipe_svg(impact_graph(tom, report, max_distance))
