"""What every workspace page shares: the navigation, the page/fragment switch, the revision in forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tomkit.model import Tom
from tomkit.web import nav
from tomkit.web.access import WorkspaceAccess


def review_status(tom: Tom, today: dt.date | None = None) -> dict[str, Any]:
    """The review cadence, the next review date and whether it has passed."""
    today = today or timezone.localdate()
    due = tom.review.next
    return {
        "cadence": tom.review.cadence,
        "next": due,
        "last": tom.review.last,
        "overdue": due is not None and due < today,
        "days": (due - today).days if due else None,
    }


def page(
    request: HttpRequest,
    access: WorkspaceAccess,
    template: str,
    context: dict[str, Any],
    *,
    partial: str | None = None,
    active: str = "",
    status: int = 200,
) -> HttpResponse:
    """Render a workspace page; an htmx request for a page with a partial gets only the fragment, except
    when htmx restores a pushed URL from history (its cache missed): that needs the whole page."""
    tom = context.get("tom") or access.workspace.tom()
    full = {
        "access": access,
        "ws": access.workspace,
        "tom": tom,
        "nav": nav.links(access.workspace.slug),
        "active": active,
        "review": review_status(tom),
        **context,
    }
    htmx = getattr(request, "htmx", None)
    fragment = partial is not None and htmx is not None and bool(htmx) and not htmx.history_restore_request
    name = partial if fragment and partial is not None else template
    return render(request, name, full, status=status)
