"""JSON in and out. JSON is read through the YAML parser too (JSON is YAML 1.2), for line numbers."""

from __future__ import annotations

import json
from typing import Any

from tomkit.formats import yaml_io
from tomkit.model import Problem


def parse(text: str) -> tuple[Any, list[Problem]]:
    """The document tree (with positions when possible) and the problems found on the way."""
    try:
        plain = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [
            Problem(
                (), f"JSON syntax error: {exc.msg}", code="json-syntax", line=exc.lineno, column=exc.colno
            )
        ]
    tree, problems = yaml_io.parse(text)
    if tree is None:
        # Valid JSON the YAML reader cannot follow (rare): carry on without positions.
        return plain, []
    return tree, problems


def dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
