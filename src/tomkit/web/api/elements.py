"""Endpoints that read the design: the elements of a state, one element with its relations, and the
relation types the rules table allows between two elements."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from tomkit.model.operations import relation_types_between
from tomkit.web.api.core import api, member, role
from tomkit.web.models import Role

VIEWER = Role.VIEWER.value


@api.get("/workspaces/{ws}/states/{state}/elements", tags=["design"], openapi_extra=role(VIEWER))
def list_elements(request: HttpRequest, ws: str, state: str, dimension: str = "") -> list[dict[str, Any]]:
    tom = member(request, ws, VIEWER).workspace.tom()
    if state not in tom.states:
        raise Http404(f"no state {state!r}")
    return [
        e.attributes()
        for e in tom.states[state].elements
        if not dimension or e.get_dimension().value == dimension
    ]


@api.get("/workspaces/{ws}/states/{state}/elements/{element}", tags=["design"], openapi_extra=role(VIEWER))
def get_element(request: HttpRequest, ws: str, state: str, element: str) -> dict[str, Any]:
    tom = member(request, ws, VIEWER).workspace.tom()
    found = tom.states[state].element(element) if state in tom.states else None
    if found is None:
        raise Http404(f"no element {element!r} in {state}")
    st = tom.states[state]
    relations = [
        r.model_dump(mode="json", by_alias=True, exclude_defaults=True) for r in st.relations_of(element)
    ]
    return {**found.attributes(), "relations": relations}


@api.get("/workspaces/{ws}/relation-types", response=list[str], tags=["design"], openapi_extra=role(VIEWER))
def get_relation_types(request: HttpRequest, ws: str, state: str, source: str, target: str) -> list[str]:
    """Relation types the rules table allows from one element to another in a state."""
    tom = member(request, ws, VIEWER).workspace.tom()
    if state not in tom.states:
        raise Http404(f"no state {state!r}")
    return relation_types_between(tom, state, source, target)
