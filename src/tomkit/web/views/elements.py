"""Design: browse a state dimension by dimension, and add, edit, copy and remove its elements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse

from tomkit.model import BUILTIN_KINDS, Dimension, Element, Tom
from tomkit.model.operations import (
    AddElement,
    CopyElement,
    Operation,
    OperationError,
    RemoveElement,
    UpdateElement,
    element_changes,
)
from tomkit.web import store
from tomkit.web.access import WorkspaceAccess, workspace_view
from tomkit.web.forms import add_problems, element_data, element_form, kind_choices
from tomkit.web.models import Anchor, Comment, Role
from tomkit.web.views.common import page


def _state_or_404(tom: Tom, state: str) -> None:
    if state not in tom.states:
        raise Http404(f"no state {state!r}")


def _element_or_404(tom: Tom, state: str, element_id: str) -> Element:
    _state_or_404(tom, state)
    element = tom.states[state].element(element_id)
    if element is None:
        raise Http404(f"no element {element_id!r} in {state}")
    return element


def _answers(access: WorkspaceAccess, raw: str | None) -> Comment | None:
    """The comment a change answers, if the form names one of this workspace's comments."""
    if not raw or not raw.isdigit():
        return None
    return Comment.objects.filter(workspace=access.workspace, pk=int(raw)).first()


DIMENSION_PAGE = 60
"""Rows per page of each dimension on the Design page."""


@dataclass(frozen=True)
class DimensionPage:
    """One dimension's page of rows, and links to its other pages that keep the rest of the query."""

    dimension: Dimension
    page: Page[Element]
    first: str | None
    previous: str | None
    next: str | None
    last: str | None

    @property
    def total(self) -> str:
        return f"{self.page.paginator.count:,}"

    @property
    def start(self) -> str:
        return f"{self.page.start_index():,}"

    @property
    def end(self) -> str:
        return f"{self.page.end_index():,}"

    @property
    def paged(self) -> bool:
        return self.page.paginator.num_pages > 1

    @property
    def links(self) -> list[tuple[str, str | None]]:
        """The pager's links in order; None where that page is the one shown."""
        return [
            ("« First", self.first),
            ("‹ Previous", self.previous),
            ("Next ›", self.next),
            ("Last »", self.last),
        ]


def page_parameter(dimension: Dimension) -> str:
    """Each dimension pages on its own, so a bookmarked URL keeps every dimension where it was."""
    return f"page-{dimension.value}"


def _clamped_page(paginator: Paginator[Element], raw: str | None) -> Page[Element]:
    """The page asked for, page 1 for junk or numbers below 1, the last page for numbers past the end."""
    try:
        return paginator.page(paginator.validate_number(raw or 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(1 if int(raw or 1) < 1 else paginator.num_pages)


def _dimension_page(
    path: str, params: QueryDict, dimension: Dimension, elements: list[Element]
) -> DimensionPage:
    key = page_parameter(dimension)
    current = _clamped_page(Paginator(elements, DIMENSION_PAGE), params.get(key))

    def link(number: int) -> str | None:
        if number == current.number:
            return None
        query = params.copy()
        query.pop(key, None)
        if number > 1:
            query[key] = str(number)
        return f"{path}?{query.urlencode()}"

    last = current.paginator.num_pages
    return DimensionPage(
        dimension=dimension,
        page=current,
        first=link(1),
        previous=link(current.previous_page_number()) if current.has_previous() else None,
        next=link(current.next_page_number()) if current.has_next() else None,
        last=link(last),
    )


@workspace_view(Role.VIEWER)
def design(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    tom = access.workspace.tom()
    state = request.GET.get("state") or tom.baseline_name or ""
    if tom.states and state not in tom.states:
        raise Http404(f"no state {state!r}")
    wanted = request.GET.get("dimension", "")
    query = request.GET.get("q", "").strip().lower()
    htmx = getattr(request, "htmx", None)
    # A pager link swaps its own section: only that dimension is built. A history restore needs the page.
    restoring = bool(htmx and htmx.history_restore_request)
    dimensions = [d for d in Dimension if not wanted or d.value == wanted]
    target = htmx.target if htmx and not restoring else None
    section = next((d for d in dimensions if target == f"dim-{d.value}"), None)
    if section is not None:
        dimensions = [section]
    groups: list[DimensionPage] = []
    if state:
        matching: dict[Dimension, list[Element]] = {d: [] for d in dimensions}
        for element in tom.states[state].elements:
            rows = matching.get(element.get_dimension())
            if rows is not None and (not query or query in element.name.lower() or query in element.id):
                rows.append(element)
        params = request.GET.copy()
        params["state"] = state
        groups = [_dimension_page(request.path, params, d, matching[d]) for d in dimensions]
    context: dict[str, Any] = {
        "state": state,
        "groups": groups,
        "dimensions": list(Dimension),
        "dimension": wanted,
        "q": request.GET.get("q", ""),
        "kinds": kind_choices(),
    }
    if section is not None and groups:
        context["group"] = groups[0]
        partial: str | None = "tomkit/ws/_dimension.html"
    else:
        partial = None if restoring else "tomkit/ws/_elements.html"
    return page(request, access, "tomkit/ws/design.html", context, partial=partial, active="design")


@workspace_view(Role.VIEWER)
def element_detail(request: HttpRequest, access: WorkspaceAccess, state: str, element: str) -> HttpResponse:
    tom = access.workspace.tom()
    item = _element_or_404(tom, state, element)
    st = tom.states[state]
    outgoing = [r for r in st.relations if r.source == element]
    incoming = [r for r in st.relations if r.target == element]
    target = request.GET.get("target", "")
    from tomkit.model.operations import relation_types_between

    context = {
        "state": state,
        "element": item,
        "attributes": _attribute_rows(item),
        "outgoing": outgoing,
        "incoming": incoming,
        "others": [e for e in st.elements if e.id != element],
        "target": target,
        "types": relation_types_between(tom, state, element, target) if target else [],
        "elsewhere": [(n, s.element(element) is not None) for n, s in tom.states.items() if n != state],
        "threads": Comment.objects.filter(
            workspace=access.workspace, anchor_type=Anchor.ELEMENT, anchor=element, parent=None
        ).select_related("author"),
        "anchor_type": Anchor.ELEMENT,
        "anchor": element,
    }
    return page(request, access, "tomkit/ws/element.html", context, active="design")


def _attribute_rows(element: Element) -> list[tuple[str, Any]]:
    data = element.attributes()
    return [(k, v) for k, v in data.items() if k not in ("kind", "id", "name", "properties")] + [
        (f"property: {k}", v) for k, v in element.properties.items()
    ]


@workspace_view(Role.EDITOR, methods=("GET", "POST"))
def element_new(request: HttpRequest, access: WorkspaceAccess, state: str) -> HttpResponse:
    tom = access.workspace.tom()
    _state_or_404(tom, state)
    kind = (request.POST.get("kind") or request.GET.get("kind") or "").strip()
    if not kind:
        return redirect(reverse("ws_design", kwargs={"ws": access.workspace.slug}) + f"?state={state}")
    form = element_form(kind, tom, adding=True, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        op = AddElement(state=state, element=element_data(kind, form.cleaned_data))
        result = _apply(request, access, form, op, None, _answers(access, request.POST.get("answers")))
        if result is not None:
            return redirect("ws_element", ws=access.workspace.slug, state=state, element=op.element["id"])
    context = {"form": form, "state": state, "kind": kind, "custom": kind not in BUILTIN_KINDS}
    return page(request, access, "tomkit/ws/element_form.html", context, active="design")


@workspace_view(Role.EDITOR, methods=("GET", "POST"))
def element_edit(request: HttpRequest, access: WorkspaceAccess, state: str, element: str) -> HttpResponse:
    tom = access.workspace.tom()
    item = _element_or_404(tom, state, element)
    current = item.attributes()
    initial = {**current, "properties": item.properties}
    conflict: store.EditConflict | None = None
    if request.method == "POST":
        form = element_form(item.kind, tom, adding=False, data=request.POST)
        base = int(request.POST.get("base") or access.workspace.revision)
        if form.is_valid():
            wanted = {"id": item.id, **element_data(item.kind, form.cleaned_data)}
            op = UpdateElement(state=state, element_id=element, changes=element_changes(current, wanted))
            try:
                store.apply_operation(
                    access.workspace.pk, request.user, op, base, _answers(access, request.POST.get("answers"))
                )
            except store.EditConflict as exc:
                conflict = exc
                # The form keeps what was typed; saving again now overwrites the other change knowingly.
                data: QueryDict = request.POST.copy()
                data["base"] = str(exc.current_revision)
                form = element_form(item.kind, access.workspace.tom(), adding=False, data=data)
                form.is_valid()
            except OperationError as exc:
                add_problems(form, exc.problems)
            else:
                messages.success(request, f"Saved {item.name}.")
                return redirect("ws_element", ws=access.workspace.slug, state=state, element=element)
        revision = conflict.current_revision if conflict else base
    else:
        form = element_form(item.kind, tom, adding=False, initial=initial)
        revision = access.workspace.revision
    context = {
        "form": form,
        "state": state,
        "kind": item.kind,
        "element": item,
        "revision": revision,
        "conflict": conflict,
        "answers": request.POST.get("answers") or request.GET.get("answers", ""),
    }
    status = 409 if conflict else 200
    return page(request, access, "tomkit/ws/element_form.html", context, active="design", status=status)


def _apply(
    request: HttpRequest,
    access: WorkspaceAccess,
    form: Any,
    op: Operation,
    base: int | None,
    answers: Comment | None,
) -> object | None:
    try:
        return store.apply_operation(access.workspace.pk, request.user, op, base, answers)
    except store.EditConflict as exc:
        form.add_error(None, str(exc))
    except OperationError as exc:
        add_problems(form, exc.problems)
    return None


def apply_or_message(
    request: HttpRequest, access: WorkspaceAccess, op: Operation, base: int | None = None
) -> bool:
    """Apply an operation from a plain POST; success or the reason it failed becomes a message."""
    try:
        store.apply_operation(
            access.workspace.pk, request.user, op, base, _answers(access, request.POST.get("answers"))
        )
    except store.EditConflict as exc:
        messages.error(request, f"Not saved: {exc}")
        return False
    except OperationError as exc:
        messages.error(request, f"Not saved: {exc.message}: " + "; ".join(exc.problems))
        return False
    messages.success(request, op.describe().capitalize() + ".")
    return True


@workspace_view(Role.EDITOR, methods=("POST",))
def element_delete(request: HttpRequest, access: WorkspaceAccess, state: str, element: str) -> HttpResponse:
    if apply_or_message(request, access, RemoveElement(state=state, element_id=element)):
        return redirect(reverse("ws_design", kwargs={"ws": access.workspace.slug}) + f"?state={state}")
    return redirect("ws_element", ws=access.workspace.slug, state=state, element=element)


@workspace_view(Role.EDITOR, methods=("POST",))
def element_copy(request: HttpRequest, access: WorkspaceAccess, state: str, element: str) -> HttpResponse:
    to_state = request.POST.get("to_state", "")
    op = CopyElement(
        element_id=element, from_state=state, to_state=to_state, replace=bool(request.POST.get("replace"))
    )
    if apply_or_message(request, access, op):
        return redirect("ws_element", ws=access.workspace.slug, state=to_state, element=element)
    return redirect("ws_element", ws=access.workspace.slug, state=state, element=element)
