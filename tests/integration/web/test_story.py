"""The Story page: linked sentences, audience pages, pinned wording (pin, stale, re-pin, unpin), roles, API."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import resolve

from tomkit.model.operations import UpdateElement
from tomkit.render.narrative import audiences, story
from tomkit.web import store
from tomkit.web.models import AuditEvent, Membership, Workspace
from tomkit.web.server import load_demo_data
from tomkit.web.views.story import Linker
from tomkit.web.views.story_pins import narrative_for

pytestmark = pytest.mark.integration

TODAY = "2026-11-26"
DAY = dt.date(2026, 11, 26)


@pytest.fixture
def demo(db: None, fast_passwords: None) -> Workspace:
    return Workspace.objects.get(slug=load_demo_data())


def _viewer(workspace: Workspace) -> Client:
    client = Client()
    client.force_login(Membership.objects.get(workspace=workspace, role="viewer").user)
    return client


def _url(ws: Workspace, rest: str = "") -> str:
    return f"/w/{ws.slug}/story/{rest}"


def _pin(
    client: Client, ws: Workspace, section: str, text: str, narrative: str = "everyone", **headers: Any
) -> Any:
    """Pin as the page's form does: against the current revision and the generated text as shown."""
    ws.refresh_from_db()
    digest = narrative_for(ws.tom(), narrative, DAY).section(section).digest
    data = {"narrative": narrative, "section": section, "text": text, "base": ws.revision, "seen": digest}
    return client.post(_url(ws, "pin/"), {**data, "today": TODAY}, **headers)


def test_every_sentence_of_the_demo_story_links_to_what_it_speaks_of(demo: Workspace) -> None:
    client = _viewer(demo)
    html = client.get(_url(demo) + f"?today={TODAY}").content.decode()
    tom = demo.tom()
    narrative = story(tom, today=DAY)
    assert [s.id for s in narrative.sections] == ["why", "to-be", "changes", "journey", "risks", "next"]
    for section in narrative.sections:
        assert f'id="section-{section.id}"' in html
    linker = Linker(demo.slug, tom)
    with_refs = [
        s for section in narrative.sections for s in (*section.sentences, *section.bullets) if s.refs
    ]
    assert len(with_refs) > 20
    for sentence in with_refs:
        rendered = linker.sentence(sentence)
        assert rendered.count('class="ref ref-') >= min(len(sentence.refs), 1), sentence.text
        assert str(rendered) in html
    # The sponsor's name is a link into the people list at the foot of the page, which exists.
    assert re.search(r'<a href="/w/[^"]+/story/#person-cio" class="ref ref-person">Dana Whitfield</a>', html)
    assert 'id="person-cio"' in html
    # Every link resolves; one page of each kind is opened and holds the anchor linked to.
    links = re.findall(r'<a href="([^"]+)" class="ref ref-(\w+)"', html)
    assert {"element", "gap", "initiative", "kpi", "outcome", "person", "state", "milestone"} <= {
        k for _, k in links
    }
    opened: dict[str, str] = {}
    for href, kind in links:
        path, _, anchor = href.replace("&amp;", "&").partition("#")
        resolve(path.split("?")[0])
        if path.startswith(_url(demo)):
            assert f'id="{anchor}"' in html, href
        elif (
            kind not in opened and "/roadmap/" not in path
        ):  # the roadmap page has its own tests (and is slow)
            target = client.get(path)
            assert target.status_code == 200, href
            assert not anchor or f'id="{anchor}"' in target.content.decode(), href
            opened[kind] = href
    assert len(opened) >= 5


def test_executive_summary_and_an_audience_page(demo: Workspace) -> None:
    client = _viewer(demo)
    executive = client.get(_url(demo, "executive/") + f"?today={TODAY}").content.decode()
    assert "Executive summary" in executive
    assert 'id="section-asks"' in executive
    team = audiences(demo.tom())[0]
    page = client.get(_url(demo, f"for/{team.id}/") + f"?today={TODAY}").content.decode()
    assert f"What changes for {team.name}" in page
    assert 'id="section-changes"' in page
    assert 'id="section-support"' in page
    assert "ServiceNow ITSM Pro" in page


def test_the_selector_lists_every_audience_and_each_has_a_page(demo: Workspace) -> None:
    client = _viewer(demo)
    every = audiences(demo.tom())
    assert {a.kind for a in every} == {"team", "role", "stakeholder-group"}
    listing = client.get(_url(demo, "for/")).content.decode()
    select = client.get(_url(demo)).content.decode()
    for audience in every:
        assert f'href="/w/{demo.slug}/story/for/{audience.id}/"' in listing
        assert f'<option value="{audience.id}"' in select
        response = client.get(_url(demo, f"for/{audience.id}/") + f"?today={TODAY}")
        assert response.status_code == 200, audience.id
    chosen = client.get(_url(demo, "for/") + "?audience=sh-exco")
    assert chosen.status_code == 302
    assert chosen["Location"] == _url(demo, "for/sh-exco/")
    odd = client.get(_url(demo, "for/") + "?audience=../x")
    assert odd.status_code == 200
    assert "No team, role or stakeholder group &#x27;../x&#x27;" in odd.content.decode()
    unknown = client.get(_url(demo, "for/no-such-team/"), follow=True)
    assert "no team, role or stakeholder group &#x27;no-such-team&#x27;" in unknown.content.decode()


def test_pin_shows_the_pinned_wording_and_is_an_audited_draft_edit(
    workspace: Workspace, clients: dict[str, Client]
) -> None:
    before = workspace.revision
    response = _pin(
        clients["editor"], workspace, "changes", "The desk gets smaller.\r\n\r\n- Phone volume halves."
    )
    assert response.status_code == 302
    assert response["Location"] == _url(workspace) + f"?today={TODAY}#section-changes"
    workspace.refresh_from_db()
    assert workspace.revision == before + 1
    pin = workspace.tom().narrative["changes"]
    assert (pin.text, pin.pinned_by, pin.pinned_on) == (
        "The desk gets smaller.\n\n- Phone volume halves.",
        "editor",
        DAY,
    )
    event = AuditEvent.objects.filter(workspace=workspace).first()
    assert event is not None
    assert event.action == "pin_section"
    assert event.targets == ["narrative:changes"]
    assert event.after == {"narrative:changes": pin.model_dump(mode="json", exclude_defaults=True)}
    html = clients["viewer"].get(_url(workspace) + f"?today={TODAY}").content.decode()
    section = html[html.index('id="section-changes"') : html.index('id="section-journey"')]
    assert '<span class="badge pin">pinned wording</span>' in section
    assert "<p>The desk gets smaller.</p><ul><li>Phone volume halves.</li></ul>" in section
    assert "stale-warning" not in section


def test_a_model_change_makes_the_pin_stale_and_shows_both_texts(
    workspace: Workspace, clients: dict[str, Client], users: dict[str, User]
) -> None:
    _pin(clients["editor"], workspace, "changes", "Our wording about the change.")
    workspace.refresh_from_db()
    change = UpdateElement(state="to-be", element_id="desk", changes={"fte": 9})
    store.apply_operation(workspace.pk, users["owner"], change, workspace.revision)
    html = clients["editor"].get(_url(workspace) + f"?today={TODAY}").content.decode()
    assert 'id="stale-banner"' in html
    section = html[html.index('id="section-changes"') : html.index('id="section-journey"')]
    assert "The generated text has changed since this wording was pinned" in section
    assert "Our wording about the change." in section  # the pinned text is kept, not overwritten
    assert "shrinks from 18 to 9 FTE" in section  # beside what the model says now (desk 14 -> 9 FTE)
    # Keeping the wording re-pins it against the current text: no longer stale.
    _pin(clients["editor"], workspace, "changes", "Our wording about the change.")
    html = clients["editor"].get(_url(workspace) + f"?today={TODAY}").content.decode()
    assert 'id="stale-banner"' not in html
    assert "Our wording about the change." in html


def test_unpin_brings_back_the_generated_text(workspace: Workspace, clients: dict[str, Client]) -> None:
    _pin(clients["owner"], workspace, "why", "Because we said so.")
    workspace.refresh_from_db()
    data = {"section": "why", "base": workspace.revision, "today": TODAY}
    response = clients["owner"].post(_url(workspace, "unpin/"), data)
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.tom().narrative == {}
    assert AuditEvent.objects.filter(workspace=workspace).first().action == "unpin_section"  # type: ignore[union-attr]
    html = clients["owner"].get(_url(workspace)).content.decode()
    assert "Because we said so." not in html
    again = clients["owner"].post(_url(workspace, "unpin/"), data, follow=True).content.decode()
    assert "Not saved: someone changed this section since you opened the page" in again  # the same base
    workspace.refresh_from_db()
    data["base"] = workspace.revision
    again = clients["owner"].post(_url(workspace, "unpin/"), data, follow=True).content.decode()
    assert "Not saved: section &#x27;why&#x27; has no pinned wording" in again


def test_htmx_pin_answers_with_the_section_alone(workspace: Workspace, clients: dict[str, Client]) -> None:
    response = _pin(clients["editor"], workspace, "journey", "Short and sweet.", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="story-section pinned"')
    assert "<html" not in html
    assert "Short and sweet." in html
    # The contents list and the stale banner are brought up to date out of band.
    toc = html[html.index('<section class="card" id="story-toc" hx-swap-oob="true">') :]
    assert '<a href="#section-journey">The journey</a> <span class="badge pin">pinned</span>' in toc
    assert '<div id="story-status" hx-swap-oob="true">' in html


def test_pins_of_each_narrative_are_kept_apart(workspace: Workspace, clients: dict[str, Client]) -> None:
    _pin(clients["editor"], workspace, "why", "Board wording.", narrative="executive")
    _pin(clients["editor"], workspace, "support", "Ask Rui.", narrative="for:desk")
    workspace.refresh_from_db()
    assert set(workspace.tom().narrative) == {"executive/why", "for:desk/support"}
    assert "Board wording." in clients["viewer"].get(_url(workspace, "executive/")).content.decode()
    assert "Board wording." not in clients["viewer"].get(_url(workspace)).content.decode()
    assert "Ask Rui." in clients["viewer"].get(_url(workspace, "for/desk/")).content.decode()


def test_pinning_over_text_that_moved_on_or_over_someone_elses_pin_is_refused(
    workspace: Workspace, clients: dict[str, Client], users: dict[str, User]
) -> None:
    workspace.refresh_from_db()
    base = workspace.revision
    seen = narrative_for(workspace.tom(), "everyone", DAY).section("changes").digest
    form = {"section": "changes", "text": "Mine.", "base": base, "seen": seen, "today": TODAY}
    # Someone else pins the same section first: a conflict, shown in the page.
    assert _pin(clients["owner"], workspace, "changes", "Theirs.").status_code == 302
    refused = clients["editor"].post(_url(workspace, "pin/"), form, follow=True).content.decode()
    assert "Not saved: someone changed this section since you opened the page" in refused
    workspace.refresh_from_db()
    assert workspace.tom().narrative["changes"].text == "Theirs."
    # An element edit does not conflict with a pin, but the text the editor read is no longer current.
    store.apply_operation(
        workspace.pk, users["owner"], UpdateElement(state="to-be", element_id="desk", changes={"fte": 5})
    )
    workspace.refresh_from_db()
    form = {"section": "journey", "text": "Mine.", "base": base, "seen": seen, "today": TODAY}
    form["seen"] = narrative_for(workspace.tom(), "everyone", DAY).section("journey").digest
    assert (
        clients["editor"].post(_url(workspace, "pin/"), form).status_code == 302
    )  # unrelated section: merged
    form = {
        "section": "changes",
        "text": "Mine.",
        "base": workspace.revision + 1,
        "seen": seen,
        "today": TODAY,
    }
    refused = clients["editor"].post(_url(workspace, "pin/"), form, follow=True).content.decode()
    assert "the generated text of this section changed since you opened the page" in refused
    empty = (
        clients["editor"].post(_url(workspace, "pin/"), {**form, "text": "  "}, follow=True).content.decode()
    )
    assert "the pinned wording is empty" in empty


def test_only_editors_and_owners_pin(workspace: Workspace, clients: dict[str, Client]) -> None:
    data = {"section": "why", "text": "x", "today": TODAY}
    for role in ("viewer", "reviewer"):
        assert clients[role].post(_url(workspace, "pin/"), data).status_code == 403
        assert clients[role].post(_url(workspace, "unpin/"), data).status_code == 403
        page = clients[role].get(_url(workspace)).content.decode()
        assert "Pin this wording" not in page
    assert clients["stranger"].post(_url(workspace, "pin/"), data).status_code == 404
    assert clients["stranger"].get(_url(workspace)).status_code == 404
    assert "Pin this wording" in clients["editor"].get(_url(workspace)).content.decode()
    workspace.refresh_from_db()
    assert workspace.tom().narrative == {}


def test_story_api(workspace: Workspace, clients: dict[str, Client]) -> None:
    api = f"/api/workspaces/{workspace.slug}/narrative"
    full = clients["viewer"].get(f"{api}?today={TODAY}").json()
    assert [s["id"] for s in full["sections"]] == ["why", "to-be", "changes", "journey", "risks", "next"]
    changes = full["sections"][2]
    assert changes["pinned"] is None
    assert changes["stale"] is False
    assert changes["text"] == changes["generated"]
    assert {"kind": "state", "id": "to-be", "state": None} in changes["refs"]
    assert clients["viewer"].get(f"{api}/executive").json()["narrative"] == "executive"
    assert [a["id"] for a in clients["viewer"].get(f"{api}/audiences").json()] == ["desk"]
    assert clients["viewer"].get(f"{api}/for/desk").json()["title"] == "What changes for Service Desk"
    assert clients["viewer"].get(f"{api}/for/nobody").status_code == 404

    body = {"section": "changes", "text": "API words.", "seen": changes["digest"], "today": TODAY}
    assert clients["viewer"].post(f"{api}/pins", body, content_type="application/json").status_code == 403
    assert clients["stranger"].post(f"{api}/pins", body, content_type="application/json").status_code == 404
    pinned = clients["editor"].post(f"{api}/pins", body, content_type="application/json").json()
    assert pinned["changed"] is True
    assert pinned["section"]["text"] == "API words."
    assert pinned["section"]["pinned"] == "API words."
    assert pinned["section"]["stale"] is False
    assert pinned["summary"] == "pinned wording for section 'changes' of the story"
    stale = {**body, "base_revision": 1, "section": "nope"}
    refused = clients["editor"].post(f"{api}/pins", stale, content_type="application/json")
    assert refused.status_code == 400
    assert "no section 'nope'" in refused.json()["detail"]
    off = {"section": "changes", "today": TODAY}
    unpinned = clients["owner"].post(f"{api}/unpin", off, content_type="application/json").json()
    assert unpinned["changed"] is True
    assert unpinned["section"]["pinned"] is None
    again = clients["owner"].post(f"{api}/unpin", off, content_type="application/json").json()
    assert again["changed"] is False
    assert again["revision"] == unpinned["revision"]
