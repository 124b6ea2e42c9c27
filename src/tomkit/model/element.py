"""The element: one thing in one state of the operating model.

An element keeps its id across states, which is what makes a gap analysis a plain diff: present
only in the later state = added, only in the earlier = removed, in both with other values = changed.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from tomkit.model.dimension import Dimension, Lens
from tomkit.model.ids import Slug
from tomkit.model.refs import PersonRef

Scalar = str | int | float | bool | None


def _compact(value: float) -> int | float:
    # An int default (never validated into a float) reaches here too; ints have no is_integer() on 3.11.
    return int(value) if float(value).is_integer() else value


Number = Annotated[float, PlainSerializer(_compact, return_type=int | float, when_used="json")]
"""A float that is written as an integer when it is one (`fte: 18`, not `fte: 18.0`)."""


class Strict(BaseModel):
    """Base of every document type: unknown keys are mistakes, not data to drop silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=False)


class Element(Strict):
    kind: str
    id: Slug
    name: str = Field(min_length=1)
    description: str = ""
    owner: PersonRef | None = None
    tags: list[str] = Field(default_factory=list)
    properties: dict[str, Scalar] = Field(
        default_factory=dict, description="Free properties, for what a kind does not model."
    )

    DIMENSION: ClassVar[Dimension]
    LENS: ClassVar[Lens]
    LABEL: ClassVar[str]

    @model_serializer(mode="wrap")
    def _always_kind(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        """`kind` is written even when defaults are left out: a file must say what each element is."""
        data = handler(self)
        if isinstance(data, dict) and "kind" not in data:
            data = {"kind": self.kind, **data}
        return data

    def get_dimension(self) -> Dimension:
        """The dimension this element belongs to (custom kinds say it themselves)."""
        return self.DIMENSION

    def get_lens(self) -> Lens:
        """People, process, technology or governance."""
        return self.LENS

    def get_label(self) -> str:
        """The kind's display name."""
        return self.LABEL

    def attributes(self) -> dict[str, Any]:
        """The element's values as plain data, without defaults left untouched: what a diff compares."""
        return self.model_dump(mode="json", by_alias=True, exclude_defaults=True)
