"""The Spark engine gives the same results as the embedded one (local Spark, small data)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tomkit.demo.eventlog import write_incident_log
from tomkit.mining import spark as on_spark
from tomkit.mining.dfg import discover_dfg
from tomkit.mining.importing import import_dataset, read_log
from tomkit.mining.stats import all_case_durations
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
    }


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
