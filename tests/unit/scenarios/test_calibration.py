from __future__ import annotations

import datetime as dt

import pytest

from tomkit.model import Tom
from tomkit.scenarios import (
    Calibration,
    ChannelCalibration,
    ScenarioError,
    calibrate,
    calibration_from_data,
    hour_of_week_counts,
    model_input,
)
from tomkit.scenarios.inputs import WEEKS_PER_MONTH


def test_hour_of_week_counts() -> None:
    monday_nine = dt.datetime(2026, 11, 23, 9, 15)
    counts = hour_of_week_counts([monday_nine, monday_nine + dt.timedelta(days=6, hours=14)])
    assert counts[9] == 1
    assert counts[6 * 24 + 23] == 1
    assert sum(counts) == 2


def test_calibration_replaces_values_and_says_where_they_came_from(desk: Tom) -> None:
    model = model_input(desk.states["as-is"], "as-is")
    counts = [0.0] * 168
    counts[10], counts[34] = 300.0, 100.0
    calibration = Calibration(
        source="incidents-2025",
        channels=(ChannelCalibration("email", counts, weeks_observed=2, handle_minutes=[4, 6, 11],
                                     first_contact_resolution=0.5),),
        escalation=(("l2", "l3", 0.4),),
        priority_counts={"P1": 10, "P3": 90},
        team_handle_minutes={"l2": 30.0},
    )  # fmt: skip
    out = calibrate(model, calibration)
    email = out.channel("email")
    assert email.profile[10] == pytest.approx(0.75)
    assert email.profile[34] == pytest.approx(0.25)
    assert email.volume_per_month == pytest.approx(200 * WEEKS_PER_MONTH)
    assert email.handle_minutes == pytest.approx(7.0)
    assert email.first_contact_resolution == 0.5
    assert out.team("l2").escalates_to == (("l3", 0.4),)
    assert out.team("l2").handle_minutes == 30.0
    assert out.priority_mix == {"P1": 0.1, "P3": 0.9}
    calibrated = {(p.subject, p.field) for p in out.provenance if p.source == "calibrated"}
    assert ("email", "handle_minutes") in calibrated
    assert ("desk", "priority_mix") in calibrated
    assert all(p.note == "incidents-2025" for p in out.provenance if p.source == "calibrated")


def test_bad_observations_are_refused(desk: Tom) -> None:
    model = model_input(desk.states["as-is"], "as-is")
    with pytest.raises(ValueError, match="168"):
        calibrate(model, Calibration("x", (ChannelCalibration("email", [1.0, 2.0]),)))
    with pytest.raises(KeyError, match="no channel 'fax'"):
        calibrate(model, Calibration("x", (ChannelCalibration("fax"),)))


def test_calibration_from_plain_data(desk: Tom) -> None:
    data = {
        "source": "incidents 2025",
        "channels": [{"channel": "phone", "handle_minutes": [5, 7], "first_contact_resolution": 0.8}],
        "escalation": [{"from": "l2", "to": "l3", "share": 0.1}],
        "priority_counts": {"P3": 3, "P4": 1},
    }
    calibration = calibration_from_data(data)
    assert calibration.escalation == (("l2", "l3", 0.1),)
    model = calibrate(model_input(desk.states["as-is"], "as-is"), calibration)
    assert model.channel("phone").handle_minutes == pytest.approx(6.0)
    assert model.priority_mix == {"P3": 0.75, "P4": 0.25}


def test_plain_data_errors_name_the_field() -> None:
    with pytest.raises(ScenarioError, match=r"channels\.0\.arrivals_by_hour"):
        calibration_from_data({"source": "x", "channels": [{"channel": "phone", "arrivals_by_hour": [1, 2]}]})
    with pytest.raises(ScenarioError, match=r"escalation\.0\.share"):
        calibration_from_data({"source": "x", "escalation": [{"from": "a", "to": "b", "share": 2}]})
