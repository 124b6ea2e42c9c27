"""Locations: where work is done and from where services are delivered."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from tomkit.model.dimension import Dimension, Lens
from tomkit.model.element import Element


class _Location(Element):
    country: str | None = None
    timezone: str | None = Field(None, description="IANA name, e.g. Europe/London")
    hours: str | None = Field(None, description="hours of coverage, e.g. 'Mon-Fri 08:00-18:00' or '24x7'")
    languages: list[str] = Field(default_factory=list)
    headcount: int | None = Field(None, ge=0)

    DIMENSION: ClassVar = Dimension.LOCATIONS
    LENS: ClassVar = Lens.PEOPLE


class Site(_Location):
    kind: Literal["site"] = "site"
    LABEL: ClassVar = "Site"


class Hub(_Location):
    kind: Literal["hub"] = "hub"
    LABEL: ClassVar = "Service hub"


class DataCentre(_Location):
    kind: Literal["data-centre"] = "data-centre"
    tier: int | None = Field(None, ge=1, le=4, description="Uptime Institute tier")
    LENS: ClassVar = Lens.TECHNOLOGY
    LABEL: ClassVar = "Data centre"


class Region(_Location):
    kind: Literal["region"] = "region"
    LABEL: ClassVar = "Remote region"
