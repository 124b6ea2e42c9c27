"""The Python examples in docs/scenarios.md run as written (on the test desk instead of tom.yaml)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tomkit.formats import load
from tomkit.model import Tom

DOC = Path(__file__).parents[3] / "docs" / "scenarios.md"
DESK = Path(__file__).with_name("desk.yaml")


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_first_example_runs_on_a_real_file() -> None:
    code = python_blocks()[0].replace('"tom.yaml"', repr(str(DESK)))
    code = code.replace("weeks=13, replications=5", "weeks=2, replications=2")
    namespace: dict[str, object] = {}
    exec(compile(code, str(DOC), "exec"), namespace)
    planned = namespace["planned"]
    assert isinstance(planned, Tom)
    assert planned.states["as-is"].element("phone").volume_per_month == pytest.approx(6300)  # type: ignore[union-attr]


def test_the_calibration_example_runs() -> None:
    code = python_blocks()[1]
    stamps = ["2026-11-23T09:10", "2026-11-24T10:20"]
    namespace: dict[str, object] = {
        "opened_at_timestamps": [dt.datetime.fromisoformat(s) for s in stamps],
        "samples": [5.0, 7.0],
        "state": load(DESK).states["as-is"],
    }
    exec(compile(code, str(DOC), "exec"), namespace)
    model = namespace["model"]
    assert model.channel("phone").first_contact_resolution == 0.61  # type: ignore[attr-defined]
