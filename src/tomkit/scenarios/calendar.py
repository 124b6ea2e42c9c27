"""Hours of cover as a week of 168 hourly slots (Monday 00:00 first), from the TOM's text.

The text is read by `tomkit.model.hours` (the forms are listed there). Half hours round to the nearest
hour, which is the resolution of the staffing intervals.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from tomkit.model.hours import Hours
from tomkit.model.hours import parse_hours as read_hours

HOURS_PER_WEEK = 168
BoolArray = NDArray[np.bool_]


def always_open() -> BoolArray:
    return np.ones(HOURS_PER_WEEK, dtype=np.bool_)


def week_of_hours(hours: Hours) -> BoolArray:
    """Hourly slots of a week from read hours; half hours round to the nearest hour."""
    if hours.always:
        return always_open()
    week = np.zeros(HOURS_PER_WEEK, dtype=np.bool_)
    for span in hours.spans:
        first, last = (span.start + 30) // 60, (span.end + 30) // 60
        length = last - first if last > first else last + 24 - first
        for h in range(length):
            week[(span.day * 24 + first + h) % HOURS_PER_WEEK] = True
    return week


def parse_hours(text: str | None) -> BoolArray:
    """The open hours of a week; None or empty means always open."""
    return week_of_hours(read_hours(text))


def open_hours_per_week(week: BoolArray) -> int:
    return int(week.sum())


def intersect(*weeks: BoolArray) -> BoolArray:
    out = always_open()
    for week in weeks:
        out &= week
    return out
