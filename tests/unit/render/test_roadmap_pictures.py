"""The roadmap, journey, priority matrix and change load pictures: their data and their SVG."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from tomkit.analysis.progress import planned_curve, progress
from tomkit.analysis.roadmap import Roadmap, plan
from tomkit.model import Tom
from tomkit.render.change_load import change_load_svg, load_records
from tomkit.render.errors import RenderError
from tomkit.render.journey import journey_records, journey_svg, planned_at
from tomkit.render.matrix import matrix_records, matrix_svg
from tomkit.render.png import to_png
from tomkit.render.roadmap import gantt_records, roadmap_spec, roadmap_svg

TODAY = dt.date(2027, 2, 3)


@pytest.fixture
def tom() -> Tom:
    data: dict[str, Any] = {
        "name": "Pictures",
        "people": [{"id": "ana", "name": "Ana Lima"}, {"id": "ben", "name": "Ben Ode"}],
        "states": {
            "as-is": {"label": "Today", "elements": [
                {"id": "desk", "kind": "team", "name": "Service Desk", "change_capacity": 1}]},
            "to-be": {"label": "Digital first", "elements": [
                {"id": "desk", "kind": "team", "name": "Service Desk", "change_capacity": 1}]},
        },
        "initiatives": [
            {"id": "base", "name": "Platform", "owner": "ben", "team": "desk", "duration_weeks": 6,
             "status": "in-progress", "actual_start": "2027-01-04", "progress": 50, "value": "high", "effort": "m",
             "milestones": [{"id": "m1", "name": "Design done", "due": "2027-01-15", "done": True},
                            {"id": "m2", "name": "Go live", "due": "2027-02-26"}]},
            {"id": "portal", "name": "Portal", "owner": "ana", "team": "desk", "duration_weeks": 4,
             "depends_on": ["base"], "value": "high", "effort": "m"},
            {"id": "faq", "name": "FAQ refresh", "owner": "ana", "duration_weeks": 2, "value": "high", "effort": "xs"},
        ],
    }  # fmt: skip
    return Tom.model_validate(data)


@pytest.fixture
def roadmap(tom: Tom) -> Roadmap:
    return plan(tom, today=TODAY)


def test_gantt_data_has_rows_links_and_waves(roadmap: Roadmap, tom: Tom) -> None:
    data = gantt_records(roadmap, tom)
    rows = {b["id"]: b for b in data["bars"]}
    assert rows["faq"]["label"] == "★ FAQ refresh"
    assert rows["base"]["owner"] == "Ben Ode"
    # half done in week 5 of 6 weeks: the 3 weeks left push the end to 22 February (7 weeks from 4 January)
    assert (rows["base"]["start"], rows["base"]["end"]) == ("2027-01-04", "2027-02-22")
    assert rows["base"]["done_to"] == "2027-01-28"
    assert rows["portal"]["critical"]
    [link] = data["links"]
    assert (link["from"], link["to"], link["x"], link["x2"]) == ("base", "portal", "2027-02-22", "2027-02-22")
    assert [w["wave"] for w in data["waves"]] == ["Wave 1"]


def test_gantt_svg_shows_names_owners_and_today(roadmap: Roadmap, tom: Tom) -> None:
    svg = roadmap_svg(roadmap, tom)
    assert svg.startswith("<svg")
    for text in ("Roadmap — Pictures", "Portal", "Ana Lima", "today 03 Feb", "Wave 1"):
        assert text in svg
    assert roadmap_spec(roadmap, tom)["config"]["font"].startswith("Helvetica")
    assert to_png(svg)[:8] == b"\x89PNG\r\n\x1a\n"


def test_journey_shows_start_destination_and_where_we_are(roadmap: Roadmap, tom: Tom) -> None:
    state = progress(tom, roadmap, today=TODAY)
    data = journey_records(roadmap, state, tom)
    assert [e["label"] for e in data["ends"]] == ["Start: Today", "Destination: Digital first"]
    [here] = data["here"]
    assert here["y"] == state.percent
    assert data["next"] == "Next: Go live (26 Feb 2027, in 3 weeks)"
    svg = journey_svg(roadmap, state, tom)
    assert "You are here" in svg
    assert "Destination: Digital first" in svg


def test_planned_curve_climbs_to_all_done(roadmap: Roadmap) -> None:
    curve = planned_curve(roadmap)
    assert curve[0][1] == 0.0
    assert curve[-1][1] == 100.0
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(curve))
    assert planned_at(curve, curve[0][0] - dt.timedelta(days=5)) == 0.0
    assert planned_at(curve, curve[-1][0] + dt.timedelta(days=5)) == 100.0


def test_matrix_numbers_quick_wins_first(roadmap: Roadmap) -> None:
    records = matrix_records(roadmap)
    assert [(r["n"], r["id"], r["quadrant"]) for r in records] == [
        (1, "faq", "Quick win"),
        (2, "base", "Major project"),
        (3, "portal", "Major project"),
    ]
    assert "FAQ refresh" in matrix_svg(roadmap)


def test_change_load_counts_concurrent_work_against_capacity(roadmap: Roadmap) -> None:
    records = load_records(roadmap)
    assert {r["team"] for r in records} == {"Service Desk (capacity 1)"}
    assert max(r["count"] for r in records) == 1
    assert all(r["full"] for r in records if r["count"])
    assert "Change load — Pictures" in change_load_svg(roadmap)


def test_empty_plans_are_refused_clearly() -> None:
    empty = plan(Tom(name="Empty"), today=TODAY)
    with pytest.raises(RenderError, match="no scheduled initiatives"):
        roadmap_svg(empty)
    with pytest.raises(RenderError, match="no initiatives"):
        matrix_svg(empty)
    with pytest.raises(RenderError, match="no initiative names a team"):
        change_load_svg(empty)
