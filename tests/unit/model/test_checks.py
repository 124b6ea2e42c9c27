from tomkit.model import Severity, Tom, check, find_cycle


def _tom(**extra: object) -> Tom:
    data: dict[str, object] = {
        "name": "t",
        "people": [{"id": "jdoe", "name": "Jo Doe"}],
        "states": {
            "as-is": {
                "elements": [
                    {"id": "desk", "kind": "team", "name": "Desk", "fte": 3, "location": "leeds"},
                    {"id": "leeds", "kind": "site", "name": "Leeds"},
                    {"id": "remedy", "kind": "tool", "name": "Remedy"},
                ],
                "relations": [{"from": "desk", "type": "uses", "to": "remedy"}],
            }
        },
    }
    data.update(extra)
    return Tom.model_validate(data)


def test_a_clean_document_has_no_problems() -> None:
    assert check(_tom()) == []


def test_unknown_person_suggests_the_closest_id() -> None:
    tom = _tom(initiatives=[{"id": "x", "name": "X", "owner": "j.doe"}])
    [problem] = check(tom)
    assert problem.where == "initiatives[0].owner"
    assert "unknown person 'j.doe' (did you mean 'jdoe'?)" in problem.message


def test_relation_type_must_be_allowed_between_the_kinds() -> None:
    tom = _tom()
    tom.states["as-is"].relations[0].type = "stores"
    [problem] = check(tom)
    assert problem.where == "states.as-is.relations[0].type"
    assert problem.message == "a team cannot 'stores' a tool"
    assert "uses" in problem.hint


def test_dependency_cycles_are_reported_with_their_path() -> None:
    tom = _tom(
        initiatives=[
            {"id": "a", "name": "A", "depends_on": ["b"]},
            {"id": "b", "name": "B", "depends_on": ["c"]},
            {"id": "c", "name": "C", "depends_on": ["a"]},
        ]
    )
    [problem] = check(tom)
    assert problem.message == "dependency cycle: a -> b -> c -> a"
    assert find_cycle({"a": ["b"], "b": []}) is None


def test_reference_to_wrong_kind_is_an_error_and_kpi_direction_a_warning() -> None:
    tom = _tom(kpis=[{"id": "k", "name": "K", "direction": "lower", "baseline": 4, "target": 9}])
    tom.states["as-is"].elements[0].location = "remedy"  # type: ignore[union-attr]
    problems = check(tom)
    assert [(p.where, p.severity) for p in problems] == [
        ("states.as-is.elements[0].location", Severity.ERROR),
        ("kpis[0].target", Severity.WARNING),
    ]
    assert problems[0].message == "'remedy' is a tool, expected site or hub or data-centre or region"


def test_custom_kinds_keep_their_dimension_and_round_trip() -> None:
    tom = _tom()
    tom.states["as-is"].elements.append(
        Tom.model_validate(
            {"name": "x", "states": {"s": {"elements": [{"id": "w", "kind": "widget", "name": "W", "dimension": "data"}]}}}
        ).states["s"].elements[0]
    )
    data = tom.to_data()
    assert data["tomkit"] == 1
    assert data["states"]["as-is"]["elements"][0] == {
        "kind": "team", "id": "desk", "name": "Desk", "fte": 3, "location": "leeds"
    }  # fmt: skip
    again = Tom.model_validate(data)
    assert again == tom
    assert again.states["as-is"].elements[-1].get_dimension().value == "data"


def test_numbers_written_as_integers_even_from_int_defaults() -> None:
    from tomkit.model.readiness import ADKAR

    data = ADKAR.model_dump(mode="json")
    weights = [q["weight"] for q in data["questions"]]
    assert weights
    assert all(isinstance(w, int | float) for w in weights)
    assert _tom().model_dump(mode="json")["states"]["as-is"]["elements"][0]["fte"] == 3
