from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import pyarrow as pa
import pytest

from tomkit.mining.importing import read_log
from tomkit.mining.table import EventLog

DATA = Path(__file__).resolve().parents[2] / "data" / "mining"

Row = tuple[str, str, str] | tuple[str, str, str, str | None] | tuple[str, str, str, str | None, str | None]


def build_log(rows: Sequence[Row], **attributes: Sequence[object]) -> EventLog:
    """A log from (case, activity, ISO time[, resource[, group]]) rows, in source order."""
    padded = [tuple(r) + (None,) * (5 - len(r)) for r in rows]
    table = pa.table(
        {
            "case_id": [r[0] for r in padded],
            "activity": [r[1] for r in padded],
            "timestamp": pa.array(
                [dt.datetime.fromisoformat(str(r[2])).replace(tzinfo=dt.UTC) for r in padded],
                pa.timestamp("us", tz="UTC"),
            ),
            "resource": pa.array([r[3] for r in padded], pa.string()),
            "group": pa.array([r[4] for r in padded], pa.string()),
            **{k: list(v) for k, v in attributes.items()},
        }
    )
    return EventLog.from_table(table)


@pytest.fixture
def make_log() -> Callable[..., EventLog]:
    return build_log


@pytest.fixture
def servicenow() -> EventLog:
    return read_log(DATA / "servicenow.csv")
