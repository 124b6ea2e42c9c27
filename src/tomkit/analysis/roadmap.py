"""The transition roadmap: a TOM's initiatives scored, scheduled into waves and explained.

`plan(tom, today=...)` turns the document's initiatives into scheduler tasks (durations from the
effort, teams and their change capacity from the model, facts from actual dates), places them
with `tomkit.analysis.schedule`, and words every placement and problem in dates.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from tomkit.analysis.periods import Calendar, PeriodUnit
from tomkit.analysis.schedule import Schedule, Task, schedule
from tomkit.analysis.scoring import Scores, is_quick_win, score
from tomkit.analysis.waves import WaveMode, wave_grid
from tomkit.model import Initiative, Team, Tom

DEFAULT_CAPACITY = 3
"""Concurrent changes a team absorbs when its `change_capacity` is not set."""
DEFAULT_WAVE_WEEKS = 13


@dataclass(frozen=True)
class PlannedInitiative:
    id: str
    name: str
    owner: str | None
    team: str | None
    status: str
    progress: int
    start: dt.date
    end: dt.date
    """The first day after the work (exclusive), so `end - start` is its length."""
    start_period: int
    end_period: int
    wave: int
    quick_win: bool
    critical: bool
    scores: Scores
    depends_on: tuple[str, ...]
    why: tuple[str, ...]
    """Why it starts when it does, most decisive reason last."""
    deadline: dt.date | None = None

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)


@dataclass(frozen=True)
class Wave:
    number: int
    start: dt.date
    end: dt.date
    initiatives: tuple[str, ...]
    plateau: str = ""
    """The plateau (state label) the wave leads to, when waves follow the TOM's states."""

    @property
    def label(self) -> str:
        return f"Wave {self.number}" + (f" · {self.plateau}" if self.plateau else "")


@dataclass(frozen=True)
class PlanIssue:
    code: str
    severity: Literal["error", "warning"]
    message: str
    initiatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Roadmap:
    name: str
    today: dt.date
    calendar: Calendar
    wave_periods: int
    items: tuple[PlannedInitiative, ...]
    waves: tuple[Wave, ...]
    critical_path: tuple[str, ...]
    issues: tuple[PlanIssue, ...]
    unscheduled: dict[str, str]
    capacity: dict[str, int]
    team_names: dict[str, str] = field(default_factory=dict)
    schedule: Schedule | None = None

    @property
    def ok(self) -> bool:
        """True when the plan can be carried out as scheduled (warnings allowed)."""
        return not self.unscheduled and not any(i.severity == "error" for i in self.issues)

    @property
    def start(self) -> dt.date:
        return min((i.start for i in self.items), default=self.today)

    @property
    def end(self) -> dt.date:
        return max((i.end for i in self.items), default=self.today)

    def item(self, initiative_id: str) -> PlannedInitiative:
        for item in self.items:
            if item.id == initiative_id:
                return item
        raise KeyError(f"no initiative {initiative_id!r} in the roadmap")

    def wave_of(self, day: dt.date) -> int:
        """The wave running on a day (0 before the first, len(waves) + 1 after the last)."""
        for wave in self.waves:
            if wave.start <= day < wave.end:
                return wave.number
        return 0 if not self.waves or day < self.waves[0].start else len(self.waves) + 1

    def load(self, team: str) -> list[tuple[dt.date, int]]:
        """Concurrent changes the team carries, per period (first day of the period, count)."""
        counts = self.schedule.load(team) if self.schedule else []
        return [(self.calendar.date(p), n) for p, n in enumerate(counts)]

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data: what `tomkit plan --format json` prints."""
        return {
            "name": self.name,
            "today": self.today.isoformat(),
            "period": self.calendar.unit,
            "ok": self.ok,
            "waves": [
                {
                    "number": w.number,
                    "start": w.start.isoformat(),
                    "end": w.end.isoformat(),
                    "initiatives": list(w.initiatives),
                    "plateau": w.plateau,
                }
                for w in self.waves
            ],
            "initiatives": [_item_data(i) for i in self.items],
            "critical_path": list(self.critical_path),
            "unscheduled": dict(self.unscheduled),
            "issues": [
                {
                    "code": i.code,
                    "severity": i.severity,
                    "message": i.message,
                    "initiatives": list(i.initiatives),
                }
                for i in self.issues
            ],
            "capacity": dict(self.capacity),
        }


def _item_data(item: PlannedInitiative) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "owner": item.owner,
        "team": item.team,
        "status": item.status,
        "progress": item.progress,
        "wave": item.wave,
        "start": item.start.isoformat(),
        "end": item.last_day.isoformat(),
        "quick_win": item.quick_win,
        "critical": item.critical,
        "value": item.scores.value,
        "effort": item.scores.effort,
        "risk": item.scores.risk,
        "quadrant": item.scores.quadrant,
        "depends_on": list(item.depends_on),
        "why": list(item.why),
    }


def team_capacities(tom: Tom, default: int = DEFAULT_CAPACITY) -> tuple[dict[str, int], dict[str, str]]:
    """Each team's change capacity and display name, from the latest state that has the team."""
    capacity: dict[str, int] = {}
    names: dict[str, str] = {}
    for state in reversed(tom.states.values()):
        for element in state.of_kind("team"):
            if element.id in capacity or not isinstance(element, Team):
                continue
            capacity[element.id] = element.change_capacity if element.change_capacity is not None else default
            names[element.id] = element.name
    return capacity, names


def plan(
    tom: Tom,
    *,
    today: dt.date,
    period: PeriodUnit = "weeks",
    wave_weeks: int = DEFAULT_WAVE_WEEKS,
    waves: WaveMode = "auto",
    default_capacity: int = DEFAULT_CAPACITY,
    extra: Sequence[Initiative] = (),
) -> Roadmap:
    """Schedule the TOM's initiatives (plus `extra`, e.g. suggested ones) from `today` onwards.

    Waves follow the TOM's dated plateaus when it has them (`waves="auto"`), else windows of
    `wave_weeks`; see `tomkit.analysis.waves`.
    """
    if wave_weeks < 1:
        raise ValueError("a wave must last at least one week")
    initiatives = [i for i in [*tom.initiatives, *extra] if i.status != "cancelled"]
    cancelled = {i.id for i in [*tom.initiatives, *extra] if i.status == "cancelled"}
    known_dates = [
        d
        for i in initiatives
        if i.status in ("done", "in-progress")
        for d in (i.actual_start or i.start,)
        if d
    ]
    calendar = Calendar.starting(min([today, *known_dates]), period)
    now = calendar.index(today)
    wave_periods = calendar.periods(wave_weeks)
    grid = wave_grid(tom, calendar, wave_periods, waves)
    capacity, names = team_capacities(tom, default_capacity)
    done = {i.id: i.status == "done" for i in initiatives}
    state_dates = {name: s.date for name, s in tom.states.items() if s.date}

    issues: list[PlanIssue] = []
    scores: dict[str, Scores] = {}
    tasks: list[Task] = []
    for initiative in initiatives:
        scored = score(initiative, tom)
        scores[initiative.id] = scored
        depends = tuple(d for d in initiative.depends_on if d not in cancelled)
        for dep in initiative.depends_on:
            if dep in cancelled:
                issues.append(
                    PlanIssue(
                        "cancelled-dependency",
                        "warning",
                        f"{initiative.id} depends on {dep}, which is cancelled; the dependency is ignored",
                        (initiative.id, dep),
                    )
                )
        not_before = calendar.index(initiative.not_before) if initiative.not_before else 0
        if initiative.not_before and calendar.date(not_before) < initiative.not_before:
            not_before += 1
        if initiative.wave:
            number = grid.find(initiative.wave)
            if number is not None:
                not_before = max(not_before, grid.start(number))
            else:
                issues.append(
                    PlanIssue(
                        "wave",
                        "warning",
                        f"{initiative.id}: wave {initiative.wave!r} names no plateau and has no number; "
                        "the planner chooses",
                        (initiative.id,),
                    )
                )
        plateau = state_dates.get(initiative.target_state) if initiative.target_state else None
        due = initiative.deadline or plateau
        if due is None:
            note = ""
        elif initiative.deadline:
            note = due.isoformat()
        else:
            note = f"{due.isoformat()}, the date of its target state {initiative.target_state}"
        tasks.append(
            Task(
                id=initiative.id,
                duration=calendar.periods(scored.weeks),
                team=initiative.team,
                depends_on=depends,
                not_before=not_before,
                deadline=calendar.index(due) + 1 if due else None,
                deadline_note=note,
                firm_deadline=initiative.deadline is not None,
                pinned=_pinned(initiative, calendar, now, scored.weeks),
                quick_win=is_quick_win(initiative, scored, done),
                priority=scored.priority,
            )
        )
    issues.extend(_planned_date_issues(initiatives))

    result = schedule(
        tasks,
        capacity,
        default_capacity=default_capacity,
        now=now,
        period_name=calendar.singular,
        at=lambda p: calendar.date(p).isoformat(),
    )
    issues.extend(PlanIssue(i.code, i.severity, i.message, i.ids) for i in result.issues)
    critical = set(result.critical_path)
    by_task = {t.id: t for t in tasks}
    items = []
    by_id = {i.id: i for i in initiatives}
    for slot in result.slots.values():
        initiative = by_id[slot.id]
        items.append(
            PlannedInitiative(
                id=slot.id,
                name=initiative.name,
                owner=initiative.owner,
                team=initiative.team,
                status=initiative.status,
                progress=initiative.progress,
                start=calendar.date(slot.start),
                end=calendar.date(slot.end),
                start_period=slot.start,
                end_period=slot.end,
                wave=grid.number(slot.start),
                quick_win=by_task[slot.id].quick_win,
                critical=slot.id in critical,
                scores=scores[slot.id],
                depends_on=by_task[slot.id].depends_on,
                why=tuple(r.text for r in slot.reasons),
                deadline=initiative.deadline,
            )
        )
    wave_count = grid.number(max(result.makespan - 1, 0)) if result.slots else 0
    waves_out = tuple(
        Wave(
            number=n,
            start=calendar.date(grid.start(n)),
            end=calendar.date(grid.end(n)),
            initiatives=tuple(i.id for i in items if i.wave == n),
            plateau=grid.label(n),
        )
        for n in range(1, wave_count + 1)
    )
    return Roadmap(
        name=tom.name,
        today=today,
        calendar=calendar,
        wave_periods=wave_periods,
        items=tuple(items),
        waves=waves_out,
        critical_path=result.critical_path,
        issues=tuple(issues),
        unscheduled=dict(result.unscheduled),
        capacity=result.capacity,
        team_names=names,
        schedule=result,
    )


def _pinned(initiative: Initiative, calendar: Calendar, now: int, weeks: int) -> tuple[int, int] | None:
    """Work that is done or under way stays where it happened."""
    length = calendar.periods(weeks)
    if initiative.status == "done":
        first = initiative.actual_start or initiative.start
        last = initiative.actual_end or initiative.end
        end = calendar.index(last) + 1 if last else now
        start = calendar.index(first) if first else end - length
        return max(0, min(start, end - 1)), max(end, 1)
    if initiative.status == "in-progress":
        first = initiative.actual_start or initiative.start
        start = min(calendar.index(first), now) if first else now
        remaining = calendar.periods(max(1, math.ceil(weeks * (100 - initiative.progress) / 100)))
        end = (
            max(start + length, now + remaining)
            if initiative.end is None
            else calendar.index(initiative.end) + 1
        )
        return start, max(end, now + 1, start + 1)
    return None


def _planned_date_issues(initiatives: Sequence[Initiative]) -> list[PlanIssue]:
    """Dates typed into the plan by hand that contradict its dependencies."""
    by_id = {i.id: i for i in initiatives}
    issues = []
    for initiative in initiatives:
        if initiative.start is None or initiative.status in ("done", "in-progress"):
            continue
        for dep_id in initiative.depends_on:
            dep = by_id.get(dep_id)
            if dep is not None and dep.end is not None and dep.end >= initiative.start:
                issues.append(
                    PlanIssue(
                        "dependency-date",
                        "warning",
                        f"{initiative.id} is planned to start on {initiative.start}, before its dependency "
                        f"{dep_id} is planned to end ({dep.end})",
                        (initiative.id, dep_id),
                    )
                )
    return issues
