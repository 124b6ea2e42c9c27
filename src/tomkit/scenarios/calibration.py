"""Calibrating the model from observed data, with the provenance of every calibrated value.

The input types are plain (counts, samples, shares), so the process-mining engine's results can be
turned into a `Calibration` without this package importing it, and a spreadsheet can feed it as well.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tomkit.scenarios.calendar import HOURS_PER_WEEK
from tomkit.scenarios.inputs import WEEKS_PER_MONTH, ModelInput, Provenance
from tomkit.scenarios.overrides import ScenarioError


@dataclass(frozen=True)
class ChannelCalibration:
    """What was observed for one channel; every field is optional."""

    channel: str
    arrivals_by_hour: Sequence[float] | None = None
    """Tickets opened in each hour of the week (168 counts, Monday 00:00 first), summed over the period."""
    weeks_observed: float | None = None
    """Length of the period the counts cover; with it the counts also set the monthly volume."""
    handle_minutes: Sequence[float] = ()
    """Observed handle (work) times of single contacts."""
    first_contact_resolution: float | None = None


@dataclass(frozen=True)
class Calibration:
    source: str
    """The dataset, e.g. 'servicenow-incidents-2025 (42,113 tickets)'."""
    channels: tuple[ChannelCalibration, ...] = ()
    escalation: tuple[tuple[str, str, float], ...] = ()
    """(from team, to team, share of the sender's tickets handed over)."""
    priority_counts: dict[str, int] = field(default_factory=dict)
    team_handle_minutes: dict[str, float] = field(default_factory=dict)


def hour_of_week_counts(timestamps: Iterable[dt.datetime]) -> list[int]:
    """Count timestamps into the 168 hours of the week (local time as given)."""
    counts = [0] * HOURS_PER_WEEK
    for stamp in timestamps:
        counts[stamp.weekday() * 24 + stamp.hour] += 1
    return counts


def calibrate(model: ModelInput, calibration: Calibration) -> ModelInput:
    """The model with observed values in place of stated or default ones, each noted as calibrated."""
    notes: list[Provenance] = []
    source = calibration.source

    def note(subject: str, name: str, value: float | str) -> None:
        notes.append(Provenance(subject, name, value, "calibrated", source))

    for observed in calibration.channels:
        channel = model.channel(observed.channel)
        if observed.arrivals_by_hour is not None:
            counts = np.asarray(observed.arrivals_by_hour, dtype=np.float64)
            if counts.shape != (HOURS_PER_WEEK,) or (counts < 0).any() or counts.sum() <= 0:
                raise ScenarioError(f"{observed.channel}: arrivals_by_hour needs 168 non-negative counts")
            channel = replace(channel, profile=counts / counts.sum())
            note(channel.id, "profile", f"{int(counts.sum())} arrivals")
            if observed.weeks_observed:
                monthly = float(counts.sum()) / observed.weeks_observed * WEEKS_PER_MONTH
                gross = monthly / (1.0 - channel.deflection) if channel.deflection < 1 else monthly
                channel = replace(channel, volume_per_month=gross)
                note(channel.id, "volume_per_month", round(gross, 1))
        if observed.handle_minutes:
            samples = np.asarray(observed.handle_minutes, dtype=np.float64)
            if (samples <= 0).any() or not np.isfinite(samples).all():
                raise ScenarioError(f"{observed.channel}: handle-time samples must be positive numbers")
            channel = replace(channel, handle_minutes=float(samples.mean()))
            note(channel.id, "handle_minutes", round(float(samples.mean()), 3))
        if observed.first_contact_resolution is not None:
            if not 0 <= observed.first_contact_resolution <= 1:
                raise ScenarioError(f"{observed.channel}: first_contact_resolution must be between 0 and 1")
            channel = replace(channel, first_contact_resolution=observed.first_contact_resolution)
            note(channel.id, "first_contact_resolution", observed.first_contact_resolution)
        model = model.with_channel(channel)
    for sender, receiver, share in calibration.escalation:
        team = model.team(sender)
        model.team(receiver)
        if not 0 <= share <= 1:
            raise ScenarioError(f"escalation {sender} -> {receiver}: share must be between 0 and 1")
        onward = [(t, s) for t, s in team.escalates_to if t != receiver] + [(receiver, share)]
        model = model.with_team(replace(team, escalates_to=tuple(onward)))
        note(sender, f"escalation to {receiver}", share)
    for team_id, minutes in calibration.team_handle_minutes.items():
        if not minutes > 0 or math.isinf(minutes):
            raise ScenarioError(f"{team_id}: handle minutes must be a positive number")
        model = model.with_team(replace(model.team(team_id), handle_minutes=minutes))
        note(team_id, "handle_minutes", minutes)
    if calibration.priority_counts:
        total = sum(calibration.priority_counts.values())
        if total <= 0:
            raise ScenarioError("priority_counts must count at least one ticket")
        mix = {p: n / total for p, n in calibration.priority_counts.items()}
        model = replace(model, priority_mix=mix)
        note("desk", "priority_mix", ", ".join(f"{p} {v:.0%}" for p, v in mix.items()))
    return replace(model, provenance=(*model.provenance, *notes))


class _ChannelData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: str
    arrivals_by_hour: list[float] | None = Field(None, min_length=168, max_length=168)
    weeks_observed: float | None = Field(None, gt=0)
    handle_minutes: list[float] = Field(default_factory=list)
    first_contact_resolution: float | None = Field(None, ge=0, le=1)


class _EscalationData(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    source: str = Field(alias="from")
    target: str = Field(alias="to")
    share: float = Field(ge=0, le=1)


class _CalibrationData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=1)
    channels: list[_ChannelData] = Field(default_factory=list)
    escalation: list[_EscalationData] = Field(default_factory=list)
    priority_counts: dict[str, int] = Field(default_factory=dict)
    team_handle_minutes: dict[str, float] = Field(default_factory=dict)


def calibration_from_data(data: object) -> Calibration:
    """A `Calibration` from plain data (a JSON file): the same fields, escalations as {from, to, share}."""
    try:
        parsed = _CalibrationData.model_validate(data)
    except ValidationError as exc:
        where = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'calibration'}: {e['msg']}" for e in exc.errors()
        )
        raise ScenarioError(f"calibration data: {where}") from None
    return Calibration(
        source=parsed.source,
        channels=tuple(
            ChannelCalibration(c.channel, c.arrivals_by_hour, c.weeks_observed, tuple(c.handle_minutes),
                               c.first_contact_resolution)
            for c in parsed.channels
        ),
        escalation=tuple((e.source, e.target, e.share) for e in parsed.escalation),
        priority_counts=dict(parsed.priority_counts),
        team_handle_minutes=dict(parsed.team_handle_minutes),
    )  # fmt: skip
