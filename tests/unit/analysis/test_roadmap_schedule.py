"""The scheduler's invariants, on hand-made cases and on random plans."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tomkit.analysis.schedule import Schedule, Task, schedule


def _check_invariants(tasks: list[Task], caps: dict[str, int], result: Schedule, default: int = 3) -> None:
    by_id = {t.id: t for t in tasks}
    # every task is either placed or said to be unplaceable
    assert set(result.slots) | set(result.unscheduled) == set(by_id)
    assert not set(result.slots) & set(result.unscheduled)
    for slot in result.slots.values():
        task = by_id[slot.id]
        assert slot.end - slot.start == task.duration
        assert slot.start >= task.not_before
        assert slot.reasons, "every placement explains itself"
        for dep in task.depends_on:
            if dep in by_id:
                assert dep in result.slots
                assert result.slots[dep].end <= slot.start, f"{slot.id} starts before {dep} ends"
    load: Counter[tuple[str, int]] = Counter()
    for slot in result.slots.values():
        if slot.team:
            for period in range(slot.start, slot.end):
                load[(slot.team, period)] += 1
    for (team, _), count in load.items():
        assert count <= caps.get(team, default)


def test_dependencies_and_capacity_decide_the_start_and_say_so() -> None:
    tasks = [
        Task("a", 3, "desk"),
        Task("b", 2, "desk", ("a",)),
        Task("c", 4, "desk"),
        Task("d", 1, "desk"),
    ]
    result = schedule(tasks, {"desk": 2})
    assert (result.slots["b"].start, result.slots["b"].end) == (3, 5)
    assert result.slots["b"].binding.code == "dependency"
    assert result.slots["b"].binding.refs == ("a",)
    # a (tail 5) and c (tail 4) take the two places, b follows a; d waits for c to free a place
    assert result.slots["d"].start == 4
    assert result.slots["d"].binding.code == "capacity"
    assert (
        "team desk is at capacity (2 at once) until week 4, busy with b, c" in result.slots["d"].binding.text
    )
    assert result.load("desk") == [2, 2, 2, 2, 2]
    assert result.feasible


def test_quick_wins_go_first() -> None:
    tasks = [Task("big", 10, "t"), Task("win", 1, "t", quick_win=True)]
    result = schedule(tasks, {"t": 1})
    assert result.slots["win"].start == 0
    assert result.slots["big"].start == 1
    assert result.slots["win"].order == 0


def test_a_cycle_is_reported_and_what_waits_on_it_is_blocked() -> None:
    tasks = [
        Task("x", 1, depends_on=("y",)),
        Task("y", 1, depends_on=("x",)),
        Task("z", 1, depends_on=("x",)),
        Task("ok", 2),
    ]
    result = schedule(tasks, {})
    [cycle] = [i for i in result.issues if i.code == "cycle"]
    assert cycle.ids == ("x", "y")
    assert cycle.message == "dependency cycle: x -> y -> x"
    assert result.unscheduled["z"] == "waits for x, which is in or after a dependency cycle"
    assert list(result.slots) == ["ok"]
    assert not result.feasible


def test_self_dependency_and_unknown_dependency() -> None:
    result = schedule([Task("a", 1, depends_on=("a", "ghost"))], {})
    codes = sorted(i.code for i in result.issues)
    assert codes == ["cycle", "unknown-dependency"]
    assert result.unscheduled["a"] == "in a dependency cycle: a -> a"


def test_zero_capacity_cannot_place() -> None:
    result = schedule([Task("a", 1, "frozen"), Task("b", 1, "frozen", ("a",))], {"frozen": 0})
    assert result.unscheduled["a"] == "team frozen has a change capacity of 0"
    assert result.unscheduled["b"] == "waits for a, which cannot be scheduled"
    assert any(i.code == "capacity" and i.severity == "error" for i in result.issues)


def test_deadline_before_the_dependency_chain_is_impossible() -> None:
    result = schedule([Task("a", 5), Task("b", 2, depends_on=("a",), deadline=4)], {})
    [issue] = result.issues
    assert issue.code == "deadline"
    assert issue.severity == "error"
    assert "earliest it can end is week 7 because of its dependencies (a)" in issue.message


def test_deadline_missed_only_for_capacity_is_a_warning() -> None:
    result = schedule([Task("a", 5, "t"), Task("b", 2, "t", deadline=3)], {"t": 1})
    # b has the shorter tail, so a goes first and b slips past its deadline
    [issue] = result.issues
    assert (issue.code, issue.severity) == ("deadline", "warning")
    assert "it could end by week 2" in issue.message


def test_pinned_work_stays_and_a_dependency_after_it_is_an_error() -> None:
    tasks = [Task("late", 4, pinned=(0, 4)), Task("early", 2, depends_on=("late",), pinned=(2, 4))]
    result = schedule(tasks, {})
    assert result.slots["early"].start == 2
    assert any(i.code == "dependency-date" for i in result.issues)


def test_pinned_work_over_capacity_is_reported_not_moved() -> None:
    tasks = [Task("a", 3, "t", pinned=(0, 3)), Task("b", 3, "t", pinned=(1, 4)), Task("c", 1, "t")]
    result = schedule(tasks, {"t": 1})
    assert any(i.code == "capacity" and "2 fixed changes at once" in i.message for i in result.issues)
    assert result.slots["c"].start == 4


def test_critical_chain_follows_dependencies_and_busy_teams() -> None:
    tasks = [Task("a", 3, "t"), Task("b", 2, "t"), Task("c", 1, "t", depends_on=("a",))]
    result = schedule(tasks, {"t": 1})
    # one place in team t: a, then b (longer tail than c), then c waits for b to free the team
    assert [(s.id, s.start) for s in result.slots.values()] == [("a", 0), ("b", 3), ("c", 5)]
    assert result.critical_path == ("a", "b", "c")
    assert result.makespan == 6


def test_bad_input_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="appears twice"):
        schedule([Task("a", 1), Task("a", 2)], {})
    with pytest.raises(ValueError, match="duration 0"):
        schedule([Task("a", 0)], {})


@st.composite
def plans(draw: st.DrawFn) -> tuple[list[Task], dict[str, int]]:
    n = draw(st.integers(1, 25))
    teams = ["t0", "t1", "t2"]
    tasks = []
    for i in range(n):
        deps = draw(st.lists(st.integers(0, n - 1), max_size=3))
        tasks.append(
            Task(
                id=f"i{i}",
                duration=draw(st.integers(1, 6)),
                team=draw(st.sampled_from([*teams, None])),
                depends_on=tuple(f"i{d}" for d in deps),
                not_before=draw(st.integers(0, 5)),
                quick_win=draw(st.booleans()),
                priority=draw(st.floats(0, 3)),
            )
        )
    caps = {team: draw(st.integers(1, 3)) for team in teams}
    return tasks, caps


def _cyclic(tasks: list[Task]) -> set[str]:
    """Ids on some cycle, by brute force (reachability from each node back to itself)."""
    edges = {t.id: list(t.depends_on) for t in tasks}
    on_cycle = set()
    for start, targets in edges.items():
        seen: set[str] = set()
        stack = list(targets)
        while stack:
            node = stack.pop()
            if node == start:
                on_cycle.add(start)
                break
            if node not in seen:
                seen.add(node)
                stack.extend(edges.get(node, ()))
    return on_cycle


@settings(max_examples=150, deadline=None)
@given(plans())
def test_random_plans_never_break_dependencies_or_capacity(plan: tuple[list[Task], dict[str, int]]) -> None:
    tasks, caps = plan
    result = schedule(tasks, caps)
    _check_invariants(tasks, caps, result)
    cyclic = _cyclic(tasks)
    assert cyclic <= set(result.unscheduled), "every task on a cycle is left out"
    if cyclic:
        assert any(i.code == "cycle" for i in result.issues)
    else:
        assert not result.unscheduled
        assert not any(i.code in ("cycle", "blocked") for i in result.issues)


@settings(max_examples=50, deadline=None)
@given(plans(), st.randoms(use_true_random=False))
def test_the_schedule_does_not_depend_on_input_order(
    plan: tuple[list[Task], dict[str, int]], rnd: object
) -> None:
    tasks, caps = plan
    shuffled = list(tasks)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = schedule(tasks, caps), schedule(shuffled, caps)
    assert {k: (s.start, s.end) for k, s in a.slots.items()} == {
        k: (s.start, s.end) for k, s in b.slots.items()
    }
    assert a.critical_path == b.critical_path


@settings(max_examples=100, deadline=None)
@given(plans(), st.integers(0, 4))
def test_every_start_is_explained_by_the_constraint_that_holds_it(
    plan: tuple[list[Task], dict[str, int]], now: int
) -> None:
    tasks, caps = plan
    result = schedule(tasks, caps, now=now)
    by_id = {t.id: t for t in tasks}
    for slot in result.slots.values():
        reason = slot.binding
        task = by_id[slot.id]
        if reason.code == "start":
            assert slot.start == now
        elif reason.code == "not-before":
            assert slot.start == task.not_before
        elif reason.code == "dependency":
            assert result.slots[reason.refs[0]].end == slot.start
        elif reason.code == "capacity":
            busy = [s for s in result.slots.values() if s.team == slot.team and s.start < slot.start <= s.end]
            assert any(s.end == slot.start for s in busy)
            assert all(b in result.slots for b in reason.refs)
        # and nothing placed could have started a period earlier without breaking a rule
        if reason.code != "start" and slot.start > max(now, task.not_before):
            assert reason.code in ("dependency", "capacity")


@settings(max_examples=100, deadline=None)
@given(plans(), st.integers(1, 30))
def test_deadlines_missed_are_exactly_the_ones_reported(
    plan: tuple[list[Task], dict[str, int]], due: int
) -> None:
    tasks, caps = plan
    tasks = [Task(**{**t.__dict__, "deadline": due}) for t in tasks]
    result = schedule(tasks, caps)
    late = {s.id for s in result.slots.values() if s.end > due}
    reported = {i.ids[0] for i in result.issues if i.code == "deadline"}
    assert late == reported
