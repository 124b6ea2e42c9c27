"""The roadmap and journey API on the demo organisation, with a script's token: the scheduled plan,
progress, suggestions and pictures, and every quick edit of the plan with its revision check."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tomkit.analysis.progress import progress
from tomkit.analysis.suggest import suggest
from tomkit.demo import load_demo
from tomkit.web import store
from tomkit.web.models import ApiToken, AuditEvent, Membership, Workspace

pytestmark = pytest.mark.integration

TODAY = "2026-01-05"


@pytest.fixture
def demo(users: dict[str, User]) -> Workspace:
    workspace = store.create_workspace(users["owner"], load_demo(), "from the demo")
    for role in ("editor", "viewer"):
        Membership.objects.create(workspace=workspace, user=users[role], role=role)
    return workspace


class Api:
    """A script's view of one workspace: requests carry a personal token, paths are relative."""

    def __init__(self, user: User, workspace: Workspace) -> None:
        _, key = ApiToken.issue(user, "script")
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {key}"}
        self.base = f"/api/workspaces/{workspace.slug}"

    def get(self, path: str, **query: Any) -> Any:
        return self.client.get(self.base + path, query, headers=self.headers)

    def send(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.generic(
            method,
            self.base + path,
            "{}" if body is None else _json(body),
            "application/json",
            headers=self.headers,
        )


def _json(body: dict[str, Any]) -> str:
    import json

    return json.dumps(body)


@pytest.fixture
def editor(users: dict[str, User], demo: Workspace) -> Api:
    return Api(users["editor"], demo)


@pytest.fixture
def viewer(users: dict[str, User], demo: Workspace) -> Api:
    return Api(users["viewer"], demo)


def _revision(api: Api) -> int:
    revision: int = api.get("").json()["revision"]
    return revision


def _document(api: Api) -> dict[str, Any]:
    data: dict[str, Any] = api.get("/document").json()
    return data


def _initiative(api: Api, initiative_id: str) -> dict[str, Any]:
    return next(i for i in _document(api)["initiatives"] if i["id"] == initiative_id)


# --- reads --------------------------------------------------------------------------------------


def test_the_demo_roadmap(viewer: Api) -> None:
    response = viewer.get("/roadmap", today=TODAY)
    assert response.status_code == 200
    roadmap = response.json()
    assert roadmap["today"] == TODAY
    assert roadmap["period"] == "weeks"
    assert len(roadmap["initiatives"]) == 36
    assert {i["id"] for i in roadmap["initiatives"] if i["quick_win"]} == {
        "password-self-service",
        "phone-menu-portal",
    }
    assert roadmap["critical_path"] == ["itsm-go-live", "knowledge-kcs", "shift-left"]
    assert [w["number"] for w in roadmap["waves"]] == [1, 2]
    shift_left = next(i for i in roadmap["initiatives"] if i["id"] == "shift-left")
    assert shift_left["depends_on"] == ["knowledge-kcs", "l1-leeds"]
    assert shift_left["why"], "every start date has a reason"
    assert viewer.get("/roadmap", today=TODAY, period="months").json()["period"] == "months"
    assert viewer.get("/roadmap", period="fortnights").status_code == 422


def test_progress_and_what_is_next(viewer: Api) -> None:
    state = viewer.get("/progress", today=TODAY).json()
    expected = progress(load_demo(), today=dt.date(2026, 1, 5))
    assert state["summary"] == expected.summary
    assert state["summary"].startswith("wave 1 of 2, 19 % done, next milestone in 53 weeks")
    assert state["percent"] == pytest.approx(expected.percent)
    assert len(state["waves"]) == 2
    go_live = next(i for i in state["initiatives"] if i["id"] == "itsm-go-live")
    assert go_live["status"] == "in-progress"
    assert [m["id"] for m in go_live["milestones"]] == ["design", "uat", "go-live"]

    step = viewer.get("/progress/next", who="head-service-mgmt", today=TODAY).json()
    assert step["name"] == "Sarah Kerr"
    assert step["working_on"] == ["itsm-go-live", "l1-recruitment", "sla-xla"]
    assert step["coming_up"][0] == "performance-analytics"
    assert step["text"].startswith("Sarah Kerr: wave 1 of 2, 40 % done")

    unknown = viewer.get("/progress/next", who="nobody")
    assert unknown.status_code == 400
    assert "no person or team 'nobody'" in unknown.json()["detail"]


def test_open_gaps_and_suggestions(viewer: Api) -> None:
    gaps = viewer.get("/roadmap/open-gaps").json()
    assert [(g["element_id"], g["change"]) for g in gaps] == [("ctl-dsar", "changed")]
    suggestions = viewer.get("/roadmap/suggestions").json()
    expected = suggest(load_demo())
    assert [s["id"] for s in suggestions] == [s.initiative.id for s in expected]
    assert suggestions[0]["id"] == "close-governance-hr-ops-lead"
    assert suggestions[0]["gaps"] == ["ctl-dsar"]
    assert suggestions[0]["initiative"]["closes"] == ["ctl-dsar"]


@pytest.mark.parametrize("name", ["roadmap", "matrix", "load", "journey"])
def test_pictures(viewer: Api, name: str) -> None:
    svg = viewer.get("/roadmap/picture", name=name, today=TODAY)
    assert svg.status_code == 200
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in svg.content[:2000]
    assert svg["Content-Disposition"].endswith(f'-{name}.svg"')


def test_picture_as_png(viewer: Api) -> None:
    png = viewer.get("/roadmap/picture", name="matrix", format="png")
    assert png.status_code == 200
    assert png["Content-Type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"


# --- writes -------------------------------------------------------------------------------------


def test_create_and_update_an_initiative(editor: Api, demo: Workspace) -> None:
    base = _revision(editor)
    created = editor.send(
        "POST",
        "/initiatives",
        {
            "name": "Chatbot pilot",
            "owner": "head-service-mgmt",
            "effort": "s",
            "value": "high",
            "base_revision": base,
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["revision"] == base + 1
    assert body["initiative"] == {
        "id": "chatbot-pilot",
        "name": "Chatbot pilot",
        "owner": "head-service-mgmt",
        "effort": "s",
        "value": "high",
    }
    roadmap = editor.get("/roadmap", today=TODAY).json()
    assert len(roadmap["initiatives"]) == 37
    event = AuditEvent.objects.filter(workspace=demo).latest("revision")
    assert event.actor is not None
    assert (event.action, event.summary, event.actor.username) == (
        "plan",
        "saved initiative chatbot-pilot",
        "editor",
    )

    again = editor.send("POST", "/initiatives", {"name": "Chatbot pilot"})
    assert again.status_code == 409
    assert "already an initiative 'chatbot-pilot'" in again.json()["detail"]

    updated = editor.send("PATCH", "/initiatives/chatbot-pilot", {"status": "in-progress", "progress": 40})
    assert updated.status_code == 200
    assert updated.json()["initiative"]["status"] == "in-progress"
    assert updated.json()["initiative"]["progress"] == 40
    assert updated.json()["initiative"]["value"] == "high", "fields not sent are kept"
    cleared = editor.send("PATCH", "/initiatives/chatbot-pilot", {"value": None})
    assert "value" not in cleared.json()["initiative"]

    assert editor.send("PATCH", "/initiatives/no-such", {"status": "done"}).status_code == 404
    assert editor.send("PATCH", "/initiatives/chatbot-pilot", {"status": "finished"}).status_code == 422
    assert editor.send("POST", "/initiatives", {}).status_code == 422


def test_initiative_from_an_open_gap(editor: Api) -> None:
    made = editor.send("POST", "/initiatives/from-gap", {"element": "ctl-dsar"})
    assert made.status_code == 201, made.content
    initiative = made.json()["initiative"]
    assert initiative["closes"] == ["ctl-dsar"]
    assert initiative["id"] == "changed-ctl-dsar"
    assert "status" not in initiative, "proposed, the default"
    assert editor.get("/roadmap/open-gaps").json() == []
    refused = editor.send("POST", "/initiatives/from-gap", {"element": "no-such-element"})
    assert refused.status_code == 422
    assert "'no-such-element' is not a gap" in refused.json()["detail"]


def test_dependencies_and_cycles(editor: Api) -> None:
    cycle = editor.send("POST", "/initiatives/itsm-go-live/dependencies", {"depends_on": "shift-left"})
    assert cycle.status_code == 422
    detail = cycle.json()["detail"]
    assert "that would make a dependency cycle" in detail
    assert "itsm-go-live" in cycle.json()["problems"][0]
    assert "shift-left" in cycle.json()["problems"][0]
    assert _initiative(editor, "itsm-go-live")["depends_on"] == ["platform-foundation", "service-catalogue"]

    added = editor.send(
        "POST", "/initiatives/shift-left/dependencies", {"depends_on": "password-self-service"}
    )
    assert added.status_code == 200
    assert added.json()["initiative"]["depends_on"] == ["knowledge-kcs", "l1-leeds", "password-self-service"]
    schedule = editor.get("/roadmap", today=TODAY).json()
    assert (
        "password-self-service"
        in next(i for i in schedule["initiatives"] if i["id"] == "shift-left")["depends_on"]
    )

    removed = editor.send("DELETE", "/initiatives/shift-left/dependencies/password-self-service")
    assert removed.status_code == 200
    assert removed.json()["initiative"]["depends_on"] == ["knowledge-kcs", "l1-leeds"]
    assert (
        editor.send("DELETE", "/initiatives/shift-left/dependencies/password-self-service").status_code == 404
    )
    itself = editor.send("POST", "/initiatives/shift-left/dependencies", {"depends_on": "shift-left"})
    assert itself.status_code == 422
    assert "cannot depend on itself" in itself.json()["detail"]


def test_milestones(editor: Api) -> None:
    added = editor.send(
        "POST",
        "/initiatives/password-self-service/milestones",
        {"name": "Pilot with IT", "due": "2026-03-02"},
    )
    assert added.status_code == 201
    assert added.json()["initiative"]["milestones"] == [
        {"id": "pilot-with-it", "name": "Pilot with IT", "due": "2026-03-02"}
    ]
    done = editor.send(
        "POST", "/initiatives/password-self-service/milestones/pilot-with-it/done", {"on": "2026-02-20"}
    )
    assert done.status_code == 200
    initiative = done.json()["initiative"]
    assert initiative["milestones"][0]["done"] is True
    assert initiative["milestones"][0]["done_on"] == "2026-02-20"
    assert initiative["status"] == "done", "its only milestone is done"
    reopened = editor.send(
        "POST", "/initiatives/password-self-service/milestones/pilot-with-it/done", {"done": False}
    )
    assert reopened.json()["initiative"]["status"] == "in-progress"
    missing = editor.send("POST", "/initiatives/password-self-service/milestones/nope/done", {})
    assert missing.status_code == 422
    assert "has no milestone 'nope'" in missing.json()["detail"]
    assert (
        editor.send("POST", "/initiatives/password-self-service/milestones", {"name": " "}).status_code == 422
    )


def test_change_actions(editor: Api) -> None:
    champion = editor.send(
        "POST", "/initiatives/password-self-service/change", {"action": "champion", "person": "cio"}
    )
    assert champion.status_code == 200, champion.content
    assert "cio" in champion.json()["initiative"]["change"]["champions"]
    told = editor.send(
        "POST",
        "/initiatives/password-self-service/change",
        {
            "action": "communicate",
            "audience": "sh-all-colleagues",
            "message": "Reset it yourself",
            "when": "2026-02-01",
        },
    )
    assert told.status_code == 200
    assert {
        "audience": "sh-all-colleagues",
        "message": "Reset it yourself",
        "when": "2026-02-01",
    } in told.json()["initiative"]["change"]["communicate"]
    nobody = editor.send("POST", "/initiatives/password-self-service/change", {"action": "champion"})
    assert nobody.status_code == 422
    assert "champion needs a person" in nobody.json()["detail"]
    stranger = editor.send(
        "POST",
        "/initiatives/password-self-service/change",
        {"action": "champion", "person": "no-such-person"},
    )
    assert stranger.status_code == 422


def test_a_stale_revision_is_refused_with_who_changed_it(
    editor: Api, users: dict[str, User], demo: Workspace
) -> None:
    read = _revision(editor)
    owner = Api(users["owner"], demo)
    assert owner.send("PATCH", "/initiatives/shift-left", {"progress": 10}).status_code == 200
    stale = editor.send("PATCH", "/initiatives/shift-left", {"progress": 20, "base_revision": read})
    assert stale.status_code == 409
    body = stale.json()
    at = AuditEvent.objects.filter(workspace=demo).latest("revision").at
    assert f"changed by owner at {at:%H:%M}: saved initiative shift-left" in body["detail"]
    assert body["current_revision"] == read + 1
    assert body["changes"][0]["by"] == "owner"
    assert _initiative(editor, "shift-left")["progress"] == 10, "the stale edit changed nothing"
    for method, path, payload in [
        ("POST", "/initiatives", {"name": "Late idea", "base_revision": read}),
        (
            "POST",
            "/initiatives/shift-left/dependencies",
            {"depends_on": "password-self-service", "base_revision": read},
        ),
        ("POST", "/initiatives/shift-left/milestones", {"name": "Late", "base_revision": read}),
        (
            "POST",
            "/initiatives/shift-left/change",
            {"action": "champion", "person": "cio", "base_revision": read},
        ),
    ]:
        assert editor.send(method, path, payload).status_code == 409, path
    fresh = editor.send("PATCH", "/initiatives/shift-left", {"progress": 20, "base_revision": read + 1})
    assert fresh.status_code == 200


def test_viewers_read_and_editors_write(viewer: Api) -> None:
    assert viewer.get("/roadmap").status_code == 200
    refused = viewer.send("POST", "/initiatives", {"name": "Not mine to add"})
    assert refused.status_code == 403
    assert "editor role" in refused.json()["detail"]


# --- the schema ---------------------------------------------------------------------------------

NEW_PATHS = {
    "/api/workspaces/{ws}/roadmap": {"get"},
    "/api/workspaces/{ws}/roadmap/open-gaps": {"get"},
    "/api/workspaces/{ws}/roadmap/suggestions": {"get"},
    "/api/workspaces/{ws}/roadmap/picture": {"get"},
    "/api/workspaces/{ws}/progress": {"get"},
    "/api/workspaces/{ws}/progress/next": {"get"},
    "/api/workspaces/{ws}/initiatives": {"post"},
    "/api/workspaces/{ws}/initiatives/from-gap": {"post"},
    "/api/workspaces/{ws}/initiatives/{initiative}": {"patch"},
    "/api/workspaces/{ws}/initiatives/{initiative}/dependencies": {"post"},
    "/api/workspaces/{ws}/initiatives/{initiative}/dependencies/{depends_on}": {"delete"},
    "/api/workspaces/{ws}/initiatives/{initiative}/milestones": {"post"},
    "/api/workspaces/{ws}/initiatives/{initiative}/milestones/{milestone}/done": {"post"},
    "/api/workspaces/{ws}/initiatives/{initiative}/change": {"post"},
    "/api/workspaces/{ws}/readiness": {"get"},
    "/api/workspaces/{ws}/readiness/questionnaires": {"get"},
    "/api/workspaces/{ws}/readiness/links": {"get"},
    "/api/workspaces/{ws}/readiness/responses": {"post"},
    "/api/readiness/link": {"get"},
    "/api/readiness/link/answers": {"post"},
    "/api/workspaces/{ws}/scenarios": {"get", "post"},
    "/api/workspaces/{ws}/scenarios/{scenario}": {"put", "delete"},
    "/api/workspaces/{ws}/scenarios/{scenario}/run": {"get"},
    "/api/workspaces/{ws}/scenarios/{scenario}/adopt": {"post"},
    "/api/workspaces/{ws}/comparison": {"get"},
    "/api/workspaces/{ws}/comparison/chart": {"get"},
}


def test_the_schema_is_valid_and_documents_every_new_endpoint(viewer: Api) -> None:
    validator = pytest.importorskip("openapi_spec_validator", reason="openapi-spec-validator is a dev extra")
    schema = viewer.client.get("/api/openapi.json").json()
    validator.validate(schema)
    for path, methods in NEW_PATHS.items():
        assert set(schema["paths"][path]) == methods, path
        for operation in schema["paths"][path].values():
            assert operation.get("description") or operation.get("summary"), path
    link = schema["paths"]["/api/readiness/link"]["get"]
    assert link["security"] == [{"SignedLink": []}]
    assert schema["components"]["securitySchemes"]["SignedLink"] == {
        "type": "apiKey",
        "in": "query",
        "name": "link",
    }
    roadmap = schema["paths"]["/api/workspaces/{ws}/roadmap"]["get"]
    assert roadmap["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RoadmapOut"
    }
    docs = viewer.client.get("/api/docs")
    assert docs.status_code == 200
    assert "/api/openapi.json" in docs.content.decode()
