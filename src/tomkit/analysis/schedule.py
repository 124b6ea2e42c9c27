"""A resource-constrained scheduler for change initiatives, on whole periods (weeks or months).

It knows nothing of TOM documents: tasks in, placements out, so it can be tested on random plans
and measured on large ones. The method is a serial schedule generation scheme: tasks whose
dependencies are all placed become eligible; the most urgent eligible task (quick wins first, then
the longest chain of work still behind it, then priority, then id) is placed at the first period
where its dependencies are done and its team has room for one more concurrent change. Every
placement records why it is where it is, and everything that cannot be placed says why not.
"""

from __future__ import annotations

import heapq
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tomkit.analysis.schedule_issues import critical_chain, cycle_issues, deadline_issue, make_issue
from tomkit.analysis.schedule_types import (
    IssueCode,
    Reason,
    ReasonCode,
    Schedule,
    ScheduleIssue,
    Slot,
    Task,
)

__all__ = ["IssueCode", "Reason", "ReasonCode", "Schedule", "ScheduleIssue", "Slot", "Task", "schedule"]


@dataclass
class _Occupancy:
    """Per-team count of running tasks per period, with who they are (for explanations)."""

    who: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

    def count(self, period: int) -> int:
        return len(self.who.get(period, ()))

    def add(self, task_id: str, start: int, end: int) -> None:
        for period in range(start, end):
            self.who[period].append(task_id)


def schedule(
    tasks: Sequence[Task],
    capacity: Mapping[str, int],
    *,
    default_capacity: int = 3,
    now: int = 0,
    period_name: str = "week",
    at: Callable[[int], str] | None = None,
) -> Schedule:
    """Place every task; report cycles, impossible dates and capacity the plan cannot meet.

    `capacity` maps a team to how many tasks it can run at once (teams not named get
    `default_capacity`); tasks without a team are not capacity-limited. Tasks not pinned start at
    `now` at the earliest. `at` words a period in explanations (e.g. as a date).
    """
    by_id: dict[str, Task] = {}
    issues: list[ScheduleIssue] = []
    for task in tasks:
        if task.id in by_id:
            raise ValueError(f"task {task.id!r} appears twice")
        if task.duration < 1:
            raise ValueError(f"task {task.id!r} has duration {task.duration}; it must be at least 1")
        by_id[task.id] = task
    caps = {team: capacity.get(team, default_capacity) for team in _teams(tasks)}
    unit: Callable[[int], str] = at or (lambda n: f"{period_name} {n}")

    deps: dict[str, tuple[str, ...]] = {}
    for task in tasks:
        known = []
        for dep in dict.fromkeys(task.depends_on):
            if dep in by_id:
                known.append(dep)
            else:
                issues.append(
                    make_issue(
                        "unknown-dependency",
                        "warning",
                        f"{task.id} depends on {dep}, which is not in the plan; ignored",
                        (task.id, dep),
                    )
                )
        deps[task.id] = tuple(known)

    order, stuck = _topological(deps)
    unscheduled: dict[str, str] = {}
    if stuck:
        issues.extend(cycle_issues(deps, stuck, unscheduled))

    tail = _tails(order, deps, by_id)
    occupancy: dict[str, _Occupancy] = defaultdict(_Occupancy)
    slots: dict[str, Slot] = {}
    placed_order = 0

    # Facts first: pinned tasks hold their periods whatever else happens.
    for task in sorted((t for t in tasks if t.pinned and t.id not in unscheduled), key=lambda t: t.id):
        assert task.pinned is not None
        start, end = task.pinned
        reasons = [Reason("pinned", f"fixed from {unit(start)} to {unit(end)} (under way or done)")]
        slots[task.id] = Slot(task.id, start, end, task.team, placed_order, tuple(reasons))
        placed_order += 1
        if task.team is not None:
            occupancy[task.team].add(task.id, start, end)
    for team, occ in occupancy.items():
        over = sorted(p for p, who in occ.who.items() if p >= now and len(who) > caps[team])
        if over:
            issues.append(
                make_issue(
                    "capacity",
                    "error",
                    f"team {team} carries {max(occ.count(p) for p in over)} fixed changes at once "
                    f"(capacity {caps[team]}) from {unit(over[0])}",
                    (team, *sorted({w for p in over for w in occ.who[p]})),
                )
            )

    successors: dict[str, list[str]] = defaultdict(list)
    waiting: dict[str, int] = {}
    for task_id in order:
        waiting[task_id] = len(deps[task_id])
        for dep in deps[task_id]:
            successors[dep].append(task_id)
    heap: list[tuple[bool, int, float, str]] = []

    def push(task_id: str) -> None:
        task = by_id[task_id]
        heapq.heappush(heap, (not task.quick_win, -tail[task_id], -task.priority, task_id))

    for task_id in order:
        if waiting[task_id] == 0:
            push(task_id)
    while heap:
        task_id = heapq.heappop(heap)[3]
        task = by_id[task_id]
        if task_id not in slots:
            placed = _place(
                task,
                deps[task_id],
                slots=slots,
                caps=caps,
                occupancy=occupancy,
                now=now,
                unit=unit,
                order=placed_order,
                issues=issues,
            )
            if isinstance(placed, str):
                unscheduled[task_id] = placed
            else:
                slots[task_id] = placed
                placed_order += 1
                if task.team is not None:
                    occupancy[task.team].add(task_id, placed.start, placed.end)
        for nxt in successors[task_id]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                push(nxt)

    for task_id, slot in slots.items():
        task = by_id[task_id]
        if task.pinned:
            late = [d for d in deps[task_id] if d in slots and slots[d].end > slot.start]
            for dep in late:
                issues.append(
                    make_issue(
                        "dependency-date",
                        "warning",
                        f"{task_id} started {unit(slot.start)}, before its dependency {dep} "
                        f"ends ({unit(slots[dep].end)})",
                        (task_id, dep),
                    )
                )
        if task.deadline is not None and slot.end > task.deadline:
            issues.append(
                deadline_issue(task, slot, deps[task_id], by_id=by_id, slots=slots, now=now, unit=unit)
            )

    ordered = dict(sorted(slots.items(), key=lambda kv: (kv[1].start, kv[1].order)))
    return Schedule(
        slots=ordered,
        unscheduled=unscheduled,
        issues=tuple(issues),
        critical_path=critical_chain(ordered, deps),
        capacity=caps,
    )


def _teams(tasks: Iterable[Task]) -> list[str]:
    return sorted({t.team for t in tasks if t.team is not None})


def _topological(deps: Mapping[str, tuple[str, ...]]) -> tuple[list[str], set[str]]:
    """Kahn's algorithm in id order (deterministic); returns the order and the ids left in or after cycles."""
    indegree = {task_id: len(d) for task_id, d in deps.items()}
    successors: dict[str, list[str]] = defaultdict(list)
    for task_id, d in deps.items():
        for dep in d:
            successors[dep].append(task_id)
    ready = deque(sorted(t for t, n in indegree.items() if n == 0))
    order: list[str] = []
    while ready:
        task_id = ready.popleft()
        order.append(task_id)
        for nxt in successors[task_id]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return order, {t for t, n in indegree.items() if n > 0}


def _tails(
    order: Sequence[str], deps: Mapping[str, tuple[str, ...]], by_id: Mapping[str, Task]
) -> dict[str, int]:
    """Longest chain of work from each task to the end of the plan (its own duration included)."""
    tail = {task_id: by_id[task_id].duration for task_id in order}
    for task_id in reversed(order):
        for dep in deps[task_id]:
            tail[dep] = max(tail[dep], by_id[dep].duration + tail[task_id])
    return tail


def _place(
    task: Task,
    deps: tuple[str, ...],
    *,
    slots: Mapping[str, Slot],
    caps: Mapping[str, int],
    occupancy: Mapping[str, _Occupancy],
    now: int,
    unit: Callable[[int], str],
    order: int,
    issues: list[ScheduleIssue],
) -> Slot | str:
    reasons = [Reason("start", f"the plan starts {unit(now)}")]
    earliest = now
    if task.not_before > earliest:
        earliest = task.not_before
        reasons.append(Reason("not-before", f"not before {unit(task.not_before)}"))
    missing = [d for d in deps if d not in slots]
    if missing:
        return f"waits for {missing[0]}, which cannot be scheduled"
    if deps:
        last = max(deps, key=lambda d: (slots[d].end, d))
        if slots[last].end > earliest:
            earliest = slots[last].end
            reasons.append(Reason("dependency", f"after {last} ends ({unit(slots[last].end)})", (last,)))
    if task.team is None:
        reasons.insert(0, Reason("no-team", "no team named, so not limited by capacity"))
        return Slot(task.id, earliest, earliest + task.duration, None, order, tuple(reasons))
    cap = caps[task.team]
    if cap <= 0:
        issues.append(
            make_issue(
                "capacity",
                "error",
                f"team {task.team} has no change capacity, so {task.id} cannot start",
                (task.team, task.id),
            )
        )
        return f"team {task.team} has a change capacity of 0"
    who = (occupancy.get(task.team) or _Occupancy()).who
    start = earliest
    full_at = earliest
    while True:
        for k in range(task.duration):
            if len(who.get(start + k, ())) >= cap:
                full_at = start + k
                start = full_at + 1
                break
        else:
            break
    if start > earliest:
        blockers = tuple(sorted(who[full_at]))
        reasons.append(
            Reason(
                "capacity",
                f"team {task.team} is at capacity ({cap} at once) until {unit(start)}, "
                f"busy with {', '.join(blockers)}",
                blockers,
            )
        )
    return Slot(task.id, start, start + task.duration, task.team, order, tuple(reasons))
