from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tomkit.mining.errors import MiningError
from tomkit.mining.filters import LogFilter, apply_filter
from tomkit.mining.table import EventLog

UTC = dt.UTC


def ids(log: EventLog) -> list[str]:
    return log.case_ids


def test_time_window_modes(servicenow: EventLog) -> None:
    start, end = dt.datetime(2016, 3, 2, tzinfo=UTC), dt.datetime(2016, 3, 4, tzinfo=UTC)
    everyone = ["INC0000001", "INC0000002", "INC0000003", "INC0000004"]
    assert ids(apply_filter(servicenow, LogFilter(start=start, end=end))) == everyone
    assert ids(apply_filter(servicenow, LogFilter(start=start, end=end, window="contained"))) == [
        "INC0000003"
    ]
    assert ids(apply_filter(servicenow, LogFilter(start=start, end=end, window="started"))) == [
        "INC0000003",
        "INC0000004",
    ]
    assert ids(apply_filter(servicenow, LogFilter(start=start, end=end, window="completed"))) == [
        "INC0000001",
        "INC0000003",
    ]
    trimmed = apply_filter(servicenow, LogFilter(start=start, end=end, window="trim"))
    assert trimmed.n_events == 7
    assert trimmed.case_ids == everyone
    assert apply_filter(servicenow, LogFilter(start=end, end=end)).n_cases == 0


def test_attribute_values_and_priority_spellings(servicenow: EventLog) -> None:
    assert ids(apply_filter(servicenow, LogFilter(attributes={"channel": ["Phone"]}))) == [
        "INC0000001",
        "INC0000004",
    ]
    assert ids(apply_filter(servicenow, LogFilter(attributes={"priority": ["P1", "2"]}))) == [
        "INC0000001",
        "INC0000004",
    ]
    assert ids(apply_filter(servicenow, LogFilter(exclude_attributes={"channel": ["Phone"]}))) == [
        "INC0000002",
        "INC0000003",
    ]
    assert ids(apply_filter(servicenow, LogFilter(attributes={"made_sla": ["false"]}))) == ["INC0000002"]
    with pytest.raises(MiningError, match="no column 'colour'"):
        apply_filter(servicenow, LogFilter(attributes={"colour": ["red"]}))


def test_throughput_range(servicenow: EventLog) -> None:
    assert ids(apply_filter(servicenow, LogFilter(min_duration_hours=24))) == ["INC0000002", "INC0000003"]
    assert ids(apply_filter(servicenow, LogFilter(max_duration_hours=24))) == ["INC0000001", "INC0000004"]


def test_eventually_follows(servicenow: EventLog) -> None:
    assert ids(apply_filter(servicenow, LogFilter(follows=[("Resolved", "Active")]))) == ["INC0000002"]
    assert ids(apply_filter(servicenow, LogFilter(follows=[("New", "Closed")]))) == [
        "INC0000001",
        "INC0000002",
        "INC0000003",
    ]
    assert ids(apply_filter(servicenow, LogFilter(follows=[("Closed", "New")]))) == []
    assert ids(apply_filter(servicenow, LogFilter(follows=[("Nope", "New")]))) == []


def test_variants(make_log: Callable[..., EventLog]) -> None:
    log = make_log([
        ("a", "X", "2024-01-01T10:00"), ("a", "Y", "2024-01-01T11:00"),
        ("b", "X", "2024-01-01T10:00"), ("b", "Y", "2024-01-01T11:00"),
        ("c", "Y", "2024-01-01T10:00"),
    ])  # fmt: skip
    assert ids(apply_filter(log, LogFilter(variants_top=1))) == ["a", "b"]
    assert ids(apply_filter(log, LogFilter(variants=[["Y"]]))) == ["c"]


def test_filter_round_trips_through_plain_data() -> None:
    spec = LogFilter(
        start=dt.datetime(2024, 1, 1, tzinfo=UTC),
        window="contained",
        attributes={"priority": ["P1"]},
        follows=[("New", "Resolved")],
        max_duration_hours=48,
    )
    data = spec.to_data()
    assert data == {
        "start": "2024-01-01T00:00:00+00:00",
        "window": "contained",
        "attributes": {"priority": ["P1"]},
        "max_duration_hours": 48,
        "follows": [["New", "Resolved"]],
    }
    assert LogFilter.from_data(data) == spec
    assert LogFilter().to_data() == {}


def test_shorthand_attribute_conditions() -> None:
    assert LogFilter.from_data({"priority": "1", "channel": ["phone", "chat"]}) == LogFilter(
        attributes={"priority": ["1"], "channel": ["phone", "chat"]}
    )
    with pytest.raises(MiningError, match="unknown window mode"):
        LogFilter.from_data({"window": "sideways"})
