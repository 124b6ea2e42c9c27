"""The JSON Schema agrees with the loader on what a valid file is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from tests.strategies import toms
from tomkit.formats import json_schema
from tomkit.formats.yaml_io import make_yaml, to_plain
from tomkit.model import Tom

jsonschema = pytest.importorskip("jsonschema")
DATA = Path(__file__).resolve().parents[2] / "data"


def _validator() -> Any:
    return jsonschema.Draft202012Validator(json_schema())


def test_schema_header_and_element_kinds() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["name"]
    assert "kind" in schema["$defs"]["Team"]["required"]
    assert "team" in schema["$defs"]["CustomElement"]["properties"]["kind"]["not"]["enum"]
    jsonschema.Draft202012Validator.check_schema(schema)
    schema["title"] = "changed"
    assert json_schema()["title"] != "changed"  # each call is a fresh copy


@settings(max_examples=25, deadline=None)
@given(tom=toms())
def test_valid_documents_pass_the_schema(tom: Tom) -> None:
    errors = list(_validator().iter_errors(tom.to_data()))
    assert errors == []


def test_the_schema_catches_the_structural_mistakes() -> None:
    data = to_plain(make_yaml().load((DATA / "ten-mistakes.yaml").read_text()))
    paths = sorted(".".join(str(p) for p in e.absolute_path) for e in _validator().iter_errors(data))
    # Dates are checked by format, which a validator only enforces when asked; the rest it sees.
    assert {"states.as-is.elements.0", "states.as-is.elements.1"} <= set(paths)


def test_the_schema_accepts_what_the_loader_accepts_in_any_case() -> None:
    data = {
        "name": "X",
        "initiatives": [{"id": "a", "name": "A", "effort": "M", "value": "High", "risk": "low"}],
    }
    assert list(_validator().iter_errors(data)) == []
    Tom.model_validate(data)
    wrong = {"name": "X", "initiatives": [{"id": "a", "name": "A", "effort": "huge"}]}
    assert [e.absolute_path[-1] for e in _validator().iter_errors(wrong)] == ["effort"]
