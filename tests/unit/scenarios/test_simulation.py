"""The simulation against Erlang C on a single M/M/c queue, and its reproducibility and routing."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tomkit.model import Tom
from tomkit.scenarios import ModelInput, SimulationOptions, model_input, simulate, staff
from tomkit.scenarios.calendar import always_open
from tomkit.scenarios.erlang import erlang_c_metrics
from tomkit.scenarios.inputs import WEEKS_PER_MONTH, ChannelInput, Target, flat_profile
from tomkit.scenarios.simulation import priority_ranks


def single_queue(calls_per_hour: float = 200.0) -> ModelInput:
    """100 calls per 30 minutes around the clock, 3-minute calls, 80 % answered in 20 s."""
    phone = ChannelInput(
        id="phone", name="Phone", channel_type="phone", live=True,
        volume_per_month=calls_per_hour * 168 * WEEKS_PER_MONTH, handle_minutes=3.0,
        first_contact_resolution=1.0, deflection=0.0, concurrency=1.0, cost_per_contact=None,
        open_hours=always_open(), profile=flat_profile(),
        targets=(Target("P3", answer_seconds=20.0, attainment=0.8),), team=None,
    )  # fmt: skip
    return ModelInput("mmc", (phone,), (), {"P3": 1.0})


def test_mmc_simulation_agrees_with_erlang_c_within_its_confidence_interval() -> None:
    model = single_queue()
    staffing = staff(model)
    assert staffing.channel("phone").agents.max() == 14
    result = simulate(
        model, SimulationOptions(weeks=3, replications=8, seed=2024, warmup_weeks=0.2), staffing
    )
    expected = erlang_c_metrics(14, 10.0, 180.0, 20.0)
    phone = result.segment("phone")
    assert phone.answered_in_target.covers(expected.service_level)
    assert phone.mean_wait_seconds.covers(expected.asa)
    assert phone.answered_in_target.half_width < 0.01
    station = result.stations[0]
    assert station.servers == 14
    assert station.utilisation.covers(expected.occupancy)


def test_same_seed_same_result_other_seed_other_result() -> None:
    model = single_queue(60.0)
    options = SimulationOptions(weeks=1, replications=2, seed=5)
    first = simulate(model, options)
    again = simulate(model, options)
    other = simulate(model, SimulationOptions(weeks=1, replications=2, seed=6))
    assert first == again
    assert first.segment("phone").mean_wait_seconds != other.segment("phone").mean_wait_seconds


def test_escalations_follow_first_contact_resolution_and_shares(desk: Tom) -> None:
    model = model_input(desk.states["as-is"], "as-is")
    result = simulate(model, SimulationOptions(weeks=4, replications=3, seed=1))
    phone = result.segment("phone")
    assert phone.escalated.mean == pytest.approx(0.3, abs=0.01)
    assert result.segment("email").escalated.mean == pytest.approx(0.45, abs=0.015)
    names = [s.station for s in result.stations]
    assert names == ["channel:phone", "channel:chat", "channel:email", "channel:portal", "team:l2", "team:l3"]
    by_priority = [result.segment("phone", p).tickets for p in model.priority_mix]
    assert np.argmax(by_priority) == list(model.priority_mix).index("P3")


def test_rostered_teams_that_are_too_small_show_in_resolution_times(desk: Tom) -> None:
    model = model_input(desk.states["as-is"], "as-is")
    options = SimulationOptions(weeks=6, replications=2, seed=3)
    required = simulate(model, options)
    rostered = simulate(model, SimulationOptions(weeks=6, replications=2, seed=3, staffing="rostered"))
    l3 = {s.station: s for s in rostered.stations}["team:l3"]
    assert l3.utilisation.mean > 0.99
    assert (
        rostered.segment("all").mean_resolution_hours.mean
        > 5 * required.segment("all").mean_resolution_hours.mean
    )


def test_lognormal_work_times_keep_their_mean() -> None:
    model = single_queue(30.0)
    result = simulate(model, SimulationOptions(weeks=2, replications=2, handle_cv=0.5, seed=9))
    assert result.stations[0].utilisation.mean == pytest.approx(
        30 * 3 / 60 / result.stations[0].servers, rel=0.05
    )


def test_urgent_tickets_jump_the_queue_of_an_overloaded_desk(desk: Tom) -> None:
    model = model_input(desk.states["as-is"], "as-is")
    options = SimulationOptions(weeks=6, replications=2, seed=4, staffing="rostered")
    urgent = simulate(model, options)
    plain = simulate(model, replace(options, discipline="fifo"))
    p1, p4 = urgent.segment("phone", "P1"), urgent.segment("phone", "P4")
    assert p1.mean_resolution_hours.mean < 0.1 * p4.mean_resolution_hours.mean
    assert plain.segment("phone", "P1").mean_resolution_hours.mean > 10 * p1.mean_resolution_hours.mean


def test_priority_ranks_follow_the_number() -> None:
    assert priority_ranks(["P3", "P1", "P4", "P2"]).tolist() == [2, 0, 3, 1]
    assert priority_ranks(["urgent", "normal"]).tolist() == [0, 1]


def test_the_resolution_distribution_rises_to_one(desk: Tom) -> None:
    result = simulate(model_input(desk.states["as-is"], "as-is"), SimulationOptions(weeks=3, replications=2))
    shares = [e.mean for _, e in result.segment("all").distribution]
    assert shares == sorted(shares)
    assert shares[-1] == pytest.approx(1.0, abs=0.01)
    hours = {h: e.mean for h, e in result.segment("phone").distribution}
    p50 = result.segment("phone").p50_resolution_hours.mean
    assert hours[0.5] <= 0.5 if p50 > 0.5 else hours[0.5] >= 0.5
