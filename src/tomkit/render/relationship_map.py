"""The relationship map: a state's elements and the relations between them, as a graph.

`map_graph` gives the graph as plain nodes and edges (the web app draws it with cytoscape.js);
`relationship_map_svg` lays it out with Graphviz. Nodes take their dimension's colour and shape;
given a gap report, added, changed and removed elements and relations are marked.
"""

from __future__ import annotations

import difflib
import html
from collections import deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import graphviz

from tomkit.analysis.gaps import ChangeType, GapReport
from tomkit.model import Dimension, Element, Relation, Tom
from tomkit.render import style
from tomkit.render.errors import RenderError, check_report
from tomkit.render.text import wrap

MAX_LABELLED_EDGES = 60
"""Above this many relations, edges carry only change symbols (types stay in the tooltips)."""

Engine = Literal["auto", "dot", "neato", "fdp", "sfdp", "circo", "twopi"]
DOT_LIMIT = 40
"""'auto' lays out up to this many elements with dot (ranked, labelled); larger maps with fdp (compact)."""


@dataclass(frozen=True)
class MapNode:
    id: str
    label: str
    kind: str
    kind_label: str
    dimension: str
    dimension_label: str
    colour: str
    tint: str
    shape: str
    change: str | None = None
    """'added', 'changed', 'removed' (shown as a ghost) or None."""
    distance: int | None = None
    """Hops from the centre element, when the map is centred on one."""


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    type: str
    change: str | None = None


@dataclass(frozen=True)
class MapGraph:
    state: str
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    centre: str | None = None
    dimensions: tuple[str, ...] = field(default_factory=tuple)

    def to_cytoscape(self) -> list[dict[str, Any]]:
        """Elements in cytoscape.js's format: nodes then edges, each `{"data": ..., "classes": ...}`."""
        out: list[dict[str, Any]] = []
        for node in self.nodes:
            classes = [node.dimension, node.kind] + ([node.change] if node.change else [])
            if node.id == self.centre:
                classes.append("centre")
            out.append({"group": "nodes", "data": asdict(node), "classes": " ".join(classes)})
        for edge in self.edges:
            data = {"id": f"{edge.source}|{edge.type}|{edge.target}", **asdict(edge)}
            out.append({"group": "edges", "data": data, "classes": edge.change or ""})
        return out


def _node(element: Element, change: str | None, distance: int | None) -> MapNode:
    dimension = element.get_dimension()
    dstyle = style.dimension_style(dimension)
    return MapNode(
        id=element.id,
        label=element.name,
        kind=element.kind,
        kind_label=element.get_label(),
        dimension=dimension.value,
        dimension_label=dimension.label,
        colour=dstyle.colour,
        tint=dstyle.tint,
        shape=dstyle.graph_shape,
        change=change,
        distance=distance,
    )


def _distances(relations: Iterable[Relation], centre: str, depth: int) -> dict[str, int]:
    """Hops from `centre` along relations in either direction, up to `depth`."""
    neighbours: dict[str, set[str]] = {}
    for r in relations:
        neighbours.setdefault(r.source, set()).add(r.target)
        neighbours.setdefault(r.target, set()).add(r.source)
    seen = {centre: 0}
    queue = deque([centre])
    while queue:
        here = queue.popleft()
        if seen[here] >= depth:
            continue
        for there in sorted(neighbours.get(here, ())):
            if there not in seen:
                seen[there] = seen[here] + 1
                queue.append(there)
    return seen


def map_graph(
    tom: Tom,
    state: str | None = None,
    *,
    dimensions: Iterable[Dimension] | None = None,
    centre: str | None = None,
    depth: int = 1,
    report: GapReport | None = None,
) -> MapGraph:
    """The graph of one state (default: the to-be), filtered by dimension or centred on an element.

    With a report against an earlier state, removed elements and relations appear as ghosts so the
    map shows what goes as well as what comes.
    """
    name = state or tom.target_name
    if name is None:
        raise RenderError("the TOM has no states to draw")
    if name not in tom.states:
        raise RenderError(f"no state {name!r}; states are: {', '.join(tom.states)}")
    if depth < 0:
        raise RenderError(f"depth must be 0 or more, got {depth}")
    current = tom.states[name]
    check_report(tom, name, report)
    elements: dict[str, Element] = dict(current.index())
    relations: list[Relation] = list(current.relations)
    node_change: dict[str, str] = {}
    edge_change: dict[tuple[str, str, str], str] = {}
    if report is not None:
        for gap in report.elements:
            node_change[gap.element_id] = gap.change.value
            if gap.change is ChangeType.REMOVED and gap.before is not None:
                elements.setdefault(gap.element_id, gap.before)
        for rgap in report.relations:
            edge_change[rgap.key] = rgap.change.value
            if rgap.change is ChangeType.REMOVED and rgap.before is not None:
                relations.append(rgap.before)
    relations = [r for r in relations if r.source in elements and r.target in elements]

    distance: dict[str, int] = {}
    if centre is not None:
        if centre not in elements:
            close = difflib.get_close_matches(centre, list(elements), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise RenderError(f"no element {centre!r} in state {name!r}{hint}")
        distance = _distances(relations, centre, depth)
    wanted = {d.value for d in dimensions} if dimensions is not None else None

    def keep(element_id: str) -> bool:
        if centre is not None and element_id not in distance:
            return False
        if element_id == centre:
            return True
        return wanted is None or elements[element_id].get_dimension().value in wanted

    order = {d: n for n, d in enumerate(Dimension)}
    kept = sorted(
        (e for e in elements.values() if keep(e.id)), key=lambda e: (order[e.get_dimension()], e.kind, e.name)
    )
    ids = {e.id for e in kept}
    nodes = tuple(_node(e, node_change.get(e.id), distance.get(e.id)) for e in kept)
    edges = tuple(
        MapEdge(r.source, r.target, r.type, edge_change.get(r.key))
        for r in relations
        if r.source in ids and r.target in ids
    )
    return MapGraph(
        state=name,
        nodes=nodes,
        edges=edges,
        centre=centre,
        dimensions=tuple(sorted(wanted)) if wanted is not None else (),
    )


def node_label(node: MapNode, centre: bool) -> str:
    """A node's HTML-like Graphviz label: change symbol, name (two lines at most), kind."""
    s = style.change_style(node.change)
    lines = wrap(node.label, 150, 12, lines=2, bold=True)
    name = "<BR/>".join(html.escape(line) for line in lines)
    prefix = f'<FONT COLOR="{s.colour}">{html.escape(s.symbol)}</FONT> ' if s.symbol else ""
    kind = html.escape(node.kind_label.lower())
    size = 14 if centre else 12
    return (
        f'<<FONT POINT-SIZE="{size}">{prefix}<B>{name}</B></FONT><BR/>'
        f'<FONT POINT-SIZE="9" COLOR="{style.MUTED}">{kind}</FONT>>'
    )


def node_attrs(node: MapNode, centre: bool) -> dict[str, str]:
    """Shape, colours and outline of a node: dimension first, change type over it."""
    s = style.change_style(node.change)
    attrs = {
        "shape": node.shape,
        "style": "filled",
        "fillcolor": node.tint,
        "color": node.colour,
        "penwidth": "1.2",
        "tooltip": f"{node.label} ({node.kind_label}, {node.dimension_label})",
        "id": f"node-{node.id}",
        "class": f"node {node.dimension} {node.change or ''}".strip(),
    }
    if node.change == "added":
        attrs.update(color=s.colour, penwidth="3", fillcolor=s.tint)
    elif node.change == "changed":
        attrs.update(color=s.colour, penwidth="2.5", style="filled,dashed")
    elif node.change == "removed":
        attrs.update(
            color=s.colour, penwidth="1.5", style="filled,dotted", fillcolor="#FFFFFF", fontcolor=style.MUTED
        )
    if centre:
        attrs.update(penwidth="4")
    return attrs


def _title(graph: MapGraph, title: str | None, legend: bool) -> str:
    """The heading; with `legend`, a second line naming each dimension's colour and shape."""
    words = [title or f"Relationship map: {graph.state}"]
    if graph.centre is not None:
        name = next((n.label for n in graph.nodes if n.id == graph.centre), graph.centre)
        words.append(f"around {name}")
    words.append(f"{len(graph.nodes)} elements · {len(graph.edges)} relations")
    text = f"<B>{html.escape(words[0])}</B>  {html.escape(' · '.join(words[1:]))}"
    lines = []
    if legend:
        seen = dict.fromkeys((n.dimension, n.dimension_label, n.colour, n.shape) for n in graph.nodes)
        lines.append(
            " &#160; ".join(
                f'<FONT COLOR="{colour}">■</FONT>&#160;{html.escape(label)} ({SHAPE_WORDS.get(shape, shape)})'
                for _, label, colour, shape in seen
            )
        )
    changes = [n.change for n in graph.nodes] + [e.change for e in graph.edges]
    if any(changes):
        marks = [style.change_style(key) for key in ("added", "removed", "changed") if key in changes]
        lines.append(
            " &#160; ".join(
                f'<FONT COLOR="{m.colour}"><B>{html.escape(m.symbol)}</B></FONT>&#160;{m.label.lower()}'
                for m in marks
            )
        )
    small = "".join(f'<BR ALIGN="LEFT"/><FONT POINT-SIZE="11">{line}</FONT>' for line in lines)
    return f'<{text}{small}<BR ALIGN="LEFT"/>>' if small else f"<{text}>"


SHAPE_WORDS = {"box": "box", "ellipse": "oval", "cds": "arrow", "component": "component", "cylinder": "cylinder",
               "note": "note", "house": "house", "invhouse": "inverted house"}  # fmt: skip
"""How a legend names each Graphviz shape."""


def to_graphviz(
    graph: MapGraph, engine: Engine = "auto", title: str | None = None, *, clusters: bool = True
) -> graphviz.Digraph | graphviz.Source:
    """The map as a Graphviz graph, grouped by dimension in boxes (dot and fdp) unless `clusters` is off."""
    if engine == "auto":
        engine = "dot" if len(graph.nodes) <= DOT_LIMIT else "fdp"
    g = graphviz.Digraph("tomkit-map", engine=engine)
    # Curved edges around clusters are slow and can crash Graphviz's force-directed layouts on large
    # maps (minutes for a few hundred elements); straight lines take a second or two.
    splines = "true" if engine == "dot" or len(graph.nodes) <= DOT_LIMIT else "line"
    grouped = engine in ("dot", "fdp") and graph.centre is None and clusters
    g.attr(
        label=_title(graph, title, not grouped),
        labelloc="t",
        labeljust="l",
        fontsize="16",
        fontcolor=style.INK,
    )
    g.attr(
        rankdir="LR", bgcolor=style.PAPER, fontname=style.FONT_FAMILY, fontsize="11", pad="0.3",
        nodesep="0.25", ranksep="0.7", overlap="false", sep="+6", splines=splines, outputorder="edgesfirst",
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
    by_dimension: dict[str, list[MapNode]] = {}
    for node in graph.nodes:
        by_dimension.setdefault(node.dimension, []).append(node)
    for dimension, nodes in by_dimension.items():
        target = g
        sub = None
        if grouped:
            sub = graphviz.Digraph(name=f"cluster_{dimension}")
            first = nodes[0]
            sub.attr(
                label=f"<<B>{html.escape(first.dimension_label)}</B>>", fontcolor=first.colour, color=first.colour,
                style="rounded,dashed", penwidth="1", labeljust="l", fontsize="13",
            )  # fmt: skip
            target = sub
        for node in nodes:
            centre = node.id == graph.centre
            target.node(node.id, label=node_label(node, centre), **node_attrs(node, centre))
        if sub is not None:
            g.subgraph(sub)
    labelled = len(graph.edges) <= MAX_LABELLED_EDGES
    for edge in graph.edges:
        s = style.change_style(edge.change)
        attrs = {"label": edge.type, "tooltip": f"{edge.source} {edge.type} {edge.target}"}
        if edge.change == "added":
            attrs.update(color=s.colour, penwidth="2.2", fontcolor=s.colour, label=f"+ {edge.type}")
        elif edge.change == "removed":
            attrs.update(color=s.colour, style="dashed", fontcolor=s.colour, label=f"− {edge.type}")
        elif edge.change == "changed":
            attrs.update(color=s.colour, penwidth="1.8", style="dotted", label=f"Δ {edge.type}")
        if not labelled:
            attrs["label"] = s.symbol
        g.edge(edge.source, edge.target, **attrs)
    if engine == "dot" and len(graph.nodes) > MAX_LABELLED_EDGES // 2:
        # Unlinked nodes of one dimension would share one rank: one long column. Stagger them.
        return g.unflatten(stagger=5, fanout=True, chain=6)
    return g


def pipe_svg(graph: graphviz.Digraph | graphviz.Source) -> str:
    """Run Graphviz on a graph and return a standalone SVG."""
    try:
        svg: bytes = graph.pipe(format="svg")
    except graphviz.ExecutableNotFound as exc:
        raise RenderError("Graphviz is not installed: install the 'graphviz' system package") from exc
    except graphviz.CalledProcessError as exc:
        raise RenderError(f"Graphviz could not lay out the picture: {exc.stderr!r}") from exc
    # resvg and some printers draw Graphviz's "transparent" strokes black.
    return svg.decode("utf-8").replace('stroke="transparent"', 'stroke="none"')


def graph_svg(graph: MapGraph, engine: Engine = "auto", title: str | None = None) -> str:
    """Lay out and draw a map graph as a standalone SVG."""
    if not graph.nodes:
        raise RenderError("nothing to draw: no elements match")
    return pipe_svg(to_graphviz(graph, engine, title))


def relationship_map_svg(
    tom: Tom,
    state: str | None = None,
    *,
    dimensions: Iterable[Dimension] | None = None,
    centre: str | None = None,
    depth: int = 1,
    report: GapReport | None = None,
    engine: Engine = "auto",
) -> str:
    """The relationship map of one state as a standalone SVG."""
    graph = map_graph(tom, state, dimensions=dimensions, centre=centre, depth=depth, report=report)
    label = tom.states[graph.state].label
    title = f"Relationship map: {label} ({graph.state})" if label and label != graph.state else None
    return graph_svg(graph, engine, title)
