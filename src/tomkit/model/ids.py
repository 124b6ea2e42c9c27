"""Identifiers: stable slugs that survive renames, so diffs and references never break."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import StringConstraints

SLUG_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
SLUG_RE = re.compile(SLUG_PATTERN)

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=80)]
"""A lower-case identifier: letters, digits, '.', '_' and '-', starting with a letter or digit."""


def slugify(text: str) -> str:
    """Turn a display name into a slug, for templates and imports that have names but no ids."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:80] or "item"
