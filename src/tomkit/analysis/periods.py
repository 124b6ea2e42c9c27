"""Planning periods: turning dates into whole weeks or months counted from an origin, and back."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

PeriodUnit = Literal["weeks", "months"]
PERIOD_UNITS: tuple[PeriodUnit, ...] = ("weeks", "months")
WEEKS_PER_MONTH = 365.25 / 12 / 7


@dataclass(frozen=True)
class Calendar:
    """Weeks start on Monday and months on the 1st, so a plan lines up with how people talk about time."""

    origin: dt.date
    unit: PeriodUnit = "weeks"

    @classmethod
    def starting(cls, day: dt.date, unit: PeriodUnit = "weeks") -> Calendar:
        if unit not in PERIOD_UNITS:
            raise ValueError(f"unknown period {unit!r}; use one of: {', '.join(PERIOD_UNITS)}")
        if unit == "weeks":
            return cls(day - dt.timedelta(days=day.weekday()), unit)
        return cls(day.replace(day=1), unit)

    def index(self, day: dt.date) -> int:
        """The period holding this day."""
        if self.unit == "weeks":
            return (day - self.origin).days // 7
        return (day.year - self.origin.year) * 12 + day.month - self.origin.month

    def date(self, period: int) -> dt.date:
        """The first day of a period."""
        if self.unit == "weeks":
            return self.origin + dt.timedelta(weeks=period)
        months = self.origin.month - 1 + period
        return dt.date(self.origin.year + months // 12, months % 12 + 1, 1)

    def periods(self, weeks: int) -> int:
        """How many periods a piece of work of this many weeks takes (at least one)."""
        if self.unit == "weeks":
            return max(1, weeks)
        return max(1, math.ceil(weeks / WEEKS_PER_MONTH - 1e-9))

    @property
    def singular(self) -> str:
        return self.unit[:-1]
