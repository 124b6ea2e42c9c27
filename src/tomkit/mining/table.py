"""The normalised event table every analysis reads: one row per event, sorted by case, time, source order.

Columns: case_id, activity, timestamp (UTC, microseconds), resource, group, src_order (position in the
source file, the tie-breaker for equal timestamps), then any case or event attributes (priority,
channel, category, made_sla, ...). Text columns are dictionary-encoded, so the kernels work on small
integer codes. A dataset on disk is the same table as one Parquet file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tomkit.mining.errors import MiningError
from tomkit.mining.timestamps import UTC_TYPE

CASE = "case_id"
ACTIVITY = "activity"
TIMESTAMP = "timestamp"
RESOURCE = "resource"
GROUP = "group"
SRC_ORDER = "src_order"
CASE_INDEX = "case_index"
CORE_COLUMNS = (CASE, ACTIVITY, TIMESTAMP, RESOURCE, GROUP, SRC_ORDER)
META_KEY = b"tomkit.mining"

T = TypeVar("T")

IntArray = np.ndarray[Any, Any]
Int32Array = np.ndarray[Any, Any]
BoolArray = np.ndarray[Any, Any]


def _is_text(type_: pa.DataType) -> bool:
    return bool(pa.types.is_string(type_) or pa.types.is_large_string(type_))


def _is_encodable(type_: pa.DataType) -> bool:
    return _is_text(type_) or bool(pa.types.is_dictionary(type_))


def _encode(column: pa.ChunkedArray | pa.Array) -> pa.DictionaryArray:
    """One dictionary array with a single dictionary (chunks encoded one by one, then unified).

    Encoding chunk by chunk never concatenates the text itself, whose offsets would overflow past 2 GiB.
    """
    if isinstance(column, pa.Array):
        column = pa.chunked_array([column])
    if column.num_chunks == 0:
        value_type = column.type.value_type if pa.types.is_dictionary(column.type) else pa.string()
        return pc.dictionary_encode(pa.array([], value_type))
    if pa.types.is_large_string(column.type):
        column = column.cast(pa.string())
    if not pa.types.is_dictionary(column.type):
        column = pa.chunked_array(
            [pc.dictionary_encode(c) for c in column.chunks]
            or [pc.dictionary_encode(pa.array([], pa.string()))]
        )
    if column.num_chunks == 1:
        return column.chunk(0)
    unified = pa.table({"c": column}).unify_dictionaries()["c"]
    dictionary = unified.chunk(0).dictionary
    indices = pa.concat_arrays([c.indices.cast(pa.int32()) for c in unified.chunks])
    return pa.DictionaryArray.from_arrays(indices, dictionary)


def _runs(chunk: pa.Array) -> tuple[pa.Array, IntArray]:
    """The values of a chunk's runs of equal neighbours and each run's length."""
    n = len(chunk)
    if n == 0:
        return chunk, np.zeros(0, np.int64)
    changed = pc.not_equal(chunk.slice(0, n - 1), chunk.slice(1)).to_numpy(zero_copy_only=False)
    starts = np.concatenate([[0], np.flatnonzero(changed) + 1])
    return chunk.take(pa.array(starts)), np.diff(np.append(starts, n))


def _encode_cases(column: pa.ChunkedArray | pa.Array) -> tuple[pa.DictionaryArray, IntArray | None]:
    """Case ids as a dictionary array, and where each case starts when each case's rows are together
    (as exports list them; None otherwise).

    Only the runs of equal neighbouring ids are hashed, to check that no id comes back later: then the
    case codes are the run numbers, 0..k-1 in row order. Interleaved cases fall back to encoding every
    row.
    """
    if isinstance(column, pa.Array):
        column = pa.chunked_array([column])
    if not _is_text(column.type) or column.num_chunks == 0 or column.null_count:
        return _encode(column), None
    chunks = [c.cast(pa.string()) if pa.types.is_large_string(c.type) else c for c in column.chunks]
    with ThreadPoolExecutor(max_workers=pa.cpu_count()) as pool:  # Arrow's kernels release the GIL
        runs = list(pool.map(_runs, chunks))
    values, lengths = _runs(pa.concat_arrays([r[0] for r in runs]))
    if lengths.size != sum(len(r[0]) for r in runs):
        # a case running on over a block boundary: add its pieces together
        per_piece = np.concatenate([r[1] for r in runs])
        lengths = np.add.reduceat(per_piece, np.concatenate([[0], np.cumsum(lengths)[:-1]]))
    else:
        lengths = np.concatenate([r[1] for r in runs])
    if pl.from_arrow(values).n_unique() != len(values):
        return _encode(column), None
    codes = np.repeat(np.arange(len(values), dtype=np.int32), lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    return pa.DictionaryArray.from_arrays(pa.array(codes), values.cast(pa.string())), starts


def _numbered(column: pa.ChunkedArray, n_cases: int) -> bool:
    """Is this case column one dictionary array holding exactly the ids of its n cases, as strings?"""
    if column.num_chunks != 1 or not pa.types.is_dictionary(column.type):
        return False
    chunk = column.chunk(0)
    return bool(
        len(chunk.dictionary) == n_cases
        and pa.types.is_string(chunk.type.value_type)
        and pa.types.is_int32(chunk.type.index_type)
    )


def _sort_order(case: Int32Array, ts: IntArray, src: IntArray, grouped: bool = False) -> IntArray | None:
    """Row order by (case, timestamp, src_order), or None when the rows are already in it.

    Exports usually list a case's rows together (`grouped`: the codes never go down): then only the
    cases whose rows are out of time order are sorted, which is far cheaper than sorting the whole table.
    """
    n = len(case)
    if n < 2:
        return None
    src_rising = bool((np.diff(src) > 0).all())
    if grouped:
        same = case[1:] == case[:-1]
    else:
        dc = np.diff(case)
        same = dc == 0 if (dc >= 0).all() else None
    if src_rising and same is not None:
        unsorted = same & (np.diff(ts) < 0)
        if not unsorted.any():
            return None
        bad = np.zeros(int(case.max()) + 1, dtype=bool)
        bad[case[1:][unsorted]] = True
        idx = np.flatnonzero(bad[case])
        order = np.arange(n, dtype=np.int64)
        order[idx] = idx[np.lexsort((ts[idx], case[idx]))]
        return order
    return np.lexsort((src, ts, case)).astype(np.int64)


@dataclass(frozen=True, eq=False)
class EventLog:
    """A normalised, sorted event table (build it with `EventLog.from_table`)."""

    table: pa.Table
    meta: dict[str, Any] = field(default_factory=dict)

    # ---- construction -------------------------------------------------------------------------
    @classmethod
    def from_table(cls, table: pa.Table, meta: dict[str, Any] | None = None) -> EventLog:
        """Normalise types, encode text, and sort by case, timestamp and source order (ties kept)."""
        for name in (CASE, ACTIVITY, TIMESTAMP):
            if name not in table.column_names:
                raise MiningError(f"the event table has no {name!r} column")
        n = table.num_rows
        if SRC_ORDER not in table.column_names:
            table = table.append_column(SRC_ORDER, pa.array(np.arange(n, dtype=np.int64)))
        for name in (RESOURCE, GROUP):
            if name not in table.column_names:
                table = table.append_column(name, pa.nulls(n, pa.string()))
        if CASE_INDEX in table.column_names:
            table = table.drop_columns([CASE_INDEX])
        ts_col = table[TIMESTAMP]
        if not pa.types.is_timestamp(ts_col.type):
            raise MiningError("the timestamp column must hold timestamps; parse it first")
        if ts_col.type != UTC_TYPE:
            ts_col = ts_col.cast(pa.timestamp("us", tz=ts_col.type.tz or "UTC")).cast(UTC_TYPE)
        if ts_col.null_count:
            raise MiningError("some events have no timestamp", column=TIMESTAMP)
        case_col = table[CASE]
        if case_col.null_count:
            raise MiningError("some events have no case id", column=CASE)
        if not _is_text(case_col.type) and not pa.types.is_dictionary(case_col.type):
            case_col = case_col.cast(pa.string())
        act_col = table[ACTIVITY]
        if act_col.null_count:
            raise MiningError("some events have no activity", column=ACTIVITY)
        table = table.set_column(table.schema.get_field_index(TIMESTAMP), TIMESTAMP, ts_col)
        case_enc, starts = _encode_cases(case_col)
        grouped = starts is not None
        table = table.set_column(table.schema.get_field_index(CASE), CASE, case_enc)
        case_codes = case_enc.indices.to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
        ts = table[TIMESTAMP].combine_chunks().cast(pa.int64()).to_numpy(zero_copy_only=False)
        src = table[SRC_ORDER].combine_chunks().cast(pa.int64()).to_numpy(zero_copy_only=False)
        order = _sort_order(case_codes, ts, src, grouped)
        del ts, src
        if order is not None:
            # grouped cases stay grouped: the order only moves rows within a case
            table = table.take(pa.array(order))
            case_codes = case_codes[order]
        log = cls._with_case_index(table, case_codes, meta or {}, numbered=grouped)
        if starts is not None and log.n_cases == len(starts) - 1:
            log.__dict__["case_starts"] = starts  # known from the runs: no pass over the codes
        return log

    @classmethod
    def _with_case_index(
        cls, table: pa.Table, case_codes: Int32Array, meta: dict[str, Any], numbered: bool = False
    ) -> EventLog:
        """Encode text columns and renumber cases 0..k-1 in row order (rows already sorted); `numbered`
        when the case column is already so numbered, with exactly its cases' ids as the dictionary."""
        n = table.num_rows
        columns, names = [], []
        case = table[CASE]
        if numbered:
            numbered = _numbered(case, len(case.chunk(0).dictionary) if case.num_chunks == 1 else -1)
        if not numbered:
            starts = np.flatnonzero(np.diff(case_codes)) + 1 if n else np.zeros(0, np.int64)
            index = np.zeros(n, dtype=np.int32)
            if n:
                index[starts] = 1
                index = np.cumsum(index, dtype=np.int32)
            first = np.concatenate([[0], starts]).astype(np.int64) if n else np.zeros(0, np.int64)
            numbered = (
                n > 0 and bool(np.array_equal(case_codes, index)) and _numbered(case, int(index[-1]) + 1)
            )
        text = [c for c in table.column_names if c != CASE and _is_encodable(table[c].type)]
        with ThreadPoolExecutor(max_workers=pa.cpu_count()) as pool:
            encoded = dict(zip(text, pool.map(lambda name: _encode(table[name]), text), strict=True))
        for name in table.column_names:
            col = table[name]
            if name == CASE and numbered:
                col = col.chunk(0)  # already numbered 0..k-1 in row order (the usual import)
            elif name == CASE:
                ids = col.take(pa.array(first))
                ids = ids.combine_chunks() if ids.num_chunks != 1 else ids.chunk(0)
                if pa.types.is_dictionary(ids.type):
                    ids = ids.dictionary_decode()
                col = pa.DictionaryArray.from_arrays(pa.array(index), ids.cast(pa.string()))
            elif name in encoded:
                col = encoded[name]
            columns.append(col)
            names.append(name)
        out = pa.table(columns, names=names)
        front = [c for c in CORE_COLUMNS if c in names]
        out = out.select(front + [c for c in names if c not in front])
        # the import's scratch space goes back to the system rather than staying in Arrow's pool
        pa.default_memory_pool().release_unused()
        return cls(out, dict(meta))

    # ---- arrays the kernels use -----------------------------------------------------------------
    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """A result derived from the table alone, computed once: the table never changes, and analyses
        run one after another on the same log (a map, then its performance view) share it."""
        cache: dict[str, Any] = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]  # type: ignore[no-any-return]

    @property
    def n_events(self) -> int:
        return int(self.table.num_rows)

    @cached_property
    def case_codes(self) -> Int32Array:
        col = self.table[CASE]
        chunk = col.chunk(0) if col.num_chunks == 1 else col.combine_chunks()
        return np.asarray(chunk.indices.to_numpy(zero_copy_only=False), dtype=np.int32)

    @cached_property
    def _case_dictionary(self) -> pa.Array:
        col = self.table[CASE]
        chunk = col.chunk(0) if col.num_chunks == 1 else col.combine_chunks()
        return chunk.dictionary

    @cached_property
    def case_ids(self) -> list[str]:
        """Every case id, in case order (a Python list: prefer `case_id_of` for a few)."""
        return [str(v) for v in self._case_dictionary.to_pylist()]

    def case_id_of(self, cases: Sequence[int]) -> list[str]:
        """The ids of some cases, by case number, without listing them all."""
        if not len(cases):
            return []
        return [str(v) for v in self._case_dictionary.take(pa.array(list(cases), pa.int64())).to_pylist()]

    @property
    def n_cases(self) -> int:
        return len(self._case_dictionary) if self.table.num_rows else 0

    @cached_property
    def case_starts(self) -> IntArray:
        """Offsets of each case's first event, plus the total at the end (length n_cases + 1)."""
        n = self.n_events
        if n == 0:
            return np.zeros(1, dtype=np.int64)
        starts = np.flatnonzero(np.diff(self.case_codes)) + 1
        return np.concatenate([[0], starts, [n]]).astype(np.int64)

    @cached_property
    def case_of_event(self) -> Int32Array:
        return self.case_codes

    @cached_property
    def same_case_next(self) -> BoolArray:
        """For event i < n-1: is event i+1 in the same case (a directly-follows pair)?"""
        codes = self.case_codes
        return np.asarray(codes[1:] == codes[:-1])

    @cached_property
    def timestamps(self) -> IntArray:
        """UTC microseconds since the epoch."""
        col = self.table[TIMESTAMP].combine_chunks().cast(pa.int64())
        return np.asarray(col.to_numpy(zero_copy_only=False), dtype=np.int64)

    def codes(self, column: str) -> tuple[Int32Array, list[str]]:
        """Integer codes (-1 for null) and their labels, for a text column."""
        if column not in self.table.column_names:
            raise MiningError(f"the log has no column {column!r}", hint=f"columns: {', '.join(self.columns)}")
        col = self.table[column]
        chunk = _encode(col)
        codes = chunk.indices.to_numpy(zero_copy_only=False)
        codes = np.where(np.isnan(codes), -1, codes) if codes.dtype.kind == "f" else codes
        labels = [str(v) for v in chunk.dictionary.to_pylist()]
        return np.asarray(codes, dtype=np.int32), labels

    @cached_property
    def activity(self) -> tuple[Int32Array, list[str]]:
        return self.codes(ACTIVITY)

    @property
    def columns(self) -> list[str]:
        return list(self.table.column_names)

    @property
    def attribute_columns(self) -> list[str]:
        return [c for c in self.table.column_names if c not in CORE_COLUMNS]

    def time_range(self) -> tuple[dt.datetime, dt.datetime] | None:
        if self.n_events == 0:
            return None
        ts = self.timestamps
        return to_datetime(int(ts.min())), to_datetime(int(ts.max()))

    # ---- subsets ------------------------------------------------------------------------------
    def take_events(self, mask: BoolArray) -> EventLog:
        """Keep the events where mask is true (order kept; cases left empty disappear)."""
        if mask.all():
            return self
        table = self.table.filter(pa.array(mask))
        return EventLog._with_case_index(table, self.case_codes[mask], self.meta)

    def take_cases(self, case_mask: BoolArray) -> EventLog:
        """Keep whole cases where case_mask (one flag per case) is true."""
        return self.take_events(case_mask[self.case_codes])

    # ---- storage --------------------------------------------------------------------------------
    def write_parquet(self, path: str | Path) -> Path:
        """Store as one Parquet file (zstd), with the import's metadata in the schema."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        table = self.table.append_column(CASE_INDEX, pa.array(self.case_codes))
        meta = dict(table.schema.metadata or {})
        meta[META_KEY] = json.dumps(self.meta, default=str).encode()
        table = table.replace_schema_metadata(meta)
        pq.write_table(table, path, compression="zstd", row_group_size=1 << 20)
        return path

    @classmethod
    def read_parquet(cls, path: str | Path, columns: list[str] | None = None) -> EventLog:
        """Read a dataset written by `write_parquet` (or any Parquet file with the core columns)."""
        path = Path(path)
        if not path.exists():
            raise MiningError("no such file", source=str(path))
        try:
            schema = pq.read_schema(path)
            text = [f.name for f in schema if _is_text(f.type)]
            wanted = None if columns is None else list(dict.fromkeys([*CORE_COLUMNS, CASE_INDEX, *columns]))
            if wanted is not None:
                wanted = [c for c in wanted if c in schema.names]
            table = pq.read_table(path, columns=wanted, read_dictionary=text)
        except (pa.ArrowInvalid, OSError) as exc:
            raise MiningError(f"not a readable Parquet file ({exc})", source=str(path)) from exc
        raw = (schema.metadata or {}).get(META_KEY)
        meta: dict[str, Any] = json.loads(raw) if raw else {"source": str(path)}
        table = table.replace_schema_metadata(None)
        if CASE_INDEX in table.column_names and TIMESTAMP in table.column_names:
            codes = table[CASE_INDEX].combine_chunks().to_numpy(zero_copy_only=False)
            table = table.drop_columns([CASE_INDEX])
            ts_type = table[TIMESTAMP].type
            if ts_type == UTC_TYPE:
                return cls._with_case_index(table, np.asarray(codes, dtype=np.int32), meta)
        return cls.from_table(table, meta)


def to_datetime(micros: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=micros)
