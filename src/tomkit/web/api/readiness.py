"""Endpoints for the Readiness page: scores per stakeholder group, what the people plan has forgotten,
questionnaires, answers recorded by editors, and the signed stakeholder links.

A stakeholder answers through a link without an account. The link's token (the last part of
`/r/<token>/`) is signed with the same key and salt as the page's; the link endpoints take it as the
`link` query parameter and answer 401 without a valid one, so nothing about a workspace is reachable
without the signature, and what a link can do is fixed by what it names (workspace, group, initiative).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.http import HttpRequest
from django.utils import timezone
from ninja import Schema, Status
from ninja.security import APIKeyQuery
from pydantic import ValidationError

from tomkit.analysis.gaps import gaps
from tomkit.analysis.plan_edits import add_readiness_response
from tomkit.analysis.readiness import change_warnings, readiness
from tomkit.model import Tom
from tomkit.model.readiness import ADKAR, Questionnaire, ReadinessResponse
from tomkit.web.api.core import api, member, role
from tomkit.web.api.drafts import SavedOut, invalid, save_edit
from tomkit.web.models import Role, Workspace
from tomkit.web.views.readiness import SALT, answer_link

VIEWER, EDITOR = Role.VIEWER.value, Role.EDITOR.value


class ScoreOut(Schema):
    group: str
    group_name: str
    initiative: str | None
    initiative_name: str | None
    questionnaire: str
    responses: int
    score: float
    """0 (not ready at all) to 100 (fully ready)."""
    by_area: dict[str, float]
    ready: bool
    weakest: str | None
    """The area to work on first."""


class WarningOut(Schema):
    code: str
    severity: str
    initiative: str | None
    subject: str
    message: str
    fix: str


class ReadinessOut(Schema):
    ready_at: int
    """The score from which a group counts as ready."""
    scores: list[ScoreOut]
    warnings: list[WarningOut]
    """Errors and warnings first, then the infos (groups not assessed yet), as the page lists them."""
    revision: int


def _names(tom: Tom) -> dict[str, str]:
    return {e.id: e.name for state in tom.states.values() for e in state.elements} | {
        i.id: i.name for i in tom.initiatives
    }


@api.get("/workspaces/{ws}/readiness", response=ReadinessOut, tags=["readiness"], openapi_extra=role(VIEWER))
def get_readiness(request: HttpRequest, ws: str) -> ReadinessOut:
    """Readiness scores per (group, initiative, questionnaire) and the change warnings: roles that change
    with no training, groups affected with no communication or assessment, groups not ready."""
    access = member(request, ws, VIEWER)
    tom = access.workspace.tom()
    roles: tuple[str, ...] = ()
    if len(tom.states) >= 2:
        people = gaps(tom).people
        roles = (*people.roles_added, *people.roles_changed)
    scores, _ = readiness(tom)
    warnings = change_warnings(tom, roles)
    names = _names(tom)
    ordered = [w for w in warnings if w.severity != "info"] + [w for w in warnings if w.severity == "info"]
    return ReadinessOut(
        ready_at=tom.readiness.ready_at,
        scores=[
            ScoreOut(
                group=s.group,
                group_name=names.get(s.group, s.group),
                initiative=s.initiative,
                initiative_name=names.get(s.initiative) if s.initiative else None,
                questionnaire=s.questionnaire,
                responses=s.responses,
                score=s.score,
                by_area=s.by_area,
                ready=s.ready,
                weakest=s.weakest,
            )
            for s in scores
        ],
        warnings=[WarningOut.model_validate(w, from_attributes=True) for w in ordered],
        revision=access.workspace.revision,
    )


class QuestionOut(Schema):
    id: str
    text: str
    area: str | None
    weight: float


class QuestionnaireOut(Schema):
    id: str
    name: str
    scale: int
    """Answers run from 1 (strongly disagree) to this."""
    questions: list[QuestionOut]


def _questionnaire_out(q: Questionnaire) -> QuestionnaireOut:
    questions = [QuestionOut(id=x.id, text=x.text, area=x.area, weight=float(x.weight)) for x in q.questions]
    return QuestionnaireOut(id=q.id, name=q.name, scale=q.scale, questions=questions)


@api.get(
    "/workspaces/{ws}/readiness/questionnaires",
    response=list[QuestionnaireOut],
    tags=["readiness"],
    openapi_extra=role(VIEWER),
)
def list_questionnaires(request: HttpRequest, ws: str) -> list[QuestionnaireOut]:
    """The built-in ADKAR questionnaire (unless the document redefines it) and the document's own."""
    tom = member(request, ws, VIEWER).workspace.tom()
    own = list(tom.readiness.questionnaires)
    builtin = [] if any(q.id == ADKAR.id for q in own) else [ADKAR]
    return [_questionnaire_out(q) for q in [*builtin, *own]]


class LinkOut(Schema):
    group: str
    initiative: str
    url: str
    """The page a stakeholder opens; its last part is the token the link endpoints take as `link`."""
    token: str


@api.get(
    "/workspaces/{ws}/readiness/links",
    response=list[LinkOut],
    tags=["readiness"],
    openapi_extra=role(EDITOR),
)
def list_links(request: HttpRequest, ws: str) -> list[LinkOut]:
    """A questionnaire link per group each initiative affects (editors only, as on the page)."""
    access = member(request, ws, EDITOR)
    out = []
    for initiative in access.workspace.tom().initiatives:
        for group in initiative.change.affects:
            url = answer_link(request, access.workspace, group, initiative.id)
            out.append(
                LinkOut(
                    group=group, initiative=initiative.id, url=url, token=url.rstrip("/").rsplit("/", 1)[-1]
                )
            )
    return out


class ResponseIn(Schema):
    """One person's (or one workshop's) answers for a stakeholder group: question id -> rating."""

    questionnaire: str = ADKAR.id
    group: str
    initiative: str | None = None
    respondent: str | None = None
    date: dt.date | None = None
    """Default: today."""
    answers: dict[str, int]
    base_revision: int | None = None


@api.post(
    "/workspaces/{ws}/readiness/responses",
    response={201: SavedOut},
    tags=["readiness"],
    openapi_extra=role(EDITOR),
)
def create_response(request: HttpRequest, ws: str, payload: ResponseIn) -> Status[SavedOut]:
    """Record answers collected in a workshop or another survey tool; answers outside the
    questionnaire's scale are refused (422)."""
    access = member(request, ws, EDITOR)
    try:
        response = ReadinessResponse.model_validate(
            {**payload.model_dump(exclude={"base_revision"}), "date": payload.date or timezone.localdate()}
        )
    except ValidationError as exc:
        raise invalid(exc, "answers") from None

    def edit(current: Tom) -> Tom:
        return add_readiness_response(current, response)

    summary = f"readiness answers from {payload.group}"
    return Status(
        201, save_edit(access.workspace, request, edit, payload.base_revision, "readiness", summary)
    )


# --- the signed stakeholder link ----------------------------------------------------------------


class SignedLink(APIKeyQuery):
    """The token of a stakeholder's questionnaire link (`?link=<token>`): valid only as signed."""

    param_name = "link"

    def authenticate(self, request: HttpRequest, key: str | None) -> dict[str, Any] | None:
        if not key:
            return None
        try:
            data: dict[str, Any] = signing.loads(key, salt=SALT)
        except signing.BadSignature:
            return None
        workspace = Workspace.objects.filter(slug=data.get("ws")).first()
        if workspace is None:
            return None
        return {**data, "workspace": workspace}


class LinkQuestionnaireOut(Schema):
    workspace: str
    """The workspace's name (never its address)."""
    group: str
    group_name: str
    initiative: str | None
    initiative_name: str | None
    questionnaire: QuestionnaireOut


def _link(request: HttpRequest) -> tuple[Workspace, dict[str, Any]]:
    data: dict[str, Any] = request.auth  # type: ignore[attr-defined]
    return data["workspace"], data


@api.get("/readiness/link", response=LinkQuestionnaireOut, tags=["readiness"], auth=SignedLink())
def get_link_questionnaire(request: HttpRequest) -> LinkQuestionnaireOut:
    """What a stakeholder's link shows: the questionnaire for its group (and initiative). No account:
    the signed token is the only credential, and a wrong or altered one is 401."""
    workspace, data = _link(request)
    tom = workspace.tom()
    group = tom.element_anywhere(data["group"])
    initiative = tom.initiative(data["initiative"]) if data.get("initiative") else None
    questionnaire = tom.readiness.questionnaire(ADKAR.id) or ADKAR
    return LinkQuestionnaireOut(
        workspace=workspace.name,
        group=data["group"],
        group_name=group.name if group else data["group"],
        initiative=data.get("initiative"),
        initiative_name=initiative.name if initiative else None,
        questionnaire=_questionnaire_out(questionnaire),
    )


class LinkAnswersIn(Schema):
    answers: dict[str, int]
    """Question id -> rating, on the questionnaire's scale."""
    respondent: str | None = None


class LinkAnsweredOut(Schema):
    recorded: bool
    answers: int


@api.post("/readiness/link/answers", response={201: LinkAnsweredOut}, tags=["readiness"], auth=SignedLink())
def answer_through_link(request: HttpRequest, payload: LinkAnswersIn) -> Status[LinkAnsweredOut]:
    """Answer the link's questionnaire, as the link's page does: the group and initiative come from the
    signed token, never from the request; the audit trail says "via link"."""
    workspace, data = _link(request)
    questionnaire = workspace.tom().readiness.questionnaire(ADKAR.id) or ADKAR
    try:
        response = ReadinessResponse(
            questionnaire=questionnaire.id,
            group=data["group"],
            initiative=data.get("initiative"),
            respondent=(payload.respondent or "").strip() or None,
            date=timezone.localdate(),
            answers=payload.answers,
        )
    except ValidationError as exc:
        raise invalid(exc, "answers") from None

    def edit(current: Tom) -> Tom:
        return add_readiness_response(current, response)

    summary = f"readiness answers from {data['group']} via link"
    save_edit(workspace, request, edit, None, "readiness", summary)
    return Status(201, LinkAnsweredOut(recorded=True, answers=len(response.answers)))
