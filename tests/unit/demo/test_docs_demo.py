"""docs/demo.md stays true: its examples run and its counts table matches the shipped file."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tomkit.demo import load_demo
from tomkit.model import DIMENSION_LABELS

DOC = Path(__file__).resolve().parents[3] / "docs" / "demo.md"


def test_the_python_examples_run(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 2
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(DOC), "exec"), namespace)
    assert capsys.readouterr().out.strip().endswith("northwind.yaml")
    assert namespace["template_names"]() == ["esm", "itsm-service-desk"]  # type: ignore[operator]


def test_the_counts_table_matches_the_file() -> None:
    rows = {
        cells[0]: [int(c.strip("*")) for c in cells[1:]]
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and re.search(r"\| \**\d+\** \|$", line)
        for cells in [[c.strip() for c in line.strip("|").split("|")]]
    }
    tom = load_demo()
    states = list(tom.states.values())
    for dimension, label in DIMENSION_LABELS.items():
        documented = next(v for k, v in rows.items() if k.startswith(label))
        assert documented == [Counter(e.get_dimension() for e in s.elements)[dimension] for s in states], (
            label
        )
    assert rows["**elements**"] == [len(s.elements) for s in states]
    assert rows["relations"] == [len(s.relations) for s in states]
