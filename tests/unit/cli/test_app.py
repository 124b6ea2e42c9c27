"""The command-line shell: version, help for every command, usage errors exit 2."""

from __future__ import annotations

import typer.main
from typer.testing import CliRunner

from tomkit import __version__
from tomkit.cli.app import app


def _commands() -> list[list[str]]:
    out: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            out.append([*path, name])
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return out


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"tomkit {__version__}\n"


def test_every_command_has_help(runner: CliRunner) -> None:
    commands = _commands()
    assert ["validate"] in commands
    assert ["init"] in commands
    for path in commands:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.stdout


def test_unknown_command_and_option_are_usage_errors(runner: CliRunner) -> None:
    unknown = runner.invoke(app, ["valdate"])
    assert unknown.exit_code == 2
    assert "validate" in unknown.output  # suggested
    assert runner.invoke(app, ["validate", "--formats", "json", "x.yaml"]).exit_code == 2
    assert runner.invoke(app, ["validate", "--format", "xml", "x.yaml"]).exit_code == 2
