"""Health checks: the known pitfalls of operating-model work, found in the document itself.

Each finding says what is wrong, where, and what to do about it. Semantic validation problems
from `tomkit.model.check` come first among equals, so a broken document is never reported healthy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tomkit.analysis.gaps import ChangeType, ElementGap, gaps
from tomkit.model import Initiative, Path, Problem, Severity, Team, Tom, check, format_path

MAX_ELEMENTS_PER_STATE = 400
"""More elements than this in one state is more than people can take in from one picture."""
MAX_INITIATIVES = 60
"""More initiatives than this is a portfolio nobody can hold in their head."""
DEFAULT_CHANGE_CAPACITY = 3
"""Concurrent changes a team absorbs when its `change_capacity` is not set."""
IN_FLIGHT = ("planned", "in-progress")
"""Statuses of initiatives that load a team with change."""
COSMETIC = frozenset({"name", "description", "tags"})
"""Attributes whose change alone does not change anyone's job."""

TargetGaps = tuple[str, str, list[ElementGap]]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    title: str
    where: str
    detail: str
    fix: str
    path: Path = ()
    """`where` as a document path, for tools that locate it in a file"""

    def to_data(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "title": self.title,
            "where": self.where,
            "detail": self.detail,
            "fix": self.fix,
        }


def health(tom: Tom, today: dt.date | None = None, *, validate: bool = True) -> list[Finding]:
    """Every finding for the document, errors first, then warnings, then information.

    `today` decides whether the review date has passed (the current date when not given).
    `validate=False` leaves out the semantic validation problems, for a caller that has them already
    (a file reader reports them with line and column).
    """
    day = today or dt.date.today()
    target_gaps = _target_gaps(tom)
    findings = [
        *(_validation(tom) if validate else ()),
        *_sponsor(tom),
        *_outcomes(tom),
        *_kpis(tom),
        *_unplanned_gaps(tom, target_gaps),
        *_owners(tom),
        *_training(tom, target_gaps),
        *_communication(tom),
        *_capacity(tom),
        *_review(tom, day),
        *_size(tom),
    ]
    return sort_findings(findings)


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Most severe first; findings of one severity keep their order."""
    return sorted(findings, key=lambda f: -f.severity.rank)


def _finding(code: str, severity: Severity, title: str, path: Path, detail: str, fix: str) -> Finding:
    return Finding(code, severity, title, format_path(path), detail, fix, path)


def _live(tom: Tom) -> list[tuple[int, Initiative]]:
    return [(n, i) for n, i in enumerate(tom.initiatives) if i.status != "cancelled"]


def finding_from_problem(problem: Problem) -> Finding:
    """A validation problem as a finding, so one list can hold both."""
    return Finding(
        problem.code,
        problem.severity,
        problem.message,
        problem.where,
        "The document does not hold together here, so analyses built on it are unreliable.",
        problem.hint or "correct the value",
        problem.path,
    )


def _validation(tom: Tom) -> Iterator[Finding]:
    return (finding_from_problem(problem) for problem in check(tom))


def _sponsor(tom: Tom) -> Iterator[Finding]:
    if tom.sponsor is None:
        yield _finding(
            "no-sponsor",
            Severity.WARNING,
            "No executive sponsor",
            ("sponsor",),
            "An operating-model change without a named executive sponsor stalls when it meets resistance "
            "or competes for budget.",
            "name the accountable executive in `sponsor` (a person id from `people`)",
        )


def _outcomes(tom: Tom) -> Iterator[Finding]:
    if not tom.outcomes:
        yield _finding(
            "no-outcomes",
            Severity.WARNING,
            "No business outcomes",
            ("outcomes",),
            "Without stated outcomes the design cannot be judged by what it is meant to achieve.",
            "add the outcomes the change must deliver, each measured by KPIs",
        )
    for n, outcome in enumerate(tom.outcomes):
        if not outcome.kpis:
            yield _finding(
                "outcome-without-kpi",
                Severity.WARNING,
                f"Outcome {outcome.id!r} has no KPI",
                ("outcomes", n, "kpis"),
                f"'{outcome.statement}' cannot be shown to have been reached.",
                "link at least one KPI that measures it",
            )


def _kpis(tom: Tom) -> Iterator[Finding]:
    for n, kpi in enumerate(tom.kpis):
        missing = [
            (field, severity)
            for field, value, severity in (
                ("baseline", kpi.baseline, Severity.WARNING),
                ("target", kpi.target, Severity.WARNING),
                ("due", kpi.due, Severity.INFO),
            )
            if value is None
        ]
        for field, severity in missing:
            what = "due date" if field == "due" else field
            yield _finding(
                f"kpi-without-{'due-date' if field == 'due' else field}",
                severity,
                f"KPI {kpi.id!r} has no {what}",
                ("kpis", n, field),
                f"'{kpi.name}' cannot show progress without a {what}.",
                {
                    "baseline": "measure today's value (or mine it from the event log) and set `baseline`",
                    "target": "agree the value to reach and set `target`",
                    "due": "set `due`, the date the target is to be reached",
                }[field],
            )


def _gap_path(tom: Tom, gap: ElementGap, from_state: str, to_state: str) -> Path:
    state_name = from_state if gap.change is ChangeType.REMOVED else to_state
    state = tom.states[state_name]
    position = next(n for n, e in enumerate(state.elements) if e.id == gap.element_id)
    return ("states", state_name, "elements", position)


def _target_gaps(tom: Tom) -> TargetGaps | None:
    start, end = tom.baseline_name, tom.target_name
    if start is None or end is None or start == end:
        return None
    return start, end, list(gaps(tom, start, end).elements)


def _unplanned_gaps(tom: Tom, found: TargetGaps | None) -> Iterator[Finding]:
    if found is None:
        return
    start, end, element_gaps = found
    for gap in element_gaps:
        if gap.closed_by:
            continue
        yield _finding(
            "gap-without-initiative",
            Severity.WARNING,
            f"No initiative closes {gap.kind} {gap.element_id!r} ({gap.change.value})",
            _gap_path(tom, gap, start, end),
            f"'{gap.name}' is {gap.change.value} between {start} and {end}, but no initiative plans the change.",
            f"add {gap.element_id!r} to the `closes` of the initiative that delivers it, or add one",
        )


def _owners(tom: Tom) -> Iterator[Finding]:
    for n, initiative in _live(tom):
        if initiative.owner is None and initiative.status != "done":
            yield _finding(
                "initiative-without-owner",
                Severity.WARNING,
                f"Initiative {initiative.id!r} has no owner",
                ("initiatives", n, "owner"),
                f"Nobody is accountable for delivering '{initiative.name}'.",
                "name an owner (a person id from `people`)",
            )


def _training(tom: Tom, found: TargetGaps | None) -> Iterator[Finding]:
    if found is None:
        return
    start, end, element_gaps = found
    trained = {t.role for _, i in _live(tom) for t in i.change.train}
    for gap in element_gaps:
        if gap.kind != "role" or gap.change is ChangeType.REMOVED or gap.element_id in trained:
            continue
        if gap.change is ChangeType.CHANGED and {d.name for d in gap.deltas} <= COSMETIC:
            continue
        closers = ", ".join(repr(i) for i in gap.closed_by)
        yield _finding(
            "role-change-without-training",
            Severity.WARNING,
            f"Role {gap.element_id!r} is {gap.change.value} but nobody is trained for it",
            _gap_path(tom, gap, start, end),
            f"People moving into '{gap.name}' need to learn the new way of working before it goes live.",
            f"add a `change.train` entry for role {gap.element_id!r}"
            + (f" to {closers}" if closers else " to the initiative that delivers it"),
        )


def _communication(tom: Tom) -> Iterator[Finding]:
    told = {c.audience for _, i in _live(tom) for c in i.change.communicate}
    affected: dict[str, list[tuple[Path, str]]] = {}
    for n, initiative in _live(tom):
        for j, group in enumerate(initiative.change.affects):
            affected.setdefault(group, []).append((("initiatives", n, "change", "affects", j), initiative.id))
    for group, places in affected.items():
        if group in told:
            continue
        initiatives = ", ".join(repr(initiative_id) for _, initiative_id in places)
        yield _finding(
            "stakeholders-without-communication",
            Severity.WARNING,
            f"Stakeholder group {group!r} is affected but never told",
            places[0][0],
            f"{initiatives} change{'s' if len(places) == 1 else ''} things for {group!r}, "
            "and no initiative plans a message to them.",
            f"add a `change.communicate` entry with audience {group!r}",
        )


def _interval(initiative: Initiative) -> tuple[dt.date, dt.date] | None:
    start = initiative.actual_start or initiative.start
    end = initiative.actual_end or initiative.end
    if start is not None and end is None and initiative.duration_weeks:
        end = start + dt.timedelta(weeks=initiative.duration_weeks)
    return (start, end) if start is not None and end is not None else None


def peak_concurrency(initiatives: Sequence[Initiative]) -> tuple[int, dt.date | None]:
    """Most changes running at once, and the day that peak begins.

    Initiatives without dates may run any time, so they count as overlapping all the others.
    """
    intervals = [found for i in initiatives if (found := _interval(i)) is not None]
    undated = len(initiatives) - len(intervals)
    events = sorted([(start, 0) for start, _ in intervals] + [(end, 1) for _, end in intervals])
    running = peak = 0
    peak_day: dt.date | None = None
    for day, kind in events:  # starts sort before ends on the same day: they overlap that day
        running += 1 if kind == 0 else -1
        if running > peak:
            peak, peak_day = running, day
    return peak + undated, peak_day


def _capacity(tom: Tom) -> Iterator[Finding]:
    by_team: dict[str, list[Initiative]] = {}
    for _, initiative in _live(tom):
        if initiative.team is not None and initiative.status in IN_FLIGHT:
            by_team.setdefault(initiative.team, []).append(initiative)
    for team_id, initiatives in sorted(by_team.items()):
        team = tom.element_anywhere(team_id)
        capacity = DEFAULT_CHANGE_CAPACITY
        if isinstance(team, Team) and team.change_capacity is not None:
            capacity = team.change_capacity
        peak, day = peak_concurrency(initiatives)
        if peak <= capacity:
            continue
        where: Path = ("initiatives",)
        for name in reversed(tom.states):
            position = next((n for n, e in enumerate(tom.states[name].elements) if e.id == team_id), None)
            if position is not None:
                where = ("states", name, "elements", position)
                break
        when = f" from {day.isoformat()}" if day else ""
        ids = ", ".join(repr(i.id) for i in initiatives)
        yield _finding(
            "team-change-overload",
            Severity.WARNING,
            f"Team {team_id!r} carries {peak} changes at once (capacity {capacity})",
            where,
            f"Up to {peak} planned or running initiatives land on the team at the same time{when}: {ids}.",
            "stagger the initiatives (dates or dependencies), move some to another team, "
            "or raise `change_capacity` if the team can truly absorb more",
        )


def _review(tom: Tom, today: dt.date) -> Iterator[Finding]:
    due = tom.review.next
    if due is None:
        yield _finding(
            "review-missing",
            Severity.WARNING,
            "No next review date",
            ("review", "next"),
            "A TOM that is not reviewed drifts from how the organisation really works.",
            f"set `review.next` ({tom.review.cadence} cadence) and keep the document live",
        )
    elif due < today:
        yield _finding(
            "review-overdue",
            Severity.WARNING,
            f"Review overdue since {due.isoformat()}",
            ("review", "next"),
            f"The next review was due {(today - due).days} days ago; the design may no longer match reality.",
            "hold the review, update the document, and move `review.next` on",
        )


def _size(tom: Tom) -> Iterator[Finding]:
    for name, state in tom.states.items():
        if len(state.elements) > MAX_ELEMENTS_PER_STATE:
            yield _finding(
                "too-many-elements",
                Severity.WARNING,
                f"State {name!r} has {len(state.elements)} elements",
                ("states", name),
                f"More than {MAX_ELEMENTS_PER_STATE} elements is too much to communicate in one design.",
                "group detail into fewer elements, or split the scope into separate TOMs",
            )
    if len(tom.initiatives) > MAX_INITIATIVES:
        yield _finding(
            "too-many-initiatives",
            Severity.WARNING,
            f"{len(tom.initiatives)} initiatives",
            ("initiatives",),
            f"More than {MAX_INITIATIVES} initiatives is a portfolio nobody can hold in their head.",
            "merge small initiatives into larger ones with milestones",
        )
