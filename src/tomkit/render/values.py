"""Attribute values and their changes, written the way a reader of a slide expects them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tomkit.analysis.gaps import AttributeDelta
from tomkit.render.svg import number

LONG_TEXT = 32
"""Longer text values (descriptions, notes) are reported as edited, not quoted."""


def format_value(value: Any, names: Mapping[str, str] | None = None) -> str:
    """One attribute value as short text: '—' for not set, lists joined, numbers without '.0'.

    `names` turns element ids into element names (a team's `location: leeds` reads 'Leeds').
    """
    if value is None or value in ([], {}):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return number(value, 2)
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return ", ".join(format_value(v, names) for v in value)
        return f"{len(value)} items"
    if isinstance(value, dict):
        return f"{len(value)} values"
    text = str(value)
    return names.get(text, text) if names else text


def describe_delta(delta: AttributeDelta, names: Mapping[str, str] | None = None) -> str:
    """'fte 16 → 12', 'tags +cloud −legacy', 'steps 3 → 4'."""
    label = delta.name.replace("_", " ")
    before, after = delta.before, delta.after
    if any(isinstance(v, str) and len(v) > LONG_TEXT for v in (before, after)):
        return f"{label} edited"
    if isinstance(before, list) and isinstance(after, list):
        flat = all(not isinstance(v, dict | list) for v in (*before, *after))
        if flat:
            gone = [f"−{format_value(v, names)}" for v in before if v not in after]
            new = [f"+{format_value(v, names)}" for v in after if v not in before]
            if gone or new:
                return f"{label} {' '.join(new + gone)}"
        if len(before) == len(after):
            return f"{label} edited"
        return f"{label} {len(before)} → {len(after)}"
    return f"{label} {format_value(before, names)} → {format_value(after, names)}"


def describe_deltas(
    deltas: tuple[AttributeDelta, ...] | list[AttributeDelta], names: Mapping[str, str] | None = None
) -> str:
    return " · ".join(describe_delta(d, names) for d in deltas)
