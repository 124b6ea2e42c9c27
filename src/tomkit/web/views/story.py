"""The Story page: the TOM's narrative, its executive summary and a "what changes for…" page per audience.

The wording comes from tomkit.render.narrative; these views turn every sentence's references into links
to the pages that show what it speaks of, and let editors pin their own wording for a section.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from tomkit.model import Tom
from tomkit.model.operations import OperationError
from tomkit.render.narrative import Audience, Narrative, Ref, Section, Sentence, audiences
from tomkit.web import store
from tomkit.web.access import WorkspaceAccess, workspace_view
from tomkit.web.models import Role
from tomkit.web.views.common import page
from tomkit.web.views.roadmap import today_for
from tomkit.web.views.story_pins import (
    EVERYONE,
    EXECUTIVE,
    FOR,
    PinSection,
    UnpinSection,
    narrative_for,
    pin_key,
)

TEMPLATE, ANSWER = "tomkit/ws/story.html", "tomkit/ws/_story_answer.html"
KIND_LABELS = {"team": "Teams", "role": "Roles", "stakeholder-group": "Stakeholder groups"}


class Linker:
    """Where each kind of reference is shown, and what it is called, for one workspace and draft.

    Elements, risks and states have pages; gaps, initiatives, milestones and waves are rows of list
    pages (linked with an anchor); outcomes, KPIs and people are listed at the foot of the Story page.
    """

    def __init__(self, slug: str, tom: Tom) -> None:
        self.slug, self.tom = slug, tom
        self.story = reverse("story:index", kwargs={"ws": slug})

    def url(self, name: str, **kwargs: str) -> str:
        return reverse(name, kwargs={"ws": self.slug, **kwargs})

    def _element_state(self, ref: Ref) -> str | None:
        if ref.state and ref.state in self.tom.states and self.tom.states[ref.state].element(ref.id):
            return ref.state
        for name in reversed(self.tom.state_names):
            if self.tom.states[name].element(ref.id) is not None:
                return name
        return None

    def href(self, ref: Ref) -> str:
        if ref.kind in ("element", "risk"):
            state = self._element_state(ref)
            if state is not None:
                return self.url("ws_element", state=state, element=ref.id)
            return self.url("ws_design")
        if ref.kind == "gap":
            query = urlencode(
                {"from": self.tom.baseline_name or "", "to": ref.state or self.tom.target_name or ""}
            )
            return f"{self.url('ws_gaps')}?{query}#gap-list"
        if ref.kind == "state":
            return f"{self.url('ws_design')}?{urlencode({'state': ref.id})}"
        if ref.kind in ("initiative", "milestone"):
            return f"{self.url('roadmap:index')}#schedule"
        if ref.kind == "wave":
            return f"{self.url('roadmap:journey')}#waves"
        return f"{self.story}#{ref.kind}-{ref.id}"  # outcome, kpi, person

    def label(self, ref: Ref) -> str:
        tom = self.tom
        if ref.kind in ("element", "risk", "gap"):
            for name in reversed(tom.state_names):
                element = tom.states[name].element(ref.id)
                if element is not None:
                    return element.name
        elif ref.kind == "state" and ref.id in tom.states:
            return tom.states[ref.id].label or ref.id
        elif ref.kind == "kpi" and (kpi := tom.kpi(ref.id)) is not None:
            return kpi.name
        elif ref.kind == "initiative" and (initiative := tom.initiative(ref.id)) is not None:
            return initiative.name
        elif ref.kind == "person" and (person := tom.person(ref.id)) is not None:
            return person.name
        elif ref.kind == "outcome":
            return next((o.statement for o in tom.outcomes if o.id == ref.id), ref.id)
        elif ref.kind == "milestone":
            names = [m.name for i in tom.initiatives for m in i.milestones if m.id == ref.id]
            return names[0] if names else ref.id
        elif ref.kind == "wave":
            return f"wave {ref.id}"
        return ref.id

    def sentence(self, sentence: Sentence) -> SafeString:
        """The sentence with each reference's name linked where it appears (in any case); references the
        text does not name follow it in brackets, grouped by kind."""
        text, folded = sentence.text, sentence.text.casefold()
        spans: list[tuple[int, int, Ref]] = []
        rest: dict[str, list[Ref]] = {}
        for ref in sentence.refs:
            label = self.label(ref).casefold()
            start = folded.find(label) if len(label) > 2 else -1
            while start >= 0 and any(a < start + len(label) and start < b for a, b, _ in spans):
                start = folded.find(label, start + 1)
            if start < 0:
                rest.setdefault(ref.kind, []).append(ref)
            else:
                spans.append((start, start + len(label), ref))
        out, at = [], 0
        for start, end, ref in sorted(spans, key=lambda s: s[0]):
            out += [escape(text[at:start]), self._link(ref, text[start:end])]
            at = end
        out.append(escape(text[at:]))
        if rest:
            groups = []
            for kind, refs in rest.items():
                links = mark_safe(", ".join(str(self._link(r, self.label(r))) for r in refs[:8]))
                more = f" and {len(refs) - 8} more" if len(refs) > 8 else ""
                groups.append(format_html("{}: {}{}", KIND_NAMES.get(kind, kind), links, more))
            out.append(format_html(' <span class="refs">({})</span>', mark_safe("; ".join(groups))))
        return mark_safe("".join(str(part) for part in out))

    def _link(self, ref: Ref, text: str) -> SafeString:
        return format_html('<a href="{}" class="ref ref-{}">{}</a>', self.href(ref), ref.kind, text)


KIND_NAMES = {"outcome": "outcome", "kpi": "KPI", "gap": "gap", "element": "see", "risk": "risk"}


SEE_ALSO = {
    "why": ("#kpis", "outcomes and KPIs"),
    "to-be": ("ws_canvas", "the target canvas"),
    "changes": ("ws_gaps", "the gap list"),
    "scale": ("ws_gaps", "the gap list"),
    "journey": ("roadmap:journey", "the journey"),
    "risks": ("roadmap:index", "the roadmap"),
    "next": ("roadmap:index", "the roadmap"),
    "asks": ("roadmap:index", "the open gaps on the roadmap"),
    "plan": ("roadmap:index", "the roadmap"),
}
"""Each section's page for the claims its sentences make without naming one thing (counts, dates)."""


@dataclass(frozen=True)
class SectionView:
    """A section as the page shows it: linked sentences, and the pin (if any) with who made it."""

    narrative: str
    section: Section
    sentences: list[SafeString]
    bullets: list[SafeString]
    pinned_by: str | None
    pinned_on: dt.date | None
    see_also: tuple[str, str] | None

    @property
    def id(self) -> str:
        return self.section.id

    @property
    def anchor(self) -> str:
        return f"section-{self.section.id}"

    @property
    def pinned_paragraphs(self) -> list[tuple[str, list[str]]]:
        """The pinned text as paragraphs, lines starting with `- ` as a bullet list under the paragraph."""
        out: list[tuple[str, list[str]]] = []
        for block in (self.section.pinned or "").replace("\r\n", "\n").split("\n\n"):
            lines = [line.strip() for line in block.split("\n") if line.strip()]
            prose = " ".join(line for line in lines if not line.startswith("- "))
            out.append((prose, [line[2:] for line in lines if line.startswith("- ")]))
        return out


def section_views(access: WorkspaceAccess, tom: Tom, narrative: Narrative, which: str) -> list[SectionView]:
    linker = Linker(access.workspace.slug, tom)
    views = []
    for section in narrative.sections:
        pin = tom.narrative.get(pin_key(which, section.id)) if section.pinned is not None else None
        see = SEE_ALSO.get(section.id)
        if see is not None:
            target, label = see
            href = f"{linker.story}{target}" if target.startswith("#") else linker.url(target)
            see = (href, label)
        views.append(
            SectionView(
                narrative=which,
                section=section,
                sentences=[linker.sentence(s) for s in section.sentences],
                bullets=[linker.sentence(b) for b in section.bullets],
                pinned_by=pin.pinned_by if pin else None,
                pinned_on=pin.pinned_on if pin else None,
                see_also=see,
            )
        )
    return views


def audience_groups(tom: Tom) -> dict[str, list[Audience]]:
    """Teams, roles and stakeholder groups, under a heading each, for the selector and the list."""
    groups: dict[str, list[Audience]] = {}
    for audience in audiences(tom):
        groups.setdefault(KIND_LABELS.get(audience.kind, audience.kind), []).append(audience)
    return groups


def _story_context(access: WorkspaceAccess, tom: Tom, which: str, today: dt.date) -> dict[str, Any]:
    """What the page and its fragments show; KeyError for an audience the model does not have."""
    narrative = narrative_for(tom, which, today)
    return {
        "narrative": narrative,
        "which": which,
        "sections": section_views(access, tom, narrative, which),
        "audience_groups": audience_groups(tom),
        "today": today,
        "revision": access.workspace.revision,
        "stale_count": sum(1 for s in narrative.sections if s.stale),
        "pinned_count": sum(1 for s in narrative.sections if s.pinned is not None),
    }


def _story_page(
    request: HttpRequest, access: WorkspaceAccess, which: str, tab: str, extra: dict[str, Any] | None = None
) -> HttpResponse:
    context = _story_context(access, access.workspace.tom(), which, today_for(request))
    return page(request, access, TEMPLATE, {**context, "tab": tab, **(extra or {})}, active="story")


@workspace_view(Role.VIEWER)
def index(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """The full story, with the outcomes, KPIs and people it names listed at the foot."""
    tom = access.workspace.tom()
    people = {p.id: p.name for p in tom.people}
    kpis = [
        {"kpi": k, "owner": people.get(k.owner or "", k.owner or ""), "latest": k.latest()} for k in tom.kpis
    ]
    return _story_page(request, access, EVERYONE, "story", {"kpi_rows": kpis, "outcomes": tom.outcomes})


@workspace_view(Role.VIEWER)
def executive(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    return _story_page(request, access, EXECUTIVE, "executive")


@workspace_view(Role.VIEWER)
def audience_list(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Every team, role and stakeholder group; `?audience=<id>` (the selector) goes to its page."""
    chosen = request.GET.get("audience", "")
    if chosen:
        try:
            return redirect("story:audience", ws=access.workspace.slug, element=chosen)
        except NoReverseMatch:
            messages.error(request, f"No team, role or stakeholder group {chosen!r}.")
    groups = audience_groups(access.workspace.tom())
    return page(
        request,
        access,
        "tomkit/ws/story_audiences.html",
        {"audience_groups": groups, "tab": "for"},
        active="story",
    )


@workspace_view(Role.VIEWER)
def audience(request: HttpRequest, access: WorkspaceAccess, element: str) -> HttpResponse:
    try:
        return _story_page(request, access, FOR + element, "for", {"audience_id": element})
    except KeyError as exc:
        messages.error(request, str(exc.args[0]))
        return redirect("story:audiences", ws=access.workspace.slug)


def _page_url(slug: str, which: str) -> str:
    if which == EXECUTIVE:
        return reverse("story:executive", kwargs={"ws": slug})
    if which.startswith(FOR):
        return reverse("story:audience", kwargs={"ws": slug, "element": which[len(FOR) :]})
    return reverse("story:index", kwargs={"ws": slug})


def _answer(
    request: HttpRequest, access: WorkspaceAccess, which: str, section_id: str, error: str = ""
) -> HttpResponse:
    """htmx: the section again (with the error, if any) and the page's contents and stale banner brought
    up to date; a plain form post: back to the page."""
    if getattr(request, "htmx", False):
        try:
            context = _story_context(access, access.workspace.tom(), which, today_for(request))
            view = next(v for v in context["sections"] if v.id == section_id)
        except (KeyError, StopIteration):
            return HttpResponse(
                f"no section {section_id!r} in {which!r}", status=400, content_type="text/plain"
            )
        # 200 even for a refusal: htmx swaps only successful answers, and the section shows the reason.
        return page(request, access, TEMPLATE, {**context, "s": view, "error": error}, partial=ANSWER)
    if error:
        messages.error(request, f"Not saved: {error}")
    query = f"?{urlencode({'today': request.POST['today']})}" if request.POST.get("today") else ""
    return redirect(f"{_page_url(access.workspace.slug, which)}{query}#section-{section_id}")


def _edit(request: HttpRequest, access: WorkspaceAccess, pin: bool) -> HttpResponse:
    post = request.POST
    which, section_id = post.get("narrative", EVERYONE), post.get("section", "")
    if not section_id:
        messages.error(request, "Not saved: say which section to pin.")
        return redirect(_page_url(access.workspace.slug, which))
    base = int(post["base"]) if post.get("base", "").isdigit() else None
    today = today_for(request)
    edit: PinSection | UnpinSection
    if pin:
        by = request.user.get_username() if request.user.is_authenticated else None
        edit = PinSection(
            narrative=which,
            section=section_id,
            text=post.get("text", ""),
            today=today,
            seen=post.get("seen", ""),
            by=by,
        )
    else:
        edit = UnpinSection(narrative=which, section=section_id, today=today)
    try:
        _, event = store.apply_operation(access.workspace.pk, request.user, edit, base)
    except store.EditConflict as conflict:
        return _answer(
            request,
            access,
            which,
            section_id,
            f"someone changed this section since you opened the page ({conflict})",
        )
    except OperationError as exc:
        return _answer(request, access, which, section_id, "; ".join(exc.problems))
    access.workspace.refresh_from_db()
    if not getattr(request, "htmx", False):
        messages.success(request, event.summary[:1].upper() + event.summary[1:] + ".")
    return _answer(request, access, which, section_id)


@workspace_view(Role.EDITOR, methods=("POST",))
def pin(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Pin your own wording for a section (`narrative`, `section`, `text`, `seen`, `base`)."""
    return _edit(request, access, pin=True)


@workspace_view(Role.EDITOR, methods=("POST",))
def unpin(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Go back to the generated text for a section (`narrative`, `section`, `base`)."""
    return _edit(request, access, pin=False)
