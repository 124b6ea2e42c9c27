from typing import Any

import pytest

from tests.unit.render.conftest import NS, parse_svg, small_tom_data, texts
from tomkit.model import Tom
from tomkit.render.errors import RenderError
from tomkit.render.text import text_width
from tomkit.render.value_stream import POINT, layout_value_stream, value_stream_svg


def _steps(root: Any) -> list[Any]:
    return [g for g in root.iterfind(".//s:g", NS) if g.get("class", "").startswith("step")]


def _items(step: Any) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for g in step.iterfind("s:g", NS):
        label = [t for t in texts(g) if t not in ("+", "−")][-1]
        cls = g.get("class")
        out[label] = cls.removeprefix("item item-") if cls != "item" else None
    return out


def test_one_chevron_per_step_with_what_carries_it(small_tom: Tom) -> None:
    root = parse_svg(value_stream_svg(small_tom, "restore", "as-is"))
    steps = _steps(root)
    assert [s.get("data-step") for s in steps] == ["1", "2", "3"]
    assert [s.get("class") for s in steps] == ["step"] * 3
    words = texts(root)
    assert {"Detect", "Log & triage", "Resolve"} <= set(words)
    assert {"Operations", "Service desk", "Resolver groups"} <= set(words)
    assert _items(steps[0]) == {"Incident management": None, "Remedy 9": None}
    assert {"PRACTICES", "TOOLS"} <= set(texts(steps[0]))


def test_changes_against_an_earlier_state(small_tom: Tom) -> None:
    root = parse_svg(value_stream_svg(small_tom, "restore", "to-be", compare_to="as-is"))
    steps = _steps(root)
    assert [s.get("class") for s in steps] == [
        "step step-changed",
        "step step-changed",
        "step",
        "step step-added",
    ]
    assert _items(steps[0]) == {"Incident management": None, "ServiceNow": "added", "Remedy 9": "removed"}
    assert _items(steps[1]) == {
        "Service request management": "added", "Service Desk L1": None, "ServiceNow": "added", "Remedy 9": "removed",
    }  # fmt: skip
    assert _items(steps[3]) == {"Incident management": "added"}
    assert "Digital first · changes against Today" in texts(root)


def test_removed_steps_come_back_where_they_were(small_tom: Tom) -> None:
    layout = layout_value_stream(small_tom, "restore", "as-is", compare_to="to-be")
    assert [(s.name_lines[0], s.change) for s in layout.steps] == [
        ("Detect", "changed"), ("Log & triage", "changed"), ("Resolve", None), ("Learn", "removed"),
    ]  # fmt: skip
    removed = layout.steps[3]
    assert [item.change for group in removed.groups for item in group.items] == ["removed"]


def test_departments_span_consecutive_steps(small_tom: Tom) -> None:
    data = small_tom.to_data()
    steps = data["states"]["to-be"]["elements"]
    stream = next(e for e in steps if e["id"] == "restore")
    for step in stream["steps"]:
        step["department"] = "IT operations"
    layout = layout_value_stream(Tom.model_validate(data), "restore")
    assert [d.label for d in layout.departments] == ["IT operations"]
    assert layout.departments[0].w == pytest.approx(4 * layout.steps[0].w)


def test_unknown_stream_names_the_ones_there_are(small_tom: Tom) -> None:
    with pytest.raises(
        RenderError, match="no value stream 'onboard' in state 'to-be'; value streams are: restore"
    ):
        value_stream_svg(small_tom, "onboard")
    with pytest.raises(RenderError, match="no state 'later'"):
        value_stream_svg(small_tom, "restore", compare_to="later")


def test_removed_steps_use_the_pictures_own_pattern(small_tom: Tom) -> None:
    root = parse_svg(value_stream_svg(small_tom, "restore", "as-is", compare_to="to-be"))
    defined = {p.get("id") for p in root.iterfind(".//s:pattern", NS)}
    used = {r.get("fill")[5:-1] for r in root.iter() if (r.get("fill") or "").startswith("url(#")}
    assert used == {"vs-tk-hatch"}
    assert used <= defined


def test_long_step_names_wrap_and_items_are_cut_to_the_step() -> None:
    data = small_tom_data()
    stream = next(e for e in data["states"]["to-be"]["elements"] if e["id"] == "restore")
    stream["steps"][0]["name"] = "Detect the failure from monitoring, a caller or a chat and open a case " * 2
    for element in data["states"]["to-be"]["elements"]:
        element["name"] = element["name"] + " with a much longer name than usual"
    layout = layout_value_stream(Tom.model_validate(data), "restore")
    first = layout.steps[0]
    assert len(first.name_lines) == 2
    assert first.name_lines[1].endswith("…")
    for step in layout.steps:
        assert all(text_width(line, 14, bold=True) <= step.w - POINT - 26 for line in step.name_lines)
        for group in step.groups:
            assert all(28 + item.width <= step.w - 6 for item in group.items)
