from __future__ import annotations

import numpy as np

from tomkit.scenarios.backlog import backlog_performance, staff_backlog
from tomkit.scenarios.calendar import parse_hours
from tomkit.scenarios.inputs import default_profile

WORK = default_profile() * 300.0  # agent-hours a week


def test_staffing_meets_the_target_at_the_occupancy_cap() -> None:
    result = staff_backlog(WORK, parse_hours("24x7"), 4.0, 0.9, 0.85)
    assert result.reachable
    assert result.attainment >= 0.9
    assert result.occupancy <= 0.85 + 1e-6
    assert result.agents.sum() * 0.85 >= WORK.sum()


def test_work_waiting_overnight_needs_more_staff_for_the_same_target() -> None:
    always = staff_backlog(WORK, parse_hours("24x7"), 2.0, 0.95, 0.85)
    office = staff_backlog(WORK, parse_hours("Mon-Fri 08:00-18:00"), 2.0, 0.95, 0.85)
    assert office.agents.sum() > always.agents.sum()
    assert office.agents[:8].sum() == 0


def test_too_little_capacity_answers_nothing_in_time() -> None:
    result = backlog_performance(WORK, np.full(168, 1.0), 0.85, 4.0)
    assert result.attainment == 0.0
    assert not result.reachable


def test_an_unreachable_goal_is_flagged() -> None:
    result = staff_backlog(WORK, parse_hours("Mon 09:00-10:00"), 1.0, 0.99, 0.85)
    assert not result.reachable
