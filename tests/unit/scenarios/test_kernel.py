from __future__ import annotations

import numpy as np
import pytest

from tomkit.scenarios.kernel import fifo_servers, priority_servers


def reference(arrivals: list[float], services: list[float], servers: int) -> list[float]:
    """Brute force: each job takes the server that frees first (scan, no heap)."""
    free = [0.0] * servers
    out = []
    for a, s in zip(arrivals, services, strict=True):
        j = min(range(servers), key=free.__getitem__)
        start = max(a, free[j])
        out.append(start)
        free[j] = start + s
    return out


def test_same_start_times_as_a_brute_force_queue() -> None:
    rng = np.random.default_rng(3)
    arrivals = np.cumsum(rng.exponential(0.1, 5000))
    services = rng.exponential(0.45, 5000)
    got = fifo_servers(arrivals, services, 5)
    assert np.allclose(got, reference(arrivals.tolist(), services.tolist(), 5))


def test_nothing_starts_off_duty() -> None:
    rng = np.random.default_rng(4)
    roster = np.zeros(168, dtype=np.int64)
    roster[9:17] = 3  # Monday 09-17 only
    arrivals = np.sort(rng.uniform(0, 168 * 3, 2000))
    services = rng.exponential(0.2, 2000)
    starts = fifo_servers(arrivals, services, roster=roster)
    hours = (starts.astype(int)) % 168
    assert np.all((hours >= 9) & (hours < 17))
    assert np.all(starts >= arrivals)


def test_a_roster_with_two_shifts_uses_the_larger_team_when_on() -> None:
    roster = np.where(np.arange(168) % 24 < 12, 2, 1).astype(np.int64)
    arrivals = np.array([0.0, 0.0, 12.5, 12.5])
    services = np.array([1.0, 1.0, 1.0, 1.0])
    starts = fifo_servers(arrivals, services, roster=roster)
    assert starts.tolist() == pytest.approx([0.0, 0.0, 12.5, 13.5])


def test_no_servers_never_start() -> None:
    assert np.isinf(fifo_servers(np.array([1.0]), np.array([1.0]), 0)).all()


def test_one_priority_is_first_come_first_served() -> None:
    rng = np.random.default_rng(8)
    arrivals = np.cumsum(rng.exponential(0.02, 20000))
    services = rng.exponential(0.2, 20000)
    same = np.zeros(20000, dtype=np.int64)
    assert np.array_equal(
        priority_servers(arrivals, services, same, 11), fifo_servers(arrivals, services, 11)
    )
    roster = np.where(np.arange(168) % 24 < 12, 12, 9).astype(np.int64)
    assert np.array_equal(
        priority_servers(arrivals, services, same, roster=roster),
        fifo_servers(arrivals, services, roster=roster),
    )


def test_urgent_work_goes_first_but_never_before_it_arrives_or_off_duty() -> None:
    rng = np.random.default_rng(9)
    n = 20000
    arrivals = np.sort(rng.uniform(0, 168 * 4, n))
    services = rng.exponential(0.15, n)
    ranks = rng.choice(3, n, p=[0.1, 0.3, 0.6]).astype(np.int64)
    roster = np.zeros(168, dtype=np.int64)
    for day in range(5):
        roster[day * 24 + 8 : day * 24 + 18] = 9
    starts = priority_servers(arrivals, services, ranks, roster=roster)
    assert np.all(starts >= arrivals)
    hours = starts.astype(int) % 168
    assert np.all(roster[hours] > 0)
    waits = starts - arrivals
    assert waits[ranks == 0].mean() < waits[ranks == 1].mean() < waits[ranks == 2].mean()
