"""Governance & controls: forums and their decision rights, policies, controls, risks and reports."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from tomkit.model.dimension import Dimension, Lens
from tomkit.model.element import Element
from tomkit.model.refs import KpiRef, PersonRef

Cadence = Literal["daily", "weekly", "fortnightly", "monthly", "quarterly", "half-yearly", "yearly", "ad-hoc"]


class _Governance(Element):
    DIMENSION: ClassVar = Dimension.GOVERNANCE
    LENS: ClassVar = Lens.GOVERNANCE


class Forum(_Governance):
    kind: Literal["forum"] = "forum"
    cadence: Cadence | None = None
    chair: PersonRef | None = None
    decision_rights: list[str] = Field(default_factory=list)
    LABEL: ClassVar = "Forum / board"


class Policy(_Governance):
    kind: Literal["policy"] = "policy"
    review_due: dt.date | None = None
    approved_by: PersonRef | None = None
    LABEL: ClassVar = "Policy"


class Control(_Governance):
    kind: Literal["control"] = "control"
    regulation: str | None = Field(None, description="e.g. SOX, ISO/IEC 27001 A.8.32, DORA")
    control_type: Literal["preventive", "detective", "corrective"] | None = None
    automated: bool = False
    frequency: Cadence | None = None
    LABEL: ClassVar = "Control"


class Risk(_Governance):
    kind: Literal["risk"] = "risk"
    likelihood: int | None = Field(None, ge=1, le=5)
    impact: int | None = Field(None, ge=1, le=5)
    response: Literal["accept", "mitigate", "transfer", "avoid"] | None = None
    mitigation: str = ""
    LABEL: ClassVar = "Risk"


class Report(_Governance):
    kind: Literal["report"] = "report"
    audience: str | None = None
    frequency: Cadence | None = None
    kpis: list[KpiRef] = Field(default_factory=list)
    LABEL: ClassVar = "Report"
