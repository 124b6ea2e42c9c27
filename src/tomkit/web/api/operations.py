"""The endpoint that edits the draft: one operation at a time, checked against the revision the
caller read so concurrent edits to the same thing are refused (409) and others are merged."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Schema

from tomkit.model.operations import Operation
from tomkit.web import store
from tomkit.web.api.core import api, member, role
from tomkit.web.models import Comment, Role

EDITOR = Role.EDITOR.value


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
