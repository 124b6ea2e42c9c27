"""What every edit operation shares: its error, its base class, and finding a state in plain data."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

EVERYTHING = "*"
"""The target of an edit that touches the whole document: it conflicts with every concurrent edit."""


class OperationError(ValueError):
    """An operation that cannot be applied; `problems` lists each reason in plain words."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or [message]


class Op(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def targets(self) -> frozenset[str]:
        """What the operation touches: concurrent operations on disjoint targets never conflict."""
        raise OperationError(f"{type(self).__name__} names no target")

    def describe(self) -> str:
        raise OperationError(f"{type(self).__name__} has no description")


def state_data(data: dict[str, Any], name: str) -> dict[str, Any]:
    """A state of a document in plain data (elements and relations lists always present)."""
    states: dict[str, Any] = data["states"]
    if name not in states:
        raise OperationError(f"no state {name!r}; states are: {', '.join(states) or 'none'}")
    state: dict[str, Any] = states[name]
    state.setdefault("elements", [])
    state.setdefault("relations", [])
    return state
