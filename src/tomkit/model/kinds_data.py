"""Data & information: the assets work depends on, their system of record and their quality."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from tomkit.model.dimension import Dimension, Lens
from tomkit.model.element import Element
from tomkit.model.refs import ToolRef


class DataAsset(Element):
    kind: Literal["data-asset"] = "data-asset"
    system_of_record: ToolRef | None = None
    quality: int | None = Field(None, ge=0, le=100, description="data quality score, %")
    retention: str | None = None
    sensitivity: Literal["public", "internal", "confidential", "restricted"] | None = None

    DIMENSION: ClassVar = Dimension.DATA
    LENS: ClassVar = Lens.TECHNOLOGY
    LABEL: ClassVar = "Data asset"
