"""Small wording helpers so every sentence reads the same way: numbers, lists, dates, changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any


def num(value: float | int | None, unit: str = "") -> str:
    """18.0 -> '18', 0.6234 -> '0.62', with a unit ('%' sticks to the number, others get a space)."""
    if value is None:
        return "not set"
    text = (
        f"{value:,.0f}"
        if float(value).is_integer() or abs(value) >= 100
        else f"{value:,.2f}".rstrip("0").rstrip(".")
    )
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "pp") else f"{text} {unit}"


def listing(items: Sequence[str], limit: int = 6, conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 4 more'."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) > limit:
        return f"{', '.join(items[:limit])} and {len(items) - limit} more"
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def month(day: dt.date | None) -> str:
    return day.strftime("%B %Y") if day else "a date not yet set"


def date(day: dt.date | None) -> str:
    return f"{day.day} {day.strftime('%B %Y')}" if day else "a date not yet set"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def value(v: Any) -> str:
    """An attribute value as a person would say it."""
    if v is None or v in ([], ""):
        return "none"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (int, float)):
        return num(v)
    if isinstance(v, list):
        return listing([value(i) for i in v])
    if isinstance(v, dict):
        return ", ".join(f"{k} {value(x)}" for k, x in v.items())
    return str(v)


def attribute(name: str) -> str:
    """'handle_minutes' -> 'handle minutes', with the few abbreviations people use kept."""
    special = {"fte": "FTE", "rto_hours": "RTO (hours)", "rpo_hours": "RPO (hours)"}
    return special.get(name, name.replace("_", " "))
