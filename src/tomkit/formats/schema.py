"""The JSON Schema of a TOM file, for editors (completion and checks while typing) and other tools."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from tomkit.model import BUILTIN_KINDS, Tom

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = Tom.model_json_schema(by_alias=True, mode="validation")
    defs = schema.get("$defs", {})
    for cls in BUILTIN_KINDS.values():
        # tomkit tells elements apart by their kind, so a file must say it; so must the schema.
        shape = defs.get(cls.__name__)
        if shape is not None and "kind" not in shape.setdefault("required", []):
            shape["required"].insert(0, "kind")
    _any_case(defs, "Initiative", ("effort", "value", "risk"))
    custom = defs.get("CustomElement")
    if custom is not None:
        # A kind of one's own must not reuse a built-in name, or an editor could match both shapes.
        kind = custom["properties"]["kind"]
        kind["not"] = {"enum": sorted(BUILTIN_KINDS)}
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "tomkit Target Operating Model",
        "description": "A TOM file (YAML or JSON) read by tomkit.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def _any_case(defs: dict[str, Any], model: str, fields: tuple[str, ...]) -> None:
    """Fields the model lower-cases before checking (`effort: M`): let an editor accept any case too."""
    properties = defs.get(model, {}).get("properties", {})
    for name in fields:
        shape = properties.get(name)
        if shape is None:
            continue
        for option in shape.get("anyOf", []):
            ref = option.pop("$ref", None)
            if ref is not None:
                values = defs[ref.rsplit("/", 1)[-1]]["enum"]
                option["type"] = "string"
                option["enum"] = list(
                    dict.fromkeys(v for x in values for v in (x, x.upper(), x.capitalize()))
                )


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a TOM document; a fresh copy each call."""
    return copy.deepcopy(_schema())
