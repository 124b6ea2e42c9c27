"""`tomkit mine ...`: process mining of ticket event logs, and the evidence it gives the TOM.

Every analysis takes an imported dataset (.parquet) or a log file directly (CSV, XES, .gz, .zip).
Engines live in `tomkit.mining`; this module only parses options, shows progress and prints results.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from tomkit.cli.output import (
    Column,
    FormatOption,
    OutputFormat,
    emit,
    emit_json,
    fail,
    load_tom,
    stderr,
    stdout,
)

if TYPE_CHECKING:
    from tomkit.mining.filters import LogFilter
    from tomkit.mining.mapping import ColumnMapping
    from tomkit.mining.table import EventLog

app = typer.Typer(
    name="mine",
    help="Process mining of ticket event logs: import, process map, variants, hand-overs, SLA, conformance, KPIs.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

LogArgument = Annotated[
    Path,
    typer.Argument(
        help="An imported dataset (.parquet) or a log file (CSV, XES, .gz, .zip).", show_default=False
    ),
]
PresetOption = Annotated[
    str | None,
    typer.Option("--preset", help="CSV column mapping: servicenow, jira or generic (default: detect)."),
]
ClassifierOption = Annotated[
    str | None,
    typer.Option("--classifier", help="XES: the declared classifier to use as activity, or concept:name."),
]
FromOption = Annotated[
    str | None, typer.Option("--from", help="Only cases in this window: start (ISO date).")
]
ToOption = Annotated[str | None, typer.Option("--to", help="Window end (ISO date, exclusive).")]
WindowOption = Annotated[
    str,
    typer.Option(
        "--window", help="How cases meet the window: intersecting, contained, started, completed, trim."
    ),
]
WhereOption = Annotated[
    list[str] | None,
    typer.Option(
        "--where", help="Keep cases with column=value (repeat; values may be a,b,c).", show_default=False
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option("--exclude", help="Drop cases with column=value (repeat).", show_default=False),
]
FollowsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--follows",
        help="Keep cases where A is eventually followed by B: 'A>B' (repeat).",
        show_default=False,
    ),
]
TopVariantsOption = Annotated[
    int | None, typer.Option("--top-variants", help="Keep the cases of the N most frequent variants.")
]
MinHoursOption = Annotated[
    float | None, typer.Option("--min-hours", help="Keep cases lasting at least this long.")
]
MaxHoursOption = Annotated[
    float | None, typer.Option("--max-hours", help="Keep cases lasting at most this long.")
]
OutOfCoreOption = Annotated[
    str | None,
    typer.Option(
        "--out-of-core",
        help="Run in DuckDB over an imported .parquet dataset with this memory limit (e.g. 4GB), spilling to disk.",
        show_default=False,
    ),
]
TomOption = Annotated[Path, typer.Option("--tom", help="The TOM file (.yaml or .json).", show_default=False)]


@contextmanager
def _progress(description: str) -> Iterator[Callable[[int, int], None]]:
    """A byte progress bar on stderr for imports (silent when stderr is not a terminal)."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=stderr(),
        transient=True,
        disable=not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task(description, total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield report


def _pairs(values: list[str] | None, option: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for text in values or []:
        column, sep, value = text.partition("=")
        if not sep or not column.strip():
            raise typer.BadParameter(f"{text!r} is not column=value", param_hint=option)
        out.setdefault(column.strip(), []).extend(v.strip() for v in value.split(","))
    return out


def build_filter(
    start: str | None = None,
    end: str | None = None,
    window: str = "intersecting",
    where: list[str] | None = None,
    exclude: list[str] | None = None,
    follows: list[str] | None = None,
    top_variants: int | None = None,
    min_hours: float | None = None,
    max_hours: float | None = None,
) -> LogFilter:
    from tomkit.mining.filters import LogFilter

    pairs = []
    for text in follows or []:
        a, sep, b = text.partition(">")
        if not sep or not a.strip() or not b.strip():
            raise typer.BadParameter(f"{text!r} is not 'A>B'", param_hint="--follows")
        pairs.append((a.strip(), b.strip()))
    data: dict[str, Any] = {
        "start": start,
        "end": end,
        "window": window,
        "attributes": _pairs(where, "--where"),
        "exclude_attributes": _pairs(exclude, "--exclude"),
        "follows": pairs,
        "variants_top": top_variants,
        "min_duration_hours": min_hours,
        "max_duration_hours": max_hours,
    }
    return LogFilter.from_data({k: v for k, v in data.items() if v is not None})


def open_log(path: Path, preset: str | None = None, classifier: str | None = None) -> EventLog:
    from tomkit.mining.importing import read_log

    with _progress(f"reading {path.name}") as report:
        return read_log(path, preset=preset, classifier=classifier, progress=report)


def _load(
    log: Path,
    preset: str | None,
    classifier: str | None,
    spec: LogFilter,
) -> EventLog:
    from tomkit.mining.filters import apply_filter

    return apply_filter(open_log(log, preset, classifier), spec)


def _dataset(path: Path) -> Path:
    if not path.name.lower().endswith(".parquet"):
        fail(
            "--out-of-core works on an imported dataset",
            hint="run `tomkit mine import` first, then pass the .parquet file",
        )
    return path


def _no_filters(spec: LogFilter) -> None:
    if not spec.is_empty():
        fail(
            "filters are not available with --out-of-core",
            hint="filter in memory, or import a filtered extract",
        )


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 3)


# ---- import -------------------------------------------------------------------------------------


def _mapping_from_options(
    header: tuple[str, ...],
    base: ColumnMapping | None,
    case: str | None,
    activity: list[str] | None,
    timestamp: str | None,
    resource: str | None,
    group: str | None,
    attribute: list[str] | None,
    timestamp_format: str | None,
    timezone: str | None,
) -> ColumnMapping | None:
    from tomkit.mining.mapping import ColumnMapping

    attrs = {k: v[0] for k, v in _pairs(attribute, "--attribute").items()}
    if base is None:
        if not (case and activity and timestamp):
            return None
        base = ColumnMapping(case=case, activity=tuple(activity), timestamp=timestamp)
    changes: dict[str, Any] = {}
    if case:
        changes["case"] = case
    if activity:
        changes["activity"] = tuple(activity)
    if timestamp:
        changes["timestamp"] = timestamp
        changes["timestamp_format"] = None
    if resource:
        changes["resource"] = resource
    if group:
        changes["group"] = group
    if attrs:
        changes["attributes"] = {**base.attributes, **attrs}
    if timestamp_format:
        changes["timestamp_format"] = timestamp_format
    if timezone:
        changes["timezone"] = timezone
    mapping = base.with_changes(**changes) if changes else base
    mapping.check_against(header)
    return mapping


def _show_preview(preview: Any) -> None:
    console = stdout()
    mapping = preview.mapping
    console.print(f"[bold]mapping[/bold] (preset {escape(mapping.preset)})")
    console.print(f"  case       {escape(mapping.case)}")
    console.print(f"  activity   {escape(' + '.join(mapping.activity))}")
    console.print(
        f"  timestamp  {escape(mapping.timestamp)}  format {escape(str(mapping.timestamp_format))}  zone {escape(mapping.timezone)}"
    )
    console.print(f"  resource   {escape(str(mapping.resource))}")
    console.print(f"  group      {escape(str(mapping.group))}")
    for name, column in mapping.attributes.items():
        console.print(f"  {escape(name):<10} {escape(column)}")
    for warning in preview.warnings:
        console.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    if preview.sample:
        keys = ["case_id", "activity", "timestamp", "resource", "group"]
        emit(preview.sample, [Column(k, k) for k in keys], title="first rows as they will be imported")


@app.command("import")
def import_(
    log: LogArgument,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The dataset to write (.parquet; default: next to the log)."),
    ] = None,
    preset: PresetOption = None,
    classifier: ClassifierOption = None,
    case: Annotated[str | None, typer.Option("--case", help="CSV: the case id column.")] = None,
    activity: Annotated[
        list[str] | None,
        typer.Option("--activity", help="CSV: the activity column (repeat to join columns)."),
    ] = None,
    timestamp: Annotated[str | None, typer.Option("--timestamp", help="CSV: the timestamp column.")] = None,
    resource: Annotated[
        str | None, typer.Option("--resource", help="CSV: the resource (person) column.")
    ] = None,
    group: Annotated[str | None, typer.Option("--group", help="CSV: the group (team) column.")] = None,
    attribute: Annotated[
        list[str] | None, typer.Option("--attribute", help="CSV: keep name=column as an attribute (repeat).")
    ] = None,
    timestamp_format: Annotated[
        str | None, typer.Option("--timestamp-format", help="strptime pattern, ISO8601, epoch_s or epoch_ms.")
    ] = None,
    timezone: Annotated[
        str | None, typer.Option("--timezone", help="The zone naive timestamps are in (default UTC).")
    ] = None,
    preview_only: Annotated[
        bool, typer.Option("--preview", help="Show the detected mapping and stop.")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Import without asking to confirm the mapping.")
    ] = False,
) -> None:
    """Import a log (CSV, XES or Parquet) into a normalised Parquet dataset, after a preview to confirm."""
    from tomkit.mining.csvlog import preview_csv, sniff
    from tomkit.mining.importing import detect_log_format, import_dataset
    from tomkit.mining.xes import read_classifiers

    kind = detect_log_format(log)
    mapping = None
    if kind == "csv":
        dialect, _ = sniff(log)
        base = preview_csv(log, preset=preset, rows=0).mapping
        mapping = _mapping_from_options(
            dialect.header,
            base,
            case,
            activity,
            timestamp,
            resource,
            group,
            attribute,
            timestamp_format,
            timezone,
        )
        if mapping is None:
            fail(
                "no case, activity and timestamp columns recognised",
                hint=f"map them with --case, --activity and --timestamp; the file has: {', '.join(dialect.header)}",
            )
        preview = preview_csv(log, mapping=mapping)
        _show_preview(preview)
        if preview.mapping is None or preview.mapping.timestamp_format is None:
            fail("the timestamp format was not recognised", hint="give it with --timestamp-format")
        mapping = preview.mapping
    elif kind == "xes":
        found = read_classifiers(log)
        names = ", ".join(f"{c.name} ({' + '.join(c.keys)})" for c in found) or "none"
        stdout().print(
            f"classifiers declared: {escape(names)}; using {escape(classifier or (found[0].name if found else 'concept:name'))}"
        )
    if preview_only:
        return
    if (
        kind == "csv"
        and not yes
        and sys.stdin.isatty()
        and not typer.confirm("Import with this mapping?", default=True)
    ):
        raise typer.Exit(1)
    target = output or log.with_name(log.name.split(".")[0] + ".parquet")
    if target.resolve() == log.resolve():
        fail("the dataset would overwrite the log", hint="give --output")
    with _progress(f"importing {log.name}") as report:
        result, path = import_dataset(log, target, mapping=mapping, classifier=classifier, progress=report)
    rng = result.time_range()
    span = f", {rng[0]:%Y-%m-%d} .. {rng[1]:%Y-%m-%d}" if rng else ""
    stdout().print(f"imported {result.n_events:,} events, {result.n_cases:,} cases{span} into {path}")


# ---- analyses -----------------------------------------------------------------------------------


@app.command("dfg")
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

        _no_filters(spec)
        graph = outofcore.discover_dfg(outofcore.open_dataset(_dataset(log), out_of_core)).top(
            activities, paths
        )
    else:
        graph = discover_dfg(_load(log, preset, classifier, spec)).top(activities, paths)
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
        {"source": e.source, "target": e.target, "count": e.count, "mean_h": _hours(e.mean),
         "median_h": _hours(e.median), "min_h": _hours(e.min), "max_h": _hours(e.max), "total_h": _hours(e.total)}
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


@app.command("variants")
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

        _no_filters(spec)
        found = outofcore.discover_variants(outofcore.open_dataset(_dataset(log), out_of_core))
    else:
        found = discover_variants(_load(log, preset, classifier, spec))
    shown = found.variants[:top]
    rows = [
        {"rank": i + 1, "cases": v.count, "share": round(v.share, 4), "median_h": _hours(v.median_duration),
         "steps": len(v.activities), "variant": " > ".join(v.activities), "example": v.example_case}
        for i, v in enumerate(shown)
    ]  # fmt: skip
    cols = [Column("rank", "#", justify="right"), Column("cases", "cases", justify="right"),
            Column("share", "share", justify="right"), Column("median_h", "median h", justify="right"),
            Column("steps", "steps", justify="right"), Column("variant", "variant"), Column("example", "example case")]  # fmt: skip
    emit(rows, cols, fmt, title=f"{len(found.variants):,} variants over {found.n_cases:,} cases",
         data={"cases": found.n_cases, "variants": len(found.variants), "top": shown})  # fmt: skip


@app.command("stats")
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
    chosen = _load(log, preset, classifier, spec)
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


@app.command("handovers")
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
    report = discover(_load(log, preset, classifier, spec), by)
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


@app.command("sla")
def sla(
    log: LogArgument,
    tom: Annotated[
        Path | None, typer.Option("--tom", help="Take resolution targets from this TOM's service levels.")
    ] = None,
    state: Annotated[
        str | None, typer.Option("--state", help="The TOM state whose service levels apply (default: as-is).")
    ] = None,
    by_channel: Annotated[bool, typer.Option("--by-channel/--no-channel", help="Split by channel.")] = True,
    backlog_step: Annotated[
        str | None, typer.Option("--backlog", help="Also list open cases per hour, day or week.")
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
    preset: PresetOption = None,
    classifier: ClassifierOption = None,
    start: FromOption = None,
    end: ToOption = None,
    window: WindowOption = "intersecting",
    where: WhereOption = None,
    exclude: ExcludeOption = None,
) -> None:
    """SLA attainment per priority and channel, against the TOM's service levels or the log's SLA flag."""
    from tomkit.mining.backlog import backlog
    from tomkit.mining.sla import sla_attainment
    from tomkit.mining.tom_bridge import service_targets

    spec = build_filter(start, end, window, where, exclude)
    chosen = _load(log, preset, classifier, spec)
    targets = service_targets(load_tom(tom), state) if tom else None
    if tom and not targets:
        fail("the TOM's service levels give no resolution targets", hint="add targets with resolution_hours")
    report = sla_attainment(chosen, targets, by_channel=by_channel)
    rows = [
        {"priority": r.priority, "channel": r.channel, "cases": r.cases, "met": r.met,
         "attainment": None if r.attainment is None else round(r.attainment, 4),
         "target_h": r.target_hours, "median_h": None if r.median_hours is None else round(r.median_hours, 2)}
        for r in [*report.rows, report.total]
    ]  # fmt: skip
    rows[-1]["priority"] = "all"
    cols = [Column(k, k, justify="left" if k in ("priority", "channel") else "right") for k in
            ("priority", "channel", "cases", "met", "attainment", "target_h", "median_h")]  # fmt: skip
    points = backlog(chosen, backlog_step) if backlog_step else []
    emit(rows, cols, fmt, title=f"SLA attainment ({report.source})",
         data={"source": report.source, "rows": report.rows, "total": report.total,
               "unmatched_cases": report.unmatched_cases, "backlog": points})  # fmt: skip
    if points and fmt is OutputFormat.TABLE:
        emit([{"at": p.at.isoformat(), "open": p.open, "opened": p.opened, "resolved": p.resolved} for p in points],
             [Column("at", "at"), Column("open", "open", justify="right"), Column("opened", "opened", justify="right"),
              Column("resolved", "resolved", justify="right")], fmt, title="backlog")  # fmt: skip


@app.command("conformance")
def conformance(
    log: LogArgument,
    tom: TomOption,
    state: Annotated[
        str | None, typer.Option("--state", help="The state whose rules apply (default: the to-be).")
    ] = None,
    practice: Annotated[str | None, typer.Option("--practice", help="Only this practice's rules.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
    preset: PresetOption = None,
    classifier: ClassifierOption = None,
    start: FromOption = None,
    end: ToOption = None,
    window: WindowOption = "intersecting",
    where: WhereOption = None,
    exclude: ExcludeOption = None,
) -> None:
    """Check every case against the process rules of the TOM's practices: violations and example cases."""
    from tomkit.mining.conformance import check_rules, tom_rules

    rules = tom_rules(load_tom(tom), state, practice)
    if not rules:
        fail("no process rules in that state", hint="add rules to a practice (template, activities)")
    spec = build_filter(start, end, window, where, exclude)
    report = check_rules(_load(log, preset, classifier, spec), rules)
    rows = [
        {"practice": r.practice, "rule": r.label, "template": r.rule.template,
         "activities": " , ".join(r.rule.activities), "violations": r.violations,
         "conformant": round(r.conformant_share, 4), "examples": r.example_cases,
         "missing": r.missing_activities}
        for r in report.rules
    ]  # fmt: skip
    cols = [Column("practice", "practice"), Column("rule", "rule", style="cyan"), Column("violations", "violations", justify="right"),
            Column("conformant", "conformant", justify="right"), Column("examples", "example cases"),
            Column("missing", "not in log")]  # fmt: skip
    emit(rows, cols, fmt,
         title=f"{report.conformant_cases:,} of {report.n_cases:,} cases ({report.conformant_share:.1%}) follow every rule",
         data={"cases": report.n_cases, "conformant_cases": report.conformant_cases,
               "conformant_share": report.conformant_share, "rules": rows})  # fmt: skip


@app.command("kpis")
def kpis(
    log: LogArgument,
    tom: TomOption,
    kpi: Annotated[
        str | None, typer.Option("--kpi", help="Only this KPI (with --metric: set its source).")
    ] = None,
    metric: Annotated[
        str | None, typer.Option("--metric", help="The measure, e.g. median_resolution_hours.")
    ] = None,
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="Dataset name to record (default: the log's file name).")
    ] = None,
    facts: Annotated[
        bool,
        typer.Option(
            "--facts", help="Also write channel volumes and team reassignment rates into the as-is."
        ),
    ] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the updated TOM here.")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Update the TOM file itself.")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Baseline date (default: today).")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
    preset: PresetOption = None,
    classifier: ClassifierOption = None,
    where: WhereOption = None,
    start: FromOption = None,
    end: ToOption = None,
) -> None:
    """KPI baselines from the log: every KPI whose source is a mining query (or --kpi with --metric)."""
    from tomkit.formats import save
    from tomkit.mining.filters import LogFilter
    from tomkit.mining.metrics import METRICS
    from tomkit.mining.tom_bridge import apply_facts, kpi_baseline

    document = load_tom(tom)
    data = open_log(log, preset, classifier)
    name = dataset or log.name.split(".")[0]
    when = dt.date.fromisoformat(as_of) if as_of else None
    extra = build_filter(start, end, "intersecting", where)
    jobs: list[tuple[str, str, LogFilter]] = []
    if kpi is not None:
        found = document.kpi(kpi)
        if found is None:
            fail(f"the TOM has no KPI {kpi!r}", hint=f"KPIs: {', '.join(k.id for k in document.kpis)}")
        chosen_metric = metric or found.source.metric
        if not chosen_metric:
            fail(f"KPI {kpi!r} has no mining metric", hint=f"give --metric, one of: {', '.join(METRICS)}")
        base = LogFilter.from_data(found.source.filters) if metric is None else LogFilter()
        jobs.append((kpi, chosen_metric, _merge(base, extra)))
    else:
        for k in document.kpis:
            if k.source.kind == "mining" and k.source.metric:
                jobs.append((k.id, k.source.metric, _merge(LogFilter.from_data(k.source.filters), extra)))
        if not jobs:
            fail("no KPI takes its figures from mining", hint="use --kpi ID --metric NAME")
    rows = []
    updated = document
    for kpi_id, metric_name, spec in jobs:
        before = updated.kpi(kpi_id)
        previous = before.baseline if before else None
        updated = kpi_baseline(updated, kpi_id, data, metric_name, name, spec, when)
        after = updated.kpi(kpi_id)
        assert after is not None
        rows.append({"kpi": kpi_id, "metric": metric_name, "filter": spec.to_data(), "baseline": after.baseline,
                     "previous": previous, "unit": METRICS[metric_name].unit})  # fmt: skip
    applied: list[Any] = []
    if facts:
        updated, applied = apply_facts(updated, data, name, extra, as_of=when)
    emit(rows, [Column(k, k) for k in ("kpi", "metric", "filter", "baseline", "previous", "unit")], fmt,
         title="KPI baselines from the log", data={"kpis": rows, "facts": applied})  # fmt: skip
    if facts and fmt is OutputFormat.TABLE:
        stdout().print(f"{len(applied)} as-is facts set")
    target = tom if in_place else output
    if target is not None:
        save(updated, target)
        (stdout() if fmt is OutputFormat.TABLE else stderr()).print(f"wrote {target}")


def _merge(base: LogFilter, extra: LogFilter) -> LogFilter:
    from dataclasses import replace

    attributes = {**base.attributes, **extra.attributes}
    return replace(base, attributes=attributes, start=extra.start or base.start, end=extra.end or base.end)


@app.command("arrivals")
def arrivals(
    log: LogArgument,
    timezone: Annotated[
        str, typer.Option("--timezone", help="Local time zone for hours and weekdays.")
    ] = "UTC",
    fmt: FormatOption = OutputFormat.TABLE,
    preset: PresetOption = None,
    classifier: ClassifierOption = None,
    where: WhereOption = None,
    start: FromOption = None,
    end: ToOption = None,
) -> None:
    """Cases opened by weekday and hour of day (per channel in JSON): the demand a staffing model needs."""
    from tomkit.mining.backlog import WEEKDAYS
    from tomkit.mining.backlog import arrivals as discover

    spec = build_filter(start, end, "intersecting", where)
    found = discover(_load(log, preset, classifier, spec), timezone)
    rows = [{"weekday": WEEKDAYS[d], **{f"{h:02d}": found.counts[d][h] for h in range(24)}} for d in range(7)]
    cols = [Column("weekday", "day"), *(Column(f"{h:02d}", f"{h:02d}", justify="right") for h in range(24))]
    emit(rows, cols, fmt, title=f"cases opened per weekday and hour ({timezone}, {found.weeks:.1f} weeks)",
         data=found)  # fmt: skip
