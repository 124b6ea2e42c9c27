"""The engines all run on the demo organisation: a coherent plan, staffable states and scenarios."""

from __future__ import annotations

import datetime as dt

import pytest

from tomkit.analysis.roadmap import plan
from tomkit.demo import load_demo
from tomkit.model import Tom

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def tom() -> Tom:
    return load_demo()


def test_the_roadmap_has_no_date_or_dependency_issues(tom: Tom) -> None:
    roadmap = plan(tom, today=TODAY)
    assert [i.message for i in roadmap.issues] == []
    assert [(w.number, w.plateau, len(w.initiatives)) for w in roadmap.waves] == [
        (1, "Single platform, 2027", 31),
        (2, "Digital first, 2028", 5),
    ]
    assert roadmap.critical_path == ("itsm-go-live", "knowledge-kcs", "shift-left")


def test_planned_work_starts_after_what_it_depends_on(tom: Tom) -> None:
    by_id = {i.id: i for i in tom.initiatives}
    for initiative in tom.initiatives:
        assert initiative.start is not None
        assert initiative.end is not None
        assert initiative.duration_weeks is not None
        for dep in initiative.depends_on:
            before = by_id[dep]
            assert (before.actual_end or before.end or initiative.start) < initiative.start, (
                initiative.id,
                dep,
            )
        plateau = tom.state(initiative.target_state or "to-be").date
        assert plateau is not None
        assert initiative.end <= (initiative.deadline or plateau), initiative.id


def test_every_state_and_scenario_can_be_staffed(tom: Tom) -> None:
    compare = pytest.importorskip("tomkit.scenarios.compare")
    names = [*tom.states, *(s.id for s in tom.scenarios)]
    assert len(names) == 7
    runs = [compare.run(tom, name) for name in names]
    fte = compare.compare(runs).row("FTE required")
    as_is, wave_1, to_be = fte.values[:3]
    assert as_is is not None
    assert wave_1 is not None
    assert to_be is not None
    assert as_is > wave_1 > to_be
