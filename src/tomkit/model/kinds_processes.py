"""Processes & value chains: ITIL practices, their maturity and rules, and end-to-end value streams."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

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

ScopeValue = str | bool | int | float
"""One allowed value of a case attribute in a rule's scope (compared as text against the log)."""
Scope = dict[
    Annotated[str, Field(min_length=1)], ScopeValue | Annotated[list[ScopeValue], Field(min_length=1)]
]


def _scope_value_ok(value: object) -> bool:
    return isinstance(value, (str, bool, int, float))


class ProcessRule(Strict):
    """A to-be rule for how a practice's cases must flow (a Declare constraint), checked against event logs."""

    id: str | None = None
    template: DeclareTemplate
    activities: list[str] = Field(min_length=1, max_length=2)
    n: int | None = Field(None, ge=0, description="count for existence/absence/exactly")
    within_hours: Number | None = Field(None, gt=0, description="time limit for response/precedence rules")
    description: str = ""
    where: Scope | None = Field(
        None,
        min_length=1,
        description="only cases whose attribute has one of these values: "
        "{attribute: value or [values]}, e.g. {priority: ['1 - Critical']}",
    )

    @field_validator("where", mode="before")
    @classmethod
    def _scope(cls, value: Any) -> Any:
        """Say plainly what is wrong with a scope, rather than listing every type a value could have."""
        if value is None:
            return value
        if not isinstance(value, dict):
            raise ValueError("where must map attribute names to a value or a list of values")
        if not value:
            raise ValueError("where names no attribute (leave it out to check every case)")
        for name, allowed in value.items():
            if not isinstance(name, str) or not name.strip():
                raise ValueError("where has an attribute with no name")
            if isinstance(allowed, list):
                if not allowed:
                    raise ValueError(f"where {name!r} lists no value")
                bad = [v for v in allowed if not _scope_value_ok(v)]
            else:
                bad = [] if _scope_value_ok(allowed) else [allowed]
            if bad:
                raise ValueError(f"where {name!r}: {bad[0]!r} is not a text, number or true/false value")
        return value

    def scope(self) -> dict[str, list[str]]:
        """The scope as attribute -> allowed values as text (how they are compared with a log); empty
        when the rule applies to every case."""
        out: dict[str, list[str]] = {}
        for name, allowed in (self.where or {}).items():
            items = allowed if isinstance(allowed, list) else [allowed]
            out[name] = [scope_text(v) for v in items]
        return out

    @model_validator(mode="after")
    def _arity(self) -> ProcessRule:
        wanted = 1 if self.template in UNARY_TEMPLATES else 2
        if len(self.activities) != wanted:
            raise ValueError(
                f"template {self.template!r} takes {wanted} activit{'y' if wanted == 1 else 'ies'}"
            )
        return self


def scope_text(value: ScopeValue) -> str:
    """A scope value as the text it is compared by: `1` and `1.0` are "1", `true` is "true"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
