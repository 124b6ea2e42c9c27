"""The Spark engine gives the same results as the embedded one (local Spark, small data).

Counts, labels and orderings are compared with `==`; floating statistics (edge and summary means,
medians, 90th percentiles) to a relative 1e-9 for edges and 1e-12 for summaries, as Spark and numpy add
and interpolate in a different order (the last bit may differ).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from tomkit.demo.eventlog import write_incident_log
from tomkit.mining import spark as on_spark
from tomkit.mining.backlog import arrivals
from tomkit.mining.dfg import discover_dfg
from tomkit.mining.errors import MiningError
from tomkit.mining.handovers import Handover, PingPong, handovers
from tomkit.mining.importing import import_dataset, read_log
from tomkit.mining.stats import LogStats, activity_stats, all_case_durations, log_stats
from tomkit.mining.table import EventLog
from tomkit.mining.variants import discover_variants

pytestmark = [pytest.mark.spark, pytest.mark.slow]
pytest.importorskip("pyspark", reason="Spark is in the spark extra")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

DATA = Path(__file__).resolve().parents[2] / "data" / "mining"


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = on_spark.spark_session()
    yield session
    session.stop()


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, EventLog]:
    demo = write_incident_log(tmp_path_factory.mktemp("spark") / "demo.csv", incidents=300, seed=11)
    return {
        "servicenow": read_log(DATA / "servicenow.csv"),
        "xes": read_log(DATA / "tiny.xes"),
        "demo": read_log(demo),
        "ties": read_log(DATA / "handover_ties.csv"),
    }


ZONES = {
    "servicenow": "Europe/London",
    "xes": "America/New_York",
    "demo": "Europe/London",
    "ties": "Asia/Kolkata",
}


def assert_same_stats(theirs: LogStats, ours: LogStats) -> None:
    """Counts, time range and activities exactly; the two summaries' floats to a relative 1e-12."""
    for f in dataclasses.fields(LogStats):
        if f.name not in ("events_per_case", "case_duration"):
            assert getattr(theirs, f.name) == getattr(ours, f.name), f.name
    for name in ("events_per_case", "case_duration"):
        a, b = getattr(theirs, name), getattr(ours, name)
        assert a.count == b.count
        assert dataclasses.astuple(a) == pytest.approx(dataclasses.astuple(b), rel=1e-12, abs=1e-9), name
    assert theirs.events_per_case.mean == ours.events_per_case.mean  # an exact integer sum either way


@pytest.mark.parametrize("name", ["servicenow", "xes", "demo"])
def test_same_dfg_variants_and_durations(spark: Any, logs: dict[str, EventLog], name: str) -> None:
    log = logs[name]
    frame = on_spark.to_spark(spark, log)
    ours, theirs = discover_dfg(log), on_spark.discover_dfg(frame)
    assert theirs.counts() == ours.counts()
    assert (theirs.start, theirs.end, theirs.activities) == (ours.start, ours.end, ours.activities)
    assert (theirs.n_cases, theirs.n_events) == (ours.n_cases, ours.n_events)
    for edge in ours.edges:
        other = theirs.edge(edge.source, edge.target)
        assert other is not None
        for stat in ("mean", "median", "min", "max", "total", "stdev"):
            assert getattr(other, stat) == pytest.approx(getattr(edge, stat), rel=1e-9, abs=1e-6), (
                edge,
                stat,
            )
    v_ours, v_theirs = discover_variants(log), on_spark.discover_variants(frame)
    assert v_theirs.counts() == v_ours.counts()
    assert {v.activities: v.median_duration for v in v_theirs.variants} == pytest.approx(
        {v.activities: v.median_duration for v in v_ours.variants}
    )
    assert on_spark.case_durations(frame) == all_case_durations(log)


def test_reads_an_imported_parquet_dataset(spark: Any, tmp_path: Path) -> None:
    log, path = import_dataset(DATA / "servicenow.csv", tmp_path / "sn.parquet")
    frame = on_spark.to_spark(spark, path)
    assert on_spark.discover_dfg(frame).counts() == discover_dfg(log).counts()
    assert on_spark.handovers(frame, "group") == handovers(log, "group")
    assert on_spark.arrivals(frame, "Europe/London") == arrivals(log, "Europe/London")  # opened_at read


@pytest.mark.parametrize("name", ["servicenow", "xes", "demo", "ties"])
def test_same_statistics_handovers_and_arrivals(spark: Any, logs: dict[str, EventLog], name: str) -> None:
    log = logs[name]
    frame = on_spark.to_spark(spark, log)
    theirs = on_spark.log_stats(frame)
    assert theirs.activities == activity_stats(log)
    assert_same_stats(theirs, log_stats(log))
    assert on_spark.handovers(frame, "group") == handovers(log, "group")
    zone = ZONES[name]
    ours_arrivals, their_arrivals = arrivals(log, zone), on_spark.arrivals(frame, zone)
    assert their_arrivals == ours_arrivals
    assert list(their_arrivals.by_channel) == list(ours_arrivals.by_channel)


def test_ties_nulls_and_ping_pong(spark: Any, logs: dict[str, EventLog]) -> None:
    """Equal timestamps keep their source order; a blank group between two equal ones is no hand-over."""
    log = logs["ties"]
    frame = on_spark.to_spark(spark, log)
    report = on_spark.handovers(frame, "group")
    assert report.handovers == [Handover("L1", "L2", 4, 2), Handover("L2", "L1", 3, 2)]
    assert report.ping_pong == [PingPong("L1", "L2", 3, 2), PingPong("L2", "L1", 2, 2)]
    assert (report.ping_pong_cases, report.reassignments) == (2, {0: 2, 3: 1, 4: 1})
    assert on_spark.handovers(frame, "resource") == handovers(log, "resource")
    assert on_spark.arrivals(frame, "UTC").per_weekday() == [1, 1, 0, 0, 0, 1, 1]
    with pytest.raises(MiningError, match="no column 'team'"):
        on_spark.handovers(frame, "team")
    with pytest.raises(MiningError, match="unknown time zone 'Mars/Olympus'"):
        on_spark.arrivals(frame, "Mars/Olympus")


def test_in_memory_attributes_spark_cannot_take(spark: Any, logs: dict[str, EventLog]) -> None:
    """Nanosecond times become microseconds; list attributes, which no analysis reads, are left out."""
    table = logs["ties"].table
    n = table.num_rows
    stamps = pa.array([1_700_000_000_123_456_789] * n, pa.timestamp("ns", tz="UTC"))
    table = table.append_column("seen_at", stamps).append_column("tags", pa.array([["a"]] * n))
    log = EventLog.from_table(table)
    frame = on_spark.to_spark(spark, log)
    assert "tags" not in frame.columns
    row = frame.select("seen_at").first()
    assert row is not None
    assert row[0] == dt.datetime(2023, 11, 14, 22, 13, 20, 123456)  # UTC session: naive UTC
    assert on_spark.handovers(frame, "group") == handovers(log, "group")
