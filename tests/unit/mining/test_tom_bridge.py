"""KPI baselines and as-is facts written into a TOM, with provenance; the input TOM stays untouched."""

from __future__ import annotations

import datetime as dt

import pytest

from tomkit.mining.errors import MiningError
from tomkit.mining.filters import LogFilter
from tomkit.mining.metrics import METRICS, compute_metric
from tomkit.mining.table import EventLog
from tomkit.mining.tom_bridge import apply_facts, kpi_baseline, service_targets, team_names
from tomkit.model import Channel, Team, Tom

TOM = {
    "name": "Service desk",
    "kpis": [
        {"id": "mttr-p1", "name": "MTTR P1", "unit": "hours", "direction": "lower", "baseline": 9.5},
        {"id": "sla", "name": "SLA", "unit": "ratio"},
    ],
    "states": {
        "as-is": {
            "elements": [
                {"id": "ch-phone", "kind": "channel", "name": "Phone", "channel_type": "phone", "volume_per_month": 5},
                {"id": "ch-portal", "kind": "channel", "name": "Portal", "channel_type": "portal"},
                {"id": "ch-chat", "kind": "channel", "name": "Chat", "channel_type": "chat"},
                {"id": "network", "kind": "team", "name": "Network"},
                {"id": "desk", "kind": "team", "name": "L1 desk", "properties": {"mining_group": "Service Desk"}},
                {"id": "sl", "kind": "service-level", "name": "Incident SLA",
                 "targets": [{"priority": "P1", "resolution_hours": 8}, {"priority": "3 - Moderate", "resolution_hours": 24}]},
            ]
        },
        "to-be": {},
    },
}  # fmt: skip


@pytest.fixture
def tom() -> Tom:
    return Tom.model_validate(TOM)


def test_kpi_baseline_from_a_mining_query(tom: Tom, servicenow: EventLog) -> None:
    spec = LogFilter(attributes={"priority": ["P3"]})
    updated = kpi_baseline(
        tom, "mttr-p1", servicenow, "median_resolution_hours", "sn-fixture", spec, dt.date(2026, 5, 1)
    )
    kpi = updated.kpi("mttr-p1")
    assert kpi is not None
    assert kpi.baseline == 48.0  # INC0000002: opened 1 March 10:00, first resolved 3 March 10:00
    assert kpi.baseline_date == dt.date(2026, 5, 1)
    assert kpi.source.kind == "mining"
    assert kpi.source.dataset == "sn-fixture"
    assert kpi.source.metric == "median_resolution_hours"
    assert kpi.source.filters == {"attributes": {"priority": ["P3"]}}
    assert "1 cases" in kpi.source.provenance
    assert "2026-05-01" in kpi.source.provenance
    original = tom.kpi("mttr-p1")
    assert original is not None
    assert original.baseline == 9.5
    assert original.source.kind == "manual"


def test_sla_baseline_uses_the_toms_service_levels(tom: Tom, servicenow: EventLog) -> None:
    targets = service_targets(tom)
    assert {key: target.hours for key, target in targets.items()} == {("P1", None): 8.0, ("P3", None): 24.0}
    assert all(t.clock is not None and t.clock.hours.always for t in targets.values())  # no calendar: 24x7
    updated = kpi_baseline(tom, "sla", servicenow, "sla_attainment", "sn", as_of=dt.date(2026, 1, 1))
    kpi = updated.kpi("sla")
    assert kpi is not None
    assert kpi.baseline == 0.5


def test_unknown_kpi_and_metric_are_clear_errors(tom: Tom, servicenow: EventLog) -> None:
    with pytest.raises(MiningError, match="no KPI 'nope'"):
        kpi_baseline(tom, "nope", servicenow, "cases", "sn")
    with pytest.raises(MiningError, match="unknown metric"):
        kpi_baseline(tom, "sla", servicenow, "happiness", "sn")
    with pytest.raises(MiningError, match="no cases"):
        kpi_baseline(
            tom,
            "sla",
            servicenow,
            "median_resolution_hours",
            "sn",
            LogFilter(attributes={"channel": ["Fax"]}),
        )


def test_every_metric_computes_on_the_fixture(servicenow: EventLog) -> None:
    values = {name: compute_metric(servicenow, name) for name in METRICS}
    assert values["cases"] == 4
    assert values["reopen_rate"] == pytest.approx(1 / 3)
    assert values["first_contact_resolution"] == pytest.approx(1 / 3)
    assert values["reassignment_rate"] == 0.5
    assert values["ping_pong_rate"] == 0.25
    assert values["sla_attainment"] == 0.75
    assert values["mean_resolution_hours"] == pytest.approx((2 + 48 + 0.5) / 3)
    assert values["open_backlog"] == 1


def test_facts_go_into_the_as_is_with_provenance(tom: Tom, servicenow: EventLog) -> None:
    updated, applied = apply_facts(tom, servicenow, "sn-fixture", as_of=dt.date(2026, 5, 1))
    state = updated.states["as-is"]
    phone = state.element("ch-phone")
    assert isinstance(phone, Channel)
    months = (dt.datetime(2016, 3, 5, 10) - dt.datetime(2016, 3, 1, 9, 5)).total_seconds() / (30.44 * 86400)
    assert phone.volume_per_month == round(2 / months, 1)
    assert phone.properties["mined_share"] == 0.5
    assert "sn-fixture" in str(phone.properties["mined_from"])
    portal = state.element("ch-portal")
    assert isinstance(portal, Channel)
    assert portal.properties["mined_share"] == 0.25
    chat = state.element("ch-chat")
    assert isinstance(chat, Channel)
    assert chat.volume_per_month is None
    network = state.element("network")
    assert isinstance(network, Team)
    assert network.properties["mined_cases"] == 2
    assert network.properties["mined_reassignment_rate"] == 0.5  # one hand-over back to the desk in 2 cases
    desk = state.element("desk")
    assert isinstance(desk, Team)
    assert desk.properties["mined_cases"] == 4
    assert desk.properties["mined_reassignment_rate"] == 0.75
    assert {(f.element, f.field) for f in applied} >= {
        ("ch-phone", "volume_per_month"),
        ("desk", "properties.mined_cases"),
    }
    before = tom.states["as-is"].element("ch-phone")
    assert isinstance(before, Channel)
    assert before.volume_per_month == 5


def test_team_names_for_assignment_groups(tom: Tom) -> None:
    names = team_names(tom, ["Service Desk", "network", "Network", "Facilities"])
    assert names == {"Service Desk": "L1 desk", "network": "Network"}
    assert team_names(tom, ["Service Desk"], state="to-be") == {}
