"""Outcomes and the KPIs that measure them, with baselines, targets and dated measurements."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from tomkit.model.element import Number, Strict
from tomkit.model.ids import Slug
from tomkit.model.refs import ElementRef, KpiRef, PersonRef


class Measurement(Strict):
    date: dt.date
    value: Number
    note: str = ""
    source: str = Field("manual", description="manual, or where the figure came from (dataset, query)")


class KpiSource(Strict):
    """Where a KPI's figures come from: typed in, or computed from an event-log dataset."""

    kind: Literal["manual", "mining"] = "manual"
    dataset: str | None = None
    metric: str | None = Field(None, description="e.g. median_resolution_hours, sla_attainment")
    filters: dict[str, Any] = Field(default_factory=dict)
    provenance: str = ""


class Kpi(Strict):
    id: Slug
    name: str = Field(min_length=1)
    description: str = ""
    unit: str = ""
    direction: Literal["higher", "lower"] = "higher"
    baseline: Number | None = None
    baseline_date: dt.date | None = None
    target: Number | None = None
    due: dt.date | None = None
    owner: PersonRef | None = None
    about: list[ElementRef] = Field(default_factory=list, description="elements this KPI measures")
    source: KpiSource = Field(default_factory=KpiSource)
    measurements: list[Measurement] = Field(default_factory=list)

    def latest(self) -> Measurement | None:
        return max(self.measurements, key=lambda m: m.date) if self.measurements else None

    def progress(self) -> float | None:
        """Share of the way from baseline to target reached by the latest measurement (0..1, may overshoot)."""
        latest = self.latest()
        if latest is None or self.baseline is None or self.target is None or self.target == self.baseline:
            return None
        return (latest.value - self.baseline) / (self.target - self.baseline)


class Outcome(Strict):
    id: Slug
    statement: str = Field(min_length=1)
    owner: PersonRef | None = None
    kpis: list[KpiRef] = Field(default_factory=list)
