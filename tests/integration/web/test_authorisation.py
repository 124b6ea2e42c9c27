"""Every page and every API endpoint, for every role, in the user's own workspace and in a foreign one.

The matrix is generated from the URL configuration and the OpenAPI schema, so a new endpoint is covered
(and fails here if it does not declare the role it needs).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.integration.web.conftest import ROLES
from tomkit.model import Tom
from tomkit.web import store
from tomkit.web.api import api
from tomkit.web.models import RANK, Comment, Workspace

pytestmark = pytest.mark.integration

SAMPLES = {
    "state": "as-is",
    "element": "desk",
    "number": "1",
    "username": "viewer",
    "fmt": "yaml",
    "name": "canvas",
    "initiative": "open-portal",
    "depends_on": "retire-remedy",
    "milestone": "launch",
    "scenario": "digital",
}


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def workspace_routes() -> list[tuple[str, Any]]:
    return [(route, view) for route, view in _walk(get_resolver().url_patterns) if "<slug:ws>" in route]


def _fill(route: str, slug: str, pk: int) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(2)
        if name == "ws":
            return slug
        if name == "pk":
            return str(pk)
        if name == "fmt" and "img" in match.group(1):
            return "svg"
        return SAMPLES[name]

    path = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: value(m) if m.group(1) != "img" else "svg", route)
    return "/" + path.replace("^", "").replace("$", "")


PLAN: dict[str, Any] = {
    "initiatives": [
        {"id": "retire-remedy", "name": "Retire Remedy", "closes": ["remedy"]},
        {
            "id": "open-portal",
            "name": "Open the portal",
            "depends_on": ["retire-remedy"],
            "milestones": [{"id": "launch", "name": "Launch"}],
        },
    ],
    "scenarios": [
        {
            "id": "digital",
            "name": "Digital",
            "base": "to-be",
            "overrides": [{"op": "shift-volume", "from": "phone", "to": "portal", "share": 0.3}],
        }
    ],
}
"""Initiatives and a scenario, so the roadmap and scenario endpoints have something to act on."""


@pytest.fixture
def stage(workspace: Workspace, users: dict[str, User], tom: Tom) -> dict[str, Any]:
    """The test workspace with a plan, a version and a comment, plus a foreign workspace owned by the
    stranger."""
    tom = Tom.model_validate({**tom.to_data(), **PLAN})
    store.replace_draft(workspace.pk, users["owner"], tom, "plan", "added a plan")
    store.save_version(workspace, users["owner"], "v-one")
    comment = Comment.objects.create(workspace=workspace, author=users["reviewer"], body="why?")
    foreign = store.create_workspace(users["stranger"], tom.model_copy(update={"name": "Foreign"}), "test")
    foreign_comment = Comment.objects.create(workspace=foreign, author=users["stranger"], body="x")
    store.save_version(foreign, users["stranger"], "theirs")
    return {"own": (workspace.slug, comment.pk), "foreign": (foreign.slug, foreign_comment.pk)}


def test_every_workspace_url_declares_its_role() -> None:
    routes = workspace_routes()
    assert len(routes) > 30
    missing = [route for route, view in routes if not hasattr(view, "min_role")]
    assert missing == []


def _request(client: Client, method: str, path: str) -> int:
    """Make the request and undo whatever it changed, so each cell of the matrix starts the same."""
    with transaction.atomic():
        response = client.get(path) if method == "GET" else client.post(path, {})
        transaction.set_rollback(True)
    return response.status_code


def test_pages_by_role_and_workspace(stage: dict[str, Any], clients: dict[str, Client]) -> None:
    anonymous = Client()
    checked = 0
    for route, view in workspace_routes():
        for method in view.methods:
            own = _fill(route, *stage["own"])
            foreign = _fill(route, *stage["foreign"])
            for role in ROLES:
                status = _request(clients[role], method, own)
                if RANK[role] >= RANK[view.min_role]:
                    assert status not in (403, 404), (method, own, role, status)
                else:
                    assert status == 403, (method, own, role, status)
                # A workspace you are not a member of does not exist for you, whatever your role elsewhere.
                assert _request(clients[role], method, foreign) == 404, (method, foreign, role)
            assert _request(clients["stranger"], method, own) == 404, (method, own)
            status = _request(anonymous, method, own)
            assert status == 302, (method, own, status)
            checked += 1
    assert checked > 30


def api_operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = api.get_openapi_schema()
    out = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            out.append((path, method.upper(), operation))
    return out


def test_every_workspace_endpoint_declares_its_role() -> None:
    operations = [op for op in api_operations() if "{ws}" in op[0]]
    assert len(operations) > 20
    assert [(p, m) for p, m, op in operations if op.get("x-min-role") not in RANK] == []


BODIES: dict[str, dict[str, Any]] = {
    "WorkspaceIn": {},
    "MemberIn": {"username": "viewer", "role": "viewer"},
    "OperationIn": {
        "operation": {"op": "update_element", "state": "as-is", "element_id": "desk", "changes": {"fte": 3}}
    },
    "VersionIn": {"name": "from the matrix"},
    "SignOffIn": {},
    "CommentIn": {"body": "hello"},
    "PinIn": {"section": "why", "text": "Our own words."},
    "UnpinIn": {"section": "why"},
    "InitiativeIn": {"name": "From the matrix"},
    "InitiativeFields": {"progress": 50},
    "FromGapIn": {"element": "portal"},
    "DependencyIn": {"depends_on": "retire-remedy"},
    "MilestoneIn": {"name": "Pilot"},
    "MilestoneDoneIn": {},
    "ChangeActionIn": {"action": "champion", "person": "sd-lead"},
    "ResponseIn": {"group": "desk", "answers": {"aware": 4}},
    "ScenarioIn": {"id": "other", "name": "Other", "base": "to-be"},
    "ScenarioFields": {"name": "Digital", "base": "to-be"},
    "AdoptIn": {},
}
"""A valid body for each request schema, so the role check (not validation) decides the answer."""


def _body(operation: dict[str, Any]) -> str:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return "{}"
    name = content["schema"]["$ref"].rsplit("/", 1)[-1]
    return json.dumps(BODIES[name])


QUERY = {"state": "as-is", "source": "desk", "target": "remedy", "a": "1", "who": "sd-lead"}
"""Values for required query parameters."""


def _api_path(path: str, slug: str, pk: int, operation: dict[str, Any] | None = None) -> str:
    values = {"ws": slug, "pk": str(pk), **SAMPLES}
    url = re.sub(r"{(\w+)}", lambda m: values[m.group(1)], path)
    required = [
        p["name"] for p in (operation or {}).get("parameters", []) if p["in"] == "query" and p.get("required")
    ]
    return url + ("?" + "&".join(f"{name}={QUERY[name]}" for name in required) if required else "")


def _api_request(client: Client, method: str, path: str, body: str = "{}") -> int:
    with transaction.atomic():
        if method == "GET":
            response = client.get(path)
        else:
            response = client.generic(method, path, body, content_type="application/json")
        transaction.set_rollback(True)
    return response.status_code


def test_api_by_role_and_workspace(stage: dict[str, Any], clients: dict[str, Client]) -> None:
    anonymous = Client()
    checked = 0
    for path, method, operation in api_operations():
        if "{ws}" not in path:
            assert _api_request(anonymous, method, path) == 401, (method, path)
            continue
        needed = operation["x-min-role"]
        body = _body(operation)
        own = _api_path(path, *stage["own"], operation)
        foreign = _api_path(path, *stage["foreign"], operation)
        for role in ROLES:
            status = _api_request(clients[role], method, own, body)
            if RANK[role] >= RANK[needed]:
                assert status < 400, (method, own, role, status)
            else:
                assert status == 403, (method, own, role, status)
            assert _api_request(clients[role], method, foreign, body) == 404, (method, foreign, role)
        assert _api_request(clients["stranger"], method, own, body) == 404
        assert _api_request(anonymous, method, own, body) == 401
        checked += 1
    assert checked > 20


def test_workspace_list_shows_only_memberships(stage: dict[str, Any], clients: dict[str, Client]) -> None:
    page = clients["viewer"].get("/").content.decode()
    assert "Service desk model" in page
    assert "Foreign" not in page
    slugs = [w["slug"] for w in clients["viewer"].get("/api/workspaces").json()]
    assert slugs == [stage["own"][0]]
