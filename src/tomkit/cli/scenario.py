"""`tomkit scenario ...`: staff, simulate and compare channel scenarios; write the chosen one back.

Thin shells over `tomkit.scenarios`: `run` shows one scenario (or state), `compare` sets several side
by side, `chart` draws them, `apply` writes a scenario into a state of the TOM file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.markup import escape

from tomkit.cli.output import Column, FormatOption, OutputFormat, emit, emit_json, fail, load_tom, stdout
from tomkit.cli.scenario_tables import (
    CHANNEL_COLUMNS,
    PROVENANCE_COLUMNS,
    SEGMENT_COLUMNS,
    TEAM_COLUMNS,
    cell,
    channel_rows,
    plain,
    run_data,
    segment_rows,
    team_rows,
)

if TYPE_CHECKING:
    from tomkit.model import Tom
    from tomkit.scenarios import Calibration, SimulationOptions

app = typer.Typer(
    name="scenario",
    help="Channel and staffing scenarios: Erlang staffing, a simulation of the tiers, side-by-side comparison.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

FileArgument = Annotated[Path, typer.Argument(help="A TOM file (.yaml, .yml or .json).", show_default=False)]
SimulateOption = Annotated[
    bool, typer.Option("--simulate/--no-simulate", help="Also simulate the tiers for resolution times.")
]
WeeksOption = Annotated[
    float, typer.Option("--weeks", min=0.5, max=520, help="Simulated weeks per replication.")
]
ReplicationsOption = Annotated[
    int, typer.Option("--replications", min=1, max=200, help="Independent replications (for the intervals).")
]
SeedOption = Annotated[
    int, typer.Option("--seed", help="Seed of every random number: same seed, same results.")
]
StaffingOption = Annotated[
    str,
    typer.Option(
        "--staffing",
        help="Simulate with the staff the analysis asks for (required) or the teams' FTE in the file (rostered).",
    ),
]

DisciplineOption = Annotated[
    str,
    typer.Option(
        "--discipline", help="Queues take the most urgent ticket first (priority) or in arrival order (fifo)."
    ),
]
CalibrationOption = Annotated[
    Path | None,
    typer.Option(
        "--calibration",
        help="A JSON file of observed arrivals, handle times, FCR and escalation shares (see docs/scenarios.md).",
        show_default=False,
    ),
]


def _options(
    simulate: bool, weeks: float, replications: int, seed: int, staffing: str, discipline: str = "priority"
) -> SimulationOptions | None:
    from tomkit.scenarios import SimulationOptions

    if staffing not in ("required", "rostered"):
        fail(f"--staffing must be required or rostered, not {staffing!r}")
    if discipline not in ("priority", "fifo"):
        fail(f"--discipline must be priority or fifo, not {discipline!r}")
    how: Literal["required", "rostered"] = "rostered" if staffing == "rostered" else "required"
    order: Literal["priority", "fifo"] = "fifo" if discipline == "fifo" else "priority"
    if not simulate:
        return None
    return SimulationOptions(
        weeks=weeks, replications=replications, seed=seed, staffing=how, discipline=order
    )


def _calibration(path: Path | None) -> Calibration | None:
    import json

    from tomkit.scenarios import calibration_from_data

    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        fail(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})")
    return calibration_from_data(data)


@app.command("run")
def run(
    file: FileArgument,
    scenario: Annotated[
        str | None,
        typer.Argument(help="A scenario id or a state name (default: the as-is).", show_default=False),
    ] = None,
    simulate: SimulateOption = True,
    weeks: WeeksOption = 13.0,
    replications: ReplicationsOption = 5,
    seed: SeedOption = 0,
    staffing: StaffingOption = "required",
    discipline: DisciplineOption = "priority",
    by_priority: Annotated[
        bool, typer.Option("--by-priority", help="Simulation results per priority as well as per channel.")
    ] = False,
    calibration: CalibrationOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Staff one scenario or state hour by hour and simulate its tiers.

    Live channels are staffed with Erlang C (Erlang A when the scenario assumes a caller patience),
    deferred channels with a backlog model; the simulation gives resolution times and SLA attainment
    with 95 % confidence intervals over the replications. --format csv lists the channels.
    """
    from tomkit.scenarios import run as run_scenario

    tom = load_tom(file)
    options = _options(simulate, weeks, replications, seed, staffing, discipline)
    result = run_scenario(tom, scenario, options, _calibration(calibration))
    if fmt is OutputFormat.JSON:
        emit_json(run_data(result))
        return
    if fmt is OutputFormat.CSV:
        emit(channel_rows(result), CHANNEL_COLUMNS, fmt)
        return
    console = stdout()
    s = result.staffing
    console.print(f"[bold]{escape(result.name)}[/bold] ({escape(result.id)}, based on {escape(result.base)})")
    console.print(
        f"{s.fte:.1f} FTE required · {s.contacts_per_month:,.0f} contacts a month · "
        f"cost per contact {s.cost_per_contact:,.2f} · staff cost {s.staff_cost_per_year:,.0f} a year"
    )
    emit(channel_rows(result), CHANNEL_COLUMNS, fmt, title="Channels")
    emit(team_rows(result), TEAM_COLUMNS, fmt, title="Teams")
    calibrated = [p for p in result.model.provenance if p.source == "calibrated"]
    if calibrated:
        rows = [
            {"subject": p.subject, "field": p.field, "value": p.value, "note": p.note} for p in calibrated
        ]
        emit(rows, PROVENANCE_COLUMNS, fmt, title="Calibrated inputs")
    if result.simulation is not None:
        sim = result.simulation
        title = (
            f"Simulation: {sim.options.replications} × {sim.options.weeks:g} weeks, seed {sim.options.seed}, "
            f"{sim.options.staffing} staff, {sim.options.discipline} queues (95 % intervals)"
        )
        emit(segment_rows(result, by_priority), SEGMENT_COLUMNS, fmt, title=title)


def _names(tom: Tom, names: list[str] | None) -> list[str]:
    from tomkit.scenarios import run_names

    chosen = names or run_names(tom)
    if not chosen:
        fail("the file has no states or scenarios to compare")
    return chosen


@app.command("compare")
def compare(
    file: FileArgument,
    scenarios: Annotated[
        list[str] | None,
        typer.Argument(
            help="Scenario ids or state names (default: the as-is and every scenario).", show_default=False
        ),
    ] = None,
    simulate: SimulateOption = True,
    weeks: WeeksOption = 13.0,
    replications: ReplicationsOption = 3,
    seed: SeedOption = 0,
    staffing: StaffingOption = "required",
    discipline: DisciplineOption = "priority",
    calibration: CalibrationOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Scenarios side by side: FTE, cost per contact and in total, service levels and resolution times."""
    from tomkit.scenarios import compare as compare_runs
    from tomkit.scenarios import run as run_scenario

    tom = load_tom(file)
    options = _options(simulate, weeks, replications, seed, staffing, discipline)
    observed = _calibration(calibration)
    runs = [run_scenario(tom, name, options, observed) for name in _names(tom, scenarios)]
    table = compare_runs(runs)
    columns = (
        Column("section", "Section"),
        Column("measure", "Measure"),
        Column("unit", "Unit"),
        *tuple(
            Column(run_id, label, justify="right")
            for run_id, label in zip(table.runs, table.labels, strict=True)
        ),
    )
    rows = []
    for row in table.rows:
        record: dict[str, Any] = {"section": row.section, "measure": row.measure, "unit": row.unit}
        for run_id, value in zip(table.runs, row.values, strict=True):
            record[run_id] = cell(value, row.unit, fmt)
        rows.append(record)
    if fmt is OutputFormat.JSON:
        emit_json(plain({"runs": table.runs, "labels": table.labels, "rows": table.rows}))
        return
    emit(
        rows,
        columns,
        fmt,
        title=None if fmt is OutputFormat.CSV else f"{escape(tom.name)}: scenarios compared",
    )


@app.command("chart")
def chart(
    file: FileArgument,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the SVG charts.", show_default=False)
    ],
    scenarios: Annotated[
        list[str] | None,
        typer.Argument(
            help="Scenario ids or state names (default: the as-is and every scenario).", show_default=False
        ),
    ] = None,
    simulate: Annotated[
        bool,
        typer.Option("--simulate", help="Also simulate (3 x 8 weeks) and draw the resolution-time curves."),
    ] = False,
    seed: SeedOption = 0,
) -> None:
    """Charts as SVG files: staffing by hour, service level against staff, cost waterfall between scenarios,
    and with --simulate the share of tickets resolved within each number of hours."""
    from tomkit.render.scenario_charts import (
        cost_waterfall_svg,
        resolution_distribution_svg,
        service_level_curve_svg,
        staffing_by_hour_svg,
    )
    from tomkit.scenarios import run as run_scenario

    tom = load_tom(file)
    options = _options(simulate, 8.0, 3, seed, "required")
    runs = [run_scenario(tom, name, options) for name in _names(tom, scenarios)]
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for result in runs:
        path = output / f"staffing-{result.id}.svg"
        path.write_text(staffing_by_hour_svg(result), encoding="utf-8")
        written.append(path)
        live = [c for c in result.staffing.channels if c.method.startswith("erlang")]
        if live:
            busiest = max(live, key=lambda c: float(c.load.max()))
            path = output / f"service-level-{result.id}-{busiest.channel}.svg"
            path.write_text(service_level_curve_svg(result, busiest.channel), encoding="utf-8")
            written.append(path)
    if len(runs) > 1:
        path = output / "cost-waterfall.svg"
        path.write_text(cost_waterfall_svg(runs[0], runs[-1]), encoding="utf-8")
        written.append(path)
    if simulate:
        path = output / "resolution-time.svg"
        path.write_text(resolution_distribution_svg(runs), encoding="utf-8")
        written.append(path)
    for path in written:
        stdout().print(f"wrote {path}")


@app.command("apply")
def apply(
    file: FileArgument,
    scenario: Annotated[str, typer.Argument(help="The scenario to write back.", show_default=False)],
    into: Annotated[
        str | None, typer.Option("--into", help="The state to replace (default: the to-be).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of updating FILE.", show_default=False),
    ] = None,
) -> None:
    """Write a scenario's result into a state (the to-be by default): the chosen what-if becomes the plan."""
    from tomkit.formats import save
    from tomkit.scenarios import write_back

    tom = load_tom(file)
    updated = write_back(tom, scenario, into)
    target = output or file
    save(updated, target)
    stdout().print(f"wrote scenario {scenario!r} into state {into or tom.target_name!r} of {target}")
