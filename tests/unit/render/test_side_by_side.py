from collections import Counter
from typing import Any

import pytest

from tests.unit.render.conftest import NS, parse_svg, small_tom_data, texts
from tomkit.analysis.gaps import gaps
from tomkit.model import Dimension, Tom
from tomkit.render.errors import RenderError
from tomkit.render.side_by_side import KIND_W, layout_side_by_side, side_by_side_svg
from tomkit.render.text import text_width


def _rows(root: Any) -> dict[str, Any]:
    return {g.get("data-element"): g for g in root.iterfind(".//s:g[@class='row']", NS)}


def _cells(row: Any) -> list[str]:
    return [g.get("class").removeprefix("cell cell-") for g in row.iterfind("s:g", NS)]


def test_one_row_per_element_and_one_column_per_state(small_tom: Tom) -> None:
    root = parse_svg(side_by_side_svg(small_tom))
    rows = _rows(root)
    assert len(rows) == 21  # 16 kept throughout, fax, portal, servicenow, chatbot, kb
    columns = [g.get("data-state") for g in root.iterfind(".//s:g[@class='state-column']", NS)]
    assert columns == ["as-is", "wave-1", "to-be"]
    assert len(root.findall(".//s:g[@class='section']", NS)) == 8
    header = texts(root)
    assert {"Today", "Wave 1", "Digital first"} <= set(header)


def test_cells_are_marked_against_the_column_before(small_tom: Tom) -> None:
    rows = _rows(parse_svg(side_by_side_svg(small_tom)))
    assert _cells(rows["fax"]) == ["present", "removed"]  # absent from the to-be: no cell
    assert _cells(rows["portal"]) == ["added", "unchanged"]
    assert _cells(rows["chatbot"]) == ["added"]
    assert _cells(rows["remedy"]) == ["present", "unchanged", "removed"]
    assert _cells(rows["desk-l1"]) == ["present", "changed", "changed"]
    assert _cells(rows["leeds"]) == ["present", "unchanged", "unchanged"]
    desk = texts(rows["desk-l1"])
    assert "fte 18 → 16" in desk
    assert "fte 16 → 12 · sourcing outsourced → in-house" in desk
    every = Counter(c for row in rows.values() for c in _cells(row))
    assert (every["added"], every["removed"], every["changed"]) == (4, 2, 4)


def test_filter_by_dimension_and_changed_only(small_tom: Tom) -> None:
    root = parse_svg(side_by_side_svg(small_tom, dimensions=[Dimension.TECHNOLOGY, Dimension.PEOPLE]))
    sections = [g.get("data-dimension") for g in root.iterfind(".//s:g[@class='section']", NS)]
    assert sections == ["people-organisation", "technology"]
    assert set(_rows(root)) == {"desk-l1", "net-l2", "analyst", "remedy", "servicenow"}
    changed = parse_svg(side_by_side_svg(small_tom, changed_only=True))
    assert set(_rows(changed)) == {
        "fax",
        "portal",
        "chatbot",
        "servicenow",
        "remedy",
        "kb",
        "desk-l1",
        "incident",
        "restore",
    }


def test_chosen_states_and_given_reports(small_tom: Tom) -> None:
    report = gaps(small_tom, "as-is", "to-be")
    root = parse_svg(side_by_side_svg(small_tom, states=["as-is", "to-be"], reports=[report]))
    rows = _rows(root)
    assert _cells(rows["portal"]) == ["added"]
    assert _cells(rows["desk-l1"]) == ["present", "changed"]
    assert "fte 18 → 12 · sourcing outsourced → in-house" in texts(rows["desk-l1"])


def test_bad_input_is_a_clear_error(small_tom: Tom) -> None:
    with pytest.raises(RenderError, match="no state 'later'"):
        side_by_side_svg(small_tom, states=["as-is", "later"])
    with pytest.raises(RenderError, match="3 states need 2 gap reports, got 1"):
        side_by_side_svg(small_tom, reports=[gaps(small_tom)])
    with pytest.raises(RenderError, match="nothing to draw"):
        side_by_side_svg(small_tom, dimensions=[Dimension.GOVERNANCE], changed_only=True)


def test_every_pattern_used_is_defined_in_the_picture(small_tom: Tom) -> None:
    root = parse_svg(side_by_side_svg(small_tom))
    defined = {p.get("id") for p in root.iterfind(".//s:pattern", NS)}
    used = {r.get("fill")[5:-1] for r in root.iter() if (r.get("fill") or "").startswith("url(#")}
    assert used == {"sbs-tk-hatch", "sbs-tk-dots"}
    assert used <= defined


def test_long_names_and_notes_stay_inside_their_cells() -> None:
    data = small_tom_data()
    for state in data["states"].values():
        for element in state["elements"]:
            element["name"] = "An element with a remarkably long name " * 3
    data["states"]["to-be"]["elements"][0]["tags"] = [f"tag-number-{n}" for n in range(20)]
    layout = layout_side_by_side(Tom.model_validate(data))
    for row in layout.rows:
        assert text_width(row.kind, 11) <= KIND_W - 14
        for cell in row.cells:
            assert 32 + text_width(cell.text, 13, bold=cell.change == "added") <= cell.w - 8
            assert 32 + text_width(cell.detail, 10.5) <= cell.w - 8
    assert any(cell.detail.endswith("…") for row in layout.rows for cell in row.cells)
