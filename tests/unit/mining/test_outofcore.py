"""The out-of-core engine (DuckDB over Parquet) gives the in-memory engine's results."""

from __future__ import annotations

from pathlib import Path

import pytest

from tomkit.demo.eventlog import write_incident_log
from tomkit.mining import outofcore
from tomkit.mining.dfg import discover_dfg
from tomkit.mining.errors import MiningError
from tomkit.mining.importing import import_dataset
from tomkit.mining.stats import all_case_durations
from tomkit.mining.variants import discover_variants

DATA = Path(__file__).resolve().parents[2] / "data" / "mining"


@pytest.mark.parametrize("source", ["servicenow.csv", "tiny.xes", "demo"])
def test_same_results_as_in_memory(source: str, tmp_path: Path) -> None:
    path = (
        write_incident_log(tmp_path / "demo.csv", incidents=300, seed=5)
        if source == "demo"
        else DATA / source
    )
    log, dataset = import_dataset(path, tmp_path / "ds.parquet")
    data = outofcore.open_dataset(dataset, memory_limit="256MB", spill_dir=tmp_path)
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


def test_bad_inputs(tmp_path: Path) -> None:
    with pytest.raises(MiningError, match="no such file"):
        outofcore.open_dataset(tmp_path / "none.parquet")
    _, dataset = import_dataset(DATA / "servicenow.csv", tmp_path / "ds.parquet")
    with pytest.raises(MiningError, match="like 2GB"):
        outofcore.open_dataset(dataset, memory_limit="lots")
    text = tmp_path / "x.parquet"
    text.write_text("not parquet")
    with pytest.raises(MiningError, match="not a readable Parquet file"):
        outofcore.open_dataset(text)
