"""The catalogue of built-in element kinds, and the tagged union that parses any of them."""

from __future__ import annotations

from typing import Annotated, Any, get_args

from pydantic import Discriminator, Tag

from tomkit.model.dimension import Dimension
from tomkit.model.element import Element
from tomkit.model.kinds_custom import CustomElement
from tomkit.model.kinds_data import DataAsset
from tomkit.model.kinds_delivery import Channel, CustomerSegment, Service, ServiceLevel
from tomkit.model.kinds_governance import Control, Forum, Policy, Report, Risk
from tomkit.model.kinds_locations import DataCentre, Hub, Region, Site
from tomkit.model.kinds_people import Role, Skill, Team
from tomkit.model.kinds_processes import Practice, ValueStream
from tomkit.model.kinds_suppliers import Contract, StakeholderGroup, Supplier
from tomkit.model.kinds_technology import Integration, Tool

BUILTIN_KINDS: dict[str, type[Element]] = {
    get_args(cls.model_fields["kind"].annotation)[0]: cls
    for cls in (
        Supplier, Contract, StakeholderGroup,
        Site, Hub, DataCentre, Region,
        Practice, ValueStream,
        Service, CustomerSegment, Channel, ServiceLevel,
        Team, Role, Skill,
        Tool, Integration,
        DataAsset,
        Forum, Policy, Control, Risk, Report,
    )
}  # fmt: skip
"""kind name -> class, in the canonical order of the eight dimensions."""

CUSTOM_TAG = "custom"


def kinds_of(dimension: Dimension) -> list[str]:
    return [kind for kind, cls in BUILTIN_KINDS.items() if cls.DIMENSION is dimension]


def _kind_tag(value: Any) -> str:
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    if isinstance(kind, str) and kind in BUILTIN_KINDS:
        return kind
    return CUSTOM_TAG


AnyElement = Annotated[
    Annotated[Supplier, Tag("supplier")]
    | Annotated[Contract, Tag("contract")]
    | Annotated[StakeholderGroup, Tag("stakeholder-group")]
    | Annotated[Site, Tag("site")]
    | Annotated[Hub, Tag("hub")]
    | Annotated[DataCentre, Tag("data-centre")]
    | Annotated[Region, Tag("region")]
    | Annotated[Practice, Tag("practice")]
    | Annotated[ValueStream, Tag("value-stream")]
    | Annotated[Service, Tag("service")]
    | Annotated[CustomerSegment, Tag("customer-segment")]
    | Annotated[Channel, Tag("channel")]
    | Annotated[ServiceLevel, Tag("service-level")]
    | Annotated[Team, Tag("team")]
    | Annotated[Role, Tag("role")]
    | Annotated[Skill, Tag("skill")]
    | Annotated[Tool, Tag("tool")]
    | Annotated[Integration, Tag("integration")]
    | Annotated[DataAsset, Tag("data-asset")]
    | Annotated[Forum, Tag("forum")]
    | Annotated[Policy, Tag("policy")]
    | Annotated[Control, Tag("control")]
    | Annotated[Risk, Tag("risk")]
    | Annotated[Report, Tag("report")]
    | Annotated[CustomElement, Tag(CUSTOM_TAG)],
    Discriminator(_kind_tag),
]
"""Any element: parsed as its built-in kind, or as a custom element for any other kind name."""
