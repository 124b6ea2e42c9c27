"""The demo's own incident log: seeded, ServiceNow-shaped, and aligned with the Northwind Mutual TOM."""

from __future__ import annotations

from pathlib import Path

import pytest

from tomkit.demo.eventlog import incident_rows, write_incident_log
from tomkit.demo.packaged import load_demo
from tomkit.mining.backlog import backlog
from tomkit.mining.conformance import check_rules, tom_rules
from tomkit.mining.handovers import handovers
from tomkit.mining.importing import read_log
from tomkit.mining.service import service_facts
from tomkit.mining.sla import sla_attainment
from tomkit.mining.table import EventLog
from tomkit.mining.tom_bridge import service_targets


@pytest.fixture(scope="module")
def demo_log(tmp_path_factory: pytest.TempPathFactory) -> EventLog:
    path = write_incident_log(
        tmp_path_factory.mktemp("demo") / "northwind-incidents.csv", incidents=800, seed=7
    )
    return read_log(path)


def test_the_same_seed_gives_the_same_log() -> None:
    assert list(incident_rows(50, seed=3)) == list(incident_rows(50, seed=3))
    assert list(incident_rows(50, seed=3)) != list(incident_rows(50, seed=4))


def test_it_imports_with_the_servicenow_preset(demo_log: EventLog) -> None:
    assert demo_log.meta["preset"] == "servicenow"
    assert demo_log.n_cases == 800
    activities = set(demo_log.activity[1])
    assert {"New", "Assigned", "In Progress", "Resolved", "Closed", "Reopened", "On Hold"} <= activities


def test_groups_and_channels_match_the_demo_tom(demo_log: EventLog) -> None:
    tom = load_demo()
    as_is = tom.states[tom.baseline_name or ""]
    teams = {e.id for e in as_is.of_kind("team")}
    groups = set(demo_log.codes("group")[1])
    assert groups <= teams
    facts = service_facts(demo_log)
    assert {c.channel for c in facts.channels} == {"phone", "email", "self-service", "chat"}
    targets = service_targets(tom)
    assert targets[("P1", None)].hours == 8.0
    p1, p3 = targets[("P1", None)].clock, targets[("P3", None)].clock
    assert p1 is not None
    assert p1.hours.always
    assert p3 is not None
    assert p3.hours.minutes_per_week == 40 * 60  # business hours


def test_it_shows_what_mining_is_for(demo_log: EventLog) -> None:
    facts = service_facts(demo_log)
    assert 0.02 < facts.reopen_rate < 0.15
    assert 0.1 < facts.fcr_rate < 0.5
    assert facts.reassignment_rate > 0.4
    assert handovers(demo_log).ping_pong_cases > 0
    assert backlog(demo_log)[-1].open > 0  # an extract: the last incidents are still open
    report = sla_attainment(demo_log)
    assert 0.6 < (report.total.attainment or 0) < 0.98


def test_the_to_be_rules_find_violations(demo_log: EventLog) -> None:
    tom = load_demo()
    report = check_rules(demo_log, tom_rules(tom, practice="incident"))
    by_id = {r.rule.id: r for r in report.rules}
    assert by_id["inc-starts-new"].violations == 0
    assert by_id["inc-fix-first-time"].violations > 0
    assert 0 < report.conformant_share < 1


def test_written_file_is_a_csv_with_a_header(tmp_path: Path) -> None:
    path = write_incident_log(tmp_path / "x.csv", incidents=5)
    assert path.read_text().splitlines()[0].startswith("number,incident_state,active")
