"""`tomkit demo`: the demo organisation's gaps and health findings, to see what tomkit does in a minute."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from tomkit.cli.output import Column, FormatOption, OutputFormat, emit, emit_json, stdout

DIMENSION_COLUMNS = (
    Column("dimension", "Dimension"),
    Column("added", "Added", justify="right"),
    Column("removed", "Removed", justify="right"),
    Column("changed", "Changed", justify="right"),
    Column("unclosed", "No initiative", justify="right"),
)
FINDING_COLUMNS = (
    Column("severity", "Severity"),
    Column("title", "Finding"),
    Column("where", "Where", style="cyan"),
    Column("fix", "What to do", style="dim"),
)
GAP_COLUMNS = tuple(
    Column(key, key) for key in ("id", "kind", "name", "dimension", "lens", "change", "closed_by")
)


def demo(fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Show the gap summary and health findings of the demo organisation, Northwind Mutual.

    With --format json the full gap report and findings are printed; with --format csv, one row per gap.
    """
    from tomkit.analysis.gaps import gaps
    from tomkit.analysis.health import health
    from tomkit.demo import load_demo

    tom = load_demo()
    report = gaps(tom)
    findings = health(tom)
    if fmt is OutputFormat.JSON:
        emit_json(
            {"name": tom.name, "organisation": tom.organisation, "gaps": report.to_data(), "health": findings}
        )
        return
    if fmt is OutputFormat.CSV:
        emit([gap.to_data() for gap in report.elements], GAP_COLUMNS, fmt)
        return
    console = stdout()
    title = f"[bold]{escape(tom.name)}[/bold]"
    if tom.organisation and tom.organisation not in tom.name:
        title += f" — {escape(tom.organisation)}"
    console.print(title)
    console.print(f"Gaps from [cyan]{report.from_state}[/cyan] to [cyan]{report.to_state}[/cyan]\n")
    unclosed: dict[str, int] = {}
    for gap in report.unclosed():
        unclosed[gap.dimension.value] = unclosed.get(gap.dimension.value, 0) + 1
    rows: list[dict[str, Any]] = []
    for dimension, counts in report.by_dimension().items():
        row = {"dimension": dimension.label, **{change.value: n for change, n in counts.items()}}
        row["unclosed"] = unclosed.get(dimension.value, 0)
        rows.append(row)
    emit(rows, DIMENSION_COLUMNS, fmt, title="Gaps by dimension")
    people = report.people
    console.print(
        f"\nPeople: FTE {people.fte_before:g} → {people.fte_after:g}; "
        f"roles added {len(people.roles_added)}, removed {len(people.roles_removed)}, "
        f"changed {len(people.roles_changed)}; new skills needed {len(people.skills_needed)}\n"
    )
    finding_rows = [
        {"severity": f.severity, "title": f.title, "where": f.where, "fix": f.fix} for f in findings
    ]
    emit(finding_rows, FINDING_COLUMNS, fmt, title="Health findings", empty="no findings")
    console.print("\nNext: tomkit init my-tom.yaml, then tomkit validate my-tom.yaml")
