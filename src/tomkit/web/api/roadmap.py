"""Endpoints for the Roadmap and Journey pages: the scheduled plan, progress, suggestions, pictures, and
the plan's quick edits (initiatives, dependencies, milestones, change actions).

Reads are the engines' results (tomkit.analysis.roadmap, .progress, .suggest); writes are the pure edit
functions of tomkit.analysis.plan_edits saved through `drafts.save_edit`, like the pages' forms.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Schema, Status
from ninja.errors import HttpError

from tomkit.analysis.gaps import gaps
from tomkit.analysis.periods import PeriodUnit
from tomkit.analysis.plan_edits import (
    add_change_action,
    add_milestone,
    initiative_for_gap,
    save_initiative,
    set_dependency,
    set_milestone_done,
)
from tomkit.analysis.progress import MilestoneProgress, next_steps, progress
from tomkit.analysis.roadmap import Roadmap, plan
from tomkit.analysis.suggest import suggest
from tomkit.model import Rating, Size, Tom, slugify
from tomkit.render.change_load import change_load_svg
from tomkit.render.errors import RenderError
from tomkit.render.journey import journey_svg
from tomkit.render.matrix import matrix_svg
from tomkit.render.roadmap import roadmap_svg
from tomkit.web.api.core import api, member, role
from tomkit.web.api.drafts import ImageFormat, SavedOut, picture_response, save_edit
from tomkit.web.models import Role

VIEWER, EDITOR = Role.VIEWER.value, Role.EDITOR.value
StatusName = Literal["proposed", "planned", "in-progress", "on-hold", "done", "cancelled"]
PictureName = Literal["roadmap", "matrix", "load", "journey"]


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


# --- reads --------------------------------------------------------------------------------------


class WaveOut(Schema):
    number: int
    start: dt.date
    end: dt.date
    initiatives: list[str]
    plateau: str


class PlannedOut(Schema):
    id: str
    name: str
    owner: str | None
    team: str | None
    status: str
    progress: int
    wave: int
    start: dt.date
    end: dt.date
    """The last day of the work (inclusive)."""
    quick_win: bool
    critical: bool
    value: float
    effort: float
    risk: float
    quadrant: str
    depends_on: list[str]
    why: list[str]
    """Why it starts when it does, most decisive reason last."""


class IssueOut(Schema):
    code: str
    severity: str
    message: str
    initiatives: list[str]


class RoadmapOut(Schema):
    """`Roadmap.to_data()` (what `tomkit plan --format json` prints) plus the draft revision it was made from."""

    name: str
    today: dt.date
    period: str
    ok: bool
    waves: list[WaveOut]
    initiatives: list[PlannedOut]
    critical_path: list[str]
    unscheduled: dict[str, str]
    issues: list[IssueOut]
    capacity: dict[str, int]
    revision: int


@api.get("/workspaces/{ws}/roadmap", response=RoadmapOut, tags=["roadmap"], openapi_extra=role(VIEWER))
def get_roadmap(
    request: HttpRequest, ws: str, today: dt.date | None = None, period: PeriodUnit = "weeks"
) -> RoadmapOut:
    """The initiatives scored and scheduled into waves from `today`, with the reasons for every start
    date, the critical path and the plan's problems."""
    access = member(request, ws, VIEWER)
    roadmap = plan(access.workspace.tom(), today=_today(today), period=period)
    return RoadmapOut.model_validate({**roadmap.to_data(), "revision": access.workspace.revision})


class OpenGapOut(Schema):
    element_id: str
    name: str
    kind: str
    dimension: str
    change: str


@api.get(
    "/workspaces/{ws}/roadmap/open-gaps",
    response=list[OpenGapOut],
    tags=["roadmap"],
    openapi_extra=role(VIEWER),
)
def list_open_gaps(request: HttpRequest, ws: str) -> list[OpenGapOut]:
    """The gaps between the as-is and the to-be that no initiative closes yet (the page's "open gaps")."""
    tom = member(request, ws, VIEWER).workspace.tom()
    if len(tom.states) < 2:
        return []
    return [
        OpenGapOut(
            element_id=g.element_id,
            name=g.name,
            kind=g.kind,
            dimension=g.dimension.value,
            change=g.change.value,
        )
        for g in gaps(tom).unclosed()
    ]


class SuggestionOut(Schema):
    id: str
    name: str
    owner: str | None
    team: str | None
    effort: str | None
    depends_on: list[str]
    gaps: list[str]
    """The unclosed gaps it would close."""
    why: str
    initiative: dict[str, Any]
    """The proposed initiative as TOM data, ready to add to the document."""


@api.get(
    "/workspaces/{ws}/roadmap/suggestions",
    response=list[SuggestionOut],
    tags=["roadmap"],
    openapi_extra=role(VIEWER),
)
def list_suggestions(request: HttpRequest, ws: str) -> list[SuggestionOut]:
    """One proposed initiative per dimension and owner of the unclosed gaps, foundations first."""
    tom = member(request, ws, VIEWER).workspace.tom()
    if len(tom.states) < 2:
        return []
    out = []
    for s in suggest(tom):
        i = s.initiative
        out.append(
            SuggestionOut(
                id=i.id,
                name=i.name,
                owner=i.owner,
                team=i.team,
                effort=i.effort.value if i.effort else None,
                depends_on=list(i.depends_on),
                gaps=list(s.gaps),
                why=s.why,
                initiative=i.model_dump(mode="json", exclude_defaults=True),
            )
        )
    return out


class MilestoneOut(Schema):
    initiative: str
    id: str
    name: str
    due: dt.date | None
    done: bool
    done_on: dt.date | None
    overdue: bool


class InitiativeProgressOut(Schema):
    id: str
    name: str
    status: str
    percent: float
    basis: str
    """What the percentage rests on (milestones, reported progress, status)."""
    wave: int | None
    weeks: int
    planned_start: dt.date | None
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None
    start_slip_days: int | None
    end_slip_days: int | None
    late: bool
    milestones: list[MilestoneOut]


class WaveProgressOut(Schema):
    number: int
    start: dt.date
    end: dt.date
    percent: float
    initiatives: int
    done: int


class ProgressOut(Schema):
    today: dt.date
    summary: str
    """The status-slide line: 'wave 1 of 2, 19 % done, next milestone in 3 weeks (…)'."""
    percent: float
    wave: int
    """The wave running today (0: not started; number of waves + 1: all over)."""
    waves: list[WaveProgressOut]
    initiatives: list[InitiativeProgressOut]
    next_milestone: MilestoneOut | None
    revision: int


def _milestone(m: MilestoneProgress | None) -> MilestoneOut | None:
    return None if m is None else MilestoneOut.model_validate(m, from_attributes=True)


@api.get("/workspaces/{ws}/progress", response=ProgressOut, tags=["roadmap"], openapi_extra=role(VIEWER))
def get_progress(request: HttpRequest, ws: str, today: dt.date | None = None) -> ProgressOut:
    """Progress of the journey on `today`: the whole plan, each wave and each initiative, weighted by
    the length of the work."""
    access = member(request, ws, VIEWER)
    day = _today(today)
    state = progress(access.workspace.tom(), today=day)
    return ProgressOut(
        today=state.today,
        summary=state.summary,
        percent=state.percent,
        wave=state.wave,
        waves=[WaveProgressOut.model_validate(w, from_attributes=True) for w in state.waves],
        initiatives=[
            InitiativeProgressOut.model_validate(
                {
                    **{f: getattr(i, f) for f in InitiativeProgressOut.model_fields if f != "milestones"},
                    "milestones": [_milestone(m) for m in i.milestones],
                }
            )
            for i in state.initiatives
        ],
        next_milestone=_milestone(state.next_milestone),
        revision=access.workspace.revision,
    )


class NextStepOut(Schema):
    who: str
    name: str
    percent: float
    working_on: list[str]
    coming_up: list[str]
    next_milestone: MilestoneOut | None
    text: str


@api.get("/workspaces/{ws}/progress/next", response=NextStepOut, tags=["roadmap"], openapi_extra=role(VIEWER))
def get_next_step(request: HttpRequest, ws: str, who: str, today: dt.date | None = None) -> NextStepOut:
    """What is next for a person (owner or champion) or a team (carrying or affected by the change)."""
    tom = member(request, ws, VIEWER).workspace.tom()
    state = progress(tom, today=_today(today))
    try:
        step = next_steps(tom, state, who)
    except KeyError as exc:
        raise HttpError(400, str(exc.args[0])) from None
    return NextStepOut(
        who=step.who,
        name=step.name,
        percent=step.percent,
        working_on=list(step.working_on),
        coming_up=list(step.coming_up),
        next_milestone=_milestone(step.next_milestone),
        text=step.text,
    )


def _draw(tom: Tom, roadmap: Roadmap, name: PictureName, today: dt.date) -> str:
    if name == "matrix":
        return matrix_svg(roadmap)
    if name == "load":
        return change_load_svg(roadmap)
    if name == "journey":
        return journey_svg(roadmap, progress(tom, roadmap, today=today), tom)
    return roadmap_svg(roadmap, tom, today=today)


@api.get("/workspaces/{ws}/roadmap/picture", tags=["roadmap"], openapi_extra=role(VIEWER))
def get_roadmap_picture(
    request: HttpRequest,
    ws: str,
    name: PictureName = "roadmap",
    format: ImageFormat = "svg",
    today: dt.date | None = None,
) -> HttpResponse:
    """The Gantt (`roadmap`), value/effort `matrix`, change `load` per team or `journey` flight profile,
    as SVG or PNG: the pages' download links."""
    access = member(request, ws, VIEWER)
    tom = access.workspace.tom()
    day = _today(today)
    try:
        svg = _draw(tom, plan(tom, today=day), name, day)
    except RenderError as exc:
        raise HttpError(400, f"nothing to draw: {exc}") from None
    return picture_response(svg, format, f"{access.workspace.slug}-{name}")


# --- writes -------------------------------------------------------------------------------------


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
    day = _today(payload.on)

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
