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
    ],
)
def test_page_renders(clients: dict[str, Client], workspace: Workspace, path: str, expected: str) -> None:
    response = clients["owner"].get(f"/w/{workspace.slug}/{path}")
    assert response.status_code == 200, response.content[:2000]
    assert expected in response.content.decode()
