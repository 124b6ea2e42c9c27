"""Customer & service delivery: services, who uses them, the channels they come through, service levels."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from tomkit.model.dimension import Dimension, Lens
from tomkit.model.element import Element, Number, Strict
from tomkit.model.refs import ChannelRef, SegmentRef, ServiceRef

Criticality = Literal["critical", "high", "medium", "low"]
ChannelType = Literal[
    "phone", "email", "portal", "chat", "virtual-agent", "walk-in", "monitoring", "social", "other"
]


class Service(Element):
    kind: Literal["service"] = "service"
    service_type: Literal["business", "technical", "enabling"] | None = None
    criticality: Criticality | None = None
    hours: str | None = None
    rto_hours: Number | None = Field(None, ge=0)
    rpo_hours: Number | None = Field(None, ge=0)
    customers: list[SegmentRef] = Field(default_factory=list)

    DIMENSION: ClassVar = Dimension.DELIVERY
    LENS: ClassVar = Lens.PROCESS
    LABEL: ClassVar = "Service"


class CustomerSegment(Element):
    kind: Literal["customer-segment"] = "customer-segment"
    users: int | None = Field(None, ge=0)
    units: list[str] = Field(default_factory=list)

    DIMENSION: ClassVar = Dimension.DELIVERY
    LENS: ClassVar = Lens.PEOPLE
    LABEL: ClassVar = "Customer segment"


class Channel(Element):
    kind: Literal["channel"] = "channel"
    channel_type: ChannelType | None = None
    live: bool | None = Field(None, description="answered in real time (phone, chat, walk-in)")
    volume_per_month: Number | None = Field(None, ge=0)
    handle_minutes: Number | None = Field(None, ge=0)
    first_contact_resolution: Number | None = Field(None, ge=0, le=1)
    cost_per_contact: Number | None = Field(None, ge=0)
    deflection: Number | None = Field(None, ge=0, le=1, description="share of demand self-served")
    concurrency: Number | None = Field(None, ge=1, description="contacts one agent handles at once (chat)")
    hours: str | None = None

    DIMENSION: ClassVar = Dimension.DELIVERY
    LENS: ClassVar = Lens.PROCESS
    LABEL: ClassVar = "Channel"


class ServiceTarget(Strict):
    priority: str = Field(min_length=1, description="P1..P5, or a name")
    response_minutes: Number | None = Field(None, ge=0)
    resolution_hours: Number | None = Field(None, ge=0)
    attainment: Number | None = Field(None, ge=0, le=1, description="share of tickets that must meet it")
    answer_seconds: Number | None = Field(None, ge=0, description="live channels: answer within (e.g. 20 s)")


class ServiceLevel(Element):
    kind: Literal["service-level"] = "service-level"
    agreement: Literal["sla", "ola", "ucs", "xla"] = "sla"
    service: ServiceRef | None = None
    channel: ChannelRef | None = None
    calendar: str | None = Field(None, description="e.g. 24x7 or business hours")
    targets: list[ServiceTarget] = Field(default_factory=list)

    DIMENSION: ClassVar = Dimension.DELIVERY
    LENS: ClassVar = Lens.GOVERNANCE
    LABEL: ClassVar = "Service level"
