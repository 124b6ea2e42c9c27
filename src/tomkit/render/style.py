"""The house style every tomkit picture shares: one palette per dimension, one look per change type.

Change types never rely on colour alone: each has a symbol (+ − Δ), an outline dash and a fill pattern,
so a picture printed in black and white still says what was added, removed or changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tomkit.model import Dimension, Lens

FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', sans-serif"
"""Metric-compatible faces only, so the approximate text measure in `text.py` holds everywhere."""

INK = "#1F2430"
"""Body text."""
MUTED = "#6B7280"
"""Secondary text: kinds, counts, captions."""
FAINT = "#B8BDC6"
"""Rules and unchanged outlines."""
PAPER = "#FFFFFF"
PANEL = "#F5F6F8"
"""Background of panels and alternate rows."""
ACCENT = "#3F6EA6"
"""Single-series charts and neutral highlights."""


@dataclass(frozen=True)
class DimensionStyle:
    """How one dimension looks: a strong colour for headers, a tint for bodies, a shape for graphs."""

    colour: str
    tint: str
    short: str
    graph_shape: str


DIMENSION_STYLES: dict[Dimension, DimensionStyle] = {
    Dimension.SUPPLIERS: DimensionStyle("#8C6D5A", "#F4EFEB", "SUP", "house"),
    Dimension.LOCATIONS: DimensionStyle("#5E7C8A", "#EEF2F4", "LOC", "invhouse"),
    Dimension.PROCESSES: DimensionStyle("#3F6EA6", "#ECF1F8", "PRO", "cds"),
    Dimension.DELIVERY: DimensionStyle("#B0527A", "#F8ECF1", "DEL", "ellipse"),
    Dimension.PEOPLE: DimensionStyle("#7456A6", "#F1EDF7", "PEO", "box"),
    Dimension.TECHNOLOGY: DimensionStyle("#2F8F8A", "#EAF5F4", "TEC", "component"),
    Dimension.DATA: DimensionStyle("#6A7F2E", "#F1F4E8", "DAT", "cylinder"),
    Dimension.GOVERNANCE: DimensionStyle("#3A3F4B", "#EDEEF0", "GOV", "note"),
}

LENS_COLOURS: dict[Lens, str] = {
    Lens.PEOPLE: DIMENSION_STYLES[Dimension.PEOPLE].colour,
    Lens.PROCESS: DIMENSION_STYLES[Dimension.PROCESSES].colour,
    Lens.TECHNOLOGY: DIMENSION_STYLES[Dimension.TECHNOLOGY].colour,
    Lens.GOVERNANCE: DIMENSION_STYLES[Dimension.GOVERNANCE].colour,
}
LENS_LABELS: dict[Lens, str] = {
    Lens.PEOPLE: "People",
    Lens.PROCESS: "Process",
    Lens.TECHNOLOGY: "Technology",
    Lens.GOVERNANCE: "Governance",
}


@dataclass(frozen=True)
class ChangeStyle:
    """How one change type is marked: colour, symbol, outline dash and fill pattern (None: solid tint)."""

    key: str
    label: str
    colour: str
    tint: str
    symbol: str
    dash: str
    pattern: str | None


ADDED = ChangeStyle("added", "Added", "#1B8A4B", "#E2F3E9", "+", "none", None)
REMOVED = ChangeStyle("removed", "Removed", "#C0392B", "#FBE6E3", "−", "5 3", "tk-hatch")
CHANGED = ChangeStyle("changed", "Changed", "#B87A00", "#FFF2D4", "Δ", "2 2", "tk-dots")
UNCHANGED = ChangeStyle("unchanged", "Unchanged", "#8A8F98", "#FFFFFF", "", "none", None)

CHANGE_STYLES: dict[str, ChangeStyle] = {s.key: s for s in (ADDED, REMOVED, CHANGED, UNCHANGED)}
"""By change key: "added", "removed", "changed" (the values of the gap engine's ChangeType) and "unchanged"."""


def change_style(change: object) -> ChangeStyle:
    """The style of a change type given as a ChangeType, its value, or None for unchanged."""
    if change is None:
        return UNCHANGED
    return CHANGE_STYLES[str(getattr(change, "value", change))]


def dimension_style(dimension: Dimension) -> DimensionStyle:
    return DIMENSION_STYLES[dimension]


def fill_for(change: ChangeStyle, prefix: str = "") -> str:
    """The SVG fill of a changed shape: its pattern when it has one, else its tint.

    `prefix` is the picture's id prefix (see `_macros.svg.j2`), so several pictures inlined in one
    HTML page never pick up each other's patterns.
    """
    return f"url(#{prefix}{change.pattern})" if change.pattern else change.tint


def mix(colour: str, other: str, share: float) -> str:
    """`colour` blended towards `other` by `share` (0: colour, 1: other): tints and heat scales."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    share = min(1.0, max(0.0, share))
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b, strict=True))


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on `fill` (relative luminance)."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return INK if luminance > 0.55 else PAPER


def vega_config() -> dict[str, Any]:
    """The Vega-Lite `config` that makes altair charts match the SVG pictures."""
    return {
        "font": FONT_FAMILY,
        "background": PAPER,
        "view": {"strokeWidth": 0},
        "title": {"font": FONT_FAMILY, "fontSize": 16, "fontWeight": "bold", "color": INK, "anchor": "start"},
        "axis": {
            "labelFont": FONT_FAMILY,
            "titleFont": FONT_FAMILY,
            "labelColor": INK,
            "titleColor": MUTED,
            "labelFontSize": 12,
            "titleFontSize": 12,
            "gridColor": "#E5E7EB",
            "domainColor": FAINT,
            "tickColor": FAINT,
        },
        "legend": {
            "labelFont": FONT_FAMILY,
            "titleFont": FONT_FAMILY,
            "labelFontSize": 12,
            "titleFontSize": 12,
            "labelColor": INK,
            "titleColor": MUTED,
        },
        "header": {"labelFont": FONT_FAMILY, "titleFont": FONT_FAMILY},
        "text": {"font": FONT_FAMILY},
    }
