"""A seeded ServiceNow-style incident audit log for Northwind Mutual, so the demo can mine without real data.

One row per update of an incident record, as a ServiceNow audit export has it (`number`,
`incident_state`, `sys_updated_at`, `sys_mod_count`, `assignment_group`, `made_sla`, ...). Assignment
groups are the team ids of the demo TOM's as-is, channels are phone / email / self-service / chat, and
the flow has what the mining shows off: reassignments and ping-pong between groups, callers on hold,
reopened incidents, major incidents, and SLA results against the demo's incident service levels.
Standard library only, so it runs wherever the demo does.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

COLUMNS = (
    "number", "incident_state", "active", "reassignment_count", "reopen_count", "sys_mod_count", "made_sla",
    "opened_at", "sys_updated_at", "contact_type", "category", "priority", "assignment_group", "assigned_to",
    "resolved_at", "closed_at",
)  # fmt: skip
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

L1 = "team-l1-castlegate"
CHANNELS = (("phone", 0.45), ("email", 0.25), ("self-service", 0.22), ("chat", 0.08))
PRIORITIES = (("1 - Critical", 0.02), ("2 - High", 0.08), ("3 - Moderate", 0.5), ("4 - Low", 0.4))
TARGET_HOURS = {"1 - Critical": 8, "2 - High": 16, "3 - Moderate": 72, "4 - Low": 120}
"""Resolution targets of the demo TOM's incident service level (sl-incident)."""
MEDIAN_HOURS = {"1 - Critical": 5.0, "2 - High": 9.0, "3 - Moderate": 26.0, "4 - Low": 40.0}
CATEGORIES = (
    ("Desktop", ("team-desktop-uk", "team-field-pt"), 0.34),
    ("Access", ("team-identity",), 0.2),
    ("Claims application", ("team-apps-claims",), 0.14),
    ("Corporate application", ("team-apps-corporate",), 0.1),
    ("Network", ("team-network",), 0.1),
    ("Infrastructure", ("team-infra",), 0.08),
    ("Security", ("team-secops",), 0.04),
)
PEOPLE = {
    L1: [f"Castlegate agent {i}" for i in range(1, 19)],
    "team-desktop-uk": [f"Desktop engineer {i}" for i in range(1, 9)],
    "team-field-pt": [f"Lusitek technician {i}" for i in range(1, 4)],
    "team-identity": [f"IAM analyst {i}" for i in range(1, 5)],
    "team-apps-claims": [f"Claims developer {i}" for i in range(1, 7)],
    "team-apps-corporate": [f"Corporate apps analyst {i}" for i in range(1, 5)],
    "team-network": [f"Network engineer {i}" for i in range(1, 5)],
    "team-infra": [f"Infrastructure engineer {i}" for i in range(1, 6)],
    "team-secops": [f"Security analyst {i}" for i in range(1, 4)],
}
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 4, 9, 16, 18, 17, 15, 11, 13, 15, 14, 12, 9, 6, 4, 3, 2, 2, 1)
DAY_WEIGHTS = (1.0, 0.95, 0.9, 0.9, 0.8, 0.15, 0.1)


def _pick(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([o[0] for o in options], weights=[o[1] for o in options])[0]


@dataclass
class _Incident:
    number: str
    opened: dt.datetime
    channel: str
    category: str
    priority: str
    rows: list[dict[str, str]]
    group: str = L1
    person: str = ""
    reassignments: int = 0
    reopens: int = 0
    resolved: dt.datetime | None = None
    first_resolved: dt.datetime | None = None
    closed: dt.datetime | None = None

    def log(self, state: str, at: dt.datetime) -> None:
        self.rows.append(
            {
                "number": self.number,
                "incident_state": state,
                "active": "false" if state == "Closed" else "true",
                "reassignment_count": str(self.reassignments),
                "reopen_count": str(self.reopens),
                "sys_mod_count": str(len(self.rows)),
                "opened_at": self.opened.strftime(TIME_FORMAT),
                "sys_updated_at": at.strftime(TIME_FORMAT),
                "contact_type": self.channel,
                "category": self.category,
                "priority": self.priority,
                "assignment_group": self.group,
                "assigned_to": self.person,
            }
        )


def _arrival(rng: random.Random, start: dt.datetime, days: int) -> dt.datetime:
    while True:
        day = rng.randrange(days)
        date = start + dt.timedelta(days=day)
        if rng.random() < DAY_WEIGHTS[date.weekday()]:
            break
    hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
    return date + dt.timedelta(hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60))


def _incident(rng: random.Random, number: str, opened: dt.datetime) -> _Incident:
    channel = _pick(rng, CHANNELS)
    priority = _pick(rng, PRIORITIES)
    category, groups, _ = rng.choices(CATEGORIES, weights=[c[2] for c in CATEGORIES])[0]
    inc = _Incident(number, opened, channel, category, priority, [])
    at = opened
    inc.log("New", at)
    major = priority.startswith("1") and rng.random() < 0.35
    if major:
        at += dt.timedelta(minutes=rng.uniform(5, 25))
        inc.log("Major incident declared", at)
        at += dt.timedelta(minutes=rng.uniform(2, 40) if rng.random() < 0.8 else rng.uniform(60, 180))
        inc.log("Stakeholders notified", at)
    at += dt.timedelta(minutes=rng.expovariate(1 / (8 if channel in ("phone", "chat") else 45)))
    inc.person = rng.choice(PEOPLE[L1])
    inc.log("Assigned", at)
    at += dt.timedelta(minutes=rng.expovariate(1 / 10))
    inc.log("In Progress", at)
    target = TARGET_HOURS[priority]
    work = rng.lognormvariate(0, 0.9) * MEDIAN_HOURS[priority]
    first_contact = channel in ("phone", "chat") and not major and rng.random() < 0.45
    if first_contact:
        work = rng.uniform(0.05, 0.4)
    else:
        resolver = rng.choice(groups)
        hops = 1 + (rng.random() < 0.18)
        for hop in range(hops):
            at += dt.timedelta(hours=rng.expovariate(1 / (0.5 if hop == 0 else 2)))
            inc.group = (
                resolver if hop == 0 or rng.random() < 0.5 else rng.choice([g for g in PEOPLE if g != L1])
            )
            inc.person = rng.choice(PEOPLE[inc.group])
            inc.reassignments += 1
            inc.log("Assigned", at)
            at += dt.timedelta(minutes=rng.expovariate(1 / 30))
            inc.log("In Progress", at)
        if rng.random() < 0.1:  # ping-pong: sent back to the desk, then out again
            at += dt.timedelta(hours=rng.expovariate(1 / 3))
            previous = inc.group
            inc.group, inc.person = L1, rng.choice(PEOPLE[L1])
            inc.reassignments += 1
            inc.log("Assigned", at)
            at += dt.timedelta(hours=rng.expovariate(1 / 2))
            inc.group, inc.person = previous, rng.choice(PEOPLE[previous])
            inc.reassignments += 1
            inc.log("Assigned", at)
            inc.log("In Progress", at + dt.timedelta(minutes=rng.expovariate(1 / 20)))
            at += dt.timedelta(minutes=20)
    if rng.random() < 0.15:
        at += dt.timedelta(hours=work * 0.3)
        inc.log("On Hold", at)
        at += dt.timedelta(hours=rng.expovariate(1 / 20))
        inc.log("In Progress", at)
    at += dt.timedelta(hours=work)
    inc.resolved = inc.first_resolved = at
    inc.log("Resolved", at)
    if rng.random() < 0.06:
        at += dt.timedelta(hours=rng.uniform(2, 72))
        inc.reopens += 1
        inc.log("Reopened", at)
        at += dt.timedelta(minutes=rng.expovariate(1 / 30))
        inc.log("In Progress", at)
        at += dt.timedelta(hours=rng.lognormvariate(0, 0.7) * MEDIAN_HOURS[priority] / 2)
        inc.resolved = at
        inc.log("Resolved", at)
    if major:
        inc.log("Post-incident review", at + dt.timedelta(hours=rng.uniform(24, 150)))
    inc.closed = at + dt.timedelta(days=rng.uniform(3, 7.5))
    inc.log("Closed", inc.closed)
    made = (inc.resolved - opened).total_seconds() / 3600 <= target
    for row in inc.rows:
        row["made_sla"] = "true" if made else "false"
        row["resolved_at"] = (
            inc.resolved.strftime(TIME_FORMAT) if row["incident_state"] in ("Resolved", "Closed") else ""
        )
        row["closed_at"] = inc.closed.strftime(TIME_FORMAT) if row["incident_state"] == "Closed" else ""
    inc.rows.sort(key=lambda r: r["sys_updated_at"])
    for i, row in enumerate(inc.rows):
        row["sys_mod_count"] = str(i)
    return inc


def incident_rows(
    incidents: int = 4000, seed: int = 2026, start: dt.date = dt.date(2026, 1, 5), days: int = 182
) -> Iterator[dict[str, str]]:
    """Audit rows of `incidents` incidents opened over `days` days from `start`, grouped by incident.

    The log is an extract taken at the end of the period: later updates are not in it, so the
    incidents opened last are still open (the backlog).
    """
    rng = random.Random(seed)
    begin = dt.datetime.combine(start, dt.time())
    extract = (begin + dt.timedelta(days=days)).strftime(TIME_FORMAT)
    opened = sorted(_arrival(rng, begin, days) for _ in range(incidents))
    for i, when in enumerate(opened):
        for row in _incident(rng, f"INC{1_000_000 + i:07d}", when).rows:
            if row["sys_updated_at"] <= extract:
                yield row


def write_incident_log(path: str | Path, incidents: int = 4000, seed: int = 2026) -> Path:
    """Write the demo log as a ServiceNow-style CSV export (the `servicenow` import preset reads it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(incident_rows(incidents, seed))
    return path
