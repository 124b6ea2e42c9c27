"""SLA clocks: hours counted only while the calendar runs, in its time zone."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tomkit.mining.errors import MiningError
from tomkit.mining.sla import SlaTarget, sla_attainment
from tomkit.mining.sla_clock import ServiceClock
from tomkit.mining.table import EventLog
from tomkit.model.hours import parse_calendar, parse_hours

from .conftest import build_log


def _us(text: str) -> int:
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp() * 1_000_000)


def _hours(clock: ServiceClock, start: str, end: str) -> float:
    return float(clock.elapsed_hours(np.array([_us(start)]), np.array([_us(end)]))[0])


BUSINESS = ServiceClock(parse_hours("business hours"))  # Mon-Fri 09:00-17:00 UTC


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        ("2026-11-20T16:00", "2026-11-23T10:00", 2.0),  # Friday afternoon to Monday morning
        ("2026-11-23T10:00", "2026-11-23T10:30", 0.5),  # within one day
        ("2026-11-21T12:00", "2026-11-22T12:00", 0.0),  # a weekend
        ("2026-11-23T18:00", "2026-11-24T08:00", 0.0),  # overnight
        ("2026-11-23T08:00", "2026-11-30T08:00", 40.0),  # a whole week
        ("2026-11-23T16:59:30", "2026-11-24T09:00:30", 1 / 60),  # seconds at both ends
        ("1969-12-26T16:00", "1969-12-29T10:00", 2.0),  # before the epoch
    ],
)
def test_business_hours(start: str, end: str, hours: float) -> None:
    assert _hours(BUSINESS, start, end) == pytest.approx(hours, abs=1e-9)


def test_minutes_zones_and_summer_time() -> None:
    lisbon = ServiceClock(parse_hours("Mon-Fri 08:30-17:30 Europe/Lisbon"))
    # 08:30-17:30 Lisbon time is 07:30-16:30 UTC in summer (WEST, UTC+1)
    assert _hours(lisbon, "2026-07-06T07:00", "2026-07-06T08:00") == pytest.approx(0.5)
    # ... and 08:30-17:30 UTC in winter
    assert _hours(lisbon, "2026-12-07T08:00", "2026-12-07T09:00") == pytest.approx(0.5)
    # across the change to summer time (Sunday 29 March 2026): Friday 17:00 to Monday 09:30, local
    assert _hours(lisbon, "2026-03-27T17:00", "2026-03-30T08:30") == pytest.approx(0.5 + 1.0)
    london = ServiceClock(parse_hours("business hours"), timezone="Europe/London")
    assert london.zone == "Europe/London"
    assert _hours(london, "2026-07-06T08:00", "2026-07-06T09:00") == pytest.approx(1.0)  # 09-10 BST
    assert london.label == "business hours (Europe/London)"


def test_a_24x7_clock_is_wall_time() -> None:
    always = ServiceClock(parse_hours("24x7"))
    assert _hours(always, "2026-11-20T16:00", "2026-11-23T10:00") == pytest.approx(66.0)
    assert always.label == "24x7"


def test_an_unknown_zone_is_named() -> None:
    with pytest.raises(MiningError, match="unknown time zone 'Mars/Olympus'"):
        _hours(
            ServiceClock(parse_hours("business hours Mars/Olympus")), "2026-01-05T10:00", "2026-01-05T11:00"
        )


def _log() -> EventLog:
    rows = [
        ("c1", "New", "2026-11-20T16:00:00", None, None),
        ("c1", "Resolved", "2026-11-23T10:00:00", None, None),  # 66 h of wall time, 2 business hours
        ("c2", "New", "2026-11-23T10:00:00", None, None),
        ("c2", "Resolved", "2026-11-24T10:00:00", None, None),  # 24 h of wall time, 8 business hours
    ]
    return build_log(rows, priority=["P3", "P3", "P3", "P3"])


def test_attainment_on_the_clock_differs_from_wall_time() -> None:
    log = _log()
    wall = sla_attainment(log, {("P3", None): 4.0}, by_channel=False)
    assert (wall.total.cases, wall.total.met) == (2, 0)
    assert wall.total.clock is None
    business = sla_attainment(log, {("P3", None): SlaTarget(4.0, BUSINESS)}, by_channel=False)
    assert (business.total.cases, business.total.met) == (2, 1)
    assert business.total.median_hours == pytest.approx(5.0)  # 2 and 8 business hours
    assert business.total.clock == "business hours (UTC)"


HOLIDAYS = ServiceClock(parse_hours("business hours Europe/London; closed 2026-12-25, 2026-12-28"))


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        ("2026-12-24T16:00", "2026-12-29T10:00", 2.0),  # Thu 16-17, Fri and Mon closed, Tue 9-10
        ("2026-12-25T10:00", "2026-12-25T12:00", 0.0),  # within a closed day
        ("2026-12-24T16:00", "2026-12-25T11:00", 1.0),  # into a closed day
        ("2026-12-25T11:00", "2026-12-29T09:30", 0.5),  # out of one, over the weekend and another
        ("2026-12-21T09:00", "2026-12-24T17:00", 32.0),  # the days before are untouched
        ("2027-01-04T09:00", "2027-01-04T17:00", 8.0),  # and the days after
    ],
)
def test_closed_days_stop_the_clock(start: str, end: str, hours: float) -> None:
    # London is on GMT in December, so UTC times are local times here
    assert _hours(HOLIDAYS, start, end) == pytest.approx(hours, abs=1e-9)


def test_closed_days_in_a_calendar_close_every_clock_but_24x7() -> None:
    calendar = parse_calendar("business hours; P1 24x7; P2 Mon-Sat 07:00-22:00; closed 2026-12-25")
    assert calendar.hours.closed == (dt.date(2026, 12, 25),)
    assert calendar.for_priority("P2").closed == (dt.date(2026, 12, 25),)
    assert calendar.for_priority("P1").always
    p2 = ServiceClock(calendar.for_priority("P2"))
    assert _hours(p2, "2026-12-24T21:00", "2026-12-26T08:00") == pytest.approx(2.0)  # Thu 21-22, Sat 7-8
