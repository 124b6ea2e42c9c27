"""The eight dimensions of an operating model, and the four PPTG lenses they are read through."""

from __future__ import annotations

from enum import StrEnum


class Dimension(StrEnum):
    SUPPLIERS = "suppliers-stakeholders"
    LOCATIONS = "locations"
    PROCESSES = "processes"
    DELIVERY = "service-delivery"
    PEOPLE = "people-organisation"
    TECHNOLOGY = "technology"
    DATA = "data"
    GOVERNANCE = "governance"

    @property
    def label(self) -> str:
        return DIMENSION_LABELS[self]


DIMENSION_LABELS: dict[Dimension, str] = {
    Dimension.SUPPLIERS: "Suppliers & stakeholders",
    Dimension.LOCATIONS: "Locations",
    Dimension.PROCESSES: "Processes & value chains",
    Dimension.DELIVERY: "Customer & service delivery",
    Dimension.PEOPLE: "People & organisation",
    Dimension.TECHNOLOGY: "Technology & tools",
    Dimension.DATA: "Data & information",
    Dimension.GOVERNANCE: "Governance & controls",
}


class Lens(StrEnum):
    """People, process, technology, governance: the PPTG reading of a change."""

    PEOPLE = "people"
    PROCESS = "process"
    TECHNOLOGY = "technology"
    GOVERNANCE = "governance"
