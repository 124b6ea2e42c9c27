"""From a state of the TOM to the plain model inputs, with every default named in the provenance.

Reads channels, service levels (by their `channel` field or a `covers` relation), teams with their
tiers, hours and shrinkage, `operates` relations (which first-tier team answers which channel) and
`escalates-to` relations (their `share` property, when set, is the share handed over). Tickets not
resolved at first contact (1 - FCR) leave tier 1 for the team(s) it escalates to.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from tomkit.model import Channel, Element, ServiceLevel, State, Team
from tomkit.scenarios.calendar import BoolArray, always_open, parse_hours
from tomkit.scenarios.inputs import (
    DEFAULT_HANDLE_MINUTES,
    DEFAULT_PRIORITY_MIX,
    DEFAULT_RESOLUTION_HOURS,
    DEFAULT_TIER_HANDLE_MINUTES,
    LIVE_TYPES,
    Assumptions,
    ChannelInput,
    ModelInput,
    Provenance,
    Target,
    TeamInput,
    default_profile,
    fit_profile,
    flat_profile,
)
from tomkit.scenarios.overrides import ScenarioError

PROFILES = {"office": default_profile, "flat": flat_profile}
"""Arrival shapes a channel can name in its `arrival_profile` property."""
DEFAULT_FCR = 0.66
"""HDI 2015 first-contact resolution for incidents (domain reference, section 2)."""
DEFAULT_ONWARD_SHARE = 0.2
"""Share of a second-tier team's tickets handed to the next tier when the relation does not say."""


def _hours(text: str | None, subject: str, field: str) -> BoolArray:
    try:
        return parse_hours(text)
    except ValueError as error:
        raise ScenarioError(f"{subject}: {field}: {error}") from None


def _number(element: Element, key: str) -> float | None:
    value = element.properties.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


class _Builder:
    def __init__(self, state: State, name: str, assumptions: Assumptions) -> None:
        self.state = state
        self.name = name
        self.assumptions = assumptions
        self.provenance: list[Provenance] = []
        self.index = state.index()

    def note(self, subject: str, field: str, value: float | str, source: str, note: str = "") -> None:
        self.provenance.append(Provenance(subject, field, value, source, note))

    def pick(self, subject: str, field: str, given: float | None, default: float, note: str) -> float:
        if given is None:
            self.note(subject, field, default, "default", note)
            return default
        self.note(subject, field, given, "state")
        return float(given)

    def team_hours(self, team: Team) -> BoolArray:
        if team.hours:
            return _hours(team.hours, team.id, "hours")
        site = self.index.get(team.location) if team.location else None
        site_hours = getattr(site, "hours", None)
        if isinstance(site_hours, str):
            self.note(team.id, "hours", site_hours, "state", f"hours of site {team.location}")
            return _hours(site_hours, team.location or "", "hours")
        self.note(team.id, "hours", "24x7", "default", "no hours on the team or its site")
        return always_open()

    def first_tier(self, channel: Channel, teams: dict[str, Team]) -> list[Team]:
        """The teams that answer a channel: its operators of the lowest tier, else the tier-1 team."""
        operators = [
            teams[r.source]
            for r in self.state.relations
            if r.type == "operates" and r.target == channel.id and r.source in teams
        ]
        if operators:
            lowest = min(t.tier if t.tier is not None else 9 for t in operators)
            return [t for t in operators if (t.tier if t.tier is not None else 9) == lowest]
        tier_one = [t for t in teams.values() if t.tier == 1]
        return tier_one[:1]

    def targets(self, channel: Channel, mix: dict[str, float]) -> tuple[Target, ...]:
        covered = {r.source for r in self.state.relations if r.type == "covers" and r.target == channel.id}
        found: list[Target] = []
        for element in self.state.elements:
            if isinstance(element, ServiceLevel) and (element.channel == channel.id or element.id in covered):
                for t in element.targets:
                    found.append(
                        Target(
                            t.priority,
                            t.answer_seconds,
                            t.response_minutes,
                            t.resolution_hours,
                            t.attainment if t.attainment is not None else 0.8,
                        )
                    )
        if found:
            general = self.general_resolution()
            found = [
                t
                if t.resolution_hours is not None or t.priority not in general
                else replace(t, resolution_hours=general[t.priority])
                for t in found
            ]
            present = {t.priority for t in found}
            found += [Target(p, None, None, hours, 0.8) for p, hours in general.items() if p not in present]
            return tuple(sorted(found, key=lambda t: -mix.get(t.priority, 0.0)))
        self.note(channel.id, "targets", "default", "default", "no service level covers this channel")
        live_answer = 60.0 if (channel.live or channel.channel_type in LIVE_TYPES) else None
        return tuple(Target(p, live_answer, 240.0, DEFAULT_RESOLUTION_HOURS.get(p), 0.8) for p in mix)

    def general_resolution(self) -> dict[str, float]:
        """Resolution hours by priority from the first SLA not tied to a channel (e.g. the incident SLA)."""
        for element in self.state.elements:
            if isinstance(element, ServiceLevel) and element.channel is None and element.agreement == "sla":
                hours = {
                    t.priority: t.resolution_hours for t in element.targets if t.resolution_hours is not None
                }
                if hours:
                    self.note(
                        "desk", "resolution targets", element.id, "state", "SLA used where a channel has none"
                    )
                    return hours
        return {}

    def priority_mix(self) -> dict[str, float]:
        names: list[str] = []
        for element in self.state.elements:
            if isinstance(element, ServiceLevel):
                names.extend(t.priority for t in element.targets if t.priority not in names)
        known = [n for n in names if n in DEFAULT_PRIORITY_MIX]
        if not names or not known:
            if names:
                self.note("desk", "priority_mix", "equal", "default", "priorities not named P1..P4")
                return {n: 1.0 / len(names) for n in names}
            self.note("desk", "priority_mix", "P1-P4", "default", "rule of thumb 1/9/60/30 %")
            return dict(DEFAULT_PRIORITY_MIX)
        total = sum(DEFAULT_PRIORITY_MIX[n] for n in known)
        self.note("desk", "priority_mix", ",".join(known), "default", "rule of thumb 1/9/60/30 %")
        return {n: DEFAULT_PRIORITY_MIX[n] / total for n in known}

    def build(self) -> ModelInput:
        teams = {e.id: e for e in self.state.elements if isinstance(e, Team)}
        mix = self.priority_mix()
        channels: list[ChannelInput] = []
        for element in self.state.elements:
            if not isinstance(element, Channel):
                continue
            channels.append(self.channel(element, teams, mix))
        if not channels:
            raise ScenarioError(f"{self.name}: the state has no channels to model")
        team_inputs = [self.team(team, teams, channels) for team in teams.values()]
        return ModelInput(
            self.name, tuple(channels), tuple(team_inputs), mix, self.assumptions, tuple(self.provenance)
        )

    def channel(self, c: Channel, teams: dict[str, Team], mix: dict[str, float]) -> ChannelInput:
        kind = c.channel_type or "other"
        live = c.live if c.live is not None else kind in LIVE_TYPES
        answering = self.first_tier(c, teams)
        team = answering[0] if answering else None
        if c.hours:
            open_hours = _hours(c.hours, c.id, "hours")
        elif answering:
            open_hours = np.logical_or.reduce([self.team_hours(t) for t in answering])
        else:
            open_hours = always_open()
        sizes = [t.fte for t in answering]
        if all(size for size in sizes):
            shares = [(t.id, float(t.fte or 0) / float(sum(s or 0 for s in sizes))) for t in answering]
        else:
            shares = [(t.id, 1.0 / len(answering)) for t in answering]
        shape = c.properties.get("arrival_profile", "office")
        if shape not in PROFILES:
            raise ScenarioError(
                f"{c.id}: arrival_profile {shape!r} is not one of {', '.join(PROFILES)} (or calibrate it from data)"
            )
        profile = PROFILES[str(shape)]()
        if live:
            profile = fit_profile(profile, open_hours)
        source = "state" if "arrival_profile" in c.properties else "default"
        self.note(c.id, "profile", str(shape), source, "arrival shape by hour and weekday")
        handle_default = DEFAULT_HANDLE_MINUTES.get(kind, 8.0)
        return ChannelInput(
            id=c.id,
            name=c.name,
            channel_type=kind,
            live=live,
            volume_per_month=self.pick(c.id, "volume_per_month", c.volume_per_month, 0.0, "no volume given"),
            handle_minutes=self.pick(
                c.id, "handle_minutes", c.handle_minutes, handle_default, "domain default"
            ),
            first_contact_resolution=self.pick(
                c.id, "first_contact_resolution", c.first_contact_resolution, DEFAULT_FCR, "HDI 2015"
            ),
            deflection=self.pick(c.id, "deflection", c.deflection, 0.0, "none"),
            concurrency=self.pick(
                c.id, "concurrency", c.concurrency, 2.0 if kind == "chat" else 1.0, "chat handles two at once"
            ),
            cost_per_contact=c.cost_per_contact,
            open_hours=open_hours,
            profile=profile,
            targets=self.targets(c, mix),
            team=team.id if team else None,
            teams=tuple(shares),
        )

    def team(self, t: Team, teams: dict[str, Team], channels: list[ChannelInput]) -> TeamInput:
        answers = any(t.id in dict(c.teams) for c in channels)
        tier = t.tier if t.tier is not None else (1 if answers else 2)
        onward: list[tuple[str, float]] = []
        for r in self.state.relations:
            if r.type == "escalates-to" and r.source == t.id and r.target in teams:
                share = _number_rel(r.properties.get("share"))
                if share is None and tier >= 2:
                    share = DEFAULT_ONWARD_SHARE
                    self.note(t.id, f"escalation to {r.target}", share, "default", "rule of thumb")
                onward.append((r.target, share if share is not None else 1.0))
        handle = _number(t, "handle_minutes")
        return TeamInput(
            id=t.id,
            name=t.name,
            tier=tier,
            fte=t.fte,
            shrinkage=self.pick(t.id, "shrinkage", t.shrinkage, self.assumptions.shrinkage, "domain default"),
            open_hours=self.team_hours(t),
            cost_per_fte_year=self.pick(
                t.id,
                "cost_per_fte_year",
                _number(t, "cost_per_fte_year"),
                self.assumptions.cost_per_fte_year,
                "planning assumption",
            ),
            handle_minutes=self.pick(
                t.id, "handle_minutes", handle, DEFAULT_TIER_HANDLE_MINUTES.get(tier, 60.0), "per tier"
            ),
            escalates_to=tuple(onward),
        )


def _number_rel(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def model_input(state: State, name: str = "state", assumptions: Assumptions | None = None) -> ModelInput:
    """The model inputs of one state (apply a scenario's overrides first with `apply_overrides`)."""
    return _Builder(state, name, assumptions or Assumptions()).build()
