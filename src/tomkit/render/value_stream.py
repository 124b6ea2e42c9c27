"""The value-stream view: an end-to-end journey as chevrons across departments.

Under each step sit the practices, teams and tools that carry it. Compared with another state, steps
and the things under them are marked added, removed or changed, so a reader sees where the journey
itself changes, not just the parts list.
"""

from __future__ import annotations

from dataclasses import dataclass

from tomkit.model import Dimension, State, Tom, ValueStream, ValueStreamStep
from tomkit.render import style
from tomkit.render.errors import RenderError
from tomkit.render.svg import render
from tomkit.render.text import fit, text_width, wrap

MARGIN = 36
STEP_MIN_W = 210
CHEVRON_H = 74
POINT = 22
DEPT_Y = 118
CHEVRON_Y = DEPT_Y + 34
LIST_Y = CHEVRON_Y + CHEVRON_H + 26
ITEM_H = 18
GROUP_GAP = 12
GROUPS: tuple[tuple[str, str, Dimension], ...] = (
    ("practices", "Practices", Dimension.PROCESSES),
    ("teams", "Teams", Dimension.PEOPLE),
    ("tools", "Tools", Dimension.TECHNOLOGY),
)


@dataclass(frozen=True)
class Item:
    y: float
    text: str
    change: str | None
    width: float


@dataclass(frozen=True)
class Group:
    label: str
    colour: str
    y: float
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Step:
    index: int
    """Position in the picture, removed steps included."""
    number: int
    """Position in the journey of this state; 0 for a removed step."""
    x: float
    w: float
    points: str
    name_lines: tuple[str, ...]
    change: str | None
    groups: tuple[Group, ...]
    tooltip: str


@dataclass(frozen=True)
class Department:
    x: float
    w: float
    label: str


@dataclass(frozen=True)
class ValueStreamLayout:
    width: float
    height: float
    title: str
    subtitle: str
    steps: tuple[Step, ...]
    departments: tuple[Department, ...]
    compared: bool


def find_stream(state: State, stream_id: str | None, state_name: str) -> ValueStream:
    """The value stream with this id (or the only / first one when no id is given)."""
    streams = [e for e in state.elements if isinstance(e, ValueStream)]
    if stream_id is None:
        if not streams:
            raise RenderError(f"state {state_name!r} has no value streams")
        return streams[0]
    for stream in streams:
        if stream.id == stream_id:
            return stream
    known = ", ".join(s.id for s in streams) or "none"
    raise RenderError(f"no value stream {stream_id!r} in state {state_name!r}; value streams are: {known}")


def _merged(
    now: list[ValueStreamStep], before: list[ValueStreamStep] | None
) -> list[tuple[ValueStreamStep, ValueStreamStep | None, str | None]]:
    """Steps of the later state in order, with removed steps put back after their old predecessor."""
    if before is None:
        return [(step, None, None) for step in now]
    old = {s.name: s for s in before}
    out: list[tuple[ValueStreamStep, ValueStreamStep | None, str | None]] = []
    for step in now:
        prior = old.get(step.name)
        if prior is None:
            out.append((step, None, "added"))
        elif prior.model_dump() != step.model_dump():
            out.append((step, prior, "changed"))
        else:
            out.append((step, prior, None))
    names = {s.name for s in now}
    for i, step in enumerate(before):
        if step.name in names:
            continue
        after = before[i - 1].name if i else None
        at = next((n + 1 for n, (s, _, _) in enumerate(out) if s.name == after), 0) if after else 0
        out.insert(at, (step, step, "removed"))
    return out


def _marked(
    ids: list[str], was: list[str], change: str | None, *, compared: bool
) -> list[tuple[str, str | None]]:
    """A step's items with their marks: all added or removed with the step, else item by item."""
    if change in ("added", "removed"):
        return [(element_id, change) for element_id in ids]
    if not compared:
        return [(element_id, None) for element_id in ids]
    out: list[tuple[str, str | None]] = [(i, None if i in was else "added") for i in ids]
    return out + [(i, "removed") for i in was if i not in ids]


def _groups(
    step: ValueStreamStep,
    prior: ValueStreamStep | None,
    change: str | None,
    names: dict[str, str],
    step_w: float,
) -> tuple[list[Group], float]:
    """The practices, teams and tools under one step, marked; and the y where the lists end."""
    groups: list[Group] = []
    y: float = LIST_Y
    for field, label, dimension in GROUPS:
        ids: list[str] = list(getattr(step, field))
        was: list[str] = list(getattr(prior, field)) if prior is not None else []
        entries = _marked(ids, was, change, compared=prior is not None)
        if not entries:
            continue
        top = y
        y += 14
        items = []
        for element_id, mark in entries:
            text = fit(names.get(element_id, element_id), step_w - 34, 12)
            y += ITEM_H
            items.append(Item(y, text, mark, text_width(text, 12)))
        groups.append(Group(label, style.dimension_style(dimension).colour, top, tuple(items)))
        y += GROUP_GAP
    return groups, y


def layout_value_stream(
    tom: Tom, stream_id: str | None = None, state: str | None = None, compare_to: str | None = None
) -> ValueStreamLayout:
    """Place chevrons, departments and the lists under each step; `compare_to` names an earlier state."""
    name = state or tom.target_name
    if name is None:
        raise RenderError("the TOM has no states to draw")
    if name not in tom.states:
        raise RenderError(f"no state {name!r}; states are: {', '.join(tom.states)}")
    current = tom.states[name]
    stream = find_stream(current, stream_id, name)
    previous: ValueStream | None = None
    before_state: State | None = None
    if compare_to is not None:
        if compare_to not in tom.states:
            raise RenderError(f"no state {compare_to!r}; states are: {', '.join(tom.states)}")
        before_state = tom.states[compare_to]
        found = before_state.element(stream.id)
        previous = found if isinstance(found, ValueStream) else ValueStream(id=stream.id, name=stream.name)
    steps = _merged(stream.steps, previous.steps if previous is not None else None)
    if not steps:
        raise RenderError(f"value stream {stream.id!r} has no steps in state {name!r}")

    names = {e.id: e.name for e in before_state.elements} if before_state is not None else {}
    names.update({e.id: e.name for e in current.elements})
    step_w = max(STEP_MIN_W, (1400 - 2 * MARGIN) / len(steps))
    width = 2 * MARGIN + step_w * len(steps) + POINT
    laid: list[Step] = []
    bottom: float = LIST_Y
    number = 0
    for i, (step, prior, change) in enumerate(steps):
        x = MARGIN + i * step_w
        tip = x + step_w + POINT - 6
        notch = POINT if i else 0
        points = (
            f"{x:.1f},{CHEVRON_Y} {x + step_w - 6:.1f},{CHEVRON_Y} {tip:.1f},{CHEVRON_Y + CHEVRON_H / 2} "
            f"{x + step_w - 6:.1f},{CHEVRON_Y + CHEVRON_H} {x:.1f},{CHEVRON_Y + CHEVRON_H} "
            f"{x + notch:.1f},{CHEVRON_Y + CHEVRON_H / 2}"
        )
        text_w = step_w - POINT - 26
        groups, y = _groups(step, prior, change, names, step_w)
        bottom = max(bottom, y)
        detail = [step.description] if step.description else []
        if change != "removed":
            number += 1
        laid.append(
            Step(
                index=i + 1,
                number=0 if change == "removed" else number,
                x=x,
                w=step_w,
                points=points,
                name_lines=tuple(wrap(step.name, text_w, 14, lines=2, bold=True)),
                change=change,
                groups=tuple(groups),
                tooltip=" — ".join(
                    [f"{number}. {step.name}" if change != "removed" else f"Removed: {step.name}", *detail]
                ),
            )
        )
    departments: list[Department] = []
    for i, (step, _, _) in enumerate(steps):
        label = step.department or ""
        x = MARGIN + i * step_w
        if departments and departments[-1].label == label and i:
            last = departments[-1]
            departments[-1] = Department(last.x, last.w + step_w, label)
        else:
            departments.append(Department(x, step_w, label))
    departments = [
        Department(d.x, d.w, fit(d.label, d.w - 16, 12, bold=True)) for d in departments if d.label
    ]
    title = f"Value stream: {stream.name}"
    parts = [current.label or name]
    if stream.trigger or stream.outcome:
        parts.append(f"{stream.trigger or '…'} → {stream.outcome or '…'}")
    if compare_to is not None:
        parts.append(f"changes against {tom.states[compare_to].label or compare_to}")
    return ValueStreamLayout(
        width=width,
        height=bottom + 56,
        title=fit(title, width - 2 * MARGIN, 22, bold=True),
        subtitle=fit(" · ".join(parts), width - 2 * MARGIN - 380, 13),
        steps=tuple(laid),
        departments=tuple(departments),
        compared=compare_to is not None,
    )


def value_stream_svg(
    tom: Tom, stream_id: str | None = None, state: str | None = None, compare_to: str | None = None
) -> str:
    """The value-stream view as a standalone SVG."""
    layout = layout_value_stream(tom, stream_id, state, compare_to)
    return render(
        "value_stream.svg.j2",
        layout=layout,
        margin=MARGIN,
        chevron_y=CHEVRON_Y,
        chevron_h=CHEVRON_H,
        dept_y=DEPT_Y,
        point=POINT,
        colour=style.dimension_style(Dimension.PROCESSES).colour,
    )
