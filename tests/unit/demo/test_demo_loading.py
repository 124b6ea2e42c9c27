"""Loading the package data: a fresh copy every time, and located errors for a broken file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tomkit.demo import DEMO_PATH, load_demo
from tomkit.demo.packaged import _parse
from tomkit.formats import TomFileError


def test_demo_path_points_at_the_shipped_yaml() -> None:
    assert DEMO_PATH.name == "northwind.yaml"
    assert DEMO_PATH.is_file()
    assert DEMO_PATH.read_text(encoding="utf-8").startswith("# Northwind Mutual")


def test_callers_get_their_own_copy() -> None:
    first = load_demo()
    first.name = "changed"
    first.state("to-be").elements.clear()
    second = load_demo()
    assert second.name == "Northwind Mutual: one front door for IT, HR and facilities"
    assert len(second.state("to-be").elements) == 285


def test_a_valid_file_parses_on_the_fast_path(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(
        "tomkit: 1\nname: Small\nstates:\n  as-is:\n    elements:\n"
        "      - {id: desk, kind: team, name: Desk, fte: 5}\n",
        encoding="utf-8",
    )
    tom = _parse(path)
    assert tom.state("as-is").element("desk") is not None


def test_a_broken_file_raises_with_every_problem_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "tomkit: 1\nname: Broken\nstates:\n  as-is:\n    elements:\n"
        "      - {id: desk, kind: team, name: Desk, fte: -1}\n"
        "    relations:\n      - {from: desk, type: uses, to: nowhere}\n",
        encoding="utf-8",
    )
    with pytest.raises(TomFileError) as info:
        _parse(path)
    lines = sorted(p.line for p in info.value.problems if p.line is not None)
    assert lines == [6, 8]


def test_a_semantic_error_alone_also_goes_to_the_located_reader(tmp_path: Path) -> None:
    path = tmp_path / "dangling.yaml"
    path.write_text(
        "tomkit: 1\nname: Dangling\nsponsor: nobody\n",
        encoding="utf-8",
    )
    with pytest.raises(TomFileError) as info:
        _parse(path)
    assert [(p.code, p.line) for p in info.value.problems] == [("unknown-reference", 3)]
