"""Endpoints for a workspace's members and their roles; only owners see or change them."""

from __future__ import annotations

from typing import Literal

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Schema, Status
from ninja.errors import HttpError

from tomkit.web import store
from tomkit.web.api.core import api, member, role
from tomkit.web.models import Membership, Role

OWNER = Role.OWNER.value


class MemberIn(Schema):
    username: str
    role: Literal["owner", "editor", "reviewer", "viewer"]


class MemberOut(Schema):
    username: str
    role: str


@api.get("/workspaces/{ws}/members", response=list[MemberOut], tags=["workspaces"], openapi_extra=role(OWNER))
def list_members(request: HttpRequest, ws: str) -> list[MemberOut]:
    access = member(request, ws, OWNER)
    rows = Membership.objects.filter(workspace=access.workspace).select_related("user")
    return [MemberOut(username=m.user.get_username(), role=m.role) for m in rows]


@api.post("/workspaces/{ws}/members", response=MemberOut, tags=["workspaces"], openapi_extra=role(OWNER))
def set_member(request: HttpRequest, ws: str, payload: MemberIn) -> MemberOut:
    """Add a member or change their role."""
    access = member(request, ws, OWNER)
    user = get_user_model().objects.filter(username=payload.username).first()
    if user is None:
        raise HttpError(400, f"no user {payload.username!r}")
    Membership.objects.update_or_create(
        workspace=access.workspace, user=user, defaults={"role": payload.role}
    )
    store.record(access.workspace, request.user, "member", f"made {user} a {payload.role}")
    return MemberOut(username=payload.username, role=payload.role)


@api.delete(
    "/workspaces/{ws}/members/{username}",
    response={204: None},
    tags=["workspaces"],
    openapi_extra=role(OWNER),
)
def remove_member(request: HttpRequest, ws: str, username: str) -> Status[None]:
    """Remove a member (owners cannot remove themselves)."""
    access = member(request, ws, OWNER)
    membership = get_object_or_404(Membership, workspace=access.workspace, user__username=username)
    if membership.user_id == request.user.pk:
        raise HttpError(400, "you cannot remove yourself; make someone else owner first")
    membership.delete()
    store.record(access.workspace, request.user, "member", f"removed {username}")
    return Status(204, None)
