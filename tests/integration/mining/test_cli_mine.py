"""`tomkit mine ...` through the command line, on the small fixtures."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tomkit.cli.app import app

pytestmark = pytest.mark.integration

DATA = Path(__file__).resolve().parents[2] / "data" / "mining"
TOM = """\
tomkit: 1
name: Service desk
kpis:
  - {id: mttr-p1, name: MTTR P1, unit: hours, direction: lower, baseline: 9.5,
     source: {kind: mining, dataset: incidents, metric: median_resolution_hours, filters: {priority: "1"}}}
  - {id: reopen, name: Reopened, unit: "%", direction: lower}
states:
  as-is:
    elements:
      - {id: ch-phone, kind: channel, name: Phone, channel_type: phone}
      - {id: sl, kind: service-level, name: SLA, targets: [{priority: P1, resolution_hours: 8}, {priority: P3, resolution_hours: 24}]}
  to-be:
    elements:
      - id: incident
        kind: practice
        name: Incident
        rules:
          - {id: close-after-resolve, template: response, activities: [Resolved, Closed]}
          - {id: no-rework, template: absence, activities: [Reopened]}
          - {id: urgent-in-4h, template: response, activities: [New, Resolved], within_hours: 4,
             where: {priority: ["1 - Critical", "2 - High"]}}
          - {id: by-team, template: absence, activities: [Reopened], where: {team: L1}}
"""


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("TOMKIT_DEBUG", raising=False)
    return CliRunner()


@pytest.fixture
def log(tmp_path: Path) -> Path:
    target = tmp_path / "incidents.csv"
    shutil.copy(DATA / "servicenow.csv", target)
    return target


@pytest.fixture
def tom(tmp_path: Path) -> Path:
    path = tmp_path / "tom.yaml"
    path.write_text(TOM)
    return path


def test_import_previews_then_writes_a_dataset(runner: CliRunner, log: Path, tmp_path: Path) -> None:
    out = tmp_path / "ds" / "incidents.parquet"
    result = runner.invoke(app, ["mine", "import", str(log), "-o", str(out), "--yes"])
    assert result.exit_code == 0, result.output
    assert "preset servicenow" in result.output
    assert "%d/%m/%Y %H:%M" in result.output
    assert "imported 17 events, 4 cases, 2016-03-01 .. 2016-03-05" in result.output
    assert out.exists()
    again = runner.invoke(app, ["mine", "variants", str(out), "--format", "json"])
    assert json.loads(again.output)["variants"] == 4


def test_import_preview_only_and_explicit_mapping(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["mine", "import", str(DATA / "jira.csv"), "--preview"])
    assert result.exit_code == 0, result.output
    assert "preset jira" in result.output
    assert not (DATA / "jira.parquet").exists()
    out = tmp_path / "naive.parquet"
    mapped = runner.invoke(app, ["mine", "import", str(DATA / "naive_london.csv"), "-o", str(out), "--yes",
                                 "--case", "case", "--activity", "activity", "--timestamp", "time",
                                 "--timezone", "Europe/London"])  # fmt: skip
    assert mapped.exit_code == 0, mapped.output
    assert "2024-03-31 .. 2024-07-01" in mapped.output


def test_import_errors_are_messages_not_tracebacks(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["mine", "import", str(DATA / "bad_timestamp.csv"), "-o", str(tmp_path / "x.parquet"), "-y"]
    )
    assert result.exit_code == 2
    assert "row 3, line 4, column 'timestamp'" in result.output
    assert "Traceback" not in result.output
    missing = runner.invoke(app, ["mine", "dfg", str(tmp_path / "none.csv")])
    assert missing.exit_code == 2
    assert "no such file" in missing.output


def test_dfg_json_and_svg(runner: CliRunner, log: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["mine", "dfg", str(log), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    edges = {(e["source"], e["target"]): e for e in data["edges"]}
    assert edges[("New", "Active")]["count"] == 3
    assert edges[("New", "Active")]["median"] == 7200.0
    assert data["start"] == {"New": 4}
    svg = tmp_path / "map.svg"
    drawn = runner.invoke(
        app, ["mine", "dfg", str(log), "-o", str(svg), "--performance", "--activities", "3"]
    )
    assert drawn.exit_code == 0, drawn.output
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") or "<svg" in text
    assert "Active" in text
    assert "Closed" not in text


def test_dfg_csv_with_a_filter(runner: CliRunner, log: Path) -> None:
    result = runner.invoke(app, ["mine", "dfg", str(log), "--format", "csv", "--where", "channel=Phone"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {(r["source"], r["target"]): r["count"] for r in rows} == {
        ("New", "Active"): "2", ("Active", "Resolved"): "1", ("Resolved", "Closed"): "1"}  # fmt: skip


def test_stats_handovers_and_arrivals(runner: CliRunner, log: Path) -> None:
    stats = runner.invoke(app, ["mine", "stats", str(log), "--format", "json"])
    assert stats.exit_code == 0, stats.output
    data = json.loads(stats.output)
    assert data["log"]["n_cases"] == 4
    assert data["reopen_rate"] == pytest.approx(1 / 3)
    svg = log.with_name("handovers.svg")
    hand = runner.invoke(app, ["mine", "handovers", str(log), "-o", str(svg)])
    assert hand.exit_code == 0, hand.output
    assert "ping-pong in 1 cases" in hand.output
    assert "Network" in svg.read_text()
    assert "↺1" in svg.read_text()
    arrivals = runner.invoke(app, ["mine", "arrivals", str(log), "--format", "json"])
    assert json.loads(arrivals.output)["counts"][1][9] == 1


def test_sla_against_the_tom(runner: CliRunner, log: Path, tom: Path) -> None:
    result = runner.invoke(
        app, ["mine", "sla", str(log), "--tom", str(tom), "--no-channel", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"] == "targets"
    assert data["total"]["cases"] == 2
    assert data["total"]["met"] == 1


def test_sla_on_the_service_levels_calendar(runner: CliRunner, log: Path, tmp_path: Path) -> None:
    calendar = TOM.replace("name: SLA, targets:", 'name: SLA, calendar: "business hours; P1 24x7", targets:')
    assert calendar != TOM
    tom = tmp_path / "calendar.yaml"
    tom.write_text(calendar)
    args = ["mine", "sla", str(log), "--tom", str(tom), "--no-channel", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rows = {r["priority"]: r for r in data["rows"]}
    # INC0000002 (P3): Tuesday 10:00 to Thursday 10:00 is 48 hours of wall time, 16 business hours
    assert rows["P3"]["median_hours"] == 16.0
    assert rows["P3"]["met"] == 1
    assert rows["P3"]["clock"] == "business hours (UTC)"
    assert rows["P1"]["clock"] == "24x7"
    assert data["total"]["met"] == 2
    lisbon = runner.invoke(app, [*args, "--timezone", "Europe/Lisbon"])
    in_lisbon = {r["priority"]: r for r in json.loads(lisbon.output)["rows"]}
    assert in_lisbon["P3"]["clock"] == "business hours (Europe/Lisbon)"
    wrong = runner.invoke(app, [*args, "--timezone", "Mars/Olympus"])
    assert wrong.exit_code != 0
    assert "unknown time zone 'Mars/Olympus'" in wrong.output


def test_conformance_against_the_to_be(runner: CliRunner, log: Path, tom: Path) -> None:
    result = runner.invoke(app, ["mine", "conformance", str(log), "--tom", str(tom), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rules = {r["rule"]: r for r in data["rules"]}
    assert rules["close-after-resolve"]["violations"] == 0
    assert rules["no-rework"]["missing"] == ["Reopened"]
    assert rules["no-rework"]["cases"] == 4
    assert rules["no-rework"]["scope"] == "every case"
    assert rules["no-rework"]["where"] == {}
    urgent = rules["urgent-in-4h"]
    assert urgent["scope"] == "priority = 1 - Critical or 2 - High"
    assert urgent["where"] == {"priority": ["1 - Critical", "2 - High"]}
    assert (urgent["cases"], urgent["violations"], urgent["examples"]) == (2, 1, ["INC0000004"])
    assert urgent["conformant"] == 0.5
    assert rules["by-team"]["problem"] == "not checked: the log has no attribute 'team' for the rule's scope"
    assert rules["by-team"]["conformant"] is None
    assert data["problems"] == ["by-team: not checked: the log has no attribute 'team' for the rule's scope"]
    assert data["conformant_cases"] == 3  # INC0000004, a P2, is not resolved


def test_conformance_table_shows_the_scope_and_the_problem(runner: CliRunner, log: Path, tom: Path) -> None:
    result = runner.invoke(app, ["mine", "conformance", str(log), "--tom", str(tom)])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "urgent-in-4h" in line)
    assert "priority = 1 - Critical or 2 - High" in row
    assert re.search(r"│\s+2\s+│\s+1\s+│\s+0\.5\s+│\s+INC0000004", row), row
    assert "attribute team" in result.stdout
    assert "warning: by-team: not checked: the log has no attribute 'team'" in result.stderr


def test_kpis_write_baselines_into_the_tom(runner: CliRunner, log: Path, tom: Path, tmp_path: Path) -> None:
    out = tmp_path / "updated.yaml"
    result = runner.invoke(
        app, ["mine", "kpis", str(log), "--tom", str(tom), "-o", str(out), "--as-of", "2026-05-01"]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "baseline: 2" in text  # median P1 resolution: 2 hours
    assert "baseline_date: 2026-05-01" in text
    reopen = runner.invoke(app, ["mine", "kpis", str(log), "--tom", str(out), "--kpi", "reopen", "--metric", "reopen_rate",
                                 "--facts", "--in-place", "--format", "json"])  # fmt: skip
    assert reopen.exit_code == 0, reopen.output
    assert "baseline: 33.3333" in out.read_text()
    assert "mined_share" in out.read_text()
    bad = runner.invoke(app, ["mine", "kpis", str(log), "--tom", str(tom), "--kpi", "reopen"])
    assert bad.exit_code == 2
    assert "has no mining metric" in bad.output


def test_out_of_core_on_an_imported_dataset(runner: CliRunner, log: Path, tmp_path: Path) -> None:
    out = tmp_path / "incidents.parquet"
    assert runner.invoke(app, ["mine", "import", str(log), "-o", str(out), "-y"]).exit_code == 0
    in_memory = json.loads(runner.invoke(app, ["mine", "dfg", str(out), "--format", "json"]).output)
    spilled = runner.invoke(app, ["mine", "dfg", str(out), "--format", "json", "--out-of-core", "256MB"])
    assert spilled.exit_code == 0, spilled.output
    assert json.loads(spilled.output)["edges"] == in_memory["edges"]
    variants = runner.invoke(
        app, ["mine", "variants", str(out), "--format", "json", "--out-of-core", "256MB"]
    )
    assert json.loads(variants.output)["variants"] == 4
    refused = runner.invoke(app, ["mine", "dfg", str(log), "--out-of-core", "1GB"])
    assert refused.exit_code == 2
    assert "imported dataset" in refused.output
    filtered = runner.invoke(
        app, ["mine", "dfg", str(out), "--out-of-core", "1GB", "--where", "channel=Phone"]
    )
    assert filtered.exit_code == 2
