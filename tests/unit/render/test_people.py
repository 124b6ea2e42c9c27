from tests.unit.render.conftest import parse_svg, texts
from tomkit.analysis.gaps import gaps
from tomkit.model import Tom
from tomkit.render.people import people_records, people_svg


def test_records_pair_before_and_after_per_team(small_tom: Tom) -> None:
    records = people_records(gaps(small_tom), small_tom)
    assert [(r["team"], r["side"], r["fte"]) for r in records] == [
        ("Service Desk L1", "Before (as-is)", 18),
        ("Service Desk L1", "After (to-be)", 12),
        ("Network L2", "Before (as-is)", 6),
        ("Network L2", "After (to-be)", 6),
    ]
    assert records[0]["change"] == "−6"
    assert records[2]["change"] == "±0"


def test_chart_shows_team_names_figures_and_the_total(small_tom: Tom) -> None:
    words = texts(parse_svg(people_svg(gaps(small_tom), small_tom)))
    assert {"Service Desk L1", "Network L2", "18", "12", "−6", "±0"} <= set(words)
    assert any(w.startswith("24 → 18 FTE (−6)") for w in words)


def test_without_a_tom_teams_are_named_by_id(small_tom: Tom) -> None:
    records = people_records(gaps(small_tom))
    assert {r["team"] for r in records} == {"desk-l1", "net-l2"}
