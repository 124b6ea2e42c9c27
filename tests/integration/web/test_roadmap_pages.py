"""The Roadmap, Journey and Readiness pages: quick edits move the plan; stakeholders answer through a link."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tomkit.web.models import AuditEvent, Workspace

pytestmark = pytest.mark.integration
TODAY = "2027-01-04"


def _revision(workspace: Workspace) -> str:
    workspace.refresh_from_db()
    return str(workspace.revision)


def test_create_from_a_gap_add_a_dependency_and_the_roadmap_moves(
    clients: dict[str, Client], workspace: Workspace
) -> None:
    editor = clients["editor"]
    base = f"/w/{workspace.slug}"
    page = editor.get(f"{base}/roadmap/?today={TODAY}").content.decode()
    assert "Every gap has an initiative" not in page
    assert 'data-element="portal"' in page
    editor.post(f"{base}/roadmap/from-gap/", {"element": "portal", "base": _revision(workspace)})
    editor.post(
        f"{base}/roadmap/initiative/",
        {"name": "Retire Remedy", "duration_weeks": "6", "base": _revision(workspace)},
    )
    tom = Workspace.objects.get(pk=workspace.pk).tom()
    assert [i.id for i in tom.initiatives] == ["added-portal", "retire-remedy"]
    page = editor.get(f"{base}/roadmap/?today={TODAY}").content.decode()
    assert re.search(r'data-initiative="added-portal">.*?<td class="start">2027-01-04</td>', page, re.S)
    editor.post(
        f"{base}/roadmap/dependency/",
        {"initiative": "added-portal", "depends_on": "retire-remedy", "base": _revision(workspace)},
    )
    page = editor.get(f"{base}/roadmap/?today={TODAY}").content.decode()
    assert re.search(r'data-initiative="added-portal">.*?<td class="start">2027-02-15</td>', page, re.S)
    assert "after retire-remedy ends (2027-02-15)" in page
    assert AuditEvent.objects.filter(workspace=workspace, action="plan").count() == 3


def test_a_cycle_is_refused_and_a_stale_form_is_not_saved(
    clients: dict[str, Client], workspace: Workspace
) -> None:
    editor = clients["editor"]
    base = f"/w/{workspace.slug}"
    editor.post(f"{base}/roadmap/initiative/", {"name": "A", "base": _revision(workspace)})
    editor.post(f"{base}/roadmap/initiative/", {"name": "B", "base": _revision(workspace)})
    editor.post(
        f"{base}/roadmap/dependency/", {"initiative": "a", "depends_on": "b", "base": _revision(workspace)}
    )
    response = editor.post(
        f"{base}/roadmap/dependency/",
        {"initiative": "b", "depends_on": "a", "base": _revision(workspace)},
        follow=True,
    )
    assert "that would make a dependency cycle" in response.content.decode()
    stale = str(int(_revision(workspace)) - 1)
    response = editor.post(f"{base}/roadmap/initiative/", {"name": "C", "base": stale}, follow=True)
    assert "the model changed since you opened this page" in response.content.decode()
    assert Workspace.objects.get(pk=workspace.pk).tom().initiative("c") is None


def test_marking_a_milestone_done_advances_the_journey(
    clients: dict[str, Client], workspace: Workspace
) -> None:
    editor = clients["editor"]
    base = f"/w/{workspace.slug}"
    editor.post(
        f"{base}/roadmap/initiative/", {"name": "Portal", "duration_weeks": "8", "base": _revision(workspace)}
    )
    for name in ("Design", "Live"):
        editor.post(
            f"{base}/roadmap/milestone/",
            {"initiative": "portal", "name": name, "due": "2027-02-01", "base": _revision(workspace)},
        )
    before = editor.get(f"{base}/journey/?today={TODAY}").content.decode()
    assert "0 % done" in before
    editor.post(
        f"{base}/roadmap/milestone/?today={TODAY}",
        {
            "initiative": "portal",
            "milestone": "design",
            "done": "1",
            "next": "journey",
            "base": _revision(workspace),
        },
    )
    after = editor.get(f"{base}/journey/?today={TODAY}").content.decode()
    assert "50 % done" in after
    assert "1 of 2 milestones done" in after


def test_readiness_through_a_link_without_an_account(
    clients: dict[str, Client], workspace: Workspace
) -> None:
    editor = clients["editor"]
    base = f"/w/{workspace.slug}"
    editor.post(f"{base}/roadmap/initiative/", {"name": "Portal", "base": _revision(workspace)})
    tom = Workspace.objects.get(pk=workspace.pk).tom()
    # the small test TOM has no stakeholder group: a team is an audience too, but `affects` wants a group
    response = editor.post(
        f"{base}/readiness/change/",
        {"initiative": "portal", "action": "affects", "group": "desk", "base": _revision(workspace)},
        follow=True,
    )
    assert "Not saved" in response.content.decode()
    editor.post(
        f"{base}/readiness/change/",
        {"initiative": "portal", "action": "communicate", "audience": "desk", "message": "Portal is coming",
         "base": _revision(workspace)},
    )  # fmt: skip
    tom = Workspace.objects.get(pk=workspace.pk).tom()
    assert tom.initiatives[0].change.communicate[0].message == "Portal is coming"

    from django.core import signing

    from tomkit.web.views.readiness import SALT

    token = signing.dumps({"ws": workspace.slug, "group": "desk", "initiative": "portal"}, salt=SALT)
    stranger = Client()
    form = stranger.get(f"/r/{token}/").content.decode()
    assert "How ready is Service Desk?" in form
    answers = {
        "aware": "5",
        "desire": "4",
        "know": "3",
        "able": "2",
        "sustain": "1",
        "respondent": "Desk team",
    }
    assert "Thank you" in stranger.post(f"/r/{token}/", answers).content.decode()
    tom = Workspace.objects.get(pk=workspace.pk).tom()
    assert tom.readiness.responses[0].answers["aware"] == 5
    page = editor.get(f"{base}/readiness/").content.decode()
    assert "<td>Service Desk</td><td>Portal</td><td>1</td><td>50.0</td>" in page
    assert stranger.get(f"/r/{token}x/").status_code == 404


def test_picture_downloads(clients: dict[str, Client], workspace: Workspace) -> None:
    viewer = clients["viewer"]
    base = f"/w/{workspace.slug}"
    assert viewer.get(f"{base}/roadmap/picture/?name=matrix").status_code == 400  # nothing planned yet
    clients["editor"].post(
        f"{base}/roadmap/initiative/", {"name": "Portal", "team": "desk", "base": _revision(workspace)}
    )
    for name in ("roadmap", "matrix", "load", "journey"):
        response = viewer.get(f"{base}/roadmap/picture/?name={name}&fmt=svg&today={TODAY}")
        assert response.status_code == 200, name
        assert response.content.startswith(b"<svg")
    assert viewer.get(f"{base}/roadmap/picture/?fmt=png").content[:4] == b"\x89PNG"
