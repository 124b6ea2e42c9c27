"""`tomkit mine dfg|variants|stats|handovers`: how work flows through the log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from tomkit.cli.mine_common import (
    ClassifierOption,
    ExcludeOption,
    FollowsOption,
    FromOption,
    LogArgument,
    MaxHoursOption,
    MinHoursOption,
    OutOfCoreOption,
    PresetOption,
    ToOption,
    TopVariantsOption,
    WhereOption,
    WindowOption,
    build_filter,
    dataset_path,
    load_log,
    refuse_filters,
    to_hours,
)
from tomkit.cli.output import (
    Column,
    FormatOption,
    OutputFormat,
    emit,
    emit_json,
    fail,
    stderr,
    stdout,
)


def dfg(
    log: LogArgument,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the process map as SVG (or .dot) to this file."),
    ] = None,
    performance: Annotated[
        bool, typer.Option("--performance", help="Label the map with durations instead of counts.")
    ] = False,
    statistic: Annotated[
        str, typer.Option("--statistic", help="Duration shown: mean, median, min, max, total.")
    ] = "median",
    activities: Annotated[
        int | None, typer.Option("--activities", help="Keep the N most frequent activities.")
    ] = None,
    paths: Annotated[
        int | None, typer.Option("--paths", help="Keep the N most frequent paths between them.")
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
    preset: PresetOption = None,
    classifier: ClassifierOption = None,
    start: FromOption = None,
    end: ToOption = None,
    window: WindowOption = "intersecting",
    where: WhereOption = None,
    exclude: ExcludeOption = None,
    follows: FollowsOption = None,
    top_variants: TopVariantsOption = None,
    min_hours: MinHoursOption = None,
    max_hours: MaxHoursOption = None,
    out_of_core: OutOfCoreOption = None,
) -> None:
    """The directly-follows graph (process map): edges with counts and durations, start and end activities."""
    from tomkit.mining.dfg import discover_dfg
    from tomkit.render.process_map import process_map_dot, process_map_svg

    if statistic not in ("mean", "median", "min", "max", "total"):
        raise typer.BadParameter(f"unknown statistic {statistic!r}", param_hint="--statistic")
    spec = build_filter(start, end, window, where, exclude, follows, top_variants, min_hours, max_hours)
    if out_of_core:
        from tomkit.mining import outofcore

        refuse_filters(spec)
        graph = outofcore.discover_dfg(outofcore.open_dataset(dataset_path(log), out_of_core)).top(
            activities, paths
        )
    else:
        graph = discover_dfg(load_log(log, preset, classifier, spec)).top(activities, paths)
    mode = "performance" if performance else "frequency"
    if output is not None:
        if output.suffix.lower() == ".dot":
            output.write_text(process_map_dot(graph, mode, statistic).source, encoding="utf-8")  # type: ignore[arg-type]
        elif output.suffix.lower() == ".svg":
            output.write_text(process_map_svg(graph, mode, statistic), encoding="utf-8")  # type: ignore[arg-type]
        else:
            fail(f"cannot write {output.name!r}: the map must end in .svg or .dot")
        if fmt is OutputFormat.TABLE:
            stdout().print(f"wrote {output}")
            return
        stderr().print(f"wrote {output}")
    rows = [
        {"source": e.source, "target": e.target, "count": e.count, "mean_h": to_hours(e.mean),
         "median_h": to_hours(e.median), "min_h": to_hours(e.min), "max_h": to_hours(e.max), "total_h": to_hours(e.total)}
        for e in graph.edges
    ]  # fmt: skip
    columns = [Column(k, k, justify="right" if k not in ("source", "target") else "left") for k in rows[0]] if rows else [
        Column("source", "source"), Column("target", "target"), Column("count", "count")]  # fmt: skip
    emit(
        rows,
        columns,
        fmt,
        title=f"{graph.n_cases:,} cases, {graph.n_events:,} events, {len(graph.activities)} activities",
        data={
            "activities": graph.activities,
            "start": graph.start,
            "end": graph.end,
            "edges": graph.edges,
            "cases": graph.n_cases,
            "events": graph.n_events,
        },
    )


def variants(
    log: LogArgument,
    top: Annotated[int, typer.Option("--top", help="How many variants to list.")] = 20,
    fmt: FormatOption = OutputFormat.TABLE,
    preset: PresetOption = None,
    classifier: ClassifierOption = None,
    start: FromOption = None,
    end: ToOption = None,
    window: WindowOption = "intersecting",
    where: WhereOption = None,
    exclude: ExcludeOption = None,
    follows: FollowsOption = None,
    min_hours: MinHoursOption = None,
    max_hours: MaxHoursOption = None,
    out_of_core: OutOfCoreOption = None,
) -> None:
    """Variants (distinct activity sequences) by frequency, with share and median duration."""
    from tomkit.mining.variants import discover_variants

    spec = build_filter(start, end, window, where, exclude, follows, None, min_hours, max_hours)
    if out_of_core:
        from tomkit.mining import outofcore

        refuse_filters(spec)
        found = outofcore.discover_variants(outofcore.open_dataset(dataset_path(log), out_of_core))
    else:
        found = discover_variants(load_log(log, preset, classifier, spec))
    shown = found.variants[:top]
    rows = [
        {"rank": i + 1, "cases": v.count, "share": round(v.share, 4), "median_h": to_hours(v.median_duration),
         "steps": len(v.activities), "variant": " > ".join(v.activities), "example": v.example_case}
        for i, v in enumerate(shown)
    ]  # fmt: skip
    cols = [Column("rank", "#", justify="right"), Column("cases", "cases", justify="right"),
            Column("share", "share", justify="right"), Column("median_h", "median h", justify="right"),
            Column("steps", "steps", justify="right"), Column("variant", "variant"), Column("example", "example case")]  # fmt: skip
    emit(rows, cols, fmt, title=f"{len(found.variants):,} variants over {found.n_cases:,} cases",
         data={"cases": found.n_cases, "variants": len(found.variants), "top": shown})  # fmt: skip


def stats(
    log: LogArgument,
    fmt: FormatOption = OutputFormat.TABLE,
    preset: PresetOption = None,
    classifier: ClassifierOption = None,
    start: FromOption = None,
    end: ToOption = None,
    window: WindowOption = "intersecting",
    where: WhereOption = None,
    exclude: ExcludeOption = None,
    follows: FollowsOption = None,
    top_variants: TopVariantsOption = None,
    min_hours: MinHoursOption = None,
    max_hours: MaxHoursOption = None,
) -> None:
    """Log overview: cases, durations, activities and rework, channel mix, reassignment, reopen, FCR."""
    from tomkit.mining.service import service_facts
    from tomkit.mining.stats import log_stats

    spec = build_filter(start, end, window, where, exclude, follows, top_variants, min_hours, max_hours)
    chosen = load_log(log, preset, classifier, spec)
    summary = log_stats(chosen)
    facts = service_facts(chosen)
    if fmt is OutputFormat.JSON:
        emit_json({"log": summary, "service": facts, "reopen_rate": facts.reopen_rate,
                   "reassignment_rate": facts.reassignment_rate, "first_contact_resolution": facts.fcr_rate})  # fmt: skip
        return
    rows = [
        {"activity": a.activity, "events": a.events, "cases": a.cases, "rework_cases": a.rework_cases,
         "rework_share": round(a.rework_share, 4), "repeats": a.repeats, "resources": a.resources}
        for a in summary.activities
    ]  # fmt: skip
    if fmt is OutputFormat.TABLE:
        console = stdout()
        d = summary.case_duration
        console.print(f"[bold]{summary.n_cases:,} cases, {summary.n_events:,} events, {summary.n_activities} activities[/bold]"
                      f"  {summary.first} .. {summary.last}")  # fmt: skip
        console.print(
            f"case duration: median {d.median / 3600:.1f} h, mean {d.mean / 3600:.1f} h, p90 {d.p90 / 3600:.1f} h, max {d.max / 3600:.1f} h"
        )
        console.print(
            f"cases with rework: {summary.rework_cases:,} ({summary.rework_cases / max(summary.n_cases, 1):.1%})"
        )
        console.print(f"resolved {facts.resolved_cases:,}; reopen rate {facts.reopen_rate:.1%} ({facts.reopen_source}); "
                      f"reassigned {facts.reassignment_rate:.1%}, mean {facts.mean_reassignments:.2f} ({facts.reassignment_source}); "
                      f"first-contact resolution {facts.fcr_rate:.1%}")  # fmt: skip
        console.print(f"volume: {facts.cases_per_month:,.0f} cases per month over {facts.months:.1f} months")
        for channel in facts.channels:
            console.print(
                f"  {escape(channel.channel)}: {channel.cases:,} cases ({channel.share:.1%}), {channel.per_month:,.0f}/month"
            )
    emit(rows, [Column(k, k.replace("_", " "), justify="left" if k == "activity" else "right") for k in
                ("activity", "events", "cases", "rework_cases", "rework_share", "repeats", "resources")], fmt)  # fmt: skip


def handovers(
    log: LogArgument,
    by: Annotated[str, typer.Option("--by", help="group or resource (or any column).")] = "group",
    top: Annotated[int, typer.Option("--top", help="How many hand-overs to list (and draw).")] = 25,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also draw the hand-over map as SVG (or .dot) here.")
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
    preset: PresetOption = None,
    classifier: ClassifierOption = None,
    start: FromOption = None,
    end: ToOption = None,
    window: WindowOption = "intersecting",
    where: WhereOption = None,
    exclude: ExcludeOption = None,
    follows: FollowsOption = None,
    top_variants: TopVariantsOption = None,
    min_hours: MinHoursOption = None,
    max_hours: MaxHoursOption = None,
) -> None:
    """Hand-overs between groups (or resources), ping-pong A > B > A, and reassignments per case."""
    from tomkit.mining.handovers import handovers as discover
    from tomkit.render.handover_map import handover_map_dot, handover_map_svg

    spec = build_filter(start, end, window, where, exclude, follows, top_variants, min_hours, max_hours)
    report = discover(load_log(log, preset, classifier, spec), by)
    if output is not None:
        if output.suffix.lower() == ".dot":
            output.write_text(handover_map_dot(report, top).source, encoding="utf-8")
        elif output.suffix.lower() == ".svg":
            output.write_text(handover_map_svg(report, top), encoding="utf-8")
        else:
            fail(f"cannot write {output.name!r}: the map must end in .svg or .dot")
        (stdout() if fmt is OutputFormat.TABLE else stderr()).print(f"wrote {output}")
    pingpong = {(p.first, p.second): p.count for p in report.ping_pong}
    rows = [
        {"from": h.source, "to": h.target, "count": h.count, "cases": h.cases,
         "bounced_back": pingpong.get((h.source, h.target), 0)}
        for h in report.handovers[:top]
    ]  # fmt: skip
    title = (
        f"{report.n_cases:,} cases: {report.reassigned_share():.1%} handed over at least once, "
        f"mean {report.mean_reassignments:.2f}; ping-pong in {report.ping_pong_cases:,} cases ({report.ping_pong_share:.1%})"
    )
    cols = [Column("from", "from"), Column("to", "to"), Column("count", "hand-overs", justify="right"),
            Column("cases", "cases", justify="right"), Column("bounced_back", "A>B>A", justify="right")]  # fmt: skip
    emit(rows, cols, fmt, title=title,
         data={"column": by, "cases": report.n_cases, "mean_reassignments": report.mean_reassignments,
               "reassigned_share": report.reassigned_share(), "ping_pong_cases": report.ping_pong_cases,
               "reassignments": report.reassignments, "handovers": report.handovers, "ping_pong": report.ping_pong})  # fmt: skip
