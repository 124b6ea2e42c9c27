"""The same analyses out of core, with DuckDB over a Parquet dataset, for logs larger than memory.

DuckDB streams the dataset and spills its sorts and aggregates to a temporary folder when they pass
the memory limit. Directly-follows pairs come from a window per case ordered by timestamp and then
source order (the tie-breaker that keeps counts stable), so results equal the in-memory engine's.
Extensions are never installed or loaded at run time: only those built in (Parquet) are used.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from tomkit.mining.dfg import Dfg, Edge
from tomkit.mining.errors import MiningError
from tomkit.mining.variants import Variant, Variants

SEPARATOR = "\x1f"
"""Joins a case's activities into one variant key (the ASCII unit separator never occurs in names)."""


@dataclass(frozen=True)
class OutOfCore:
    """A DuckDB connection over one Parquet dataset, with a memory limit and a spill folder."""

    connection: duckdb.DuckDBPyConnection
    source: str

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
            r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
        }
    except duckdb.Error as exc:
        raise MiningError(f"not a readable Parquet file ({exc})", source=str(path)) from exc
    missing = {"case_id", "activity", "timestamp", "src_order"} - columns
    if missing:
        raise MiningError(f"the dataset has no {', '.join(sorted(missing))} column", source=str(path))
    return OutOfCore(con, str(path))


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
