"""Change management: readiness scores, what the people plan has forgotten, quick change actions,
and questionnaires stakeholders answer through a link without an account.

A link is a signed token naming the workspace, the group and the initiative; it cannot be altered,
and answering through it records the answers in the draft (the audit trail says "via link").
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from tomkit.analysis.gaps import gaps
from tomkit.analysis.plan_edits import PlanEditError, add_change_action, add_readiness_response
from tomkit.analysis.readiness import change_warnings, readiness
from tomkit.model.readiness import ADKAR, ReadinessResponse
from tomkit.web import store
from tomkit.web.access import WorkspaceAccess, workspace_view
from tomkit.web.models import Role, Workspace
from tomkit.web.views.common import page
from tomkit.web.views.roadmap import _back, save_plan

SALT = "tomkit.readiness"
ACTIONS = ("affects", "communicate", "train", "champion")


def answer_link(request: HttpRequest, workspace: Workspace, group: str, initiative: str | None) -> str:
    token = signing.dumps({"ws": workspace.slug, "group": group, "initiative": initiative}, salt=SALT)
    return request.build_absolute_uri(reverse("readiness_answer", kwargs={"token": token}))


@workspace_view(Role.VIEWER)
def readiness_view(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    tom = access.workspace.tom()
    roles: tuple[str, ...] = ()
    if len(tom.states) >= 2:
        people = gaps(tom).people
        roles = (*people.roles_added, *people.roles_changed)
    scores, _ = readiness(tom)
    warnings = change_warnings(tom, roles)
    groups = [
        e
        for state in tom.states.values()
        for e in state.of_kind("stakeholder-group", "team", "role", "customer-segment")
    ]
    audience = list({e.id: e for e in groups}.values())
    links = []
    if access.can_edit:
        for initiative in tom.initiatives:
            for group in initiative.change.affects:
                links.append(
                    (group, initiative.id, answer_link(request, access.workspace, group, initiative.id))
                )
    names = {e.id: e.name for e in audience} | {i.id: i.name for i in tom.initiatives}
    rows = [
        {"score": s, "group": names.get(s.group, s.group), "initiative": names.get(s.initiative or "", "all")}
        for s in scores
    ]
    context = {
        "rows": rows,
        "warnings": [w for w in warnings if w.severity != "info"],
        "infos": [w for w in warnings if w.severity == "info"],
        "links": links,
        "initiatives": tom.initiatives,
        "audience": audience,
        "roles": [e for e in audience if e.kind == "role"],
        "people": tom.people,
        "revision": access.workspace.revision,
        "ready_at": tom.readiness.ready_at,
    }
    return page(request, access, "tomkit/ws/readiness.html", context, active="readiness")


@workspace_view(Role.EDITOR, methods=("POST",))
def change_action(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Add a group affected, a communication, a training or a champion to an initiative's change plan."""
    post = request.POST
    initiative, action = post.get("initiative", ""), post.get("action", "")
    if not initiative or action not in ACTIONS:
        messages.error(request, "Not saved: choose an initiative and what to add.")
        return _back(access, request)
    fields = {
        k: post.get(k, "").strip()
        for k in ("group", "person", "audience", "message", "channel", "when", "role", "course")
    }
    fields = {k: v for k, v in fields.items() if v}
    try:
        tom = add_change_action(access.workspace.tom(), initiative, action, fields)  # type: ignore[arg-type]
    except PlanEditError as exc:
        messages.error(request, f"Not saved: {exc}")
    else:
        save_plan(request, access, tom, f"added {action} to the change plan of {initiative}")
    return _back(access, request)


def _read_token(token: str) -> tuple[Workspace, dict[str, Any]]:
    try:
        data: dict[str, Any] = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise Http404("this link is not valid") from None
    workspace = Workspace.objects.filter(slug=data.get("ws")).first()
    if workspace is None:
        raise Http404("this link is not valid any more")
    return workspace, data


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire for one group (and initiative), answered without an account."""
    workspace, data = _read_token(token)
    tom = workspace.tom()
    group = tom.element_anywhere(data["group"])
    initiative = tom.initiative(data["initiative"]) if data.get("initiative") else None
    questionnaire = tom.readiness.questionnaire(ADKAR.id) or ADKAR
    context: dict[str, Any] = {
        "workspace": workspace,
        "group": group.name if group else data["group"],
        "initiative": initiative.name if initiative else "",
        "questionnaire": questionnaire,
        "scale": list(range(1, questionnaire.scale + 1)),
        "thanks": False,
        "error": "",
    }
    if request.method == "POST":
        answers = {
            q.id: int(request.POST[q.id])
            for q in questionnaire.questions
            if request.POST.get(q.id, "").isdigit()
        }
        response = ReadinessResponse(
            questionnaire=questionnaire.id,
            group=data["group"],
            initiative=data.get("initiative"),
            respondent=request.POST.get("respondent", "").strip() or None,
            date=timezone.localdate(),
            answers=answers,
        )
        try:
            new = add_readiness_response(tom, response)
        except PlanEditError as exc:
            context["error"] = str(exc)
        else:
            store.replace_draft(
                workspace.pk,
                request.user,
                new,
                action="readiness",
                summary=f"readiness answers from {data['group']} via link",
            )
            context["thanks"] = True
    return render(request, "tomkit/readiness_answer.html", context)
