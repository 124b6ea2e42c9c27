"""Endpoints for the plan's quick edits on the Roadmap page: initiatives (also from an open gap),
dependencies, milestones and change actions.

Each write is a pure edit function of tomkit.analysis.plan_edits saved through `drafts.save_edit`,
with the same revision check and audit entry as the page's forms.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Schema, Status
from ninja.errors import HttpError

from tomkit.analysis.plan_edits import (
    add_change_action,
    add_milestone,
    initiative_for_gap,
    save_initiative,
    set_dependency,
    set_milestone_done,
)
from tomkit.model import Rating, Size, Tom, slugify
from tomkit.web.api.core import api, member, role
from tomkit.web.api.drafts import SavedOut, save_edit
from tomkit.web.api.roadmap import today_or_now
from tomkit.web.models import Role

VIEWER, EDITOR = Role.VIEWER.value, Role.EDITOR.value
StatusName = Literal["proposed", "planned", "in-progress", "on-hold", "done", "cancelled"]
PictureName = Literal["roadmap", "matrix", "load", "journey"]


class InitiativeFields(Schema):
    """Fields of an initiative the Roadmap page edits; on an update, only the fields sent change and an
    empty value (`""` or null) clears one."""

    name: str | None = None
    owner: str | None = None
    team: str | None = None
    effort: Size | Literal[""] | None = None
    value: Rating | Literal[""] | None = None
    status: StatusName | Literal[""] | None = None
    progress: int | None = Field(None, ge=0, le=100, description="percent done, as reported")
    duration_weeks: int | None = Field(None, ge=1)
    not_before: dt.date | None = None
    deadline: dt.date | None = None
    base_revision: int | None = None


class InitiativeIn(InitiativeFields):
    id: str = ""
    """Left empty, the id is made from the name."""


class InitiativeOut(Schema):
    revision: int
    summary: str
    initiative: dict[str, Any]
    """The initiative as it now stands in the document."""


def _fields(payload: InitiativeFields, *, only_sent: bool) -> dict[str, Any]:
    data = payload.model_dump(mode="json", exclude={"base_revision", "id"}, exclude_unset=only_sent)
    return {k: ("" if v is None else v) for k, v in data.items() if only_sent or v is not None}


def _initiative_out(request: HttpRequest, ws: str, initiative_id: str, saved: SavedOut) -> InitiativeOut:
    tom = member(request, ws, VIEWER).workspace.tom()
    found = tom.initiative(initiative_id)
    data = found.model_dump(mode="json", exclude_defaults=True) if found else {}
    return InitiativeOut(revision=saved.revision, summary=saved.summary, initiative=data)


def _existing(tom: Tom, initiative_id: str) -> None:
    if tom.initiative(initiative_id) is None:
        raise Http404(f"no initiative {initiative_id!r}")


@api.post(
    "/workspaces/{ws}/initiatives",
    response={201: InitiativeOut},
    tags=["roadmap"],
    openapi_extra=role(EDITOR),
)
def create_initiative(request: HttpRequest, ws: str, payload: InitiativeIn) -> Status[InitiativeOut]:
    """Add an initiative (id from the name unless given); 409 if the id is taken."""
    access = member(request, ws, EDITOR)
    fields = _fields(payload, only_sent=False)
    new_id = payload.id.strip() or slugify(str(fields.get("name") or ""))
    if not new_id or new_id == "item":
        raise HttpError(422, "an initiative needs an id or a name")

    def edit(current: Tom) -> Tom:
        if current.initiative(new_id) is not None:
            raise HttpError(409, f"there is already an initiative {new_id!r}")
        return save_initiative(current, {**fields, "id": new_id})

    saved = save_edit(
        access.workspace, request, edit, payload.base_revision, "plan", f"saved initiative {new_id}"
    )
    return Status(201, _initiative_out(request, ws, new_id, saved))


class FromGapIn(Schema):
    element: str
    """The id of the element whose gap the initiative closes."""
    base_revision: int | None = None


@api.post(
    "/workspaces/{ws}/initiatives/from-gap",
    response={201: InitiativeOut},
    tags=["roadmap"],
    openapi_extra=role(EDITOR),
)
def create_initiative_from_gap(request: HttpRequest, ws: str, payload: FromGapIn) -> Status[InitiativeOut]:
    """Create a proposed initiative that closes one open gap, owned by the element's owner."""
    access = member(request, ws, EDITOR)
    if len(access.workspace.tom().states) < 2:
        raise HttpError(422, "a gap needs two states")
    made = initiative_for_gap(access.workspace.tom(), payload.element)

    def edit(current: Tom) -> Tom:
        return save_initiative(current, made.model_dump(mode="json", exclude_defaults=True))

    summary = f"added initiative {made.id} to close {payload.element}"
    saved = save_edit(access.workspace, request, edit, payload.base_revision, "plan", summary)
    return Status(201, _initiative_out(request, ws, made.id, saved))


@api.patch(
    "/workspaces/{ws}/initiatives/{initiative}",
    response=InitiativeOut,
    tags=["roadmap"],
    openapi_extra=role(EDITOR),
)
def update_initiative(
    request: HttpRequest, ws: str, initiative: str, payload: InitiativeFields
) -> InitiativeOut:
    """Change the fields sent: name, owner, team, effort, value, dates, and status and percent done."""
    access = member(request, ws, EDITOR)
    _existing(access.workspace.tom(), initiative)
    fields = {"id": initiative, **_fields(payload, only_sent=True)}

    def edit(current: Tom) -> Tom:
        _existing(current, initiative)
        return save_initiative(current, fields)

    saved = save_edit(
        access.workspace, request, edit, payload.base_revision, "plan", f"saved initiative {initiative}"
    )
    return _initiative_out(request, ws, initiative, saved)


class DependencyIn(Schema):
    depends_on: str
    base_revision: int | None = None


@api.post(
    "/workspaces/{ws}/initiatives/{initiative}/dependencies",
    response=InitiativeOut,
    tags=["roadmap"],
    openapi_extra=role(EDITOR),
)
def add_dependency(request: HttpRequest, ws: str, initiative: str, payload: DependencyIn) -> InitiativeOut:
    """Make the initiative wait for another; a dependency that would close a cycle is refused (422)."""
    access = member(request, ws, EDITOR)
    _existing(access.workspace.tom(), initiative)

    def edit(current: Tom) -> Tom:
        return set_dependency(current, initiative, payload.depends_on, present=True)

    summary = f"{initiative} now depends on {payload.depends_on}"
    saved = save_edit(access.workspace, request, edit, payload.base_revision, "plan", summary)
    return _initiative_out(request, ws, initiative, saved)


@api.delete(
    "/workspaces/{ws}/initiatives/{initiative}/dependencies/{depends_on}",
    response=InitiativeOut,
    tags=["roadmap"],
    openapi_extra=role(EDITOR),
)
def remove_dependency(
    request: HttpRequest, ws: str, initiative: str, depends_on: str, base_revision: int | None = None
) -> InitiativeOut:
    """Stop the initiative waiting for another (`base_revision` as a query parameter)."""
    access = member(request, ws, EDITOR)
    found = access.workspace.tom().initiative(initiative)
    if found is None or depends_on not in found.depends_on:
        raise Http404(f"{initiative} does not depend on {depends_on}")

    def edit(current: Tom) -> Tom:
        return set_dependency(current, initiative, depends_on, present=False)

    summary = f"{initiative} no longer depends on {depends_on}"
    saved = save_edit(access.workspace, request, edit, base_revision, "plan", summary)
    return _initiative_out(request, ws, initiative, saved)


class MilestoneIn(Schema):
    name: str
    due: dt.date | None = None
    base_revision: int | None = None


@api.post(
    "/workspaces/{ws}/initiatives/{initiative}/milestones",
    response={201: InitiativeOut},
    tags=["roadmap"],
    openapi_extra=role(EDITOR),
)
def create_milestone(
    request: HttpRequest, ws: str, initiative: str, payload: MilestoneIn
) -> Status[InitiativeOut]:
    """Add a milestone (its id is made from the name)."""
    access = member(request, ws, EDITOR)
    _existing(access.workspace.tom(), initiative)

    def edit(current: Tom) -> Tom:
        return add_milestone(current, initiative, payload.name, payload.due)

    summary = f"added milestone {payload.name!r} to {initiative}"
    saved = save_edit(access.workspace, request, edit, payload.base_revision, "plan", summary)
    return Status(201, _initiative_out(request, ws, initiative, saved))


class MilestoneDoneIn(Schema):
    done: bool = True
    """False opens the milestone again."""
    on: dt.date | None = None
    """The day it was done (default: today)."""
    base_revision: int | None = None


@api.post(
    "/workspaces/{ws}/initiatives/{initiative}/milestones/{milestone}/done",
    response=InitiativeOut,
    tags=["roadmap"],
    openapi_extra=role(EDITOR),
)
def mark_milestone(
    request: HttpRequest, ws: str, initiative: str, milestone: str, payload: MilestoneDoneIn
) -> InitiativeOut:
    """Mark a milestone done (the initiative is then in progress, or done with its last milestone)."""
    access = member(request, ws, EDITOR)
    _existing(access.workspace.tom(), initiative)
    day = today_or_now(payload.on)

    def edit(current: Tom) -> Tom:
        return set_milestone_done(current, initiative, milestone, done=payload.done, on=day)

    summary = f"milestone {milestone} of {initiative} {'done' if payload.done else 'open again'}"
    saved = save_edit(access.workspace, request, edit, payload.base_revision, "plan", summary)
    return _initiative_out(request, ws, initiative, saved)


class ChangeActionIn(Schema):
    """One entry of an initiative's change plan; which fields count depends on `action`:
    `affects` needs `group`, `champion` needs `person`, `communicate` needs `audience` and `message`
    (`channel`, `when` optional), `train` needs `role` and `course` (`when` optional)."""

    action: Literal["affects", "communicate", "train", "champion"]
    group: str = ""
    person: str = ""
    audience: str = ""
    message: str = ""
    channel: str = ""
    when: dt.date | None = None
    role: str = ""
    course: str = ""
    base_revision: int | None = None


@api.post(
    "/workspaces/{ws}/initiatives/{initiative}/change",
    response=InitiativeOut,
    tags=["roadmap"],
    openapi_extra=role(EDITOR),
)
def create_change_action(
    request: HttpRequest, ws: str, initiative: str, payload: ChangeActionIn
) -> InitiativeOut:
    """Add a group affected, a communication, a training or a champion to the change plan."""
    access = member(request, ws, EDITOR)
    _existing(access.workspace.tom(), initiative)
    data = payload.model_dump(mode="json", exclude={"action", "base_revision"})
    fields = {k: v.strip() for k, v in data.items() if isinstance(v, str) and v.strip()}

    def edit(current: Tom) -> Tom:
        return add_change_action(current, initiative, payload.action, fields)

    summary = f"added {payload.action} to the change plan of {initiative}"
    saved = save_edit(access.workspace, request, edit, payload.base_revision, "plan", summary)
    return _initiative_out(request, ws, initiative, saved)
