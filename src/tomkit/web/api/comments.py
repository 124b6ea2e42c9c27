"""Endpoints for comments (the feedback inbox): threads anchored on the workspace, an element, a gap or
a version; reviewers add, resolve and reopen them."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Schema, Status
from ninja.errors import HttpError

from tomkit.web import store
from tomkit.web.access import signed_in
from tomkit.web.api.core import api, member, role
from tomkit.web.models import Comment, Role

VIEWER, REVIEWER = Role.VIEWER.value, Role.REVIEWER.value


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
