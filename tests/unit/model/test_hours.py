"""Opening hours and service calendars read from the TOM's text."""

from __future__ import annotations

import datetime as dt

import pytest

from tomkit.model import Tom, check
from tomkit.model.hours import Span, parse_calendar, parse_hours


def test_forms_of_hours() -> None:
    assert parse_hours("24x7").always
    assert parse_hours("24/7 Europe/Lisbon").zone == "Europe/Lisbon"
    assert parse_hours(None).minutes_per_week == 7 * 24 * 60
    assert parse_hours("business hours").minutes_per_week == 5 * 8 * 60
    hours = parse_hours("Mon-Fri 08:30-17:30; Saturday 09-13 Europe/London")
    assert hours.zone == "Europe/London"
    assert hours.minutes_per_week == 5 * 9 * 60 + 4 * 60
    assert hours.spans[0] == Span(0, 8 * 60 + 30, 17 * 60 + 30)
    assert hours.spans[-1] == Span(5, 9 * 60, 13 * 60)


def test_a_range_past_midnight_and_the_whole_day() -> None:
    assert parse_hours("Sun 22:00-06:00").minutes_per_week == 8 * 60
    assert parse_hours("Mon 00:00-24:00").minutes_per_week == 24 * 60
    assert parse_hours("Sat, Sun 10:00-10:00").minutes_per_week == 2 * 24 * 60


@pytest.mark.parametrize("text", ["weekdays", "Mon-Fri 8-25", "Mon-Fry 08:00-18:00", "Mon 24:30-25:00", ";"])
def test_unreadable_hours_say_how_to_write_them(text: str) -> None:
    with pytest.raises(ValueError, match="hours"):
        parse_hours(text)


def test_a_calendar_gives_priorities_their_own_clock() -> None:
    calendar = parse_calendar("business hours; P1 24x7; priority 2: Mon-Sat 07:00-22:00")
    assert calendar.hours.minutes_per_week == 40 * 60
    assert calendar.for_priority("P1").always
    assert calendar.for_priority("P2").minutes_per_week == 6 * 15 * 60
    assert calendar.for_priority("P3") is calendar.hours
    assert calendar.for_priority(None) is calendar.hours
    assert parse_calendar(None).hours.always
    assert parse_calendar("P1 24x7").hours.always


def test_the_checker_warns_about_unreadable_hours_and_calendars() -> None:
    tom = Tom.model_validate(
        {
            "name": "t",
            "states": {
                "as-is": {
                    "elements": [
                        {"id": "phone", "kind": "channel", "name": "Phone", "hours": "weekdays 9 to 5"},
                        {
                            "id": "sla",
                            "kind": "service-level",
                            "name": "SLA",
                            "calendar": "business hours; P1 24x7",
                        },
                        {"id": "ola", "kind": "service-level", "name": "OLA", "calendar": "Mon-Fry 08-18"},
                    ]
                }
            },
        }
    )
    found = [(p.where, p.code, p.severity.value) for p in check(tom)]
    assert found == [
        ("states.as-is.elements[0].hours", "unreadable-hours", "warning"),
        ("states.as-is.elements[2].calendar", "unreadable-hours", "warning"),
    ]


def test_closed_days() -> None:
    hours = parse_hours("Mon-Fri 08:00-18:00; closed 2026-12-25, 2026-12-24 2026-12-25 Europe/London")
    assert hours.closed == (dt.date(2026, 12, 24), dt.date(2026, 12, 25))
    assert hours.zone == "Europe/London"
    assert hours.minutes_per_week == 50 * 60
    assert parse_hours("24x7; closed 2026-12-25").closed == ()  # a 24x7 clock runs through holidays
    with pytest.raises(ValueError, match="bad date '2026-13-01'"):
        parse_hours("business hours; closed 2026-13-01")
    with pytest.raises(ValueError, match="no dates after 'closed'"):
        parse_hours("business hours; closed")
    with pytest.raises(ValueError, match="two time zones"):
        parse_hours("Mon 09-17 Europe/London; Tue 09-17 Europe/Lisbon")
