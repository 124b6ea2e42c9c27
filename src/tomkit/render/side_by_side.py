"""Side by side: every element as a row, every state as a column, each cell marked against the one before.

Added, removed and changed cells stand out (fill pattern, outline, badge and colour); unchanged ones
are greyed, so the eye goes to what moves from the as-is through the plateaus to the to-be.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tomkit.analysis.gaps import ChangeType, ElementGap, GapReport, gaps
from tomkit.model import BUILTIN_KINDS, Dimension, Element, Tom
from tomkit.render import style
from tomkit.render.errors import RenderError
from tomkit.render.svg import render
from tomkit.render.text import fit, text_width
from tomkit.render.values import describe_deltas

WIDTH = 1400
MARGIN = 32
KIND_W = 150
HEAD_H = 96
COLUMN_HEAD_H = 44
SECTION_H = 30
ROW_H = 26
CHANGED_ROW_H = 40
NAME_SIZE = 13
DELTA_SIZE = 10.5
_KIND_ORDER = {kind: n for n, kind in enumerate(BUILTIN_KINDS)}


@dataclass(frozen=True)
class Cell:
    x: float
    w: float
    text: str
    change: str | None
    """'added', 'removed', 'changed', 'unchanged' (same as before), 'present' (first column), None (absent)."""
    detail: str
    text_w: float
    tooltip: str


@dataclass(frozen=True)
class Row:
    element_id: str
    dimension: Dimension
    kind: str
    y: float
    h: float
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Section:
    dimension: Dimension
    label: str
    y: float
    colour: str
    tint: str
    rows: int
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    subtitle: str
    x: float
    w: float


@dataclass(frozen=True)
class SideBySideLayout:
    title: str
    subtitle: str
    width: float
    height: float
    columns: tuple[Column, ...]
    sections: tuple[Section, ...]
    rows: tuple[Row, ...]


def _column_title(tom: Tom, name: str) -> tuple[str, str]:
    state = tom.states[name]
    title = state.label or name
    parts = [name] if state.label and state.label != name else []
    if state.date:
        parts.append(state.date.isoformat())
    parts.append(f"{len(state.elements)} elements")
    return title, " · ".join(parts)


def _check_states(tom: Tom, states: Sequence[str] | None) -> list[str]:
    names = list(states) if states else tom.state_names
    if not names:
        raise RenderError("the TOM has no states to draw")
    unknown = [n for n in names if n not in tom.states]
    if unknown:
        raise RenderError(f"no state {unknown[0]!r}; states are: {', '.join(tom.states)}")
    return names


def layout_side_by_side(
    tom: Tom,
    *,
    states: Sequence[str] | None = None,
    reports: Sequence[GapReport] | None = None,
    dimensions: Iterable[Dimension] | None = None,
    changed_only: bool = False,
) -> SideBySideLayout:
    """Place the rows and cells; `reports` are the gaps between consecutive `states` (computed if None)."""
    names = _check_states(tom, states)
    if reports is None:
        reports = [gaps(tom, a, b) for a, b in itertools.pairwise(names)]
    if len(reports) != len(names) - 1:
        raise RenderError(f"{len(names)} states need {len(names) - 1} gap reports, got {len(reports)}")
    wanted = set(dimensions) if dimensions is not None else set(Dimension)
    steps: list[dict[str, ElementGap]] = [{g.element_id: g for g in r.elements} for r in reports]

    latest: dict[str, Element] = {}
    for name in names:
        for element in tom.states[name].elements:
            latest[element.id] = element
    first_seen = {element_id: n for n, element_id in enumerate(latest)}
    element_names = {element_id: element.name for element_id, element in latest.items()}

    column_w = (WIDTH - 2 * MARGIN - KIND_W) / len(names)
    columns = []
    for i, name in enumerate(names):
        title, subtitle = _column_title(tom, name)
        x = MARGIN + KIND_W + i * column_w
        columns.append(
            Column(
                name, fit(title, column_w - 40, 15, bold=True), fit(subtitle, column_w - 40, 11), x, column_w
            )
        )

    def cell(i: int, element_id: str) -> Cell:
        x = columns[i].x
        here = tom.states[names[i]].element(element_id)
        gap = steps[i - 1].get(element_id) if i else None
        change: str | None
        if gap is not None:
            change = gap.change.value
        elif here is not None:
            change = "unchanged" if i else "present"
        else:
            change = None
        shown = here or (gap.before if gap is not None else None)
        name = shown.name if shown is not None else ""
        text = fit(name, column_w - 44, NAME_SIZE, bold=change == "added")
        detail = ""
        tooltip = name
        if gap is not None and gap.change is ChangeType.CHANGED:
            full = describe_deltas(gap.deltas, element_names)
            detail = fit(full, column_w - 44, DELTA_SIZE)
            tooltip = f"{name}: {full}"
        elif gap is not None:
            tooltip = f"{name}: {gap.change.value} in {names[i]}"
        return Cell(x, column_w, text, change, detail, text_width(text, NAME_SIZE), tooltip)

    rows: list[Row] = []
    sections: list[Section] = []
    y = HEAD_H + COLUMN_HEAD_H
    for dimension in Dimension:
        if dimension not in wanted:
            continue
        ids = sorted(
            (i for i, e in latest.items() if e.get_dimension() is dimension),
            key=lambda i: (_KIND_ORDER.get(latest[i].kind, len(_KIND_ORDER)), latest[i].kind, first_seen[i]),
        )
        if changed_only:
            ids = [i for i in ids if any(i in step for step in steps)]
        if not ids:
            continue
        tally = {
            c: sum(1 for step in steps for g in step.values() if g.dimension is dimension and g.change is c)
            for c in ChangeType
        }
        dstyle = style.dimension_style(dimension)
        sections.append(
            Section(
                dimension,
                dimension.label,
                y,
                dstyle.colour,
                dstyle.tint,
                len(ids),
                tuple((c.value, n) for c, n in tally.items()),
            )
        )
        y += SECTION_H
        for element_id in ids:
            cells = tuple(cell(i, element_id) for i in range(len(names)))
            h = CHANGED_ROW_H if any(c.detail for c in cells) else ROW_H
            rows.append(
                Row(element_id, dimension, fit(latest[element_id].get_label(), KIND_W - 22, 11), y, h, cells)
            )
            y += h
    if not rows:
        raise RenderError(
            "nothing to draw: no elements in the chosen dimensions"
            + (" have changed" if changed_only else "")
        )
    title = fit(
        f"{tom.name}: " + " → ".join(tom.states[n].label or n for n in names),
        WIDTH - 2 * MARGIN,
        22,
        bold=True,
    )
    total = sum(1 for step in steps for g in step.values() if g.dimension in wanted)
    subtitle = f"{len(rows)} elements across {len(names)} states · {total} changes"
    if dimensions is not None:
        subtitle += f" · {len(sections)} of 8 dimensions"
    return SideBySideLayout(title, subtitle, WIDTH, y + 48, tuple(columns), tuple(sections), tuple(rows))


def side_by_side_svg(
    tom: Tom,
    *,
    states: Sequence[str] | None = None,
    reports: Sequence[GapReport] | None = None,
    dimensions: Iterable[Dimension] | None = None,
    changed_only: bool = False,
) -> str:
    """The side-by-side view as a standalone SVG (1400 wide, as tall as its rows)."""
    layout = layout_side_by_side(
        tom, states=states, reports=reports, dimensions=dimensions, changed_only=changed_only
    )
    return render(
        "side_by_side.svg.j2",
        layout=layout,
        margin=MARGIN,
        kind_w=KIND_W,
        head_h=HEAD_H,
        column_head_h=COLUMN_HEAD_H,
        section_h=SECTION_H,
    )
