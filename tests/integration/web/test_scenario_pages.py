"""The Scenarios page: comparison, charts, the editor, adopting a scenario, and who may do what."""

from __future__ import annotations

import pytest
from django.test import Client

from tomkit.model import Channel
from tomkit.web.models import Workspace

pytestmark = pytest.mark.integration

SHIFT = "- {op: shift-volume, from: phone, to: portal, share: 0.4}\n"


def url(workspace: Workspace, rest: str = "") -> str:
    return f"/w/{workspace.slug}/scenarios/{rest}"


def test_the_page_compares_the_as_is_and_draws_its_staffing(
    workspace: Workspace, clients: dict[str, Client]
) -> None:
    response = clients["viewer"].get(url(workspace))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="comparison"' in text
    assert "FTE required" in text
    assert 'id="chart-staffing"' in text
    assert "<svg" in text
    assert "No scenarios yet." in text
    assert 'id="scenario-form"' not in text  # viewers cannot edit


def test_an_editor_saves_compares_and_adopts_a_scenario(
    workspace: Workspace, clients: dict[str, Client]
) -> None:
    editor = clients["editor"]
    data = {"id": "portal-push", "name": "Portal push", "base": "to-be", "overrides": SHIFT,
            "base_revision": str(workspace.revision)}  # fmt: skip
    assert editor.post(url(workspace, "save/"), data).status_code == 302
    workspace.refresh_from_db()
    tom = workspace.tom()
    assert [s.id for s in tom.scenarios] == ["portal-push"]
    page = editor.get(url(workspace) + "?run=to-be&run=portal-push&simulate=1").content.decode()
    assert "Portal push" in page
    assert 'id="chart-waterfall"' in page
    assert "mean resolution" in page
    assert 'id="chart-resolution"' in page
    assert "num better" in page or "num worse" in page
    assert editor.post(url(workspace, "portal-push/adopt/"), {"into": "to-be"}).status_code == 302
    workspace.refresh_from_db()
    phone = workspace.tom().states["to-be"].element("phone")
    assert isinstance(phone, Channel)
    assert phone.volume_per_month == pytest.approx(3000)


def test_bad_scenarios_are_refused_with_a_message(workspace: Workspace, clients: dict[str, Client]) -> None:
    editor = clients["editor"]
    bad = {
        "id": "x",
        "name": "X",
        "base": "to-be",
        "overrides": "- {op: shift-volume, from: fax, to: portal, share: 0.4}",
    }
    response = editor.post(url(workspace, "save/"), bad, follow=True)
    assert "no channel &#x27;fax&#x27;" in response.content.decode()
    workspace.refresh_from_db()
    assert workspace.tom().scenarios == []
    unknown_op = {"id": "y", "name": "Y", "base": "to-be", "overrides": "- {op: teleport}"}
    assert "Not saved" in editor.post(url(workspace, "save/"), unknown_op, follow=True).content.decode()


def test_viewers_cannot_change_scenarios(workspace: Workspace, clients: dict[str, Client]) -> None:
    data = {"id": "v", "name": "V", "base": "to-be", "overrides": SHIFT}
    assert clients["viewer"].post(url(workspace, "save/"), data).status_code == 403
    assert clients["stranger"].get(url(workspace)).status_code in (403, 404)
