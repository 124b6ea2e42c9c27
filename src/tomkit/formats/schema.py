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


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a TOM document; a fresh copy each call."""
    return copy.deepcopy(_schema())
