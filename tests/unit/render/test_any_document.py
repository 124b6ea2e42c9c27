"""Every picture draws any valid document: no crash, well-formed SVG, one box or row per element."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.strategies import toms
from tests.unit.render.conftest import NS, parse_svg
from tomkit.analysis.gaps import gaps
from tomkit.model import Tom, ValueStream
from tomkit.render.canvas import canvas_svg, layout_canvas
from tomkit.render.heatmap import heatmap_cells
from tomkit.render.people import people_records
from tomkit.render.relationship_map import map_graph
from tomkit.render.side_by_side import side_by_side_svg
from tomkit.render.value_stream import value_stream_svg

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rooms(root: Any) -> dict[str, int]:
    return {
        g.get("data-dimension"): int(g.get("data-count"))
        for g in root.iterfind(".//s:g[@class='dimension']", NS)
    }


@SETTINGS
@given(toms(min_states=1, max_states=3))
def test_canvas_counts_every_element(tom: Tom) -> None:
    name = tom.target_name
    assert name is not None
    report = gaps(tom, tom.baseline_name, name) if len(tom.states) > 1 else None
    rooms = _rooms(parse_svg(canvas_svg(tom, name, report)))
    assert sum(rooms.values()) == len(tom.states[name].elements)
    for room in layout_canvas(tom, name, report).rooms:
        assert all(room.y < line.y <= room.y + room.h for line in room.names)


@SETTINGS
@given(toms(min_states=1, max_states=3))
def test_side_by_side_has_a_row_per_element(tom: Tom) -> None:
    ids = tom.all_element_ids()
    if not ids:
        return
    root = parse_svg(side_by_side_svg(tom))
    assert {g.get("data-element") for g in root.iterfind(".//s:g[@class='row']", NS)} == ids


@SETTINGS
@given(toms(min_states=1, max_states=3))
def test_map_and_value_streams(tom: Tom) -> None:
    name = tom.target_name
    assert name is not None
    state = tom.states[name]
    graph = map_graph(tom, name)
    assert len(graph.nodes) == len(state.index())
    for stream in (e for e in state.elements if isinstance(e, ValueStream) and e.steps):
        parse_svg(value_stream_svg(tom, stream.id, name, tom.baseline_name))


@SETTINGS
@given(toms(min_states=2, max_states=3))
def test_chart_data_agrees_with_the_gap_report(tom: Tom) -> None:
    report = gaps(tom)
    cells = heatmap_cells(report)
    totals = {c["row"]: c["count"] for c in cells if c["column"] == "Total"}
    assert sum(totals.values()) == len(report.elements)
    records = people_records(report, tom)
    assert len(records) == 2 * len(report.people.fte_by_team)
    before = sum(r["fte"] for r in records if r["side"].startswith("Before"))
    assert before == pytest.approx(report.people.fte_before)
