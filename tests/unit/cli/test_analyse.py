"""`tomkit gaps|diff|check|impact` on real files, through the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tomkit.cli.app import app

TOM = """\
tomkit: 1
name: Service desk
sponsor: cio
review: {next: 2027-03-31}
people:
  - {id: cio, name: Dana Whitfield}
  - {id: sd-lead, name: Rui Matos}
outcomes:
  - {id: faster, statement: Restore faster, kpis: [mttr]}
kpis:
  - {id: mttr, name: MTTR, direction: lower, baseline: 9.5, target: 4, due: 2027-12-31, about: [remedy]}
states:
  as-is:
    elements:
      - {id: desk-l1, kind: team, name: Service Desk L1, fte: 18, sourcing: outsourced}
      - {id: remedy, kind: tool, name: Remedy 9, lifecycle: retire}
      - {id: incident, kind: practice, name: Incident management, maturity: 2}
      - {id: cmdb, kind: data-asset, name: CMDB, system_of_record: remedy}
    relations:
      - {from: desk-l1, type: uses, to: remedy}
      - {from: remedy, type: supports, to: incident}
  to-be:
    elements:
      - {id: desk-l1, kind: team, name: Service Desk L1, fte: 14, sourcing: in-house}
      - {id: snow, kind: tool, name: ServiceNow}
      - {id: incident, kind: practice, name: Incident management, maturity: 4}
    relations:
      - {from: desk-l1, type: uses, to: snow}
initiatives:
  - {id: itsm, name: ServiceNow go-live, owner: sd-lead, status: planned, closes: [snow, remedy, cmdb, desk-l1]}
"""


@pytest.fixture
def tom_file(tmp_path: Path) -> Path:
    path = tmp_path / "tom.yaml"
    path.write_text(TOM)
    return path


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_gaps_table_lists_gaps_and_people_impact(tom_file: Path) -> None:
    code, out = run("gaps", tom_file)
    assert code == 0
    assert "Gaps: as-is -> to-be" in out
    assert "FTE 18 -> 14 (-4)" in out
    assert "3 added, 2 removed" not in out
    assert "1 added, 2 removed, 2 changed; 1 not closed by any initiative" in out
    assert "removed  remedy -supports-> incident  (closed by itsm)" in out
    assert "People & organisation: 1 changed" in out
    assert "Technology & tools: 1 added, 1 removed" in out
    assert "technology: 1 added, 2 removed" in out


def test_gaps_json_and_csv(tom_file: Path) -> None:
    code, out = run("gaps", tom_file, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [(g["id"], g["change"]) for g in data["elements"]] == [
        ("incident", "changed"), ("desk-l1", "changed"), ("remedy", "removed"), ("snow", "added"),
        ("cmdb", "removed"),
    ]  # fmt: skip
    assert data["unclosed"] == ["incident"]
    assert data["people"]["fte_before"] == 18
    code, out = run("gaps", tom_file, "--format", "csv", "--unclosed")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["id"], r["changes"], r["lens"]) for r in rows] == [("incident", "maturity 2 -> 4", "process")]


def test_gaps_between_states_and_against_another_file(tom_file: Path, tmp_path: Path) -> None:
    code, out = run("gaps", tom_file, "--from", "to-be", "--to", "to-be", "-f", "json")
    assert json.loads(out)["elements"] == []
    other = tmp_path / "reference.yaml"
    other.write_text(TOM.replace("fte: 14", "fte: 10"))
    code, out = run("gaps", tom_file, "--against", other, "-f", "json")
    data = json.loads(out)
    assert data["from"].endswith("tom.yaml:to-be")
    assert data["elements"] == [
        {
            "id": "desk-l1", "kind": "team", "name": "Service Desk L1", "dimension": "people-organisation",
            "lens": "people", "change": "changed", "deltas": [{"name": "fte", "before": 14, "after": 10}],
            "closed_by": ["itsm"],
        }
    ]  # fmt: skip
    code, out = run("gaps", tom_file, "--from", "wave-9")
    assert code == 2
    assert "no state 'wave-9'; states are: as-is, to-be" in out


def test_diff_describes_each_change(tom_file: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.yaml"
    newer.write_text(TOM.replace("fte: 14", "fte: 12").replace("target: 4,", "target: 3,"))
    code, out = run("diff", tom_file, newer)
    assert code == 0
    assert out.splitlines() == ["kpis: KPI 'mttr' target 4 -> 3", "to-be: team 'desk-l1' fte 14 -> 12"]
    code, out = run("diff", tom_file, newer, "-f", "json")
    assert json.loads(out)[1]["deltas"] == [{"name": "fte", "before": 14, "after": 12}]
    assert run("diff", tom_file, tom_file)[1].strip() == "no changes"


def test_check_gates_on_the_threshold(tom_file: Path) -> None:
    code, out = run("check", tom_file, "--today", "2027-01-01")
    assert code == 0
    assert "No initiative closes practice 'incident' (changed)" in out
    assert "tom.yaml: 1 warning" in out
    code, _ = run("check", tom_file, "--today", "2027-01-01", "--fail-on", "warning")
    assert code == 1
    code, out = run("check", tom_file, "--today", "2027-06-01", "-f", "json")
    findings = json.loads(out)
    assert [f["code"] for f in findings] == ["gap-without-initiative", "review-overdue"]
    # located in the file: the to-be 'incident' element, and the review line
    lines = TOM.splitlines()
    incident = [n for n, text in enumerate(lines, 1) if "{id: incident" in text][-1]
    review = next(n for n, text in enumerate(lines, 1) if text.startswith("review:"))
    assert [f["line"] for f in findings] == [incident, review]


def test_check_reports_validation_errors_with_their_line(tom_file: Path) -> None:
    tom_file.write_text(TOM.replace("owner: sd-lead", "owner: sd-led"))
    code, out = run("check", tom_file, "--today", "2027-01-01", "-f", "json")
    assert code == 1
    first = json.loads(out)[0]
    line = next(n for n, text in enumerate(TOM.splitlines(), 1) if "owner: sd-lead" in text)
    assert (first["severity"], first["code"], first["where"], first["line"]) == (
        "error", "unknown-reference", "initiatives[0].owner", line
    )  # fmt: skip
    assert "did you mean 'sd-lead'?" in first["title"]


def test_check_of_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n")
    assert run("check", broken)[0] == 2
    assert run("check", tmp_path / "missing.yaml")[0] == 2


def test_impact_lists_dependants_and_mentions(tom_file: Path) -> None:
    code, out = run("impact", tom_file, "remedy")
    assert code == 0
    assert "Impact of tool 'remedy' in as-is" in out
    assert "2 directly affected" not in out
    assert "3 directly affected, 0 through others" in out
    assert "initiatives that mention it: itsm (closes)" in out
    assert "it depends on" not in out  # remedy has no supplier in this file
    code, out = run("impact", tom_file, "remedy", "-f", "json")
    data = json.loads(out)
    assert [(a["id"], a["path"]) for a in data["affected"]] == [
        ("incident", "incident <-supports- remedy"),
        ("desk-l1", "desk-l1 -uses-> remedy"),
        ("cmdb", "cmdb -system_of_record-> remedy"),
    ]
    code, out = run("impact", tom_file, "remedy", "--state", "to-be")
    assert code == 2
    assert "no element 'remedy' in state 'to-be'; it is in: as-is" in out
