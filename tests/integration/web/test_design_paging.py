"""The Design page pages each dimension on its own: counts, clamping, kept filters, htmx sections."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tomkit.model import Dimension, Tom
from tomkit.web import store
from tomkit.web.models import Membership, Workspace

pytestmark = pytest.mark.integration


def _tools(count: int, prefix: str) -> list[dict[str, Any]]:
    # Odd numbers are cloud tools, even ones desk tools: a search for "cloud" matches half of them.
    return [
        {"id": f"{prefix}{n:03}", "kind": "tool", "name": f"{'Cloud' if n % 2 else 'Desk'} tool {n:03}"}
        for n in range(1, count + 1)
    ]


def _long_tom() -> Tom:
    teams = [{"id": f"team{n:03}", "kind": "team", "name": f"Team {n:03}"} for n in range(1, 71)]
    return Tom.model_validate(
        {
            "name": "Long dimensions",
            "states": {
                "as-is": {
                    "elements": [*_tools(150, "t"), *teams, {"id": "leeds", "kind": "site", "name": "Leeds"}]
                },
                "to-be": {"elements": _tools(130, "f")},
            },
        }
    )


@pytest.fixture
def long_workspace(users: dict[str, User]) -> Workspace:
    ws = store.create_workspace(users["owner"], _long_tom(), "paging")
    Membership.objects.create(workspace=ws, user=users["viewer"], role="viewer")
    return ws


@pytest.fixture
def viewer(clients: dict[str, Client]) -> Client:
    return clients["viewer"]


def _get(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def _section(page: str, dimension: str) -> str:
    found = re.search(rf'<section[^>]*\bid="dim-{dimension}"[^>]*>(.*?)</section>', page, re.S)
    assert found, f"no section for {dimension}"
    return found.group(1)


def _ids(section: str) -> list[str]:
    return re.findall(r"<td><code>([^<]*)</code></td>", section)


def _status(section: str) -> str:
    found = re.search(r'class="pager-status">(.*?)</span>', section, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else ""


def _links(section: str) -> dict[str, str]:
    nav = re.search(r'<nav class="row pager".*?</nav>', section, re.S)
    assert nav, "no pager"
    return {
        label: html.unescape(href)
        for href, label in re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav.group(0))
    }


def _query(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert parts.path.endswith("/design/")
    return dict(parse_qsl(parts.query, keep_blank_values=True))


def _design(ws: Workspace, query: str = "") -> str:
    return f"/w/{ws.slug}/design/{query}"


def test_first_page_shows_sixty_rows_of_a_long_dimension(viewer: Client, long_workspace: Workspace) -> None:
    tech = _section(_get(viewer, _design(long_workspace)), "technology")
    assert _ids(tech) == [f"t{n:03}" for n in range(1, 61)]
    assert _status(tech) == "Showing 1–60 of 150"
    assert "page 1 of 3" in tech
    assert set(_links(tech)) == {"Next ›", "Last »"}


def test_page_three_shows_the_last_thirty(viewer: Client, long_workspace: Workspace) -> None:
    tech = _section(_get(viewer, _design(long_workspace, "?page-technology=3")), "technology")
    assert _ids(tech) == [f"t{n:03}" for n in range(121, 151)]
    assert _status(tech) == "Showing 121–150 of 150"
    links = _links(tech)
    assert set(links) == {"« First", "‹ Previous"}
    assert _query(links["« First"]) == {"state": "as-is"}
    assert _query(links["‹ Previous"]) == {"state": "as-is", "page-technology": "2"}


def test_each_dimension_pages_on_its_own_and_short_ones_have_no_pager(
    viewer: Client, long_workspace: Workspace
) -> None:
    page = _get(viewer, _design(long_workspace, "?state=as-is&page-people-organisation=2&page-technology=2"))
    people = _section(page, "people-organisation")
    assert _ids(people) == [f"team{n:03}" for n in range(61, 71)]
    assert _status(people) == "Showing 61–70 of 70"
    tech = _section(page, "technology")
    assert _ids(tech)[0] == "t061"
    # Paging one dimension keeps where the other one is.
    assert _query(_links(tech)["Next ›"]) == {
        "state": "as-is",
        "page-people-organisation": "2",
        "page-technology": "3",
    }
    locations = _section(page, "locations")
    assert _ids(locations) == ["leeds"]
    assert "pager" not in locations


@pytest.mark.parametrize(
    ("raw", "first_id", "status"),
    [
        ("99", "t121", "Showing 121–150 of 150"),
        ("4", "t121", "Showing 121–150 of 150"),
        ("0", "t001", "Showing 1–60 of 150"),
        ("-2", "t001", "Showing 1–60 of 150"),
        ("abc", "t001", "Showing 1–60 of 150"),
        ("2.5", "t001", "Showing 1–60 of 150"),
        ("", "t001", "Showing 1–60 of 150"),
        ("99999999999999999999999", "t121", "Showing 121–150 of 150"),
    ],
)
def test_out_of_range_and_junk_pages_clamp(
    viewer: Client, long_workspace: Workspace, raw: str, first_id: str, status: str
) -> None:
    tech = _section(_get(viewer, _design(long_workspace, f"?page-technology={raw}")), "technology")
    assert _ids(tech)[0] == first_id
    assert _status(tech) == status
    assert _links(tech), "a clamped page still links to the others"


def test_search_and_filter_survive_paging(viewer: Client, long_workspace: Workspace) -> None:
    first = _get(viewer, _design(long_workspace, "?state=as-is&dimension=technology&q=Cloud"))
    tech = _section(first, "technology")
    assert _status(tech) == "Showing 1–60 of 75 matching “Cloud”"
    assert 'id="dim-people-organisation"' not in first
    following = _links(tech)["Next ›"]
    assert _query(following) == {
        "state": "as-is",
        "dimension": "technology",
        "q": "Cloud",
        "page-technology": "2",
    }
    second = _section(_get(viewer, following), "technology")
    assert _ids(second) == [f"t{n:03}" for n in range(121, 151, 2)]
    assert _status(second) == "Showing 61–75 of 75 matching “Cloud”"
    # Back to the first page keeps the search too.
    back = _links(second)["‹ Previous"]
    assert _query(back) == {"state": "as-is", "dimension": "technology", "q": "Cloud"}
    assert _ids(_section(_get(viewer, back), "technology"))[:2] == ["t001", "t003"]


def test_the_state_is_kept_in_the_links(viewer: Client, long_workspace: Workspace) -> None:
    tech = _section(_get(viewer, _design(long_workspace, "?state=to-be")), "technology")
    assert _status(tech) == "Showing 1–60 of 130"
    last = _links(tech)["Last »"]
    assert _query(last) == {"state": "to-be", "page-technology": "3"}
    final = _section(_get(viewer, last), "technology")
    assert _ids(final) == [f"f{n:03}" for n in range(121, 131)]


def test_a_state_without_a_state_parameter_links_with_it(viewer: Client, long_workspace: Workspace) -> None:
    tech = _section(_get(viewer, _design(long_workspace)), "technology")
    assert _query(_links(tech)["Next ›"]) == {"state": "as-is", "page-technology": "2"}


def test_htmx_pager_link_gets_its_section_alone(viewer: Client, long_workspace: Workspace) -> None:
    url = _design(long_workspace, "?page-technology=2")
    fragment = _get(viewer, url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dim-technology")
    assert "<html" not in fragment
    assert fragment.lstrip().startswith('<section class="dimension dim-technology" id="dim-technology">')
    assert 'id="dim-people-organisation"' not in fragment
    assert _ids(_section(fragment, "technology"))[0] == "t061"
    # The pager links swap the section in place and still work as plain links.
    assert 'hx-target="#dim-technology"' in fragment
    assert 'hx-push-url="true"' in fragment


def test_htmx_filter_still_gets_every_dimension(viewer: Client, long_workspace: Workspace) -> None:
    fragment = _get(viewer, _design(long_workspace), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="elements")
    assert "<html" not in fragment
    assert re.findall(r'<section[^>]*id="dim-([a-z-]+)"', fragment) == [d.value for d in Dimension]


def test_history_restore_gets_the_whole_page(viewer: Client, long_workspace: Workspace) -> None:
    page = _get(
        viewer,
        _design(long_workspace, "?page-technology=2"),
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
        HTTP_HX_TARGET="dim-technology",
    )
    assert "<html" in page
    assert _ids(_section(page, "technology"))[0] == "t061"


def test_only_members_page(clients: dict[str, Client], long_workspace: Workspace) -> None:
    response = clients["stranger"].get(_design(long_workspace, "?page-technology=2"))
    assert response.status_code in (403, 404)
