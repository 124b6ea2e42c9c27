"""Reference markers: attribute types that point at other things in the document.

The reference checker reads these markers from the field annotations, so adding a reference to a
kind is a one-line change in its class and never a change in the checker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from tomkit.model.ids import Slug


@dataclass(frozen=True)
class RefTo:
    """Marks a field whose value(s) name something else in the document.

    `target` is "person", "kpi", "outcome", "initiative", "state" or "element"; for elements,
    `kinds` limits which kinds may be named (empty: any kind).
    """

    target: str
    kinds: tuple[str, ...] = ()


PersonRef = Annotated[Slug, RefTo("person")]
KpiRef = Annotated[Slug, RefTo("kpi")]
OutcomeRef = Annotated[Slug, RefTo("outcome")]
InitiativeRef = Annotated[Slug, RefTo("initiative")]
StateRef = Annotated[Slug, RefTo("state")]
ElementRef = Annotated[Slug, RefTo("element")]

LOCATION_KINDS = ("site", "hub", "data-centre", "region")
AUDIENCE_KINDS = ("stakeholder-group", "team", "role", "customer-segment")
LocationRef = Annotated[Slug, RefTo("element", LOCATION_KINDS)]
SupplierRef = Annotated[Slug, RefTo("element", ("supplier",))]
ServiceRef = Annotated[Slug, RefTo("element", ("service",))]
ChannelRef = Annotated[Slug, RefTo("element", ("channel",))]
TeamRef = Annotated[Slug, RefTo("element", ("team",))]
RoleRef = Annotated[Slug, RefTo("element", ("role",))]
SkillRef = Annotated[Slug, RefTo("element", ("skill",))]
ToolRef = Annotated[Slug, RefTo("element", ("tool",))]
PracticeRef = Annotated[Slug, RefTo("element", ("practice",))]
SegmentRef = Annotated[Slug, RefTo("element", ("customer-segment",))]
StakeholderRef = Annotated[Slug, RefTo("element", ("stakeholder-group",))]
AudienceRef = Annotated[Slug, RefTo("element", AUDIENCE_KINDS)]
