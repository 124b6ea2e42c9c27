"""The workspace navigation: one list that the built-in pages and added pages (roadmap, journeys,
mining, scenarios) all register in, so a new page appears in every workspace's menu.

    from tomkit.web.nav import NavItem, register
    register(NavItem("roadmap", "Roadmap", "roadmap:index", order=60))

`url_name` is reversed with the workspace slug as its only argument (`ws`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    order: int = 100
    min_role: str = "viewer"


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> NavItem:
    """Add (or replace, by key) a page in the workspace menu."""
    _ITEMS[item.key] = item
    return item


def items() -> list[NavItem]:
    return sorted(_ITEMS.values(), key=lambda i: (i.order, i.label))


def links(slug: str) -> list[tuple[NavItem, str]]:
    """(item, href) for a workspace; items whose URL is not installed are left out."""
    out: list[tuple[NavItem, str]] = []
    for item in items():
        try:
            out.append((item, reverse(item.url_name, kwargs={"ws": slug})))
        except NoReverseMatch:
            continue
    return out


for _item in (
    NavItem("overview", "Overview", "ws_overview", 10),
    NavItem("design", "Design", "ws_design", 20),
    NavItem("compare", "Compare", "ws_compare", 30),
    NavItem("gaps", "Gaps", "ws_gaps", 35),
    NavItem("map", "Map", "ws_map", 40),
    NavItem("canvas", "Canvas", "ws_canvas", 42),
    NavItem("value-streams", "Value streams", "ws_value_streams", 45),
    NavItem("health", "Health", "ws_health", 50),
    NavItem("feedback", "Feedback", "ws_feedback", 70),
    NavItem("versions", "Versions", "ws_versions", 80),
    NavItem("audit", "Audit trail", "ws_audit", 90),
    NavItem("members", "Members", "ws_members", 95),
):
    register(_item)
