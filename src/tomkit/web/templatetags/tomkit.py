"""Template filters: values written the way the diff engine writes them (short, readable)."""

from __future__ import annotations

from typing import Any

from django import template

from tomkit.analysis.versions import format_value

register = template.Library()


@register.filter
def brief(value: Any) -> str:
    """A value in a few words: lists and mappings shortened, None as a dash."""
    return "—" if value is None else format_value(value)
