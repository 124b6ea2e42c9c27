"""The demo organisation behind `tomkit serve --demo`: its users, and every page over its real data."""

from __future__ import annotations

import pytest
from django.test import Client

from tomkit.web import nav
from tomkit.web.models import Membership, Workspace
from tomkit.web.server import DEMO_USERS, load_demo_data

pytestmark = pytest.mark.integration


@pytest.fixture
def demo(db: None, fast_passwords: None) -> Workspace:
    return Workspace.objects.get(slug=load_demo_data())


def test_one_demo_user_per_role(demo: Workspace) -> None:
    roles = dict(Membership.objects.filter(workspace=demo).values_list("user__username", "role"))
    assert roles == {"olivia": "owner", "eddie": "editor", "rita": "reviewer", "victor": "viewer"}
    client = Client()
    login = DEMO_USERS[0]
    assert client.login(username=login.username, password=login.password)


def test_every_page_of_the_demo_renders(demo: Workspace) -> None:
    client = Client()
    client.force_login(Membership.objects.get(workspace=demo, role="viewer").user)
    tom = demo.tom()
    paths = [href for _, href in nav.links(demo.slug) if "members" not in href]
    for state in tom.state_names:
        paths += [
            f"/w/{demo.slug}/{page}/?state={state}" for page in ("design", "canvas", "map", "value-streams")
        ]
    element = tom.states[tom.target_name or ""].elements[0]
    paths += [
        f"/w/{demo.slug}/design/{tom.target_name}/{element.id}/",
        f"/w/{demo.slug}/design/{tom.target_name}/{element.id}/impact/",
        f"/w/{demo.slug}/versions/1/",
        f"/w/{demo.slug}/versions/diff/?a=1&b=draft",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
    health = client.get(f"/w/{demo.slug}/health/").content.decode()
    assert 'id="findings"' in health
