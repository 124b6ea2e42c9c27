"""Endpoints for the narrative (full story, executive summary, per audience), pinned wording, and the
deliverables as files: what the Story page and the download buttons show, for scripts."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Schema
from ninja.errors import HttpError

from tomkit.render.narrative import Narrative, Ref, Section, Sentence, audiences
from tomkit.web import store
from tomkit.web.api.core import api, member, role
from tomkit.web.models import Role, Version
from tomkit.web.views import downloads
from tomkit.web.views.story_pins import (
    EVERYONE,
    EXECUTIVE,
    FOR,
    PinSection,
    UnpinSection,
    narrative_for,
    pin_key,
)

VIEWER, EDITOR = Role.VIEWER.value, Role.EDITOR.value
Format = Literal["pdf", "pptx", "xlsx", "archimate", "md", "yaml", "json"]


class RefOut(Schema):
    kind: str
    id: str
    state: str | None


class SentenceOut(Schema):
    text: str
    refs: list[RefOut]


class SectionOut(Schema):
    id: str
    title: str
    text: str
    """What a reader sees: the pinned wording if there is one, otherwise the generated text."""
    generated: str
    sentences: list[SentenceOut]
    bullets: list[SentenceOut]
    refs: list[RefOut]
    pinned: str | None
    stale: bool
    digest: str
    """Fingerprint of the generated text; send it back as `seen` when pinning."""


class NarrativeOut(Schema):
    narrative: str
    title: str
    subtitle: str
    today: dt.date
    revision: int
    sections: list[SectionOut]


class AudienceOut(Schema):
    id: str
    name: str
    kind: str


def _refs(refs: tuple[Ref, ...]) -> list[RefOut]:
    return [RefOut(kind=r.kind, id=r.id, state=r.state) for r in refs]


def _section_out(section: Section) -> SectionOut:
    def sentences(items: tuple[Sentence, ...]) -> list[SentenceOut]:
        return [SentenceOut(text=s.text, refs=_refs(s.refs)) for s in items]

    return SectionOut(
        id=section.id, title=section.title, text=section.pinned if section.pinned is not None else section.generated,
        generated=section.generated, sentences=sentences(section.sentences), bullets=sentences(section.bullets),
        refs=_refs(section.refs), pinned=section.pinned, stale=section.stale, digest=section.digest,
    )  # fmt: skip


def _narrative_out(which: str, narrative: Narrative, today: dt.date, revision: int) -> NarrativeOut:
    return NarrativeOut(
        narrative=which, title=narrative.title, subtitle=narrative.subtitle, today=today, revision=revision,
        sections=[_section_out(s) for s in narrative.sections],
    )  # fmt: skip


def _narrative(request: HttpRequest, ws: str, which: str, today: dt.date | None) -> NarrativeOut:
    access = member(request, ws, VIEWER)
    day = today or timezone.localdate()
    try:
        narrative = narrative_for(access.workspace.tom(), which, day)
    except KeyError as exc:
        raise Http404(str(exc.args[0])) from None
    return _narrative_out(which, narrative, day, access.workspace.revision)


@api.get("/workspaces/{ws}/narrative", response=NarrativeOut, tags=["story"], openapi_extra=role(VIEWER))
def get_story(request: HttpRequest, ws: str, today: dt.date | None = None) -> NarrativeOut:
    """The full story, section by section, each with its references and any pinned wording."""
    return _narrative(request, ws, EVERYONE, today)


@api.get(
    "/workspaces/{ws}/narrative/executive", response=NarrativeOut, tags=["story"], openapi_extra=role(VIEWER)
)
def get_executive_summary(request: HttpRequest, ws: str, today: dt.date | None = None) -> NarrativeOut:
    return _narrative(request, ws, EXECUTIVE, today)


@api.get(
    "/workspaces/{ws}/narrative/audiences",
    response=list[AudienceOut],
    tags=["story"],
    openapi_extra=role(VIEWER),
)
def list_audiences(request: HttpRequest, ws: str) -> list[AudienceOut]:
    """Every team, role and stakeholder group with a "what changes for" page."""
    tom = member(request, ws, VIEWER).workspace.tom()
    return [AudienceOut(id=a.id, name=a.name, kind=a.kind) for a in audiences(tom)]


@api.get(
    "/workspaces/{ws}/narrative/for/{element}",
    response=NarrativeOut,
    tags=["story"],
    openapi_extra=role(VIEWER),
)
def get_audience_page(
    request: HttpRequest, ws: str, element: str, today: dt.date | None = None
) -> NarrativeOut:
    """What changes for one team, role or stakeholder group (`element` is its id)."""
    return _narrative(request, ws, FOR + element, today)


class PinIn(Schema):
    narrative: str = EVERYONE
    """`everyone` (the full story), `executive`, or `for:<audience id>`."""
    section: str
    text: str
    seen: str = ""
    """The section's `digest` when you read it: the pin is refused if the generated text moved on since."""
    base_revision: int | None = None
    today: dt.date | None = None


class UnpinIn(Schema):
    narrative: str = EVERYONE
    section: str
    base_revision: int | None = None
    today: dt.date | None = None


class PinOut(Schema):
    revision: int
    summary: str
    changed: bool
    section: SectionOut


def _after(request: HttpRequest, ws: str, which: str, section_id: str, day: dt.date, summary: str) -> PinOut:
    access = member(request, ws, VIEWER)
    section = narrative_for(access.workspace.tom(), which, day).section(section_id)
    return PinOut(
        revision=access.workspace.revision,
        summary=summary,
        changed=bool(summary),
        section=_section_out(section),
    )


@api.post("/workspaces/{ws}/narrative/pins", response=PinOut, tags=["story"], openapi_extra=role(EDITOR))
def pin(request: HttpRequest, ws: str, payload: PinIn) -> PinOut:
    """Pin your own wording for a section: an edit of the draft (audited; 409 on a conflicting edit)."""
    access = member(request, ws, EDITOR)
    day = payload.today or timezone.localdate()
    by = request.user.get_username() if request.user.is_authenticated else None
    edit = PinSection(
        narrative=payload.narrative,
        section=payload.section,
        text=payload.text,
        today=day,
        seen=payload.seen,
        by=by,
    )
    _, event = store.apply_operation(access.workspace.pk, request.user, edit, payload.base_revision)
    return _after(request, ws, payload.narrative, payload.section, day, event.summary)


@api.post("/workspaces/{ws}/narrative/unpin", response=PinOut, tags=["story"], openapi_extra=role(EDITOR))
def unpin(request: HttpRequest, ws: str, payload: UnpinIn) -> PinOut:
    """Go back to the generated text for a section; unpinning a section without a pin changes nothing."""
    access = member(request, ws, EDITOR)
    day = payload.today or timezone.localdate()
    try:
        narrative_for(access.workspace.tom(), payload.narrative, day).section(payload.section)
    except KeyError as exc:
        raise HttpError(400, str(exc.args[0])) from None
    if pin_key(payload.narrative, payload.section) not in access.workspace.tom().narrative:
        return _after(request, ws, payload.narrative, payload.section, day, "")
    edit = UnpinSection(narrative=payload.narrative, section=payload.section, today=day)
    _, event = store.apply_operation(access.workspace.pk, request.user, edit, payload.base_revision)
    return _after(request, ws, payload.narrative, payload.section, day, event.summary)


@api.get("/workspaces/{ws}/downloads/{fmt}", tags=["story"], openapi_extra=role(VIEWER))
def download(request: HttpRequest, ws: str, fmt: Format, today: dt.date | None = None) -> HttpResponse:
    """The working draft as a PDF report, PPTX deck, XLSX workbook, ArchiMate XML, Markdown, YAML or JSON."""
    workspace = member(request, ws, VIEWER).workspace
    name = downloads.filename(workspace.slug, "draft", fmt)
    return downloads.deliver(workspace.tom(), workspace.content_key, fmt, today or timezone.localdate(), name)


@api.get("/workspaces/{ws}/versions/{number}/downloads/{fmt}", tags=["story"], openapi_extra=role(VIEWER))
def version_download(
    request: HttpRequest, ws: str, number: int, fmt: Format, today: dt.date | None = None
) -> HttpResponse:
    """A named version's snapshot as one of the deliverables."""
    access = member(request, ws, VIEWER)
    version = get_object_or_404(Version, workspace=access.workspace, number=number)
    name = downloads.filename(access.workspace.slug, f"v{number}", fmt)
    return downloads.deliver(version.tom(), version.content_key, fmt, today or timezone.localdate(), name)
