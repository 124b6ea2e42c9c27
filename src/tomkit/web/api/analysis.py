"""Endpoints for the analyses of the draft: the gap report, health findings, the impact of one
element, and the pictures of the Design and Analysis pages as SVG or PNG."""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja.errors import HttpError

from tomkit.analysis.gaps import gaps
from tomkit.analysis.health import health
from tomkit.analysis.impact import impact
from tomkit.render.png import to_png
from tomkit.web.api.core import api, member, role
from tomkit.web.models import Role
from tomkit.web.views.pictures import picture_svg

VIEWER = Role.VIEWER.value


@api.get("/workspaces/{ws}/gaps", tags=["analysis"], openapi_extra=role(VIEWER))
def get_gaps(
    request: HttpRequest, ws: str, from_state: str | None = None, to_state: str | None = None
) -> Any:
    """The gap report between two states (default: as-is to to-be)."""
    tom = member(request, ws, VIEWER).workspace.tom()
    for name in (from_state, to_state):
        if name is not None and name not in tom.states:
            raise Http404(f"no state {name!r}")
    if len(tom.states) < 2:
        raise HttpError(400, "a gap report needs two states")
    return gaps(tom, from_state, to_state).to_data()


@api.get("/workspaces/{ws}/health", tags=["analysis"], openapi_extra=role(VIEWER))
def get_health(request: HttpRequest, ws: str) -> list[dict[str, Any]]:
    """The health findings of the draft."""
    return [f.to_data() for f in health(member(request, ws, VIEWER).workspace.tom())]


@api.get(
    "/workspaces/{ws}/states/{state}/elements/{element}/impact", tags=["analysis"], openapi_extra=role(VIEWER)
)
def get_impact(request: HttpRequest, ws: str, state: str, element: str) -> dict[str, Any]:
    """What depends on an element in a state."""
    tom = member(request, ws, VIEWER).workspace.tom()
    if state not in tom.states or tom.states[state].element(element) is None:
        raise Http404(f"no element {element!r} in {state}")
    return impact(tom, element, state).to_data()


@api.get("/workspaces/{ws}/pictures/{name}", tags=["analysis"], openapi_extra=role(VIEWER))
def get_picture(
    request: HttpRequest, ws: str, name: str, state: str = "", format: Literal["svg", "png"] = "svg"
) -> HttpResponse:
    """A picture (canvas, map, side-by-side, heatmap, people, value-stream, impact) as SVG or PNG;
    the query takes the same options as the page (`state`, `dimension`, `element`, `stream`, `from`, `to`)."""
    tom = member(request, ws, VIEWER).workspace.tom()
    state = state or tom.target_name or ""
    if state not in tom.states:
        raise Http404(f"no state {state!r}")
    svg = picture_svg(tom, name, state, request.GET)
    if format == "png":
        return HttpResponse(to_png(svg), content_type="image/png")
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
