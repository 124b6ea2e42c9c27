"""In a real browser: an editor renames a plateau on the Overview, is told why it cannot be removed
while an initiative targets it, and an owner deletes the workspace after typing its name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tomkit.model import Tom
from tomkit.web import store
from tomkit.web.models import Workspace

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def owner() -> User:
    return User.objects.create_user("olga", password="not-used-here")


@pytest.fixture
def workspace(owner: User) -> Workspace:
    desk = {"id": "desk", "kind": "team", "name": "Service desk"}
    tom = Tom.model_validate(
        {
            "name": "Plateaus",
            "states": {"as-is": {"elements": [desk]}, "wave-1": {"elements": [desk]}, "to-be": {}},
            "initiatives": [{"id": "portal", "name": "Open the portal", "target_state": "wave-1"}],
        }
    )
    return store.create_workspace(owner, tom, "states in the browser")


def _logged_in(browser: Any, live_server: Any, user: User) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def test_rename_a_plateau_then_delete_the_workspace(
    live_server: Any, chromium_browser: Any, owner: User, workspace: Workspace, screenshot_dir: Path
) -> None:
    page = _logged_in(chromium_browser, live_server, owner)
    page.goto(f"{live_server.url}/w/{workspace.slug}/")
    row = page.locator("tr", has_text="wave-1")
    row.locator("summary", has_text="Rename").click()
    row.locator("input[name=new_name]").fill("pilot")
    row.locator("input[name=label]").fill("Pilot (2027)")
    row.locator("button", has_text="Save").click()
    page.wait_for_selector("text=Renamed state 'wave-1' to 'pilot'.")
    assert page.locator("a", has_text="Pilot (2027)").count() == 1
    workspace.refresh_from_db()
    assert workspace.tom().initiatives[0].target_state == "pilot"

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("tr", has_text="pilot").locator("button", has_text="Remove").click()
    page.wait_for_selector(".messages")
    assert "initiative 'Open the portal'" in page.inner_text(".messages")
    page.screenshot(path=str(screenshot_dir / "states-refused-removal.png"))

    page.goto(f"{live_server.url}/w/{workspace.slug}/members/")
    page.click("text=Delete this workspace")
    page.fill("input[name=confirm]", "plateau")
    page.click("button.danger")
    assert "Type plateaus to confirm." in page.inner_text(".errors")
    page.fill("input[name=confirm]", workspace.slug)
    page.click("button.danger")
    page.wait_for_selector("text=Deleted the workspace Plateaus.")
    assert not Workspace.objects.filter(pk=workspace.pk).exists()
