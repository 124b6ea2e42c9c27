"""Case-level views of the event table: an attribute per case, when a case was resolved, its priority.

Resolution is found from the activities: the first event whose activity matches the resolved pattern
(ServiceNow "Resolved", Jira "Done", BPIC "Completed-..."); a case whose last activity matches the
closed pattern without a resolution counts as resolved at its last event.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tomkit.mining.errors import MiningError
from tomkit.mining.table import EventLog, Int32Array, IntArray

RESOLVED = r"(?i)resolv|done|complete|fixed"
CLOSED = r"(?i)clos|cancel"

_NAMED_PRIORITIES = {
    "critical": "P1", "highest": "P1", "urgent": "P1", "blocker": "P1",
    "high": "P2", "major": "P2",
    "moderate": "P3", "medium": "P3", "normal": "P3",
    "low": "P4", "minor": "P4",
    "planning": "P5", "lowest": "P5", "trivial": "P5",
}  # fmt: skip


def priority_key(value: object) -> str | None:
    """P1..P5 from the common spellings: "1 - Critical", "P2", "2", "High", "Highest"."""
    if value is None:
        return None
    text = str(value).strip()
    match = re.match(r"^[Pp]?\s*(\d)\b", text)
    if match:
        return f"P{match.group(1)}"
    for word in re.findall(r"[A-Za-z]+", text.lower()):
        if word in _NAMED_PRIORITIES:
            return _NAMED_PRIORITIES[word]
    return text or None


def activity_matches(log: EventLog, pattern: str | list[str]) -> np.ndarray:
    """Per activity code: does it match (a regex, or an explicit list of activity names)?"""
    _, labels = log.activity
    if isinstance(pattern, list):
        wanted = set(pattern)
        return np.array([label in wanted for label in labels], dtype=bool)
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise MiningError(f"bad activity pattern {pattern!r}: {exc}") from exc
    return np.array([bool(regex.search(label)) for label in labels], dtype=bool)


def case_first_time(log: EventLog) -> IntArray:
    return log.timestamps[log.case_starts[:-1]] if log.n_cases else np.zeros(0, np.int64)


def case_last_time(log: EventLog) -> IntArray:
    return log.timestamps[log.case_starts[1:] - 1] if log.n_cases else np.zeros(0, np.int64)


def case_resolution_time(
    log: EventLog, resolved: str | list[str] = RESOLVED, closed: str | list[str] = CLOSED
) -> IntArray:
    """Per case, when it was first resolved (µs), or -1 while it is still open."""
    if log.n_cases == 0:
        return np.zeros(0, np.int64)
    codes, _ = log.activity
    is_resolved = activity_matches(log, resolved)[codes]
    out = np.full(log.n_cases, -1, dtype=np.int64)
    hit = np.flatnonzero(is_resolved)
    if len(hit):
        cases = log.case_codes[hit]
        first = np.unique(cases, return_index=True)
        out[first[0]] = log.timestamps[hit[first[1]]]
    last_events = log.case_starts[1:] - 1
    closed_last = activity_matches(log, closed)[codes[last_events]]
    fill = (out < 0) & closed_last
    out[fill] = log.timestamps[last_events[fill]]
    return out


def case_opened_time(log: EventLog) -> IntArray:
    """Per case, when it was opened: the opened_at attribute when the log has it, else the first event."""
    first = case_first_time(log)
    if "opened_at" in log.columns and pa.types.is_timestamp(log.table["opened_at"].type):
        opened = log.table["opened_at"].combine_chunks()
        values = opened.take(pa.array(log.case_starts[:-1]))
        # in µs whatever the column's unit (a Parquet file may hold ms or ns); blanks fall back
        micros = values.cast(pa.timestamp("us", tz=values.type.tz), safe=False).cast(pa.int64())
        known = micros.is_valid().to_numpy(zero_copy_only=False)
        ints = pc.fill_null(micros, 0).to_numpy(zero_copy_only=False)
        return np.where(known, np.minimum(ints, first), first)
    return first


def case_labels(log: EventLog, column: str, how: str = "last") -> tuple[Int32Array, list[str]]:
    """One value per case for a text column: the case's last (or first) non-blank value; -1 if none."""
    codes, labels = log.codes(column)
    out = np.full(log.n_cases, -1, dtype=np.int32)
    known = np.flatnonzero(codes >= 0)
    if len(known):
        cases = log.case_codes[known]
        if how == "first":
            uniq, pos = np.unique(cases, return_index=True)
        else:
            rev_uniq, rev_pos = np.unique(cases[::-1], return_index=True)
            uniq, pos = rev_uniq, len(cases) - 1 - rev_pos
        out[uniq] = codes[known[pos]]
    return out, labels


def case_values(log: EventLog, column: str, how: str = "max") -> np.ndarray:
    """One number per case for a numeric or boolean column (max, or the last value); NaN if none."""
    if column not in log.columns:
        raise MiningError(f"the log has no column {column!r}")
    col = log.table[column].combine_chunks()
    if pa.types.is_boolean(col.type):
        col = col.cast(pa.int8())
    values = pc.fill_null(col.cast(pa.float64()), np.nan).to_numpy(zero_copy_only=False)
    out = np.full(log.n_cases, np.nan)
    if log.n_cases == 0:
        return out
    if how == "last":
        ok = np.flatnonzero(~np.isnan(values))
        rev_uniq, rev_pos = np.unique(log.case_codes[ok][::-1], return_index=True)
        out[rev_uniq] = values[ok[len(ok) - 1 - rev_pos]]
        return out
    filled = np.where(np.isnan(values), -np.inf, values)
    result = np.maximum.reduceat(filled, log.case_starts[:-1])
    return np.where(np.isinf(result), np.nan, result)


def case_priorities(log: EventLog, column: str = "priority") -> list[str | None]:
    """P1..P5 per case (None when the log has no priority)."""
    if column not in log.columns:
        return [None] * log.n_cases
    codes, labels = case_labels(log, column)
    keys = [priority_key(label) for label in labels]
    return [keys[c] if c >= 0 else None for c in codes.tolist()]
