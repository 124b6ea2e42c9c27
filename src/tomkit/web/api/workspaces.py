"""Endpoints for the workspaces themselves: the ones you belong to, creating one (from a template, a
TOM document or empty), one workspace's summary and its working draft as a document."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Schema, Status
from ninja.errors import HttpError

from tomkit import demo, formats
from tomkit.formats import describe_problem
from tomkit.model import Tom
from tomkit.web import store
from tomkit.web.access import member_workspaces
from tomkit.web.api.core import api, member, role
from tomkit.web.models import Role, Workspace
from tomkit.web.views.common import review_status

VIEWER, OWNER = Role.VIEWER.value, Role.OWNER.value


class WorkspaceOut(Schema):
    slug: str
    name: str
    role: str
    revision: int
    review_next: dt.date | None
    review_overdue: bool


def _workspace_out(workspace: Workspace, role_name: str) -> WorkspaceOut:
    review = review_status(workspace.tom())
    return WorkspaceOut(
        slug=workspace.slug, name=workspace.name, role=role_name, revision=workspace.revision,
        review_next=review["next"], review_overdue=review["overdue"],
    )  # fmt: skip


class WorkspaceIn(Schema):
    name: str = ""
    template: str | None = None
    document: str | None = None
    format: Literal["yaml", "json"] = "yaml"


@api.get("/workspaces", response=list[WorkspaceOut], tags=["workspaces"])
def list_workspaces(request: HttpRequest) -> list[WorkspaceOut]:
    """The workspaces you are a member of."""
    return [_workspace_out(a.workspace, a.role) for a in member_workspaces(request.user)]


@api.post("/workspaces", response={201: WorkspaceOut}, tags=["workspaces"])
def create_workspace(request: HttpRequest, payload: WorkspaceIn) -> Status[WorkspaceOut]:
    """Create a workspace from a template, from a TOM document (YAML or JSON text), or empty."""
    if payload.document is not None:
        result = formats.reads(payload.document, payload.format, source="document")
        if not result.ok or result.tom is None:
            raise HttpError(400, "; ".join(describe_problem(p) for p in result.errors or result.problems))
        tom, how = result.tom, "from an uploaded document"
    elif payload.template is not None:
        if payload.template not in demo.template_names():
            raise HttpError(
                400, f"no template {payload.template!r}; templates: {', '.join(demo.template_names())}"
            )
        tom, how = demo.load_template(payload.template), f"from template {payload.template}"
    else:
        tom = Tom.model_validate(
            {"name": payload.name or "New operating model", "states": {"as-is": {}, "to-be": {}}}
        )
        how = "empty"
    if payload.name:
        tom = tom.model_copy(update={"name": payload.name})
    workspace = store.create_workspace(request.user, tom, how)
    return Status(201, _workspace_out(workspace, OWNER))


@api.get("/workspaces/{ws}", response=WorkspaceOut, tags=["workspaces"], openapi_extra=role(VIEWER))
def get_workspace(request: HttpRequest, ws: str) -> WorkspaceOut:
    access = member(request, ws, VIEWER)
    return _workspace_out(access.workspace, access.role)


@api.get("/workspaces/{ws}/document", tags=["workspaces"], openapi_extra=role(VIEWER))
def get_document(request: HttpRequest, ws: str, format: Literal["json", "yaml"] = "json") -> Any:
    """The working draft as TOM data (JSON), or as a YAML file with `?format=yaml`."""
    tom = member(request, ws, VIEWER).workspace.tom()
    if format == "yaml":
        return HttpResponse(formats.dumps(tom, "yaml"), content_type="application/yaml; charset=utf-8")
    return tom.to_data()


@api.delete("/workspaces/{ws}", response={204: None}, tags=["workspaces"], openapi_extra=role(OWNER))
def delete_workspace(request: HttpRequest, ws: str) -> Status[None]:
    """Delete the workspace for every member, with its versions, comments, audit trail and event logs."""
    store.delete_workspace(member(request, ws, OWNER).workspace)
    return Status(204, None)
