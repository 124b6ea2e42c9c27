"""The demo organisation's channel scenarios tell a clear story when compared."""

from __future__ import annotations

import pytest

from tomkit.model import Tom
from tomkit.scenarios import compare, run


@pytest.fixture(scope="module")
def northwind() -> Tom:
    demo = pytest.importorskip("tomkit.demo")
    return demo.load_demo()


def test_as_is_against_the_to_be_and_its_risks(northwind: Tom) -> None:
    names = ["as-is", "to-be", "tobe-slow-adoption", "tobe-chat-30s"]
    table = compare([run(northwind, name) for name in names])
    fte = dict(zip(names, table.row("FTE required").values, strict=True))
    cost = dict(zip(names, table.row("cost per contact").values, strict=True))
    # digital first: fewer people and cheaper contacts
    assert fte["as-is"] > fte["to-be"] + 10  # type: ignore[operator]
    assert cost["as-is"] > 2 * cost["to-be"]  # type: ignore[operator]
    # if colleagues keep phoning, part of the saving is lost
    assert fte["to-be"] < fte["tobe-slow-adoption"] < fte["as-is"]  # type: ignore[operator]
    assert cost["to-be"] < cost["tobe-slow-adoption"]  # type: ignore[operator]
    # a tighter chat target costs chat agents and nothing else
    chat = dict(zip(names, table.row("FTE required", "ch-chat").values, strict=True))
    assert chat["tobe-chat-30s"] > chat["to-be"]  # type: ignore[operator]
    assert table.row("answer target", "ch-chat").values[3] == 30
    phone = table.row("FTE required", "ch-phone").values
    assert phone[1] == phone[3]
