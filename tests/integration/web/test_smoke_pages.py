"""Every page renders for a member, with the values of the TOM in it."""

from __future__ import annotations

import pytest
from django.test import Client

from tomkit.web.models import Workspace

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("", "Service desk model"),
        ("design/?state=as-is", "Remedy"),
        ("design/as-is/desk/", "Service Desk"),
        ("design/as-is/desk/edit/", "Fte"),
        ("design/to-be/new/?kind=channel", "Volume per month"),
        ("compare/", "Portal"),
        ("gaps/", "heatmap"),
        ("canvas/?state=to-be", "<svg"),
        ("map/?state=as-is", "graph-data"),
        ("value-streams/", "No value streams"),
        ("feedback/", "Feedback inbox"),
        ("versions/", "No versions yet"),
        ("versions/diff/", "What changed"),
        ("audit/", "created for a test"),
        ("members/", "editor"),
        ("details/", "Next review"),
        ("health/", "Health"),
        ("design/as-is/remedy/impact/", "Service Desk"),
        ("pictures/canvas.svg?state=as-is", "<svg"),
        ("pictures/map.svg?state=as-is", "<svg"),
        ("pictures/side-by-side.svg", "<svg"),
        ("pictures/heatmap.svg", "<svg"),
        ("pictures/people.svg", "<svg"),
        ("pictures/impact.svg?state=as-is&element=remedy", "<svg"),
    ],
)
def test_page_renders(clients: dict[str, Client], workspace: Workspace, path: str, expected: str) -> None:
    response = clients["owner"].get(f"/w/{workspace.slug}/{path}")
    assert response.status_code == 200, response.content[:2000]
    assert expected in response.content.decode()


def test_png_download_is_a_png(clients: dict[str, Client], workspace: Workspace) -> None:
    response = clients["viewer"].get(f"/w/{workspace.slug}/pictures/canvas.png?state=to-be&download=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert "attachment" in response["Content-Disposition"]


def test_unknown_picture_is_404(clients: dict[str, Client], workspace: Workspace) -> None:
    assert clients["viewer"].get(f"/w/{workspace.slug}/pictures/nope.svg").status_code == 404


def test_htmx_request_gets_only_the_fragment(clients: dict[str, Client], workspace: Workspace) -> None:
    url = f"/w/{workspace.slug}/design/?state=as-is&dimension=technology"
    full = clients["viewer"].get(url).content.decode()
    fragment = clients["viewer"].get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in full
    assert "<html" not in fragment
    assert "Remedy" in fragment
    assert "Service Desk" not in fragment
