"""Endpoints for the Roadmap and Journey pages: the scheduled plan, progress, suggestions and pictures,
all the engines' results (tomkit.analysis.roadmap, .progress, .suggest). The plan's edits are in
`plan_edits.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Schema
from ninja.errors import HttpError

from tomkit.analysis.gaps import gaps
from tomkit.analysis.periods import PeriodUnit
from tomkit.analysis.progress import MilestoneProgress, next_steps, progress
from tomkit.analysis.roadmap import Roadmap, plan
from tomkit.analysis.suggest import suggest
from tomkit.model import Tom
from tomkit.render.change_load import change_load_svg
from tomkit.render.errors import RenderError
from tomkit.render.journey import journey_svg
from tomkit.render.matrix import matrix_svg
from tomkit.render.roadmap import roadmap_svg
from tomkit.web.api.core import api, member, role
from tomkit.web.api.drafts import ImageFormat, picture_response
from tomkit.web.models import Role

VIEWER, EDITOR = Role.VIEWER.value, Role.EDITOR.value
StatusName = Literal["proposed", "planned", "in-progress", "on-hold", "done", "cancelled"]
PictureName = Literal["roadmap", "matrix", "load", "journey"]


def today_or_now(today: dt.date | None) -> dt.date:
    """The date a request asks about, or today in the site's time zone."""
    return today or timezone.localdate()


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
    roadmap = plan(access.workspace.tom(), today=today_or_now(today), period=period)
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
    day = today_or_now(today)
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
    state = progress(tom, today=today_or_now(today))
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
    day = today_or_now(today)
    try:
        svg = _draw(tom, plan(tom, today=day), name, day)
    except RenderError as exc:
        raise HttpError(400, f"nothing to draw: {exc}") from None
    return picture_response(svg, format, f"{access.workspace.slug}-{name}")
