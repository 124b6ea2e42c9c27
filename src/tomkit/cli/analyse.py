"""`tomkit gaps`, `tomkit diff`, `tomkit check`, `tomkit impact`: the analysis engines on TOM files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from tomkit.cli.output import (
    Column,
    ExitCode,
    FailOnOption,
    FormatOption,
    OutputFormat,
    emit,
    emit_json,
    exit_code,
    load_tom,
    print_problems,
    stdout,
)
from tomkit.model import Severity

if TYPE_CHECKING:
    from tomkit.analysis.diff import AttributeDelta
    from tomkit.analysis.gaps import GapReport
    from tomkit.analysis.health import Finding

FileArgument = Annotated[Path, typer.Argument(help="A TOM file (.yaml, .yml or .json).", show_default=False)]

GAP_COLUMNS = (
    Column("change", "change", no_wrap=True),
    Column("dimension", "dimension", no_wrap=True),
    Column("lens", "lens"),
    Column("kind", "kind"),
    Column("id", "id", no_wrap=True, style="cyan"),
    Column("name", "name"),
    Column("changes", "what changes"),
    Column("closed_by", "closed by"),
)
GAP_TABLE_COLUMNS = tuple(c for c in GAP_COLUMNS if c.key not in {"lens", "name"})
"""A terminal is narrow: the name and lens stay in CSV and JSON."""
FINDING_COLUMNS = tuple(
    Column(key, key) for key in ("severity", "code", "where", "line", "title", "detail", "fix")
)
IMPACT_COLUMNS = (
    Column("distance", "hops", justify="right"),
    Column("kind", "kind"),
    Column("id", "id", no_wrap=True, style="cyan"),
    Column("name", "name"),
    Column("path", "how it is linked"),
)
CHANGE_COLUMNS = tuple(Column(key, key) for key in ("where", "change", "subject", "text"))
_COLOURS = {"error": "red", "warning": "yellow", "info": "blue", "added": "green", "removed": "red"}


def _deltas_text(deltas: Sequence[AttributeDelta]) -> str:
    from tomkit.analysis.versions import format_value

    return "; ".join(f"{d.name} {format_value(d.before)} -> {format_value(d.after)}" for d in deltas)


def gaps(
    file: FileArgument,
    from_state: Annotated[
        str | None, typer.Option("--from", help="The earlier state (default: the as-is, the first state).")
    ] = None,
    to_state: Annotated[
        str | None, typer.Option("--to", help="The later state (default: the to-be, the last state).")
    ] = None,
    against: Annotated[
        Path | None,
        typer.Option(
            "--against",
            help="Compare FILE's --from state (default: its to-be) with this file's --to state "
            "(default: its to-be), e.g. a reference model or another version.",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
    unclosed: Annotated[bool, typer.Option("--unclosed", help="Only the gaps no initiative closes.")] = False,
) -> None:
    """Gap analysis: what is added, removed and changed between two states, and who it affects.

    Gaps are listed by dimension, with the lens (people, process, technology, governance), what
    changes attribute by attribute, and the initiatives that close each one; the table view adds
    changed relations, counts per dimension and the people impact (roles, teams, FTE, new skills).
    """
    from tomkit.analysis.gaps import compare
    from tomkit.analysis.gaps import gaps as gap_report

    tom = load_tom(file)
    if against is None:
        report = gap_report(tom, from_state, to_state)
    else:
        other = load_tom(against)
        start = from_state or tom.target_name
        end = to_state or other.target_name
        if start is None or end is None:
            raise ValueError("both files need at least one state to compare")
        before, after = tom.state(start), other.state(end)
        report = compare(
            before,
            after,
            from_name=f"{file}:{start}",
            to_name=f"{against}:{end}",
            initiatives=tom.initiatives,
        )
    element_gaps = report.unclosed() if unclosed else report.elements
    rows = [
        {
            "change": gap.change.value,
            "dimension": gap.dimension.value,
            "lens": gap.lens.value,
            "kind": gap.kind,
            "id": gap.element_id,
            "name": gap.name,
            "changes": _deltas_text(gap.deltas),
            "closed_by": ", ".join(gap.closed_by),
        }
        for gap in element_gaps
    ]
    if fmt is OutputFormat.JSON:
        data = report.to_data()
        if unclosed:
            data["elements"] = [gap.to_data() for gap in element_gaps]
        emit_json(data)
        return
    title = f"{'Unclosed gaps' if unclosed else 'Gaps'}: {report.from_state} -> {report.to_state}"
    columns = GAP_TABLE_COLUMNS if fmt is OutputFormat.TABLE else GAP_COLUMNS
    emit(rows, columns, fmt, title=title, empty="no gaps")
    if fmt is OutputFormat.TABLE:
        _gap_summary(report, unclosed)


def _gap_summary(report: GapReport, unclosed: bool) -> None:
    from tomkit.analysis.diff import ChangeType
    from tomkit.model import Dimension

    console = stdout()
    if report.relations and not unclosed:
        console.print("\n[bold]Relations[/bold]")
        for gap in report.relations:
            colour = _COLOURS.get(gap.change.value, "yellow")
            extra = f"  {_deltas_text(gap.deltas)}" if gap.deltas else ""
            closers = f"  [dim](closed by {', '.join(gap.closed_by)})[/dim]" if gap.closed_by else ""
            console.print(
                f"  [{colour}]{gap.change.value:<8}[/{colour}] {escape(gap.label)}{escape(extra)}{closers}"
            )
    counts = report.counts()
    console.print(
        f"\n{counts[ChangeType.ADDED]} added, {counts[ChangeType.REMOVED]} removed, "
        f"{counts[ChangeType.CHANGED]} changed; "
        f"{len(report.unclosed())} not closed by any initiative"
    )
    if not unclosed:
        for heading, groups in (("By dimension", report.by_dimension()), ("By lens", report.by_lens())):
            console.print(f"\n[bold]{heading}[/bold]")
            for group, row in groups.items():
                if any(row.values()):
                    label = group.label if isinstance(group, Dimension) else group.value
                    text = ", ".join(f"{n} {change.value}" for change, n in row.items() if n)
                    console.print(f"  {escape(label)}: {text}")
    people = report.people
    console.print("\n[bold]People impact[/bold]")
    console.print(f"  FTE {people.fte_before:g} -> {people.fte_after:g} ({people.fte_delta:+g})")
    for team, before, after in people.fte_by_team:
        if before != after:
            console.print(f"    {escape(team)}: {before:g} -> {after:g}")
    for label, ids in (
        ("roles added", people.roles_added),
        ("roles removed", people.roles_removed),
        ("roles changed", people.roles_changed),
        ("teams added", people.teams_added),
        ("teams removed", people.teams_removed),
        ("skills needed", people.skills_needed),
    ):
        if ids:
            console.print(f"  {label}: {escape(', '.join(ids))}")


def diff(
    old: Annotated[Path, typer.Argument(help="The earlier version of the TOM file.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The later version of the TOM file.", show_default=False)],
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """What changed between two versions of a TOM: meta, people, KPIs, states and the plan.

    One line per change, such as `to-be: team 'desk-l1' fte 18 -> 14`.
    """
    from tomkit.analysis.versions import diff_documents

    changes = diff_documents(load_tom(old), load_tom(new)).changes()
    if fmt is OutputFormat.TABLE:
        console = stdout()
        console.soft_wrap = True
        for change in changes:
            colour = _COLOURS.get(change.change.value, "yellow")
            console.print(f"[{colour}]{escape(change.describe())}[/{colour}]")
        if not changes:
            console.print("[dim]no changes[/dim]")
        return
    rows = [
        {
            "where": change.where,
            "change": change.change.value,
            "subject": change.subject,
            "deltas": [{"name": d.name, "before": d.before, "after": d.after} for d in change.deltas],
            "text": change.describe(),
        }
        for change in changes
    ]
    emit(rows, CHANGE_COLUMNS, fmt)


def check(
    file: FileArgument,
    fail_on: FailOnOption = Severity.ERROR,
    today: Annotated[
        dt.datetime | None,
        typer.Option(
            "--today", formats=["%Y-%m-%d"], help="Judge review dates as of this day (default: today)."
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Health check: the known pitfalls of TOM work, each with where it is and what to do.

    No sponsor, outcomes without KPIs, KPIs without baseline or target, gaps no initiative closes,
    initiatives without owner, role changes without training, affected groups never told, teams
    with too many changes at once, an overdue review, a design too large to communicate, and every
    validation problem. Exits 1 when a finding is at least as severe as --fail-on (errors by
    default), so a pipeline can gate on it; exits 2 when the file cannot be read.
    """
    from tomkit.analysis.health import finding_from_problem, health, sort_findings
    from tomkit.formats import read

    result = read(file)
    if result.tom is None:
        print_problems(result.problems)
        raise typer.Exit(int(ExitCode.USAGE))
    located = [(finding_from_problem(p), p.line) for p in result.problems]
    found = health(result.tom, today.date() if today else None, validate=False)
    findings = sort_findings([f for f, _ in located] + found)
    line_of = {id(f): line for f, line in located}
    line_of.update(_lines(file, found))
    rows = [{**f.to_data(), "line": line_of.get(id(f))} for f in findings]
    if fmt is OutputFormat.TABLE:
        _findings_listing(rows, str(file))
    else:
        emit(rows, FINDING_COLUMNS, fmt)
    raise typer.Exit(int(exit_code((f.severity for f in findings), fail_on)))


def _lines(file: Path, findings: Sequence[Finding]) -> dict[int, int | None]:
    """The line of each finding in a YAML file (by object id), read from the file's own layout."""
    from tomkit.formats import format_of
    from tomkit.formats.locator import Locator
    from tomkit.formats.yaml_io import parse

    if format_of(file) != "yaml":
        return {}
    tree, _ = parse(file.read_text(encoding="utf-8"))
    if tree is None:
        return {}
    locator = Locator(tree)
    return {id(f): locator.locate(f.path)[0] if f.path else None for f in findings}


def _findings_listing(rows: list[dict[str, Any]], source: str) -> None:
    console = stdout()
    console.soft_wrap = True
    for row in rows:
        colour = _COLOURS.get(row["severity"], "blue")
        where = f"{source}:{row['line']}: {row['where']}" if row["line"] else row["where"] or source
        console.print(
            f"[{colour}]{row['severity']:<7}[/{colour}] [bold]{escape(row['title'])}[/bold] "
            f"[dim]({escape(row['code'])})[/dim]"
        )
        console.print(f"        at {escape(where)}")
        console.print(f"        {escape(row['detail'])}")
        console.print(f"        [green]fix:[/green] {escape(row['fix'])}")
    counts = {s.value: sum(1 for r in rows if r["severity"] == s.value) for s in Severity}
    if not rows:
        console.print(f"[green]✓[/green] {escape(source)}: no findings")
    else:
        summary = ", ".join(
            f"{n} {name}{'s' if n != 1 and name != 'info' else ''}" for name, n in counts.items() if n
        )
        console.print(f"\n{escape(source)}: {summary}")


def impact(
    file: FileArgument,
    element_id: Annotated[str, typer.Argument(help="The id of the element to analyse.", show_default=False)],
    state: Annotated[
        str | None, typer.Option("--state", help="The state to look in (default: the latest that has it).")
    ] = None,
    depth: Annotated[
        int | None, typer.Option("--depth", min=1, help="Follow dependencies only this many hops.")
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """What an element touches: everything that depends on it, directly and through others.

    For retiring a tool: the practices, teams, roles, channels, services, integrations and data
    assets affected, each with the chain of relations and references that links it, and the
    initiatives and KPIs that mention the element.
    """
    from tomkit.analysis.impact import impact as impact_report

    report = impact_report(load_tom(file), element_id, state, max_depth=depth)
    if fmt is OutputFormat.JSON:
        emit_json(report.to_data())
        return
    rows = report.to_data()["affected"]
    title = f"Impact of {report.element.kind} {element_id!r} in {report.state}"
    emit(rows, IMPACT_COLUMNS, fmt, title=title, empty="nothing depends on it")
    if fmt is OutputFormat.TABLE:
        console = stdout()
        direct, transitive = len(report.direct()), len(report.transitive())
        console.print(f"\n{direct} directly affected, {transitive} through others")
        if report.depends_on:
            upstream = ", ".join(f"{i.element_id} ({i.kind})" for i in report.depends_on)
            console.print(f"it depends on (to wind down): {escape(upstream)}")
        for label, mentions in (("initiatives", report.initiatives), ("KPIs", report.kpis)):
            if mentions:
                text = ", ".join(f"{m.id} ({m.field})" for m in mentions)
                console.print(f"{label} that mention it: {escape(text)}")
