"""Pinned wording: people's own text for a section, kept over regenerated text but never silently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from tomkit.model import NarrativePin, Tom
from tomkit.render.narrative.types import Narrative, Section


def apply_pins(narrative: Narrative, pins: Mapping[str, NarrativePin]) -> Narrative:
    """Show pinned text where there is some, flagging pins whose generated text has moved on since."""
    sections = []
    for section in narrative.sections:
        pin = pins.get(_key(narrative, section))
        if pin is None:
            sections.append(section)
        else:
            sections.append(section.with_pin(pin.text, stale=pin.generated_digest != section.digest))
    return replace(narrative, sections=tuple(sections))


def pin_section(
    tom: Tom,
    narrative: Narrative,
    section_id: str,
    text: str,
    *,
    by: str | None = None,
    on: dt.date | None = None,
) -> Tom:
    """A copy of `tom` with `text` pinned for the section (remembering what it replaced)."""
    section = narrative.section(section_id)
    pin = NarrativePin(text=text, pinned_by=by, pinned_on=on, generated_digest=section.digest)
    return tom.model_copy(update={"narrative": {**tom.narrative, _key(narrative, section): pin}})


def unpin_section(tom: Tom, narrative: Narrative, section_id: str) -> Tom:
    key = _key(narrative, narrative.section(section_id))
    return tom.model_copy(update={"narrative": {k: v for k, v in tom.narrative.items() if k != key}})


def _key(narrative: Narrative, section: Section) -> str:
    """Pins are per audience: the executive summary's 'why' is not the full story's 'why'."""
    return section.id if narrative.audience == "everyone" else f"{narrative.audience}/{section.id}"
