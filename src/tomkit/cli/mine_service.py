"""`tomkit mine sla|conformance|kpis|arrivals`: service levels, rules, KPI baselines and demand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from tomkit.cli.mine_common import (
    ClassifierOption,
    ExcludeOption,
    FromOption,
    LogArgument,
    PresetOption,
    TomOption,
    ToOption,
    WhereOption,
    WindowOption,
    build_filter,
    load_log,
    merge_filters,
    open_log,
)
from tomkit.cli.output import (
    Column,
    FormatOption,
    OutputFormat,
    emit,
    fail,
    load_tom,
    stderr,
    stdout,
)


def sla(
    log: LogArgument,
    tom: Annotated[
        Path | None, typer.Option("--tom", help="Take resolution targets from this TOM's service levels.")
    ] = None,
    state: Annotated[
        str | None, typer.Option("--state", help="The TOM state whose service levels apply (default: as-is).")
    ] = None,
    by_channel: Annotated[bool, typer.Option("--by-channel/--no-channel", help="Split by channel.")] = True,
    timezone: Annotated[
        str,
        typer.Option(
            "--timezone",
            help="Time zone of the service levels' calendars when they name none (e.g. Europe/London).",
        ),
    ] = "UTC",
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
    chosen = load_log(log, preset, classifier, spec)
    targets = service_targets(load_tom(tom), state, timezone) if tom else None
    if tom and not targets:
        fail("the TOM's service levels give no resolution targets", hint="add targets with resolution_hours")
    report = sla_attainment(chosen, targets, by_channel=by_channel)
    rows = [
        {"priority": r.priority, "channel": r.channel, "cases": r.cases, "met": r.met,
         "attainment": None if r.attainment is None else round(r.attainment, 4),
         "target_h": r.target_hours, "clock": r.clock or ("wall time" if r.target_hours else None),
         "median_h": None if r.median_hours is None else round(r.median_hours, 2)}
        for r in [*report.rows, report.total]
    ]  # fmt: skip
    rows[-1]["priority"] = "all"
    cols = [Column(k, k, justify="left" if k in ("priority", "channel", "clock") else "right") for k in
            ("priority", "channel", "cases", "met", "attainment", "target_h", "clock", "median_h")]  # fmt: skip
    points = backlog(chosen, backlog_step) if backlog_step else []
    emit(rows, cols, fmt, title=f"SLA attainment ({report.source})",
         data={"source": report.source, "rows": report.rows, "total": report.total,
               "unmatched_cases": report.unmatched_cases, "backlog": points})  # fmt: skip
    if points and fmt is OutputFormat.TABLE:
        emit([{"at": p.at.isoformat(), "open": p.open, "opened": p.opened, "resolved": p.resolved} for p in points],
             [Column("at", "at"), Column("open", "open", justify="right"), Column("opened", "opened", justify="right"),
              Column("resolved", "resolved", justify="right")], fmt, title="backlog")  # fmt: skip


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
    report = check_rules(load_log(log, preset, classifier, spec), rules)
    rows = [
        {"practice": r.practice, "rule": r.label, "template": r.rule.template,
         "activities": " , ".join(r.rule.activities), "scope": r.scope or "every case", "where": r.rule.scope(),
         "cases": r.checked_cases, "violations": r.violations,
         "conformant": None if r.problem else round(r.conformant_share, 4), "examples": r.example_cases,
         "missing": r.missing_activities, "missing_attributes": r.missing_attributes,
         "missing_values": r.missing_values, "problem": r.problem,
         "not_in_log": [*r.missing_activities, *r.missing_values,
                        *(f"attribute {a}" for a in r.missing_attributes)]}
        for r in report.rules
    ]  # fmt: skip
    cols = [Column("practice", "practice"), Column("rule", "rule", style="cyan"), Column("scope", "scope"),
            Column("cases", "cases", justify="right"), Column("violations", "violations", justify="right"),
            Column("conformant", "conformant", justify="right"), Column("examples", "example cases"),
            Column("not_in_log", "not in log")]  # fmt: skip
    emit(rows, cols, fmt,
         title=f"{report.conformant_cases:,} of {report.n_cases:,} cases ({report.conformant_share:.1%}) follow every rule that applies to them",
         data={"cases": report.n_cases, "conformant_cases": report.conformant_cases,
               "conformant_share": report.conformant_share, "problems": report.problems,
               "rules": [{k: v for k, v in row.items() if k != "not_in_log"} for row in rows]})  # fmt: skip
    if fmt is not OutputFormat.JSON:
        for problem in report.problems:
            stderr().print(f"[yellow]warning:[/yellow] {escape(problem)}")


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
        jobs.append((kpi, chosen_metric, merge_filters(base, extra)))
    else:
        for k in document.kpis:
            if k.source.kind == "mining" and k.source.metric:
                jobs.append(
                    (k.id, k.source.metric, merge_filters(LogFilter.from_data(k.source.filters), extra))
                )
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
    found = discover(load_log(log, preset, classifier, spec), timezone)
    rows = [{"weekday": WEEKDAYS[d], **{f"{h:02d}": found.counts[d][h] for h in range(24)}} for d in range(7)]
    cols = [Column("weekday", "day"), *(Column(f"{h:02d}", f"{h:02d}", justify="right") for h in range(24))]
    emit(rows, cols, fmt, title=f"cases opened per weekday and hour ({timezone}, {found.weeks:.1f} weeks)",
         data=found)  # fmt: skip
