from __future__ import annotations

import pytest

from tomkit.scenarios.calendar import parse_hours


def test_forms_of_hours() -> None:
    assert parse_hours("24x7").sum() == 168
    assert parse_hours(None).sum() == 168
    assert parse_hours("business hours").sum() == 40
    week = parse_hours("Mon-Fri 08:00-18:00; Sat 09-13")
    assert week.sum() == 54
    assert week[8]
    assert not week[7]
    assert week[17]
    assert not week[18]
    assert week[5 * 24 + 9]
    assert not week[6 * 24 + 9]


def test_overnight_ranges_run_into_the_next_day() -> None:
    week = parse_hours("Sun 22:00-06:00")
    assert week.sum() == 8
    assert week[6 * 24 + 23]
    assert week[0]
    assert week[5]
    assert not week[6]


def test_half_hours_round_to_the_nearest_hour() -> None:
    week = parse_hours("Monday 08:30-17:30")
    assert week.sum() == 9
    assert week[9]
    assert not week[8]


@pytest.mark.parametrize("text", ["weekdays", "Mon-Fri 8-25", "Mon-Fry 08:00-18:00"])
def test_unreadable_hours_say_how_to_write_them(text: str) -> None:
    with pytest.raises(ValueError, match="hours"):
        parse_hours(text)
