"""Processes & value chains: ITIL practices, their maturity and rules, and end-to-end value streams."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from tomkit.model.dimension import Dimension, Lens
from tomkit.model.element import Element, Number, Strict
from tomkit.model.refs import PracticeRef, TeamRef, ToolRef

DeclareTemplate = Literal[
    "existence",
    "absence",
    "exactly",
    "init",
    "end",
    "responded_existence",
    "response",
    "precedence",
    "succession",
    "alternate_response",
    "chain_response",
    "chain_precedence",
    "co_existence",
    "not_co_existence",
    "not_succession",
    "exclusive_choice",
    "four_eyes",
]
UNARY_TEMPLATES = frozenset({"existence", "absence", "exactly", "init", "end"})


class ProcessRule(Strict):
    """A to-be rule for how a practice's cases must flow (a Declare constraint), checked against event logs."""

    id: str | None = None
    template: DeclareTemplate
    activities: list[str] = Field(min_length=1, max_length=2)
    n: int | None = Field(None, ge=0, description="count for existence/absence/exactly")
    within_hours: Number | None = Field(None, gt=0, description="time limit for response/precedence rules")
    description: str = ""

    @model_validator(mode="after")
    def _arity(self) -> ProcessRule:
        wanted = 1 if self.template in UNARY_TEMPLATES else 2
        if len(self.activities) != wanted:
            raise ValueError(
                f"template {self.template!r} takes {wanted} activit{'y' if wanted == 1 else 'ies'}"
            )
        return self


class Practice(Element):
    kind: Literal["practice"] = "practice"
    itil_practice: str | None = Field(None, description="the ITIL 4 practice this maps to")
    maturity: int | None = Field(None, ge=0, le=5, description="capability level 0-5")
    automation: int | None = Field(None, ge=0, le=100, description="share of work automated, %")
    rules: list[ProcessRule] = Field(default_factory=list)

    DIMENSION: ClassVar = Dimension.PROCESSES
    LENS: ClassVar = Lens.PROCESS
    LABEL: ClassVar = "Practice"


class ValueStreamStep(Strict):
    name: str = Field(min_length=1)
    department: str | None = None
    practices: list[PracticeRef] = Field(default_factory=list)
    teams: list[TeamRef] = Field(default_factory=list)
    tools: list[ToolRef] = Field(default_factory=list)
    description: str = ""


class ValueStream(Element):
    kind: Literal["value-stream"] = "value-stream"
    trigger: str | None = None
    outcome: str | None = None
    steps: list[ValueStreamStep] = Field(default_factory=list)

    DIMENSION: ClassVar = Dimension.PROCESSES
    LENS: ClassVar = Lens.PROCESS
    LABEL: ClassVar = "Value stream"
