"""Named versions: immutable snapshots, the semantic diff between any two, restore and sign-off."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from tomkit import formats
from tomkit.analysis.versions import diff_documents
from tomkit.model import Tom
from tomkit.web import store
from tomkit.web.access import WorkspaceAccess, as_format, signed_in, workspace_view
from tomkit.web.models import Anchor, Comment, Role, SignOff, Version
from tomkit.web.views.common import page
from tomkit.web.views.workspaces import _download

DRAFT = "draft"


@workspace_view(Role.VIEWER)
def versions(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    rows = access.workspace.versions.select_related("created_by").prefetch_related("signoffs__user")
    return page(request, access, "tomkit/ws/versions.html", {"versions": rows}, active="versions")


@workspace_view(Role.EDITOR, methods=("POST",))
def version_save(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    name = request.POST.get("name", "").strip()
    if not name:
        messages.error(request, "A version needs a name.")
        return redirect("ws_versions", ws=access.workspace.slug)
    try:
        version = store.save_version(access.workspace, request.user, name, request.POST.get("note", ""))
    except IntegrityError:
        messages.error(request, f"There is already a version named {name!r}.")
        return redirect("ws_versions", ws=access.workspace.slug)
    messages.success(request, f"Saved version v{version.number} {version.name}.")
    return redirect("ws_version", ws=access.workspace.slug, number=version.number)


def version_or_404(access: WorkspaceAccess, number: int) -> Version:
    return get_object_or_404(Version, workspace=access.workspace, number=number)


@workspace_view(Role.VIEWER)
def version_detail(request: HttpRequest, access: WorkspaceAccess, number: int) -> HttpResponse:
    version = version_or_404(access, number)
    previous = access.workspace.versions.filter(number__lt=number).order_by("-number").first()
    context = {
        "version": version,
        "previous": previous,
        "signoffs": version.signoffs.select_related("user"),
        "signed": version.signoffs.filter(user=signed_in(request)).exists(),
        "threads": Comment.objects.filter(
            workspace=access.workspace, anchor_type=Anchor.VERSION, anchor=str(version.number), parent=None
        ).select_related("author"),
        "anchor_type": Anchor.VERSION,
        "anchor": str(version.number),
        "state": "",
    }
    return page(request, access, "tomkit/ws/version.html", context, active="versions")


@workspace_view(Role.VIEWER)
def version_export(request: HttpRequest, access: WorkspaceAccess, number: int, fmt: str) -> HttpResponse:
    version = version_or_404(access, number)
    return _download(formats.dumps(version.tom(), as_format(fmt)), f"{access.workspace.slug}-v{number}", fmt)


def _side(access: WorkspaceAccess, ref: str) -> tuple[str, Tom]:
    """A diff side: `draft` or a version number."""
    if ref == DRAFT:
        return "the working draft", access.workspace.tom()
    if not ref.isdigit():
        raise Http404("compare a version number with another, or with 'draft'")
    version = version_or_404(access, int(ref))
    return f"v{version.number} {version.name}", version.tom()


@workspace_view(Role.VIEWER)
def version_diff(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    numbers = list(access.workspace.versions.values_list("number", flat=True))
    a = request.GET.get("a") or (
        str(numbers[1]) if len(numbers) > 1 else str(numbers[0]) if numbers else DRAFT
    )
    b = request.GET.get("b") or (str(numbers[0]) if len(numbers) > 1 else DRAFT)
    label_a, tom_a = _side(access, a)
    label_b, tom_b = _side(access, b)
    diff = diff_documents(tom_a, tom_b)
    context = {
        "a": a,
        "b": b,
        "label_a": label_a,
        "label_b": label_b,
        "changes": diff.changes(),
        "choices": [
            (DRAFT, "working draft"),
            *((str(v.number), f"v{v.number} {v.name}") for v in access.workspace.versions.all()),
        ],
    }
    return page(request, access, "tomkit/ws/diff.html", context, active="versions")


@workspace_view(Role.EDITOR, methods=("POST",))
def version_restore(request: HttpRequest, access: WorkspaceAccess, number: int) -> HttpResponse:
    version = version_or_404(access, number)
    store.replace_draft(
        access.workspace.pk,
        request.user,
        version.tom(),
        "restore",
        f"restored version v{version.number} {version.name}",
    )
    messages.success(request, f"The draft is now version v{version.number} {version.name}.")
    return redirect("ws_overview", ws=access.workspace.slug)


@workspace_view(Role.REVIEWER, methods=("POST",))
def version_signoff(request: HttpRequest, access: WorkspaceAccess, number: int) -> HttpResponse:
    version = version_or_404(access, number)
    _, created = SignOff.objects.get_or_create(
        version=version, user=signed_in(request), defaults={"note": request.POST.get("note", "")}
    )
    if created:
        store.record(
            access.workspace, request.user, "signoff", f"signed off v{version.number} {version.name}"
        )
        messages.success(request, f"You signed off v{version.number} {version.name}.")
    return redirect("ws_version", ws=access.workspace.slug, number=number)
