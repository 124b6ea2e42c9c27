"""Group statistics against the definitions they follow (Python's statistics module)."""

from __future__ import annotations

import statistics

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tomkit.mining.aggregate import group_stats

pairs = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 10**12)), min_size=1, max_size=60)


@given(pairs)
def test_statistics_per_group_match_their_definitions(rows: list[tuple[int, int]]) -> None:
    keys = np.array([k for k, _ in rows], dtype=np.int32)
    values = np.array([v for _, v in rows], dtype=np.int64)
    stats = group_stats(keys, values)
    assert stats["key"].tolist() == sorted(set(keys.tolist()))
    for i, key in enumerate(stats["key"].tolist()):
        group = [v for k, v in rows if k == key]
        assert stats["count"][i] == len(group)
        assert stats["sum"][i] == sum(group)
        assert (stats["min"][i], stats["max"][i]) == (min(group), max(group))
        assert stats["median"][i] == statistics.median(group)
        expected = statistics.stdev(group) if len(group) > 1 else 0.0
        assert np.isclose(stats["stdev"][i], expected, rtol=1e-9, atol=1e-3)


def test_no_values_give_empty_statistics() -> None:
    stats = group_stats(np.zeros(0, np.int32), np.zeros(0, np.int64))
    assert all(len(v) == 0 for v in stats.values())
    assert set(stats) == {"key", "count", "sum", "min", "max", "median", "stdev"}
