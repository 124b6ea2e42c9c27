"""Progress of the journey: per initiative and milestone, rolled up per wave and for the whole plan.

Percentages are weighted by the length of the work, so finishing a two-week quick win does not
count as much as finishing a six-month platform replacement. Each figure says what it rests on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tomkit.analysis.roadmap import Roadmap, plan
from tomkit.model import Initiative, Tom


@dataclass(frozen=True)
class MilestoneProgress:
    initiative: str
    id: str
    name: str
    due: dt.date | None
    done: bool
    done_on: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class InitiativeProgress:
    id: str
    name: str
    status: str
    percent: float
    basis: str
    wave: int | None
    weeks: int
    planned_start: dt.date | None
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None
    start_slip_days: int | None
    """Actual (or, if not started, today) minus planned start; positive is late."""
    end_slip_days: int | None
    late: bool
    milestones: tuple[MilestoneProgress, ...]


@dataclass(frozen=True)
class WaveProgress:
    number: int
    start: dt.date
    end: dt.date
    percent: float
    initiatives: int
    done: int


@dataclass(frozen=True)
class Progress:
    today: dt.date
    percent: float
    wave: int
    """The wave running today (0: not started yet; len(waves) + 1: all waves over)."""
    waves: tuple[WaveProgress, ...]
    initiatives: tuple[InitiativeProgress, ...]
    next_milestone: MilestoneProgress | None

    @property
    def summary(self) -> str:
        """The one line to put on a status slide: 'wave 2 of 4, 55 % done, next milestone in 3 weeks'."""
        return _summary(self.wave, len(self.waves), self.percent, self.next_milestone, self.today)

    @property
    def headline(self) -> str:
        """The summary without the milestone: 'wave 2 of 4, 55 % done'."""
        return _summary(self.wave, len(self.waves), self.percent, None, self.today)

    def initiative(self, initiative_id: str) -> InitiativeProgress:
        for item in self.initiatives:
            if item.id == initiative_id:
                return item
        raise KeyError(f"no initiative {initiative_id!r}")


@dataclass(frozen=True)
class NextStep:
    """What is next for one person or team."""

    who: str
    name: str
    percent: float
    working_on: tuple[str, ...]
    coming_up: tuple[str, ...]
    next_milestone: MilestoneProgress | None
    text: str


def when(day: dt.date, today: dt.date) -> str:
    """'in 3 weeks', 'in 5 days', 'today', '2 weeks ago': how people say how far away a date is."""
    days = (day - today).days
    if days == 0:
        return "today"
    amount = abs(days)
    span = f"{amount // 7} weeks" if amount >= 14 else f"{amount} day" + ("s" if amount != 1 else "")
    return f"in {span}" if days > 0 else f"{span} ago"


def _summary(
    wave: int, waves: int, percent: float, milestone: MilestoneProgress | None, today: dt.date
) -> str:
    if waves == 0:
        head = "nothing planned"
    elif wave == 0:
        head = f"{waves} wave(s) planned, not started"
    elif wave > waves:
        head = f"all {waves} waves over"
    else:
        head = f"wave {wave} of {waves}"
    text = f"{head}, {percent:.0f} % done"
    if milestone is not None and milestone.due is not None:
        text += f", next milestone {when(milestone.due, today)} ({milestone.name})"
    return text


def _percent(initiative: Initiative) -> tuple[float, str]:
    if initiative.status == "done":
        return 100.0, "done"
    if initiative.progress:
        return float(initiative.progress), f"reported {initiative.progress} %"
    if initiative.milestones:
        done = sum(m.done for m in initiative.milestones)
        return round(
            100 * done / len(initiative.milestones), 1
        ), f"{done} of {len(initiative.milestones)} milestones done"
    return 0.0, "not started" if initiative.status in ("proposed", "planned") else "no progress reported"


def _weighted(items: list[InitiativeProgress]) -> float:
    weight = sum(i.weeks for i in items)
    return round(sum(i.percent * i.weeks for i in items) / weight, 1) if weight else 0.0


def progress(tom: Tom, roadmap: Roadmap | None = None, *, today: dt.date) -> Progress:
    """How far the journey has come on `today`; the roadmap supplies waves and planned dates."""
    roadmap = roadmap or plan(tom, today=today)
    planned = {item.id: item for item in roadmap.items}
    items: list[InitiativeProgress] = []
    for initiative in tom.initiatives:
        if initiative.status == "cancelled":
            continue
        item = planned.get(initiative.id)
        percent, basis = _percent(initiative)
        start = initiative.start or (item.start if item else None)
        end = initiative.end or (item.last_day if item else None)
        started = initiative.actual_start or (today if initiative.status in ("proposed", "planned") else None)
        start_slip = (
            (started - start).days
            if started and start and (initiative.actual_start or today > start)
            else None
        )
        end_slip = (initiative.actual_end - end).days if initiative.actual_end and end else None
        late = initiative.status != "done" and end is not None and end < today
        milestones = tuple(
            MilestoneProgress(
                initiative.id,
                m.id,
                m.name,
                m.due,
                m.done,
                m.done_on,
                bool(m.due and not m.done and m.due < today),
            )
            for m in initiative.milestones
        )
        items.append(
            InitiativeProgress(
                id=initiative.id,
                name=initiative.name,
                status=initiative.status,
                percent=percent,
                basis=basis,
                wave=item.wave if item else None,
                weeks=item.scores.weeks if item else 1,
                planned_start=start,
                planned_end=end,
                actual_start=initiative.actual_start,
                actual_end=initiative.actual_end,
                start_slip_days=start_slip,
                end_slip_days=end_slip,
                late=late,
                milestones=milestones,
            )
        )
    waves = tuple(
        WaveProgress(
            number=w.number,
            start=w.start,
            end=w.end,
            percent=_weighted([i for i in items if i.wave == w.number]),
            initiatives=sum(1 for i in items if i.wave == w.number),
            done=sum(1 for i in items if i.wave == w.number and i.status == "done"),
        )
        for w in roadmap.waves
    )
    return Progress(
        today=today,
        percent=_weighted(items),
        wave=roadmap.wave_of(today),
        waves=waves,
        initiatives=tuple(items),
        next_milestone=_next_milestone(items, today),
    )


def _next_milestone(items: list[InitiativeProgress], today: dt.date) -> MilestoneProgress | None:
    open_ones = [m for i in items for m in i.milestones if not m.done and m.due is not None]
    coming = sorted(
        (m for m in open_ones if m.due is not None and m.due >= today), key=lambda m: (m.due, m.id)
    )
    overdue = sorted((m for m in open_ones if m.overdue), key=lambda m: (m.due, m.id))
    return overdue[0] if overdue else (coming[0] if coming else None)


def next_steps(tom: Tom, state: Progress, who: str) -> NextStep:
    """What is next for a person (owner or champion) or a team (carrying or affected by the change)."""
    person = tom.person(who)
    if person is not None:
        name = person.name
        mine = {
            i.id
            for i in tom.initiatives
            if i.owner == who
            or who in i.change.champions
            or (person.team is not None and i.team == person.team)
        }
    else:
        team = tom.element_anywhere(who)
        if team is None:
            known = sorted({p.id for p in tom.people} | {i.team for i in tom.initiatives if i.team})
            raise KeyError(f"no person or team {who!r}; known: {', '.join(known) or 'none'}")
        name = team.name
        mine = {
            i.id
            for i in tom.initiatives
            if i.team == who
            or who in i.change.affects
            or any(c.audience == who for c in i.change.communicate)
        }
    items = [i for i in state.initiatives if i.id in mine]
    working = tuple(i.id for i in items if i.status == "in-progress")
    coming = tuple(
        i.id
        for i in sorted(
            (i for i in items if i.status in ("proposed", "planned") and i.planned_start),
            key=lambda i: (i.planned_start or state.today, i.id),
        )
    )[:3]
    milestone = _next_milestone(items, state.today)
    text = _summary(state.wave, len(state.waves), _weighted(items), milestone, state.today)
    text = f"{name}: {text}"
    if working:
        text += f"; working on {', '.join(working)}"
    if coming:
        text += f"; next to start: {coming[0]}"
    return NextStep(who, name, _weighted(items), working, coming, milestone, text)


def planned_curve(roadmap: Roadmap) -> list[tuple[dt.date, float]]:
    """Share of all planned work (in weeks) meant to be done by the start of each period: the flight path."""
    items = roadmap.items
    total = sum(i.scores.weeks for i in items)
    if not items or not total:
        return []
    last = max(i.end_period for i in items)
    points = []
    for period in range(last + 1):
        done = 0.0
        for item in items:
            length = item.end_period - item.start_period
            share = min(1.0, max(0.0, (period - item.start_period) / length))
            done += share * item.scores.weeks
        points.append((roadmap.calendar.date(period), round(100 * done / total, 1)))
    return points
