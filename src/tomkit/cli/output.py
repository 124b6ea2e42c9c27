"""What every command shares: output formats, exit codes, error printing and progress.

Tables for people in a terminal, `--format json|csv` for machines. Exit codes are the same
everywhere: 0 all well, 1 findings or problems at or above the threshold, 2 a usage or input
error (a missing or broken file, an unknown name), 3 an internal error.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import enum
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from typer.core import TyperGroup

from tomkit.formats import TomFileError, describe_problem, read
from tomkit.model import Problem, Severity, Tom


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3


class OutputFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format", "-f", help="table for people; json or csv for other programs.", case_sensitive=False
    ),
]
FailOnOption = Annotated[
    Severity,
    typer.Option("--fail-on", help="Exit 1 when anything is at least this severe.", case_sensitive=False),
]


def stdout() -> Console:
    """A console on the current standard output (looked up each time, so tests can capture it)."""
    return Console(file=sys.stdout, soft_wrap=False, highlight=False)


def stderr() -> Console:
    return Console(file=sys.stderr, soft_wrap=True, highlight=False)


@dataclass(frozen=True)
class Column:
    """One column of a listing: `key` in each row, its heading, and how a terminal shows it."""

    key: str
    header: str
    justify: Literal["left", "right", "center"] = "left"
    no_wrap: bool = False
    style: str | None = None


def to_jsonable(value: Any) -> Any:
    """Plain JSON data for dataclasses, pydantic models, enums, dates, paths, tuples and sets."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {str(to_jsonable(k)): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    return value


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(data), indent=2, ensure_ascii=False) + "\n")


def emit(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    fmt: OutputFormat = OutputFormat.TABLE,
    *,
    title: str | None = None,
    data: Any = None,
    empty: str = "nothing to show",
) -> None:
    """Show rows as a table, JSON (`data` when given, else the rows) or CSV (the columns, in order)."""
    if fmt is OutputFormat.JSON:
        emit_json(rows if data is None else data)
        return
    if fmt is OutputFormat.CSV:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([c.key for c in columns])
        for row in rows:
            writer.writerow([_cell_text(row.get(c.key)) for c in columns])
        return
    console = stdout()
    if not rows:
        if title:
            console.print(f"[bold]{escape(title)}[/bold]")
        console.print(f"[dim]{escape(empty)}[/dim]")
        return
    table = Table(title=title, title_justify="left", title_style="bold", header_style="bold")
    for c in columns:
        table.add_column(c.header, justify=c.justify, no_wrap=c.no_wrap, style=c.style)
    for row in rows:
        table.add_row(*(escape(_cell_text(row.get(c.key))) for c in columns))
    console.print(table)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell_text(v) for v in value)
    return str(value)


def exit_code(severities: Iterable[Severity | str], threshold: Severity = Severity.ERROR) -> ExitCode:
    """FINDINGS when anything is at least as severe as `threshold`, else OK."""
    worst = max((Severity(s).rank for s in severities), default=0)
    return ExitCode.FINDINGS if worst >= threshold.rank else ExitCode.OK


def fail(message: str, hint: str = "", code: ExitCode = ExitCode.USAGE) -> NoReturn:
    """Print an error (and what to do about it) on stderr and stop with `code`."""
    console = stderr()
    console.print(f"[bold red]error:[/bold red] {escape(message)}")
    if hint:
        console.print(f"  {escape(hint)}")
    raise typer.Exit(int(code))


def print_problems(problems: Iterable[Problem]) -> None:
    """Problems on stderr, one per line, as `file:line:col: path: message (hint)`."""
    console = stderr()
    for problem in problems:
        colour = {"error": "red", "warning": "yellow"}.get(problem.severity.value, "blue")
        console.print(f"[{colour}]{escape(describe_problem(problem))}[/{colour}]")


def load_tom(path: Path | str) -> Tom:
    """The TOM in a file for a command to work on; prints every problem and exits 2 if it has errors."""
    result = read(path)
    if not result.ok or result.tom is None:
        raise TomFileError(result.problems, result.source)
    return result.tom


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for long work; yields `advance(n)`. Silent when stderr is not a terminal."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr(),
        transient=True,
        disable=not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            bar.advance(task, n)

        yield advance


class TomkitGroup(TyperGroup):
    """The root command: turns expected errors into messages and exit codes, never tracebacks."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except TomFileError as exc:
            print_problems(exc.problems)
            raise typer.Exit(int(ExitCode.USAGE)) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}")
        except (KeyError, ValueError, LookupError) as exc:
            message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
            fail(str(message))
        except KeyboardInterrupt:
            fail("interrupted", code=ExitCode.USAGE)
        except Exception as exc:
            if os.environ.get("TOMKIT_DEBUG"):
                raise
            fail(
                f"internal error: {type(exc).__name__}: {exc}",
                "this is a bug in tomkit; run again with TOMKIT_DEBUG=1 to see where it happened",
                ExitCode.INTERNAL,
            )
