"""See the model: side-by-side states, gaps and their heatmap, the canvas, the relationship map,
value streams, health findings and an element's impact. Analysis comes from tomkit.analysis, pictures
from tomkit.render; these views only choose what to show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from tomkit.analysis.gaps import ChangeType, ElementGap, GapReport, gaps
from tomkit.analysis.health import health
from tomkit.analysis.impact import impact
from tomkit.model import Dimension, Element, Tom
from tomkit.render.canvas import canvas_svg
from tomkit.render.errors import RenderError
from tomkit.render.heatmap import heatmap_svg
from tomkit.render.impact import impact_svg
from tomkit.render.people import people_svg
from tomkit.render.png import to_png
from tomkit.render.relationship_map import relationship_map_svg
from tomkit.render.side_by_side import side_by_side_svg
from tomkit.render.value_stream import value_stream_svg
from tomkit.web import memo
from tomkit.web.access import WorkspaceAccess, workspace_view
from tomkit.web.models import Anchor, Comment, Role
from tomkit.web.views.common import page

LARGE_STATE = 400
"""Above this many elements in a state, Compare shows only what changed unless asked for everything."""
CHANGES = (ChangeType.ADDED, ChangeType.REMOVED, ChangeType.CHANGED)


def _state_param(tom: Tom, request: HttpRequest, key: str = "state", default: str | None = None) -> str:
    name = request.GET.get(key) or default or tom.target_name or ""
    if name not in tom.states:
        raise Http404(f"no state {name!r}")
    return name


def _pair(tom: Tom, request: HttpRequest) -> tuple[str, str]:
    if len(tom.states) < 2:
        raise Http404("comparing needs two states")
    a = _state_param(tom, request, "from", tom.baseline_name)
    b = _state_param(tom, request, "to", tom.target_name)
    return a, b


def previous_report(tom: Tom, state: str) -> GapReport | None:
    """The changes of a state against the one before it (None for the as-is)."""
    names = tom.state_names
    index = names.index(state)
    return (
        memo.about(tom, "gaps", names[index - 1], state)(lambda: gaps(tom, names[index - 1], state))
        if index
        else None
    )


@workspace_view(Role.VIEWER)
def compare(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Every state side by side, each marked with what changed since the state before it."""
    tom = access.workspace.tom()
    wanted = request.GET.get("dimension", "")
    size = max((len(s.elements) for s in tom.states.values()), default=0)
    changed_only = request.GET.get("changed") == "1" or (
        size > LARGE_STATE and request.GET.get("changed") != "0"
    )
    columns = []
    for name in tom.state_names:
        report = previous_report(tom, name)
        marks = {g.element_id: g for g in report.elements} if report else {}
        rows = []
        for dimension in Dimension:
            if wanted and dimension.value != wanted:
                continue
            present: list[tuple[Element, ElementGap | None]] = [
                (e, marks.get(e.id))
                for e in tom.states[name].in_dimension(dimension)
                if not changed_only or e.id in marks
            ]
            removed: list[tuple[Element, ElementGap | None]] = [
                (g.before, g)
                for g in (report.elements if report else ())
                if g.change is ChangeType.REMOVED and g.dimension is dimension and g.before is not None
            ]
            rows.append((dimension, present + removed))
        columns.append(
            {
                "name": name,
                "state": tom.states[name],
                "rows": rows,
                "counts": report.counts() if report else {},
            }
        )
    context = {
        "columns": columns,
        "dimensions": list(Dimension),
        "dimension": wanted,
        "changed_only": changed_only,
    }
    return page(request, access, "tomkit/ws/compare.html", context, active="compare")


@workspace_view(Role.VIEWER)
def gap_view(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """The gap heatmap (dimension x change type), the gap list and the people impact."""
    tom = access.workspace.tom()
    a, b = _pair(tom, request)
    report = memo.about(tom, "gaps", a, b)(lambda: gaps(tom, a, b))
    by_dimension = report.by_dimension()
    peak = max((n for row in by_dimension.values() for n in row.values()), default=0) or 1
    heatmap = [
        (
            d,
            [
                (c, by_dimension.get(d, {}).get(c, 0), by_dimension.get(d, {}).get(c, 0) / peak)
                for c in CHANGES
            ],
        )
        for d in Dimension
    ]
    open_threads = _open_gap_threads(access)
    context = {
        "from": a,
        "to": b,
        "report": report,
        "heatmap": heatmap,
        "changes": CHANGES,
        "people": report.people,
        "people_named": _people_named(tom, report),
        "unclosed": {g.element_id for g in report.unclosed()},
        "gap_threads": open_threads,
        "gap_rows": [(g, open_threads.get(g.element_id, 0)) for g in report.elements],
        "state_names": tom.state_names,
    }
    return page(request, access, "tomkit/ws/gaps.html", context, active="gaps")


def _people_named(tom: Tom, report: GapReport) -> dict[str, list[str]]:
    """The people-impact lists by element name, as people read them (ids are for files)."""

    def name(element_id: str) -> str:
        element = tom.element_anywhere(element_id)
        return element.name if element is not None else element_id

    fields = (
        "roles_added",
        "roles_removed",
        "roles_changed",
        "teams_added",
        "teams_removed",
        "skills_needed",
    )
    return {field: [name(i) for i in getattr(report.people, field)] for field in fields}


def _open_gap_threads(access: WorkspaceAccess) -> dict[str, int]:
    out: dict[str, int] = {}
    for anchor in Comment.objects.filter(
        workspace=access.workspace, anchor_type=Anchor.GAP, parent=None, resolved=False
    ).values_list("anchor", flat=True):
        out[anchor] = out.get(anchor, 0) + 1
    return out


# --- pictures as files --------------------------------------------------------------------------

Params = Mapping[str, str]
Picture = Callable[[Tom, str, Params], str]


def _dimensions(params: Params) -> list[Dimension] | None:
    wanted = params.get("dimension", "")
    return [Dimension(wanted)] if wanted in {d.value for d in Dimension} else None


def _canvas(tom: Tom, state: str, params: Params) -> str:
    return canvas_svg(tom, state, previous_report(tom, state))


def _map(tom: Tom, state: str, params: Params) -> str:
    centre = params.get("element") or None
    if centre is not None and tom.states[state].element(centre) is None:
        raise Http404(f"no element {centre!r} in {state}")
    return relationship_map_svg(
        tom, state, dimensions=_dimensions(params), centre=centre, report=previous_report(tom, state)
    )


def _side_by_side(tom: Tom, state: str, params: Params) -> str:
    return side_by_side_svg(tom, dimensions=_dimensions(params), changed_only=params.get("changed") == "1")


def _report(tom: Tom, params: Params) -> GapReport:
    if len(tom.states) < 2:
        raise Http404("comparing needs two states")
    a, b = params.get("from") or tom.baseline_name, params.get("to") or tom.target_name
    if a not in tom.states or b not in tom.states:
        raise Http404("no such state")
    return memo.about(tom, "gaps", a, b)(lambda: gaps(tom, a, b))


def _heatmap(tom: Tom, state: str, params: Params) -> str:
    return heatmap_svg(_report(tom, params))


def _people(tom: Tom, state: str, params: Params) -> str:
    return people_svg(_report(tom, params), tom)


def _value_stream(tom: Tom, state: str, params: Params) -> str:
    names = tom.state_names
    index = names.index(state)
    try:
        return value_stream_svg(tom, params.get("stream") or None, state, names[index - 1] if index else None)
    except RenderError as exc:
        raise Http404(str(exc)) from None


def _impact(tom: Tom, state: str, params: Params) -> str:
    element = params.get("element", "")
    if tom.states[state].element(element) is None:
        raise Http404(f"no element {element!r} in {state}")
    return impact_svg(tom, impact(tom, element, state))


PICTURES: dict[str, Picture] = {
    "canvas": _canvas,
    "map": _map,
    "side-by-side": _side_by_side,
    "heatmap": _heatmap,
    "people": _people,
    "value-stream": _value_stream,
    "impact": _impact,
}
"""Downloadable pictures by name: each takes the document, a state and the query, and returns an SVG."""


def picture_svg(tom: Tom, name: str, state: str, params: Params) -> str:
    if name not in PICTURES:
        raise Http404(f"no picture {name!r}; pictures are: {', '.join(PICTURES)}")
    return PICTURES[name](tom, state, params)


@workspace_view(Role.VIEWER)
def picture(request: HttpRequest, access: WorkspaceAccess, name: str, fmt: str) -> HttpResponse:
    """A picture as a file: `?state=` picks the state; SVG or PNG."""
    tom = access.workspace.tom()
    state = _state_param(tom, request)
    try:
        svg = picture_svg(tom, name, state, request.GET)
    except RenderError as exc:
        return HttpResponse(
            f"the {name} picture could not be drawn: {exc}", status=500, content_type="text/plain"
        )
    stem = f"{access.workspace.slug}-{name}-{state}"
    if fmt == "png":
        response = HttpResponse(to_png(svg), content_type="image/png")
    else:
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@workspace_view(Role.VIEWER)
def canvas(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    tom = access.workspace.tom()
    state = _state_param(tom, request, default=tom.baseline_name)
    context = {"state": state, "svg": _canvas(tom, state, request.GET), "picture": "canvas"}
    return page(request, access, "tomkit/ws/canvas.html", context, active="canvas")


def graph_data(tom: Tom, state: str, dimension: str = "", focus: str = "") -> dict[str, Any]:
    """Nodes and edges of a state for the interactive map, filtered by dimension or around one element."""
    st = tom.states[state]
    elements = list(st.elements)
    if dimension:
        elements = [e for e in elements if e.get_dimension().value == dimension]
    ids = {e.id for e in elements}
    relations = [r for r in st.relations if r.source in ids and r.target in ids]
    if focus:
        near = (
            {focus}
            | {r.target for r in st.relations if r.source == focus}
            | {r.source for r in st.relations if r.target == focus}
        )
        elements = [e for e in st.elements if e.id in near]
        ids = {e.id for e in elements}
        relations = [
            r for r in st.relations if r.source in ids and r.target in ids and focus in (r.source, r.target)
        ]
    return {
        "nodes": [
            {"data": {"id": e.id, "label": e.name, "kind": e.kind, "dimension": e.get_dimension().value}}
            for e in elements
        ],
        "edges": [
            {"data": {"id": "/".join(r.key), "source": r.source, "target": r.target, "label": r.type}}
            for r in relations
        ],
    }


@workspace_view(Role.VIEWER)
def relation_map(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    tom = access.workspace.tom()
    state = _state_param(tom, request, default=tom.baseline_name)
    dimension = request.GET.get("dimension", "")
    focus = request.GET.get("element", "")
    data = graph_data(tom, state, dimension, focus)
    context = {
        "picture": "map",
        "state": state,
        "dimension": dimension,
        "focus": focus,
        "graph": data,
        "dimensions": list(Dimension),
        "elements": tom.states[state].elements,
    }
    return page(request, access, "tomkit/ws/map.html", context, active="map")


@workspace_view(Role.VIEWER)
def value_streams(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Each value stream of a state as a chevron picture, marked against the state before."""
    tom = access.workspace.tom()
    state = _state_param(tom, request, default=tom.baseline_name)
    streams = [
        (vs, _value_stream(tom, state, {"stream": vs.id})) for vs in tom.states[state].of_kind("value-stream")
    ]
    context = {"state": state, "streams": streams, "picture": "value-stream"}
    return page(request, access, "tomkit/ws/value_streams.html", context, active="value-streams")


@workspace_view(Role.VIEWER)
def health_view(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """The health findings: the known pitfalls of TOM work, each with where and what to do."""
    tom = access.workspace.tom()
    today = timezone.localdate()
    findings = memo.about(tom, "health", today)(lambda: health(tom, today))
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.severity.value] = counts.get(finding.severity.value, 0) + 1
    return page(
        request, access, "tomkit/ws/health.html", {"findings": findings, "counts": counts}, active="health"
    )


@workspace_view(Role.VIEWER)
def impact_view(request: HttpRequest, access: WorkspaceAccess, state: str, element: str) -> HttpResponse:
    """What depends on an element: who and what a change to it reaches, and which plans and KPIs name it."""
    tom = access.workspace.tom()
    if state not in tom.states or tom.states[state].element(element) is None:
        raise Http404(f"no element {element!r} in {state}")
    report = impact(tom, element, state)
    context = {
        "state": state,
        "report": report,
        "svg": impact_svg(tom, report),
        "picture": "impact",
        "element": report.element,
    }
    return page(request, access, "tomkit/ws/impact.html", context, active="design")
