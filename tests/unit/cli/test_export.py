"""`tomkit export` / `tomkit import`: deliverables from the model, and workbooks and ArchiMate back in."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from tomkit.cli.app import app
from tomkit.formats import load


def _template(runner: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "tom.yaml"
    assert runner.invoke(app, ["init", str(path), "--template", "itsm-service-desk"]).exit_code == 0
    return path


def test_workbook_and_archimate_round_trip_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    path = _template(runner, tmp_path)
    original = load(path)
    for fmt, suffix in (("xlsx", ".xlsx"), ("archimate", ".xml")):
        result = runner.invoke(app, ["export", str(path), "--format", fmt])
        assert result.exit_code == 0, result.output
        exported = path.with_suffix(suffix)
        back = tmp_path / f"back-{fmt}.yaml"
        result = runner.invoke(app, ["import", str(exported), "-o", str(back)])
        assert result.exit_code == 0, result.output
        assert load(back) == original
    book = load_workbook(io.BytesIO(path.with_suffix(".xlsx").read_bytes()))
    assert "People & organisation" in book.sheetnames


def test_markdown_export_uses_the_given_date(runner: CliRunner, tmp_path: Path) -> None:
    path = _template(runner, tmp_path)
    out = tmp_path / "wiki.md"
    result = runner.invoke(app, ["export", str(path), "-f", "md", "-o", str(out), "--today", "2027-01-15"])
    assert result.exit_code == 0, result.output
    assert "as of 15 January 2027" in out.read_text()


def test_bad_input_gives_clear_errors_and_exit_codes(runner: CliRunner, tmp_path: Path) -> None:
    path = _template(runner, tmp_path)
    result = runner.invoke(app, ["export", str(path), "-f", "md", "--today", "soon"])
    assert result.exit_code == 2
    assert "--today 'soon' is not a date" in result.output
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    result = runner.invoke(app, ["import", str(notes)])
    assert result.exit_code == 2
    assert "give an .xlsx workbook or an ArchiMate .xml exchange file" in result.output
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    result = runner.invoke(app, ["import", str(broken)])
    assert result.exit_code != 0
    assert "not an Excel workbook" in result.output
    assert "Traceback" not in result.output
