"""Results identical to pm4py on the two real ITSM logs in ../shared/data/eventlogs.

pm4py (AGPL) is a reference only: it is imported here, never by tomkit itself.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import pytest

from tomkit.mining.dfg import discover_dfg
from tomkit.mining.importing import read_log
from tomkit.mining.stats import all_case_durations
from tomkit.mining.table import EventLog
from tomkit.mining.variants import discover_variants

pytestmark = [pytest.mark.shared_data, pytest.mark.integration, pytest.mark.slow]


def _shared() -> Path | None:
    for base in (Path("/work/shared"), Path(__file__).resolve().parents[4] / "shared"):
        logs = base / "data" / "eventlogs"
        if logs.is_dir():
            return logs
    return None


LOGS = _shared()
UCI = "uci-incident/incident_event_log_truncated_original_format.zip"
UCI_FULL = "uci-incident/incident_event_log_full_deprefixed.zip"
BPIC = "bpic2013-incidents/bpi_challenge_2013_incidents.xes.gz"

if LOGS is None:
    pytest.skip(
        "the shared event logs (../shared/data/eventlogs) are not on this machine", allow_module_level=True
    )
pm4py = pytest.importorskip("pm4py", reason="pm4py is the reference implementation (dev extra)")
pd = pytest.importorskip("pandas")


def _reference_uci(name: str, activity: str) -> Any:
    assert LOGS is not None
    frame = pd.read_csv(LOGS / name, dtype=str, keep_default_na=False)
    frame["sys_updated_at"] = pd.to_datetime(frame["sys_updated_at"], format="%d/%m/%Y %H:%M", utc=True)
    return pm4py.format_dataframe(
        frame, case_id="number", activity_key=activity, timestamp_key="sys_updated_at"
    )


def _reference_bpic() -> Any:
    assert LOGS is not None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = pm4py.read_xes(str(LOGS / BPIC))
    # the log's declared "Activity classifier": concept:name + lifecycle:transition
    frame["concept:name"] = frame["concept:name"] + "-" + frame["lifecycle:transition"]
    return frame


CASES = {
    "uci": (UCI, lambda: _reference_uci(UCI, "incident_state")),
    "uci-full": (UCI_FULL, lambda: _reference_uci(UCI_FULL, "ident_state")),
    "bpic2013": (BPIC, _reference_bpic),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def pair(request: pytest.FixtureRequest) -> tuple[str, EventLog, Any]:
    assert LOGS is not None
    name, reference = CASES[request.param]
    return request.param, read_log(LOGS / name), reference()


def test_sizes(pair: tuple[str, EventLog, Any]) -> None:
    name, log, frame = pair
    expected = {"uci": (119_998, 20_769), "uci-full": (141_712, 24_918), "bpic2013": (65_533, 7_554)}[name]
    assert (log.n_events, log.n_cases) == expected
    assert (len(frame), frame["case:concept:name"].nunique()) == expected


def test_dfg_start_and_end_activities(pair: tuple[str, EventLog, Any]) -> None:
    _, log, frame = pair
    dfg, start, end = pm4py.discover_dfg(frame)
    mine = discover_dfg(log, performance=False)
    assert mine.counts() == dict(dfg)
    assert mine.start == dict(start)
    assert mine.end == dict(end)


def test_performance_dfg(pair: tuple[str, EventLog, Any]) -> None:
    _, log, frame = pair
    perf, _, _ = pm4py.discover_performance_dfg(frame)
    mine = {(e.source, e.target): e for e in discover_dfg(log).edges}
    assert set(mine) == set(perf)
    for key, ref in perf.items():
        edge = mine[key]
        for ours, theirs in (
            ("mean", "mean"),
            ("median", "median"),
            ("min", "min"),
            ("max", "max"),
            ("total", "sum"),
        ):
            assert getattr(edge, ours) == pytest.approx(float(ref[theirs]), rel=1e-9, abs=1e-6), (key, ours)
        stdev = float(ref["stdev"])
        assert edge.stdev == pytest.approx(0.0 if math.isnan(stdev) else stdev, rel=1e-6, abs=1e-6), key


def test_variants(pair: tuple[str, EventLog, Any]) -> None:
    _, log, frame = pair
    reference = pm4py.get_variants(frame)
    counts = {tuple(k): (v if isinstance(v, int) else len(v)) for k, v in reference.items()}
    assert discover_variants(log).counts() == counts


def test_case_durations(pair: tuple[str, EventLog, Any]) -> None:
    _, log, frame = pair
    assert all_case_durations(log) == [float(d) for d in pm4py.get_all_case_durations(frame)]
