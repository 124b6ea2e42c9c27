from __future__ import annotations

import pytest

from tomkit.model import Tom
from tomkit.scenarios import ScenarioError, SimulationOptions, compare, run, run_names


def test_runs_and_comparison(desk: Tom) -> None:
    assert run_names(desk) == ["as-is", "digital", "outsourced"]
    runs = [run(desk, name) for name in run_names(desk)]
    table = compare(runs)
    assert table.runs == ("as-is", "digital", "outsourced")
    contacts = table.row("contacts handled").values
    assert contacts[0] == pytest.approx(17600)
    assert contacts[1] == pytest.approx(17060)
    phone_fte = table.row("FTE required", "phone").values
    assert phone_fte[1] is not None
    assert phone_fte[0] is not None
    assert phone_fte[1] < phone_fte[0]
    assert table.row("answer target", "chat").values == (120, 60, 120)
    cost = table.row("cost per contact").values
    assert cost[1] is not None
    assert cost[0] is not None
    assert cost[1] < cost[0]
    staff_cost = table.row("staff cost").values
    assert staff_cost[2] is not None
    assert staff_cost[0] is not None
    assert staff_cost[2] < staff_cost[0]


def test_simulated_rows_appear_with_a_simulation(desk: Tom) -> None:
    runs = [run(desk, None, SimulationOptions(weeks=2, replications=2))]
    table = compare(runs)
    assert table.row("mean resolution").values[0] is not None
    assert table.row("resolved within target", "phone").values[0] == pytest.approx(1.0, abs=0.02)


def test_unknown_names_list_what_there_is(desk: Tom) -> None:
    with pytest.raises(ScenarioError, match="there are: as-is, digital, outsourced"):
        run(desk, "cheap")


def test_patience_adds_an_abandonment_row(desk: Tom) -> None:
    data = desk.to_data()
    data["scenarios"].append(
        {"id": "patient", "name": "Callers hang up", "base": "as-is",
         "overrides": [{"op": "assume", "patience_seconds": 90}]}
    )  # fmt: skip
    tom = Tom.model_validate(data)
    table = compare([run(tom, "as-is"), run(tom, "patient")])
    abandoned = table.row("abandoned", "phone").values
    assert abandoned[0] == 0.0
    assert abandoned[1] is not None
    assert 0 < abandoned[1] < 0.1
    fte = table.row("FTE required", "phone").values
    assert fte[1] is not None
    assert fte[0] is not None
    assert fte[1] < fte[0]
