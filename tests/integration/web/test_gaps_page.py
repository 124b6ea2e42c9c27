"""The gaps page speaks of people by name, not by id."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tomkit.model import Tom
from tomkit.web import store
from tomkit.web.models import Workspace

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_people_impact_lists_names_and_whole_numbers(
    clients: dict[str, Client], users: dict[str, User], workspace: Workspace
) -> None:
    data = workspace.tom().to_data()
    data["states"]["to-be"]["elements"].append(
        {"id": "role-triage", "kind": "role", "name": "Portal triage agent", "team": "desk"}
    )
    store.replace_draft(workspace.pk, users["owner"], Tom.model_validate(data), "import", "add a role")
    page = clients["viewer"].get(f"/w/{workspace.slug}/gaps/").content.decode()
    assert "<li>FTE 18 → 14</li>" in page
    assert "<li>Roles added: Portal triage agent</li>" in page
    assert "role-triage</li>" not in page
