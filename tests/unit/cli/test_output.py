"""The shared output helpers: formats, exit codes and error printing without tracebacks."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tomkit.cli.output import (
    Column,
    ExitCode,
    FormatOption,
    OutputFormat,
    TomkitGroup,
    emit,
    exit_code,
    load_tom,
    progress,
    to_jsonable,
)
from tomkit.model import Dimension, Person, Severity

ROWS = [{"id": "a", "fte": 2.5, "tags": ["x", "y"]}, {"id": "b|c", "fte": None, "tags": []}]
COLUMNS = (Column("id", "Id"), Column("fte", "FTE", justify="right"), Column("tags", "Tags"))


def _app() -> typer.Typer:
    app = typer.Typer(cls=TomkitGroup, add_completion=False, pretty_exceptions_enable=False)

    @app.command("show")
    def show(fmt: FormatOption = OutputFormat.TABLE) -> None:
        emit(ROWS, COLUMNS, fmt, title="Things")

    @app.command("boom")
    def boom(what: str) -> None:
        if what == "key":
            raise KeyError("no state 'wave-9'; states are: as-is, to-be")
        if what == "value":
            raise ValueError("effort must be one of xs, s, m, l, xl")
        if what == "os":
            raise PermissionError(13, "Permission denied", "/etc/tom.yaml")
        if what == "file":
            load_tom(Path("/nonexistent/tom.yaml"))
        raise RuntimeError("unexpected")

    group = typer.Typer()

    @group.command("deep")
    def deep() -> None:
        raise KeyError("unknown dataset 'x'")

    app.add_typer(group, name="group")
    return app


def test_errors_in_command_groups_are_caught_too(runner: CliRunner) -> None:
    result = runner.invoke(_app(), ["group", "deep"])
    assert result.exit_code == 2
    assert "error: unknown dataset 'x'" in result.stderr


def test_table_json_and_csv(runner: CliRunner) -> None:
    app = _app()
    table = runner.invoke(app, ["show"])
    assert table.exit_code == 0
    assert "Things" in table.stdout
    assert "2.5" in table.stdout
    assert "x, y" in table.stdout
    assert json.loads(runner.invoke(app, ["show", "--format", "json"]).stdout) == ROWS
    assert runner.invoke(app, ["show", "-f", "csv"]).stdout == 'id,fte,tags\na,2.5,"x, y"\nb|c,,\n'


@pytest.mark.parametrize(
    ("what", "code", "message"),
    [
        ("key", 2, "error: no state 'wave-9'; states are: as-is, to-be"),
        ("value", 2, "error: effort must be one of xs, s, m, l, xl"),
        ("os", 2, "error: /etc/tom.yaml: Permission denied"),
        ("file", 2, "/nonexistent/tom.yaml: no such file"),
        ("other", 3, "error: internal error: RuntimeError: unexpected"),
    ],
)
def test_errors_become_messages_and_exit_codes(runner: CliRunner, what: str, code: int, message: str) -> None:
    result = runner.invoke(_app(), ["boom", what])
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_debug_shows_the_real_exception(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOMKIT_DEBUG", "1")
    result = runner.invoke(_app(), ["boom", "other"])
    assert isinstance(result.exception, RuntimeError)


def test_exit_code_threshold() -> None:
    assert exit_code([]) is ExitCode.OK
    assert exit_code([Severity.WARNING]) is ExitCode.OK
    assert exit_code([Severity.WARNING], Severity.WARNING) is ExitCode.FINDINGS
    assert exit_code(["info", "error"]) is ExitCode.FINDINGS


def test_to_jsonable_handles_the_result_types() -> None:
    @dataclass(frozen=True)
    class Result:
        when: dt.date
        dimension: Dimension
        people: tuple[Person, ...]
        where: Path
        tags: frozenset[str]

    value = Result(
        dt.date(2027, 3, 31), Dimension.DATA, (Person(id="a", name="A"),), Path("x/y"), frozenset("ba")
    )
    assert to_jsonable(value) == {
        "when": "2027-03-31",
        "dimension": "data",
        "people": [{"id": "a", "name": "A"}],
        "where": "x/y",
        "tags": ["a", "b"],
    }


def test_progress_counts_without_a_terminal() -> None:
    seen = []
    with progress("working", total=3) as advance:
        for n in range(3):
            advance(1)
            seen.append(n)
    assert seen == [0, 1, 2]
