"""Statistics per group of a numeric column, as pm4py and pandas define them (median, sample stdev).

Shared by the performance DFG (durations per directly-follows pair) and variants (case durations per
variant): one hash aggregation in Polars' threads rather than a sort of the whole log.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from tomkit.mining.table import IntArray


def group_stats(keys: IntArray, values: IntArray) -> dict[str, IntArray | np.ndarray[Any, Any]]:
    """Per distinct key, in key order: count, sum, min, max, median (the mean of the two middle values
    for an even count, as pandas defines it) and sample stdev (0 for one value); values in µs."""
    empty: dict[str, Any] = {
        "key": np.zeros(0, np.int64),
        "count": np.zeros(0, np.int64),
        "sum": np.zeros(0, np.int64),
        "min": np.zeros(0, np.int64),
        "max": np.zeros(0, np.int64),
        "median": np.zeros(0),
        "stdev": np.zeros(0),
    }
    if len(keys) == 0:
        return empty
    value = pl.col("value")
    stats = (
        pl.DataFrame({"key": keys, "value": values})
        .group_by("key")
        .agg(
            pl.len().alias("count"),
            value.sum().alias("sum"),
            value.min().alias("min"),
            value.max().alias("max"),
            value.median().alias("median"),
            value.std(ddof=1).fill_null(0.0).alias("stdev"),
        )
        .sort("key")
    )
    out: dict[str, Any] = {name: stats[name].to_numpy() for name in empty}
    for name in ("key", "count", "sum", "min", "max"):
        out[name] = out[name].astype(np.int64, copy=False)
    return out
