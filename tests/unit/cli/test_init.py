"""`tomkit init`: a new TOM file from a template, its comments kept, never overwriting by accident."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tomkit.cli.app import app
from tomkit.demo import TEMPLATE_PATH, template_names
from tomkit.formats import load, read


@pytest.mark.parametrize("template", ["itsm-service-desk", "esm"])
def test_writes_a_valid_file_that_keeps_the_templates_comments(
    runner: CliRunner, tmp_path: Path, template: str
) -> None:
    target = tmp_path / "tom.yaml"
    result = runner.invoke(
        app, ["init", str(target), "--template", template, "--name", "Acme TOM", "--organisation", "Acme Ltd"]
    )
    assert result.exit_code == 0, result.output
    assert read(target).ok
    tom = load(target)
    assert (tom.name, tom.organisation) == ("Acme TOM", "Acme Ltd")
    original = (TEMPLATE_PATH / f"{template}.yaml").read_text().splitlines()
    written = target.read_text().splitlines()
    changed = [(a, b) for a, b in zip(original, written, strict=True) if a != b]
    assert [b for _, b in changed] == ["name: Acme TOM", "organisation: Acme Ltd"]


def test_default_path_and_template(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tom.yaml").read_text() == (TEMPLATE_PATH / "itsm-service-desk.yaml").read_text()
    assert "next: tomkit validate tom.yaml" in result.stderr


def test_refuses_to_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "tom.yaml"
    target.write_text("# mine\n")
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 2
    assert f"{target} exists already" in result.stderr
    assert "--force" in result.stderr
    assert target.read_text() == "# mine\n"
    forced = runner.invoke(app, ["init", str(target), "--force", "--template", "esm"])
    assert forced.exit_code == 0
    assert load(target).name == "Enterprise service management operating model"


def test_unknown_template_suggests_one(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "t.yaml"), "--template", "itsm-servicedesk"])
    assert result.exit_code == 2
    assert "unknown template 'itsm-servicedesk' (did you mean 'itsm-service-desk'?)" in result.stderr
    assert ", ".join(template_names()) in result.stderr
    assert not (tmp_path / "t.yaml").exists()


def test_bad_targets_are_clear_errors(runner: CliRunner, tmp_path: Path) -> None:
    assert "is a directory" in runner.invoke(app, ["init", str(tmp_path)]).stderr
    missing_dir = runner.invoke(app, ["init", str(tmp_path / "no" / "tom.yaml")])
    assert missing_dir.exit_code == 2
    assert "No such file or directory" in missing_dir.stderr
    empty_name = runner.invoke(app, ["init", str(tmp_path / "x.yaml"), "--name", " "])
    assert empty_name.exit_code == 2
    assert "the name must not be empty" in empty_name.stderr
