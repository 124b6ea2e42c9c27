"""Column mapping: which source columns become case, activity, timestamp, resource, group and attributes.

Presets know the exports of common ITSM tools (a ServiceNow incident audit export, a Jira Service
Management issue-history export) and a generic guess by column name. Each role lists candidate source
names; the first one present in the file wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from tomkit.mining.errors import MiningError

AttributeType = Literal["string", "int", "float", "bool", "timestamp"]
DEFAULT_NULLS = ("", "?", "NULL", "null", "N/A", "n/a", "None")


@dataclass(frozen=True)
class ColumnMapping:
    """A confirmed mapping from source columns to the normalised event table."""

    case: str
    activity: tuple[str, ...]
    timestamp: str
    resource: str | None = None
    group: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    """normalised name -> source column"""
    attribute_types: dict[str, AttributeType] = field(default_factory=dict)
    timestamp_format: str | None = None
    """strptime pattern, ISO8601, epoch_s or epoch_ms; None = detect from the data"""
    timezone: str = "UTC"
    """the zone naive timestamps are in"""
    activity_separator: str = "-"
    null_values: tuple[str, ...] = DEFAULT_NULLS
    preset: str = "custom"

    def source_columns(self) -> list[str]:
        cols = [
            self.case,
            *self.activity,
            self.timestamp,
            self.resource,
            self.group,
            *self.attributes.values(),
        ]
        return list(dict.fromkeys(c for c in cols if c))

    def check_against(self, header: Sequence[str], source: str | None = None) -> None:
        missing = [c for c in self.source_columns() if c not in header]
        if missing:
            raise MiningError(
                f"column(s) {', '.join(repr(c) for c in missing)} not in the file",
                source=source,
                hint=f"the file has: {', '.join(header)}",
            )

    def with_changes(self, **changes: object) -> ColumnMapping:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Preset:
    """Candidate source names per role; `required` names must all resolve for the preset to apply."""

    name: str
    label: str
    case: tuple[str, ...]
    activity: tuple[tuple[str, ...], ...]
    timestamp: tuple[str, ...]
    resource: tuple[str, ...] = ()
    group: tuple[str, ...] = ()
    attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    attribute_types: dict[str, AttributeType] = field(default_factory=dict)
    signature: tuple[str, ...] = ()
    """columns that mark a file as this tool's export"""


SERVICENOW = Preset(
    name="servicenow",
    label="ServiceNow incident audit export (one row per update)",
    case=("number",),
    activity=(("incident_state",), ("state",), ("ident_state",)),
    timestamp=("sys_updated_at", "sys_updated_on"),
    resource=("assigned_to",),
    group=("assignment_group",),
    attributes={
        "priority": ("priority",),
        "channel": ("contact_type",),
        "category": ("category",),
        "impact": ("impact",),
        "urgency": ("urgency",),
        "made_sla": ("made_sla",),
        "reassignment_count": ("reassignment_count",),
        "reopen_count": ("reopen_count",),
        "sys_mod_count": ("sys_mod_count",),
        "opened_at": ("opened_at",),
        "resolved_at": ("resolved_at",),
        "closed_at": ("closed_at",),
        "active": ("active",),
        "close_code": ("closed_code", "close_code"),
    },
    attribute_types={
        "made_sla": "bool",
        "active": "bool",
        "reassignment_count": "int",
        "reopen_count": "int",
        "sys_mod_count": "int",
        "opened_at": "timestamp",
        "resolved_at": "timestamp",
        "closed_at": "timestamp",
    },
    signature=("number", "sys_mod_count", "assignment_group"),
)

JIRA = Preset(
    name="jira",
    label="Jira Service Management issue history (one row per status change)",
    case=("Issue key", "Key", "Issue Key"),
    activity=(("To Status",), ("To",), ("Status",)),
    timestamp=("Changed", "Change date", "Date", "Updated", "Created"),
    resource=("Author", "Changed by", "Assignee"),
    group=("Team", "Custom field (Team)", "Assignment group", "Component/s"),
    attributes={
        "priority": ("Priority",),
        "issue_type": ("Issue Type",),
        "request_type": (
            "Custom field (Request Type)",
            "Custom field (Customer Request Type)",
            "Request type",
        ),
        "channel": ("Custom field (Request channel type)", "Channel", "Request channel"),
        "resolution": ("Resolution",),
        "created": ("Created",),
        "resolved": ("Resolved",),
        "satisfaction": ("Satisfaction", "Custom field (Satisfaction)"),
    },
    attribute_types={"created": "timestamp", "resolved": "timestamp"},
    signature=("Issue key", "Issue Type"),
)

GENERIC = Preset(
    name="generic",
    label="Generic event log (columns named like case / activity / timestamp)",
    case=(
        "case_id",
        "case:concept:name",
        "case",
        "caseid",
        "case id",
        "ticket",
        "ticket_id",
        "incident",
        "id",
    ),
    activity=(
        ("activity",),
        ("concept:name",),
        ("event",),
        ("activity_name",),
        ("status",),
        ("state",),
        ("action",),
    ),
    timestamp=(
        "timestamp",
        "time:timestamp",
        "time",
        "datetime",
        "date",
        "event_time",
        "start_time",
        "end_time",
    ),
    resource=("resource", "org:resource", "user", "agent", "assignee", "assigned_to", "performer"),
    group=("group", "org:group", "team", "assignment_group", "queue"),
    attributes={
        "priority": ("priority",),
        "channel": ("channel", "contact_type"),
        "category": ("category",),
        "made_sla": ("made_sla", "sla_met", "sla"),
    },
)

PRESETS: dict[str, Preset] = {p.name: p for p in (SERVICENOW, JIRA, GENERIC)}


def _find(header_lower: dict[str, str], candidates: Sequence[str]) -> str | None:
    for name in candidates:
        hit = header_lower.get(name.lower())
        if hit is not None:
            return hit
    return None


def apply_preset(preset: Preset, header: Sequence[str]) -> ColumnMapping | None:
    """The mapping this preset gives for a header, or None if case/activity/timestamp do not resolve."""
    lower = {h.lower(): h for h in reversed(header)}
    case = _find(lower, preset.case)
    timestamp = _find(lower, preset.timestamp)
    activity = None
    for option in preset.activity:
        found = [_find(lower, (c,)) for c in option]
        if all(found):
            activity = tuple(f for f in found if f)
            break
    if case is None or timestamp is None or activity is None:
        return None
    used = {case, timestamp, *activity}
    resource = _find(lower, preset.resource)
    group = _find(lower, preset.group)
    attributes: dict[str, str] = {}
    for name, candidates in preset.attributes.items():
        hit = _find(lower, candidates)
        if hit is not None and hit not in used and hit not in (resource, group):
            attributes[name] = hit
    types = {k: v for k, v in preset.attribute_types.items() if k in attributes}
    return ColumnMapping(
        case=case,
        activity=activity,
        timestamp=timestamp,
        resource=resource if resource not in used else None,
        group=group if group not in used else None,
        attributes=attributes,
        attribute_types=types,
        preset=preset.name,
    )


def detect_preset(header: Sequence[str]) -> ColumnMapping | None:
    """The best preset for a header: a tool export whose signature matches, else the generic guess."""
    lower = {h.lower() for h in header}
    for preset in (SERVICENOW, JIRA):
        if all(s.lower() in lower for s in preset.signature):
            mapping = apply_preset(preset, header)
            if mapping is not None:
                return mapping
    return apply_preset(GENERIC, header)


def mapping_for(preset_name: str, header: Sequence[str], source: str | None = None) -> ColumnMapping:
    """The mapping of a named preset, or a clear error saying which roles did not resolve."""
    preset = PRESETS.get(preset_name)
    if preset is None:
        raise MiningError(f"unknown preset {preset_name!r}", hint=f"presets: {', '.join(PRESETS)}")
    mapping = apply_preset(preset, header)
    if mapping is None:
        raise MiningError(
            f"the {preset.label} preset does not fit this file (needs a case, activity and timestamp column)",
            source=source,
            hint=f"the file has: {', '.join(header)}",
        )
    return mapping
