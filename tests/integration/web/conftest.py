"""Shared fixtures for the web app's integration tests: a small TOM, one user per role, and a stranger."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tomkit.model import Tom
from tomkit.web import store
from tomkit.web.models import Membership, Workspace

ROLES = ("owner", "editor", "reviewer", "viewer")
PASSWORD = "correct-horse-battery"


def small_tom_data() -> dict[str, Any]:
    return {
        "name": "Service desk model",
        "organisation": "Test Org",
        "people": [{"id": "sd-lead", "name": "Rui Matos"}],
        "review": {"cadence": "quarterly", "next": "2020-01-31"},
        "states": {
            "as-is": {
                "label": "Today",
                "elements": [
                    {"id": "desk", "kind": "team", "name": "Service Desk", "fte": 18, "tier": 1},
                    {"id": "remedy", "kind": "tool", "name": "Remedy", "lifecycle": "retire"},
                    {"id": "phone", "kind": "channel", "name": "Phone", "volume_per_month": 12000},
                ],
                "relations": [{"from": "desk", "type": "uses", "to": "remedy"}],
            },
            "to-be": {
                "label": "Digital first",
                "elements": [
                    {"id": "desk", "kind": "team", "name": "Service Desk", "fte": 14, "tier": 1},
                    {"id": "phone", "kind": "channel", "name": "Phone", "volume_per_month": 5000},
                    {"id": "portal", "kind": "channel", "name": "Portal", "volume_per_month": 8000},
                ],
            },
        },
    }


@pytest.fixture
def tom() -> Tom:
    return Tom.model_validate(small_tom_data())


@pytest.fixture
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def users(db: None, fast_passwords: None) -> dict[str, User]:
    out = {name: User.objects.create_user(name, password=PASSWORD) for name in (*ROLES, "stranger")}
    return out


@pytest.fixture
def workspace(users: dict[str, User], tom: Tom) -> Workspace:
    ws = store.create_workspace(users["owner"], tom, "for a test")
    for role in ROLES[1:]:
        Membership.objects.create(workspace=ws, user=users[role], role=role)
    return ws


@pytest.fixture
def clients(users: dict[str, User]) -> dict[str, Client]:
    out = {}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        out[name] = client
    return out


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
