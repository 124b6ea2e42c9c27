"""A new user's first session in a real browser: log in, create a workspace from a template, design in
both states, see the gap, comment and resolve, version, diff and restore; and two people editing the same
element at once, where the second gets the conflict message instead of silently losing the first's work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from tomkit.web.models import Membership, Workspace

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def _login(context: Any, base: str, username: str) -> Any:
    page = context.new_page()
    page.goto(f"{base}/")
    assert "/account/login/" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def _save_element(page: Any, values: dict[str, str]) -> None:
    for name, value in values.items():
        page.fill(f"#element-form [name={name}]", value)
    page.click("#save-element")
    page.wait_for_selector("#attributes")


def test_new_user_designs_compares_discusses_and_versions(
    live_server: Any, chromium_browser: Any, screenshot_dir: Path
) -> None:
    User.objects.create_user("newbie", password=PASSWORD)
    base = live_server.url
    page = _login(chromium_browser.new_context(viewport={"width": 1400, "height": 1000}), base, "newbie")
    assert "not a member of any workspace" in page.content()

    # Create a workspace from a template.
    page.click("text=New workspace")
    page.check("input[name=source][value=template]")
    page.select_option("select[name=template]", "itsm-service-desk")
    page.fill("input[name=name]", "My service desk")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Workspace My service desk created from template itsm-service-desk")
    page.screenshot(path=str(screenshot_dir / "01-overview.png"), full_page=True)
    slug = Workspace.objects.get(name="My service desk").slug
    ws = f"{base}/w/{slug}"

    # Add an element to the as-is, then edit it.
    page.click("nav.wsnav >> text=Design")
    page.select_option("#new-kind", "team")
    page.click("#add-element")
    _save_element(page, {"id": "night-desk", "name": "Night desk", "fte": "3"})
    page.click("#edit-element")
    _save_element(page, {"fte": "4"})
    assert "4" in page.inner_text("#attributes")
    page.screenshot(path=str(screenshot_dir / "02-element.png"), full_page=True)

    # Copy it into the to-be and change it there; add a new channel to the to-be.
    page.click("#copy-to-to-be")
    page.wait_for_url(f"{ws}/design/to-be/night-desk/")
    page.click("#edit-element")
    _save_element(page, {"fte": "6"})
    page.goto(f"{ws}/design/?state=to-be")
    page.select_option("#new-kind", "channel")
    page.click("#add-element")
    _save_element(page, {"id": "chat", "name": "Live chat", "volume_per_month": "900"})
    page.screenshot(path=str(screenshot_dir / "03-design.png"), full_page=True)

    # The gap appears side by side and in the heatmap.
    page.click("nav.wsnav >> text=Compare")
    assert page.locator("#side-by-side li.chg.added[data-element=chat]").count() == 1
    assert "fte: 4 → 6" in page.inner_text("#side-by-side li.chg.changed[data-element=night-desk]")
    page.screenshot(path=str(screenshot_dir / "04-compare.png"), full_page=True)
    page.click("nav.wsnav >> text=Gaps")
    assert page.locator("#gap-list tr.chg.added[data-element=chat]").count() == 1
    cells = page.locator("#heatmap td.heat.added")
    assert sum(int(cells.nth(i).get_attribute("data-count")) for i in range(cells.count())) >= 1
    page.screenshot(path=str(screenshot_dir / "05-gaps.png"), full_page=True)

    # Other pictures render.
    for name, selector in (("canvas", "#canvas svg"), ("map", "#cy canvas"), ("health", "#findings")):
        page.click(f"nav.wsnav >> text={name.capitalize()}")
        page.wait_for_selector(selector)
        page.screenshot(path=str(screenshot_dir / f"06-{name}.png"), full_page=True)

    # Comment on the new channel and resolve the thread.
    page.goto(f"{ws}/design/to-be/chat/")
    page.fill("#comment-body", "Who staffs the chat at night?")
    page.click("#comment-submit")
    page.wait_for_selector("article.thread.open >> text=Who staffs the chat at night?")
    page.click("article.thread button:has-text('Resolve')")
    page.wait_for_selector("article.thread.resolved")
    page.goto(f"{ws}/feedback/?show=all")
    page.screenshot(path=str(screenshot_dir / "07-feedback.png"), full_page=True)
    assert "0 open" in page.inner_text("#open-count")

    # Save a version, change something, save another, diff them, restore the first.
    page.click("nav.wsnav >> text=Versions")
    page.fill("#version-name", "First cut")
    page.click("#save-version button")
    page.wait_for_selector("h1:has-text('v1 First cut')")
    page.goto(f"{ws}/design/to-be/chat/edit/")
    _save_element(page, {"volume_per_month": "2500"})
    page.goto(f"{ws}/versions/")
    page.fill("#version-name", "More chat")
    page.click("#save-version button")
    page.wait_for_selector("h1:has-text('v2 More chat')")
    page.click("#diff-previous")
    assert "to-be: channel 'chat' volume_per_month 900 -> 2500" in page.inner_text("#diff")
    page.screenshot(path=str(screenshot_dir / "08-diff.png"), full_page=True)
    page.goto(f"{ws}/versions/1/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#restore")
    page.wait_for_selector("text=The draft is now version v1 First cut")
    page.goto(f"{ws}/design/to-be/chat/")
    assert "900" in page.inner_text("#attributes")
    page.goto(f"{ws}/audit/")
    assert "restored version v1 First cut" in page.inner_text("#audit-rows")
    page.screenshot(path=str(screenshot_dir / "09-audit.png"), full_page=True)


def test_concurrent_edit_of_the_same_element_gets_the_conflict_message(
    live_server: Any, chromium_browser: Any, screenshot_dir: Path
) -> None:
    from tomkit.demo import load_template
    from tomkit.web import store

    owner = User.objects.create_user("ann", password=PASSWORD)
    colleague = User.objects.create_user("ben", password=PASSWORD)
    workspace = store.create_workspace(owner, load_template("itsm-service-desk"), "for the test")
    Membership.objects.create(workspace=workspace, user=colleague, role="editor")
    tom = workspace.tom()
    element = next(e for e in tom.states["to-be"].elements if e.kind == "team")
    base = live_server.url
    edit = f"{base}/w/{workspace.slug}/design/to-be/{element.id}/edit/"

    ann = _login(chromium_browser.new_context(), base, "ann")
    ben = _login(chromium_browser.new_context(), base, "ben")
    ann.goto(edit)
    ben.goto(edit)
    ann.fill("#element-form [name=description]", "Ann's wording")
    ann.click("#save-element")
    ann.wait_for_selector("#attributes")
    ben.fill("#element-form [name=description]", "Ben's wording")
    ben.click("#save-element")
    ben.wait_for_selector("#conflict")
    message = ben.inner_text("#conflict")
    assert "Changed by ann at" in message
    assert "Ann's wording" in message
    ben.screenshot(path=str(screenshot_dir / "10-conflict.png"), full_page=True)
    saved = Workspace.objects.get(pk=workspace.pk).tom().states["to-be"].element(element.id)
    assert saved is not None
    assert saved.description == "Ann's wording"
    # Ben's text is still in his form; saving again replaces Ann's change knowingly.
    assert ben.input_value("#element-form [name=description]") == "Ben's wording"
    ben.click("#save-element")
    ben.wait_for_selector("#attributes")
    saved = Workspace.objects.get(pk=workspace.pk).tom().states["to-be"].element(element.id)
    assert saved is not None
    assert saved.description == "Ben's wording"
