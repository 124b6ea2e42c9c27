"""Variants: the distinct activity sequences cases follow, with how many cases and how long they take.

Each case's trace becomes one binary value (its activity codes' bytes), built without copying from the
code array and the case offsets; Arrow's hash kernels then group equal traces exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tomkit.mining.aggregate import group_stats
from tomkit.mining.table import EventLog, Int32Array, IntArray


@dataclass(frozen=True)
class Variant:
    activities: tuple[str, ...]
    count: int
    share: float
    median_duration: float
    """seconds"""
    example_case: str


@dataclass(frozen=True)
class Variants:
    variants: list[Variant]
    n_cases: int

    def counts(self) -> dict[tuple[str, ...], int]:
        return {v.activities: v.count for v in self.variants}


def case_variant_codes(log: EventLog) -> tuple[Int32Array, list[tuple[str, ...]]]:
    """Variant index of every case (indices into the returned list of activity tuples)."""
    codes, labels = log.activity
    if log.n_cases == 0:
        return np.zeros(0, np.int32), []
    width = 2 if len(labels) < (1 << 16) else 4
    data = codes.astype(np.uint16 if width == 2 else np.uint32)
    starts = log.case_starts * width
    if starts[-1] >= (1 << 31):
        traces = pa.LargeBinaryArray.from_buffers(
            pa.large_binary(), log.n_cases, [None, pa.py_buffer(starts.astype(np.int64)), pa.py_buffer(data)]
        )
    else:
        traces = pa.BinaryArray.from_buffers(
            pa.binary(), log.n_cases, [None, pa.py_buffer(starts.astype(np.int32)), pa.py_buffer(data)]
        )
    encoded = pc.dictionary_encode(traces)
    index = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int32)
    dtype = np.dtype("<u2") if width == 2 else np.dtype("<u4")
    uniques = [
        tuple(labels[int(c)] for c in np.frombuffer(value, dtype=dtype))
        for value in encoded.dictionary.to_pylist()
    ]
    return index, uniques


def case_durations(log: EventLog) -> IntArray:
    """Per case: last minus first timestamp, in microseconds."""
    if log.n_cases == 0:
        return np.zeros(0, np.int64)
    ts = log.timestamps
    starts = log.case_starts
    return np.asarray(ts[starts[1:] - 1] - ts[starts[:-1]], dtype=np.int64)


def discover_variants(log: EventLog, limit: int | None = None) -> Variants:
    """Variants by frequency (ties by sequence), each with its share of cases and median duration."""
    index, uniques = case_variant_codes(log)
    if not uniques:
        return Variants([], 0)
    counts = np.bincount(index, minlength=len(uniques))
    median = group_stats(index, case_durations(log))["median"]  # every variant has a case: in order
    first_case = np.full(len(uniques), -1, dtype=np.int64)
    first_case[index[::-1]] = np.arange(len(index))[::-1]
    ranked = sorted(range(len(uniques)), key=lambda i: (-int(counts[i]), uniques[i]))
    if limit is not None:
        ranked = ranked[:limit]
    n = log.n_cases
    examples = log.case_id_of([int(first_case[i]) for i in ranked])
    return Variants(
        [
            Variant(uniques[i], int(counts[i]), float(counts[i] / n), float(median[i]) / 1e6, example)
            for i, example in zip(ranked, examples, strict=True)
        ],
        n,
    )
