"""Creating workspaces (empty, upload, errors pointing at the line) and exporting them."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tomkit import formats
from tomkit.web.models import Membership, Workspace

pytestmark = pytest.mark.integration

GOOD = """tomkit: 1
name: Uploaded model
states:
  as-is:
    elements:
      - {id: desk, kind: team, name: Desk, fte: 4}
  to-be: {}
"""

BAD = """tomkit: 1
name: Broken model
states:
  as-is:
    elements:
      - {id: desk, kind: team, name: Desk, fte: -4}
"""


def test_create_empty(clients: dict[str, Client]) -> None:
    response = clients["stranger"].post("/new/", {"source": "empty", "name": "Blank slate"})
    assert response.status_code == 302
    ws = Workspace.objects.get(name="Blank slate")
    assert ws.tom().state_names == ["as-is", "to-be"]
    assert Membership.objects.get(workspace=ws).role == "owner"


def test_create_from_upload(clients: dict[str, Client]) -> None:
    upload = SimpleUploadedFile("model.yaml", GOOD.encode())
    response = clients["stranger"].post("/new/", {"source": "upload", "file": upload})
    assert response.status_code == 302
    assert Workspace.objects.get(name="Uploaded model").tom().states["as-is"].element("desk") is not None


def test_upload_errors_point_at_the_line(clients: dict[str, Client]) -> None:
    upload = SimpleUploadedFile("broken.yaml", BAD.encode())
    response = clients["stranger"].post("/new/", {"source": "upload", "file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "broken.yaml:6:" in html
    assert "fte" in html
    assert '<span class="bad">   6 |       - {id: desk, kind: team, name: Desk, fte: -4}</span>' in html
    assert not Workspace.objects.filter(name="Broken model").exists()


def test_export_round_trips(clients: dict[str, Client], workspace: Workspace) -> None:
    yaml_text = clients["viewer"].get(f"/w/{workspace.slug}/export.yaml").content.decode()
    assert formats.loads(yaml_text, "yaml").to_data() == workspace.tom().to_data()
    data = json.loads(clients["viewer"].get(f"/w/{workspace.slug}/export.json").content)
    assert data == workspace.tom().to_data()
