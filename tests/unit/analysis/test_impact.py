"""Impact analysis: what retiring a tool touches, directly and transitively, and by which links."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from tests.strategies import toms
from tomkit.analysis.impact import dependency_links, impact
from tomkit.model import Tom


def _tom() -> Tom:
    state: dict[str, Any] = {
        "elements": [
            {"id": "remedy", "kind": "tool", "name": "Remedy", "lifecycle": "retire", "supplier": "bmc"},
            {"id": "bmc", "kind": "supplier", "name": "BMC"},
            {"id": "workday", "kind": "tool", "name": "Workday"},
            {"id": "desk-l1", "kind": "team", "name": "Desk L1"},
            {"id": "agent", "kind": "role", "name": "Agent"},
            {"id": "incident", "kind": "practice", "name": "Incident management"},
            {"id": "phone", "kind": "channel", "name": "Phone"},
            {
                "id": "int-hr",
                "kind": "integration",
                "name": "Joiners feed",
                "source": "remedy",
                "target": "workday",
            },
            {"id": "cmdb", "kind": "data-asset", "name": "CMDB", "system_of_record": "remedy"},
            {"id": "tickets", "kind": "data-asset", "name": "Tickets"},
            {
                "id": "restore",
                "kind": "value-stream",
                "name": "Restore",
                "steps": [{"name": "log", "tools": ["remedy"]}],
            },
            {"id": "email", "kind": "service", "name": "Email", "customers": ["staff"]},
            {"id": "staff", "kind": "customer-segment", "name": "Staff"},
        ],
        "relations": [
            {"from": "desk-l1", "type": "uses", "to": "remedy"},
            {"from": "remedy", "type": "supports", "to": "incident"},
            {"from": "remedy", "type": "stores", "to": "tickets"},
            {"from": "agent", "type": "member-of", "to": "desk-l1"},
            {"from": "incident", "type": "supports", "to": "phone"},
            {"from": "email", "type": "depends-on", "to": "remedy"},
            {"from": "desk-l1", "type": "uses", "to": "workday"},
            {"from": "bmc", "type": "provides", "to": "remedy"},
        ],
    }
    return Tom.model_validate(
        {
            "name": "t",
            "states": {
                "as-is": state,
                "to-be": {"elements": [{"id": "workday", "kind": "tool", "name": "Workday"}]},
            },
            "kpis": [{"id": "mttr", "name": "MTTR", "about": ["incident", "remedy"]}],
            "initiatives": [
                {"id": "retire-remedy", "name": "Retire Remedy", "closes": ["remedy", "cmdb"]},
                {"id": "other", "name": "Other", "team": "desk-l1"},
            ],
        }
    )


def test_retiring_a_tool_touches_its_dependants_with_paths() -> None:
    report = impact(_tom(), "remedy")
    assert report.state == "as-is"  # the latest state that has it
    assert [(i.element_id, i.distance, i.describe_path()) for i in report.affected] == [
        ("incident", 1, "incident <-supports- remedy"),
        ("restore", 1, "restore -steps[0].tools-> remedy"),
        ("email", 1, "email -depends-on-> remedy"),
        ("desk-l1", 1, "desk-l1 -uses-> remedy"),
        ("int-hr", 1, "int-hr -source-> remedy"),
        ("cmdb", 1, "cmdb -system_of_record-> remedy"),
        ("tickets", 1, "tickets <-stores- remedy"),
        ("phone", 2, "phone <-supports- incident <-supports- remedy"),
        ("staff", 2, "staff <-customers- email -depends-on-> remedy"),
        ("agent", 2, "agent -member-of-> desk-l1 -uses-> remedy"),
    ]
    assert "workday" not in {i.element_id for i in report.affected}
    assert [i.element_id for i in report.direct()][:2] == ["incident", "restore"]
    assert {i.element_id for i in report.transitive()} == {"phone", "staff", "agent"}
    assert [i.element_id for i in report.by_kind()["data-asset"]] == ["cmdb", "tickets"]
    assert [(m.id, m.field) for m in report.initiatives] == [("retire-remedy", "closes")]
    assert [(m.id, m.field) for m in report.kpis] == [("mttr", "about")]
    # upstream, one hop: the supplier to wind down (by relation, and by the tool's `supplier`)
    assert [(i.element_id, i.describe_path()) for i in report.depends_on] == [
        ("bmc", "remedy <-provides- bmc")
    ]
    assert report.to_data()["depends_on"] == [
        {"id": "bmc", "kind": "supplier", "name": "BMC", "path": "remedy <-provides- bmc"}
    ]


def test_depth_limit_and_state_choice() -> None:
    report = impact(_tom(), "remedy", max_depth=1)
    assert all(i.distance == 1 for i in report.affected)
    assert len(report.affected) == 7
    assert impact(_tom(), "workday").state == "to-be"
    assert impact(_tom(), "workday", "to-be").affected == ()
    assert [i.element_id for i in impact(_tom(), "workday", "as-is").affected] == [
        "desk-l1",
        "int-hr",
        "agent",
    ]


def test_missing_elements_and_states_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="no element 'remedy' in state 'to-be'; it is in: as-is"):
        impact(_tom(), "remedy", "to-be")
    with pytest.raises(ValueError, match="no element 'nope' in any state"):
        impact(_tom(), "nope")
    with pytest.raises(ValueError, match="no state 'wave-1'"):
        impact(_tom(), "remedy", "wave-1")


@settings(max_examples=40, deadline=None)
@given(toms())
def test_every_path_is_a_chain_of_real_links_to_the_element(tom: Tom) -> None:
    name = tom.baseline_name
    assert name is not None
    state = tom.states[name]
    links = set(dependency_links(state))
    for element in state.elements:
        report = impact(tom, element.id, name)
        assert element.id not in {i.element_id for i in report.affected}
        for item in report.affected:
            assert len(item.path) == item.distance
            assert item.path[0].source == item.element_id
            assert item.path[-1].target == element.id
            assert all(link in links for link in item.path)
            assert all(a.target == b.source for a, b in zip(item.path, item.path[1:], strict=False))
