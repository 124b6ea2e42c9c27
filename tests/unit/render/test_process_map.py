"""The process map and the hand-over map: drawn from the mining engine's results, in the house style."""

from __future__ import annotations

import pytest

from tests.unit.render.conftest import parse_svg, texts
from tomkit.mining.dfg import Dfg, Edge
from tomkit.mining.handovers import Handover, HandoverReport, PingPong
from tomkit.render.errors import RenderError
from tomkit.render.handover_map import handover_map_dot, handover_map_svg
from tomkit.render.process_map import human_duration, process_map_dot, process_map_svg, shade
from tomkit.render.style import CHANGED

DFG = Dfg(
    activities={"New": 40, "Active": 38, "Resolved": 35, "Closed": 30},
    edges=[
        Edge("New", "Active", 36, mean=1800, median=1200, min=60, max=7200, total=64800),
        Edge("Active", "Resolved", 33, mean=14400, median=10800, min=600, max=90000, total=475200),
        Edge("Resolved", "Closed", 30, mean=259200, median=259200, min=86400, max=432000, total=7776000),
    ],
    start={"New": 40},
    end={"Closed": 30, "Resolved": 5},
    n_cases=40,
    n_events=143,
    performance=True,
)


def test_frequency_map_shows_activities_counts_and_start_end() -> None:
    words = texts(parse_svg(process_map_svg(DFG)))
    for expected in ("New", "Active", "Resolved", "Closed", "40", "38", "36", "33"):
        assert expected in words
    dot = process_map_dot(DFG).source
    assert dot.count("->") == 3 + 1 + 2  # edges, one start arc, two end arcs


def test_performance_map_labels_edges_with_the_statistic() -> None:
    words = texts(parse_svg(process_map_svg(DFG, "performance", "median")))
    assert {"20m", "3.0h", "3.0d"} <= set(words)
    assert "3.5d" not in words
    assert "5.0d" in texts(parse_svg(process_map_svg(DFG, "performance", "max")))


def test_bad_requests_say_why() -> None:
    counts_only = Dfg(DFG.activities, DFG.edges, DFG.start, DFG.end, 40, 143, performance=False)
    with pytest.raises(RenderError, match="no durations"):
        process_map_dot(counts_only, "performance")
    with pytest.raises(RenderError, match="unknown statistic 'p95'"):
        process_map_dot(DFG, "performance", "p95")  # type: ignore[arg-type]


def test_helpers() -> None:
    assert [human_duration(s) for s in (45, 720, 12600, 181440)] == ["45s", "12m", "3.5h", "2.1d"]
    assert shade(0) == "#FFFFFF"
    assert shade(1) == "#C9D8EC"
    assert shade(3) == shade(1)


def test_handover_map_marks_ping_pong_in_the_changed_colour() -> None:
    report = HandoverReport(
        column="group",
        n_cases=10,
        handovers=[Handover("Service Desk", "Network", 7, 6), Handover("Network", "Service Desk", 3, 3)],
        ping_pong=[PingPong("Service Desk", "Network", 2, 2)],
        ping_pong_cases=2,
        reassignments={0: 4, 1: 3, 2: 3},
    )
    words = texts(parse_svg(handover_map_svg(report)))
    assert "Service Desk" in words
    assert "Network" in words
    assert "7 (↺2)" in words
    assert "3" in words
    dot = handover_map_dot(report, top=1).source
    assert CHANGED.colour in dot
    assert dot.count("->") == 1
