"""`tomkit plan`, `tomkit progress`, `tomkit readiness`: the transition roadmap and how it is going.

Thin shells over `tomkit.analysis.roadmap`, `.progress` and `.readiness`; the pictures come
from `tomkit.render` and are written when `--output` names a .svg or .png file.
"""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from tomkit.cli.output import (
    Column,
    ExitCode,
    FormatOption,
    OutputFormat,
    emit,
    emit_json,
    fail,
    load_tom,
    stdout,
    to_jsonable,
)

FileArgument = Annotated[Path, typer.Argument(help="A TOM file (.yaml, .yml or .json).", show_default=False)]


class Period(enum.StrEnum):
    WEEKS = "weeks"
    MONTHS = "months"


class WaveChoice(enum.StrEnum):
    AUTO = "auto"
    STATES = "states"
    FIXED = "fixed"


class PlanPicture(enum.StrEnum):
    ROADMAP = "roadmap"
    MATRIX = "matrix"
    LOAD = "load"


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD", param_hint="--today"
        ) from None


TodayOption = Annotated[
    str | None,
    typer.Option("--today", help="Plan as if today were this date (YYYY-MM-DD).", show_default=False),
]
PeriodOption = Annotated[
    Period, typer.Option("--period", help="Plan in whole weeks or months.", case_sensitive=False)
]
WavesOption = Annotated[
    WaveChoice,
    typer.Option(
        "--waves",
        help="states: one wave per dated plateau; fixed: windows of --wave-weeks; auto: states when dated.",
        case_sensitive=False,
    ),
]
WaveWeeksOption = Annotated[int, typer.Option("--wave-weeks", min=1, max=104, help="Length of a fixed wave.")]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Also draw the picture to this .svg or .png file.", show_default=False
    ),
]

PLAN_COLUMNS = (
    Column("wave", "wave", justify="right"),
    Column("id", "id", no_wrap=True, style="cyan"),
    Column("name", "name"),
    Column("owner", "owner"),
    Column("team", "team"),
    Column("status", "status"),
    Column("start", "start", no_wrap=True),
    Column("end", "end", no_wrap=True),
    Column("flags", "flags"),
    Column("why", "why here"),
)
PROGRESS_COLUMNS = (
    Column("wave", "wave", justify="right"),
    Column("id", "id", no_wrap=True, style="cyan"),
    Column("status", "status"),
    Column("percent", "done %", justify="right"),
    Column("basis", "based on"),
    Column("planned", "planned", no_wrap=True),
    Column("actual", "actual", no_wrap=True),
    Column("slip_days", "slip (days)", justify="right"),
    Column("next_milestone", "next milestone"),
)
_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def _write_picture(output: Path, draw: Any) -> None:
    if output.suffix.lower() not in (".svg", ".png"):
        fail(f"cannot write {output.name!r}: the output must end in .svg or .png")
    svg: str = draw()
    if output.suffix.lower() == ".png":
        from tomkit.render.png import to_png

        output.write_bytes(to_png(svg))
    else:
        output.write_text(svg, encoding="utf-8")
    typer.echo(f"wrote {output}", err=True)


def plan(
    file: FileArgument,
    today: TodayOption = None,
    period: PeriodOption = Period.WEEKS,
    waves: WavesOption = WaveChoice.AUTO,
    wave_weeks: WaveWeeksOption = 13,
    suggest: Annotated[
        bool, typer.Option("--suggest", help="Add suggested initiatives for the gaps nothing closes.")
    ] = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    picture: Annotated[
        PlanPicture, typer.Option("--picture", help="Which picture --output draws.", case_sensitive=False)
    ] = PlanPicture.ROADMAP,
) -> None:
    """Schedule the initiatives into waves and print the roadmap, each start with its reason.

    Dependencies, not-before dates, deadlines and each team's change capacity are honoured; work
    done or under way stays where it happened; quick wins (high value, low effort, nothing in the
    way) go first. Cycles, impossible dates and over-full teams are reported; the exit code is 1
    when the plan cannot be carried out.
    """
    from tomkit.analysis.roadmap import plan as make_plan
    from tomkit.analysis.suggest import suggest as suggestions

    tom = load_tom(file)
    extra = [s.initiative for s in suggestions(tom)] if suggest and len(tom.states) >= 2 else []
    roadmap = make_plan(
        tom,
        today=_today(today),
        period=period.value,
        waves=waves.value,
        wave_weeks=wave_weeks,
        extra=extra,
    )
    people = {p.id: p.name for p in tom.people}
    rows = [
        {
            "wave": item.wave,
            "id": item.id,
            "name": item.name,
            "owner": people.get(item.owner or "", item.owner),
            "team": item.team,
            "status": item.status,
            "start": item.start.isoformat(),
            "end": item.last_day.isoformat(),
            "flags": " ".join(
                f
                for f, on in (
                    ("quick-win", item.quick_win),
                    ("critical", item.critical),
                    ("suggested", item.id in {e.id for e in extra}),
                )
                if on
            ),
            "why": item.why[-1],
        }
        for item in roadmap.items
    ]
    if fmt is OutputFormat.JSON:
        data = roadmap.to_data()
        data["suggested"] = [e.id for e in extra]
        emit_json(data)
    else:
        emit(rows, PLAN_COLUMNS, fmt, title=f"Roadmap: {roadmap.name}", empty="no initiatives to plan")
    if fmt is OutputFormat.TABLE:
        console = stdout()
        console.soft_wrap = True
        for wave in roadmap.waves:
            console.print(
                f"{escape(wave.label)}: {wave.start} to {wave.end - dt.timedelta(days=1)}, "
                f"{len(wave.initiatives)} initiative(s)"
            )
        if roadmap.critical_path:
            console.print(f"critical path: {escape(' -> '.join(roadmap.critical_path))}")
        for task_id, why in roadmap.unscheduled.items():
            console.print(f"[red]not scheduled[/red] {escape(task_id)}: {escape(why)}")
        for issue in roadmap.issues:
            colour = _COLOURS[issue.severity]
            console.print(f"[{colour}]{issue.severity}[/{colour}] {issue.code}: {escape(issue.message)}")
    if output is not None:
        _draw_plan(output, picture, roadmap, tom)
    if not roadmap.ok:
        raise typer.Exit(int(ExitCode.FINDINGS))


def _draw_plan(output: Path, picture: PlanPicture, roadmap: Any, tom: Any) -> None:
    if picture is PlanPicture.MATRIX:
        from tomkit.render.matrix import matrix_svg

        _write_picture(output, lambda: matrix_svg(roadmap))
    elif picture is PlanPicture.LOAD:
        from tomkit.render.change_load import change_load_svg

        _write_picture(output, lambda: change_load_svg(roadmap))
    else:
        from tomkit.render.roadmap import roadmap_svg

        _write_picture(output, lambda: roadmap_svg(roadmap, tom))


def progress(
    file: FileArgument,
    today: TodayOption = None,
    who: Annotated[
        str | None, typer.Option("--who", help="What is next for this person or team id.", show_default=False)
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Also draw the journey view to this .svg or .png file.", show_default=False
        ),
    ] = None,
) -> None:
    """Where the journey stands: per initiative and wave, plan against actual, and what is next.

    The headline reads like a status slide: "wave 2 of 4, 55 % done, next milestone in 3 weeks".
    With --who, the same for one person (what they own or champion) or one team.
    """
    from tomkit.analysis.progress import next_steps
    from tomkit.analysis.progress import progress as journey
    from tomkit.analysis.roadmap import plan as make_plan

    tom = load_tom(file)
    day = _today(today)
    roadmap = make_plan(tom, today=day)
    state = journey(tom, roadmap, today=day)
    step = next_steps(tom, state, who) if who else None
    if fmt is OutputFormat.JSON:
        data: dict[str, Any] = to_jsonable(state)
        data["summary"] = state.summary
        if step is not None:
            data["next_steps"] = to_jsonable(step)
        emit_json(data)
    else:
        rows = []
        for item in state.initiatives:
            if step is not None and item.id not in (*step.working_on, *step.coming_up):
                continue
            upcoming = [m for m in item.milestones if not m.done and m.due]
            rows.append(
                {
                    "wave": item.wave,
                    "id": item.id,
                    "status": item.status,
                    "percent": item.percent,
                    "basis": item.basis,
                    "planned": f"{item.planned_start or ''} to {item.planned_end or ''}",
                    "actual": f"{item.actual_start or ''} to {item.actual_end or ''}".strip(),
                    "slip_days": item.end_slip_days
                    if item.end_slip_days is not None
                    else item.start_slip_days,
                    "next_milestone": f"{upcoming[0].name} ({upcoming[0].due})" if upcoming else "",
                }
            )
        if fmt is OutputFormat.TABLE:
            console = stdout()
            console.soft_wrap = True
            console.print(f"[bold]{escape(step.text if step else state.summary)}[/bold]")
            for wave in state.waves:
                console.print(
                    f"  wave {wave.number}: {wave.percent:g} % ({wave.done} of {wave.initiatives} done)"
                )
        emit(rows, PROGRESS_COLUMNS, fmt, title="Initiatives", empty="no initiatives")
    if output is not None:
        from tomkit.render.journey import journey_svg

        _write_picture(output, lambda: journey_svg(roadmap, state, tom))


def readiness(file: FileArgument, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Change readiness per stakeholder group, and what the people side of the plan has forgotten.

    Scores (0-100) come from the questionnaire answers in the file's `readiness` section; warnings
    name roles that change with no training, groups affected with no communication, groups not
    yet assessed or not ready, and initiatives with no change champion. Exit code 1 on errors.
    """
    from tomkit.analysis.gaps import gaps
    from tomkit.analysis.readiness import change_warnings
    from tomkit.analysis.readiness import readiness as scores

    tom = load_tom(file)
    roles: tuple[str, ...] = ()
    if len(tom.states) >= 2:
        people = gaps(tom).people
        roles = (*people.roles_added, *people.roles_changed)
    results, _ = scores(tom)
    warnings = change_warnings(tom, roles)
    rows = [
        {
            "group": r.group,
            "initiative": r.initiative or "",
            "responses": r.responses,
            "score": r.score,
            "ready": "yes" if r.ready else "no",
            "weakest": r.weakest or "",
        }
        for r in results
    ]
    columns = tuple(Column(k, k) for k in ("group", "initiative", "responses", "score", "ready", "weakest"))
    if fmt is OutputFormat.JSON:
        emit_json({"groups": results, "warnings": warnings})
    elif fmt is OutputFormat.CSV:
        emit(rows, columns, fmt)
    else:
        emit(rows, columns, fmt, title="Readiness", empty="no readiness answers yet")
        console = stdout()
        console.soft_wrap = True
        for w in warnings:
            colour = _COLOURS[w.severity]
            where = f"{w.initiative}: " if w.initiative else ""
            console.print(
                f"[{colour}]{w.severity}[/{colour}] {w.code}: {escape(where + w.message)} — {escape(w.fix)}"
            )
    if any(w.severity == "error" for w in warnings):
        raise typer.Exit(int(ExitCode.FINDINGS))
