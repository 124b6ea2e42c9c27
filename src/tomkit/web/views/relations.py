"""Relations: link two elements of a state with a type the rules table allows between their kinds."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tomkit.model.operations import AddRelation, RemoveRelation, relation_types_between
from tomkit.web.access import WorkspaceAccess, workspace_view
from tomkit.web.models import Role
from tomkit.web.views.elements import apply_or_message


@workspace_view(Role.VIEWER)
def relation_types(request: HttpRequest, access: WorkspaceAccess, state: str, element: str) -> HttpResponse:
    """The relation types allowed from this element to the chosen target (the add form's options)."""
    tom = access.workspace.tom()
    target = request.GET.get("target", "")
    types = relation_types_between(tom, state, element, target) if state in tom.states else []
    return render(request, "tomkit/ws/_relation_types.html", {"types": types, "target": target})


@workspace_view(Role.EDITOR, methods=("POST",))
def relation_add(request: HttpRequest, access: WorkspaceAccess, state: str, element: str) -> HttpResponse:
    op = AddRelation(
        state=state,
        source=element,
        type=request.POST.get("type", ""),
        target=request.POST.get("target", ""),
        description=request.POST.get("description", ""),
    )
    apply_or_message(request, access, op)
    return redirect("ws_element", ws=access.workspace.slug, state=state, element=element)


@workspace_view(Role.EDITOR, methods=("POST",))
def relation_remove(request: HttpRequest, access: WorkspaceAccess, state: str, element: str) -> HttpResponse:
    op = RemoveRelation(
        state=state,
        source=request.POST.get("source", ""),
        type=request.POST.get("type", ""),
        target=request.POST.get("target", ""),
    )
    apply_or_message(request, access, op)
    return redirect("ws_element", ws=access.workspace.slug, state=state, element=element)
