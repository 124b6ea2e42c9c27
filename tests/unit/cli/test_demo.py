"""`tomkit demo`: the demo organisation's gaps and health, in a table or as data."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from tomkit.analysis.gaps import gaps
from tomkit.analysis.health import health
from tomkit.cli.app import app
from tomkit.demo import load_demo


def test_table_shows_gaps_people_and_findings(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    tom = load_demo()
    report = gaps(tom)
    assert tom.name in result.stdout
    assert f"Gaps from {report.from_state} to {report.to_state}" in result.stdout
    assert "Gaps by dimension" in result.stdout
    assert "People & organisation" in result.stdout
    assert f"FTE {report.people.fte_before:g} → {report.people.fte_after:g}" in result.stdout
    assert "Health findings" in result.stdout
    for finding in health(tom):
        assert finding.where in result.stdout


def test_json_holds_the_full_report(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demo", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    tom = load_demo()
    assert data["gaps"] == json.loads(json.dumps(gaps(tom).to_data()))
    assert [f["code"] for f in data["health"]] == [f.code for f in health(tom)]


def test_csv_has_one_row_per_gap(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demo", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    report = gaps(load_demo())
    assert len(rows) == len(report.elements)
    assert {r["change"] for r in rows} <= {"added", "removed", "changed"}
