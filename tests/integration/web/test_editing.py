"""Design by small operations: forms per kind, relations from the rules table, copy between states,
and optimistic concurrency that never loses anyone's work."""

from __future__ import annotations

import pytest
from django.test import Client

from tomkit.model import BUILTIN_KINDS
from tomkit.web.models import AuditEvent, Comment, Workspace

pytestmark = pytest.mark.integration


def _edit_url(ws: Workspace, state: str, element: str) -> str:
    return f"/w/{ws.slug}/design/{state}/{element}/edit/"


def _form(client: Client, url: str) -> dict[str, str]:
    """The values a browser would post back from the edit form, as rendered."""
    import re

    html = client.get(url).content.decode()
    data = dict(re.findall(r'<input type="(?:hidden|text|number)" name="(\w+)" value="([^"]*)"', html))
    data.update(re.findall(r'name="(\w+)"[^>]*>\s*<option value="([^"]*)" selected', html))
    return data


@pytest.mark.parametrize("kind", list(BUILTIN_KINDS))
def test_every_kind_has_a_form_with_its_own_attributes(
    clients: dict[str, Client], workspace: Workspace, kind: str
) -> None:
    html = clients["editor"].get(f"/w/{workspace.slug}/design/to-be/new/?kind={kind}").content.decode()
    own = [n for n in BUILTIN_KINDS[kind].model_fields if n not in ("kind", "properties")]
    for name in own:
        assert f'name="{name}"' in html, (kind, name)


def test_add_element_with_custom_property(clients: dict[str, Client], workspace: Workspace) -> None:
    response = clients["editor"].post(
        f"/w/{workspace.slug}/design/to-be/new/",
        {"kind": "tool", "id": "snow", "name": "ServiceNow", "lifecycle": "introduce", "annual_cost": "250000",
         "properties": "licence = enterprise\nseats = 120", "tags": "itsm, saas"},
    )  # fmt: skip
    assert response.status_code == 302
    snow = Workspace.objects.get(pk=workspace.pk).tom().states["to-be"].element("snow")
    assert snow is not None
    assert snow.attributes()["lifecycle"] == "introduce"
    assert snow.properties == {"licence": "enterprise", "seats": 120}
    assert snow.tags == ["itsm", "saas"]


def test_bad_values_are_shown_on_the_field(clients: dict[str, Client], workspace: Workspace) -> None:
    response = clients["editor"].post(
        f"/w/{workspace.slug}/design/to-be/new/",
        {"kind": "team", "id": "Bad Id", "name": "X", "fte": "-3", "owner": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0" in html
    assert Workspace.objects.get(pk=workspace.pk).revision == 1


def test_edit_changes_only_that_element_and_is_audited(
    clients: dict[str, Client], workspace: Workspace
) -> None:
    data = _form(clients["editor"], _edit_url(workspace, "to-be", "desk"))
    assert data["base"] == "1"
    data["fte"] = "12"
    response = clients["editor"].post(_edit_url(workspace, "to-be", "desk"), data)
    assert response.status_code == 302
    tom = Workspace.objects.get(pk=workspace.pk).tom()
    assert tom.states["to-be"].element("desk").fte == 12  # type: ignore[union-attr]
    assert tom.states["as-is"].element("desk").fte == 18  # type: ignore[union-attr]
    event = AuditEvent.objects.filter(workspace=workspace, action="update_element").get()
    assert event.actor.username == "editor"  # type: ignore[union-attr]
    assert ("element:to-be/desk", "fte", 14, 12) in event.deltas()


def test_concurrent_edits_to_different_elements_both_succeed(
    clients: dict[str, Client], workspace: Workspace
) -> None:
    first = _form(clients["editor"], _edit_url(workspace, "to-be", "desk"))
    second = _form(clients["owner"], _edit_url(workspace, "to-be", "phone"))
    first["fte"] = "11"
    second["volume_per_month"] = "4000"
    assert clients["editor"].post(_edit_url(workspace, "to-be", "desk"), first).status_code == 302
    assert clients["owner"].post(_edit_url(workspace, "to-be", "phone"), second).status_code == 302
    tom = Workspace.objects.get(pk=workspace.pk).tom()
    assert tom.states["to-be"].element("desk").fte == 11  # type: ignore[union-attr]
    assert tom.states["to-be"].element("phone").volume_per_month == 4000  # type: ignore[union-attr]


def test_a_stale_edit_of_the_same_element_is_refused_with_what_changed(
    clients: dict[str, Client], workspace: Workspace
) -> None:
    url = _edit_url(workspace, "to-be", "desk")
    mine, theirs = _form(clients["owner"], url), _form(clients["editor"], url)
    theirs["fte"] = "10"
    assert clients["editor"].post(url, theirs).status_code == 302
    mine["fte"] = "16"
    response = clients["owner"].post(url, mine)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Changed by <strong>editor</strong> at" in html
    assert "<td>fte</td><td>14</td><td>10</td>" in html
    assert Workspace.objects.get(pk=workspace.pk).tom().states["to-be"].element("desk").fte == 10  # type: ignore[union-attr]
    # Saving again from the conflict page overwrites knowingly.
    again = dict(mine, base=str(Workspace.objects.get(pk=workspace.pk).revision))
    assert clients["owner"].post(url, again).status_code == 302
    assert Workspace.objects.get(pk=workspace.pk).tom().states["to-be"].element("desk").fte == 16  # type: ignore[union-attr]


def test_relation_types_offered_come_from_the_rules_table(
    clients: dict[str, Client], workspace: Workspace
) -> None:
    html = (
        clients["editor"]
        .get(f"/w/{workspace.slug}/design/as-is/desk/relation-types/?target=remedy")
        .content.decode()
    )
    assert '<option value="operates">' in html
    assert '<option value="uses">' in html
    assert "stores" not in html
    response = clients["editor"].post(
        f"/w/{workspace.slug}/design/as-is/desk/relate/", {"target": "remedy", "type": "operates"}
    )
    assert response.status_code == 302
    assert ("desk", "operates", "remedy") in Workspace.objects.get(pk=workspace.pk).tom().states[
        "as-is"
    ].relation_index()
    refused = clients["editor"].post(
        f"/w/{workspace.slug}/design/as-is/desk/relate/", {"target": "remedy", "type": "stores"}, follow=True
    )
    assert "a team cannot &#x27;stores&#x27; a tool" in refused.content.decode()


def test_copy_from_as_is_into_to_be_then_change_it(clients: dict[str, Client], workspace: Workspace) -> None:
    response = clients["editor"].post(f"/w/{workspace.slug}/design/as-is/remedy/copy/", {"to_state": "to-be"})
    assert response.status_code == 302
    assert response["Location"].endswith("/design/to-be/remedy/")
    data = _form(clients["editor"], _edit_url(workspace, "to-be", "remedy"))
    data["lifecycle"] = "keep"
    assert clients["editor"].post(_edit_url(workspace, "to-be", "remedy"), data).status_code == 302
    tom = Workspace.objects.get(pk=workspace.pk).tom()
    assert tom.states["to-be"].element("remedy").lifecycle == "keep"  # type: ignore[union-attr]
    assert tom.states["as-is"].element("remedy").lifecycle == "retire"  # type: ignore[union-attr]


def test_a_change_in_answer_to_a_comment_links_back(clients: dict[str, Client], workspace: Workspace) -> None:
    clients["reviewer"].post(
        f"/w/{workspace.slug}/feedback/add/",
        {"body": "FTE looks high", "anchor_type": "element", "anchor": "desk", "state": "to-be"},
    )
    comment = Comment.objects.get(workspace=workspace)
    data = _form(clients["editor"], _edit_url(workspace, "to-be", "desk") + f"?answers={comment.pk}")
    assert data["answers"] == str(comment.pk)
    data["fte"] = "9"
    clients["editor"].post(_edit_url(workspace, "to-be", "desk"), data)
    thread = clients["viewer"].get(f"/w/{workspace.slug}/feedback/{comment.pk}/").content.decode()
    assert "Answered by a change: changed fte of &#x27;desk&#x27; in to-be" in thread


def test_remove_element_takes_relations(clients: dict[str, Client], workspace: Workspace) -> None:
    assert clients["editor"].post(f"/w/{workspace.slug}/design/as-is/remedy/delete/").status_code == 302
    state = Workspace.objects.get(pk=workspace.pk).tom().states["as-is"]
    assert state.element("remedy") is None
    assert state.relations == []


def test_references_are_chosen_from_elements_of_the_right_kind(
    clients: dict[str, Client], workspace: Workspace
) -> None:
    url = f"/w/{workspace.slug}/design/to-be/new/?kind=role"
    html = clients["editor"].get(url).content.decode()
    team_select = html.split('name="team"')[1].split("</select>")[0]
    assert '<option value="desk">Service Desk (desk)</option>' in team_select
    assert "portal" not in team_select
    response = clients["editor"].post(url, {"kind": "role", "id": "agent", "name": "Agent", "team": "desk"})
    assert response.status_code == 302
    role = Workspace.objects.get(pk=workspace.pk).tom().states["to-be"].element("agent")
    assert role is not None
    assert role.team == "desk"  # type: ignore[attr-defined]


def test_pictures_and_gaps_follow_each_edit(clients: dict[str, Client], workspace: Workspace) -> None:
    gaps_url = f"/w/{workspace.slug}/gaps/"
    assert "fte: 18 → 14" in clients["viewer"].get(gaps_url).content.decode()
    data = _form(clients["editor"], _edit_url(workspace, "to-be", "desk"))
    data["fte"] = "15"
    clients["editor"].post(_edit_url(workspace, "to-be", "desk"), data)
    page = clients["viewer"].get(gaps_url).content.decode()
    assert "fte: 18 → 15" in page
    assert "fte: 18 → 14" not in page


def test_add_a_plateau_between_as_is_and_to_be(clients: dict[str, Client], workspace: Workspace) -> None:
    response = clients["editor"].post(
        f"/w/{workspace.slug}/states/add/", {"name": "wave-1", "label": "Wave 1", "copy_from": "as-is"}
    )
    assert response.status_code == 302
    tom = Workspace.objects.get(pk=workspace.pk).tom()
    assert tom.state_names == ["as-is", "wave-1", "to-be"]
    assert tom.states["wave-1"].element("remedy") is not None
    bad = clients["editor"].post(f"/w/{workspace.slug}/states/add/", {"name": "Wave 2"}, follow=True)
    assert "A state name is a slug" in bad.content.decode()
    compare = clients["viewer"].get(f"/w/{workspace.slug}/compare/").content.decode()
    assert compare.index("Wave 1") < compare.index("Digital first")


def test_long_dimensions_page_through_the_rest(
    clients: dict[str, Client], workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tomkit.web.views import elements

    monkeypatch.setattr(elements, "DIMENSION_PAGE", 1)
    url = f"/w/{workspace.slug}/design/?state=to-be"
    first = clients["viewer"].get(url).content.decode()
    assert "Showing <strong>1–1</strong> of 2" in first
    assert "Portal" not in first
    second = clients["viewer"].get(f"{url}&page-service-delivery=2").content.decode()
    assert "Showing <strong>2–2</strong> of 2" in second
    assert "Portal" in second
