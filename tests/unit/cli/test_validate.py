"""`tomkit validate`: all problems with file:line:col, machine formats, and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from tomkit.cli.app import app

DATA = Path(__file__).resolve().parents[2] / "data"
TEN = DATA / "ten-mistakes.yaml"
VALID = (
    "tomkit: 1\nname: Fine\nstates:\n  as-is:\n    elements:\n      - {id: desk, kind: team, name: Desk}\n"
)


def test_reports_all_ten_mistakes_with_their_positions(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(TEN)])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith(str(TEN))]
    assert [line.split(": ")[0].removeprefix(f"{TEN}:") for line in lines] == [
        "8:9", "15:21", "25:15", "26:14", "30:9", "36:28", "43:16", "47:13", "51:42", "55:17",
    ]  # fmt: skip
    assert (
        f"{TEN}:43:16: error: states.to-be.elements[0].owner: unknown person 'j.doe' (did you mean 'jdoe'?)"
        in lines
    )
    assert "    free values go under properties:" in result.stdout
    assert f"✗ {TEN}: 10 errors" in result.stdout


def test_json_output_has_every_field(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(TEN), "--format", "json"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert len(rows) == 10
    assert rows[1] == {
        "location": f"{TEN}:15:21",
        "file": str(TEN),
        "line": 15,
        "column": 21,
        "severity": "error",
        "code": "unknown-reference",
        "path": "outcomes[0].kpis[1]",
        "message": "unknown KPI 'mttr-p2' (did you mean 'mttr-p1'?)",
        "hint": "add KPI 'mttr-p2' or correct the id",
    }
    assert [(r["line"], r["column"]) for r in rows] == [
        (8, 9), (15, 21), (25, 15), (26, 14), (30, 9), (36, 28), (43, 16), (47, 13), (51, 42), (55, 17),
    ]  # fmt: skip


def test_csv_output(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(TEN), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 10
    assert list(rows[0]) == ["file", "line", "column", "severity", "code", "path", "message", "hint"]
    assert (rows[3]["line"], rows[3]["column"], rows[3]["path"]) == (
        "26",
        "14",
        "states.as-is.elements[0].fte",
    )


def test_a_valid_file_exits_0(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_text(VALID)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"✓ {path}: valid (1 state, 1 element)\n"


def test_warnings_fail_only_when_asked(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_text(VALID + "kpis:\n  - {id: k, name: K, direction: lower, baseline: 4, target: 9}\n")
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    strict = runner.invoke(app, ["validate", str(path), "--fail-on", "warning"])
    assert strict.exit_code == 1
    assert f"{path}:8:61: warning: kpis[0].target:" in strict.stdout


def test_several_files_are_checked_in_one_run(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(VALID)
    result = runner.invoke(app, ["validate", str(good), str(TEN)])
    assert result.exit_code == 1
    assert f"✓ {good}: valid" in result.stdout
    assert f"✗ {TEN}: 10 errors" in result.stdout


def test_unreadable_input_is_a_usage_error_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "junk.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.yaml"), str(tmp_path), str(binary)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing.yaml'}: error: no such file" in result.stdout
    assert f"{tmp_path}: error: is a directory, not a TOM file" in result.stdout
    assert f"{binary}: error: binary file, not a TOM file" in result.stdout
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_broken_files_never_give_a_traceback(runner: CliRunner, tmp_path: Path) -> None:
    cases = {
        "empty.yaml": b"",
        "list.yaml": b"- a\n- b\n",
        "tabs.yaml": b"tomkit: 1\nname:\n\tX\n",
        "dupes.yaml": b"tomkit: 1\nname: A\nname: B\n",
        "latin.yaml": "name: Caf\u00e9\n".encode("latin-1"),
        "broken.json": b'{"tomkit": 1,',
        "scalar.yaml": b"42\n",
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = runner.invoke(app, ["validate", str(path)])
        assert result.exit_code in (1, 2), (name, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), name
        assert "Traceback" not in result.output
        assert f"{path}:" in result.stdout


def test_duplicate_keys_name_both_lines(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "dupes.yaml"
    path.write_text("tomkit: 1\nname: A\nname: B\n")
    result = runner.invoke(app, ["validate", str(path)])
    assert f"{path}:3:1: error: name: duplicate key 'name' (lines 2 and 3)" in result.stdout


def test_no_file_given_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2


def test_standard_input(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "-"], input="tomkit: 1\nname: X\nsponsor: nobody\n")
    assert result.exit_code == 1
    assert "<stdin>:3:10: error: sponsor: unknown person 'nobody'" in result.stdout
