"""The TOM's story, told from the model for each audience, every sentence traceable to what it speaks of."""

from tomkit.render.narrative.audiences import Audience, audiences, executive_summary, what_changes_for
from tomkit.render.narrative.pins import apply_pins, pin_section, unpin_section
from tomkit.render.narrative.story import StoryInputs, inputs, story
from tomkit.render.narrative.types import Narrative, Ref, Section, Sentence

__all__ = [
    "Audience", "Narrative", "Ref", "Section", "Sentence", "StoryInputs", "apply_pins", "audiences",
    "executive_summary", "inputs", "pin_section", "story", "unpin_section", "what_changes_for",
]  # fmt: skip
