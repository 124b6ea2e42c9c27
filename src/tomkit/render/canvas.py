"""The TOM canvas: one state of the operating model on one slide, its eight dimensions as a house.

Governance is the roof, customer and service delivery the front door, processes, people, technology
and data the pillars, locations and suppliers the foundation. Each room counts its elements by kind,
names the most important ones, and, given a gap report against the previous state, marks what was
added, removed or changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from tomkit.analysis.gaps import ChangeType, GapReport, gaps
from tomkit.model import Dimension, Element, Service, State, Supplier, Team, Tom
from tomkit.render import style
from tomkit.render.errors import RenderError, check_report
from tomkit.render.svg import render
from tomkit.render.text import fit, text_width

WIDTH, HEIGHT = 1600, 900
MARGIN = 40
GAP = 12
HEADER_H = 30
LINE_H = 19
NAME_SIZE = 13
MIN_COLUMN_W = 210

# (dimension, x, y, w, h) in the 1600 x 900 page; the roof is drawn as a trapezoid over its box.
_ROOF_TOP, _ROOF_H = 96, 126
_BAND_Y, _BAND_H = _ROOF_TOP + _ROOF_H + GAP, 118
_PILLAR_Y = _BAND_Y + _BAND_H + GAP
_BASE_H = 118
_BASE_Y = HEIGHT - 52 - _BASE_H
_PILLAR_H = _BASE_Y - GAP - _PILLAR_Y
_INNER_W = WIDTH - 2 * MARGIN
_PILLAR_W = (_INNER_W - 3 * GAP) / 4
_BASE_W = (_INNER_W - GAP) / 2
_PLACES: dict[Dimension, tuple[float, float, float, float]] = {
    Dimension.GOVERNANCE: (MARGIN, _ROOF_TOP, _INNER_W, _ROOF_H),
    Dimension.DELIVERY: (MARGIN, _BAND_Y, _INNER_W, _BAND_H),
    Dimension.PROCESSES: (MARGIN, _PILLAR_Y, _PILLAR_W, _PILLAR_H),
    Dimension.PEOPLE: (MARGIN + (_PILLAR_W + GAP), _PILLAR_Y, _PILLAR_W, _PILLAR_H),
    Dimension.TECHNOLOGY: (MARGIN + 2 * (_PILLAR_W + GAP), _PILLAR_Y, _PILLAR_W, _PILLAR_H),
    Dimension.DATA: (MARGIN + 3 * (_PILLAR_W + GAP), _PILLAR_Y, _PILLAR_W, _PILLAR_H),
    Dimension.LOCATIONS: (MARGIN, _BASE_Y, _BASE_W, _BASE_H),
    Dimension.SUPPLIERS: (MARGIN + _BASE_W + GAP, _BASE_Y, _BASE_W, _BASE_H),
}
_ROOF_INSET = 230
"""How far the roof's top edge is drawn in from its box's sides."""


@dataclass(frozen=True)
class NameLine:
    x: float
    y: float
    text: str
    change: str | None
    """'added', 'changed', 'removed' or None (unchanged, or no report)."""
    width: float = 0.0


@dataclass(frozen=True)
class Room:
    """One dimension's box on the canvas, laid out and ready to draw."""

    dimension: Dimension
    label: str
    x: float
    y: float
    w: float
    h: float
    roof: bool
    colour: str
    tint: str
    total: int
    kinds: str
    changes: tuple[tuple[str, int], ...]
    names: tuple[NameLine, ...]
    more: NameLine | None
    points: str = ""
    content_x: float = 0.0
    content_w: float = 0.0


@dataclass(frozen=True)
class CanvasLayout:
    """Everything the canvas template draws, computed and measured in Python."""

    title: str
    subtitle: str
    rooms: tuple[Room, ...]
    totals: tuple[tuple[str, int], ...] = field(default_factory=tuple)


def plural(label: str, count: int) -> str:
    """'3 teams', '1 team', '2 forums / boards', '4 policies'."""

    def one(word: str) -> str:
        word = word.strip().lower()
        if count == 1:
            return word
        if word.endswith("y") and word[-2:-1] not in "aeiou":
            return word[:-1] + "ies"
        return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")

    return f"{count} " + " / ".join(one(part) for part in label.split("/"))


def importance(element: Element, degree: int, change: str | None) -> float:
    """Rank for naming on the canvas: well-connected, critical, large and changing elements first."""
    score = 2.0 * degree
    if isinstance(element, Service) and element.criticality:
        score += {"critical": 4, "high": 2, "medium": 1, "low": 0}[element.criticality]
    if isinstance(element, Supplier) and element.strategic:
        score += 3
    if isinstance(element, Team) and element.fte:
        score += min(element.fte / 5, 4)
    if change is not None:
        score += 1.5
    return score


def _kinds_line(elements: list[Element]) -> str:
    counts = Counter(e.get_label() for e in elements)
    return " · ".join(plural(label, n) for label, n in counts.most_common())


def _room(
    dimension: Dimension,
    *,
    elements: list[Element],
    degrees: Mapping[str, int],
    changes: Mapping[str, ChangeType],
    removed: list[str],
    counts: Mapping[ChangeType, int] | None,
) -> Room:
    x, y, w, h = _PLACES[dimension]
    roof = dimension is Dimension.GOVERNANCE
    dstyle = style.dimension_style(dimension)
    content_x = x + (_ROOF_INSET if roof else 0) + 12
    content_w = w - 2 * ((_ROOF_INSET if roof else 0) + 12)
    top = y + HEADER_H + 42
    rows = max(1, int((y + h - 12 - top) // LINE_H) + 1)
    columns = max(1, int(content_w // MIN_COLUMN_W))
    column_w = content_w / columns

    def change_of(element: Element) -> str | None:
        change = changes.get(element.id)
        return None if change is None else str(change.value)

    ranked = sorted(
        elements, key=lambda e: (-importance(e, degrees.get(e.id, 0), change_of(e)), e.name.lower())
    )
    entries: list[tuple[str, str | None]] = [(e.name, change_of(e)) for e in ranked]
    entries += [(name, "removed") for name in sorted(removed, key=str.lower)]
    capacity = rows * columns
    shown = entries if len(entries) <= capacity else entries[: capacity - 1]
    hidden = len(entries) - len(shown)

    def place(i: int) -> tuple[float, float]:
        return content_x + (i // rows) * column_w, top + (i % rows) * LINE_H

    names = []
    for i, (name, change) in enumerate(shown):
        nx, ny = place(i)
        text = fit(name, column_w - 30, NAME_SIZE)
        names.append(NameLine(nx, ny, text, change, text_width(text, NAME_SIZE)))
    more = None
    if hidden:
        mx, my = place(len(shown))
        more = NameLine(mx, my, f"+ {hidden} more", None)
    change_counts: tuple[tuple[str, int], ...] = ()
    if counts is not None:
        change_counts = tuple(
            (c.value, counts.get(c, 0)) for c in (ChangeType.ADDED, ChangeType.REMOVED, ChangeType.CHANGED)
        )
    points = ""
    if roof:
        points = f"{x},{y + h} {x + _ROOF_INSET},{y} {x + w - _ROOF_INSET},{y} {x + w},{y + h}"
    kinds_w = content_w - (150 if counts is not None else 0)
    return Room(
        dimension=dimension,
        label=dimension.label,
        x=x,
        y=y,
        w=w,
        h=h,
        roof=roof,
        colour=dstyle.colour,
        tint=dstyle.tint,
        total=len(elements),
        kinds=fit(_kinds_line(elements) or "nothing recorded", kinds_w, 12),
        changes=change_counts,
        names=tuple(names),
        more=more,
        points=points,
        content_x=content_x,
        content_w=content_w,
    )


def _state_title(name: str, state: State) -> str:
    return f"{state.label} ({name})" if state.label and state.label != name else name


def layout_canvas(tom: Tom, state: str | None = None, report: GapReport | None = None) -> CanvasLayout:
    """Measure and place everything on the canvas of one state (default: the to-be)."""
    name = state or tom.target_name
    if name is None:
        raise RenderError("the TOM has no states to draw")
    if name not in tom.states:
        raise RenderError(f"no state {name!r}; states are: {', '.join(tom.states)}")
    current = tom.states[name]
    check_report(tom, name, report)
    degrees: Counter[str] = Counter()
    for relation in current.relations:
        degrees[relation.source] += 1
        degrees[relation.target] += 1
    changes: dict[str, ChangeType] = {}
    by_dimension: dict[Dimension, dict[ChangeType, int]] = {}
    if report is not None:
        changes = {g.element_id: g.change for g in report.elements if g.change is not ChangeType.REMOVED}
        by_dimension = report.by_dimension()
    rooms = []
    for dimension in _PLACES:
        removed = (
            [g.name for g in report.elements if g.dimension is dimension and g.change is ChangeType.REMOVED]
            if report is not None
            else []
        )
        rooms.append(
            _room(
                dimension,
                elements=list(current.in_dimension(dimension)),
                degrees=degrees,
                changes=changes,
                removed=removed,
                counts=by_dimension.get(dimension, {}) if report is not None else None,
            )
        )
    heading = tom.name
    if tom.organisation and tom.organisation.lower() not in tom.name.lower():
        heading += f" — {tom.organisation}"
    parts = [
        _state_title(name, current),
        f"{len(current.elements)} elements",
        f"{len(current.relations)} relations",
    ]
    if current.date:
        parts.insert(1, current.date.isoformat())
    totals: tuple[tuple[str, int], ...] = ()
    if report is not None:
        before = tom.states.get(report.from_state)
        parts.append(
            "changes against " + (_state_title(report.from_state, before) if before else report.from_state)
        )
        tally = Counter(g.change for g in report.elements)
        totals = tuple(
            (c.value, tally.get(c, 0)) for c in (ChangeType.ADDED, ChangeType.REMOVED, ChangeType.CHANGED)
        )
    return CanvasLayout(
        title=fit(heading, WIDTH - 2 * MARGIN - 420, 24, bold=True),
        subtitle=fit(" · ".join(parts), WIDTH - 2 * MARGIN - 420, 14),
        rooms=tuple(rooms),
        totals=totals,
    )


def canvas_svg(tom: Tom, state: str | None = None, report: GapReport | None = None) -> str:
    """The canvas of one state as a standalone SVG (1600 x 900, a 16:9 slide)."""
    layout = layout_canvas(tom, state, report)
    return render(
        "canvas.svg.j2", layout=layout, width=WIDTH, height=HEIGHT, header_h=HEADER_H, margin=MARGIN
    )


def canvas_pages(tom: Tom) -> list[tuple[str, str]]:
    """One canvas per state, each after the first marked with its changes against the one before."""
    names = tom.state_names
    pages = []
    for i, name in enumerate(names):
        report = gaps(tom, names[i - 1], name) if i else None
        pages.append((name, canvas_svg(tom, name, report)))
    return pages
