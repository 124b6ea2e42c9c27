"""SLA clocks: time that counts against a target only while the service level's calendar runs.

A P3 ticket opened on Friday at 16:00 and resolved on Monday at 10:00 has taken 66 hours of wall time
but 2 hours of a Mon-Fri 09:00-17:00 clock; a closed day (a public holiday) stops the clock all day. The elapsed time on a calendar is the difference of a
running total of open seconds since a fixed Monday, computed from a table of the week's minutes in
the calendar's time zone, so millions of cases take a few vectorised passes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tomkit.mining.errors import MiningError
from tomkit.mining.table import IntArray
from tomkit.model.hours import MINUTES_PER_DAY, Hours

MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
_MINUTE_US = 60_000_000
_WEEK_US = MINUTES_PER_WEEK * _MINUTE_US
_DAY_US = 24 * 3600 * 1_000_000
_MONDAY_US = 4 * _DAY_US
"""1970-01-05, a Monday, in microseconds after the epoch (a Thursday)."""


@dataclass(frozen=True)
class ServiceClock:
    """A calendar's hours in a time zone (the hours' own zone wins over `timezone`)."""

    hours: Hours
    timezone: str = "UTC"

    @property
    def zone(self) -> str:
        return self.hours.zone or self.timezone

    @property
    def label(self) -> str:
        if self.hours.always:
            return "24x7"
        text = self.hours.text.strip()
        return text if self.hours.zone else f"{text} ({self.zone})"

    @cached_property
    def _open_minutes(self) -> np.ndarray:
        week = np.zeros(MINUTES_PER_WEEK, dtype=np.bool_)
        for span in self.hours.spans:
            first = span.day * MINUTES_PER_DAY + span.start
            minutes = (first + np.arange(span.minutes)) % MINUTES_PER_WEEK
            week[minutes] = True
        return week

    @cached_property
    def _open_before(self) -> IntArray:
        """Microseconds of open time in the week before each minute (and the week's total at the end)."""
        counted = np.concatenate([[0], np.cumsum(self._open_minutes, dtype=np.int64)])
        return counted * _MINUTE_US

    def _local(self, utc_us: IntArray) -> IntArray:
        stamps = pa.array(utc_us, pa.int64()).cast(pa.timestamp("us", tz="UTC"))
        try:
            local = pc.local_timestamp(stamps.cast(pa.timestamp("us", tz=self.zone)))
        except (pa.ArrowInvalid, pa.ArrowKeyError) as exc:
            raise MiningError(f"unknown time zone {self.zone!r} in the SLA calendar {self.label!r}") from exc
        return np.asarray(local.cast(pa.int64()).to_numpy(zero_copy_only=False), dtype=np.int64)

    def _weekly(self, local_us: IntArray) -> IntArray:
        """Open microseconds of the weekly pattern from a fixed Monday 00:00 to each local moment."""
        weeks, into = np.divmod(local_us - _MONDAY_US, _WEEK_US)
        minute, within = np.divmod(into, _MINUTE_US)
        open_now = self._open_minutes[minute]
        total: IntArray = (
            weeks * self._open_before[-1] + self._open_before[minute] + np.where(open_now, within, 0)
        )
        return total

    @cached_property
    def _closed(self) -> tuple[IntArray, IntArray, IntArray]:
        """Closed days: their local midnights, the next midnights, and the open time the closed days
        before each one took away (cumulative, one more entry than days)."""
        starts = np.array(
            [(day - dt.date(1970, 1, 1)).days * _DAY_US for day in self.hours.closed], dtype=np.int64
        )
        ends = starts + _DAY_US
        lost = self._weekly(ends) - self._weekly(starts)
        return starts, ends, np.concatenate([[0], np.cumsum(lost)]).astype(np.int64)

    def _running(self, utc_us: IntArray) -> IntArray:
        """Open microseconds from a fixed Monday 00:00 (local time) to each moment, closed days left out."""
        local = self._local(utc_us)
        weekly = self._weekly(local)
        if not self.hours.closed:
            return weekly
        starts, ends, lost_before = self._closed
        passed = np.searchsorted(ends, local, side="right")  # closed days wholly before each moment
        total = weekly - lost_before[passed]
        day = np.minimum(passed, len(starts) - 1)
        inside = (passed < len(starts)) & (starts[day] <= local)
        # a moment inside a closed day: none of that day's open time so far counts
        closed_so_far = total - (weekly - self._weekly(starts[day]))
        return np.asarray(np.where(inside, closed_so_far, total), dtype=np.int64)

    def elapsed_hours(self, start_us: IntArray, end_us: IntArray) -> np.ndarray:
        """Hours on this clock from each start to its end (UTC microseconds)."""
        start = np.asarray(start_us, dtype=np.int64)
        end = np.asarray(end_us, dtype=np.int64)
        if self.hours.always:
            return np.asarray((end - start) / 3.6e9)
        if self.hours.minutes_per_week == 0:
            raise MiningError(f"the SLA calendar {self.label!r} is never open")
        return np.asarray((self._running(end) - self._running(start)) / 3.6e9)
