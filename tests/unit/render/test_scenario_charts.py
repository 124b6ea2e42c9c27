from __future__ import annotations

from pathlib import Path

import pytest

from tomkit.formats import load
from tomkit.model import Tom
from tomkit.render.scenario_charts import (
    cost_waterfall_spec,
    cost_waterfall_svg,
    resolution_distribution_svg,
    service_level_curve_svg,
    staffing_by_hour_spec,
    staffing_by_hour_svg,
)
from tomkit.scenarios import SimulationOptions, cost_bridge, run

DESK = Path(__file__).parents[1] / "scenarios" / "desk.yaml"


@pytest.fixture
def desk() -> Tom:
    return load(DESK)


def test_staffing_by_hour_stacks_every_staffed_channel(desk: Tom) -> None:
    result = run(desk)
    spec = staffing_by_hour_spec(result)
    values = spec["data"]["values"] if "data" in spec else spec["datasets"]
    records = values if isinstance(values, list) else next(iter(values.values()))
    assert {r["channel"] for r in records} == {"Phone", "Chat", "Email", "Portal"}
    assert len(records) == 4 * 168
    assert staffing_by_hour_svg(result).startswith("<svg")


def test_service_level_curve_marks_the_target(desk: Tom) -> None:
    svg = service_level_curve_svg(run(desk), "phone")
    assert svg.startswith("<svg")
    assert "service level against staff" in svg


def test_cost_waterfall_adds_up(desk: Tom) -> None:
    before, after = run(desk, "as-is"), run(desk, "digital")
    steps = cost_bridge(before, after)
    assert steps[0].value + sum(s.value for s in steps[1:-1]) == pytest.approx(steps[-1].value)
    assert [s.label for s in steps[1:-1]] == ["Phone", "Portal"]
    assert cost_waterfall_spec(before, after)["layer"]
    assert cost_waterfall_svg(before, after).startswith("<svg")


def test_resolution_distribution_draws_each_simulated_scenario(desk: Tom) -> None:
    options = SimulationOptions(weeks=2, replications=2)
    runs = [run(desk, "as-is", options), run(desk, "digital", options)]
    svg = resolution_distribution_svg(runs)
    assert svg.startswith("<svg")
    assert "Resolution time: the whole desk" in svg
    with pytest.raises(ValueError, match="no simulated scenario"):
        resolution_distribution_svg([run(desk)])
