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
from typing import Literal

from tomkit.model.checks import find_cycle

IssueCode = Literal["cycle", "blocked", "capacity", "dependency-date", "deadline", "unknown-dependency"]
ReasonCode = Literal["start", "not-before", "dependency", "capacity", "pinned", "no-team"]


@dataclass(frozen=True)
class Task:
    """One unit of change to place. Periods are whole numbers counted from the plan's origin."""

    id: str
    duration: int
    team: str | None = None
    depends_on: tuple[str, ...] = ()
    not_before: int = 0
    deadline: int | None = None
    """The period by which the task must have ended (an exclusive end may not pass it)."""
    deadline_note: str = ""
    """How to name the deadline in messages (e.g. its date); default: the period."""
    firm_deadline: bool = True
    """False for a target date (e.g. a plateau's): missing it is a warning, never an error."""
    pinned: tuple[int, int] | None = None
    """(start, end) fixed by fact (work done or under way): placed as is, never moved."""
    quick_win: bool = False
    priority: float = 0.0
    """Higher goes first among equally urgent tasks (e.g. value per unit of effort)."""


@dataclass(frozen=True)
class Reason:
    """One cause of a placement: the constraint that decided (or would have decided) the start."""

    code: ReasonCode
    text: str
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Slot:
    """Where a task landed: periods [start, end), and why there."""

    id: str
    start: int
    end: int
    team: str | None
    order: int
    """Position in the placement sequence (0 = placed first): the planner's urgency ranking."""
    reasons: tuple[Reason, ...]

    @property
    def binding(self) -> Reason:
        """The reason that actually fixed the start (the last one recorded)."""
        return self.reasons[-1]


@dataclass(frozen=True)
class ScheduleIssue:
    code: IssueCode
    severity: Literal["error", "warning"]
    message: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class Schedule:
    slots: dict[str, Slot]
    unscheduled: dict[str, str]
    """Task id -> why it could not be placed."""
    issues: tuple[ScheduleIssue, ...]
    critical_path: tuple[str, ...]
    """The chain of tasks, each waiting for the one before it, that ends last."""
    capacity: dict[str, int]

    @property
    def makespan(self) -> int:
        return max((slot.end for slot in self.slots.values()), default=0)

    @property
    def feasible(self) -> bool:
        return not self.unscheduled and not any(i.severity == "error" for i in self.issues)

    def load(self, team: str) -> list[int]:
        """How many of the team's tasks run in each period, from 0 to the makespan."""
        counts = [0] * self.makespan
        for slot in self.slots.values():
            if slot.team == team:
                for period in range(max(slot.start, 0), slot.end):
                    counts[period] += 1
        return counts


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
                    _issue(
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
        issues.extend(_cycle_issues(deps, stuck, unscheduled))

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
                _issue(
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
                    _issue(
                        "dependency-date",
                        "warning",
                        f"{task_id} started {unit(slot.start)}, before its dependency {dep} "
                        f"ends ({unit(slots[dep].end)})",
                        (task_id, dep),
                    )
                )
        if task.deadline is not None and slot.end > task.deadline:
            issues.append(
                _deadline_issue(task, slot, deps[task_id], by_id=by_id, slots=slots, now=now, unit=unit)
            )

    ordered = dict(sorted(slots.items(), key=lambda kv: (kv[1].start, kv[1].order)))
    return Schedule(
        slots=ordered,
        unscheduled=unscheduled,
        issues=tuple(issues),
        critical_path=_critical_chain(ordered, deps),
        capacity=caps,
    )


def _teams(tasks: Iterable[Task]) -> list[str]:
    return sorted({t.team for t in tasks if t.team is not None})


def _issue(
    code: IssueCode, severity: Literal["error", "warning"], message: str, ids: tuple[str, ...]
) -> ScheduleIssue:
    return ScheduleIssue(code, severity, message, ids)


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


def _cycle_issues(
    deps: Mapping[str, tuple[str, ...]], stuck: set[str], unscheduled: dict[str, str]
) -> list[ScheduleIssue]:
    """Name each cycle once; tasks merely downstream of a cycle are blocked, not cyclic."""
    issues: list[ScheduleIssue] = []
    remaining = {t: [d for d in deps[t] if d in stuck] for t in sorted(stuck)}
    in_cycle: set[str] = set()
    while True:
        cycle = find_cycle(remaining)
        if cycle is None:
            break
        members = tuple(cycle[:-1])
        in_cycle.update(members)
        issues.append(
            _issue("cycle", "error", "dependency cycle: " + " -> ".join(cycle), tuple(sorted(members)))
        )
        for member in members:
            unscheduled[member] = "in a dependency cycle: " + " -> ".join(cycle)
            remaining.pop(member, None)
    for task_id in sorted(stuck - in_cycle):
        blocker = next(d for d in deps[task_id] if d in stuck)
        unscheduled[task_id] = f"waits for {blocker}, which is in or after a dependency cycle"
    if stuck - in_cycle:
        issues.append(
            _issue(
                "blocked",
                "error",
                f"{len(stuck - in_cycle)} initiative(s) wait on a dependency cycle",
                tuple(sorted(stuck - in_cycle)),
            )
        )
    return issues


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
            _issue(
                "capacity",
                "error",
                f"team {task.team} has no change capacity, so {task.id} cannot start",
                (task.team, task.id),
            )
        )
        return f"team {task.team} has a change capacity of 0"
    occ = occupancy.get(task.team) or _Occupancy()
    start = earliest
    blockers: tuple[str, ...] = ()
    while True:
        for k in range(task.duration):
            if occ.count(start + k) >= cap:
                blockers = tuple(sorted(occ.who[start + k]))
                start = start + k + 1
                break
        else:
            break
    if start > earliest:
        reasons.append(
            Reason(
                "capacity",
                f"team {task.team} is at capacity ({cap} at once) until {unit(start)}, "
                f"busy with {', '.join(blockers)}",
                blockers,
            )
        )
    return Slot(task.id, start, start + task.duration, task.team, order, tuple(reasons))


def _deadline_issue(
    task: Task,
    slot: Slot,
    deps: tuple[str, ...],
    *,
    by_id: Mapping[str, Task],
    slots: Mapping[str, Slot],
    now: int,
    unit: Callable[[int], str],
) -> ScheduleIssue:
    """An error when the dates alone make the deadline impossible, a warning when capacity does."""
    assert task.deadline is not None
    earliest_end = _earliest_finish(
        task.id, by_id, deps_of=lambda t: [d for d in by_id[t].depends_on if d in slots], now=now
    )
    when = task.deadline_note or unit(task.deadline)
    if earliest_end > task.deadline:
        chain = [d for d in deps if slots[d].end + task.duration > task.deadline]
        why = f" because of its dependencies ({', '.join(chain)})" if chain else ""
        return _issue(
            "deadline",
            "error" if task.firm_deadline else "warning",
            f"{task.id} cannot end by its deadline ({when}): the earliest it can end is "
            f"{unit(earliest_end)}{why}",
            (task.id, *chain),
        )
    return _issue(
        "deadline",
        "warning",
        f"{task.id} ends {unit(slot.end)}, after its deadline ({when}), "
        f"because of team capacity; it could end by {unit(earliest_end)}",
        (task.id,),
    )


def _earliest_finish(
    task_id: str, by_id: Mapping[str, Task], deps_of: Callable[[str], list[str]], now: int
) -> int:
    """Earliest end ignoring capacity: the pure dependency-and-date bound (memoised walk)."""
    memo: dict[str, int] = {}
    stack = [task_id]
    while stack:
        current = stack[-1]
        if current in memo:
            stack.pop()
            continue
        pending = [d for d in deps_of(current) if d not in memo]
        if pending:
            stack.extend(pending)
            continue
        task = by_id[current]
        if task.pinned:
            memo[current] = task.pinned[1]
        else:
            start = max([now, task.not_before, *(memo[d] for d in deps_of(current))])
            memo[current] = start + task.duration
        stack.pop()
    return memo[task_id]


def _critical_chain(slots: Mapping[str, Slot], deps: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Walk back from the task that ends last through whatever held each start: a dependency or a busy team."""
    if not slots:
        return ()
    current = max(slots.values(), key=lambda s: (s.end, -s.order))
    chain = [current.id]
    seen = {current.id}
    while True:
        reason = current.binding
        previous = None
        if reason.code == "dependency":
            previous = reason.refs[0]
        elif reason.code == "capacity":
            ending = [r for r in reason.refs if r in slots and slots[r].end == current.start]
            previous = min(ending) if ending else None
        if previous is None or previous in seen or previous not in slots:
            break
        current = slots[previous]
        chain.append(previous)
        seen.add(previous)
    return tuple(reversed(chain))
