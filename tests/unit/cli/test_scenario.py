"""`tomkit scenario run|compare|chart|apply` through the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tomkit.cli.app import app
from tomkit.formats import load
from tomkit.model import Channel

DESK = Path(__file__).parents[1] / "scenarios" / "desk.yaml"

FAST = ["--weeks", "2", "--replications", "2"]


@pytest.fixture
def desk_file(tmp_path: Path) -> Path:
    path = tmp_path / "desk.yaml"
    path.write_text(DESK.read_text())
    return path


def test_run_shows_channels_teams_and_simulation(runner: CliRunner, desk_file: Path) -> None:
    result = runner.invoke(app, ["scenario", "run", str(desk_file), "digital", *FAST])
    assert result.exit_code == 0, result.output
    assert "Digital first (digital, based on as-is)" in result.output
    assert "erlang-c" in result.output
    assert "backlog" in result.output
    assert "Simulation: 2 × 2 weeks, seed 0, required staff, priority queues" in result.output


def test_run_json_is_complete_and_valid(runner: CliRunner, desk_file: Path) -> None:
    result = runner.invoke(app, ["scenario", "run", str(desk_file), "--no-simulate", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["id"] == "as-is"
    assert data["simulation"] is None
    phone = next(c for c in data["channels"] if c["channel"] == "phone")
    assert len(phone["agents"]) == 168
    assert phone["method"] == "erlang-c"
    assert any(p["source"] == "default" for p in data["provenance"])


def test_compare_csv_has_one_column_per_scenario(runner: CliRunner, desk_file: Path) -> None:
    result = runner.invoke(app, ["scenario", "compare", str(desk_file), "--no-simulate", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == ["section", "measure", "unit", "as-is", "digital", "outsourced"]
    contacts = next(r for r in rows if r["section"] == "phone" and r["measure"] == "contacts handled")
    assert float(contacts["as-is"]) == pytest.approx(9000)
    assert float(contacts["digital"]) == pytest.approx(6300)


def test_compare_table_with_simulation(runner: CliRunner, desk_file: Path) -> None:
    result = runner.invoke(app, ["scenario", "compare", str(desk_file), "as-is", "digital", *FAST])
    assert result.exit_code == 0, result.output
    assert "mean resolution" in result.output
    assert "cost per contact" in result.output


def test_unknown_scenario_is_a_usage_error(runner: CliRunner, desk_file: Path) -> None:
    result = runner.invoke(app, ["scenario", "run", str(desk_file), "cheapest"])
    assert result.exit_code == 2
    assert "no scenario or state 'cheapest'" in result.output


def test_chart_writes_svg_files(runner: CliRunner, desk_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "charts"
    result = runner.invoke(app, ["scenario", "chart", str(desk_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert "cost-waterfall.svg" in names
    assert "staffing-digital.svg" in names
    assert (out / "staffing-as-is.svg").read_text().startswith("<svg")


def test_apply_writes_the_scenario_into_the_to_be(runner: CliRunner, desk_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "planned.yaml"
    result = runner.invoke(
        app, ["scenario", "apply", str(desk_file), "digital", "--into", "to-be", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    tom = load(out)
    phone = tom.states["to-be"].element("phone")
    assert isinstance(phone, Channel)
    assert phone.volume_per_month == pytest.approx(6300)


def test_run_with_a_calibration_file_shows_where_values_came_from(
    runner: CliRunner, desk_file: Path, tmp_path: Path
) -> None:
    observed = tmp_path / "observed.json"
    observed.write_text(
        json.dumps({"source": "incidents 2025", "channels": [{"channel": "phone", "handle_minutes": [5, 7]}]})
    )
    result = runner.invoke(
        app, ["scenario", "run", str(desk_file), "--no-simulate", "--calibration", str(observed)]
    )
    assert result.exit_code == 0, result.output
    assert "Calibrated inputs" in result.output
    assert "incidents 2025" in result.output
    observed.write_text("{not json")
    broken = runner.invoke(
        app, ["scenario", "run", str(desk_file), "--no-simulate", "--calibration", str(observed)]
    )
    assert broken.exit_code == 2
    assert "not valid JSON" in broken.output
