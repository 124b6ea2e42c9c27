"""The event table: case numbering (from runs of equal ids or from every row) and sorting."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pyarrow as pa
import pytest

from tomkit.mining.table import EventLog, _encode, _encode_cases

UTC = dt.UTC


def _table(cases: list[str], chunks: list[int] | None = None) -> pa.Table:
    n = len(cases)
    base = dt.datetime(2024, 1, 1, tzinfo=UTC)
    case_col: pa.ChunkedArray | pa.Array = pa.array(cases, pa.string())
    if chunks is not None:
        bounds = np.cumsum([0, *chunks])
        case_col = pa.chunked_array([case_col[int(a) : int(b)] for a, b in itertools.pairwise(bounds)])
    return pa.table(
        {
            "case_id": case_col,
            "activity": [f"a{i % 3}" for i in range(n)],
            "timestamp": pa.array(
                [base + dt.timedelta(minutes=i) for i in range(n)], pa.timestamp("us", tz="UTC")
            ),
        }
    )


def _decoded(array: pa.DictionaryArray) -> list[str]:
    return [str(v) for v in array.dictionary_decode().to_pylist()]


@pytest.mark.parametrize(
    ("cases", "chunks"),
    [
        (["a", "a", "b", "c", "c", "c"], None),
        (["a", "a", "b", "b", "b", "c"], [3, 3]),  # case b runs over the block boundary
        (["a", "a", "b", "b", "b", "c"], [1, 1, 3, 1]),
        (["x", "y", "x", "z"], None),  # interleaved: x comes back
        (["x", "y", "y", "x"], [2, 2]),  # interleaved across blocks
        (["only"] * 5, [2, 0, 3]),  # an empty block
    ],
)
def test_case_encoding_keeps_every_id(cases: list[str], chunks: list[int] | None) -> None:
    column = _table(cases, chunks)["case_id"]
    encoded, starts = _encode_cases(column)
    assert _decoded(encoded) == cases
    assert len(encoded.dictionary) == len(set(cases))
    runs = [i for i, c in enumerate(cases) if i == 0 or cases[i - 1] != c]
    if len(runs) == len(set(cases)):
        assert starts is not None
        assert starts.tolist() == [*runs, len(cases)]
    else:
        assert starts is None


def test_contiguous_cases_are_numbered_by_their_runs() -> None:
    encoded, starts = _encode_cases(_table(["k", "k", "b", "z", "z"], [2, 3])["case_id"])
    assert starts is not None
    assert starts.tolist() == [0, 2, 3, 5]
    assert encoded.indices.to_pylist() == [0, 0, 1, 2, 2]
    assert encoded.dictionary.to_pylist() == ["k", "b", "z"]


def test_interleaved_cases_fall_back_to_the_row_encoding() -> None:
    column = _table(["x", "y", "x"])["case_id"]
    encoded, starts = _encode_cases(column)
    assert starts is None
    assert encoded.indices.to_pylist() == _encode(column).indices.to_pylist()


@pytest.mark.parametrize("cases", [["c1", "c1", "c2", "c2", "c3"], ["c2", "c1", "c2", "c3", "c1"]])
def test_the_log_groups_cases_whatever_the_row_order(cases: list[str]) -> None:
    log = EventLog.from_table(_table(cases, [2, 3]))
    assert log.n_cases == 3
    assert log.case_ids == sorted(set(cases), key=cases.index)
    got = [(r["case_id"], r["activity"]) for r in log.table.to_pylist()]
    expected = sorted([(c, f"a{i % 3}") for i, c in enumerate(cases)], key=lambda r: log.case_ids.index(r[0]))
    assert got == expected


def test_dropping_the_last_cases_leaves_no_stale_ids() -> None:
    log = EventLog.from_table(_table(["a", "a", "b", "c", "c"]))
    kept = log.take_cases(np.array([True, False, False]))
    assert kept.n_cases == 1
    assert kept.case_ids == ["a"]
    kept = log.take_cases(np.array([True, True, False]))
    assert (kept.n_cases, kept.case_ids, kept.n_events) == (2, ["a", "b"], 3)


def test_grouped_cases_with_rows_out_of_time_order_are_sorted_within_the_case() -> None:
    base = dt.datetime(2024, 1, 1, tzinfo=UTC)
    table = pa.table(
        {
            "case_id": ["b", "b", "b", "a", "a"],
            "activity": ["x", "y", "z", "p", "q"],
            "timestamp": pa.array(
                [base + dt.timedelta(minutes=m) for m in (5, 1, 1, 3, 2)], pa.timestamp("us", tz="UTC")
            ),
        }
    )
    log = EventLog.from_table(table)
    assert log.case_ids == ["b", "a"]
    assert log.case_codes.tolist() == [0, 0, 0, 1, 1]
    assert log.case_starts.tolist() == [0, 3, 5]
    # equal timestamps keep their order in the source
    assert log.table["activity"].to_pylist() == ["y", "z", "x", "q", "p"]


@pytest.mark.parametrize("cases", [["c1", "c1", "c2", "c3", "c3"], ["c2", "c1", "c2", "c3", "c1"]])
def test_case_starts_agree_with_the_codes(cases: list[str]) -> None:
    log = EventLog.from_table(_table(cases, [3, 2]))
    codes = log.case_codes
    computed = np.concatenate([[0], np.flatnonzero(np.diff(codes)) + 1, [len(codes)]])
    assert log.case_starts.tolist() == computed.tolist()
