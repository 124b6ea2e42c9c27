"""`tomkit validate`: every problem in one or more TOM files, each with file, line and column."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from tomkit.cli.output import (
    Column,
    ExitCode,
    FailOnOption,
    FormatOption,
    OutputFormat,
    emit,
    exit_code,
    stdout,
)
from tomkit.formats import LoadResult, describe_problem, read, reads
from tomkit.model import Problem, Severity

COLUMNS = tuple(
    Column(key, key) for key in ("file", "line", "column", "severity", "code", "path", "message", "hint")
)


def problem_row(problem: Problem) -> dict[str, Any]:
    location = problem.source or "<input>"
    if problem.line is not None:
        location += f":{problem.line}:{problem.column or 1}"
    return {
        "location": location,
        "file": problem.source,
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity.value,
        "code": problem.code,
        "path": problem.where,
        "message": problem.message,
        "hint": problem.hint,
    }


def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="TOM files (.yaml, .yml or .json); - reads YAML from standard input.", show_default=False
        ),
    ],
    fmt: FormatOption = OutputFormat.TABLE,
    fail_on: FailOnOption = Severity.ERROR,
) -> None:
    """Check TOM files: syntax, structure and meaning, reporting every problem at once.

    Each problem names the file, line and column, the path inside the document, and what to do.
    Exits 1 when a problem is at least as severe as --fail-on (errors by default), and 2 when a file
    cannot be read at all.
    """
    results = [
        reads(sys.stdin.read(), source="<stdin>") if str(path) == "-" else read(path) for path in files
    ]
    problems = [p for result in results for p in result.problems]
    rows = [problem_row(p) for p in problems]
    if fmt is OutputFormat.TABLE:
        _listing(problems)
        _summary(results)
    else:
        emit(rows, COLUMNS, fmt)
    if any(p.code == "file" for p in problems):
        raise typer.Exit(int(ExitCode.USAGE))
    raise typer.Exit(int(exit_code((p.severity for p in problems), fail_on)))


def _listing(problems: list[Problem]) -> None:
    """One line per problem, as compilers print them, so editors and terminals can jump to it."""
    console = stdout()
    console.soft_wrap = True
    for problem in problems:
        colour = {"error": "red", "warning": "yellow"}.get(problem.severity.value, "blue")
        text = describe_problem(problem, hint=False)
        location, _, rest = text.partition(": ")
        console.print(
            f"[cyan]{escape(location)}[/cyan]: [{colour}]{problem.severity.value}[/{colour}]: {escape(rest)}"
        )
        if problem.hint:
            console.print(f"    [dim]{escape(problem.hint)}[/dim]")


def _summary(results: list[LoadResult]) -> None:
    console = stdout()
    for result in results:
        errors, warnings = len(result.errors), len(result.warnings)
        if not errors and not warnings and result.tom is not None:
            tom = result.tom
            count = sum(len(state.elements) for state in tom.states.values())
            console.print(
                f"[green]✓[/green] {escape(result.source)}: valid "
                f"({_plural(len(tom.states), 'state')}, {_plural(count, 'element')})"
            )
        else:
            parts = [_plural(errors, "error")] if errors else []
            parts += [_plural(warnings, "warning")] if warnings else []
            colour = "red" if errors else "yellow"
            console.print(f"[{colour}]✗[/{colour}] {escape(result.source)}: {', '.join(parts)}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
