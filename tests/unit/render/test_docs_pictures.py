"""docs/pictures.md runs as written and its style tables match the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.unit.render.test_png import png_size
from tomkit.model import Dimension
from tomkit.render import style

DOC = Path(__file__).resolve().parents[3] / "docs" / "pictures.md"


@pytest.mark.slow
def test_the_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1
    exec(compile(blocks[0], str(DOC), "exec"), {})
    assert png_size((tmp_path / "canvas.png").read_bytes()) == (3200, 1800)


def _table_rows(first_header: str) -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"| {first_header} |")
    rows = []
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_the_dimension_table_matches_the_palette() -> None:
    rows = _table_rows("dimension")
    assert [r[0] for r in rows] == [d.label for d in Dimension]
    for dimension, (_, colour, shape) in zip(Dimension, rows, strict=True):
        dstyle = style.DIMENSION_STYLES[dimension]
        assert colour.split()[0] == f"`{dstyle.colour}`"
        shape_word = {"invhouse": "inverted house", "cds": "arrow (cds)"}.get(
            dstyle.graph_shape, dstyle.graph_shape
        )
        assert shape == shape_word


def test_the_change_table_matches_the_markers() -> None:
    rows = {r[0]: r for r in _table_rows("change")}
    for s in (style.ADDED, style.REMOVED, style.CHANGED, style.UNCHANGED):
        assert f"`{s.colour}`" in rows[s.key][1]
        assert s.symbol in rows[s.key][2] or not s.symbol
