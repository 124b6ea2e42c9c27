"""The scenarios API on the demo organisation, with a script's token: runs with staffing, cost and
service levels, the comparison and its charts, definitions created, replaced and deleted, and a
scenario adopted into the to-be."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tomkit.demo import load_demo
from tomkit.scenarios import compare, run
from tomkit.web import store
from tomkit.web.models import ApiToken, AuditEvent, Membership, Workspace

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

    def get(self, path: str, query: Any = None) -> Any:
        return self.client.get(self.base + path, query or {}, headers=self.headers)

    def send(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body or {})
        return self.client.generic(method, self.base + path, data, "application/json", headers=self.headers)


@pytest.fixture
def editor(users: dict[str, User], demo: Workspace) -> Api:
    return Api(users["editor"], demo)


@pytest.fixture
def viewer(users: dict[str, User], demo: Workspace) -> Api:
    return Api(users["viewer"], demo)


def _channel_volumes(api: Api, state: str) -> dict[str, float]:
    elements = api.get(f"/states/{state}/elements").json()
    return {e["id"]: e["volume_per_month"] for e in elements if e["kind"] == "channel"}


def test_list(viewer: Api) -> None:
    listed = viewer.get("/scenarios").json()
    assert listed["available"] == [
        "as-is",
        "asis-shift-30-to-portal",
        "tobe-slow-adoption",
        "tobe-chat-30s",
        "tobe-lisbon-late-shift",
        "wave-1",
        "to-be",
    ]
    assert listed["states"] == ["as-is", "wave-1", "to-be"]
    first = listed["scenarios"][0]
    assert first["id"] == "asis-shift-30-to-portal"
    assert first["base"] == "as-is"
    assert first["overrides"][0] == {
        "op": "shift-volume",
        "from": "ch-phone",
        "to": "ch-portal",
        "share": 0.3,
    }


def test_run_gives_fte_and_cost_per_contact(viewer: Api) -> None:
    response = viewer.get("/scenarios/tobe-chat-30s/run")
    assert response.status_code == 200
    result = response.json()
    expected = run(load_demo(), "tobe-chat-30s").staffing
    assert result["fte"] == pytest.approx(expected.fte)
    assert result["fte"] == pytest.approx(40.03, abs=0.01)
    assert result["cost_per_contact"] == pytest.approx(5.64, abs=0.01)
    assert result["contacts_per_month"] == pytest.approx(6387.0)
    channels = {c["channel"]: c for c in result["channels"]}
    assert channels["ch-phone"]["method"] == "erlang-c"
    assert channels["ch-phone"]["fte"] == pytest.approx(5.33, abs=0.01)
    assert channels["ch-email"]["method"] == "backlog"
    assert channels["ch-phone"]["hourly"] is None
    assert result["teams"], "teams are staffed too"
    assert result["simulation"] is None

    hourly = viewer.get("/scenarios/tobe-chat-30s/run", {"hourly": "true"}).json()
    phone = next(c for c in hourly["channels"] if c["channel"] == "ch-phone")
    assert len(phone["hourly"]["agents"]) == 168

    as_is = viewer.get("/scenarios/as-is/run").json()
    assert as_is["fte"] == pytest.approx(58.36, abs=0.01), "a state runs as it is"
    assert as_is["cost_per_contact"] > result["cost_per_contact"]
    assert viewer.get("/scenarios/no-such/run").status_code == 404


def test_run_with_simulation(viewer: Api) -> None:
    result = viewer.get("/scenarios/as-is/run", {"simulate": "true"}).json()
    simulation = result["simulation"]
    assert (simulation["weeks"], simulation["replications"]) == (8, 3)
    desk = next(s for s in simulation["segments"] if s["channel"] == "all" and s["priority"] is None)
    assert 0 < desk["answered_in_target"]["mean"] <= 1
    assert desk["mean_resolution_hours"]["mean"] > 0


def test_compare(viewer: Api) -> None:
    table = viewer.get("/comparison", {"run": ["as-is", "tobe-chat-30s"]}).json()
    assert table["runs"] == ["as-is", "tobe-chat-30s"]
    tom = load_demo()
    expected = compare([run(tom, "as-is"), run(tom, "tobe-chat-30s")])
    rows = {(r["section"], r["measure"]): r for r in table["rows"]}
    fte = rows[("desk", "FTE required")]
    assert fte["values"] == pytest.approx(list(expected.row("FTE required").values))
    assert fte["better"] == "lower"
    assert rows[("desk", "cost per contact")]["values"][1] == pytest.approx(5.64, abs=0.01)

    everything = viewer.get("/comparison").json()
    assert everything["runs"] == [
        "as-is",
        "asis-shift-30-to-portal",
        "tobe-slow-adoption",
        "tobe-chat-30s",
        "tobe-lisbon-late-shift",
    ]
    unknown = viewer.get("/comparison", {"run": ["as-is", "nope"]})
    assert unknown.status_code == 422
    assert "'nope'" in unknown.json()["detail"]


@pytest.mark.parametrize("chart", ["staffing", "curve", "waterfall"])
def test_charts(viewer: Api, chart: str) -> None:
    svg = viewer.get("/comparison/chart", {"chart": chart, "run": ["as-is", "tobe-chat-30s"]})
    assert svg.status_code == 200, svg.content
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in svg.content[:2000]


def test_chart_refusals_and_png(viewer: Api) -> None:
    one = viewer.get("/comparison/chart", {"chart": "waterfall", "run": ["as-is"]})
    assert one.status_code == 400
    assert "needs two runs" in one.json()["detail"]
    png = viewer.get("/comparison/chart", {"chart": "staffing", "run": ["as-is"], "format": "png"})
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_define_replace_and_delete(editor: Api, demo: Workspace) -> None:
    body = {
        "id": "phone-halved",
        "name": "Half the phone calls",
        "base": "to-be",
        "overrides": [{"op": "scale-volume", "channel": "ch-phone", "factor": 0.5}],
        "base_revision": demo.revision,
    }
    created = editor.send("POST", "/scenarios", body)
    assert created.status_code == 201, created.content
    assert created.json()["overrides"] == [{"op": "scale-volume", "channel": "ch-phone", "factor": 0.5}]
    event = AuditEvent.objects.filter(workspace=demo).latest("revision")
    assert (event.action, event.summary) == ("scenario", "scenario 'phone-halved' saved")
    halved = editor.get("/scenarios/phone-halved/run").json()
    phone = next(c for c in halved["channels"] if c["channel"] == "ch-phone")
    assert phone["contacts_per_month"] == pytest.approx(350.0)

    assert editor.send("POST", "/scenarios", body).status_code == 409

    replaced = editor.send(
        "PUT",
        "/scenarios/phone-halved",
        {
            "name": "A quarter fewer calls",
            "base": "to-be",
            "overrides": [{"op": "scale-volume", "channel": "ch-phone", "factor": 0.75}],
        },
    )
    assert replaced.status_code == 200
    ids = [s["id"] for s in editor.get("/scenarios").json()["scenarios"]]
    assert ids.count("phone-halved") == 1
    rerun = editor.get("/scenarios/phone-halved/run").json()
    assert next(c for c in rerun["channels"] if c["channel"] == "ch-phone")[
        "contacts_per_month"
    ] == pytest.approx(525.0)

    unknown_channel = editor.send(
        "PUT",
        "/scenarios/phone-halved",
        {
            "name": "x",
            "base": "to-be",
            "overrides": [{"op": "scale-volume", "channel": "ch-fax", "factor": 2}],
        },
    )
    assert unknown_channel.status_code == 422
    assert "ch-fax" in unknown_channel.json()["detail"]
    bad_op = editor.send(
        "PUT", "/scenarios/phone-halved", {"name": "x", "base": "to-be", "overrides": [{"op": "teleport"}]}
    )
    assert bad_op.status_code == 422

    deleted = editor.send("DELETE", "/scenarios/phone-halved")
    assert deleted.status_code == 200
    assert "phone-halved" not in [s["id"] for s in editor.get("/scenarios").json()["scenarios"]]
    assert editor.send("DELETE", "/scenarios/phone-halved").status_code == 404


def test_adopting_a_scenario_changes_the_to_be(editor: Api) -> None:
    before = _channel_volumes(editor, "to-be")
    assert (before["ch-phone"], before["ch-portal"]) == (700, 2900)
    adopted = editor.send("POST", "/scenarios/tobe-slow-adoption/adopt", {})
    assert adopted.status_code == 200, adopted.content
    assert adopted.json()["summary"] == "scenario 'tobe-slow-adoption' written into 'to-be'"
    after = _channel_volumes(editor, "to-be")
    assert after["ch-portal"] == pytest.approx(2900 * 0.67)
    assert after["ch-phone"] == pytest.approx(700 + 2900 * 0.33)
    assert after["ch-email"] == before["ch-email"]

    into_nowhere = editor.send("POST", "/scenarios/tobe-slow-adoption/adopt", {"into": "future"})
    assert into_nowhere.status_code == 422
    assert editor.send("POST", "/scenarios/nope/adopt", {}).status_code == 404


def test_a_stale_revision_is_refused(editor: Api, users: dict[str, User], demo: Workspace) -> None:
    read = demo.revision
    owner = Api(users["owner"], demo)
    assert owner.send("DELETE", "/scenarios/tobe-chat-30s").status_code == 200
    stale = editor.send("POST", "/scenarios/tobe-slow-adoption/adopt", {"base_revision": read})
    assert stale.status_code == 409
    assert "changed by owner at " in stale.json()["detail"]
    assert "scenario 'tobe-chat-30s' deleted" in stale.json()["detail"]
    assert _channel_volumes(editor, "to-be")["ch-portal"] == 2900, "nothing was written"
    assert editor.send("DELETE", f"/scenarios/tobe-lisbon-late-shift?base_revision={read}").status_code == 409
    body = {"name": "x", "base": "to-be", "base_revision": read}
    assert editor.send("PUT", "/scenarios/tobe-lisbon-late-shift", body).status_code == 409


def test_viewers_cannot_change_scenarios(viewer: Api) -> None:
    assert viewer.get("/scenarios").status_code == 200
    assert viewer.send("POST", "/scenarios/tobe-slow-adoption/adopt", {}).status_code == 403
    assert viewer.send("DELETE", "/scenarios/tobe-slow-adoption").status_code == 403
