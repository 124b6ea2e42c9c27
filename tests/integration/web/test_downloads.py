"""Deliverable downloads (each format read back with its own library), the "preparing…" step, version
snapshots, roles, and creating a workspace from a workbook or an ArchiMate file."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from lxml import etree
from pptx import Presentation
from ruamel.yaml import YAML

from tomkit.formats.archimate import to_archimate
from tomkit.formats.xlsx import to_xlsx
from tomkit.model import Tom
from tomkit.model.operations import UpdateElement
from tomkit.web import store
from tomkit.web.models import Membership, Workspace
from tomkit.web.server import load_demo_data

pytestmark = pytest.mark.integration

TODAY = "2026-11-26"
ARCHIMATE_NS = "http://www.opengroup.org/xsd/archimate/3.0/"


@pytest.fixture
def demo(db: None, fast_passwords: None) -> Workspace:
    cache.clear()
    return Workspace.objects.get(slug=load_demo_data())


def _client(workspace: Workspace, role: str) -> Client:
    client = Client()
    client.force_login(Membership.objects.get(workspace=workspace, role=role).user)
    return client


@pytest.mark.slow
def test_every_format_of_the_demo_downloads_and_reads_back(demo: Workspace) -> None:
    client = _client(demo, "viewer")
    tom = demo.tom()
    got = {}
    for fmt, extension, content_type in (
        ("pdf", "pdf", "application/pdf"),
        ("pptx", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("archimate", "xml", "application/xml"),
        ("md", "md", "text/markdown; charset=utf-8"),
        ("yaml", "yaml", "application/yaml; charset=utf-8"),
        ("json", "json", "application/json; charset=utf-8"),
    ):
        response = client.get(f"/w/{demo.slug}/download/{fmt}?today={TODAY}")
        assert response.status_code == 200, fmt
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{demo.slug}-draft.{extension}"'
        got[fmt] = response.content
        assert int(response["Content-Length"]) == len(response.content)

    assert got["pdf"].startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=got["pdf"], capture_output=True, check=True
        ).stdout.decode()
        assert tom.name in text
        assert "Executive summary" in text
    deck = Presentation(io.BytesIO(got["pptx"]))
    assert len(deck.slides) == 14
    first = [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame]
    assert first[0].startswith(tom.name)
    book = openpyxl.load_workbook(io.BytesIO(got["xlsx"]))
    assert {"About", "States", "Relations", "KPIs", "Initiatives", "Gaps"} <= set(book.sheetnames)
    assert book["KPIs"].max_row - 1 == len(tom.kpis)
    root = etree.fromstring(got["archimate"])
    assert root.tag == f"{{{ARCHIMATE_NS}}}model"
    plateaus = root.findall(
        f".//{{{ARCHIMATE_NS}}}element[@{{http://www.w3.org/2001/XMLSchema-instance}}type='Plateau']"
    )
    assert len(plateaus) == len(tom.states)
    markdown = got["md"].decode()
    assert markdown.startswith(f"# {tom.name}")
    assert "## Why we are changing" in markdown
    assert YAML(typ="safe").load(got["yaml"].decode())["name"] == tom.name
    assert json.loads(got["json"])["name"] == tom.name
    assert Tom.model_validate(json.loads(got["json"])) == tom


def test_a_version_downloads_its_own_snapshot(
    workspace: Workspace, users: dict[str, User], clients: dict[str, Client]
) -> None:
    store.save_version(workspace, users["owner"], "baseline")
    workspace.refresh_from_db()
    change = UpdateElement(state="to-be", element_id="desk", changes={"fte": 9})
    store.apply_operation(workspace.pk, users["owner"], change, workspace.revision)
    old = clients["viewer"].get(f"/w/{workspace.slug}/versions/1/download/xlsx")
    new = clients["viewer"].get(f"/w/{workspace.slug}/download/xlsx")
    assert old["Content-Disposition"] == f'attachment; filename="{workspace.slug}-v1.xlsx"'
    assert new["Content-Disposition"] == f'attachment; filename="{workspace.slug}-draft.xlsx"'

    def desk_fte(data: bytes) -> object:
        sheet = openpyxl.load_workbook(io.BytesIO(data))["People & organisation"]
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2, values_only=True):
            if row[header.index("state")] == "to-be" and row[header.index("id")] == "desk":
                return row[header.index("fte")]
        return None

    assert (desk_fte(old.content), desk_fte(new.content)) == (14, 9)
    markdown = clients["viewer"].get(f"/w/{workspace.slug}/versions/1/download/md").content.decode()
    assert markdown.startswith("# Service desk model")
    assert clients["viewer"].get(f"/w/{workspace.slug}/versions/7/download/md").status_code == 404
    page = clients["viewer"].get(f"/w/{workspace.slug}/versions/1/").content.decode()
    assert f'href="/w/{workspace.slug}/versions/1/download/pdf"' in page


def test_the_buttons_are_on_the_overview_and_show_preparing(
    workspace: Workspace, clients: dict[str, Client]
) -> None:
    page = clients["viewer"].get(f"/w/{workspace.slug}/").content.decode()
    for fmt in ("pdf", "pptx", "xlsx", "archimate", "md", "yaml", "json"):
        assert f'data-format="{fmt}" href="/w/{workspace.slug}/download/{fmt}' in page
    assert 'hx-get="/w/' in page
    assert "preparing…" in page


def test_the_preparing_step_makes_the_file_once_then_sends_the_browser_to_it(
    workspace: Workspace, clients: dict[str, Client]
) -> None:
    cache.clear()
    url = f"/w/{workspace.slug}/download/xlsx"
    ready = clients["viewer"].get(f"{url}?today={TODAY}", HTTP_HX_REQUEST="true")
    assert ready.status_code == 200
    assert ready.content == b""
    assert json.loads(ready["HX-Trigger"]) == {"tomkit:download": {"url": f"{url}?today={TODAY}"}}
    kept = cache.get(f"tomkit-deliverable:{workspace.content_key}:xlsx:{TODAY}")
    assert kept is not None
    assert clients["viewer"].get(f"{url}?today={TODAY}").content == kept


def test_downloads_follow_membership(workspace: Workspace, clients: dict[str, Client]) -> None:
    for role in ("owner", "editor", "reviewer", "viewer"):
        assert clients[role].get(f"/w/{workspace.slug}/download/md").status_code == 200
    assert clients["stranger"].get(f"/w/{workspace.slug}/download/md").status_code == 404
    assert Client().get(f"/w/{workspace.slug}/download/md").status_code == 302
    assert clients["viewer"].get(f"/w/{workspace.slug}/download/docx").status_code == 404


def test_download_api(workspace: Workspace, clients: dict[str, Client]) -> None:
    api = f"/api/workspaces/{workspace.slug}"
    response = clients["viewer"].get(f"{api}/downloads/archimate")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert etree.fromstring(response.content).tag == f"{{{ARCHIMATE_NS}}}model"
    assert clients["stranger"].get(f"{api}/downloads/archimate").status_code == 404
    assert Client().get(f"{api}/downloads/archimate").status_code == 401
    assert clients["viewer"].get(f"{api}/downloads/docx").status_code == 422


def test_create_a_workspace_from_a_workbook(clients: dict[str, Client], tom: Tom) -> None:
    upload = SimpleUploadedFile("model.xlsx", to_xlsx(tom))
    response = clients["stranger"].post("/new/", {"source": "upload", "file": upload})
    assert response.status_code == 302
    created = Workspace.objects.get(name="Service desk model")
    assert created.tom() == tom
    assert created.events.get().summary == "created from model.xlsx"


def test_a_bad_cell_is_shown_with_its_sheet_and_cell(clients: dict[str, Client], tom: Tom) -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(tom)))
    sheet = book["People & organisation"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("fte") + 1, value="eighteen")
    data = io.BytesIO()
    book.save(data)
    response = clients["stranger"].post(
        "/new/", {"source": "upload", "file": SimpleUploadedFile("team.xlsx", data.getvalue())}
    )
    html = response.content.decode()
    assert response.status_code == 400
    column = openpyxl.utils.get_column_letter(header.index("fte") + 1)
    assert (
        f"team.xlsx, sheet &#x27;People &amp; organisation&#x27;, cell {column}2: "
        "states.as-is.elements[0].fte: expected a number, got &#x27;eighteen&#x27;"
    ) in html
    assert not Workspace.objects.exists()


def test_create_from_archimate_and_its_errors(clients: dict[str, Client], tom: Tom) -> None:
    upload = SimpleUploadedFile("model.xml", to_archimate(tom))
    assert clients["stranger"].post("/new/", {"source": "upload", "file": upload}).status_code == 302
    assert Workspace.objects.get(name="Service desk model").tom() == tom
    broken = SimpleUploadedFile("broken.xml", b"<model><unclosed></model>")
    response = clients["stranger"].post("/new/", {"source": "upload", "file": broken})
    assert response.status_code == 400
    assert "broken.xml:1: not well-formed XML" in response.content.decode()
    not_a_book = SimpleUploadedFile("notes.xlsx", b"plain text")
    response = clients["stranger"].post("/new/", {"source": "upload", "file": not_a_book})
    assert response.status_code == 400
    assert "not an Excel workbook (.xlsx)" in response.content.decode()
