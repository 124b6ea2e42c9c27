"""`tomkit schema`: prints the JSON Schema, or writes it to a file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tomkit.cli.app import app
from tomkit.formats import json_schema


def test_prints_the_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


def test_writes_the_schema_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "tom.schema.json"
    result = runner.invoke(app, ["schema", "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text()) == json_schema()
    assert f"wrote the schema to {target}" in result.stderr


def test_unwritable_target_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "-o", str(tmp_path / "no" / "such" / "dir.json")])
    assert result.exit_code == 2
    assert "error:" in result.stderr
    assert "No such file or directory" in result.stderr
    assert "Traceback" not in result.output
