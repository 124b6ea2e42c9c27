"""Elements of kinds the organisation defines itself: a TOM is tailored, not a form to fill in."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from tomkit.model.dimension import Dimension, Lens
from tomkit.model.element import Element
from tomkit.model.ids import Slug

DEFAULT_LENS: dict[Dimension, Lens] = {
    Dimension.SUPPLIERS: Lens.GOVERNANCE,
    Dimension.LOCATIONS: Lens.PEOPLE,
    Dimension.PROCESSES: Lens.PROCESS,
    Dimension.DELIVERY: Lens.PROCESS,
    Dimension.PEOPLE: Lens.PEOPLE,
    Dimension.TECHNOLOGY: Lens.TECHNOLOGY,
    Dimension.DATA: Lens.TECHNOLOGY,
    Dimension.GOVERNANCE: Lens.GOVERNANCE,
}


class CustomElement(Element):
    """Any kind not built in; it says which dimension it belongs to and keeps its values in `properties`."""

    kind: Slug
    dimension: Dimension = Field(description="which of the eight dimensions this kind belongs to")
    lens: Lens | None = None

    LABEL: ClassVar = "Custom"

    def get_dimension(self) -> Dimension:
        return self.dimension

    def get_lens(self) -> Lens:
        return self.lens or DEFAULT_LENS[self.dimension]

    def get_label(self) -> str:
        return self.kind.replace("-", " ").capitalize()
