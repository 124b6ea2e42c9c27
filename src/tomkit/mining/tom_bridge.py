"""Evidence into the TOM: KPI baselines from mining queries, and as-is facts with their provenance.

Both are pure: they take a Tom and return an updated copy, never touching the input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from tomkit.mining.cases import priority_key
from tomkit.mining.errors import MiningError
from tomkit.mining.filters import LogFilter, apply_filter
from tomkit.mining.handovers import handovers
from tomkit.mining.metrics import compute_metric, in_kpi_unit
from tomkit.mining.service import service_facts
from tomkit.mining.sla import SlaTarget, Targets
from tomkit.mining.sla_clock import ServiceClock
from tomkit.mining.table import EventLog
from tomkit.model import Channel, KpiSource, ServiceLevel, Team, Tom, slugify
from tomkit.model.hours import HOW, parse_calendar


def _provenance(dataset: str, spec: LogFilter | None, as_of: dt.date, log: EventLog) -> str:
    rng = log.time_range()
    span = f"{rng[0].date()}..{rng[1].date()}" if rng else "empty"
    filt = spec.to_data() if spec is not None else {}
    return f"{dataset}; filter {filt or 'none'}; {log.n_cases} cases, {span}; computed {as_of.isoformat()}"


def service_targets(
    tom: Tom, state: str | None = None, timezone: str = "UTC"
) -> dict[tuple[str, str | None], SlaTarget]:
    """Resolution targets by priority and channel from a state's service levels (the as-is by default),
    each on its service level's calendar (`timezone` for calendars that name no zone)."""
    name = state or tom.baseline_name
    if name is None:
        return {}
    chosen = tom.state(name)
    targets: dict[tuple[str, str | None], SlaTarget] = {}
    for element in chosen.of_kind("service-level"):
        assert isinstance(element, ServiceLevel)
        channel = None
        if element.channel:
            ch = chosen.element(element.channel)
            channel = ch.channel_type if isinstance(ch, Channel) and ch.channel_type else element.channel
        try:
            calendar = parse_calendar(element.calendar)
        except ValueError as exc:
            raise MiningError(f"service level {element.id!r}: {exc}", hint=HOW) from None
        for target in element.targets:
            if target.resolution_hours is not None:
                priority = priority_key(target.priority) or target.priority
                clock = ServiceClock(calendar.for_priority(priority), timezone)
                targets.setdefault((priority, channel), SlaTarget(float(target.resolution_hours), clock))
    return targets


def kpi_baseline(
    tom: Tom,
    kpi_id: str,
    log: EventLog,
    metric: str,
    dataset: str,
    spec: LogFilter | None = None,
    as_of: dt.date | None = None,
    targets: Targets | None = None,
) -> Tom:
    """A copy of the TOM whose KPI has its baseline (and date, source, provenance) from a mining query."""
    kpi = tom.kpi(kpi_id)
    if kpi is None:
        raise MiningError(
            f"the TOM has no KPI {kpi_id!r}", hint=f"KPIs: {', '.join(k.id for k in tom.kpis) or 'none'}"
        )
    as_of = as_of or dt.date.today()
    chosen = apply_filter(log, spec)
    if targets is None and metric == "sla_attainment":
        targets = service_targets(tom) or None
    value = compute_metric(chosen, metric, targets)
    updated = tom.model_copy(deep=True)
    target = updated.kpi(kpi_id)
    assert target is not None
    target.baseline = round(in_kpi_unit(value, metric, target.unit), 4)
    target.baseline_date = as_of
    target.source = KpiSource(
        kind="mining",
        dataset=dataset,
        metric=metric,
        filters=spec.to_data() if spec is not None else {},
        provenance=_provenance(dataset, spec, as_of, chosen),
    )
    return updated


@dataclass(frozen=True)
class AppliedFact:
    element: str
    field: str
    value: Any
    previous: Any


def _match_channel(channel: Channel, label: str) -> bool:
    keys = {channel.id, slugify(channel.name)}
    if channel.channel_type:
        keys.add(channel.channel_type)
    mined = slugify(label)
    aliases = {"self-service": "portal", "self-service-portal": "portal", "web": "portal", "ivr": "phone"}
    return (
        mined in keys
        or aliases.get(mined) in keys
        or str(channel.properties.get("mining_value", "")) == label
    )


def _match_team(team: Team, label: str) -> bool:
    return (
        label in (team.id, team.name)
        or slugify(label) == team.id
        or team.properties.get("mining_group") == label
    )


def team_names(tom: Tom, groups: list[str], state: str | None = None) -> dict[str, str]:
    """The name of the team each assignment group is (matched as `apply_facts` matches them), so
    evidence can speak of "Service Desk" rather than a group id; groups with no team are left out."""
    name = state or tom.baseline_name
    if name is None:
        return {}
    teams = [t for t in tom.state(name).of_kind("team") if isinstance(t, Team)]
    found: dict[str, str] = {}
    for group in groups:
        team = next((t for t in teams if _match_team(t, group)), None)
        if team is not None and team.name != group:
            found[group] = team.name
    return found


def apply_facts(
    tom: Tom,
    log: EventLog,
    dataset: str,
    spec: LogFilter | None = None,
    state: str | None = None,
    as_of: dt.date | None = None,
) -> tuple[Tom, list[AppliedFact]]:
    """Write mined as-is facts into a state (the as-is by default): channel volumes and mix, and each
    team's reassignment and ping-pong rates, with provenance in the element's properties."""
    name = state or tom.baseline_name
    if name is None:
        raise MiningError("the TOM has no states")
    if name not in tom.states:
        raise MiningError(f"no state {name!r}", hint=f"states: {', '.join(tom.states)}")
    as_of = as_of or dt.date.today()
    chosen = apply_filter(log, spec)
    facts = service_facts(chosen)
    hand = handovers(chosen, "group")
    provenance = _provenance(dataset, spec, as_of, chosen)
    updated = tom.model_copy(deep=True)
    target = updated.states[name]
    applied: list[AppliedFact] = []

    def put(element: Any, field: str, value: Any) -> None:
        if field.startswith("properties."):
            key = field.split(".", 1)[1]
            previous = element.properties.get(key)
            element.properties[key] = value
        else:
            previous = getattr(element, field)
            setattr(element, field, value)
        applied.append(AppliedFact(element.id, field, value, previous))

    for element in target.of_kind("channel"):
        assert isinstance(element, Channel)
        share = next((c for c in facts.channels if _match_channel(element, c.channel)), None)
        if share is None:
            continue
        put(element, "volume_per_month", round(share.per_month, 1))
        put(element, "properties.mined_share", round(share.share, 4))
        put(element, "properties.mined_from", provenance)
    outgoing: dict[str, int] = {}
    for h in hand.handovers:
        outgoing[h.source] = outgoing.get(h.source, 0) + h.count
    bounced: dict[str, int] = {}
    for p in hand.ping_pong:
        bounced[p.first] = bounced.get(p.first, 0) + p.cases
    touched: dict[str, int] = {}
    if "group" in chosen.columns:
        codes, labels = chosen.codes("group")
        known = codes >= 0
        pairs = np.unique(chosen.case_codes[known].astype(np.int64) * max(len(labels), 1) + codes[known])
        per_group = np.bincount(pairs % max(len(labels), 1), minlength=len(labels))
        touched = {label: int(per_group[i]) for i, label in enumerate(labels) if per_group[i]}
    for element in target.of_kind("team"):
        assert isinstance(element, Team)
        label = next((g for g in touched if _match_team(element, g)), None)
        if label is None:
            continue
        cases = touched[label]
        put(element, "properties.mined_cases", cases)
        put(
            element,
            "properties.mined_reassignment_rate",
            round(outgoing.get(label, 0) / cases, 4) if cases else 0.0,
        )
        put(element, "properties.mined_ping_pong_cases", bounced.get(label, 0))
        put(element, "properties.mined_from", provenance)
    return updated, applied
