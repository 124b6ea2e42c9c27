"""Wording people wrote themselves for a section of the generated narrative.

A pin remembers a digest of the generated text it replaced, so when the model changes and the
generated text moves on, the pinned text is flagged as possibly out of date instead of being
overwritten (or silently kept) without anyone noticing.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from tomkit.model.element import Strict


class NarrativePin(Strict):
    text: str = Field(min_length=1)
    pinned_by: str | None = None
    pinned_on: dt.date | None = None
    generated_digest: str = Field("", description="digest of the generated text when it was pinned")
