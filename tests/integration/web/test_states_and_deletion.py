"""Renaming and removing states, and deleting a workspace, from the pages and the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tomkit.model import Tom
from tomkit.model.operations import AddState
from tomkit.web import store
from tomkit.web.models import Anchor, AuditEvent, Comment, Membership, Version, Workspace

pytestmark = pytest.mark.integration


@pytest.fixture
def planned(workspace: Workspace, users: dict[str, User], tom: Tom) -> Workspace:
    """The test workspace with a plateau that an initiative targets, and a comment made in it."""
    data = tom.to_data()
    data["initiatives"] = [{"id": "portal-first", "name": "Portal first", "target_state": "to-be"}]
    store.replace_draft(workspace.pk, users["owner"], Tom.model_validate(data), "plan", "plan")
    store.apply_operation(workspace.pk, users["owner"], AddState(name="wave-1", copy_from="as-is"))
    Comment.objects.create(
        workspace=workspace,
        author=users["reviewer"],
        body="why 18?",
        state="wave-1",
        anchor_type=Anchor.ELEMENT,
        anchor="desk",
    )
    workspace.refresh_from_db()
    return workspace


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_an_editor_renames_a_state_and_its_comments_follow(
    planned: Workspace, clients: dict[str, Client]
) -> None:
    url = f"/w/{planned.slug}/states/rename/"
    response = clients["editor"].post(
        url, {"name": "wave-1", "new_name": "wave-one", "label": "Wave 1 (2027)"}, follow=True
    )
    assert "Renamed state 'wave-1' to 'wave-one'." in _messages(response)
    planned.refresh_from_db()
    tom = planned.tom()
    assert tom.state_names == ["as-is", "wave-one", "to-be"]
    assert tom.states["wave-one"].label == "Wave 1 (2027)"
    assert Comment.objects.get(workspace=planned, anchor="desk").state == "wave-one"
    assert planned.events.first().action == "rename_state"  # type: ignore[union-attr]
    page = clients["viewer"].get(f"/w/{planned.slug}/").content.decode()
    assert "Wave 1 (2027)" in page
    assert "states/rename/" not in page  # viewers get no rename form


def test_renaming_the_to_be_moves_the_initiatives_target(
    planned: Workspace, clients: dict[str, Client]
) -> None:
    clients["editor"].post(f"/w/{planned.slug}/states/rename/", {"name": "to-be", "new_name": "target"})
    planned.refresh_from_db()
    assert planned.tom().initiatives[0].target_state == "target"


def test_bad_renames_and_removals_are_explained(planned: Workspace, clients: dict[str, Client]) -> None:
    editor = clients["editor"]
    base = f"/w/{planned.slug}/states/"
    response = editor.post(base + "rename/", {"name": "wave-1", "new_name": "to-be"}, follow=True)
    assert _messages(response) == ["Not renamed: there is already a state 'to-be'"]
    response = editor.post(base + "rename/", {"name": "wave-1", "new_name": "Wave One"}, follow=True)
    assert "A state name is a slug" in _messages(response)[0]
    response = editor.post(base + "remove/", {"name": "to-be"}, follow=True)
    assert _messages(response) == [
        "Not removed: 'to-be' is the to-be: only plateaus between them can be removed"
    ]
    response = editor.post(base + "rename/", {"name": "to-be", "new_name": "wave-2"}, follow=True)
    response = editor.post(base + "remove/", {"name": "wave-2"}, follow=True)
    assert _messages(response) == [
        "Not removed: 'wave-2' is the to-be: only plateaus between them can be removed"
    ]
    planned.refresh_from_db()
    assert planned.tom().state_names == ["as-is", "wave-1", "wave-2"]


def test_a_referenced_plateau_is_not_removed(planned: Workspace, clients: dict[str, Client]) -> None:
    data = planned.tom().to_data()
    data["initiatives"][0]["target_state"] = "wave-1"
    store.replace_draft(planned.pk, User.objects.get(username="owner"), Tom.model_validate(data), "t", "t")
    response = clients["editor"].post(f"/w/{planned.slug}/states/remove/", {"name": "wave-1"}, follow=True)
    assert _messages(response) == [
        "Not removed: 'wave-1' is still referenced (initiative 'Portal first' (initiatives[0].target_state))"
    ]


def test_an_unreferenced_plateau_is_removed(planned: Workspace, clients: dict[str, Client]) -> None:
    response = clients["editor"].post(f"/w/{planned.slug}/states/remove/", {"name": "wave-1"}, follow=True)
    assert _messages(response) == ["Removed the state wave-1."]
    planned.refresh_from_db()
    assert planned.tom().state_names == ["as-is", "to-be"]


def test_only_the_owner_deletes_and_must_type_the_name(
    planned: Workspace,
    clients: dict[str, Client],
    settings: Any,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.DATA_DIR = tmp_path
    folder = store.data_folder(planned.slug)
    folder.mkdir(parents=True)
    (folder / "incidents.parquet").write_bytes(b"PAR1")
    url = f"/w/{planned.slug}/delete/"
    assert clients["editor"].get(url).status_code == 403
    page = clients["owner"].get(url)
    assert page.status_code == 200
    assert "1 saved version" not in page.content.decode()  # none saved
    assert "1 comment" in page.content.decode()
    wrong = clients["owner"].post(url, {"confirm": "nope"})
    assert wrong.status_code == 400
    assert f"Type {planned.slug} to confirm." in wrong.content.decode()
    assert Workspace.objects.filter(pk=planned.pk).exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        done = clients["owner"].post(url, {"confirm": planned.slug}, follow=True)
    assert len(callbacks) == 1  # the files go once the deletion is committed
    assert done.redirect_chain[-1][0] == "/"
    assert f"Deleted the workspace {planned.name}." in _messages(done)
    assert not Workspace.objects.filter(pk=planned.pk).exists()
    for model in (Membership, Comment, AuditEvent, Version):
        assert not model.objects.filter(workspace_id=planned.pk).exists()
    assert not folder.exists()


@pytest.mark.django_db(transaction=True)
def test_the_api_deletes_a_workspace_for_its_owner_only(
    planned: Workspace, clients: dict[str, Client], settings: Any, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path
    folder = store.data_folder(planned.slug)
    folder.mkdir(parents=True)
    url = f"/api/workspaces/{planned.slug}"
    assert clients["editor"].delete(url).status_code == 403
    assert folder.exists()
    assert clients["owner"].delete(url).status_code == 204
    assert not Workspace.objects.filter(slug=planned.slug).exists()
    assert not folder.exists()  # removed once the deletion was committed
    assert clients["owner"].get(url).status_code == 404


def test_the_api_renames_a_state_through_operations(planned: Workspace, clients: dict[str, Client]) -> None:
    body = {"operation": {"op": "rename_state", "name": "wave-1", "new_name": "pilot"}}
    response = clients["editor"].post(
        f"/api/workspaces/{planned.slug}/operations", body, content_type="application/json"
    )
    assert response.status_code < 300, response.content
    planned.refresh_from_db()
    assert planned.tom().state_names == ["as-is", "pilot", "to-be"]
