"""The same analyses on Apache Spark, for logs that outgrow one machine.

The normalised event table (a Parquet dataset written by `tomkit mine import`, or an in-memory log)
is read into a Spark DataFrame; directly-follows pairs, owner sequences and first events come from a
window or ordering per case by timestamp and source order, the same tie-breaker the embedded engine
uses, so results are identical: the graph, variants, case durations, activity and log statistics,
hand-overs and arrivals. Each function returns the embedded engine's result type.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from tomkit.mining.dfg import Dfg, Edge
from tomkit.mining.errors import MiningError
from tomkit.mining.spark_cases import activity_stats, arrivals, handovers, log_stats
from tomkit.mining.table import ACTIVITY, CASE, SRC_ORDER, TIMESTAMP, EventLog
from tomkit.mining.variants import Variant, Variants

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = [
    "activity_stats", "arrivals", "case_durations", "discover_dfg", "discover_variants", "handovers",
    "log_stats", "spark_session", "to_spark",
]  # fmt: skip


def spark_session(master: str = "local[2]", app_name: str = "tomkit-mining", **conf: str) -> SparkSession:
    """A Spark session set up for event logs (UTC session time zone, few shuffle partitions locally).

    Local Python workers run this interpreter (unless PYSPARK_PYTHON says otherwise), so they have the
    same Arrow as the driver.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MiningError(
            "Spark is not installed", hint="install the spark extra: pip install 'tomkit[spark]'"
        ) from exc
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    )
    for key, value in conf.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def to_spark(spark: SparkSession, log: EventLog | str | Path) -> DataFrame:
    """The event table as a Spark DataFrame (from a Parquet dataset path, or an in-memory log)."""
    from pyspark.sql import functions as F

    if isinstance(log, (str, Path)):
        frame = spark.read.parquet(str(log))
    else:
        frame = spark.createDataFrame(_plain(log.table))
    missing = [c for c in (CASE, ACTIVITY, TIMESTAMP, SRC_ORDER) if c not in frame.columns]
    if missing:
        raise MiningError(f"the Spark table has no {', '.join(missing)} column")
    return frame.withColumn("_us", F.unix_micros(F.col(TIMESTAMP).cast("timestamp")))


_AS_THEY_ARE = (
    pa.types.is_string,
    pa.types.is_timestamp,
    pa.types.is_boolean,
    pa.types.is_integer,
    pa.types.is_floating,
)


def _plain(table: pa.Table) -> pa.Table:
    """The event table in types Spark takes from Arrow: text as plain strings, timestamps and numbers as
    they are; columns of other types (lists, structs) are left out, as no analysis here reads them."""
    columns: dict[str, pa.Array | pa.ChunkedArray] = {}
    for name in table.column_names:
        column, kind = table[name], table[name].type
        if pa.types.is_dictionary(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind):
            columns[name] = column.cast(pa.string())
        elif pa.types.is_timestamp(kind) and kind.unit != "us":  # Spark keeps microseconds
            columns[name] = pc.cast(column, pa.timestamp("us", tz=kind.tz), safe=False)
        elif any(test(kind) for test in _AS_THEY_ARE):
            columns[name] = column
    return pa.table(columns)


def _ordered(frame: DataFrame) -> DataFrame:
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    window = Window.partitionBy(CASE).orderBy("_us", SRC_ORDER)
    return (
        frame.withColumn("_next", F.lead(ACTIVITY).over(window))
        .withColumn("_next_us", F.lead("_us").over(window))
        .withColumn("_pos", F.row_number().over(window))
    )


def discover_dfg(frame: DataFrame) -> Dfg:
    """Frequency and performance directly-follows graph, start and end activities, on Spark."""
    from pyspark.sql import functions as F

    ordered = _ordered(frame).cache()
    try:
        pairs = ordered.where(F.col("_next").isNotNull()).withColumn(
            "_d", (F.col("_next_us") - F.col("_us")) / 1e6
        )
        rows = (
            pairs.groupBy(ACTIVITY, "_next")
            .agg(
                F.count("*").alias("n"),
                F.sum("_d").alias("total"),
                F.min("_d").alias("lo"),
                F.max("_d").alias("hi"),
                F.expr("percentile(_d, 0.5)").alias("median"),
                F.stddev_samp("_d").alias("sd"),
            )
            .collect()
        )
        edges = [
            Edge(
                r[ACTIVITY], r["_next"], int(r["n"]), mean=float(r["total"]) / int(r["n"]), median=float(r["median"]),
                min=float(r["lo"]), max=float(r["hi"]), total=float(r["total"]), stdev=float(r["sd"] or 0.0),
            )
            for r in rows
        ]  # fmt: skip
        edges.sort(key=lambda e: (-e.count, e.source, e.target))
        start = ordered.where(F.col("_pos") == 1).groupBy(ACTIVITY).count().collect()
        end = ordered.where(F.col("_next").isNull()).groupBy(ACTIVITY).count().collect()
        acts = ordered.groupBy(ACTIVITY).count().collect()
        n_cases = ordered.select(CASE).distinct().count()
        n_events = ordered.count()
    finally:
        ordered.unpersist()

    def counted(found: list[Any]) -> dict[str, int]:
        return {
            r[ACTIVITY]: int(r["count"]) for r in sorted(found, key=lambda r: (-int(r["count"]), r[ACTIVITY]))
        }

    return Dfg(counted(acts), edges, counted(start), counted(end), n_cases, n_events, performance=True)


def case_durations(frame: DataFrame) -> list[float]:
    """Every case's duration in seconds, ascending."""
    from pyspark.sql import functions as F

    rows = frame.groupBy(CASE).agg(((F.max("_us") - F.min("_us")) / 1e6).alias("d")).collect()
    return sorted(float(r["d"]) for r in rows)


def discover_variants(frame: DataFrame) -> Variants:
    """Variants with counts, shares and median durations (the example case is the smallest case id)."""
    from pyspark.sql import functions as F

    traces = frame.groupBy(CASE).agg(
        F.array_sort(F.collect_list(F.struct("_us", SRC_ORDER, ACTIVITY))).alias("_events"),
        ((F.max("_us") - F.min("_us")) / 1e6).alias("_d"),
    )
    traces = traces.withColumn("_trace", F.col(f"_events.{ACTIVITY}"))
    rows = (
        traces.groupBy("_trace")
        .agg(
            F.count("*").alias("n"),
            F.expr("percentile(_d, 0.5)").alias("median"),
            F.min(CASE).alias("example"),
        )
        .collect()
    )
    total = sum(int(r["n"]) for r in rows)
    found = [
        Variant(tuple(r["_trace"]), int(r["n"]), int(r["n"]) / total, float(r["median"]), r["example"])
        for r in rows
    ]
    found.sort(key=lambda v: (-v.count, v.activities))
    return Variants(found, total)
