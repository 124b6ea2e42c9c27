"""A small service desk: phone, chat, email and portal into L1, escalating to L2 and L3."""

from __future__ import annotations

from typing import Any

import pytest

from tomkit.model import Tom


def desk_data() -> dict[str, Any]:
    state = {
        "elements": [
            {"id": "phone", "kind": "channel", "name": "Phone", "channel_type": "phone",
             "volume_per_month": 9000, "handle_minutes": 7, "first_contact_resolution": 0.7,
             "cost_per_contact": 18, "hours": "Mon-Fri 08:00-18:00"},
            {"id": "chat", "kind": "channel", "name": "Chat", "channel_type": "chat",
             "volume_per_month": 3000, "handle_minutes": 12, "first_contact_resolution": 0.65,
             "cost_per_contact": 12, "concurrency": 2, "hours": "Mon-Fri 08:00-18:00"},
            {"id": "email", "kind": "channel", "name": "Email", "channel_type": "email",
             "volume_per_month": 4000, "handle_minutes": 9, "first_contact_resolution": 0.55,
             "cost_per_contact": 14},
            {"id": "portal", "kind": "channel", "name": "Portal", "channel_type": "portal",
             "volume_per_month": 2000, "handle_minutes": 6, "first_contact_resolution": 0.6,
             "cost_per_contact": 6, "deflection": 0.2},
            {"id": "sl-phone", "kind": "service-level", "name": "Phone SLA", "channel": "phone",
             "targets": [{"priority": "P1", "answer_seconds": 20, "attainment": 0.8, "resolution_hours": 4},
                         {"priority": "P2", "answer_seconds": 20, "attainment": 0.8, "resolution_hours": 8},
                         {"priority": "P3", "answer_seconds": 20, "attainment": 0.8, "resolution_hours": 72},
                         {"priority": "P4", "answer_seconds": 20, "attainment": 0.8, "resolution_hours": 120}]},
            {"id": "sl-chat", "kind": "service-level", "name": "Chat SLA", "channel": "chat",
             "targets": [{"priority": "P3", "answer_seconds": 120, "attainment": 0.8, "resolution_hours": 72}]},
            {"id": "sl-email", "kind": "service-level", "name": "Email SLA", "channel": "email",
             "targets": [{"priority": "P3", "response_minutes": 240, "attainment": 0.9, "resolution_hours": 72}]},
            {"id": "l1", "kind": "team", "name": "Service desk", "tier": 1, "fte": 40, "shrinkage": 0.3,
             "hours": "Mon-Fri 08:00-18:00"},
            {"id": "l2", "kind": "team", "name": "Desktop support", "tier": 2, "fte": 25, "shrinkage": 0.3,
             "hours": "Mon-Fri 08:00-18:00", "properties": {"handle_minutes": 40}},
            {"id": "l3", "kind": "team", "name": "Applications", "tier": 3, "fte": 10,
             "hours": "Mon-Fri 09:00-17:00"},
        ],
        "relations": [
            {"from": "l1", "type": "operates", "to": "phone"},
            {"from": "l1", "type": "operates", "to": "chat"},
            {"from": "l1", "type": "operates", "to": "email"},
            {"from": "l1", "type": "operates", "to": "portal"},
            {"from": "l1", "type": "escalates-to", "to": "l2"},
            {"from": "l2", "type": "escalates-to", "to": "l3", "properties": {"share": 0.25}},
        ],
    }  # fmt: skip
    return {
        "name": "Desk",
        "states": {"as-is": state},
        "scenarios": [
            {"id": "digital", "name": "Digital first", "base": "as-is",
             "overrides": [{"op": "shift-volume", "from": "phone", "to": "portal", "share": 0.3},
                           {"op": "set-target", "channel": "chat", "answer_seconds": 60}]},
            {"id": "outsourced", "name": "L1 outsourced", "base": "as-is",
             "overrides": [{"op": "set-team", "team": "l1", "sourcing": "outsourced", "hours": "24x7",
                            "cost_per_fte_year": 30000},
                           {"op": "set-channel", "channel": "phone", "first_contact_resolution": 0.6,
                            "hours": "24x7"}]},
        ],
    }  # fmt: skip


@pytest.fixture
def desk() -> Tom:
    return Tom.model_validate(desk_data())
