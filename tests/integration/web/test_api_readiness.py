"""The readiness API on the demo organisation: scores and change warnings, questionnaires, answers
recorded by an editor, and the stakeholder link, which works without an account and only with its
signature."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import signing
from django.test import Client

from tomkit.analysis.readiness import readiness
from tomkit.demo import load_demo
from tomkit.web import store
from tomkit.web.models import ApiToken, AuditEvent, Membership, Workspace
from tomkit.web.views.readiness import SALT

pytestmark = pytest.mark.integration


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

    def get(self, path: str) -> Any:
        return self.client.get(self.base + path, headers=self.headers)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(self.base + path, json.dumps(body), "application/json", headers=self.headers)


@pytest.fixture
def editor(users: dict[str, User], demo: Workspace) -> Api:
    return Api(users["editor"], demo)


@pytest.fixture
def viewer(users: dict[str, User], demo: Workspace) -> Api:
    return Api(users["viewer"], demo)


def _score(api: Api, group: str, initiative: str) -> dict[str, Any]:
    return next(
        s
        for s in api.get("/readiness").json()["scores"]
        if (s["group"], s["initiative"]) == (group, initiative)
    )


def test_scores_and_warnings(viewer: Api) -> None:
    body = viewer.get("/readiness").json()
    assert body["ready_at"] == 70
    scores = {(s["group"], s["initiative"]): s for s in body["scores"]}
    assert len(scores) == len(readiness(load_demo())[0]) == 6
    claims = scores[("sh-claims", "major-incident")]
    assert claims["score"] == pytest.approx(80.0)
    assert claims["ready"] is True
    agents = scores[("sh-castlegate-agents", "itsm-go-live")]
    assert agents["score"] == pytest.approx(27.5)
    assert agents["ready"] is False
    assert agents["weakest"] in agents["by_area"]
    assert agents["initiative_name"]
    warnings = body["warnings"]
    codes = {(w["code"], w["subject"]) for w in warnings}
    assert ("group-not-ready", "sh-castlegate-agents") in codes
    assert ("group-without-communication", "sh-it-staff") in codes
    severities = [w["severity"] for w in warnings]
    assert severities == sorted(severities, key=lambda s: s == "info"), "infos come last, as on the page"


def test_questionnaires(viewer: Api) -> None:
    listed = viewer.get("/readiness/questionnaires").json()
    assert [q["id"] for q in listed] == ["adkar"]
    adkar = listed[0]
    assert adkar["scale"] == 5
    assert [q["id"] for q in adkar["questions"]] == ["aware", "desire", "know", "able", "sustain"]
    assert adkar["questions"][0]["area"] == "awareness"


def test_an_editor_records_answers(editor: Api, demo: Workspace) -> None:
    before = _score(editor, "sh-castlegate-agents", "itsm-go-live")
    recorded = editor.post(
        "/readiness/responses",
        {
            "group": "sh-castlegate-agents",
            "initiative": "itsm-go-live",
            "respondent": "Workshop 3",
            "date": "2026-01-05",
            "answers": {"aware": 5, "desire": 5, "know": 5, "able": 5, "sustain": 5},
            "base_revision": demo.revision,
        },
    )
    assert recorded.status_code == 201, recorded.content
    assert recorded.json()["summary"] == "readiness answers from sh-castlegate-agents"
    after = _score(editor, "sh-castlegate-agents", "itsm-go-live")
    assert after["responses"] == before["responses"] + 1
    assert after["score"] > before["score"]

    out_of_scale = editor.post("/readiness/responses", {"group": "sh-claims", "answers": {"aware": 9}})
    assert out_of_scale.status_code == 422
    assert "aware: 9 is outside 1-5" in out_of_scale.json()["detail"]
    unknown = editor.post(
        "/readiness/responses", {"group": "sh-claims", "questionnaire": "pulse", "answers": {"x": 1}}
    )
    assert unknown.status_code == 422
    assert "no questionnaire 'pulse'" in unknown.json()["detail"]
    bad_id = editor.post("/readiness/responses", {"group": "Not A Slug", "answers": {"aware": 3}})
    assert bad_id.status_code == 422


def test_a_stale_revision_is_refused(editor: Api, users: dict[str, User], demo: Workspace) -> None:
    read = demo.revision
    owner = Api(users["owner"], demo)
    assert (
        owner.post("/readiness/responses", {"group": "sh-claims", "answers": {"aware": 4}}).status_code == 201
    )
    stale = editor.post(
        "/readiness/responses", {"group": "sh-claims", "answers": {"aware": 2}, "base_revision": read}
    )
    assert stale.status_code == 409
    assert "changed by owner at " in stale.json()["detail"]


def test_links_are_for_editors(editor: Api, viewer: Api) -> None:
    links = editor.get("/readiness/links").json()
    tom = load_demo()
    assert len(links) == sum(len(i.change.affects) for i in tom.initiatives)
    first = links[0]
    assert (first["group"], first["initiative"]) == ("sh-exco", "select-platform")
    assert first["url"] == f"http://testserver/r/{first['token']}/"
    assert viewer.get("/readiness/links").status_code == 403


def _link_for(editor: Api, group: str, initiative: str) -> str:
    links = editor.get("/readiness/links").json()
    token: str = next(x["token"] for x in links if (x["group"], x["initiative"]) == (group, initiative))
    return token


def test_answering_through_a_link_without_an_account(editor: Api, demo: Workspace) -> None:
    token = _link_for(editor, "sh-it-staff", "itsm-go-live")
    stakeholder = Client()
    shown = stakeholder.get("/api/readiness/link", {"link": token})
    assert shown.status_code == 200
    questionnaire = shown.json()
    assert questionnaire["workspace"] == demo.name
    assert questionnaire["group"] == "sh-it-staff"
    assert questionnaire["initiative"] == "itsm-go-live"
    assert questionnaire["questionnaire"]["id"] == "adkar"

    answers = {"aware": 4, "desire": 4, "know": 3, "able": 3, "sustain": 4}
    posted = stakeholder.post(
        f"/api/readiness/link/answers?link={token}",
        json.dumps({"answers": answers, "respondent": "Ana"}),
        "application/json",
    )
    assert posted.status_code == 201, posted.content
    assert posted.json() == {"recorded": True, "answers": 5}
    event = AuditEvent.objects.filter(workspace=demo).latest("revision")
    assert event.summary == "readiness answers from sh-it-staff via link"
    assert event.actor is None
    score = _score(editor, "sh-it-staff", "itsm-go-live")
    assert score["responses"] >= 1
    response = editor.get("/document").json()["readiness"]["responses"][-1]
    assert response["group"] == "sh-it-staff"
    assert response["respondent"] == "Ana"
    assert response["answers"] == answers

    refused = stakeholder.post(
        f"/api/readiness/link/answers?link={token}", json.dumps({"answers": {"aware": 0}}), "application/json"
    )
    assert refused.status_code == 422


def test_the_link_needs_its_signature(editor: Api, demo: Workspace) -> None:
    stakeholder = Client()
    assert stakeholder.get("/api/readiness/link").status_code == 401
    token = _link_for(editor, "sh-it-staff", "itsm-go-live")
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert stakeholder.get("/api/readiness/link", {"link": tampered}).status_code == 401
    forged = signing.dumps({"ws": demo.slug, "group": "sh-exco", "initiative": None}, salt="another-salt")
    assert stakeholder.get("/api/readiness/link", {"link": forged}).status_code == 401
    body = json.dumps({"answers": {"aware": 5}})
    assert stakeholder.post("/api/readiness/link/answers", body, "application/json").status_code == 401
    count = AuditEvent.objects.filter(workspace=demo).count()
    assert (
        stakeholder.post(f"/api/readiness/link/answers?link={tampered}", body, "application/json").status_code
        == 401
    )
    assert AuditEvent.objects.filter(workspace=demo).count() == count, "nothing was recorded"
    # A member's token is no substitute for the link's signature.
    assert editor.client.get("/api/readiness/link", headers=editor.headers).status_code == 401
    # The page and the API take the same signed token.
    assert Client().get(f"/r/{token}/").status_code == 200
    same = signing.loads(token, salt=SALT)
    assert same == {"ws": demo.slug, "group": "sh-it-staff", "initiative": "itsm-go-live"}
