"""The REST API: token auth for scripts, edits by operations with conflicts as 409, the schema."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tomkit.web.models import ApiToken, Workspace

pytestmark = pytest.mark.integration


@pytest.fixture
def token(users: dict[str, User], workspace: Workspace) -> str:
    _, key = ApiToken.issue(users["editor"], "script")
    return key


def _auth(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_token_reads_and_writes(token: str, workspace: Workspace) -> None:
    client = Client()
    listed = client.get("/api/workspaces", **_auth(token)).json()  # type: ignore[arg-type]
    assert [(w["slug"], w["role"]) for w in listed] == [(workspace.slug, "editor")]
    body = {
        "operation": {
            "op": "add_element",
            "state": "to-be",
            "element": {"id": "chat", "kind": "channel", "name": "Chat"},
        },
        "base_revision": 1,
    }
    response = client.post(
        f"/api/workspaces/{workspace.slug}/operations",
        body,
        content_type="application/json",
        **_auth(token),  # type: ignore[arg-type]
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"revision": 2, "summary": "added channel 'chat' to to-be"}
    element = client.get(
        f"/api/workspaces/{workspace.slug}/states/to-be/elements/chat", **_auth(token)
    ).json()  # type: ignore[arg-type]
    assert element["name"] == "Chat"


def test_bad_token_is_401(workspace: Workspace) -> None:
    assert Client().get("/api/workspaces", HTTP_AUTHORIZATION="Bearer tk_nope").status_code == 401


def test_conflict_is_409_with_the_other_change(
    token: str, workspace: Workspace, clients: dict[str, Client]
) -> None:
    update = {"op": "update_element", "state": "to-be", "element_id": "desk", "changes": {"fte": 10}}
    first = clients["owner"].post(
        f"/api/workspaces/{workspace.slug}/operations",
        {"operation": update, "base_revision": 1},
        content_type="application/json",
    )
    assert first.status_code == 200
    stale = Client().post(
        f"/api/workspaces/{workspace.slug}/operations",
        {"operation": dict(update, changes={"fte": 20}), "base_revision": 1},
        content_type="application/json",
        **_auth(token),  # type: ignore[arg-type]
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["current_revision"] == 2
    [change] = body["changes"]
    assert change["by"] == "owner"
    assert change["deltas"] == [{"target": "element:to-be/desk", "name": "fte", "before": 14, "after": 10}]
    # A stale edit to another element is merged.
    other = {
        "op": "update_element",
        "state": "to-be",
        "element_id": "phone",
        "changes": {"volume_per_month": 1},
    }
    merged = Client().post(
        f"/api/workspaces/{workspace.slug}/operations", {"operation": other, "base_revision": 1},
        content_type="application/json", **_auth(token),  # type: ignore[arg-type]
    )  # fmt: skip
    assert merged.status_code == 200


def test_refused_operation_is_400_with_problems(clients: dict[str, Client], workspace: Workspace) -> None:
    bad = {"op": "add_relation", "state": "as-is", "source": "desk", "type": "stores", "target": "remedy"}
    response = clients["editor"].post(
        f"/api/workspaces/{workspace.slug}/operations", {"operation": bad}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "a team cannot 'stores' a tool" in response.json()["problems"][0]


def test_versions_diff_and_gaps_over_the_api(clients: dict[str, Client], workspace: Workspace) -> None:
    client = clients["editor"]
    base = f"/api/workspaces/{workspace.slug}"
    assert (
        client.post(f"{base}/versions", {"name": "one"}, content_type="application/json").status_code == 201
    )
    client.post(
        f"{base}/operations",
        {"operation": {"op": "remove_element", "state": "to-be", "element_id": "portal"}},
        content_type="application/json",
    )
    diff = client.get(f"{base}/diff?a=1&b=draft").json()
    assert diff["changes"] == ["to-be: removed channel 'portal' (Portal)"]
    report = client.get(f"{base}/gaps").json()
    assert {(g["id"], g["change"]) for g in report["elements"]} == {
        ("desk", "changed"),
        ("phone", "changed"),
        ("remedy", "removed"),
    }


def test_openapi_schema_and_docs_page(clients: dict[str, Client]) -> None:
    schema = clients["viewer"].get("/api/openapi.json").json()
    assert "/api/workspaces/{ws}/operations" in schema["paths"]
    docs = clients["viewer"].get("/api/docs").content.decode()
    assert "/static/ninja/" in docs
    assert "cdn" not in docs.lower()


def test_owner_manages_members_over_the_api(clients: dict[str, Client], workspace: Workspace) -> None:
    base = f"/api/workspaces/{workspace.slug}/members"
    assert (
        clients["owner"]
        .post(base, {"username": "stranger", "role": "reviewer"}, content_type="application/json")
        .status_code
        == 200
    )
    assert {m["username"]: m["role"] for m in clients["owner"].get(base).json()}["stranger"] == "reviewer"
    assert clients["owner"].delete(f"{base}/stranger").status_code == 204
    assert clients["owner"].delete(f"{base}/owner").status_code == 400
    assert "stranger" not in {m["username"] for m in clients["owner"].get(base).json()}


def test_an_administrator_manages_users(users: dict[str, User]) -> None:
    admin = User.objects.create_superuser("root", password="correct-horse-battery")
    client = Client()
    client.force_login(admin)
    page = client.get("/admin/auth/user/").content.decode()
    assert "stranger" in page
    assert client.get("/admin/tomkit_web/workspace/").status_code == 200
