"""The endpoints, grouped as the pages are: workspaces, design, analysis, versions, feedback, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Schema, Status
from ninja.errors import HttpError

from tomkit import demo, formats
from tomkit.analysis.gaps import gaps
from tomkit.analysis.health import health
from tomkit.analysis.impact import impact
from tomkit.analysis.versions import diff_documents
from tomkit.formats import describe_problem
from tomkit.model import Tom
from tomkit.model.operations import Operation, relation_types_between
from tomkit.render.png import to_png
from tomkit.web import store
from tomkit.web.access import member_workspaces, signed_in
from tomkit.web.api.core import api, member, role
from tomkit.web.models import AuditEvent, Comment, Membership, Role, SignOff, Version, Workspace
from tomkit.web.views.common import review_status
from tomkit.web.views.pictures import picture_svg

VIEWER, REVIEWER, EDITOR, OWNER = Role.VIEWER.value, Role.REVIEWER.value, Role.EDITOR.value, Role.OWNER.value


# --- workspaces ---------------------------------------------------------------------------------


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


class MemberIn(Schema):
    username: str
    role: Literal["owner", "editor", "reviewer", "viewer"]


class MemberOut(Schema):
    username: str
    role: str


@api.get("/workspaces/{ws}/members", response=list[MemberOut], tags=["workspaces"], openapi_extra=role(OWNER))
def list_members(request: HttpRequest, ws: str) -> list[MemberOut]:
    access = member(request, ws, OWNER)
    rows = Membership.objects.filter(workspace=access.workspace).select_related("user")
    return [MemberOut(username=m.user.get_username(), role=m.role) for m in rows]


@api.post("/workspaces/{ws}/members", response=MemberOut, tags=["workspaces"], openapi_extra=role(OWNER))
def set_member(request: HttpRequest, ws: str, payload: MemberIn) -> MemberOut:
    """Add a member or change their role."""
    access = member(request, ws, OWNER)
    user = get_user_model().objects.filter(username=payload.username).first()
    if user is None:
        raise HttpError(400, f"no user {payload.username!r}")
    Membership.objects.update_or_create(
        workspace=access.workspace, user=user, defaults={"role": payload.role}
    )
    store.record(access.workspace, request.user, "member", f"made {user} a {payload.role}")
    return MemberOut(username=payload.username, role=payload.role)


@api.delete(
    "/workspaces/{ws}/members/{username}",
    response={204: None},
    tags=["workspaces"],
    openapi_extra=role(OWNER),
)
def remove_member(request: HttpRequest, ws: str, username: str) -> Status[None]:
    """Remove a member (owners cannot remove themselves)."""
    access = member(request, ws, OWNER)
    membership = get_object_or_404(Membership, workspace=access.workspace, user__username=username)
    if membership.user_id == request.user.pk:
        raise HttpError(400, "you cannot remove yourself; make someone else owner first")
    membership.delete()
    store.record(access.workspace, request.user, "member", f"removed {username}")
    return Status(204, None)


# --- design -------------------------------------------------------------------------------------


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


class OperationIn(Schema):
    operation: Operation
    base_revision: int | None = None
    answers: int | None = None


class OperationOut(Schema):
    revision: int
    summary: str


@api.post("/workspaces/{ws}/operations", response=OperationOut, tags=["design"], openapi_extra=role(EDITOR))
def post_operation(request: HttpRequest, ws: str, payload: OperationIn) -> OperationOut:
    """Apply one edit to the draft. Give `base_revision` (the revision you read) to be told, with a 409,
    when someone else changed the same thing since; edits to other things are merged."""
    access = member(request, ws, EDITOR)
    answers = (
        Comment.objects.filter(workspace=access.workspace, pk=payload.answers).first()
        if payload.answers
        else None
    )
    workspace, event = store.apply_operation(
        access.workspace.pk, request.user, payload.operation, payload.base_revision, answers
    )
    return OperationOut(revision=workspace.revision, summary=event.summary)


# --- analysis -----------------------------------------------------------------------------------


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


# --- versions -----------------------------------------------------------------------------------


class VersionOut(Schema):
    number: int
    name: str
    note: str
    revision: int
    created_at: dt.datetime
    created_by: str | None
    signed_off_by: list[str]


def _version_out(v: Version) -> VersionOut:
    return VersionOut(
        number=v.number, name=v.name, note=v.note, revision=v.revision, created_at=v.created_at,
        created_by=v.created_by.get_username() if v.created_by else None,
        signed_off_by=[s.user.get_username() for s in v.signoffs.select_related("user")],
    )  # fmt: skip


class VersionIn(Schema):
    name: str
    note: str = ""


@api.get(
    "/workspaces/{ws}/versions", response=list[VersionOut], tags=["versions"], openapi_extra=role(VIEWER)
)
def list_versions(request: HttpRequest, ws: str) -> list[VersionOut]:
    return [_version_out(v) for v in member(request, ws, VIEWER).workspace.versions.all()]


@api.post(
    "/workspaces/{ws}/versions", response={201: VersionOut}, tags=["versions"], openapi_extra=role(EDITOR)
)
def create_version(request: HttpRequest, ws: str, payload: VersionIn) -> Status[VersionOut]:
    access = member(request, ws, EDITOR)
    if not payload.name.strip():
        raise HttpError(400, "a version needs a name")
    try:
        version = store.save_version(access.workspace, request.user, payload.name.strip(), payload.note)
    except IntegrityError:
        raise HttpError(409, f"there is already a version named {payload.name!r}") from None
    return Status(201, _version_out(version))


def _version(ws_access: Any, number: int) -> Version:
    return get_object_or_404(Version, workspace=ws_access.workspace, number=number)


@api.get("/workspaces/{ws}/versions/{number}", tags=["versions"], openapi_extra=role(VIEWER))
def get_version(request: HttpRequest, ws: str, number: int) -> dict[str, Any]:
    version = _version(member(request, ws, VIEWER), number)
    return {**_version_out(version).dict(), "document": version.data}


class DiffOut(Schema):
    a: str
    b: str
    changes: list[str]


@api.get("/workspaces/{ws}/diff", response=DiffOut, tags=["versions"], openapi_extra=role(VIEWER))
def get_diff(request: HttpRequest, ws: str, a: str, b: str = "draft") -> DiffOut:
    """The semantic diff between two versions (numbers) or a version and the working `draft`."""
    access = member(request, ws, VIEWER)

    def side(ref: str) -> Tom:
        if ref == "draft":
            return access.workspace.tom()
        if not ref.isdigit():
            raise HttpError(400, "a side is a version number or 'draft'")
        return _version(access, int(ref)).tom()

    diff = diff_documents(side(a), side(b))
    return DiffOut(a=a, b=b, changes=[c.describe() for c in diff.changes()])


@api.post(
    "/workspaces/{ws}/versions/{number}/restore",
    response=OperationOut,
    tags=["versions"],
    openapi_extra=role(EDITOR),
)
def restore_version(request: HttpRequest, ws: str, number: int) -> OperationOut:
    access = member(request, ws, EDITOR)
    version = _version(access, number)
    event = store.replace_draft(
        access.workspace.pk,
        request.user,
        version.tom(),
        "restore",
        f"restored version v{version.number} {version.name}",
    )
    return OperationOut(revision=event.revision or 0, summary=event.summary)


class SignOffIn(Schema):
    note: str = ""


@api.post(
    "/workspaces/{ws}/versions/{number}/signoff",
    response=VersionOut,
    tags=["versions"],
    openapi_extra=role(REVIEWER),
)
def sign_off(request: HttpRequest, ws: str, number: int, payload: SignOffIn) -> VersionOut:
    access = member(request, ws, REVIEWER)
    version = _version(access, number)
    _, created = SignOff.objects.get_or_create(
        version=version, user=signed_in(request), defaults={"note": payload.note}
    )
    if created:
        store.record(
            access.workspace, request.user, "signoff", f"signed off v{version.number} {version.name}"
        )
    return _version_out(version)


# --- feedback -----------------------------------------------------------------------------------


class CommentOut(Schema):
    id: int
    parent: int | None
    anchor_type: str
    anchor: str
    state: str
    author: str | None
    body: str
    created_at: dt.datetime
    resolved: bool
    changes: list[str]


def _comment_out(c: Comment) -> CommentOut:
    return CommentOut(
        id=c.pk, parent=c.parent_id, anchor_type=c.anchor_type, anchor=c.anchor, state=c.state,
        author=c.author.get_username() if c.author else None, body=c.body, created_at=c.created_at,
        resolved=c.resolved, changes=[e.summary for e in c.changes.all()],
    )  # fmt: skip


class CommentIn(Schema):
    body: str
    anchor_type: Literal["workspace", "element", "gap", "version"] = "workspace"
    anchor: str = ""
    state: str = ""
    parent: int | None = None


@api.get(
    "/workspaces/{ws}/comments", response=list[CommentOut], tags=["feedback"], openapi_extra=role(VIEWER)
)
def list_comments(
    request: HttpRequest, ws: str, show: Literal["open", "resolved", "all"] = "all"
) -> list[CommentOut]:
    """Comments, threads first-come; `show=open` is the feedback inbox."""
    access = member(request, ws, VIEWER)
    rows = (
        Comment.objects.filter(workspace=access.workspace)
        .select_related("author")
        .prefetch_related("changes")
    )
    if show != "all":
        rows = rows.filter(parent=None, resolved=(show == "resolved"))
    return [_comment_out(c) for c in rows]


@api.post(
    "/workspaces/{ws}/comments", response={201: CommentOut}, tags=["feedback"], openapi_extra=role(REVIEWER)
)
def add_comment(request: HttpRequest, ws: str, payload: CommentIn) -> Status[CommentOut]:
    access = member(request, ws, REVIEWER)
    if not payload.body.strip():
        raise HttpError(400, "a comment needs a body")
    parent = None
    if payload.parent is not None:
        parent = get_object_or_404(Comment, workspace=access.workspace, pk=payload.parent, parent=None)
    comment = Comment.objects.create(
        workspace=access.workspace, parent=parent, author=signed_in(request), body=payload.body.strip(),
        anchor_type=parent.anchor_type if parent else payload.anchor_type,
        anchor=parent.anchor if parent else payload.anchor, state=parent.state if parent else payload.state,
    )  # fmt: skip
    store.record(access.workspace, request.user, "comment", f"commented on {comment.anchor_label}")
    return Status(201, _comment_out(comment))


def _resolve(request: HttpRequest, ws: str, pk: int, resolved: bool) -> CommentOut:
    access = member(request, ws, REVIEWER)
    root = get_object_or_404(Comment, workspace=access.workspace, pk=pk, parent=None)
    root.resolved, root.resolved_at = resolved, timezone.now() if resolved else None
    root.resolved_by = signed_in(request) if resolved else None
    root.save(update_fields=["resolved", "resolved_by", "resolved_at"])
    verb = "resolved" if resolved else "reopened"
    store.record(
        access.workspace, request.user, "comment", f"{verb} thread #{root.pk} on {root.anchor_label}"
    )
    return _comment_out(root)


@api.post(
    "/workspaces/{ws}/comments/{pk}/resolve",
    response=CommentOut,
    tags=["feedback"],
    openapi_extra=role(REVIEWER),
)
def resolve_comment(request: HttpRequest, ws: str, pk: int) -> CommentOut:
    return _resolve(request, ws, pk, True)


@api.post(
    "/workspaces/{ws}/comments/{pk}/reopen",
    response=CommentOut,
    tags=["feedback"],
    openapi_extra=role(REVIEWER),
)
def reopen_comment(request: HttpRequest, ws: str, pk: int) -> CommentOut:
    return _resolve(request, ws, pk, False)


# --- audit --------------------------------------------------------------------------------------


class EventOut(Schema):
    at: dt.datetime
    actor: str | None
    action: str
    summary: str
    revision: int | None
    answers: int | None


@api.get("/workspaces/{ws}/audit", response=list[EventOut], tags=["audit"], openapi_extra=role(VIEWER))
def list_audit(
    request: HttpRequest, ws: str, user: str = "", action: str = "", limit: int = 200
) -> list[EventOut]:
    access = member(request, ws, VIEWER)
    events = AuditEvent.objects.filter(workspace=access.workspace).select_related("actor")
    if user:
        events = events.filter(actor__username=user)
    if action:
        events = events.filter(action=action)
    return [
        EventOut(
            at=e.at,
            actor=e.actor.get_username() if e.actor else None,
            action=e.action,
            summary=e.summary,
            revision=e.revision,
            answers=e.answers_id,
        )
        for e in events[: max(1, min(limit, 1000))]
    ]
