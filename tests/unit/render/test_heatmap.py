import pytest

from tests.unit.render.conftest import parse_svg, texts
from tomkit.analysis.gaps import gaps
from tomkit.model import Tom
from tomkit.render.errors import RenderError
from tomkit.render.heatmap import heatmap_cells, heatmap_spec, heatmap_svg


def test_cells_hold_the_report_counts(small_tom: Tom) -> None:
    cells = heatmap_cells(gaps(small_tom))
    assert len(cells) == 8 * 4
    table = {(c["row"], c["column"]): c["count"] for c in cells}
    assert table["Customer & service delivery", "+ Added"] == 2
    assert table["Customer & service delivery", "− Removed"] == 1
    assert table["Customer & service delivery", "Total"] == 3
    assert table["Processes & value chains", "Δ Changed"] == 2
    assert table["Governance & controls", "Total"] == 0
    # Darker means more, within a change type; an empty cell stays white.
    added = {c["row"]: c["fill"] for c in cells if c["column"] == "+ Added"}
    assert added["Governance & controls"] == "#FFFFFF"
    assert added["Customer & service delivery"] < added["Data & information"]


def test_heatmap_svg_prints_rows_columns_and_counts(small_tom: Tom) -> None:
    root = parse_svg(heatmap_svg(gaps(small_tom)))
    words = texts(root)
    assert "Gaps by dimension" in words
    assert {"+ Added", "− Removed", "Δ Changed", "Total"} <= set(words)
    assert {"Suppliers & stakeholders", "Governance & controls"} <= set(words)
    assert words.count("3") >= 1
    assert words.count("2") >= 3


def test_lens_variant_has_four_rows(small_tom: Tom) -> None:
    cells = heatmap_cells(gaps(small_tom), "lens")
    assert [c["row"] for c in cells[::4]] == ["People", "Process", "Technology", "Governance"]
    table = {(c["row"], c["column"]): c["count"] for c in cells}
    assert table["Technology", "Total"] == 3  # servicenow, kb added; remedy removed
    words = texts(parse_svg(heatmap_svg(gaps(small_tom), "lens")))
    assert "Gaps by lens" in words
    assert heatmap_spec(gaps(small_tom), "lens")["config"]["font"].startswith("Helvetica")


def test_unknown_grouping_is_refused(small_tom: Tom) -> None:
    with pytest.raises(RenderError, match="by must be 'dimension' or 'lens'"):
        heatmap_cells(gaps(small_tom), "team")  # type: ignore[arg-type]
