"""The Evidence page: upload, confirm the mapping, see the evidence, apply it to the TOM."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tomkit.model import Tom
from tomkit.web import store
from tomkit.web.models import Membership, Workspace

pytestmark = pytest.mark.integration

DATA = Path(__file__).resolve().parents[2] / "data" / "mining"
TOM = {
    "name": "Service desk",
    "kpis": [{"id": "mttr-p1", "name": "MTTR P1", "unit": "hours", "baseline": 9.5,
              "source": {"kind": "mining", "dataset": "incidents", "metric": "median_resolution_hours",
                         "filters": {"priority": "1"}}}],
    "states": {
        "as-is": {"elements": [
            {"id": "ch-phone", "kind": "channel", "name": "Phone", "channel_type": "phone"},
            {"id": "sl", "kind": "service-level", "name": "SLA", "targets": [{"priority": "P1", "resolution_hours": 8}]},
        ]},
        "to-be": {"elements": [{"id": "incident", "kind": "practice", "name": "Incident", "rules": [
            {"id": "close-after-resolve", "template": "response", "activities": ["Resolved", "Closed"]}]}]},
    },
}  # fmt: skip


@pytest.fixture
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return tmp_path


@pytest.fixture
def workspace(db: None, data_dir: Path) -> Workspace:
    owner = User.objects.create_user("owner", password="x-long-password")
    ws = store.create_workspace(owner, Tom.model_validate(TOM), "for a test")
    for role in ("editor", "viewer"):
        Membership.objects.create(
            workspace=ws, user=User.objects.create_user(role, password="x-long-password"), role=role
        )
    return ws


def client(name: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=name))
    return c


def upload(c: Client, ws: Workspace) -> Any:
    data = {"log": SimpleUploadedFile("incidents.csv", (DATA / "servicenow.csv").read_bytes(), "text/csv")}
    return c.post(f"/w/{ws.slug}/mining/upload/", data)


def test_upload_preview_confirm_and_evidence(workspace: Workspace) -> None:
    editor = client("editor")
    empty = editor.get(f"/w/{workspace.slug}/mining/")
    assert empty.status_code == 200
    assert "No event logs yet" in empty.content.decode()
    preview = upload(editor, workspace)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert 'id="mapping"' in text
    assert "Preset servicenow" in text
    assert "%d/%m/%Y %H:%M" in text
    assert "2016-03-01 09:05:00 UTC" in text
    form = {"upload": "incidents.csv", "dataset": "incidents", "case": "number", "activity": "incident_state",
            "timestamp": "sys_updated_at", "timestamp_format": "%d/%m/%Y %H:%M", "timezone": "UTC",
            "resource": "assigned_to", "group": "assignment_group"}  # fmt: skip
    done = editor.post(f"/w/{workspace.slug}/mining/import/", form)
    assert done.status_code == 302
    page = editor.get(f"/w/{workspace.slug}/mining/?dataset=incidents&mode=performance&activities=3")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="process-map"' in text
    assert "<svg" in text
    assert 'id="variants"' in text
    assert 'id="handovers"' in text
    assert 'id="handover-map"' in text
    assert "Service Desk" in text
    assert "ping-pong in 1 cases" in text
    assert 'id="sla"' in text
    assert 'id="sla-chart"' in text
    assert "targets" in text
    assert "3 of 4 cases follow every rule" not in text
    assert "4 of 4 cases follow every rule" in text
    svg = editor.get(f"/w/{workspace.slug}/mining/incidents/map.svg?mode=frequency")
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"Resolved" in svg.content


def test_apply_sets_the_kpi_baseline_in_the_draft(workspace: Workspace) -> None:
    editor = client("editor")
    upload(editor, workspace)
    editor.post(f"/w/{workspace.slug}/mining/import/", {"upload": "incidents.csv", "dataset": "incidents",
        "case": "number", "activity": "incident_state", "timestamp": "sys_updated_at"})  # fmt: skip
    workspace.refresh_from_db()
    response = editor.post(
        f"/w/{workspace.slug}/mining/incidents/apply/",
        {"kpi": ["mttr-p1"], "facts": "1", "base_revision": str(workspace.revision)},
    )
    assert response.status_code == 302
    workspace.refresh_from_db()
    tom = workspace.tom()
    kpi = tom.kpi("mttr-p1")
    assert kpi is not None
    assert kpi.baseline == 2.0
    assert kpi.source.dataset == "incidents"
    phone = tom.states["as-is"].element("ch-phone")
    assert phone is not None
    assert phone.properties["mined_share"] == 0.5


def test_viewers_see_but_cannot_upload(workspace: Workspace) -> None:
    viewer = client("viewer")
    assert viewer.get(f"/w/{workspace.slug}/mining/").status_code == 200
    assert upload(viewer, workspace).status_code == 403
    assert 'id="mining-upload"' not in viewer.get(f"/w/{workspace.slug}/mining/").content.decode()


def test_a_bad_file_is_a_message(workspace: Workspace) -> None:
    editor = client("editor")
    data = {"log": SimpleUploadedFile("odd.csv", b"a,b\n1,2\n", "text/csv")}
    preview = editor.post(f"/w/{workspace.slug}/mining/upload/", data)
    assert preview.status_code == 200
    assert "no case, activity and timestamp" in preview.content.decode()


def test_conformance_checks_the_practices_the_log_covers(workspace: Workspace) -> None:
    data = dict(TOM)
    data["states"] = {**TOM["states"], "to-be": {"elements": [
        {"id": "incident", "kind": "practice", "name": "Incident", "rules": [
            {"id": "close-after-resolve", "template": "response", "activities": ["Resolved", "Closed"]}]},
        {"id": "hr", "kind": "practice", "name": "HR", "rules": [
            {"id": "hr-review", "template": "response", "activities": ["Closed", "Case reviewed"]}]},
    ]}}  # fmt: skip
    store.replace_draft(
        workspace.pk, User.objects.get(username="owner"), Tom.model_validate(data), "edit", "rules"
    )
    editor = client("editor")
    upload(editor, workspace)
    editor.post(f"/w/{workspace.slug}/mining/import/", {"upload": "incidents.csv", "dataset": "incidents",
        "case": "number", "activity": "incident_state", "timestamp": "sys_updated_at"})  # fmt: skip
    default = editor.get(f"/w/{workspace.slug}/mining/?dataset=incidents").content.decode()
    assert "close-after-resolve" in default
    assert "hr-review" not in default
    everything = editor.get(f"/w/{workspace.slug}/mining/?dataset=incidents&practice=*").content.decode()
    assert "hr-review" in everything


def test_the_demo_dataset_shows_on_the_evidence_page(workspace: Workspace) -> None:
    from tomkit.web.mining_demo import add_demo_dataset

    path = add_demo_dataset(workspace.slug, incidents=200, seed=3)
    assert path.name == "northwind-incidents.parquet"
    text = client("viewer").get(f"/w/{workspace.slug}/mining/").content.decode()
    assert "northwind-incidents" in text
    assert 'id="process-map"' in text


def test_conformance_shows_each_rules_scope(workspace: Workspace) -> None:
    data = dict(TOM)
    data["states"] = {**TOM["states"], "to-be": {"elements": [
        {"id": "incident", "kind": "practice", "name": "Incident", "rules": [
            {"id": "close-after-resolve", "template": "response", "activities": ["Resolved", "Closed"]},
            {"id": "urgent-in-4h", "template": "response", "activities": ["New", "Resolved"], "within_hours": 4,
             "where": {"priority": ["1 - Critical", "2 - High"]}},
            {"id": "by-team", "template": "response", "activities": ["Resolved", "Closed"],
             "where": {"team": "L1"}}]},
    ]}}  # fmt: skip
    store.replace_draft(
        workspace.pk, User.objects.get(username="owner"), Tom.model_validate(data), "edit", "rules"
    )
    editor = client("editor")
    upload(editor, workspace)
    editor.post(f"/w/{workspace.slug}/mining/import/", {"upload": "incidents.csv", "dataset": "incidents",
        "case": "number", "activity": "incident_state", "timestamp": "sys_updated_at"})  # fmt: skip
    text = editor.get(f"/w/{workspace.slug}/mining/?dataset=incidents").content.decode()
    rows = dict(re.findall(r'<tr data-rule="([^"]+)">(.*?)</tr>', text))
    assert set(rows) == {"close-after-resolve", "urgent-in-4h", "by-team"}
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", rows["urgent-in-4h"])]
    assert cells[:7] == ["incident", "urgent-in-4h", "priority = 1 - Critical or 2 - High", "2", "1", "50%",
                         "INC0000004"]  # fmt: skip
    assert "every case" in rows["close-after-resolve"]
    assert (
        "not checked: the log has no attribute &#x27;team&#x27; for the rule&#x27;s scope" in rows["by-team"]
    )
    assert "3 of 4 cases follow every rule that applies to them" in text
