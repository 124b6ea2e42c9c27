"""The Roadmap page: the scheduled plan with its reasons and pictures, and quick forms to edit it.

Scheduling comes from tomkit.analysis.roadmap, edits from tomkit.analysis.plan_edits, pictures from
tomkit.render; these views only choose what to show and save the edited draft.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from tomkit.analysis.gaps import gaps
from tomkit.analysis.plan_edits import (
    PlanEditError,
    add_initiative_for_gap,
    add_milestone,
    save_initiative,
    set_dependency,
    set_milestone_done,
)
from tomkit.analysis.progress import progress
from tomkit.analysis.roadmap import Roadmap, plan
from tomkit.model import Rating, Size, Tom
from tomkit.render.change_load import change_load_svg
from tomkit.render.errors import RenderError
from tomkit.render.journey import journey_svg
from tomkit.render.matrix import matrix_svg
from tomkit.render.png import to_png
from tomkit.render.roadmap import roadmap_svg
from tomkit.web import store
from tomkit.web.access import WorkspaceAccess, workspace_view
from tomkit.web.models import Role
from tomkit.web.views.common import page

STATUSES = ("proposed", "planned", "in-progress", "on-hold", "done", "cancelled")


def today_for(request: HttpRequest) -> dt.date:
    """Today, or the `?today=YYYY-MM-DD` the page is told from (for reviews of a past or future date)."""
    raw = request.GET.get("today", "") or request.POST.get("today", "")
    try:
        return dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _svg(draw: Any) -> str:
    try:
        svg: str = draw()
    except RenderError:
        return ""
    return svg


def save_plan(request: HttpRequest, access: WorkspaceAccess, tom: Tom, summary: str) -> bool:
    """Save an edited draft unless someone changed the workspace since the form was loaded."""
    workspace = access.workspace
    workspace.refresh_from_db()
    raw = request.POST.get("base", "")
    base = int(raw) if raw.isdigit() else None
    if base is not None and base < workspace.revision:
        newer = list(workspace.events.filter(revision__gt=base).select_related("actor")[:3])
        if newer:
            messages.error(
                request,
                "Not saved: the model changed since you opened this page ("
                + "; ".join(store.conflict_message(e) for e in newer)
                + "). Reload and try again.",
            )
            return False
    store.replace_draft(workspace.pk, request.user, tom, action="plan", summary=summary)
    messages.success(request, summary[:1].upper() + summary[1:] + ".")
    return True


def _back(access: WorkspaceAccess, request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    name = (
        "roadmap:journey"
        if target == "journey"
        else "roadmap:readiness"
        if target == "readiness"
        else "roadmap:index"
    )
    response = redirect(name, ws=access.workspace.slug)
    today = request.POST.get("today", "")
    if today:
        response["Location"] += f"?today={today}"
    return response


def _failed(request: HttpRequest, exc: PlanEditError) -> None:
    messages.error(request, f"Not saved: {exc}")


@workspace_view(Role.VIEWER)
def index(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """The roadmap: Gantt, the schedule with reasons, problems, open gaps, priorities and change load."""
    tom = access.workspace.tom()
    today = today_for(request)
    roadmap = plan(tom, today=today)
    unclosed = gaps(tom).unclosed() if len(tom.states) >= 2 else ()
    people = {p.id: p.name for p in tom.people}
    rows = [
        {"item": item, "owner": people.get(item.owner or "", item.owner or ""),
         "initiative": tom.initiative(item.id),
         "others": [i.id for i in tom.initiatives if i.id != item.id and i.id not in item.depends_on]}
        for item in roadmap.items
    ]  # fmt: skip
    context = {
        "roadmap": roadmap,
        "rows": rows,
        "today": today,
        "unclosed": unclosed,
        "gantt": _svg(lambda: roadmap_svg(roadmap, tom, today=today)),
        "matrix": _svg(lambda: matrix_svg(roadmap)),
        "load": _svg(lambda: change_load_svg(roadmap)),
        "errors": [i for i in roadmap.issues if i.severity == "error"],
        "warnings": [i for i in roadmap.issues if i.severity == "warning"],
        "sizes": [s.value for s in Size],
        "ratings": [r.value for r in Rating],
        "statuses": STATUSES,
        "teams": sorted(roadmap.team_names.items()),
        "revision": access.workspace.revision,
    }
    return page(request, access, "tomkit/ws/roadmap.html", context, active="roadmap")


def _picture(tom: Tom, roadmap: Roadmap, name: str, today: dt.date) -> str:
    if name == "matrix":
        return matrix_svg(roadmap)
    if name == "load":
        return change_load_svg(roadmap)
    if name == "journey":
        return journey_svg(roadmap, progress(tom, roadmap, today=today), tom)
    return roadmap_svg(roadmap, tom, today=today)


@workspace_view(Role.VIEWER)
def picture(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """`?name=roadmap|matrix|load|journey&fmt=svg|png`: a roadmap picture as a file."""
    tom = access.workspace.tom()
    today = today_for(request)
    name = request.GET.get("name", "roadmap")
    try:
        svg = _picture(tom, plan(tom, today=today), name, today)
    except RenderError as exc:
        return HttpResponse(f"nothing to draw: {exc}", status=400, content_type="text/plain; charset=utf-8")
    if request.GET.get("fmt") == "png":
        response = HttpResponse(to_png(svg), content_type="image/png")
        extension = "png"
    else:
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
        extension = "svg"
    response["Content-Disposition"] = f'inline; filename="{access.workspace.slug}-{name}.{extension}"'
    return response


@workspace_view(Role.EDITOR, methods=("POST",))
def initiative_save(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Add an initiative or change one: name, owner, team, effort, value, duration, status, progress."""
    post = request.POST
    fields: dict[str, Any] = {"id": post.get("id", "").strip()}
    for key in ("name", "owner", "team", "effort", "value", "status", "not_before", "deadline"):
        if key in post:
            fields[key] = post.get(key, "").strip()
    for key in ("duration_weeks", "progress"):
        if key in post:
            raw = post.get(key, "").strip()
            fields[key] = int(raw) if raw.isdigit() else ""
    if not fields["id"] and not fields.get("name"):
        messages.error(request, "Not saved: an initiative needs a name.")
        return _back(access, request)
    try:
        tom = save_initiative(access.workspace.tom(), fields)
    except PlanEditError as exc:
        _failed(request, exc)
    else:
        which = fields["id"] or fields.get("name", "")
        save_plan(request, access, tom, f"saved initiative {which}")
    return _back(access, request)


@workspace_view(Role.EDITOR, methods=("POST",))
def from_gap(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Create a proposed initiative that closes one open gap."""
    element = request.POST.get("element", "")
    if not element:
        messages.error(request, "Not saved: choose a gap to close.")
        return _back(access, request)
    try:
        tom, made = add_initiative_for_gap(access.workspace.tom(), element)
    except (PlanEditError, ValueError) as exc:
        messages.error(request, f"Not saved: {exc}")
    else:
        save_plan(request, access, tom, f"added initiative {made.id} to close {element}")
    return _back(access, request)


@workspace_view(Role.EDITOR, methods=("POST",))
def dependency(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Make an initiative wait for another (`action=add`) or stop waiting (`action=remove`)."""
    initiative, depends_on = request.POST.get("initiative", ""), request.POST.get("depends_on", "")
    present = request.POST.get("action", "add") != "remove"
    if not initiative or not depends_on:
        messages.error(request, "Not saved: choose an initiative and what it depends on.")
        return _back(access, request)
    try:
        tom = set_dependency(access.workspace.tom(), initiative, depends_on, present=present)
    except PlanEditError as exc:
        _failed(request, exc)
    else:
        verb = "now depends on" if present else "no longer depends on"
        save_plan(request, access, tom, f"{initiative} {verb} {depends_on}")
    return _back(access, request)


@workspace_view(Role.EDITOR, methods=("POST",))
def milestone(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Add a milestone (`name`, `due`) or mark one done / open again (`milestone`, `done`)."""
    post = request.POST
    initiative = post.get("initiative", "")
    if not initiative:
        messages.error(request, "Not saved: choose an initiative.")
        return _back(access, request)
    tom = access.workspace.tom()
    try:
        if post.get("milestone"):
            done = post.get("done", "1") == "1"
            tom = set_milestone_done(tom, initiative, post["milestone"], done=done, on=today_for(request))
            summary = f"milestone {post['milestone']} of {initiative} {'done' if done else 'open again'}"
        else:
            raw = post.get("due", "")
            due = dt.date.fromisoformat(raw) if raw else None
            tom = add_milestone(tom, initiative, post.get("name", ""), due)
            summary = f"added milestone {post.get('name', '')!r} to {initiative}"
    except PlanEditError as exc:
        _failed(request, exc)
    except ValueError:
        messages.error(request, "Not saved: the due date must be written YYYY-MM-DD.")
    else:
        save_plan(request, access, tom, summary)
    return _back(access, request)
