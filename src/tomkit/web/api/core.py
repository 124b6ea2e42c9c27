"""The API object, its authentication and the role check shared by every workspace endpoint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.operation import Operation
from ninja.security import HttpBearer, django_auth

from tomkit.model.operations import OperationError
from tomkit.web.access import WorkspaceAccess, workspace_for
from tomkit.web.models import ApiToken
from tomkit.web.store import EditConflict


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a token from the account page."""

    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        found = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used=timezone.now())
        request.user = found.user
        return found.user


# The core endpoints lived in one module, `tomkit.web.api.routes`, before it was split by resource. Their
# operation ids, derived from the module, name the functions of clients generated from the schema, so
# they stay as they were.
ROUTES_MODULES = frozenset(
    f"tomkit.web.api.{name}"
    for name in (
        "workspaces",
        "members",
        "elements",
        "operations",
        "analysis",
        "versions",
        "comments",
        "audit",
    )
)


class TomkitApi(NinjaAPI):
    """The API, with operation ids that do not change when an endpoint moves to another module."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        module = operation.view_func.__module__
        if module in ROUTES_MODULES:
            module = "tomkit.web.api.routes"
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")


api = TomkitApi(
    title="tomkit",
    version="1",
    description="Workspaces holding one Target Operating Model each: read, edit by operations, version, "
    "comment and analyse.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)


@api.exception_handler(OperationError)
def _refused(request: HttpRequest, exc: OperationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "problems": exc.problems}, status=400)


@api.exception_handler(EditConflict)
def _conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
    body = {
        "detail": f"the draft changed since revision you edited: {exc}",
        "current_revision": exc.current_revision,
        "changes": [
            {
                "by": e.actor.get_username() if e.actor else None,
                "at": e.at.isoformat(),
                "summary": e.summary,
                "deltas": [{"target": t, "name": n, "before": b, "after": a} for t, n, b, a in e.deltas()],
            }
            for e in exc.events
        ],
    }
    return api.create_response(request, body, status=409)


def role(min_role: str) -> dict[str, Any]:
    """The OpenAPI extra that records the role an endpoint needs."""
    return {"x-min-role": min_role}


def member(request: HttpRequest, ws: str, min_role: str) -> WorkspaceAccess:
    return workspace_for(request.user, ws, min_role)


Handler = Callable[..., Any]
