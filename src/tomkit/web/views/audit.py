"""The audit trail: every change, who made it and when, filterable by person, action, target and date."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from tomkit.web.access import WorkspaceAccess, workspace_view
from tomkit.web.models import AuditEvent, Role
from tomkit.web.views.common import page


def filtered_events(access: WorkspaceAccess, params: dict[str, str]) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(workspace=access.workspace).select_related("actor", "answers")
    if user := params.get("user"):
        events = events.filter(actor__username=user)
    if action := params.get("action"):
        events = events.filter(action=action)
    if target := params.get("target"):
        events = events.filter(summary__icontains=target)
    if since := params.get("since"):
        with contextlib.suppress(ValueError):
            events = events.filter(at__date__gte=dt.date.fromisoformat(since))
    return events


@workspace_view(Role.VIEWER)
def audit(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    params = {k: request.GET.get(k, "").strip() for k in ("user", "action", "target", "since")}
    events = filtered_events(access, params)
    paginator: Paginator[AuditEvent] = Paginator(events, 50)
    context = {
        "page_obj": paginator.get_page(request.GET.get("page")),
        "params": params,
        "actions": sorted(
            set(AuditEvent.objects.filter(workspace=access.workspace).values_list("action", flat=True))
        ),
        "users": sorted({m.user.username for m in access.workspace.memberships.select_related("user")}),
    }
    return page(
        request, access, "tomkit/ws/audit.html", context, partial="tomkit/ws/_audit_rows.html", active="audit"
    )
