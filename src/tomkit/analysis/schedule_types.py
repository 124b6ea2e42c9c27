"""The scheduler's inputs and results: tasks in whole periods, placements with their reasons, issues."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
