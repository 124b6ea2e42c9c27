"""In a real browser: a long dimension on the Design page pages in place with htmx, the address follows
each page so the back button and bookmarks work, and the same links work with JavaScript off."""

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

STATUS = "#dim-technology .pager-status"


@pytest.fixture
def viewer() -> User:
    return User.objects.create_user("pat", password="not-used-here")


@pytest.fixture
def workspace(viewer: User) -> Workspace:
    tools = [{"id": f"t{n:03}", "kind": "tool", "name": f"Tool {n:03}"} for n in range(1, 151)]
    tom = Tom.model_validate(
        {
            "name": "Many tools",
            "states": {"as-is": {"elements": [*tools, {"id": "leeds", "kind": "site", "name": "Leeds"}]}},
        }
    )
    return store.create_workspace(viewer, tom, "paging in the browser")


def _logged_in(browser: Any, live_server: Any, user: User, *, javascript: bool = True) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def _first_id(page: Any) -> str:
    return str(page.inner_text("#dim-technology td code"))


def test_page_through_a_long_dimension_in_place(
    live_server: Any, chromium_browser: Any, viewer: User, workspace: Workspace, screenshot_dir: Path
) -> None:
    page = _logged_in(chromium_browser, live_server, viewer)
    design = f"{live_server.url}/w/{workspace.slug}/design/"
    page.goto(f"{design}?state=as-is")
    assert page.inner_text(STATUS) == "Showing 1–60 of 150"
    assert page.locator("#dim-technology tr:has(td)").count() == 60
    # A mark on another section survives only if the pager swaps its own section and nothing else.
    page.evaluate("document.getElementById('dim-locations').dataset.mark = 'kept'")

    page.click("#dim-technology nav.pager >> text=Next ›")
    page.wait_for_selector(f"{STATUS}:has-text('Showing 61–120 of 150')")
    assert page.url == f"{design}?state=as-is&page-technology=2"
    assert _first_id(page) == "t061"
    assert page.get_attribute("#dim-locations", "data-mark") == "kept"

    page.click("#dim-technology nav.pager >> text=Last »")
    page.wait_for_selector(f"{STATUS}:has-text('Showing 121–150 of 150')")
    assert page.locator("#dim-technology tr:has(td)").count() == 30
    page.locator("#dim-technology").screenshot(path=str(screenshot_dir / "design-paging-last.png"))

    page.go_back()
    page.wait_for_selector(f"{STATUS}:has-text('Showing 61–120 of 150')")
    assert _first_id(page) == "t061"


def test_the_pager_works_without_javascript(
    live_server: Any, chromium_browser: Any, viewer: User, workspace: Workspace
) -> None:
    page = _logged_in(chromium_browser, live_server, viewer, javascript=False)
    design = f"{live_server.url}/w/{workspace.slug}/design/"
    page.goto(f"{design}?state=as-is&q=tool")
    page.click("#dim-technology nav.pager >> text=Next ›")
    page.wait_for_url(f"{design}?state=as-is&q=tool&page-technology=2")
    assert page.inner_text(STATUS) == "Showing 61–120 of 150 matching “tool”"
    assert _first_id(page) == "t061"
