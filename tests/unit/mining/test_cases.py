"""Case-level views: when a case opened, whatever the unit of its opened_at column."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from tomkit.mining.cases import case_opened_time
from tomkit.mining.table import EventLog

UTC = dt.UTC
BASE = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _log(unit: str) -> EventLog:
    stamps = [BASE + dt.timedelta(hours=h) for h in (0, 1, 5, 6)]
    opened = [BASE - dt.timedelta(minutes=30), None, dt.datetime(1969, 12, 31, 23, 0, tzinfo=UTC), None]
    return EventLog.from_table(
        pa.table(
            {
                "case_id": ["a", "a", "b", "b"],
                "activity": ["New", "Resolved", "New", "Resolved"],
                "timestamp": pa.array(stamps, pa.timestamp("us", tz="UTC")),
                "opened_at": pa.array(opened, pa.timestamp(unit, tz="UTC")),
            }
        )
    )


def _us(moment: dt.datetime) -> int:
    return int(moment.timestamp()) * 1_000_000


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_opened_at_in_any_unit_and_before_1970(unit: str) -> None:
    opened = case_opened_time(_log(unit)).tolist()
    assert opened == [_us(BASE - dt.timedelta(minutes=30)), _us(dt.datetime(1969, 12, 31, 23, 0, tzinfo=UTC))]
