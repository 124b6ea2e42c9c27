"""The out-of-core engine (DuckDB over Parquet) gives the in-memory engine's results.

Counts, labels and orderings are compared with `==`. Floating statistics (edge and summary means,
medians and 90th percentiles) are compared to a relative 1e-12 (edges: 1e-9 as before): numpy and
DuckDB add and interpolate in a different order, so the last bit may differ.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tomkit.demo.eventlog import write_incident_log
from tomkit.mining import outofcore
from tomkit.mining.backlog import arrivals
from tomkit.mining.dfg import discover_dfg
from tomkit.mining.errors import MiningError
from tomkit.mining.handovers import Handover, PingPong, handovers
from tomkit.mining.importing import import_dataset
from tomkit.mining.stats import activity_stats, all_case_durations, log_stats
from tomkit.mining.table import EventLog
from tomkit.mining.variants import discover_variants

DATA = Path(__file__).resolve().parents[2] / "data" / "mining"
SOURCES = ["servicenow.csv", "tiny.xes", "generic.csv", "handover_ties.csv", "demo"]
SHARED_LOGS = [
    "uci-incident/incident_event_log_truncated_original_format.zip",
    "bpic2013-incidents/bpi_challenge_2013_incidents.xes.gz",
]
ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata"]


def assert_same(theirs: Any, ours: Any, rel: float = 1e-12) -> None:
    """Equal field by field, floats to a relative tolerance; lists and dicts also in the same order."""
    if dataclasses.is_dataclass(ours) and not isinstance(ours, type):
        assert type(theirs) is type(ours)
        for f in dataclasses.fields(ours):
            assert_same(getattr(theirs, f.name), getattr(ours, f.name), rel)
    elif isinstance(ours, list | tuple):
        assert len(theirs) == len(ours)
        for a, b in zip(theirs, ours, strict=True):
            assert_same(a, b, rel)
    elif isinstance(ours, dict):
        assert list(theirs) == list(ours)
        for key in ours:
            assert_same(theirs[key], ours[key], rel)
    elif isinstance(ours, float):
        assert theirs == pytest.approx(ours, rel=rel, abs=1e-9)
    else:
        assert theirs == ours


def _shared_logs() -> Path | None:
    for base in (Path("/work/shared"), Path(__file__).resolve().parents[4] / "shared"):
        if (base / "data" / "eventlogs").is_dir():
            return base / "data" / "eventlogs"
    return None


def _open(path: Path, tmp_path: Path) -> tuple[EventLog, outofcore.OutOfCore]:
    log, dataset = import_dataset(path, tmp_path / "ds.parquet")
    return log, outofcore.open_dataset(dataset, memory_limit="256MB", spill_dir=tmp_path)


@pytest.fixture(params=SOURCES)
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[EventLog, outofcore.OutOfCore]:
    source = str(request.param)
    path = (
        write_incident_log(tmp_path / "demo.csv", incidents=300, seed=5)
        if source == "demo"
        else DATA / source
    )
    return _open(path, tmp_path)


def test_same_results_as_in_memory(pair: tuple[EventLog, outofcore.OutOfCore]) -> None:
    log, data = pair
    ours, theirs = discover_dfg(log), outofcore.discover_dfg(data)
    assert theirs.counts() == ours.counts()
    assert (theirs.start, theirs.end, theirs.activities) == (ours.start, ours.end, ours.activities)
    assert (theirs.n_cases, theirs.n_events) == (ours.n_cases, ours.n_events)
    for edge in ours.edges:
        other = theirs.edge(edge.source, edge.target)
        assert other is not None
        for stat in ("mean", "median", "min", "max", "total", "stdev"):
            assert getattr(other, stat) == pytest.approx(getattr(edge, stat), rel=1e-9, abs=1e-6)
    assert outofcore.discover_variants(data).counts() == discover_variants(log).counts()
    assert outofcore.case_durations(data) == all_case_durations(log)


def test_same_activity_and_log_statistics(pair: tuple[EventLog, outofcore.OutOfCore]) -> None:
    log, data = pair
    assert outofcore.activity_stats(data) == activity_stats(log)  # all integers: exactly equal
    ours, theirs = log_stats(log), outofcore.log_stats(data)
    assert_same(theirs, ours)
    assert theirs.events_per_case.mean == ours.events_per_case.mean  # an exact integer sum either way


@pytest.mark.parametrize("column", ["group", "resource"])
def test_same_handovers(pair: tuple[EventLog, outofcore.OutOfCore], column: str) -> None:
    log, data = pair
    assert outofcore.handovers(data, column) == handovers(log, column)


@pytest.mark.parametrize("zone", ZONES)
def test_same_arrivals(pair: tuple[EventLog, outofcore.OutOfCore], zone: str) -> None:
    log, data = pair
    ours, theirs = arrivals(log, zone), outofcore.arrivals(data, zone)
    assert theirs == ours
    assert list(theirs.by_channel) == list(ours.by_channel)


def test_ties_nulls_and_ping_pong(tmp_path: Path) -> None:
    """Equal timestamps keep their source order; a blank group between two equal ones is no hand-over."""
    log, data = _open(DATA / "handover_ties.csv", tmp_path)
    report = outofcore.handovers(data, "group")
    assert report == handovers(log, "group")
    assert report.handovers == [Handover("L1", "L2", 4, 2), Handover("L2", "L1", 3, 2)]
    assert report.ping_pong == [PingPong("L1", "L2", 3, 2), PingPong("L2", "L1", 2, 2)]
    assert (report.ping_pong_cases, report.reassignments) == (2, {0: 2, 3: 1, 4: 1})
    work = next(s for s in outofcore.activity_stats(data) if s.activity == "Work")
    assert (work.events, work.cases, work.rework_cases, work.repeats, work.resources) == (6, 2, 2, 4, 3)
    assert outofcore.log_stats(data).rework_cases == 2
    # T1's first channel is phone (a blank first), T3 opens late on Saturday in UTC, Sunday in London
    london = outofcore.arrivals(data, "Europe/London")
    assert list(london.by_channel) == ["phone", "chat", "web"]
    assert london.per_weekday() == [1, 1, 0, 0, 0, 0, 2]
    assert outofcore.arrivals(data, "UTC").per_weekday() == [1, 1, 0, 0, 0, 1, 1]


def test_logs_without_groups_or_channels(make_log: Callable[..., EventLog], tmp_path: Path) -> None:
    log = make_log(
        [
            ("a", "Open", "2024-01-01T09:00", None, None),
            ("a", "Open", "2024-01-01T09:00", "x", None),
            ("b", "Open", "2024-01-02T09:00", None, "L1"),
            ("b", "Close", "2024-01-02T09:00", None, "L1"),
        ]
    )
    data = outofcore.open_dataset(log.write_parquet(tmp_path / "log.parquet"))
    assert outofcore.handovers(data, "group") == handovers(log, "group")
    assert outofcore.handovers(data, "group").reassignments == {0: 2}
    assert outofcore.activity_stats(data) == activity_stats(log)
    assert_same(outofcore.log_stats(data), log_stats(log))
    assert outofcore.arrivals(data, "Europe/Lisbon") == arrivals(log, "Europe/Lisbon")
    assert outofcore.arrivals(data).by_channel == {}


@pytest.mark.shared_data
@pytest.mark.parametrize("name", SHARED_LOGS)
def test_same_results_on_the_real_logs(name: str, tmp_path: Path) -> None:
    logs = _shared_logs()
    if logs is None:
        pytest.skip("the shared event logs (../shared/data/eventlogs) are not on this machine")
    log, data = _open(logs / name, tmp_path)
    assert outofcore.activity_stats(data) == activity_stats(log)
    assert_same(outofcore.log_stats(data), log_stats(log))
    for column in ("group", "resource"):
        assert outofcore.handovers(data, column) == handovers(log, column)
    assert handovers(log, "group").ping_pong_cases > 100  # real ping-pong to reproduce
    for zone in ("Europe/London", "Asia/Kolkata"):
        ours, theirs = arrivals(log, zone), outofcore.arrivals(data, zone)
        assert theirs == ours
        assert list(theirs.by_channel) == list(ours.by_channel)


def test_bad_inputs(tmp_path: Path) -> None:
    with pytest.raises(MiningError, match="no such file"):
        outofcore.open_dataset(tmp_path / "none.parquet")
    _, dataset = import_dataset(DATA / "servicenow.csv", tmp_path / "ds.parquet")
    with pytest.raises(MiningError, match="like 2GB"):
        outofcore.open_dataset(dataset, memory_limit="lots")
    data = outofcore.open_dataset(dataset)
    with pytest.raises(MiningError, match="no column 'team'"):
        outofcore.handovers(data, "team")
    with pytest.raises(MiningError, match="unknown time zone 'Mars/Olympus'"):
        outofcore.arrivals(data, "Mars/Olympus")
    text = tmp_path / "x.parquet"
    text.write_text("not parquet")
    with pytest.raises(MiningError, match="not a readable Parquet file"):
        outofcore.open_dataset(text)


@pytest.mark.parametrize("unit", ["ms", "us", "ns"])
def test_opening_times_in_any_unit_and_before_1970(unit: str, tmp_path: Path) -> None:
    base = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    table = pa.table(
        {
            "case_id": ["a", "a", "b", "b"],
            "activity": ["New", "Resolved", "New", "Resolved"],
            "timestamp": pa.array(
                [base + dt.timedelta(hours=h) for h in (0, 1, 5, 6)], pa.timestamp("us", tz="UTC")
            ),
            "src_order": pa.array([0, 1, 2, 3], pa.int64()),
            "opened_at": pa.array(
                [base - dt.timedelta(hours=30), None, dt.datetime(1969, 12, 31, 23, 0, tzinfo=dt.UTC), None],
                pa.timestamp(unit, tz="UTC"),
            ),
        }
    )
    path = tmp_path / f"opened-{unit}.parquet"
    pq.write_table(table, path)
    data = outofcore.open_dataset(path, memory_limit="256MB", spill_dir=tmp_path)
    log = EventLog.from_table(table)
    assert outofcore.arrivals(data, "UTC") == arrivals(log, "UTC")
    # opened_at wins where it is earlier: Sunday 1 March 2026 03:00 and Wednesday 31 December 1969 23:00
    assert arrivals(log, "UTC").per_weekday() == [0, 0, 1, 0, 0, 0, 1]
