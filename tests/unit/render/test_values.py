from tomkit.analysis.gaps import AttributeDelta
from tomkit.render.values import describe_delta, describe_deltas, format_value


def test_format_value() -> None:
    assert format_value(None) == "—"
    assert format_value([]) == "—"
    assert format_value(True) == "yes"
    assert format_value(18.0) == "18"
    assert format_value(0.85) == "0.85"
    assert format_value(["a", "b"]) == "a, b"
    assert format_value([{"name": "x"}]) == "1 items"
    assert format_value("leeds", {"leeds": "Leeds headquarters"}) == "Leeds headquarters"


def test_describe_delta() -> None:
    assert describe_delta(AttributeDelta("fte", 16, 12)) == "fte 16 → 12"
    assert describe_delta(AttributeDelta("handle_minutes", None, 9)) == "handle minutes — → 9"
    assert describe_delta(AttributeDelta("tags", ["legacy", "uk"], ["uk", "cloud"])) == "tags +cloud −legacy"
    assert describe_delta(
        AttributeDelta("description", "Short", "A much longer description of the team")
    ) == ("description edited")
    steps = [{"name": "a"}, {"name": "b"}]
    assert describe_delta(AttributeDelta("steps", steps, [*steps, {"name": "c"}])) == "steps 2 → 3"
    assert describe_delta(AttributeDelta("steps", steps, steps[::-1])) == "steps edited"


def test_ids_read_as_names() -> None:
    names = {"remedy": "Remedy 9", "snow": "ServiceNow", "sk-x": "Excel"}
    deltas = (AttributeDelta("system_of_record", "remedy", "snow"), AttributeDelta("skills", ["sk-x"], []))
    assert describe_deltas(deltas, names) == "system of record Remedy 9 → ServiceNow · skills −Excel"
