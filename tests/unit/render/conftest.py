"""A small hand-made TOM with known gaps between its three states, shared by the picture tests.

as-is -> wave-1: added portal (channel) and servicenow (tool); removed fax (channel);
                 changed desk-l1 (fte 18 -> 16).
wave-1 -> to-be: added chatbot (channel), kb (data asset); removed remedy (tool);
                 changed desk-l1 (fte 16 -> 12, sourcing outsourced -> in-house), incident (maturity 2 -> 4).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tomkit.model import Tom

_COMMON: list[dict[str, Any]] = [
    {"id": "acme", "kind": "supplier", "name": "Acme Outsourcing", "strategic": True},
    {"id": "leeds", "kind": "site", "name": "Leeds", "country": "UK"},
    {"id": "lisbon", "kind": "hub", "name": "Lisbon hub", "country": "PT"},
    {"id": "incident", "kind": "practice", "name": "Incident management", "maturity": 2},
    {"id": "request", "kind": "practice", "name": "Service request management", "maturity": 2},
    {
        "id": "restore",
        "kind": "value-stream",
        "name": "Restore a service",
        "steps": [
            {"name": "Detect", "department": "Operations", "practices": ["incident"], "tools": ["remedy"]},
            {"name": "Log & triage", "department": "Service desk", "teams": ["desk-l1"], "tools": ["remedy"]},
            {"name": "Resolve", "department": "Resolver groups", "teams": ["net-l2"]},
        ],
    },
    {"id": "email-svc", "kind": "service", "name": "Email", "criticality": "critical"},
    {"id": "staff", "kind": "customer-segment", "name": "All staff", "users": 4200},
    {"id": "phone", "kind": "channel", "name": "Phone", "volume_per_month": 12000},
    {"id": "desk-l1", "kind": "team", "name": "Service Desk L1", "fte": 18, "sourcing": "outsourced"},
    {"id": "net-l2", "kind": "team", "name": "Network L2", "fte": 6},
    {"id": "analyst", "kind": "role", "name": "Service desk analyst"},
    {"id": "remedy", "kind": "tool", "name": "Remedy 9", "lifecycle": "retire"},
    {"id": "cmdb", "kind": "data-asset", "name": "CMDB", "quality": 60},
    {"id": "cab", "kind": "forum", "name": "Change advisory board", "cadence": "weekly"},
    {"id": "major-risk", "kind": "risk", "name": "Outage of the ITSM platform", "likelihood": 3, "impact": 4},
]
_RELATIONS: list[dict[str, str]] = [
    {"from": "desk-l1", "type": "operates", "to": "incident"},
    {"from": "desk-l1", "type": "uses", "to": "remedy"},
    {"from": "net-l2", "type": "operates", "to": "incident"},
    {"from": "acme", "type": "provides", "to": "desk-l1"},
    {"from": "desk-l1", "type": "located-at", "to": "leeds"},
    {"from": "incident", "type": "supports", "to": "email-svc"},
    {"from": "phone", "type": "serves", "to": "staff"},
    {"from": "cab", "type": "governs", "to": "incident"},
    {"from": "remedy", "type": "stores", "to": "cmdb"},
    {"from": "analyst", "type": "member-of", "to": "desk-l1"},
]


def _element(elements: list[dict[str, Any]], element_id: str) -> dict[str, Any]:
    return next(e for e in elements if e["id"] == element_id)


def small_tom_data() -> dict[str, Any]:
    as_is = [*copy.deepcopy(_COMMON), {"id": "fax", "kind": "channel", "name": "Fax", "volume_per_month": 40}]
    wave = [
        *copy.deepcopy(_COMMON),
        {"id": "portal", "kind": "channel", "name": "Self-service portal", "volume_per_month": 3000},
        {"id": "servicenow", "kind": "tool", "name": "ServiceNow", "lifecycle": "introduce"},
    ]
    _element(wave, "desk-l1")["fte"] = 16
    to_be = [e for e in copy.deepcopy(wave) if e["id"] != "remedy"] + [
        {"id": "chatbot", "kind": "channel", "name": "Virtual agent", "volume_per_month": 2500},
        {"id": "kb", "kind": "data-asset", "name": "Knowledge base", "quality": 80},
    ]
    _element(to_be, "desk-l1").update({"fte": 12, "sourcing": "in-house"})
    _element(to_be, "incident")["maturity"] = 4
    stream = _element(to_be, "restore")
    stream["steps"][0]["tools"] = ["servicenow"]
    stream["steps"][1]["tools"] = ["servicenow"]
    stream["steps"][1]["practices"] = ["request"]
    stream["steps"].append({"name": "Learn", "department": "Problem team", "practices": ["incident"]})
    wave_relations = [*_RELATIONS, {"from": "desk-l1", "type": "uses", "to": "servicenow"}]
    to_be_relations = [r for r in wave_relations if "remedy" not in (r["from"], r["to"])] + [
        {"from": "servicenow", "type": "stores", "to": "kb"},
        {"from": "chatbot", "type": "serves", "to": "staff"},
    ]
    return {
        "tomkit": 1,
        "name": "Digital-first service desk",
        "organisation": "Example Ltd",
        "states": {
            "as-is": {"label": "Today", "elements": as_is, "relations": copy.deepcopy(_RELATIONS)},
            "wave-1": {"label": "Wave 1", "elements": wave, "relations": wave_relations},
            "to-be": {"label": "Digital first", "elements": to_be, "relations": to_be_relations},
        },
        "initiatives": [{"id": "portal-launch", "name": "Launch the portal", "closes": ["portal"]}],
    }


@pytest.fixture
def small_tom() -> Tom:
    return Tom.model_validate(small_tom_data())


SVG_NS = "http://www.w3.org/2000/svg"
NS = {"s": SVG_NS}


def parse_svg(svg: str) -> Any:
    """The SVG parsed with lxml (fails the test on malformed XML); checks it is a standalone SVG."""
    from lxml import etree

    root = etree.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.get("viewBox"), "a standalone SVG needs a viewBox"
    return root


def texts(node: Any) -> list[str]:
    """The content of every <text> under `node`, whitespace-normalised."""
    return [" ".join("".join(t.itertext()).split()) for t in node.iter(f"{{{SVG_NS}}}text")]
