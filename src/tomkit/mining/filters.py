"""Filters: time window, attribute values, variants, throughput range, "A eventually followed by B".

A `LogFilter` is plain data (it round-trips through JSON), so a KPI can record the filter its baseline
was computed with, and the CLI and web build one from their inputs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tomkit.mining.cases import priority_key
from tomkit.mining.errors import MiningError
from tomkit.mining.table import EventLog
from tomkit.mining.variants import case_durations, case_variant_codes

WindowMode = Literal["contained", "intersecting", "started", "completed", "trim"]


@dataclass(frozen=True)
class LogFilter:
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    window: WindowMode = "intersecting"
    """contained: whole case inside; intersecting: any event inside; started/completed: first/last event
    inside; trim: keep only the events inside"""
    attributes: dict[str, list[str]] = field(default_factory=dict)
    """column -> accepted values; a case is kept when any of its events has one (priority accepts P1..P5)"""
    exclude_attributes: dict[str, list[str]] = field(default_factory=dict)
    variants_top: int | None = None
    variants: list[list[str]] = field(default_factory=list)
    min_duration_hours: float | None = None
    max_duration_hours: float | None = None
    follows: list[tuple[str, str]] = field(default_factory=list)
    """(A, B): keep cases where some A is eventually followed by some B"""

    def is_empty(self) -> bool:
        return self == LogFilter()

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data, defaults left out (what a KPI's source records)."""
        data = asdict(self)
        default = asdict(LogFilter())
        out = {k: v for k, v in data.items() if v != default[k]}
        for key in ("start", "end"):
            if key in out:
                out[key] = out[key].isoformat()
        if "follows" in out:
            out["follows"] = [list(p) for p in out["follows"]]
        return out

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> LogFilter:
        """From plain data; a key that is not a filter field is read as an attribute condition
        (`{priority: "1"}` is short for `{attributes: {priority: ["1"]}}`)."""
        known = set(cls.__dataclass_fields__)
        values = {k: v for k, v in data.items() if k in known}
        shorthand = {k: v for k, v in data.items() if k not in known}
        if shorthand:
            attributes = {k: list(v) for k, v in values.get("attributes", {}).items()}
            for column, accepted in shorthand.items():
                items = accepted if isinstance(accepted, list) else [accepted]
                attributes.setdefault(column, []).extend(str(v) for v in items)
            values["attributes"] = attributes
        for key in ("start", "end"):
            if isinstance(values.get(key), str):
                values[key] = parse_when(values[key])
        if "follows" in values:
            values["follows"] = [tuple(p) for p in values["follows"]]
        if values.get("window", "intersecting") not in (
            "contained",
            "intersecting",
            "started",
            "completed",
            "trim",
        ):
            raise MiningError(f"unknown window mode {values['window']!r}")
        return cls(**values)


def parse_when(text: str) -> dt.datetime:
    """An ISO date or date-time; naive values are UTC."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise MiningError(f"{text!r} is not an ISO date or date-time") from exc
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _micros(value: dt.datetime) -> int:
    value = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return int((value - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) / dt.timedelta(microseconds=1))


def _window(log: EventLog, spec: LogFilter) -> EventLog:
    ts = log.timestamps
    lo = _micros(spec.start) if spec.start else np.iinfo(np.int64).min
    hi = _micros(spec.end) if spec.end else np.iinfo(np.int64).max
    inside = (ts >= lo) & (ts < hi)
    if spec.window == "trim":
        return log.take_events(inside)
    starts = log.case_starts
    first, last = ts[starts[:-1]], ts[starts[1:] - 1]
    if spec.window == "contained":
        keep = (first >= lo) & (last < hi)
    elif spec.window == "started":
        keep = (first >= lo) & (first < hi)
    elif spec.window == "completed":
        keep = (last >= lo) & (last < hi)
    elif spec.window == "intersecting":
        keep = np.bincount(log.case_codes[inside], minlength=log.n_cases) > 0
    else:
        raise MiningError(f"unknown window mode {spec.window!r}")
    return log.take_cases(keep)


def _attribute_mask(log: EventLog, column: str, values: list[str]) -> np.ndarray:
    if column not in log.columns:
        raise MiningError(f"the log has no column {column!r}", hint=f"columns: {', '.join(log.columns)}")
    col = log.table[column].combine_chunks()
    if pa.types.is_dictionary(col.type):
        labels = [str(v) for v in col.dictionary.to_pylist()]
        if column == "priority":
            wanted = {priority_key(v) for v in values} | set(values)
            hit = np.array([label in wanted or priority_key(label) in wanted for label in labels], dtype=bool)
        else:
            hit = np.array([label in set(values) for label in labels], dtype=bool)
        codes = pc.fill_null(col.indices, -1).to_numpy(zero_copy_only=False)
        event_hit = np.where(codes >= 0, hit[np.maximum(codes, 0)] if len(hit) else False, False)
    else:
        text = pc.cast(col, pa.string())
        event_hit = pc.fill_null(
            pc.is_in(
                text, pa.array([str(v).lower() if pa.types.is_boolean(col.type) else str(v) for v in values])
            ),
            False,
        ).to_numpy(zero_copy_only=False)
    return np.bincount(log.case_codes[event_hit], minlength=log.n_cases) > 0


def _follows(log: EventLog, a: str, b: str) -> np.ndarray:
    codes, labels = log.activity
    n = log.n_cases
    if a not in labels or b not in labels:
        return np.zeros(n, dtype=bool)
    pos = np.arange(log.n_events)
    ia, ib = labels.index(a), labels.index(b)
    first_a = np.full(n, np.iinfo(np.int64).max)
    last_b = np.full(n, -1)
    where_a = codes == ia
    where_b = codes == ib
    np.minimum.at(first_a, log.case_codes[where_a], pos[where_a])
    np.maximum.at(last_b, log.case_codes[where_b], pos[where_b])
    return np.asarray(first_a < last_b)


def apply_filter(log: EventLog, spec: LogFilter | None) -> EventLog:
    """The log with the filter's conditions applied one after the other."""
    if spec is None or spec.is_empty():
        return log
    if spec.start or spec.end:
        log = _window(log, spec)
    for column, values in spec.attributes.items():
        log = log.take_cases(_attribute_mask(log, column, values))
    for column, values in spec.exclude_attributes.items():
        log = log.take_cases(~_attribute_mask(log, column, values))
    if spec.min_duration_hours is not None or spec.max_duration_hours is not None:
        hours = case_durations(log) / 3.6e9
        keep = np.ones(log.n_cases, dtype=bool)
        if spec.min_duration_hours is not None:
            keep &= hours >= spec.min_duration_hours
        if spec.max_duration_hours is not None:
            keep &= hours <= spec.max_duration_hours
        log = log.take_cases(keep)
    for a, b in spec.follows:
        log = log.take_cases(_follows(log, a, b))
    if spec.variants_top is not None or spec.variants:
        index, uniques = case_variant_codes(log)
        allowed = np.zeros(len(uniques), dtype=bool)
        if spec.variants_top is not None:
            counts = np.bincount(index, minlength=len(uniques))
            ranked = sorted(range(len(uniques)), key=lambda i: (-int(counts[i]), uniques[i]))
            allowed[ranked[: spec.variants_top]] = True
        wanted = {tuple(v) for v in spec.variants}
        for i, variant in enumerate(uniques):
            if variant in wanted:
                allowed[i] = True
        log = log.take_cases(allowed[index] if len(index) else np.zeros(0, dtype=bool))
    return log
