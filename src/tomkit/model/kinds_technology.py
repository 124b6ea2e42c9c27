"""Technology & tools, and the integrations between them."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from tomkit.model.dimension import Dimension, Lens
from tomkit.model.element import Element, Number
from tomkit.model.refs import SupplierRef, ToolRef

Lifecycle = Literal["keep", "introduce", "invest", "tolerate", "replace", "retire"]


class Tool(Element):
    kind: Literal["tool"] = "tool"
    category: str | None = Field(None, description="e.g. itsm-platform, monitoring, telephony, chat")
    vendor: str | None = None
    supplier: SupplierRef | None = None
    annual_cost: Number | None = Field(None, ge=0)
    users: int | None = Field(None, ge=0)
    lifecycle: Lifecycle | None = None

    DIMENSION: ClassVar = Dimension.TECHNOLOGY
    LENS: ClassVar = Lens.TECHNOLOGY
    LABEL: ClassVar = "Tool / platform"


class Integration(Element):
    kind: Literal["integration"] = "integration"
    source: ToolRef
    target: ToolRef
    pattern: Literal["api", "event", "file", "database", "manual"] | None = None
    frequency: str | None = None

    DIMENSION: ClassVar = Dimension.TECHNOLOGY
    LENS: ClassVar = Lens.TECHNOLOGY
    LABEL: ClassVar = "Integration"
