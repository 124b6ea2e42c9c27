"""What the scheduler reports beyond placements: cycles, deadlines it cannot meet, the critical chain."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

from tomkit.analysis.schedule_types import IssueCode, ScheduleIssue, Slot, Task
from tomkit.model.checks import find_cycle


def make_issue(
    code: IssueCode, severity: Literal["error", "warning"], message: str, ids: tuple[str, ...]
) -> ScheduleIssue:
    return ScheduleIssue(code, severity, message, ids)


def cycle_issues(
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
            make_issue("cycle", "error", "dependency cycle: " + " -> ".join(cycle), tuple(sorted(members)))
        )
        for member in members:
            unscheduled[member] = "in a dependency cycle: " + " -> ".join(cycle)
            remaining.pop(member, None)
    for task_id in sorted(stuck - in_cycle):
        blocker = next(d for d in deps[task_id] if d in stuck)
        unscheduled[task_id] = f"waits for {blocker}, which is in or after a dependency cycle"
    if stuck - in_cycle:
        issues.append(
            make_issue(
                "blocked",
                "error",
                f"{len(stuck - in_cycle)} initiative(s) wait on a dependency cycle",
                tuple(sorted(stuck - in_cycle)),
            )
        )
    return issues


def deadline_issue(
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
    earliest_end = earliest_finish(
        task.id, by_id, deps_of=lambda t: [d for d in by_id[t].depends_on if d in slots], now=now
    )
    when = task.deadline_note or unit(task.deadline)
    if earliest_end > task.deadline:
        chain = [d for d in deps if slots[d].end + task.duration > task.deadline]
        why = f" because of its dependencies ({', '.join(chain)})" if chain else ""
        return make_issue(
            "deadline",
            "error" if task.firm_deadline else "warning",
            f"{task.id} cannot end by its deadline ({when}): the earliest it can end is "
            f"{unit(earliest_end)}{why}",
            (task.id, *chain),
        )
    return make_issue(
        "deadline",
        "warning",
        f"{task.id} ends {unit(slot.end)}, after its deadline ({when}), "
        f"because of team capacity; it could end by {unit(earliest_end)}",
        (task.id,),
    )


def earliest_finish(
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


def critical_chain(slots: Mapping[str, Slot], deps: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
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
