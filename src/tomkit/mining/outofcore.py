"""The same analyses out of core, with DuckDB over a Parquet dataset, for logs larger than memory.

DuckDB streams the dataset and spills its sorts and aggregates to a temporary folder when they pass
the memory limit. Directly-follows pairs come from a window per case ordered by timestamp and then
source order (the tie-breaker that keeps counts stable), so results equal the in-memory engine's:
the graph, variants, case durations, activity and log statistics, hand-overs and arrivals. Extensions
are never installed or loaded at run time: only those built in (Parquet) are used.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow.compute as pc

from tomkit.mining.backlog import STEPS, Arrivals, week_slots
from tomkit.mining.dfg import Dfg, Edge
from tomkit.mining.errors import MiningError
from tomkit.mining.handovers import Handover, HandoverReport, PingPong
from tomkit.mining.stats import ActivityStats, LogStats, Summary
from tomkit.mining.table import to_datetime
from tomkit.mining.variants import Variant, Variants

SEPARATOR = "\x1f"
"""Joins a case's activities into one variant key (the ASCII unit separator never occurs in names)."""


@dataclass(frozen=True)
class OutOfCore:
    """A DuckDB connection over one Parquet dataset, with a memory limit and a spill folder."""

    connection: duckdb.DuckDBPyConnection
    source: str
    column_types: dict[str, str] = field(default_factory=dict)
    """the dataset's columns and their DuckDB types"""

    @property
    def columns(self) -> list[str]:
        return list(self.column_types)

    def rows(self, query: str) -> list[tuple[Any, ...]]:
        result: list[tuple[Any, ...]] = self.connection.execute(query, [self.source]).fetchall()
        return result


def open_dataset(
    path: str | Path,
    memory_limit: str = "2GB",
    spill_dir: str | Path | None = None,
    threads: int | None = None,
) -> OutOfCore:
    """Open a normalised Parquet dataset (as written by `tomkit mine import`) for out-of-core queries."""
    path = Path(path)
    if not path.exists():
        raise MiningError("no such file", source=str(path))
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    con.execute(f"SET memory_limit = '{_size(memory_limit)}'")
    con.execute(f"SET temp_directory = '{_quote(str(spill_dir or tempfile.gettempdir()))}'")
    con.execute("SET preserve_insertion_order = false")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    try:
        columns = {
            str(r[0]): str(r[1])
            for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
        }
    except duckdb.Error as exc:
        raise MiningError(f"not a readable Parquet file ({exc})", source=str(path)) from exc
    missing = {"case_id", "activity", "timestamp", "src_order"} - columns.keys()
    if missing:
        raise MiningError(f"the dataset has no {', '.join(sorted(missing))} column", source=str(path))
    return OutOfCore(con, str(path), columns)


def _size(text: str) -> str:
    cleaned = text.strip().upper().replace(" ", "")
    if not cleaned[:-2].replace(".", "").isdigit() or cleaned[-2:] not in ("KB", "MB", "GB", "TB"):
        raise MiningError(f"memory limit {text!r} is not like 2GB or 512MB")
    return cleaned


def _quote(text: str) -> str:
    return text.replace("'", "''")


_EVENTS = """
    SELECT case_id::VARCHAR AS case_id, activity::VARCHAR AS activity,
           epoch_us(timestamp::TIMESTAMPTZ) AS us, src_order
    FROM read_parquet(?)
"""
_ORDERED = f"""
    WITH e AS ({_EVENTS})
    SELECT case_id, activity, us,
           lead(activity) OVER w AS nxt, lead(us) OVER w AS nus, row_number() OVER w AS pos
    FROM e WINDOW w AS (PARTITION BY case_id ORDER BY us, src_order)
"""


def discover_dfg(data: OutOfCore) -> Dfg:
    """Frequency and performance directly-follows graph with start and end activities."""
    edges_rows = data.rows(f"""
        WITH o AS ({_ORDERED})
        SELECT activity, nxt, count(*), sum((nus - us) / 1e6), min((nus - us) / 1e6), max((nus - us) / 1e6),
               quantile_cont((nus - us) / 1e6, 0.5), coalesce(stddev_samp((nus - us) / 1e6), 0)
        FROM o WHERE nxt IS NOT NULL GROUP BY activity, nxt
    """)  # fmt: skip
    ends = data.rows(f"""
        WITH o AS ({_ORDERED})
        SELECT 'start' AS kind, activity, count(*) FROM o WHERE pos = 1 GROUP BY activity
        UNION ALL SELECT 'end', activity, count(*) FROM o WHERE nxt IS NULL GROUP BY activity
    """)  # fmt: skip
    totals = data.rows(f"WITH e AS ({_EVENTS}) SELECT activity, count(*) FROM e GROUP BY activity")
    n_cases, n_events = data.rows(f"WITH e AS ({_EVENTS}) SELECT count(DISTINCT case_id), count(*) FROM e")[0]
    edges = [
        Edge(a, b, int(n), mean=float(total) / int(n), median=float(median), min=float(lo), max=float(hi),
             total=float(total), stdev=float(sd))
        for a, b, n, total, lo, hi, median, sd in edges_rows
    ]  # fmt: skip
    edges.sort(key=lambda e: (-e.count, e.source, e.target))

    def counted(pairs: list[tuple[str, int]]) -> dict[str, int]:
        return {a: int(n) for a, n in sorted(pairs, key=lambda p: (-int(p[1]), p[0]))}

    return Dfg(
        activities=counted([(a, n) for a, n in totals]),
        edges=edges,
        start=counted([(a, n) for kind, a, n in ends if kind == "start"]),
        end=counted([(a, n) for kind, a, n in ends if kind == "end"]),
        n_cases=int(n_cases),
        n_events=int(n_events),
        performance=True,
    )


def discover_variants(data: OutOfCore) -> Variants:
    """Variants with counts, shares and median durations (the example is the smallest case id)."""
    rows = data.rows(f"""
        WITH e AS ({_EVENTS}),
        c AS (SELECT case_id, string_agg(activity, '{SEPARATOR}' ORDER BY us, src_order) AS trace,
                     (max(us) - min(us)) / 1e6 AS d FROM e GROUP BY case_id)
        SELECT trace, count(*), quantile_cont(d, 0.5), min(case_id) FROM c GROUP BY trace
    """)  # fmt: skip
    total = sum(int(r[1]) for r in rows)
    found = [
        Variant(tuple(trace.split(SEPARATOR)), int(n), int(n) / total, float(median), example)
        for trace, n, median, example in rows
    ]
    found.sort(key=lambda v: (-v.count, v.activities))
    return Variants(found, total)


def case_durations(data: OutOfCore) -> list[float]:
    """Every case's duration in seconds, ascending."""
    rows = data.rows(
        f"WITH e AS ({_EVENTS}) SELECT (max(us) - min(us)) / 1e6 AS d FROM e GROUP BY case_id ORDER BY d"
    )
    return [float(r[0]) for r in rows]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _text(data: OutOfCore, column: str, required: bool = True) -> str:
    """A text column as SQL (NULL when an optional column is absent, as the import adds it blank)."""
    if column in data.columns:
        return f"{_ident(column)}::VARCHAR"
    if required:
        raise MiningError(
            f"the log has no column {column!r}", hint=f"columns: {', '.join(sorted(data.columns))}"
        )
    return "NULL::VARCHAR"


def activity_stats(data: OutOfCore) -> list[ActivityStats]:
    """Per activity: events, cases, rework (cases repeating it, repeats beyond the first), resources."""
    rows = data.rows(f"""
        WITH e AS (SELECT case_id::VARCHAR AS case_id, activity::VARCHAR AS activity,
                          {_text(data, "resource", required=False)} AS resource FROM read_parquet(?)),
        per_case AS (SELECT activity, case_id, count(*) AS n FROM e GROUP BY activity, case_id),
        a AS (SELECT activity, sum(n) AS events, count(*) AS cases, count(*) FILTER (WHERE n > 1) AS rework,
                     sum(n - 1) AS repeats FROM per_case GROUP BY activity),
        r AS (SELECT activity, count(DISTINCT resource) AS resources FROM e GROUP BY activity)
        SELECT a.activity, a.events, a.cases, a.rework, a.repeats, coalesce(r.resources, 0)
        FROM a LEFT JOIN r ON a.activity = r.activity
    """)  # fmt: skip
    found = [ActivityStats(a, int(n), int(c), int(rw), int(rp), int(res)) for a, n, c, rw, rp, res in rows]
    found.sort(key=lambda s: (-s.events, s.activity))
    return found


def _summary(row: tuple[Any, ...]) -> Summary:
    """A `Summary` from (count, mean, median, p90, min, max), all zero for no values."""
    if not row[0]:
        return Summary(0, 0.0, 0.0, 0.0, 0.0, 0.0)
    return Summary(int(row[0]), *(float(v) for v in row[1:]))


def log_stats(data: OutOfCore) -> LogStats:
    """Event, case and activity counts, time range, events per case, case durations and rework."""
    n_events, n_cases, n_activities, first, last = data.rows(f"""
        WITH e AS ({_EVENTS}) SELECT count(*), count(DISTINCT case_id), count(DISTINCT activity), min(us), max(us)
        FROM e
    """)[0]  # fmt: skip
    per_case = data.rows(f"""
        WITH e AS ({_EVENTS}),
        c AS (SELECT count(*) AS n, (max(us) - min(us)) / 1e6 AS d, count(*) > count(DISTINCT activity) AS rw
              FROM e GROUP BY case_id)
        SELECT count(*), sum(n), quantile_cont(n, 0.5), quantile_cont(n, 0.9), min(n), max(n),
               avg(d), quantile_cont(d, 0.5), quantile_cont(d, 0.9), min(d), max(d), count(*) FILTER (WHERE rw)
        FROM c
    """)[0]  # fmt: skip
    count, total = int(per_case[0]), per_case[1]
    mean = float(total) / count if count else 0.0  # as numpy: the integer sum is exact
    return LogStats(
        n_events=int(n_events),
        n_cases=int(n_cases),
        n_activities=int(n_activities),
        first=to_datetime(int(first)).isoformat() if n_events else None,
        last=to_datetime(int(last)).isoformat() if n_events else None,
        events_per_case=_summary((count, mean, *per_case[2:6])),
        case_duration=_summary((count, *per_case[6:11])),
        activities=activity_stats(data),
        rework_cases=int(per_case[11]),
    )


def handovers(data: OutOfCore, column: str = "group") -> HandoverReport:
    """Hand-overs, ping-pong (A -> B -> A) and reassignments per case, over the owner sequence.

    A case's owner sequence is the column's values in event order with blanks skipped and repeats
    collapsed (A, blank, A is one step); each step to the next owner is one hand-over.
    """
    owner = _text(data, column)
    steps = f"""
        WITH e AS (SELECT case_id::VARCHAR AS case_id, {owner} AS owner, epoch_us(timestamp::TIMESTAMPTZ) AS us,
                          src_order FROM read_parquet(?)),
        k AS (SELECT case_id, owner, us, src_order FROM e WHERE owner IS NOT NULL
              QUALIFY owner IS DISTINCT FROM lag(owner) OVER (PARTITION BY case_id ORDER BY us, src_order)),
        s AS (SELECT case_id, owner, lead(owner) OVER w AS nxt, lead(owner, 2) OVER w AS nxt2
              FROM k WINDOW w AS (PARTITION BY case_id ORDER BY us, src_order))
    """  # fmt: skip
    rows = data.rows(f"""
        {steps}
        SELECT 'hand', owner, nxt, count(*), count(DISTINCT case_id) FROM s WHERE nxt IS NOT NULL GROUP BY owner, nxt
        UNION ALL
        SELECT 'ping', owner, nxt, count(*), count(DISTINCT case_id) FROM s WHERE nxt2 = owner GROUP BY owner, nxt
        UNION ALL
        SELECT 'cases', NULL, NULL, count(DISTINCT case_id), NULL FROM s WHERE nxt2 = owner
    """)  # fmt: skip
    per_case = data.rows(f"""
        {steps},
        n AS (SELECT case_id, count(*) - 1 AS h FROM s GROUP BY case_id),
        c AS (SELECT DISTINCT case_id FROM e)
        SELECT coalesce(n.h, 0) AS hops, count(*) FROM c LEFT JOIN n ON c.case_id = n.case_id GROUP BY hops ORDER BY hops
    """)  # fmt: skip
    hand = [Handover(a, b, int(n), int(c)) for kind, a, b, n, c in rows if kind == "hand"]
    hand.sort(key=lambda h: (-h.count, h.source, h.target))
    pings = [PingPong(a, b, int(n), int(c)) for kind, a, b, n, c in rows if kind == "ping"]
    pings.sort(key=lambda p: (-p.count, p.first, p.second))
    reassignments = {int(h): int(n) for h, n in per_case}
    return HandoverReport(
        column=column,
        n_cases=sum(reassignments.values()),
        handovers=hand,
        ping_pong=pings,
        ping_pong_cases=next(int(n) for kind, _a, _b, n, _c in rows if kind == "cases"),
        reassignments=reassignments,
    )


def arrivals(data: OutOfCore, timezone: str = "UTC") -> Arrivals:
    """Cases opened by weekday and hour in a time zone, overall and per channel (a case's first one).

    A case opens at its first event, or at its `opened_at` when that is earlier. DuckDB counts the
    cases per distinct opening time and channel; the local hour and weekday of those times come from
    Arrow's time-zone kernels, batch by batch, as in the in-memory engine.
    """
    kinds = data.column_types
    kind = kinds.get("opened_at", "")
    opened = (
        f"epoch_us({_ident('opened_at')})"
        if kind in ("TIMESTAMP WITH TIME ZONE", "TIMESTAMP")
        else f"epoch_us({_ident('opened_at')}::{'TIMESTAMPTZ' if 'TZ' in kind else 'TIMESTAMP'})"
        if kind.startswith("TIMESTAMP")  # other units (ns, ms, s); naive ones are UTC, as in memory
        else "NULL::BIGINT"
    )
    channel = _text(data, "channel", required=False)
    query = f"""
        WITH e AS (SELECT case_id::VARCHAR AS case_id, epoch_us(timestamp::TIMESTAMPTZ) AS us, src_order,
                          {opened} AS op, {channel} AS channel FROM read_parquet(?)),
        f AS (SELECT case_id, us, op FROM e QUALIFY row_number() OVER (PARTITION BY case_id ORDER BY us, src_order) = 1),
        ch AS (SELECT case_id, channel FROM e WHERE channel IS NOT NULL
               QUALIFY row_number() OVER (PARTITION BY case_id ORDER BY us, src_order) = 1)
        SELECT CASE WHEN f.op IS NOT NULL THEN least(f.op, f.us) ELSE f.us END AS opened, ch.channel, count(*)
        FROM f LEFT JOIN ch ON f.case_id = ch.case_id GROUP BY ALL
    """  # fmt: skip
    total = np.zeros(7 * 24, dtype=np.int64)
    per_channel: dict[str, npt.NDArray[np.int64]] = {}
    low: int | None = None
    high: int | None = None
    for batch in data.connection.sql(query, params=[data.source]).to_arrow_reader(1 << 17):
        if batch.num_rows == 0:
            continue
        slot = week_slots(batch.column(0), timezone)
        counts = batch.column(2).to_numpy(zero_copy_only=False).astype(np.int64)
        total += np.bincount(slot, weights=counts, minlength=7 * 24).astype(np.int64)
        lo, hi = (int(v.as_py()) for v in pc.min_max(batch.column(0)).values())
        low, high = (lo, hi) if low is None or high is None else (min(low, lo), max(high, hi))
        channels = pc.dictionary_encode(batch.column(1))
        index = pc.fill_null(channels.indices, -1).to_numpy(zero_copy_only=False)
        for i, name in enumerate(channels.dictionary.to_pylist()):
            hit = index == i
            grid = per_channel.setdefault(str(name), np.zeros(7 * 24, dtype=np.int64))
            grid += np.bincount(slot[hit], weights=counts[hit], minlength=7 * 24).astype(np.int64)
    span = (high - low) / STEPS["week"] if low is not None and high is not None else 0.0
    # channels in the order the source first names them, as the in-memory log's dictionary has them
    first_seen = {
        str(name): int(first)
        for name, first in data.rows(
            f"SELECT {channel}, min(src_order) FROM read_parquet(?) WHERE {channel} IS NOT NULL GROUP BY 1"
        )
    }

    def rows(flat: npt.NDArray[np.int64]) -> list[list[int]]:
        return [[int(flat[d * 24 + h]) for h in range(24)] for d in range(7)]

    by_channel = {name: rows(per_channel[name]) for name in sorted(per_channel, key=first_seen.__getitem__)}
    return Arrivals(timezone, max(span, 1.0), rows(total), by_channel)
