"""The Journey page: where we started, where we are going, where we are now and what is next."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from tomkit.analysis.progress import NextStep, next_steps, progress
from tomkit.analysis.roadmap import plan
from tomkit.render.journey import journey_svg
from tomkit.web.access import WorkspaceAccess, workspace_view
from tomkit.web.models import Role
from tomkit.web.views.common import page
from tomkit.web.views.roadmap import _svg, today_for


@workspace_view(Role.VIEWER)
def journey(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """The flight profile, progress per wave and initiative, milestones, and what is next for someone."""
    tom = access.workspace.tom()
    today = today_for(request)
    roadmap = plan(tom, today=today)
    state = progress(tom, roadmap, today=today)
    who = request.GET.get("who", "")
    step: NextStep | None = None
    if who:
        try:
            step = next_steps(tom, state, who)
        except KeyError:
            step = None
    choices = [(p.id, p.name) for p in tom.people] + sorted(roadmap.team_names.items())
    context = {
        "state": state,
        "roadmap": roadmap,
        "today": today,
        "svg": _svg(lambda: journey_svg(roadmap, state, tom)),
        "who": who,
        "step": step,
        "choices": choices,
        "revision": access.workspace.revision,
    }
    return page(request, access, "tomkit/ws/journey.html", context, active="journey")
