"""Socialise: comment threads on elements, gaps, versions or the workspace; resolve, reopen, the inbox."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from tomkit.web import store
from tomkit.web.access import WorkspaceAccess, signed_in, workspace_view
from tomkit.web.models import Anchor, Comment, Role
from tomkit.web.views.common import page


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


@workspace_view(Role.VIEWER)
def feedback(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    show = request.GET.get("show", "open")
    threads = Comment.objects.filter(workspace=access.workspace, parent=None).select_related(
        "author", "resolved_by"
    )
    gap = request.GET.get("gap", "")
    if gap:
        threads = threads.filter(anchor_type=Anchor.GAP, anchor=gap)
    if show == "open":
        threads = threads.filter(resolved=False)
    elif show == "resolved":
        threads = threads.filter(resolved=True)
    context = {
        "threads": threads.prefetch_related("replies__author", "changes__actor").order_by("-created_at"),
        "show": show,
        "open_count": Comment.objects.filter(workspace=access.workspace, parent=None, resolved=False).count(),
        "anchor_type": Anchor.GAP if gap else Anchor.WORKSPACE,
        "anchor": gap,
        "gap": gap,
        "state": "",
    }
    return page(request, access, "tomkit/ws/feedback.html", context, active="feedback")


@workspace_view(Role.VIEWER)
def thread(request: HttpRequest, access: WorkspaceAccess, pk: int) -> HttpResponse:
    root = get_object_or_404(Comment, workspace=access.workspace, pk=pk, parent=None)
    return page(request, access, "tomkit/ws/thread.html", {"thread": root}, active="feedback")


@workspace_view(Role.REVIEWER, methods=("POST",))
def comment_add(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    body = request.POST.get("body", "").strip()
    default = f"/w/{access.workspace.slug}/feedback/"
    if not body:
        messages.error(request, "Write something to comment.")
        return _back(request, default)
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(
            Comment, workspace=access.workspace, pk=request.POST["parent"], parent=None
        )
    anchor_type = request.POST.get("anchor_type", Anchor.WORKSPACE)
    if anchor_type not in Anchor.values:
        anchor_type = Anchor.WORKSPACE
    comment = Comment.objects.create(
        workspace=access.workspace,
        parent=parent,
        author=signed_in(request),
        body=body,
        anchor_type=parent.anchor_type if parent else anchor_type,
        anchor=parent.anchor if parent else request.POST.get("anchor", "")[:200],
        state=parent.state if parent else request.POST.get("state", "")[:80],
    )
    if parent is not None and parent.resolved:
        parent.resolved = False
        parent.save(update_fields=["resolved"])
    store.record(access.workspace, request.user, "comment", f"commented on {comment.anchor_label}")
    messages.success(request, "Comment added.")
    return _back(request, default)


def _set_resolved(request: HttpRequest, access: WorkspaceAccess, pk: int, resolved: bool) -> HttpResponse:
    root = get_object_or_404(Comment, workspace=access.workspace, pk=pk, parent=None)
    root.resolved = resolved
    root.resolved_by = signed_in(request) if resolved else None
    root.resolved_at = timezone.now() if resolved else None
    root.save(update_fields=["resolved", "resolved_by", "resolved_at"])
    verb = "resolved" if resolved else "reopened"
    store.record(
        access.workspace, request.user, "comment", f"{verb} thread #{root.pk} on {root.anchor_label}"
    )
    messages.success(request, f"Thread {verb}.")
    return _back(request, f"/w/{access.workspace.slug}/feedback/{root.pk}/")


@workspace_view(Role.REVIEWER, methods=("POST",))
def comment_resolve(request: HttpRequest, access: WorkspaceAccess, pk: int) -> HttpResponse:
    return _set_resolved(request, access, pk, True)


@workspace_view(Role.REVIEWER, methods=("POST",))
def comment_reopen(request: HttpRequest, access: WorkspaceAccess, pk: int) -> HttpResponse:
    return _set_resolved(request, access, pk, False)
