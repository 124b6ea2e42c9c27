"""Erlang B, C and A: waiting-line formulas for live channels, in numerically stable forms.

Erlang C (M/M/N) uses the Erlang B recursion B_k = A·B_{k-1}/(k + A·B_{k-1}), which never forms A^N or
N!, so loads of thousands of Erlangs are fine. Erlang A (M/M/N+M, callers abandon after an exponential
patience) solves the birth-death chain in log space and gets the answered-within-t probability by
uniformisation of the tagged caller's position in the queue. Times are in one unit chosen by the
caller (seconds throughout tomkit's staffing).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import gammaln

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class QueueMetrics:
    """How one interval performs with a given number of agents (or chat slots)."""

    servers: int
    load: float
    p_wait: float
    service_level: float
    asa: float
    occupancy: float
    p_abandon: float = 0.0


def erlang_b(servers: int, load: float) -> float:
    """Blocking probability of M/M/N/N, by the stable recursion."""
    if servers < 0 or load < 0:
        raise ValueError("servers and load must not be negative")
    b = 1.0
    for k in range(1, servers + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(servers: int, load: float) -> float:
    """Probability an arrival waits in M/M/N; 1 when the queue is unstable (N <= A)."""
    if load <= 0:
        return 0.0
    if servers <= load:
        return 1.0
    b = erlang_b(servers, load)
    return servers * b / (servers - load * (1.0 - b))


def erlang_c_metrics(servers: int, load: float, handle: float, answer_within: float) -> QueueMetrics:
    """P(wait), service level (answered within `answer_within`), ASA and occupancy of M/M/N."""
    if handle <= 0:
        raise ValueError("handle time must be positive")
    c = erlang_c(servers, load)
    if servers <= load:
        return QueueMetrics(servers, load, 1.0, 0.0, math.inf, 1.0 if servers else math.inf)
    sl = 1.0 - c * math.exp(-(servers - load) * answer_within / handle)
    asa = c * handle / (servers - load)
    return QueueMetrics(servers, load, c, sl, asa, load / servers if servers else 0.0)


def staff_erlang_c(
    load: float, handle: float, answer_within: float, target: float, max_occupancy: float = 1.0
) -> QueueMetrics:
    """The fewest agents that answer `target` of arrivals within `answer_within` at or under the occupancy cap."""
    if not 0 < target < 1:
        raise ValueError(f"service-level target must be between 0 and 1, got {target}")
    if load <= 0:
        return QueueMetrics(0, 0.0, 0.0, 1.0, 0.0, 0.0)
    n = max(1, math.floor(load) + 1, math.ceil(load / max_occupancy - 1e-9))
    while True:
        metrics = erlang_c_metrics(n, load, handle, answer_within)
        if metrics.service_level >= target and metrics.occupancy <= max_occupancy + 1e-12:
            return metrics
        n += 1


@dataclass(frozen=True)
class StaffingArrays:
    """Erlang C staffing of many intervals at once: one entry per interval."""

    servers: IntArray
    p_wait: FloatArray
    service_level: FloatArray
    asa: FloatArray
    occupancy: FloatArray


def staff_erlang_c_many(
    loads: FloatArray,
    handle: float | FloatArray,
    answer_within: float | FloatArray,
    target: float | FloatArray,
    max_occupancy: float = 1.0,
) -> StaffingArrays:
    """Vectorised `staff_erlang_c`: one Erlang B recursion walks up N for every interval together.

    The work is O(max N) array steps, so a week of hourly intervals for many channels takes milliseconds.
    """
    a = np.asarray(loads, dtype=np.float64)
    shape = a.shape
    a = a.ravel()
    h = np.broadcast_to(np.asarray(handle, dtype=np.float64), shape).ravel()
    t = np.broadcast_to(np.asarray(answer_within, dtype=np.float64), shape).ravel()
    goal = np.broadcast_to(np.asarray(target, dtype=np.float64), shape).ravel()
    if np.any(a < 0) or np.any(h <= 0) or np.any((goal <= 0) | (goal >= 1)):
        raise ValueError("loads must be >= 0, handle times > 0 and targets strictly between 0 and 1")
    size = a.size
    servers = np.zeros(size, dtype=np.int64)
    p_wait = np.zeros(size)
    sl = np.ones(size)
    asa = np.zeros(size)
    occ = np.zeros(size)
    todo = a > 0
    b = np.ones(size)
    k = 0
    while todo.any():
        k += 1
        b = a * b / (k + a * b)
        stable = todo & (k > a)
        if not stable.any():
            continue
        idx = np.flatnonzero(stable)
        ai, bi = a[idx], b[idx]
        c = k * bi / (k - ai * (1.0 - bi))
        level = 1.0 - c * np.exp(-(k - ai) * t[idx] / h[idx])
        occupancy = ai / k
        ok = (level >= goal[idx]) & (occupancy <= max_occupancy + 1e-12)
        hit = idx[ok]
        servers[hit] = k
        p_wait[hit] = c[ok]
        sl[hit] = level[ok]
        asa[hit] = c[ok] * h[hit] / (k - a[hit])
        occ[hit] = occupancy[ok]
        todo[hit] = False
    return StaffingArrays(
        servers.reshape(shape),
        p_wait.reshape(shape),
        sl.reshape(shape),
        asa.reshape(shape),
        occ.reshape(shape),
    )


# --- Erlang A ------------------------------------------------------------------------------------


def _queue_distribution(servers: int, rate: float, handle: float, patience: float) -> FloatArray:
    """Stationary probabilities of the number in system of M/M/N+M, from the log-space product form."""
    mu, theta = 1.0 / handle, 1.0 / patience
    excess = max(rate - servers * mu, 0.0) / theta
    extra = int(excess + 12.0 * math.sqrt(rate / theta + 1.0) + 60)
    k = np.arange(servers + 1, dtype=np.float64)
    log_low = k * math.log(rate * handle) - gammaln(k + 1) if rate > 0 else np.where(k == 0, 0.0, -np.inf)
    j = np.arange(1, extra + 1, dtype=np.float64)
    log_high = log_low[-1] + np.cumsum(np.log(rate) - np.log(servers * mu + j * theta))
    log_p = np.concatenate([log_low, log_high])
    weights = np.exp(log_p - log_p.max())
    return np.asarray(weights / weights.sum(), dtype=np.float64)


def _answered_within(servers: int, handle: float, patience: float, start: FloatArray, t: float) -> float:
    """P(reach an agent within t) for a caller whose position in the queue is distributed as `start`.

    From position i the caller moves up at rate N·mu + (i-1)·theta (a call ends or someone ahead
    hangs up) and gives up at rate theta; uniformisation turns this into a short sum of matrix-free steps.
    """
    mu, theta = 1.0 / handle, 1.0 / patience
    # positions beyond where the arrival distribution has any mass do not change the sum
    tail = np.cumsum(start[::-1])[::-1]
    keep = int(np.searchsorted(-tail, -1e-13, side="right")) or 1
    start = start[:keep]
    positions = start.size
    i = np.arange(1, positions + 1, dtype=np.float64)
    up = servers * mu + (i - 1.0) * theta
    total = up + theta
    uniform = float(total.max())
    steps = int(uniform * t + 10.0 * math.sqrt(uniform * t + 1.0) + 20)
    jumps = np.arange(steps + 1, dtype=np.float64)
    mean = uniform * t
    if mean > 0:
        weights = np.exp(jumps * math.log(mean) - mean - gammaln(jumps + 1))
    else:
        weights = (jumps == 0).astype(np.float64)
    p = start.copy()
    served = 0.0
    answered = 0.0
    for k in range(steps + 1):
        answered += float(weights[k]) * served
        moved = p * up / uniform
        served += float(moved[0])
        p = p * (1.0 - total / uniform)
        p[:-1] += moved[1:]
    remainder = 1.0 - float(weights.sum())
    return answered + remainder * served


def erlang_a_metrics(
    servers: int, rate: float, handle: float, patience: float, answer_within: float
) -> QueueMetrics:
    """M/M/N+M: P(wait), P(abandon), answered within t (share of offered), mean wait and occupancy.

    `rate` is arrivals per time unit; `asa` is the mean wait of all offered callers, E[Q]/rate.
    """
    if handle <= 0 or patience <= 0:
        raise ValueError("handle time and patience must be positive")
    load = rate * handle
    if rate <= 0:
        return QueueMetrics(servers, 0.0, 0.0, 1.0, 0.0, 0.0)
    if servers <= 0:
        return QueueMetrics(0, load, 1.0, 0.0, patience, math.inf, 1.0)
    p = _queue_distribution(servers, rate, handle, patience)
    waiting = p[servers:]
    p_wait = float(waiting.sum())
    queue = float(np.dot(np.arange(waiting.size), waiting))
    p_abandon = queue / patience / rate
    # an arrival finding N+j in the system joins at position j+1
    answered = 1.0 - p_wait + _answered_within(servers, handle, patience, waiting, answer_within)
    occupancy = load * (1.0 - p_abandon) / servers
    return QueueMetrics(servers, load, p_wait, min(answered, 1.0), queue / rate, occupancy, p_abandon)


def staff_erlang_a(
    rate: float,
    handle: float,
    patience: float,
    answer_within: float,
    target: float,
    max_occupancy: float = 1.0,
) -> QueueMetrics:
    """The fewest agents meeting the target with abandonment; never more than Erlang C would need."""
    if rate <= 0:
        return QueueMetrics(0, 0.0, 0.0, 1.0, 0.0, 0.0)
    upper = staff_erlang_c(rate * handle, handle, answer_within, target, max_occupancy).servers
    best = erlang_a_metrics(upper, rate, handle, patience, answer_within)
    n = upper - 1
    while n >= 1:
        metrics = erlang_a_metrics(n, rate, handle, patience, answer_within)
        if metrics.service_level < target or metrics.occupancy > max_occupancy + 1e-12:
            break
        best = metrics
        n -= 1
    return best


def square_root_staffing(load: float, beta: float) -> int:
    """N = R + beta·sqrt(R), rounded up: a first guess whose safety margin grows with the square root of load."""
    return math.ceil(load + beta * math.sqrt(load))
