from typing import Any

import pytest

from tests.unit.render.conftest import NS, parse_svg, small_tom_data, texts
from tomkit.analysis.gaps import gaps
from tomkit.model import Dimension, Tom
from tomkit.render.canvas import HEIGHT, WIDTH, canvas_pages, canvas_svg, layout_canvas, plural
from tomkit.render.errors import RenderError
from tomkit.render.text import text_width


def _rooms(root: Any) -> dict[str, Any]:
    return {g.get("data-dimension"): g for g in root.iterfind(".//s:g[@class='dimension']", NS)}


def test_canvas_has_eight_rooms_with_their_element_counts(small_tom: Tom) -> None:
    root = parse_svg(canvas_svg(small_tom, "as-is"))
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    rooms = _rooms(root)
    assert set(rooms) == {d.value for d in Dimension}
    counts = {d: int(g.get("data-count")) for d, g in rooms.items()}
    assert counts == {
        "suppliers-stakeholders": 1, "locations": 2, "processes": 3, "service-delivery": 4,
        "people-organisation": 3, "technology": 1, "data": 1, "governance": 2,
    }  # fmt: skip
    delivery = texts(rooms["service-delivery"])
    assert "Customer & service delivery" in delivery
    assert "4" in delivery
    assert "2 channels · 1 service · 1 customer segment" in delivery
    assert {"Email", "All staff", "Phone", "Fax"} <= set(delivery)
    # No report: no change markers at all.
    assert not root.findall(".//s:g[@data-count][@class='change change-added']", NS)


def test_canvas_marks_changes_against_the_previous_state(small_tom: Tom) -> None:
    report = gaps(small_tom, "wave-1", "to-be")
    root = parse_svg(canvas_svg(small_tom, "to-be", report))
    rooms = _rooms(root)

    def change_counts(room: Any) -> dict[str, int]:
        return {
            g.get("class").split()[1].removeprefix("change-"): int(g.get("data-count"))
            for g in room.iterfind(".//s:g[@data-count]", NS)
            if g.get("class", "").startswith("change ")
        }

    assert change_counts(rooms["technology"]) == {"added": 0, "removed": 1, "changed": 0}
    assert change_counts(rooms["processes"]) == {"added": 0, "removed": 0, "changed": 2}
    assert change_counts(rooms["data"]) == {"added": 1, "removed": 0, "changed": 0}
    # The removed tool is still named, struck through; the new data asset carries the added marker.
    assert root.find(".//s:g[@class='element element-removed']/s:text[@class='name']", NS).text == "Remedy 9"
    added = [
        g.find("s:text[@class='name']", NS).text
        for g in root.iterfind(".//s:g[@class='element element-added']", NS)
    ]
    assert sorted(added) == ["Knowledge base", "Virtual agent"]
    totals = root.find(".//s:g[@class='totals']", NS)
    assert [int(g.get("data-count")) for g in totals.iterfind("s:g", NS)] == [2, 1, 3]
    assert "changes against Wave 1 (wave-1)" in " ".join(texts(root))


def test_long_names_are_cut_to_fit_their_column(small_tom: Tom) -> None:
    small_tom.states["to-be"].elements[0].name = "A supplier with a very long name " * 6
    layout = layout_canvas(small_tom, "to-be")
    for room in layout.rooms:
        for line in room.names:
            assert line.x + 17 + text_width(line.text, 13) <= room.content_x + room.content_w + 1
    suppliers = next(r for r in layout.rooms if r.dimension is Dimension.SUPPLIERS)
    assert suppliers.names[0].text.endswith("…")


def test_a_crowded_room_says_how_many_more() -> None:
    data = small_tom_data()
    data["states"]["to-be"]["elements"] += [
        {"id": f"risk-{n}", "kind": "risk", "name": f"Risk number {n}"} for n in range(60)
    ]
    layout = layout_canvas(Tom.model_validate(data))
    governance = next(r for r in layout.rooms if r.dimension is Dimension.GOVERNANCE)
    assert governance.total == 62
    assert governance.more is not None
    assert governance.more.text == f"+ {62 - len(governance.names)} more"
    assert governance.more.y <= governance.y + governance.h


def test_canvas_pages_give_one_page_per_state(small_tom: Tom) -> None:
    pages = canvas_pages(small_tom)
    assert [name for name, _ in pages] == ["as-is", "wave-1", "to-be"]
    first, second = (parse_svg(svg) for _, svg in pages[:2])
    assert first.find(".//s:g[@class='totals']", NS) is None
    assert second.find(".//s:g[@class='totals']", NS) is not None


def test_unknown_state_is_a_clear_error(small_tom: Tom) -> None:
    with pytest.raises(RenderError, match="no state 'nope'; states are: as-is, wave-1, to-be"):
        canvas_svg(small_tom, "nope")


def test_plural() -> None:
    assert plural("Team", 1) == "1 team"
    assert plural("Policy", 4) == "4 policies"
    assert plural("Forum / board", 2) == "2 forums / boards"
    assert plural("Service hub", 3) == "3 service hubs"


def test_a_report_for_another_state_is_refused(small_tom: Tom) -> None:
    with pytest.raises(
        RenderError, match="the gap report leads to state 'wave-1', but the picture is of 'to-be'"
    ):
        canvas_svg(small_tom, "to-be", gaps(small_tom, "as-is", "wave-1"))
