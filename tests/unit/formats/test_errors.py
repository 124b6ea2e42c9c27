"""Pydantic error locations become document paths; the lenient loader drops only what it must."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from tomkit.formats.errors import document_path
from tomkit.formats.lenient import Pruned, lenient_load
from tomkit.model import Tom

DATA: dict[str, Any] = {
    "name": "x",
    "people": [{}],
    "states": {
        "as-is": {
            "elements": [
                {"kind": "role", "id": "r", "name": "R", "team": 5, "properties": {"a": [1]}},
                "not-a-mapping",
            ]
        },
        "Bad Name": {},
    },
    "scenarios": [{"overrides": [{}, {"op": "set-team"}]}],
}


@pytest.mark.parametrize(
    ("loc", "path", "is_key"),
    [
        (("states", "as-is", "elements", 0, "role", "team"), ("states", "as-is", "elements", 0, "team"), False),
        (("states", "as-is", "elements", 0, "role", "properties", "a", "str"),
         ("states", "as-is", "elements", 0, "properties", "a"), False),
        (("states", "as-is", "elements", 1, "custom"), ("states", "as-is", "elements", 1), False),
        (("states", "Bad Name", "[key]"), ("states", "Bad Name"), True),
        (("people", 0, "name"), ("people", 0, "name"), False),
        (("scenarios", 0, "overrides", 1, "set-team", "team"), ("scenarios", 0, "overrides", 1, "team"), False),
    ],
)  # fmt: skip
def test_pydantic_locations_become_document_paths(
    loc: tuple[int | str, ...], path: tuple[int | str, ...], is_key: bool
) -> None:
    assert document_path(loc, DATA) == (path, is_key)


def _first_error(data: dict[str, Any]) -> ValidationError:
    try:
        Tom.model_validate(data)
    except ValidationError as exc:
        return exc
    raise AssertionError("expected a validation error")


def test_lenient_load_drops_optional_keys_and_invalid_items_only() -> None:
    data: dict[str, Any] = {
        "name": "x",
        "states": {
            "s": {
                "elements": [
                    {"kind": "team", "id": "a", "name": "A", "fte": "many"},
                    {"kind": "team", "id": "b"},
                    {"kind": "team", "id": "c", "name": "C", "colour": "red"},
                ]
            }
        },
    }
    tom, pruned = lenient_load(data, _first_error(data))
    assert tom is not None
    assert [(e.id, e.model_dump(exclude_defaults=True)) for e in tom.states["s"].elements] == [
        ("a", {"kind": "team", "id": "a", "name": "A"}),
        ("c", {"kind": "team", "id": "c", "name": "C"}),
    ]
    assert pruned.original(("states", "s", "elements", 1)) == ("states", "s", "elements", 2)
    assert data["states"]["s"]["elements"][0]["fte"] == "many"  # the caller's data is not touched


def test_pruned_maps_indices_back_across_several_removals() -> None:
    pruned = Pruned({"xs": list(range(6))})
    assert pruned.drop(("xs", 4))
    assert pruned.drop(("xs", 1))
    assert pruned.data == {"xs": [0, 2, 3, 5]}
    assert [pruned.original(("xs", i)) for i in range(4)] == [("xs", 0), ("xs", 2), ("xs", 3), ("xs", 5)]


def test_a_wrong_required_top_level_value_gets_a_stand_in_for_checking_only() -> None:
    data: dict[str, Any] = {"name": "", "sponsor": "bob"}
    tom, pruned = lenient_load(data, _first_error(data))
    assert tom is not None
    assert tom.sponsor == "bob"
    assert pruned.patched
