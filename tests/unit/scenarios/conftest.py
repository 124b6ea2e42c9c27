"""A small service desk (desk.yaml): phone, chat, email and portal into L1, escalating to L2 and L3."""

from __future__ import annotations

from pathlib import Path

import pytest

from tomkit.formats import load
from tomkit.model import Tom

DESK = Path(__file__).with_name("desk.yaml")


@pytest.fixture
def desk() -> Tom:
    return load(DESK)
