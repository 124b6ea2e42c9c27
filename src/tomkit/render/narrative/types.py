"""The shape of a generated narrative: sections of sentences, each traceable to what it speaks of."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Literal

RefKind = Literal[
    "element", "gap", "kpi", "outcome", "initiative", "person", "state", "milestone", "wave", "risk"
]


@dataclass(frozen=True)
class Ref:
    """What a sentence speaks of; `state` says which state an element or gap belongs to."""

    kind: RefKind
    id: str
    state: str | None = None


@dataclass(frozen=True)
class Sentence:
    text: str
    refs: tuple[Ref, ...] = ()
    volatile: bool = False
    """Worded relative to today ("next milestone in 3 weeks"): left out of the pin digest, so the
    passing of time alone never makes a pinned section look out of date."""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    sentences: tuple[Sentence, ...] = ()
    bullets: tuple[Sentence, ...] = ()
    pinned: str | None = None
    """Wording a person pinned for this section; shown instead of the generated text."""
    stale: bool = False
    """The generated text changed since the pin was made: someone should re-read the pinned text."""

    @property
    def generated(self) -> str:
        lines = [" ".join(s.text for s in self.sentences)] if self.sentences else []
        lines += [f"- {b.text}" for b in self.bullets]
        return "\n".join(lines)

    @property
    def digest(self) -> str:
        """Fingerprint of the generated text (less its volatile sentences), stored with a pin to notice
        when what the model says moves on."""
        lasting = [s.text for s in (*self.sentences, *self.bullets) if not s.volatile]
        return hashlib.sha256("\n".join(lasting).encode()).hexdigest()[:16]

    @property
    def refs(self) -> tuple[Ref, ...]:
        seen: dict[Ref, None] = {}
        for sentence in (*self.sentences, *self.bullets):
            seen.update(dict.fromkeys(sentence.refs))
        return tuple(seen)

    def with_pin(self, text: str, stale: bool) -> Section:
        return replace(self, pinned=text, stale=stale)


@dataclass(frozen=True)
class Narrative:
    title: str
    audience: str
    subtitle: str = ""
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(f"no section {section_id!r}; sections are: {', '.join(s.id for s in self.sections)}")
