from typing import Any

import pytest

from tests.unit.render.conftest import NS, parse_svg, texts
from tomkit.analysis.gaps import gaps
from tomkit.model import Dimension, Tom
from tomkit.render.errors import RenderError
from tomkit.render.relationship_map import map_graph, relationship_map_svg


def _nodes(root: Any) -> list[Any]:
    return [g for g in root.iterfind(".//s:g", NS) if g.get("class", "").startswith("node")]


def test_graph_holds_every_element_and_relation_of_the_state(small_tom: Tom) -> None:
    graph = map_graph(small_tom, "to-be")
    state = small_tom.states["to-be"]
    assert {n.id for n in graph.nodes} == {e.id for e in state.elements}
    assert {(e.source, e.type, e.target) for e in graph.edges} == {r.key for r in state.relations}
    desk = next(n for n in graph.nodes if n.id == "desk-l1")
    assert (desk.dimension, desk.shape, desk.kind_label) == ("people-organisation", "box", "Team")


def test_centred_map_follows_relations_both_ways_to_a_depth(small_tom: Tom) -> None:
    one = map_graph(small_tom, "to-be", centre="desk-l1", depth=1)
    assert {n.id for n in one.nodes} == {"desk-l1", "incident", "servicenow", "acme", "leeds", "analyst"}
    assert {n.id: n.distance for n in one.nodes}["desk-l1"] == 0
    two = map_graph(small_tom, "to-be", centre="desk-l1", depth=2)
    assert {"email-svc", "net-l2", "cab", "kb"} <= {n.id for n in two.nodes}
    assert map_graph(small_tom, "to-be", centre="desk-l1", depth=0).edges == ()


def test_dimension_filter_keeps_relations_inside_the_chosen_dimensions(small_tom: Tom) -> None:
    graph = map_graph(small_tom, "to-be", dimensions=[Dimension.PEOPLE, Dimension.PROCESSES])
    assert {n.id for n in graph.nodes} == {"desk-l1", "net-l2", "analyst", "incident", "request", "restore"}
    assert {(e.source, e.target) for e in graph.edges} == {
        ("desk-l1", "incident"),
        ("net-l2", "incident"),
        ("analyst", "desk-l1"),
    }


def test_report_marks_changes_and_shows_removed_elements_as_ghosts(small_tom: Tom) -> None:
    graph = map_graph(small_tom, "to-be", report=gaps(small_tom, "wave-1", "to-be"))
    changes = {n.id: n.change for n in graph.nodes if n.change}
    assert changes == {"chatbot": "added", "kb": "added", "remedy": "removed", "desk-l1": "changed",
                       "incident": "changed", "restore": "changed"}  # fmt: skip
    edge_changes = {(e.source, e.type, e.target): e.change for e in graph.edges if e.change}
    assert edge_changes[("desk-l1", "uses", "remedy")] == "removed"
    assert edge_changes[("servicenow", "stores", "kb")] == "added"


def test_cytoscape_elements(small_tom: Tom) -> None:
    graph = map_graph(small_tom, "to-be", centre="kb", depth=1, report=gaps(small_tom, "wave-1", "to-be"))
    elements = graph.to_cytoscape()
    nodes = [e for e in elements if e["group"] == "nodes"]
    edges = [e for e in elements if e["group"] == "edges"]
    assert {n["data"]["id"] for n in nodes} == {"kb", "servicenow"}
    assert "centre" in next(n for n in nodes if n["data"]["id"] == "kb")["classes"].split()
    assert edges == [{"group": "edges", "classes": "added", "data": {
        "id": "servicenow|stores|kb", "source": "servicenow", "target": "kb", "type": "stores", "change": "added"}}]  # fmt: skip


def test_svg_draws_one_node_per_element_with_names_and_clusters(small_tom: Tom) -> None:
    root = parse_svg(relationship_map_svg(small_tom, "as-is"))
    assert len(_nodes(root)) == 17
    words = " ".join(texts(root))
    assert "Service Desk L1" in words
    assert "Fax" in words
    assert "People & organisation" in words
    assert "Relationship map: Today (as-is)" in words
    assert 'stroke="transparent"' not in relationship_map_svg(small_tom, "as-is")


def test_svg_with_changes_prints_the_change_symbols(small_tom: Tom) -> None:
    root = parse_svg(relationship_map_svg(small_tom, "to-be", report=gaps(small_tom, "wave-1", "to-be")))
    assert len(_nodes(root)) == 20  # 19 elements and the removed tool
    words = texts(root)
    assert "−" in words
    assert "+" in words
    assert "Δ" in words
    assert "+ stores" in words
    assert "− uses" in words


def test_unknown_centre_suggests_close_ids(small_tom: Tom) -> None:
    with pytest.raises(RenderError, match="no element 'deskl1' in state 'to-be'; did you mean desk-l1"):
        map_graph(small_tom, centre="deskl1")
    with pytest.raises(RenderError, match="nothing to draw"):
        relationship_map_svg(small_tom, "as-is", dimensions=[])


def test_large_maps_switch_to_a_compact_layout_with_straight_edges(small_tom: Tom) -> None:
    from tomkit.render.relationship_map import DOT_LIMIT, to_graphviz

    small = to_graphviz(map_graph(small_tom, "to-be"))
    assert small.engine == "dot"
    assert "splines=true" in small.source
    data = small_tom.to_data()
    state = data["states"]["to-be"]
    state["elements"] += [{"id": f"team-{n}", "kind": "team", "name": f"Team {n}"} for n in range(DOT_LIMIT)]
    state["relations"] += [
        {"from": f"team-{n}", "type": "uses", "to": "servicenow"} for n in range(DOT_LIMIT)
    ]
    large = to_graphviz(map_graph(Tom.model_validate(data), "to-be"))
    assert large.engine == "fdp"
    assert "splines=line" in large.source
    assert "cluster_people-organisation" in large.source


def test_ungrouped_maps_carry_a_legend(small_tom: Tom) -> None:
    centred = " ".join(texts(parse_svg(relationship_map_svg(small_tom, centre="desk-l1"))))
    assert "People & organisation (box)" in centred
    assert "Locations (inverted house)" in centred
    assert "Governance" not in centred  # no governance element next to the desk
    changed = " ".join(
        texts(
            parse_svg(relationship_map_svg(small_tom, centre="kb", report=gaps(small_tom, "wave-1", "to-be")))
        )
    )
    assert "added" in changed
    grouped = " ".join(texts(parse_svg(relationship_map_svg(small_tom))))
    assert "(box)" not in grouped
