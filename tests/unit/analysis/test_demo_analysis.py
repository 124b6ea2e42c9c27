"""The analysis engines on the demo organisation, Northwind Mutual: the results must make sense."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from tomkit.analysis import ChangeType, diff_documents, gaps, health, impact
from tomkit.cli.app import app
from tomkit.demo import DEMO_PATH, load_demo
from tomkit.model import Dimension, Lens, Severity, Team, Tom

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo() -> Tom:
    return load_demo()


def test_gaps_cover_every_lens_and_closers_resolve(demo: Tom) -> None:
    report = gaps(demo)
    assert (report.from_state, report.to_state) == ("as-is", "to-be")
    everywhere = demo.all_element_ids()
    plan = {i.id: i for i in demo.initiatives}
    for initiative in demo.initiatives:
        assert set(initiative.closes) <= everywhere, initiative.id
    for gap in report.elements:
        for initiative_id in gap.closed_by:
            assert gap.element_id in plan[initiative_id].closes
    lenses = report.by_lens()
    for lens in Lens:
        assert sum(lenses[lens].values()) > 0, lens
    counts = report.counts()
    assert all(counts[change] > 0 for change in ChangeType)
    assert sum(sum(row.values()) for row in report.by_dimension().values()) == len(report.elements)
    # most of the change is planned: only a handful of gaps have no initiative
    assert 0 < len(report.unclosed()) < len(report.elements) // 10


def test_people_impact_has_fte_figures_that_add_up(demo: Tom) -> None:
    people = gaps(demo).people
    before, after = demo.states["as-is"], demo.states["to-be"]
    fte_before = sum(e.fte or 0 for e in before.elements if isinstance(e, Team))
    fte_after = sum(e.fte or 0 for e in after.elements if isinstance(e, Team))
    assert people.fte_before == fte_before > 0
    assert people.fte_after == fte_after > 0
    assert sum(b for _, b, _ in people.fte_by_team) == people.fte_before
    assert sum(a for _, _, a in people.fte_by_team) == people.fte_after
    teams_after = {e.id for e in after.elements if isinstance(e, Team)}
    assert set(people.teams_added) <= teams_after
    assert not set(people.teams_removed) & teams_after
    assert people.roles_added
    assert people.skills_needed
    skills_after = {e.id for e in after.of_kind("skill")}
    assert set(people.skills_needed) <= skills_after


def test_health_is_consistent_with_the_gaps(demo: Tom) -> None:
    findings = health(demo, TODAY)
    assert not [f for f in findings if f.severity is Severity.ERROR]
    report = gaps(demo)
    unplanned = [f for f in findings if f.code == "gap-without-initiative"]
    assert len(unplanned) == len(report.unclosed())
    for finding, gap in zip(unplanned, report.unclosed(), strict=True):
        assert repr(gap.element_id) in finding.title
        assert finding.where.startswith(
            "states.to-be.elements[" if gap.change is not ChangeType.REMOVED else "states.as-is"
        )
    assert all(f.where and f.fix for f in findings)


def test_retiring_remedy_touches_practices_teams_and_is_planned(demo: Tom) -> None:
    report = impact(demo, "remedy")
    assert report.state == "as-is"
    direct = report.direct()
    assert {i.dimension for i in direct} >= {Dimension.PROCESSES, Dimension.PEOPLE, Dimension.DATA}
    assert "incident" in {i.element_id for i in direct}
    closers = [m.id for m in report.initiatives if m.field == "closes"]
    assert closers
    remedy_gap = next(g for g in gaps(demo).elements if g.element_id == "remedy")
    assert remedy_gap.change is ChangeType.REMOVED
    assert set(remedy_gap.closed_by) == set(closers)


def test_the_demo_compared_with_itself_has_no_changes(demo: Tom) -> None:
    assert diff_documents(demo, demo.model_copy(deep=True)).is_empty


@pytest.mark.slow
def test_check_on_the_demo_file_passes_at_the_error_threshold() -> None:
    result = CliRunner().invoke(app, ["check", str(DEMO_PATH), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "warning" in result.output
