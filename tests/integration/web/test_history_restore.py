"""Pages whose filters push their URL answer htmx with a fragment, but a history restore gets the page."""

from __future__ import annotations

import pytest
from django.test import Client

from tomkit.web.models import Workspace

pytestmark = pytest.mark.integration

HTMX = {"HTTP_HX_REQUEST": "true"}
RESTORE = {**HTMX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}


@pytest.mark.parametrize("path", ["audit/?action=create", "design/?state=to-be&q=desk"])
def test_a_history_restore_gets_the_whole_page(
    clients: dict[str, Client], workspace: Workspace, path: str
) -> None:
    url = f"/w/{workspace.slug}/{path}"
    fragment = clients["viewer"].get(url, **HTMX).content.decode()  # type: ignore[arg-type]
    assert "<html" not in fragment
    restored = clients["viewer"].get(url, **RESTORE).content.decode()  # type: ignore[arg-type]
    assert "<html" in restored
    assert "<nav" in restored or "Overview" in restored
