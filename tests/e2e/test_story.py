"""In a real browser, on the demo organisation: pin wording on the Story page and see it pinned; change an
element so the section's generated text moves on and see the stale warning; download the workbook."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tomkit.web.models import Workspace
from tomkit.web.server import DEMO_PASSWORD, load_demo_data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
TODAY = "2026-11-26"
SHOTS = Path(
    os.environ.get(
        "TOMKIT_SCREENSHOTS", Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
    )
)
WORDING = "We are moving our service desk to digital first, and the people doing the work are moving with it."


@pytest.fixture
def workspace() -> Workspace:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the sync browser API runs an event loop in this thread
    return Workspace.objects.get(slug=load_demo_data())


@pytest.fixture
def page(live_server: object) -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/system-deps.sh installs it)")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        yield tab
        browser.close()


def test_pin_stale_and_download_in_the_browser(
    page: object, live_server: object, workspace: Workspace
) -> None:
    base = f"{live_server.url}/w/{workspace.slug}"  # type: ignore[attr-defined]
    p: object = page
    p.goto(f"{live_server.url}/account/login/")  # type: ignore[attr-defined]
    p.fill("input[name=username]", "eddie")  # type: ignore[attr-defined]
    p.fill("input[name=password]", DEMO_PASSWORD)  # type: ignore[attr-defined]
    p.click("form button, form input[type=submit]")  # type: ignore[attr-defined]

    p.goto(f"{base}/story/?today={TODAY}")  # type: ignore[attr-defined]
    assert p.locator("nav.wsnav a.current").inner_text() == "Story"  # type: ignore[attr-defined]
    SHOTS.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(SHOTS / "story.png"))  # type: ignore[attr-defined]
    p.screenshot(path=str(SHOTS / "story-full.png"), full_page=True)  # type: ignore[attr-defined]

    # Pin our own wording for "What changes" (htmx swaps the section in place).
    section = p.locator("#section-changes")  # type: ignore[attr-defined]
    section.locator("summary", has_text="Write your own wording").click()
    section.locator("textarea[name=text]").fill(WORDING)
    section.get_by_role("button", name="Pin this wording").click()
    p.wait_for_selector("#section-changes .badge.pin")  # type: ignore[attr-defined]
    section = p.locator("#section-changes")  # type: ignore[attr-defined]
    assert WORDING in section.locator(".pinned-text").inner_text()
    assert section.locator(".stale-warning").count() == 0
    section.screenshot(path=str(SHOTS / "story-pinned.png"))

    # Someone changes a team's FTE: what the section would say moves on, the pinned text stays.
    p.goto(f"{base}/design/to-be/team-l1-leeds/edit/")  # type: ignore[attr-defined]
    p.fill("input[name=fte]", "30")  # type: ignore[attr-defined]
    p.click("#save-element")  # type: ignore[attr-defined]
    p.wait_for_url(f"{base}/design/to-be/team-l1-leeds/")  # type: ignore[attr-defined]

    p.goto(f"{base}/story/?today={TODAY}")  # type: ignore[attr-defined]
    section = p.locator("#section-changes")  # type: ignore[attr-defined]
    warning = section.locator(".stale-warning")
    assert "The generated text has changed since this wording was pinned by eddie" in warning.inner_text()
    assert WORDING in section.locator(".compare-pinned").inner_text()
    assert "240 elements change" in section.locator(".compare-generated").inner_text()  # 239 before the edit
    assert "may be out of date" in p.locator("#stale-banner").inner_text()  # type: ignore[attr-defined]
    section.screenshot(path=str(SHOTS / "story-stale.png"))

    # The workbook downloads through the "preparing…" step and opens with its own library.
    with p.expect_download() as info:  # type: ignore[attr-defined]
        p.locator('.deliverables a[data-format="xlsx"]').first.click()  # type: ignore[attr-defined]
    download = info.value
    assert download.suggested_filename == f"{workspace.slug}-draft.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert "People & organisation" in book.sheetnames


@pytest.mark.slow
def test_the_pdf_button_shows_preparing_until_the_report_is_ready(
    page: object, live_server: object, workspace: Workspace
) -> None:
    base = f"{live_server.url}/w/{workspace.slug}"  # type: ignore[attr-defined]
    p: object = page
    p.goto(f"{live_server.url}/account/login/")  # type: ignore[attr-defined]
    p.fill("input[name=username]", "victor")  # type: ignore[attr-defined]  (a viewer may download)
    p.fill("input[name=password]", DEMO_PASSWORD)  # type: ignore[attr-defined]
    p.click("form button, form input[type=submit]")  # type: ignore[attr-defined]
    p.goto(f"{base}/story/for/team-apps-claims/?today={TODAY}")  # type: ignore[attr-defined]
    SHOTS.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(SHOTS / "story-audience.png"))  # type: ignore[attr-defined]
    assert p.locator("text=Write your own wording").count() == 0  # type: ignore[attr-defined]
    button = p.locator('.story-side a[data-format="pdf"]')  # type: ignore[attr-defined]
    with p.expect_download(timeout=180_000) as info:  # type: ignore[attr-defined]
        button.click()
        p.wait_for_selector('.story-side a.dl.htmx-request[data-format="pdf"]')  # type: ignore[attr-defined]
        assert button.locator(".preparing").is_visible()
        p.locator(".story-side").screenshot(path=str(SHOTS / "story-preparing.png"))  # type: ignore[attr-defined]
    assert info.value.suggested_filename == f"{workspace.slug}-draft.pdf"
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF-")
    assert not button.locator(".preparing").is_visible()
