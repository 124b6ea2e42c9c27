"""Who may see and do what: every workspace view and API endpoint goes through `workspace_for`.

A workspace a user is not a member of does not exist for them (404); a role too low is refused (403).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Concatenate, Literal, ParamSpec

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from tomkit.web.models import RANK, Membership, Role, Workspace

P = ParamSpec("P")


@dataclass(frozen=True)
class WorkspaceAccess:
    """A workspace as seen by one member: what views receive instead of a bare slug."""

    workspace: Workspace
    role: str

    def can(self, role: str) -> bool:
        return RANK[self.role] >= RANK[role]

    @property
    def can_edit(self) -> bool:
        return self.can(Role.EDITOR)

    @property
    def can_review(self) -> bool:
        return self.can(Role.REVIEWER)

    @property
    def is_owner(self) -> bool:
        return self.can(Role.OWNER)


def workspace_for(user: AbstractBaseUser | AnonymousUser, slug: str, min_role: str) -> WorkspaceAccess:
    """The workspace if the user is a member with at least `min_role`; Http404 / PermissionDenied otherwise."""
    if not user.is_authenticated:
        raise Http404("no such workspace")
    membership = (
        Membership.objects.select_related("workspace").filter(workspace__slug=slug, user_id=user.pk).first()
    )
    if membership is None:
        raise Http404("no such workspace")
    if RANK[membership.role] < RANK[min_role]:
        raise PermissionDenied(f"this needs the {min_role} role; you are a {membership.role}")
    return WorkspaceAccess(membership.workspace, membership.role)


ViewFunc = Callable[Concatenate[HttpRequest, WorkspaceAccess, P], HttpResponse]


def workspace_view(
    min_role: str, methods: tuple[str, ...] = ("GET",)
) -> Callable[[ViewFunc[P]], Callable[..., HttpResponse]]:
    """Decorate a view taking (request, access, **kwargs); the URL carries the workspace slug as `ws`.

    The required role and allowed methods are kept on the view, so the authorisation test can walk
    every URL and check it.
    """

    def decorate(view: ViewFunc[P]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, ws: str, *args: Any, **kwargs: Any) -> HttpResponse:
            access = workspace_for(request.user, ws, min_role)
            return view(request, access, *args, **kwargs)

        guarded = login_required(require_http_methods(list(methods))(wrapper))
        guarded.min_role = min_role  # type: ignore[attr-defined]
        guarded.methods = methods  # type: ignore[attr-defined]
        return guarded

    return decorate


def as_format(name: str) -> Literal["yaml", "json"]:
    """The file format a URL or file name asks for (YAML unless it says JSON)."""
    return "json" if name == "json" else "yaml"


def signed_in(request: HttpRequest) -> User:
    """The signed-in user of a view that requires login."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("log in first")
    return user


def member_workspaces(user: AbstractBaseUser | AnonymousUser) -> list[WorkspaceAccess]:
    if not user.is_authenticated:
        return []
    return [
        WorkspaceAccess(m.workspace, m.role)
        for m in Membership.objects.select_related("workspace")
        .filter(user_id=user.pk)
        .order_by("workspace__name")
    ]
