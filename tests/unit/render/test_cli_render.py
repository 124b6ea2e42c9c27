"""`tomkit render ...` on a real file, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.unit.render.conftest import NS, parse_svg, small_tom_data, texts
from tests.unit.render.test_png import png_size
from tomkit.cli.app import app

runner = CliRunner()


@pytest.fixture
def tom_file(tmp_path: Path) -> Path:
    path = tmp_path / "tom.json"
    path.write_text(json.dumps(small_tom_data()), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["canvas"], "Digital-first service desk — Example Ltd"),
        (["side-by-side", "-d", "people", "-d", "tech"], "Service Desk L1"),
        (["heatmap", "--by", "lens"], "Gaps by lens"),
        (["map", "--centre", "desk-l1", "--depth", "1"], "Service Desk L1"),
        (["value-stream", "--stream", "restore"], "Value stream: Restore a service"),
        (["impact", "--element", "remedy", "--state", "as-is"], "What Remedy 9 touches"),
        (["people"], "People impact: FTE by team"),
    ],
)
def test_each_picture_is_written_as_svg(
    tom_file: Path, tmp_path: Path, args: list[str], expected: str
) -> None:
    out = tmp_path / "picture.svg"
    result = runner.invoke(app, ["render", args[0], str(tom_file), "-o", str(out), *args[1:]])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    assert expected in " ".join(texts(parse_svg(out.read_text(encoding="utf-8"))))


def test_png_output_and_state_choice(tom_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "canvas.png"
    result = runner.invoke(
        app, ["render", "canvas", str(tom_file), "-o", str(out), "--state", "as-is", "--scale", "1"]
    )
    assert result.exit_code == 0, result.output
    assert png_size(out.read_bytes()) == (1600, 900)


def test_canvas_marks_changes_against_the_state_before_unless_told_not_to(
    tom_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "canvas.svg"
    runner.invoke(app, ["render", "canvas", str(tom_file), "-o", str(out), "--state", "wave-1"])
    assert parse_svg(out.read_text(encoding="utf-8")).find(".//s:g[@class='totals']", NS) is not None
    runner.invoke(app, ["render", "canvas", str(tom_file), "-o", str(out), "--no-changes"])
    assert parse_svg(out.read_text(encoding="utf-8")).find(".//s:g[@class='totals']", NS) is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["canvas", "-o", "x.pdf"], "the output must end in .svg or .png"),
        (["canvas", "-o", "x.svg", "--state", "later"], "no state 'later'"),
        (["map", "-o", "x.svg", "--centre", "deskl1"], "did you mean desk-l1"),
        (["side-by-side", "-o", "x.svg", "-d", "weather"], "unknown dimension 'weather'"),
        (["impact", "-o", "x.svg", "-e", "nothing"], "no element 'nothing'"),
        (["value-stream", "-o", "x.svg", "--stream", "onboard"], "value streams are: restore"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    tom_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["render", args[0], str(tom_file), *args[1:]], catch_exceptions=False)
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert not (tmp_path / "x.svg").exists()


def test_canvas_for_every_state(tom_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "canvas.svg"
    result = runner.invoke(app, ["render", "canvas", str(tom_file), "-o", str(out), "--all-states"])
    assert result.exit_code == 0, result.output
    pages = {name: tmp_path / f"canvas-{name}.svg" for name in ("as-is", "wave-1", "to-be")}
    assert all(p.exists() for p in pages.values())
    assert not out.exists()
    first = parse_svg(pages["as-is"].read_text(encoding="utf-8"))
    last = parse_svg(pages["to-be"].read_text(encoding="utf-8"))
    assert first.find(".//s:g[@class='totals']", NS) is None
    assert "changes against Wave 1 (wave-1)" in " ".join(texts(last))
    refused = runner.invoke(
        app, ["render", "canvas", str(tom_file), "-o", str(out), "--all-states", "--state", "as-is"]
    )
    assert refused.exit_code == 2
