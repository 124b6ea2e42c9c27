"""The endpoint for a workspace's audit trail: who did what and when, filtered by user or action."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Schema

from tomkit.web.api.core import api, member, role
from tomkit.web.models import AuditEvent, Role

VIEWER = Role.VIEWER.value


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
