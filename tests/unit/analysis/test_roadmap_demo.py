"""The demo organisation gets a sensible roadmap: every dependency and capacity respected, explained."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter

import pytest

from tomkit.analysis.progress import progress
from tomkit.analysis.roadmap import Roadmap, plan
from tomkit.demo import load_demo
from tomkit.model import Tom

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo() -> Tom:
    return load_demo()


@pytest.fixture(scope="module")
def roadmap(demo: Tom) -> Roadmap:
    return plan(demo, today=TODAY)


def test_everything_is_scheduled_and_the_plan_holds(demo: Tom, roadmap: Roadmap) -> None:
    assert roadmap.ok, [i.message for i in roadmap.issues]
    assert not roadmap.unscheduled
    live = {i.id for i in demo.initiatives if i.status != "cancelled"}
    assert {i.id for i in roadmap.items} == live
    assert [w.plateau for w in roadmap.waves] == [demo.states["wave-1"].label, demo.states["to-be"].label]


def test_dependencies_are_respected_for_all_work_not_yet_started(roadmap: Roadmap) -> None:
    by_id = {i.id: i for i in roadmap.items}
    for item in roadmap.items:
        if item.status in ("done", "in-progress"):
            continue
        assert item.start >= TODAY - dt.timedelta(days=TODAY.weekday())
        for dep in item.depends_on:
            assert by_id[dep].end <= item.start, (item.id, dep)


def test_no_team_carries_more_change_than_its_capacity_from_today(roadmap: Roadmap) -> None:
    assert roadmap.schedule is not None
    now = roadmap.calendar.index(TODAY)
    load: Counter[tuple[str, int]] = Counter()
    for slot in roadmap.schedule.slots.values():
        if slot.team:
            for period in range(max(slot.start, now), slot.end):
                load[(slot.team, period)] += 1
    assert load
    assert all(n <= roadmap.capacity[team] for (team, _), n in load.items())


def test_every_placement_explains_itself_and_the_critical_path_chains(roadmap: Roadmap) -> None:
    assert all(item.why for item in roadmap.items)
    path = roadmap.critical_path
    assert len(path) >= 2
    ends = {i.id: i for i in roadmap.items}
    assert ends[path[-1]].end == roadmap.end
    for before, after in itertools.pairwise(path):
        assert ends[before].end == ends[after].start


def test_progress_reads_like_a_status_line(demo: Tom, roadmap: Roadmap) -> None:
    state = progress(demo, roadmap, today=TODAY)
    assert state.summary.startswith("wave 1 of 2, ")
    assert 0 < state.percent < 100
