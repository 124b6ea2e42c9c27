"""`tomkit mine ...`: process mining of ticket event logs, and the evidence it gives the TOM.

Every analysis takes an imported dataset (.parquet) or a log file directly (CSV, XES, .gz, .zip).
Engines live in `tomkit.mining`; this module only parses options, shows progress and prints results.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from tomkit.cli.output import (
    Column,
    emit,
    fail,
    stdout,
)

if TYPE_CHECKING:
    from tomkit.mining.mapping import ColumnMapping
from tomkit.cli import mine_flow, mine_service
from tomkit.cli.mine_common import ClassifierOption, LogArgument, PresetOption, pairs, progress_bar

app = typer.Typer(
    name="mine",
    help="Process mining of ticket event logs: import, process map, variants, hand-overs, SLA, conformance, KPIs.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


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

    attrs = {k: v[0] for k, v in pairs(attribute, "--attribute").items()}
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
    with progress_bar(f"importing {log.name}") as report:
        result, path = import_dataset(log, target, mapping=mapping, classifier=classifier, progress=report)
    rng = result.time_range()
    span = f", {rng[0]:%Y-%m-%d} .. {rng[1]:%Y-%m-%d}" if rng else ""
    stdout().print(f"imported {result.n_events:,} events, {result.n_cases:,} cases{span} into {path}")


# ---- analyses -----------------------------------------------------------------------------------


# The analyses, in the order `tomkit mine --help` lists them.
app.command("dfg")(mine_flow.dfg)
app.command("variants")(mine_flow.variants)
app.command("stats")(mine_flow.stats)
app.command("handovers")(mine_flow.handovers)
app.command("sla")(mine_service.sla)
app.command("conformance")(mine_service.conformance)
app.command("kpis")(mine_service.kpis)
app.command("arrivals")(mine_service.arrivals)
