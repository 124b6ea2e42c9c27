"""Suppliers & stakeholders: who the organisation depends on, and who it must bring along."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from tomkit.model.dimension import Dimension, Lens
from tomkit.model.element import Element, Number
from tomkit.model.levels import Rating
from tomkit.model.refs import SupplierRef


class Supplier(Element):
    kind: Literal["supplier"] = "supplier"
    category: str | None = Field(None, description="e.g. outsourcer, software vendor, managed service")
    annual_spend: Number | None = Field(None, ge=0)
    contract_end: dt.date | None = None
    risk: Rating | None = None
    strategic: bool = False

    DIMENSION: ClassVar = Dimension.SUPPLIERS
    LENS: ClassVar = Lens.GOVERNANCE
    LABEL: ClassVar = "Supplier"


class Contract(Element):
    kind: Literal["contract"] = "contract"
    supplier: SupplierRef | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    value_per_year: Number | None = Field(None, ge=0)
    notice_months: int | None = Field(None, ge=0)

    DIMENSION: ClassVar = Dimension.SUPPLIERS
    LENS: ClassVar = Lens.GOVERNANCE
    LABEL: ClassVar = "Contract"


class StakeholderGroup(Element):
    kind: Literal["stakeholder-group"] = "stakeholder-group"
    influence: Rating | None = None
    interest: Rating | None = None
    stance: Literal["champion", "supporter", "neutral", "sceptic", "resistant"] | None = None
    size: int | None = Field(None, ge=0, description="headcount")
    units: list[str] = Field(default_factory=list)

    DIMENSION: ClassVar = Dimension.SUPPLIERS
    LENS: ClassVar = Lens.PEOPLE
    LABEL: ClassVar = "Stakeholder group"
