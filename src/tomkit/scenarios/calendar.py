"""Hours of cover as a week of 168 hourly slots (Monday 00:00 first), parsed from the TOM's text.

Accepted forms: `24x7` (or `24/7`), `business hours` (Mon-Fri 09:00-17:00), and day ranges with time
ranges such as `Mon-Fri 08:00-18:00; Sat 09-13`. A range past midnight (`22:00-06:00`) runs into the
next day. Half hours round to the nearest hour, which is the resolution of the staffing intervals.
"""

from __future__ import annotations

import re

import numpy as np
from numpy.typing import NDArray

HOURS_PER_WEEK = 168
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
BoolArray = NDArray[np.bool_]

_TIME = r"(\d{1,2})(?::(\d{2}))?"
_SEGMENT = re.compile(
    rf"^(?P<days>[a-z]{{3}}(?:\s*-\s*[a-z]{{3}})?(?:\s*,\s*[a-z]{{3}}(?:\s*-\s*[a-z]{{3}})?)*)"
    rf"\s+(?P<start>{_TIME})\s*-\s*(?P<end>{_TIME})$"
)


def always_open() -> BoolArray:
    return np.ones(HOURS_PER_WEEK, dtype=np.bool_)


def _hour(hours: str, minutes: str | None, text: str) -> int:
    value = int(hours) + (1 if minutes and int(minutes) >= 30 else 0)
    if value > 24 or (minutes and int(minutes) > 59):
        raise ValueError(f"bad time in hours {text!r}")
    return value


def _days(spec: str, text: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*,\s*", spec):
        ends = [p.strip()[:3] for p in part.split("-")]
        for end in ends:
            if end not in DAYS:
                raise ValueError(f"unknown day {end!r} in hours {text!r} (use Mon..Sun)")
        first, last = DAYS.index(ends[0]), DAYS.index(ends[-1])
        span = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
        out.extend(span)
    return out


def parse_hours(text: str | None) -> BoolArray:
    """The open hours of a week; None or empty means always open."""
    if text is None or not text.strip():
        return always_open()
    cleaned = text.strip().lower()
    if re.fullmatch(r"24\s*[x/]\s*7(\s*x?\s*365)?", cleaned):
        return always_open()
    if cleaned in {"business hours", "office hours", "business-hours"}:
        cleaned = "mon-fri 09:00-17:00"
    week = np.zeros(HOURS_PER_WEEK, dtype=np.bool_)
    for raw in re.split(r"\s*;\s*", cleaned):
        if not raw:
            continue
        segment = re.sub(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*", r"\1", raw)
        match = _SEGMENT.match(segment)
        if match is None:
            raise ValueError(
                f"cannot read hours {text!r}: write e.g. '24x7' or 'Mon-Fri 08:00-18:00; Sat 09:00-13:00'"
            )
        groups = match.groups()
        start = _hour(groups[2], groups[3], text)
        end = _hour(groups[5], groups[6], text)
        length = (end - start) % 24 or (24 if start == end else 0)
        for day in _days(match.group("days"), text):
            for h in range(length):
                week[(day * 24 + start + h) % HOURS_PER_WEEK] = True
    return week


def open_hours_per_week(week: BoolArray) -> int:
    return int(week.sum())


def intersect(*weeks: BoolArray) -> BoolArray:
    out = always_open()
    for week in weeks:
        out &= week
    return out
