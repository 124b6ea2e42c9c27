"""The REST API's operation ids are a contract: generated clients name their methods after them.

The list is pinned in tests/data/web/operation_ids.txt (method, path, id). A new endpoint adds a line;
a changed id is a breaking change for every generated client and should be a deliberate one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tomkit.web.api import api

pytestmark = pytest.mark.integration

PINNED = Path(__file__).resolve().parents[2] / "data" / "web" / "operation_ids.txt"


def test_operation_ids_stay_as_published() -> None:
    schema = api.get_openapi_schema()
    current = sorted(
        f"{method.upper()} {path} {operation['operationId']}"
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    )
    pinned = PINNED.read_text().split("\n")[:-1]
    assert [line for line in pinned if line not in current] == [], "operation ids changed or went away"
    assert [line for line in current if line not in pinned] == [], f"new endpoints: add them to {PINNED}"
    ids = [line.rsplit(" ", 1)[1] for line in current]
    assert len(ids) == len(set(ids))
