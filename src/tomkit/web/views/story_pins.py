"""Pinned wording as draft edits: which narrative a page shows, and the pin / unpin edits the store applies.

A pin is an edit of the working draft like any other: `store.apply_operation` audits it and checks it
against concurrent edits (two people pinning the same section conflict; an element edit does not).
The wording itself and its fingerprint come from tomkit.render.narrative.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from tomkit.model import Tom
from tomkit.model.operations import OperationError
from tomkit.render.narrative import (
    Narrative,
    executive_summary,
    inputs,
    pin_section,
    story,
    unpin_section,
    what_changes_for,
)

EVERYONE, EXECUTIVE, FOR = "everyone", "executive", "for:"


def narrative_for(tom: Tom, which: str, today: dt.date) -> Narrative:
    """`everyone` (the full story), `executive` or `for:<audience id>`; KeyError names the choices."""
    data = inputs(tom, today)
    if which == EVERYONE:
        return story(tom, today=today, given=data)
    if which == EXECUTIVE:
        return executive_summary(tom, today=today, given=data)
    if which.startswith(FOR):
        return what_changes_for(tom, which[len(FOR) :], today=today, given=data)
    raise KeyError(f"no narrative {which!r}; use 'everyone', 'executive' or 'for:<audience id>'")


def pin_key(which: str, section_id: str) -> str:
    """Where the document keeps a section's pin (the full story's sections by id, others by audience)."""
    return section_id if which == EVERYONE else f"{which}/{section_id}"


def describe_narrative(which: str) -> str:
    if which == EVERYONE:
        return "the story"
    if which == EXECUTIVE:
        return "the executive summary"
    return f"the page for {which[len(FOR) :]}"


def _section(tom: Tom, which: str, section_id: str, today: dt.date) -> tuple[Narrative, str]:
    try:
        narrative = narrative_for(tom, which, today)
        return narrative, narrative.section(section_id).digest
    except KeyError as exc:
        raise OperationError(str(exc.args[0])) from None


class PinSection(BaseModel):
    """Replace a section's generated text with a person's own wording."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    op: Literal["pin_section"] = "pin_section"
    narrative: str = EVERYONE
    section: str
    text: str
    today: dt.date
    seen: str = ""
    """Fingerprint of the generated text the person saw; a pin made over text that has since moved on
    is refused, so nobody pins wording against a story they have not read."""
    by: str | None = None

    def targets(self) -> frozenset[str]:
        return frozenset({f"narrative:{pin_key(self.narrative, self.section)}"})

    def describe(self) -> str:
        return f"pinned wording for section {self.section!r} of {describe_narrative(self.narrative)}"

    def apply_to(self, tom: Tom) -> Tom:
        text = self.text.replace("\r\n", "\n").strip()  # browsers send a textarea's lines with CRLF
        if not text:
            raise OperationError("the pinned wording is empty: write some text, or unpin the section")
        narrative, digest = _section(tom, self.narrative, self.section, self.today)
        if self.seen and self.seen != digest:
            raise OperationError(
                "the generated text of this section changed since you opened the page: "
                "read the current text and pin again"
            )
        return pin_section(tom, narrative, self.section, text, by=self.by, on=self.today)


class UnpinSection(BaseModel):
    """Go back to the generated text for a section."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    op: Literal["unpin_section"] = "unpin_section"
    narrative: str = EVERYONE
    section: str
    today: dt.date

    def targets(self) -> frozenset[str]:
        return frozenset({f"narrative:{pin_key(self.narrative, self.section)}"})

    def describe(self) -> str:
        return f"unpinned section {self.section!r} of {describe_narrative(self.narrative)}"

    def apply_to(self, tom: Tom) -> Tom:
        narrative, _ = _section(tom, self.narrative, self.section, self.today)
        if pin_key(self.narrative, self.section) not in tom.narrative:
            raise OperationError(f"section {self.section!r} has no pinned wording")
        return unpin_section(tom, narrative, self.section)
