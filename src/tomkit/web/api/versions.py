"""Endpoints for named versions of a workspace: saving one, reading it, the semantic diff between two
versions (or a version and the draft), restoring one as the draft, and reviewers' sign-offs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Schema, Status
from ninja.errors import HttpError

from tomkit.analysis.versions import diff_documents
from tomkit.model import Tom
from tomkit.web import store
from tomkit.web.access import signed_in
from tomkit.web.api.core import api, member, role
from tomkit.web.api.operations import OperationOut
from tomkit.web.models import Role, SignOff, Version

VIEWER, REVIEWER, EDITOR = Role.VIEWER.value, Role.REVIEWER.value, Role.EDITOR.value


class VersionOut(Schema):
    number: int
    name: str
    note: str
    revision: int
    created_at: dt.datetime
    created_by: str | None
    signed_off_by: list[str]


def _version_out(v: Version) -> VersionOut:
    return VersionOut(
        number=v.number, name=v.name, note=v.note, revision=v.revision, created_at=v.created_at,
        created_by=v.created_by.get_username() if v.created_by else None,
        signed_off_by=[s.user.get_username() for s in v.signoffs.select_related("user")],
    )  # fmt: skip


class VersionIn(Schema):
    name: str
    note: str = ""


@api.get(
    "/workspaces/{ws}/versions", response=list[VersionOut], tags=["versions"], openapi_extra=role(VIEWER)
)
def list_versions(request: HttpRequest, ws: str) -> list[VersionOut]:
    return [_version_out(v) for v in member(request, ws, VIEWER).workspace.versions.all()]


@api.post(
    "/workspaces/{ws}/versions", response={201: VersionOut}, tags=["versions"], openapi_extra=role(EDITOR)
)
def create_version(request: HttpRequest, ws: str, payload: VersionIn) -> Status[VersionOut]:
    access = member(request, ws, EDITOR)
    if not payload.name.strip():
        raise HttpError(400, "a version needs a name")
    try:
        version = store.save_version(access.workspace, request.user, payload.name.strip(), payload.note)
    except IntegrityError:
        raise HttpError(409, f"there is already a version named {payload.name!r}") from None
    return Status(201, _version_out(version))


def _version(ws_access: Any, number: int) -> Version:
    return get_object_or_404(Version, workspace=ws_access.workspace, number=number)


@api.get("/workspaces/{ws}/versions/{number}", tags=["versions"], openapi_extra=role(VIEWER))
def get_version(request: HttpRequest, ws: str, number: int) -> dict[str, Any]:
    version = _version(member(request, ws, VIEWER), number)
    return {**_version_out(version).dict(), "document": version.data}


class DiffOut(Schema):
    a: str
    b: str
    changes: list[str]


@api.get("/workspaces/{ws}/diff", response=DiffOut, tags=["versions"], openapi_extra=role(VIEWER))
def get_diff(request: HttpRequest, ws: str, a: str, b: str = "draft") -> DiffOut:
    """The semantic diff between two versions (numbers) or a version and the working `draft`."""
    access = member(request, ws, VIEWER)

    def side(ref: str) -> Tom:
        if ref == "draft":
            return access.workspace.tom()
        if not ref.isdigit():
            raise HttpError(400, "a side is a version number or 'draft'")
        return _version(access, int(ref)).tom()

    diff = diff_documents(side(a), side(b))
    return DiffOut(a=a, b=b, changes=[c.describe() for c in diff.changes()])


@api.post(
    "/workspaces/{ws}/versions/{number}/restore",
    response=OperationOut,
    tags=["versions"],
    openapi_extra=role(EDITOR),
)
def restore_version(request: HttpRequest, ws: str, number: int) -> OperationOut:
    access = member(request, ws, EDITOR)
    version = _version(access, number)
    event = store.replace_draft(
        access.workspace.pk,
        request.user,
        version.tom(),
        "restore",
        f"restored version v{version.number} {version.name}",
    )
    return OperationOut(revision=event.revision or 0, summary=event.summary)


class SignOffIn(Schema):
    note: str = ""


@api.post(
    "/workspaces/{ws}/versions/{number}/signoff",
    response=VersionOut,
    tags=["versions"],
    openapi_extra=role(REVIEWER),
)
def sign_off(request: HttpRequest, ws: str, number: int, payload: SignOffIn) -> VersionOut:
    access = member(request, ws, REVIEWER)
    version = _version(access, number)
    _, created = SignOff.objects.get_or_create(
        version=version, user=signed_in(request), defaults={"note": payload.note}
    )
    if created:
        store.record(
            access.workspace, request.user, "signoff", f"signed off v{version.number} {version.name}"
        )
    return _version_out(version)
