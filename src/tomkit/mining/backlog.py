"""Backlog (open cases) over time and arrivals by hour of day and weekday (inputs to scenario models)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tomkit.mining.cases import CLOSED, RESOLVED, case_labels, case_opened_time, case_resolution_time
from tomkit.mining.errors import MiningError
from tomkit.mining.table import EventLog, to_datetime

STEPS = {"hour": 3_600_000_000, "day": 86_400_000_000, "week": 7 * 86_400_000_000}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class BacklogPoint:
    at: dt.datetime
    open: int
    opened: int
    """cases opened in the step ending here"""
    resolved: int


def backlog(
    log: EventLog, step: str = "day", resolved: str | list[str] = RESOLVED, closed: str | list[str] = CLOSED
) -> list[BacklogPoint]:
    """Open cases at the end of each step (hour, day or week) from the first event to the last."""
    if step not in STEPS:
        raise MiningError(f"unknown step {step!r}", hint=f"use one of {', '.join(STEPS)}")
    if log.n_cases == 0:
        return []
    size = STEPS[step]
    opened = case_opened_time(log)
    done = case_resolution_time(log, resolved, closed)
    begin = int(opened.min()) // size * size
    end = int(max(log.timestamps.max(), done.max())) // size * size + size
    n_steps = (end - begin) // size
    if n_steps > 200_000:
        raise MiningError(f"{n_steps} {step}s is too fine for this log", hint="use a coarser step")
    open_bins = np.bincount((opened - begin) // size, minlength=n_steps)[:n_steps]
    closed_bins = np.bincount((done[done >= 0] - begin) // size, minlength=n_steps)[:n_steps]
    level = np.cumsum(open_bins) - np.cumsum(closed_bins)
    return [
        BacklogPoint(
            to_datetime(begin + (i + 1) * size), int(level[i]), int(open_bins[i]), int(closed_bins[i])
        )
        for i in range(n_steps)
    ]


@dataclass(frozen=True)
class Arrivals:
    """Cases opened by weekday (0 = Monday) and hour of day, in a time zone; per channel when known."""

    timezone: str
    weeks: float
    counts: list[list[int]]
    """[weekday][hour]"""
    by_channel: dict[str, list[list[int]]]

    def per_hour(self) -> list[int]:
        return [sum(day[h] for day in self.counts) for h in range(24)]

    def per_weekday(self) -> list[int]:
        return [sum(day) for day in self.counts]

    def mean_per_hour(self) -> list[list[float]]:
        """Average arrivals in each weekday-hour slot over the log's weeks (what a staffing model needs)."""
        return [[c / self.weeks if self.weeks else 0.0 for c in day] for day in self.counts]


def week_slots(opened: pa.Array | np.ndarray, timezone: str) -> np.ndarray:
    """Weekday * 24 + hour of each moment (UTC µs) in a time zone; every engine counts arrivals with
    this, so the time-zone rules are the same ones."""
    stamps = pa.array(opened, pa.int64()).cast(pa.timestamp("us", tz="UTC"))
    try:
        local = stamps.cast(pa.timestamp("us", tz=timezone))
        hours = pc.hour(local).to_numpy(zero_copy_only=False).astype(np.int64)
        days = pc.day_of_week(local).to_numpy(zero_copy_only=False).astype(np.int64)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise MiningError(f"unknown time zone {timezone!r}") from exc
    return np.asarray(days * 24 + hours, dtype=np.int64)


def arrivals(log: EventLog, timezone: str = "UTC") -> Arrivals:
    opened = case_opened_time(log)
    slot = week_slots(opened, timezone)
    span = (int(opened.max()) - int(opened.min())) / STEPS["week"] if len(opened) else 0.0

    def grid(mask: np.ndarray) -> list[list[int]]:
        flat = np.bincount(slot[mask], minlength=7 * 24)
        return [[int(flat[d * 24 + h]) for h in range(24)] for d in range(7)]

    by_channel: dict[str, list[list[int]]] = {}
    if "channel" in log.columns:
        codes, labels = case_labels(log, "channel", how="first")
        for i, label in enumerate(labels):
            if (codes == i).any():
                by_channel[label] = grid(codes == i)
    return Arrivals(timezone, max(span, 1.0), grid(np.ones(len(slot), dtype=bool)), by_channel)
