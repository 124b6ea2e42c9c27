"""Staffing deferred work (email, portal, monitoring): a fluid first-in-first-out backlog over the week.

Work arrives hour by hour; agents clear it only in the team's open hours and at no more than the
occupancy cap. The response time of each piece of work is read off the cumulative arrival and capacity
curves (the time capacity catches up with the work that was there before it). The fewest agents whose
response-within-target share meets the attainment goal, in a steady-state week, is the staffing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tomkit.scenarios.calendar import HOURS_PER_WEEK, BoolArray
from tomkit.scenarios.inputs import FloatArray

_WEEKS = 3
_STEPS = 4  # evaluation points per hour


@dataclass(frozen=True)
class BacklogResult:
    agents: FloatArray
    """Agents working the backlog in each of the 168 hours (fractional: blended agents share their time)."""
    within_target: FloatArray
    """Share of each hour's arrivals answered within the target (168 values)."""
    mean_response: FloatArray
    """Mean response time of each hour's arrivals, in hours."""
    attainment: float
    occupancy: float
    reachable: bool = True


def backlog_performance(
    work: FloatArray, agents: FloatArray, max_occupancy: float, target_hours: float
) -> BacklogResult:
    """How `agents` per hour (working at the occupancy cap) keep up with hourly `work` in agent-hours."""
    weekly = float(work.sum())
    capacity_rate = agents * max_occupancy
    zeros = np.zeros(HOURS_PER_WEEK)
    if weekly <= 0:
        return BacklogResult(agents, np.ones(HOURS_PER_WEEK), zeros, 1.0, 0.0)
    if capacity_rate.sum() * (1 - 1e-9) <= weekly:
        return BacklogResult(agents, zeros, np.full(HOURS_PER_WEEK, np.nan), 0.0, math.inf, False)
    hours = HOURS_PER_WEEK * _WEEKS
    grid = np.arange(hours + 1, dtype=np.float64)
    cum_work = np.concatenate([[0.0], np.cumsum(np.tile(work, _WEEKS))])
    cum_cap = np.concatenate([[0.0], np.cumsum(np.tile(capacity_rate, _WEEKS))])
    # departures: capacity, less what was lost idle with nothing to do (the reflection of work - capacity);
    # the last of three weeks is read, so a backlog carried over the weekend is in steady state
    idle = np.minimum(np.minimum.accumulate(cum_work - cum_cap), 0.0)
    cum_done = cum_cap + idle + grid * 1e-12  # strictly increasing for the inverse
    start = HOURS_PER_WEEK * (_WEEKS - 1)
    points = start + (np.arange(HOURS_PER_WEEK * _STEPS) + 0.5) / _STEPS
    work_at = np.interp(points, grid, cum_work)
    done_at = np.interp(work_at, cum_done, grid)
    response = np.maximum(done_at - points, 0.0)
    rates = np.repeat(work, _STEPS)
    met = response <= target_hours + 1e-9
    within = met.reshape(HOURS_PER_WEEK, _STEPS).mean(axis=1)
    mean_response = response.reshape(HOURS_PER_WEEK, _STEPS).mean(axis=1)
    attainment = float(np.dot(rates, met) / rates.sum())
    return BacklogResult(agents, within, mean_response, attainment, weekly / float(agents.sum()))


def _shape(work: FloatArray, open_hours: BoolArray, window: int) -> FloatArray:
    """Work smoothed over the response window and moved into open hours: where agents are worth having."""
    smooth = np.zeros(HOURS_PER_WEEK)
    for lag in range(window):
        smooth += np.roll(work, lag)
    shaped = np.where(open_hours, smooth, 0.0)
    if shaped.sum() <= 0:
        shaped = open_hours.astype(np.float64)
    return np.asarray(shaped / shaped.sum() * work.sum(), dtype=np.float64)


def staff_backlog(
    work: FloatArray, open_hours: BoolArray, target_hours: float, attainment: float, max_occupancy: float
) -> BacklogResult:
    """The fewest agent-hours, shaped like the smoothed work over the open hours, meeting the target.

    The scale on the shape is found by bisection (more capacity never answers anything later). When
    even ample capacity cannot reach the goal (work arriving long before the team opens), the result
    says `reachable=False` and staffs at twice the workload.
    """
    if float(work.sum()) <= 0:
        return backlog_performance(work, np.zeros(HOURS_PER_WEEK), max_occupancy, target_hours)
    if not open_hours.any():
        raise ValueError("deferred work arrives but the team is never open")
    shape = _shape(work, open_hours, max(1, round(target_hours)))

    def run(scale: float) -> BacklogResult:
        return backlog_performance(work, shape * scale / max_occupancy, max_occupancy, target_hours)

    low, high = 1.0, 1.05
    best = run(high)
    while best.attainment < attainment - 1e-9:
        low, high = high, high * 1.5
        if high > 8:
            result = run(2.0)
            return BacklogResult(
                result.agents,
                result.within_target,
                result.mean_response,
                result.attainment,
                result.occupancy,
                reachable=False,
            )
        best = run(high)
    for _ in range(25):
        middle = (low + high) / 2
        result = run(middle)
        if result.attainment >= attainment - 1e-9:
            high, best = middle, result
        else:
            low = middle
    return best
