"""The Python example in docs/roadmap.md runs as written and prints what the text says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[3] / "docs" / "roadmap.md"


@pytest.mark.slow
def test_the_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    [block] = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    exec(compile(block, str(DOC), "exec"), {})
    summary, placed, path = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"wave 1 of 2, \d+ % done, next milestone in \d+ (weeks|days) \(.+\)", summary)
    assert placed.startswith("2027-")
    assert "->" in path
