"""The one error the picture functions raise for bad input (unknown state, element, stream...)."""

from __future__ import annotations


class RenderError(ValueError):
    """A picture could not be drawn or converted; the message says why and what there is instead."""
