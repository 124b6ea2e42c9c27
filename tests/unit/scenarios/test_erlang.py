"""Erlang C against the textbook example and an exact independent formula; Erlang A against its limits."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from tomkit.scenarios.erlang import (
    erlang_a_metrics,
    erlang_b,
    erlang_c,
    erlang_c_metrics,
    square_root_staffing,
    staff_erlang_a,
    staff_erlang_c,
    staff_erlang_c_many,
)


def exact_erlang_c(servers: int, load: int) -> Fraction:
    """The direct factorial formula in exact rational arithmetic (no recursion, no floats)."""
    top = Fraction(load**servers, math.factorial(servers)) * Fraction(servers, servers - load)
    bottom = sum(Fraction(load**k, math.factorial(k)) for k in range(servers)) + top
    return top / bottom


# Textbook: 100 calls per 30 minutes, 180 s handle time, 80 % in 20 s, 85 % occupancy cap, 30 % shrinkage.
LOAD = 100 * 180 / 1800


def test_textbook_example_needs_fourteen_agents() -> None:
    m = staff_erlang_c(LOAD, 180, 20, 0.8, max_occupancy=0.85)
    assert LOAD == 10
    assert m.servers == 14
    assert round(m.service_level, 3) == 0.888
    assert round(m.p_wait, 3) == 0.174
    assert round(m.asa, 1) == 7.8
    assert round(m.occupancy, 3) == 0.714
    assert math.ceil(m.servers / (1 - 0.3)) == 20


def test_thirteen_agents_miss_the_target() -> None:
    m = erlang_c_metrics(13, LOAD, 180, 20)
    assert round(m.service_level, 3) == 0.796
    assert m.service_level < 0.8


@pytest.mark.parametrize(("servers", "load"), [(11, 10), (14, 10), (20, 10), (3, 2), (60, 50), (130, 120)])
def test_erlang_c_equals_the_exact_factorial_formula(servers: int, load: int) -> None:
    assert erlang_c(servers, load) == pytest.approx(float(exact_erlang_c(servers, load)), rel=1e-12)


def test_erlang_b_recursion_matches_the_closed_form() -> None:
    load, servers = 7, 9
    exact = Fraction(load**servers, math.factorial(servers)) / sum(
        Fraction(load**k, math.factorial(k)) for k in range(servers + 1)
    )
    assert erlang_b(servers, load) == pytest.approx(float(exact), rel=1e-13)


def test_huge_loads_stay_finite() -> None:
    m = staff_erlang_c(5000.0, 300, 20, 0.8)
    assert 5000 < m.servers < 5200
    assert 0.8 <= m.service_level < 0.82


def test_unstable_queue_waits_always() -> None:
    assert erlang_c(10, 10) == 1.0
    assert erlang_c_metrics(9, 10, 180, 20).service_level == 0.0


def test_vectorised_staffing_matches_the_scalar_one() -> None:
    loads = np.random.default_rng(7).uniform(0, 80, 300)
    loads[:5] = 0
    many = staff_erlang_c_many(loads, 240.0, 30.0, 0.85, 0.9)
    for i in (0, 7, 50, 123, 299):
        one = staff_erlang_c(float(loads[i]), 240.0, 30.0, 0.85, 0.9)
        assert many.servers[i] == one.servers
        assert many.service_level[i] == pytest.approx(one.service_level)
        assert many.asa[i] == pytest.approx(one.asa)


def test_bad_targets_are_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        staff_erlang_c(10, 180, 20, 1.2)
    with pytest.raises(ValueError, match="strictly between"):
        staff_erlang_c_many(np.array([1.0]), 180, 20, 0.0)


def test_erlang_a_with_endless_patience_is_erlang_c() -> None:
    a = erlang_a_metrics(14, 100 / 1800, 180, 1e9, 20)
    c = erlang_c_metrics(14, LOAD, 180, 20)
    assert a.p_wait == pytest.approx(c.p_wait, rel=1e-5)
    assert a.service_level == pytest.approx(c.service_level, rel=1e-5)
    assert a.asa == pytest.approx(c.asa, rel=1e-4)


def test_erlang_a_needs_no_more_agents_than_erlang_c() -> None:
    a = staff_erlang_a(100 / 1800, 180, 120, 20, 0.8, 0.85)
    assert a.servers == 12
    assert a.service_level >= 0.8
    assert 0 < a.p_abandon < 0.1


def test_erlang_a_against_a_seeded_event_simulation() -> None:
    """An independent M/M/N+M simulation: FIFO, each caller leaves when patience runs out."""
    rng = np.random.default_rng(11)
    servers, rate, handle, patience, t = 5, 1 / 40, 180.0, 90.0, 20.0
    n = 60_000
    arrivals = np.cumsum(rng.exponential(1 / rate, n))
    services = rng.exponential(handle, n)
    patiences = rng.exponential(patience, n)
    free = [0.0] * servers
    answered_in_t = abandoned = 0
    for a, s, p in zip(arrivals.tolist(), services.tolist(), patiences.tolist(), strict=True):
        j = min(range(servers), key=free.__getitem__)
        start = max(a, free[j])
        if start - a > p:
            abandoned += 1
            continue
        answered_in_t += start - a <= t
        free[j] = start + s
    m = erlang_a_metrics(servers, rate, handle, patience, t)
    assert abandoned / n == pytest.approx(m.p_abandon, abs=0.01)
    assert answered_in_t / n == pytest.approx(m.service_level, abs=0.01)


def test_square_root_staffing_is_a_first_guess() -> None:
    assert square_root_staffing(10, 4 / math.sqrt(10)) == 14
