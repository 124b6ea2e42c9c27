"""In a real browser: create an initiative from an open gap, add a dependency and see the roadmap move;
mark a milestone done and see the journey advance."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from tomkit.model import Tom
from tomkit.web import store
from tomkit.web.models import Workspace

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
TODAY = "2027-01-04"
SHOTS = Path(os.environ.get("TOMKIT_SCREENSHOTS", "/tmp/tomkit-e2e"))


@pytest.fixture
def workspace() -> Workspace:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the sync browser API runs an event loop in this thread
    user = User.objects.create_user("planner", password="correct-horse-battery")
    tom = Tom.model_validate(
        {
            "name": "Browser plan",
            "people": [{"id": "ana", "name": "Ana Lima", "team": "desk"}],
            "states": {
                "as-is": {
                    "label": "Today",
                    "elements": [{"id": "desk", "kind": "team", "name": "Service Desk"}],
                },
                "to-be": {
                    "label": "Digital first",
                    "elements": [
                        {"id": "desk", "kind": "team", "name": "Service Desk"},
                        {"id": "portal", "kind": "channel", "name": "Portal", "owner": "ana"},
                    ],
                },
            },
            "initiatives": [{"id": "platform", "name": "New platform", "team": "desk", "duration_weeks": 6}],
        }
    )
    return store.create_workspace(user, tom, "for a browser test")


@pytest.fixture
def page(live_server: object) -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/system-deps.sh installs it)")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        yield tab
        browser.close()


def _start_of(page: object, initiative: str) -> str:
    text: str = page.locator(f'#schedule tr[data-initiative="{initiative}"] td.start').inner_text()  # type: ignore[attr-defined]
    return text.strip()


def test_plan_and_journey_in_the_browser(page: object, live_server: object, workspace: Workspace) -> None:
    base = f"{live_server.url}/w/{workspace.slug}"  # type: ignore[attr-defined]
    p: object = page
    p.goto(f"{live_server.url}/account/login/")  # type: ignore[attr-defined]
    p.fill("input[name=username]", "planner")  # type: ignore[attr-defined]
    p.fill("input[name=password]", "correct-horse-battery")  # type: ignore[attr-defined]
    p.click("form button, form input[type=submit]")  # type: ignore[attr-defined]

    p.goto(f"{base}/roadmap/?today={TODAY}")  # type: ignore[attr-defined]
    p.click('#open-gaps tr[data-element="portal"] button')  # type: ignore[attr-defined]
    p.wait_for_selector('#schedule tr[data-initiative="added-portal"]')  # type: ignore[attr-defined]
    assert _start_of(p, "added-portal") == TODAY

    row = p.locator('#schedule tr[data-initiative="added-portal"]')  # type: ignore[attr-defined]
    row.locator("select[name=depends_on]").select_option("platform")
    row.locator("form.dep-form button").click()
    p.wait_for_selector("text=added-portal now depends on platform")  # type: ignore[attr-defined]
    assert _start_of(p, "added-portal") == "2027-02-15"  # moved behind the 6-week platform
    assert "after platform ends (2027-02-15)" in row.inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(SHOTS / "roadmap.png"), full_page=True)  # type: ignore[attr-defined]

    for name in ("Design", "Go live"):
        row = p.locator('#schedule tr[data-initiative="added-portal"]')  # type: ignore[attr-defined]
        row.locator("input[name=name]").fill(name)
        row.locator("input[name=due]").fill("2027-03-01")
        row.get_by_role("button", name="Add milestone").click()
        p.wait_for_selector(f"text=added milestone '{name}'")  # type: ignore[attr-defined]

    p.goto(f"{base}/journey/?today={TODAY}")  # type: ignore[attr-defined]
    before = p.locator("#journey-summary").inner_text()  # type: ignore[attr-defined]
    assert before.startswith("Wave 1 of 1, 0 % done")
    milestone = p.locator('#progress tr[data-initiative="added-portal"] .milestone[data-milestone="design"]')  # type: ignore[attr-defined]
    milestone.get_by_role("button", name="mark done").click()
    p.wait_for_selector("text=milestone design of added-portal done")  # type: ignore[attr-defined]
    after = p.locator("#journey-summary").inner_text()  # type: ignore[attr-defined]
    # half of the 4-week portal is done, the 6-week platform not started: 2 of 10 weeks of work
    assert re.match(r"Wave 1 of 1, 20 % done", after), after
    assert "1 of 2 milestones done" in p.locator('#progress tr[data-initiative="added-portal"]').inner_text()  # type: ignore[attr-defined]
    assert p.locator("#journey svg").count() == 1  # type: ignore[attr-defined]
    p.screenshot(path=str(SHOTS / "journey.png"), full_page=True)  # type: ignore[attr-defined]
