from typing import Any

import pytest

from tests.unit.render.conftest import NS, parse_svg, texts
from tomkit.analysis.impact import impact
from tomkit.model import Tom
from tomkit.render.errors import RenderError
from tomkit.render.impact import MAX_PER_RING, impact_svg, readable_via


def _nodes(root: Any) -> list[Any]:
    return [g for g in root.iterfind(".//s:g", NS) if g.get("class", "").startswith("node")]


def test_impact_draws_the_element_and_everything_it_touches(small_tom: Tom) -> None:
    report = impact(small_tom, "remedy", "as-is")
    root = parse_svg(impact_svg(small_tom, report))
    assert len(_nodes(root)) == 1 + len(report.affected)
    words = texts(root)
    assert "What Remedy 9 touches" in words
    assert (
        f"Today · {len(report.direct())} directly affected · {len(report.transitive())} further away" in words
    )
    assert {"Service Desk L1", "CMDB", "Restore a service"} <= set(words)
    assert "uses" in words
    assert "steps 1 · tools" in words


def test_rings_can_be_cut_at_a_distance(small_tom: Tom) -> None:
    report = impact(small_tom, "remedy", "as-is")
    assert report.transitive(), "the fixture should reach beyond the direct dependants"
    root = parse_svg(impact_svg(small_tom, report, max_distance=1))
    assert len(_nodes(root)) == 1 + len(report.direct())
    with pytest.raises(RenderError, match="max distance must be 1 or more"):
        impact_svg(small_tom, report, max_distance=0)


def test_a_crowded_ring_is_summed_up(small_tom: Tom) -> None:
    data = small_tom.to_data()
    state = data["states"]["to-be"]
    state["elements"] += [{"id": f"team-{n}", "kind": "team", "name": f"Team {n}"} for n in range(30)]
    state["relations"] += [{"from": f"team-{n}", "type": "uses", "to": "servicenow"} for n in range(30)]
    tom = Tom.model_validate(data)
    report = impact(tom, "servicenow", "to-be", max_depth=1)
    root = parse_svg(impact_svg(tom, report))
    assert len(_nodes(root)) == 1 + MAX_PER_RING - 1 + 1  # the element, the ring, the "+ N more" box
    assert f"+ {len(report.direct()) - MAX_PER_RING + 1} more" in texts(root)


def test_readable_via() -> None:
    assert readable_via("steps[0].tools") == "steps 1 · tools"
    assert readable_via("system_of_record") == "system of record"


def test_dependants_of_hidden_elements_hang_from_the_more_box(small_tom: Tom) -> None:
    data = small_tom.to_data()
    state = data["states"]["to-be"]
    state["elements"] += [{"id": f"team-{n}", "kind": "team", "name": f"Team {n}"} for n in range(30)]
    state["elements"] += [{"id": f"role-{n}", "kind": "role", "name": f"Role {n}"} for n in range(30)]
    state["relations"] += [{"from": f"team-{n}", "type": "uses", "to": "servicenow"} for n in range(30)]
    state["relations"] += [{"from": f"role-{n}", "type": "member-of", "to": f"team-{n}"} for n in range(30)]
    tom = Tom.model_validate(data)
    svg = impact_svg(tom, impact(tom, "servicenow", "to-be", max_depth=2))
    root = parse_svg(svg)
    titles = {g.get("class").split()[0]: set() for g in root.iterfind(".//s:g[@class]", NS)}
    for g in root.iterfind(".//s:g[@class]", NS):
        title = g.find("s:title", NS)
        if title is not None:
            titles[g.get("class").split()[0]].add(title.text)
    # 33 at one hop (30 teams, the desk, the stream, the knowledge base): 23 drawn, 10 summed up;
    # the role under a hidden team hangs from that box.
    assert {"team-0", "team-27", "more-1"} <= titles["node"]
    assert not {"team-28", "team-29"} & titles["node"]
    assert "more-1->role-28" in titles["edge"]
    assert "servicenow->more-2" not in titles["edge"]
    assert "+ 10 more" in texts(root)
