"""Versions (save, diff, restore, sign-off), feedback threads, the audit trail and the review date."""

from __future__ import annotations

import pytest
from django.test import Client

from tomkit.web.models import AuditEvent, Comment, SignOff, Version, Workspace

pytestmark = pytest.mark.integration


def _set_fte(client: Client, ws: Workspace, fte: str) -> None:
    ws.refresh_from_db()
    client.post(
        f"/w/{ws.slug}/design/to-be/desk/edit/",
        {"name": "Service Desk", "fte": fte, "tier": "1", "base": str(ws.revision)},
    )


def test_save_diff_and_restore(clients: dict[str, Client], workspace: Workspace) -> None:
    editor = clients["editor"]
    assert editor.post(f"/w/{workspace.slug}/versions/save/", {"name": "first"}).status_code == 302
    _set_fte(editor, workspace, "12")
    editor.post(f"/w/{workspace.slug}/versions/save/", {"name": "second"})
    assert list(Version.objects.filter(workspace=workspace).values_list("number", "name")) == [
        (2, "second"),
        (1, "first"),
    ]
    diff = clients["viewer"].get(f"/w/{workspace.slug}/versions/diff/?a=1&b=2").content.decode()
    assert "to-be: team &#x27;desk&#x27; fte 14 -&gt; 12" in diff
    assert editor.post(f"/w/{workspace.slug}/versions/1/restore/").status_code == 302
    assert Workspace.objects.get(pk=workspace.pk).tom().states["to-be"].element("desk").fte == 14  # type: ignore[union-attr]
    assert AuditEvent.objects.filter(workspace=workspace, action="restore").count() == 1
    # Versions are immutable: the restore changed the draft, not version 2.
    assert Version.objects.get(workspace=workspace, number=2).tom().states["to-be"].element("desk").fte == 12  # type: ignore[union-attr]


def test_version_names_are_unique(clients: dict[str, Client], workspace: Workspace) -> None:
    clients["editor"].post(f"/w/{workspace.slug}/versions/save/", {"name": "same"})
    page = clients["editor"].post(f"/w/{workspace.slug}/versions/save/", {"name": "same"}, follow=True)
    assert "There is already a version named" in page.content.decode()
    assert Version.objects.filter(workspace=workspace).count() == 1


def test_a_stale_edit_after_a_restore_is_refused(clients: dict[str, Client], workspace: Workspace) -> None:
    clients["editor"].post(f"/w/{workspace.slug}/versions/save/", {"name": "first"})
    stale = str(Workspace.objects.get(pk=workspace.pk).revision)
    clients["owner"].post(f"/w/{workspace.slug}/versions/1/restore/")
    response = clients["editor"].post(
        f"/w/{workspace.slug}/design/to-be/phone/edit/",
        {"name": "Phone", "volume_per_month": "1", "base": stale},
    )
    assert response.status_code == 409
    assert "restored version v1" in response.content.decode()


def test_reviewer_signs_off_a_named_version(clients: dict[str, Client], workspace: Workspace) -> None:
    clients["editor"].post(f"/w/{workspace.slug}/versions/save/", {"name": "for sign-off"})
    assert (
        clients["reviewer"].post(f"/w/{workspace.slug}/versions/1/signoff/", {"note": "ok"}).status_code
        == 302
    )
    assert list(SignOff.objects.values_list("user__username", "note")) == [("reviewer", "ok")]
    page = clients["viewer"].get(f"/w/{workspace.slug}/versions/1/").content.decode()
    assert "reviewer signed off" in page


def test_threads_resolve_reopen_and_the_inbox(clients: dict[str, Client], workspace: Workspace) -> None:
    reviewer = clients["reviewer"]
    reviewer.post(
        f"/w/{workspace.slug}/feedback/add/",
        {"body": "Is 14 FTE enough?", "anchor_type": "gap", "anchor": "desk"},
    )
    reviewer.post(f"/w/{workspace.slug}/feedback/add/", {"body": "General point"})
    thread = Comment.objects.get(body="Is 14 FTE enough?")
    clients["owner"].post(
        f"/w/{workspace.slug}/feedback/add/", {"body": "Yes, with the portal", "parent": thread.pk}
    )
    inbox = clients["viewer"].get(f"/w/{workspace.slug}/feedback/").content.decode()
    assert "2 open" in inbox
    assert "Yes, with the portal" in inbox
    reviewer.post(f"/w/{workspace.slug}/feedback/{thread.pk}/resolve/")
    assert "1 open" in clients["viewer"].get(f"/w/{workspace.slug}/feedback/").content.decode()
    resolved = clients["viewer"].get(f"/w/{workspace.slug}/feedback/?show=resolved").content.decode()
    assert "Is 14 FTE enough?" in resolved
    reviewer.post(f"/w/{workspace.slug}/feedback/{thread.pk}/reopen/")
    assert not Comment.objects.get(pk=thread.pk).resolved
    gaps = clients["viewer"].get(f"/w/{workspace.slug}/gaps/").content.decode()
    assert "1 open</a>" in gaps


def test_audit_trail_is_filterable(clients: dict[str, Client], workspace: Workspace) -> None:
    _set_fte(clients["editor"], workspace, "13")
    clients["reviewer"].post(f"/w/{workspace.slug}/feedback/add/", {"body": "hm"})
    page = clients["viewer"].get(f"/w/{workspace.slug}/audit/?user=editor").content.decode()
    assert "changed fte of &#x27;desk&#x27; in to-be" in page
    assert "commented on" not in page
    page = clients["viewer"].get(f"/w/{workspace.slug}/audit/?action=comment").content.decode()
    assert "commented on the workspace" in page
    assert "changed fte" not in page


def test_review_overdue_is_flagged(clients: dict[str, Client], workspace: Workspace) -> None:
    page = clients["viewer"].get(f"/w/{workspace.slug}/").content.decode()
    assert "overdue for review" in page
    assert "2020-01-31" in page
    workspace.refresh_from_db()
    clients["editor"].post(
        f"/w/{workspace.slug}/details/",
        {
            "name": "Service desk model",
            "review_cadence": "monthly",
            "review_next": "2999-01-01",
            "base": workspace.revision,
        },
    )
    page = clients["viewer"].get(f"/w/{workspace.slug}/").content.decode()
    assert "overdue for review" not in page
    assert "2999-01-01" in page
