"""Case-level analyses on Spark: activity and log statistics, hand-overs and ping-pong, arrivals.

Frames come from `tomkit.mining.spark.to_spark` (they carry `_us`, the timestamp in UTC µs). Event
order within a case is timestamp then source order, as everywhere; results equal the embedded
engine's (`stats`, `handovers`, `backlog.arrivals`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tomkit.mining.backlog import STEPS, Arrivals, week_slots
from tomkit.mining.errors import MiningError
from tomkit.mining.handovers import Handover, HandoverReport, PingPong
from tomkit.mining.stats import ActivityStats, LogStats, Summary
from tomkit.mining.table import ACTIVITY, CASE, RESOURCE, SRC_ORDER, to_datetime

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame


def _text(frame: DataFrame, column: str) -> Column:
    from pyspark.sql import functions as F

    if column not in frame.columns:
        raise MiningError(
            f"the log has no column {column!r}",
            hint=f"columns: {', '.join(c for c in frame.columns if c != '_us')}",
        )
    return F.col(column).cast("string")


def activity_stats(frame: DataFrame) -> list[ActivityStats]:
    """Per activity: events, cases, rework (cases repeating it, repeats beyond the first), resources."""
    from pyspark.sql import functions as F

    per_case = frame.groupBy(ACTIVITY, CASE).agg(F.count("*").alias("n"))
    stats = per_case.groupBy(ACTIVITY).agg(
        F.sum("n").alias("events"),
        F.count("*").alias("cases"),
        F.count(F.when(F.col("n") > 1, 1)).alias("rework"),
        F.sum(F.col("n") - 1).alias("repeats"),
    )
    if RESOURCE in frame.columns:
        resources = frame.groupBy(ACTIVITY).agg(F.countDistinct(_text(frame, RESOURCE)).alias("resources"))
        stats = stats.join(resources, ACTIVITY, "left")
    else:
        stats = stats.withColumn("resources", F.lit(0))
    found = [
        ActivityStats(
            r[ACTIVITY], int(r["events"]), int(r["cases"]), int(r["rework"]), int(r["repeats"]),
            int(r["resources"] or 0),
        )
        for r in stats.collect()
    ]  # fmt: skip
    found.sort(key=lambda s: (-s.events, s.activity))
    return found


def log_stats(frame: DataFrame) -> LogStats:
    """Event, case and activity counts, time range, events per case, case durations and rework."""
    from pyspark.sql import functions as F

    totals = frame.agg(
        F.count("*").alias("events"), F.countDistinct(ACTIVITY).alias("acts"), F.min("_us"), F.max("_us")
    ).collect()[0]
    cases = frame.groupBy(CASE).agg(
        F.count("*").alias("n"),
        ((F.max("_us") - F.min("_us")) / 1e6).alias("d"),
        (F.count("*") > F.countDistinct(ACTIVITY)).alias("rw"),
    )
    row = cases.agg(
        F.count("*"), F.sum("n"), F.percentile("n", F.array(F.lit(0.5), F.lit(0.9))), F.min("n"), F.max("n"),
        F.avg("d"), F.percentile("d", F.array(F.lit(0.5), F.lit(0.9))), F.min("d"), F.max("d"),
        F.count(F.when(F.col("rw"), 1)),
    ).collect()[0]  # fmt: skip
    count = int(row[0])
    n_events = int(totals["events"])

    def summary(mean: float, quantiles: list[float] | None, lo: Any, hi: Any) -> Summary:
        if not count or quantiles is None:
            return Summary(0, 0.0, 0.0, 0.0, 0.0, 0.0)
        return Summary(count, float(mean), float(quantiles[0]), float(quantiles[1]), float(lo), float(hi))

    return LogStats(
        n_events=n_events,
        n_cases=count,
        n_activities=int(totals["acts"]),
        first=to_datetime(int(totals[2])).isoformat() if n_events else None,
        last=to_datetime(int(totals[3])).isoformat() if n_events else None,
        # as numpy: the mean of integer counts is their exact sum over the count
        events_per_case=summary(int(row[1] or 0) / count if count else 0.0, row[2], row[3], row[4]),
        case_duration=summary(row[5], row[6], row[7], row[8]),
        activities=activity_stats(frame),
        rework_cases=int(row[9]),
    )


def handovers(frame: DataFrame, column: str = "group") -> HandoverReport:
    """Hand-overs, ping-pong (A -> B -> A) and reassignments per case, over the owner sequence.

    A case's owner sequence is the column's values in event order (timestamp, then source order) with
    blanks skipped and repeats collapsed (A, blank, A is one step); each step is one hand-over.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    window = Window.partitionBy(CASE).orderBy("_us", SRC_ORDER)
    owner = _text(frame, column).alias("_owner")
    known = frame.select(CASE, owner, "_us", SRC_ORDER).where(F.col("_owner").isNotNull())
    steps = (
        known.withColumn("_prev", F.lag("_owner").over(window))
        .where(~F.col("_owner").eqNullSafe(F.col("_prev")))
        .withColumn("_next", F.lead("_owner").over(window))
        .withColumn("_ping", F.lead("_owner", 2).over(window) == F.col("_owner"))
    ).cache()
    try:
        pairs = (
            steps.where(F.col("_next").isNotNull())
            .groupBy("_owner", "_next")
            .agg(
                F.count("*").alias("n"),
                F.countDistinct(CASE).alias("cases"),
                F.count(F.when(F.col("_ping"), 1)).alias("ping_n"),
                F.countDistinct(F.when(F.col("_ping"), F.col(CASE))).alias("ping_cases"),
            )
            .collect()
        )
        per_case = steps.groupBy(CASE).agg(
            (F.count("*") - 1).alias("_hops"),
            F.max(F.coalesce(F.col("_ping"), F.lit(False))).alias("_pinged"),
        )
        spread = (
            frame.select(CASE)
            .distinct()
            .join(per_case, CASE, "left")
            .groupBy(F.coalesce(F.col("_hops"), F.lit(0)).alias("hops"))
            .agg(F.count("*").alias("n"), F.count(F.when(F.col("_pinged"), 1)).alias("pinged"))
            .collect()
        )
    finally:
        steps.unpersist()
    hand = [Handover(r["_owner"], r["_next"], int(r["n"]), int(r["cases"])) for r in pairs]
    hand.sort(key=lambda h: (-h.count, h.source, h.target))
    pings = [
        PingPong(r["_owner"], r["_next"], int(r["ping_n"]), int(r["ping_cases"]))
        for r in pairs
        if r["ping_n"]
    ]
    pings.sort(key=lambda p: (-p.count, p.first, p.second))
    reassignments = {int(r["hops"]): int(r["n"]) for r in sorted(spread, key=lambda r: int(r["hops"]))}
    return HandoverReport(
        column=column,
        n_cases=sum(reassignments.values()),
        handovers=hand,
        ping_pong=pings,
        ping_pong_cases=sum(int(r["pinged"]) for r in spread),
        reassignments=reassignments,
    )


def arrivals(frame: DataFrame, timezone: str = "UTC") -> Arrivals:
    """Cases opened by weekday and hour in a time zone, overall and per channel (a case's first one).

    A case opens at its first event, or at its `opened_at` when that is earlier. Spark counts the
    cases per distinct opening time and channel; the local hour and weekday come from Arrow's
    time-zone kernels on the executors (as in the in-memory engine, so the time-zone rules are the
    same ones), and only the 7 x 24 counts per channel come back.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.types import TimestampNTZType, TimestampType

    opened_type = frame.schema["opened_at"].dataType if "opened_at" in frame.columns else None
    opened = (
        F.unix_micros(F.col("opened_at").cast("timestamp"))
        if isinstance(opened_type, TimestampType | TimestampNTZType)
        else F.lit(None).cast("long")
    )
    channel = _text(frame, "channel") if "channel" in frame.columns else F.lit(None).cast("string")
    first = frame.groupBy(CASE).agg(
        F.min(F.struct("_us", SRC_ORDER, opened.alias("op"))).alias("_f"),
        F.min(F.when(channel.isNotNull(), F.struct("_us", SRC_ORDER, channel.alias("ch")))).alias("_c"),
    )
    start = F.when(F.col("_f.op").isNotNull(), F.least("_f.op", "_f._us")).otherwise(F.col("_f._us"))
    times = (
        first.select(start.alias("_opened"), F.col("_c.ch").alias("_channel"))
        .groupBy("_opened", "_channel")
        .agg(F.count("*").alias("n"))
        .cache()
    )
    try:
        low, high, n_times = times.agg(F.min("_opened"), F.max("_opened"), F.count("*")).collect()[0]
        if n_times:
            # an unknown zone fails here, with a clear error
            week_slots(pa.array([low], pa.int64()), timezone)
        slotted = times.mapInArrow(_slotter(timezone), "_slot int, _channel string, n long")
        counted = slotted.groupBy("_slot", "_channel").agg(F.sum("n").alias("n")).collect()
    finally:
        times.unpersist()
    seen = {
        r[0]: int(r[1])
        for r in frame.where(channel.isNotNull()).groupBy(channel).agg(F.min(SRC_ORDER)).collect()
    } if "channel" in frame.columns else {}  # fmt: skip
    total = [[0] * 24 for _ in range(7)]
    per_channel: dict[str, list[list[int]]] = {}
    for r in counted:
        day, hour = divmod(int(r["_slot"]), 24)
        total[day][hour] += int(r["n"])
        if r["_channel"] is not None:
            per_channel.setdefault(r["_channel"], [[0] * 24 for _ in range(7)])[day][hour] += int(r["n"])
    span = (int(high) - int(low)) / STEPS["week"] if n_times else 0.0
    by_channel = {name: per_channel[name] for name in sorted(per_channel, key=seen.__getitem__)}
    return Arrivals(timezone, max(span, 1.0), total, by_channel)


def _slotter(timezone: str) -> Callable[[Iterable[pa.RecordBatch]], Iterable[pa.RecordBatch]]:
    """The executors' step of `arrivals`: (opening time, channel, n) batches to (slot, channel, n).

    Self-contained (Arrow and NumPy only), so executors need no tomkit; the same kernels as
    `tomkit.mining.backlog.week_slots`.
    """

    def slot(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            local = batch.column(0).cast(pa.int64()).cast(pa.timestamp("us", tz="UTC"))
            local = local.cast(pa.timestamp("us", tz=timezone))
            hours = pc.hour(local).to_numpy(zero_copy_only=False).astype(np.int64)
            days = pc.day_of_week(local).to_numpy(zero_copy_only=False).astype(np.int64)
            yield pa.record_batch(
                [pa.array((days * 24 + hours).astype(np.int32)), batch.column(1).cast(pa.string()),
                 batch.column(2).cast(pa.int64())],
                names=["_slot", "_channel", "n"],
            )  # fmt: skip

    return slot
