"""Opening hours and service calendars as the TOM writes them, read into days and minute spans.

Channels and teams say when they are open (`hours`), service levels when their clock runs
(`calendar`). Accepted forms: `24x7` (or `24/7`), `business hours` (Mon-Fri 09:00-17:00), and day
ranges with time ranges such as `Mon-Fri 08:00-18:00; Sat 09-13`, optionally ending in a time zone
(`Mon-Fri 08:00-18:00 Europe/Lisbon`), and whole days closed (`closed 2026-12-25, 2026-12-26`). A
range past midnight (`22:00-06:00`) runs into the next day; `00:00-24:00` is the whole day. A service
calendar may give priorities their own clock: `business hours; P1 24x7`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60
BUSINESS_HOURS = "mon-fri 09:00-17:00"

_TIME = r"(\d{1,2})(?::(\d{2}))?"
_SEGMENT = re.compile(
    rf"^(?P<days>[a-z]{{3}}(?:\s*-\s*[a-z]{{3}})?(?:\s*,\s*[a-z]{{3}}(?:\s*-\s*[a-z]{{3}})?)*)"
    rf"\s+(?P<start>{_TIME})\s*-\s*(?P<end>{_TIME})$"
)
_ALWAYS = re.compile(r"24\s*[x/]\s*7(\s*x?\s*365)?")
_ZONE = re.compile(r"\s+((?:[A-Za-z_]+/[A-Za-z0-9_+\-/]+)|UTC|GMT)$")
_PRIORITY = re.compile(r"^(?:p|priority\s*)([1-9])\b\s*:?\s*(?P<rest>.*)$")
HOW = "write e.g. '24x7', 'business hours' or 'Mon-Fri 08:00-18:00; Sat 09:00-13:00'"


@dataclass(frozen=True)
class Span:
    """Open from `start` to `end` (minutes after midnight, as written) on `day` (0 = Monday)."""

    day: int
    start: int
    end: int

    @property
    def minutes(self) -> int:
        """Length; an end at or before the start runs into the next day."""
        return self.end - self.start if self.end > self.start else self.end + MINUTES_PER_DAY - self.start


@dataclass(frozen=True)
class Hours:
    """When something is open in a week; `always` for 24x7. `zone` is the IANA time zone, if written."""

    spans: tuple[Span, ...] = ()
    always: bool = False
    zone: str | None = None
    text: str = ""
    closed: tuple[dt.date, ...] = ()
    """whole days it is closed although the week says open (public holidays), sorted"""

    @property
    def minutes_per_week(self) -> int:
        return 7 * MINUTES_PER_DAY if self.always else sum(s.minutes for s in self.spans)


@dataclass(frozen=True)
class Calendar:
    """A service level's clock: the hours it runs in, and any priority with a clock of its own."""

    hours: Hours
    by_priority: dict[str, Hours] = field(default_factory=dict)

    def for_priority(self, priority: str | None) -> Hours:
        return self.by_priority.get(priority or "", self.hours)


def _minute(hours: str, minutes: str | None, text: str) -> int:
    value = int(hours) * 60 + int(minutes or 0)
    if int(hours) > 24 or int(minutes or 0) > 59 or value > MINUTES_PER_DAY:
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


def _closed_days(dates: str, text: str) -> list[dt.date]:
    out = []
    for written in re.split(r"[\s,]+", dates.strip()):
        if not written:
            continue
        try:
            out.append(dt.date.fromisoformat(written))
        except ValueError:
            raise ValueError(
                f"bad date {written!r} in hours {text!r} (write closed YYYY-MM-DD, ...)"
            ) from None
    if not out:
        raise ValueError(f"no dates after 'closed' in hours {text!r}")
    return out


def parse_hours(text: str | None) -> Hours:
    """The open hours of a week; None or empty means always open. ValueError says how to write them."""
    if text is None or not text.strip():
        return Hours(always=True, text=text or "")
    zone: str | None = None
    always = False
    spans: list[Span] = []
    closed: list[dt.date] = []
    for part in re.split(r"\s*;\s*", text.strip()):
        found = _ZONE.search(part)
        if found and zone is not None and found.group(1) != zone:
            raise ValueError(f"two time zones in hours {text!r}")
        zone = found.group(1) if found else zone
        written = (part[: found.start()] if found else part).strip().lower()
        if not written:
            continue
        if _ALWAYS.fullmatch(written):
            always = True
            continue
        if written.startswith("closed"):
            closed.extend(_closed_days(written[len("closed") :], text))
            continue
        segment = (
            BUSINESS_HOURS if written in {"business hours", "office hours", "business-hours"} else written
        )
        match = _SEGMENT.match(re.sub(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*", r"\1", segment))
        if match is None:
            raise ValueError(f"cannot read hours {text!r}: {HOW}")
        groups = match.groups()
        start = _minute(groups[2], groups[3], text)
        end = _minute(groups[5], groups[6], text)
        spans.extend(Span(day, start, end) for day in _days(match.group("days"), text))
    if always:  # a 24x7 clock runs through holidays too
        return Hours(always=True, zone=zone, text=text)
    if not spans:
        raise ValueError(f"cannot read hours {text!r}: {HOW}")
    return Hours(tuple(spans), zone=zone, text=text, closed=tuple(sorted(set(closed))))


def parse_calendar(text: str | None) -> Calendar:
    """A service level's calendar: its hours, with `P1 24x7`-style clauses giving a priority its own."""
    if text is None or not text.strip():
        return Calendar(Hours(always=True))
    base: list[str] = []
    by_priority: dict[str, Hours] = {}
    for segment in re.split(r"\s*;\s*", text.strip()):
        clause = _PRIORITY.match(segment.lower())
        if clause and clause.group("rest"):
            by_priority[f"P{clause.group(1)}"] = parse_hours(segment[clause.start("rest") :])
        elif segment:
            base.append(segment)
    hours = parse_hours("; ".join(base)) if base else Hours(always=True)
    if hours.closed:  # holidays close every clock of the calendar that is not 24x7
        by_priority = {
            p: h if h.always else replace(h, closed=tuple(sorted({*h.closed, *hours.closed})))
            for p, h in by_priority.items()
        }
    return Calendar(hours, by_priority)
