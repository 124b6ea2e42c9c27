"""The one error the picture functions raise for bad input (unknown state, element, stream...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tomkit.analysis.gaps import GapReport
    from tomkit.model import Tom


class RenderError(ValueError):
    """A picture could not be drawn or converted; the message says why and what there is instead."""


def check_report(tom: Tom, state: str, report: GapReport | None) -> None:
    """Refuse a gap report that leads to another state of this TOM than the one drawn."""
    if report is not None and report.to_state != state and report.to_state in tom.states:
        raise RenderError(
            f"the gap report leads to state {report.to_state!r}, but the picture is of {state!r}: "
            f"compare {state!r} with the state before it"
        )
