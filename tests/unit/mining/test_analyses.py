"""The analyses on the small ServiceNow fixture, against figures worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from tomkit.mining.backlog import arrivals, backlog
from tomkit.mining.dfg import discover_dfg
from tomkit.mining.handovers import handovers
from tomkit.mining.service import service_facts
from tomkit.mining.sla import sla_attainment
from tomkit.mining.stats import all_case_durations, log_stats
from tomkit.mining.table import EventLog
from tomkit.mining.variants import discover_variants

H = 3600.0


def test_dfg_counts_start_and_end(servicenow: EventLog) -> None:
    dfg = discover_dfg(servicenow)
    assert dfg.counts() == {
        ("New", "Active"): 3,
        ("Active", "Resolved"): 3,
        ("Resolved", "Closed"): 3,
        ("Active", "Active"): 2,
        ("Resolved", "Active"): 1,
        ("New", "Resolved"): 1,
    }
    assert dfg.start == {"New": 4}
    assert dfg.end == {"Closed": 3, "Active": 1}
    assert dfg.activities == {"Active": 6, "New": 4, "Resolved": 4, "Closed": 3}


def test_performance_statistics(servicenow: EventLog) -> None:
    dfg = discover_dfg(servicenow)
    new_active = dfg.edge("New", "Active")
    assert new_active is not None
    # 0 s (tie at 09:05), 2 h, 2 h
    assert (new_active.mean, new_active.median, new_active.min, new_active.max, new_active.total) == (
        4800.0, 7200.0, 0.0, 7200.0, 14400.0)  # fmt: skip
    active_resolved = dfg.edge("Active", "Resolved")
    assert active_resolved is not None
    # 1 h 55 m, 44 h, 22 h
    assert active_resolved.median == 22 * H
    assert active_resolved.mean == pytest.approx((6900 + 44 * H + 22 * H) / 3)
    assert active_resolved.stdev == pytest.approx(
        ((6900 - 81500) ** 2 + (158400 - 81500) ** 2 + (79200 - 81500) ** 2) ** 0.5 / 2**0.5
    )
    single = dfg.edge("New", "Resolved")
    assert single is not None
    assert single.stdev == 0.0


def test_top_keeps_frequent_activities_and_paths(servicenow: EventLog) -> None:
    small = discover_dfg(servicenow).top(activities=2, paths=1)
    assert list(small.activities) == ["Active", "New"]
    assert small.counts() == {("New", "Active"): 3}
    assert small.start == {"New": 4}
    assert small.end == {"Active": 1}


def test_variants_and_case_durations(servicenow: EventLog) -> None:
    found = discover_variants(servicenow)
    assert found.counts() == {
        ("New", "Active", "Resolved", "Closed"): 1,
        ("New", "Active", "Active", "Active", "Resolved", "Active", "Resolved", "Closed"): 1,
        ("New", "Resolved", "Closed"): 1,
        ("New", "Active"): 1,
    }
    assert all(v.share == 0.25 for v in found.variants)
    short = next(v for v in found.variants if v.activities == ("New", "Active"))
    assert short.median_duration == 2 * H
    assert short.example_case == "INC0000004"
    assert all_case_durations(servicenow) == [2 * H, 23 * H + 55 * 60, 24.5 * H, 96 * H]


def test_log_stats_and_rework(servicenow: EventLog) -> None:
    stats = log_stats(servicenow)
    assert (stats.n_events, stats.n_cases, stats.n_activities) == (17, 4, 4)
    assert stats.rework_cases == 1  # INC0000002 repeats Active and Resolved
    active = next(a for a in stats.activities if a.activity == "Active")
    assert (active.events, active.cases, active.rework_cases, active.repeats) == (6, 3, 1, 3)
    assert stats.case_duration.median == pytest.approx((23 * H + 55 * 60 + 24.5 * H) / 2)


def test_handovers_and_ping_pong(servicenow: EventLog) -> None:
    report = handovers(servicenow, "group")
    counts = {(h.source, h.target): (h.count, h.cases) for h in report.handovers}
    assert counts == {("Service Desk", "Network"): (3, 2), ("Network", "Service Desk"): (1, 1)}
    assert {(p.first, p.second): p.count for p in report.ping_pong} == {
        ("Service Desk", "Network"): 1,
        ("Network", "Service Desk"): 1,
    }
    assert report.ping_pong_cases == 1
    assert report.reassignments == {0: 2, 1: 1, 3: 1}
    assert report.mean_reassignments == 1.0
    assert report.reassigned_share() == 0.5
    assert report.reassigned_share(3) == 0.25


def test_handovers_between_resources_skip_blanks(servicenow: EventLog) -> None:
    report = handovers(servicenow, "resource")
    counts = {(h.source, h.target): h.count for h in report.handovers}
    assert counts == {("Ana", "Bo"): 2, ("Bo", "Ana"): 1}


def test_service_facts_use_the_platform_counters(servicenow: EventLog) -> None:
    facts = service_facts(servicenow)
    assert facts.resolved_cases == 3
    assert facts.reassigned_cases == 2
    assert facts.reassignment_source == "column reassignment_count"
    assert facts.mean_reassignments == 1.0
    assert facts.reopened_cases == 1
    assert facts.reopen_rate == pytest.approx(1 / 3)
    assert facts.fcr_cases == 1
    assert facts.fcr_rate == pytest.approx(1 / 3)
    assert [(c.channel, c.cases) for c in facts.channels] == [("Phone", 2), ("Email", 1), ("Self service", 1)]


def test_reopen_from_events_when_there_is_no_counter(servicenow: EventLog) -> None:
    bare = EventLog.from_table(servicenow.table.drop_columns(["reopen_count", "reassignment_count"]))
    facts = service_facts(bare)
    assert facts.reopened_cases == 1
    assert facts.reopen_source == "activity after a resolution"
    assert facts.reassignment_source == "group hand-overs"
    assert facts.reassigned_cases == 2


def test_sla_from_the_flag_column(servicenow: EventLog) -> None:
    report = sla_attainment(servicenow)
    assert report.source == "column made_sla"
    assert (report.total.cases, report.total.met) == (4, 3)
    rows = {(r.priority, r.channel): (r.cases, r.met) for r in report.rows}
    assert rows == {("P1", "Phone"): (1, 1), ("P2", "Phone"): (1, 1), ("P3", "Email"): (1, 0),
                    ("P4", "Self service"): (1, 1)}  # fmt: skip


def test_sla_against_targets(servicenow: EventLog) -> None:
    report = sla_attainment(
        servicenow, {("P1", None): 8, ("P3", None): 24, ("P4", "self service"): 1}, by_channel=False
    )
    rows = {r.priority: (r.cases, r.met, r.target_hours) for r in report.rows}
    # INC1 2 h from opened_at (P1, 8 h): met; INC2 48 h (P3, 24 h): missed; INC3 0.5 h: met; INC4 still open
    assert rows == {"P1": (1, 1, 8), "P3": (1, 0, 24)}
    assert report.unmatched_cases == 1  # INC3's P4 target is for the self-service channel only
    assert report.total.attainment == 0.5


def test_backlog_per_day(servicenow: EventLog) -> None:
    points = backlog(servicenow, "day")
    assert [(p.at.day, p.open, p.opened, p.resolved) for p in points] == [
        (2, 1, 2, 1),
        (3, 1, 1, 1),
        (4, 1, 1, 1),
        (5, 1, 0, 0),
        (6, 1, 0, 0),
    ]
    assert points[0].at == dt.datetime(2016, 3, 2, tzinfo=dt.UTC)


def test_arrivals_by_weekday_and_hour(servicenow: EventLog) -> None:
    found = arrivals(servicenow)
    assert found.per_weekday() == [0, 2, 1, 1, 0, 0, 0]  # 1 March 2016 was a Tuesday
    assert found.counts[1][9] == 1
    assert found.counts[1][10] == 1
    assert found.counts[3][23] == 1
    assert found.by_channel["Phone"][3][23] == 1
    lisbon = arrivals(servicenow, "Asia/Tokyo")
    assert lisbon.counts[4][8] == 1  # 23:00 UTC Thursday is 08:00 Friday in Tokyo


def test_every_analysis_copes_with_an_empty_log(servicenow: EventLog) -> None:
    from tomkit.mining.conformance import check_rules
    from tomkit.mining.filters import LogFilter, apply_filter
    from tomkit.model import ProcessRule

    empty = apply_filter(servicenow, LogFilter(attributes={"channel": ["Fax"]}))
    assert (empty.n_events, empty.n_cases) == (0, 0)
    assert discover_dfg(empty).edges == []
    assert discover_variants(empty).variants == []
    assert log_stats(empty).n_cases == 0
    assert handovers(empty).handovers == []
    assert service_facts(empty).reopen_rate == 0.0
    assert backlog(empty) == []
    assert check_rules(empty, [ProcessRule(template="init", activities=["New"])]).conformant_share == 1.0
