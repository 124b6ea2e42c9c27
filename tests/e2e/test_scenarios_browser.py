"""In a real browser, on the demo organisation: the Scenarios page tells the as-is against the to-be story;
an editor changes a scenario in the page's editor and the comparison moves the right way; a refused edit
keeps what was typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tomkit.web.models import Workspace
from tomkit.web.server import DEMO_PASSWORD, load_demo_data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

Table = dict[tuple[str, str], dict[str, str]]

READ_TABLE = """() => {
  const rows = [...document.querySelectorAll('#comparison tr')];
  const heads = [...rows[0].querySelectorAll('th')].slice(2);
  const runs = heads.map(th => ({id: th.querySelector('small').textContent.trim(),
                                 name: th.firstChild.textContent.trim()}));
  const cells = rows.slice(1).map(tr => {
    const tds = [...tr.querySelectorAll('td')];
    return [tds[0].textContent.trim(), tds[1].firstChild.textContent.trim(),
            tds.slice(2).map(td => td.textContent.trim())];
  });
  return {runs, cells};
}"""

SAME_BUT_COLOURED = """() => [...document.querySelectorAll('#comparison tr')].flatMap(tr => {
  const tds = [...tr.querySelectorAll('td')];
  return tds.slice(3).filter(td => (td.classList.contains('better') || td.classList.contains('worse'))
                                   && td.textContent.trim() === tds[2].textContent.trim())
                     .map(td => tds[0].textContent.trim() + ' ' + tds[1].textContent.trim());
})"""


@pytest.fixture
def workspace() -> Workspace:
    return Workspace.objects.get(slug=load_demo_data())


def _comparison(page: Any) -> tuple[list[dict[str, str]], Table]:
    """The comparison as the page shows it: the runs (id, name) and each (section, measure) cell by run id."""
    data = page.evaluate(READ_TABLE)
    ids = [r["id"] for r in data["runs"]]
    table: Table = {
        (section, measure): dict(zip(ids, values, strict=True)) for section, measure, values in data["cells"]
    }
    return data["runs"], table


def _number(text: str) -> float:
    """A plain number as the page writes it ("2,186,684", "3.96"); a dash (no value) fails the test."""
    assert text not in ("", "—"), f"no value shown: {text!r}"
    return float(text.replace(",", ""))


def _edit(page: Any, scenario: str) -> None:
    page.click(f'#scenario-list tr[data-scenario="{scenario}"] a.edit-scenario')
    page.wait_for_selector(f'#scenario-form input[name=id][value="{scenario}"]')


def _save(page: Any, scenario: str) -> None:
    page.click("#scenario-form button")
    page.wait_for_selector(f"ul.messages li:has-text(\"Scenario '{scenario}' saved\")")


def test_edit_a_scenario_and_see_the_comparison_move(
    live_server: Any, chromium_browser: Any, workspace: Workspace, screenshot_dir: Path
) -> None:
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{live_server.url}/account/login/")
    page.fill("input[name=username]", "eddie")  # the demo's editor
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    url = f"{live_server.url}/w/{workspace.slug}/scenarios/"
    page.goto(url)
    assert page.locator("nav.wsnav a.current").inner_text() == "Scenarios"

    # The story: the as-is first, then every scenario of the demo with its name.
    tom = workspace.tom()
    runs, before = _comparison(page)
    assert [r["id"] for r in runs] == ["as-is", *(s.id for s in tom.scenarios)]
    assert runs[0]["name"] == tom.states["as-is"].label
    assert [r["name"] for r in runs[1:]] == [s.name for s in tom.scenarios]
    to_be = [s.id for s in tom.scenarios if s.base == "to-be"]
    assert {"tobe-chat-30s", "tobe-slow-adoption"} <= set(to_be)
    desk_fte = {run: _number(v) for run, v in before[("desk", "FTE required")].items()}
    per_contact = {run: _number(v) for run, v in before[("desk", "cost per contact")].items()}
    assert all(10 < fte < 200 for fte in desk_fte.values()), desk_fte
    for run in to_be:  # the to-be needs fewer people and costs less per contact than today ...
        assert desk_fte[run] < desk_fte["as-is"]
        assert per_contact[run] < per_contact["as-is"]
    # ... and slow adoption (a third of the portal back on the phone) gives part of the saving back.
    assert per_contact["tobe-slow-adoption"] > per_contact["tobe-chat-30s"]
    assert page.locator("#comparison td.better").count() > 0
    # Colour means a difference you can read: no coloured value reads the same as the first column.
    same_but_coloured = page.evaluate(SAME_BUT_COLOURED)
    assert same_but_coloured == [], same_but_coloured
    # The staffing chart is titled with the scenario's name, not a dump of its whole result.
    assert page.inner_text("h2:has-text('Staffing by hour')") == f"Staffing by hour: {runs[-1]['name']}"
    assert "ScenarioRun(" not in page.content()
    page.screenshot(path=str(screenshot_dir / "scenarios-01-comparison.png"))

    # A tighter chat target: answered in 10 s instead of 30 s, 90 % of the time -> more chat agents.
    _edit(page, "tobe-chat-30s")
    assert page.input_value("#scenario-form [name=name]") == "To-be, with chat answered in 30 seconds"
    assert page.input_value("#scenario-form [name=base]") == "to-be"
    overrides = page.input_value("#scenario-form [name=overrides]")
    assert "answer_seconds: 30" in overrides
    assert "attainment: 0.8" in overrides
    page.fill(
        "#scenario-form [name=overrides]",
        overrides.replace("answer_seconds: 30", "answer_seconds: 10").replace(
            "attainment: 0.8", "attainment: 0.9"
        ),
    )
    page.fill("#scenario-form [name=name]", "To-be, with chat answered in 10 seconds")
    page.locator("#scenario-form").screenshot(path=str(screenshot_dir / "scenarios-02-editor.png"))
    _save(page, "tobe-chat-30s")
    runs, after = _comparison(page)
    assert runs[3] == {"id": "tobe-chat-30s", "name": "To-be, with chat answered in 10 seconds"}
    assert after[("ch-chat", "answer target")]["tobe-chat-30s"] == "10 s"
    chat_before = _number(before[("ch-chat", "FTE required")]["tobe-chat-30s"])
    chat_after = _number(after[("ch-chat", "FTE required")]["tobe-chat-30s"])
    assert 0.5 < chat_before < chat_after < 50, (chat_before, chat_after)
    assert _number(after[("desk", "FTE required")]["tobe-chat-30s"]) > desk_fte["tobe-chat-30s"]
    staff = ("desk", "staff cost")
    assert _number(after[staff]["tobe-chat-30s"]) > _number(before[staff]["tobe-chat-30s"])
    assert (
        after[("ch-chat", "service level")]["tobe-chat-30s"]
        != before[("ch-chat", "service level")]["tobe-chat-30s"]
    )
    for run in ("as-is", "tobe-slow-adoption"):  # the other columns did not move
        assert after[("desk", "FTE required")][run] == before[("desk", "FTE required")][run]
    page.screenshot(path=str(screenshot_dir / "scenarios-03-tighter-chat.png"))
    page.locator("#comparison tr", has_text="ch-chat").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "scenarios-03-tighter-chat-rows.png"))

    # More of the phone moved to the portal (60 % instead of 30 %) -> fewer calls, fewer phone agents.
    _edit(page, "asis-shift-30-to-portal")
    assert page.input_value("#scenario-form [name=base]") == "as-is"
    description = page.input_value("#scenario-form [name=description]")
    assert description.startswith("How much would a better portal alone save")
    overrides = page.input_value("#scenario-form [name=overrides]")
    assert "share: 0.3" in overrides
    page.fill("#scenario-form [name=overrides]", overrides.replace("share: 0.3", "share: 0.6"))
    _save(page, "asis-shift-30-to-portal")
    _, moved = _comparison(page)
    column = "asis-shift-30-to-portal"
    calls = [_number(t[("ch-phone", "contacts handled")][column]) for t in (after, moved)]
    phone = [_number(t[("ch-phone", "FTE required")][column]) for t in (after, moved)]
    portal = [_number(t[("ch-portal", "contacts handled")][column]) for t in (after, moved)]
    assert calls[1] < calls[0]
    assert portal[1] > portal[0]
    assert 0.1 < phone[1] < phone[0] < 50, phone
    assert _number(moved[("desk", "contact cost")][column]) < _number(after[("desk", "contact cost")][column])
    assert moved[("ch-phone", "FTE required")]["as-is"] == after[("ch-phone", "FTE required")]["as-is"]
    # Saving from the editor kept what was not changed: the base and the description.
    saved = next(s for s in Workspace.objects.get(pk=workspace.pk).tom().scenarios if s.id == column)
    assert (saved.base, saved.description) == ("as-is", description)
    page.screenshot(path=str(screenshot_dir / "scenarios-04-more-portal.png"))
    page.screenshot(path=str(screenshot_dir / "scenarios-04-full.png"), full_page=True)


def test_a_refused_scenario_keeps_what_was_typed(
    live_server: Any, chromium_browser: Any, workspace: Workspace, screenshot_dir: Path
) -> None:
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{live_server.url}/account/login/")
    page.fill("input[name=username]", "eddie")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/w/{workspace.slug}/scenarios/?edit=tobe-chat-30s")
    typed = "- {op: set-target, channel: ch-fax, answer_seconds: 10}\n"
    page.fill("#scenario-form [name=overrides]", typed)
    page.click("#scenario-form button")
    page.wait_for_selector("ul.messages li.error")
    assert "no channel 'ch-fax'" in page.inner_text("ul.messages")
    assert page.input_value("#scenario-form [name=overrides]") == typed
    assert page.input_value("#scenario-form [name=id]") == "tobe-chat-30s"
    assert page.input_value("#scenario-form [name=base]") == "to-be"
    page.screenshot(path=str(screenshot_dir / "scenarios-05-refused.png"))
    page.locator("#scenario-form").screenshot(path=str(screenshot_dir / "scenarios-05-refused-form.png"))
    saved = next(s for s in Workspace.objects.get(pk=workspace.pk).tom().scenarios if s.id == "tobe-chat-30s")
    assert "ch-fax" not in str(saved.overrides)
    # The refused form was answered at the save address: the page's links and Compare still work from here.
    page.uncheck("#choose-runs input[value=tobe-lisbon-late-shift]")
    page.click("#choose-runs button")
    page.wait_for_selector("#comparison")
    runs, _ = _comparison(page)
    assert "tobe-lisbon-late-shift" not in [r["id"] for r in runs]
    assert len(runs) == 4
    _edit(page, "tobe-slow-adoption")
    assert page.input_value("#scenario-form [name=base]") == "to-be"
