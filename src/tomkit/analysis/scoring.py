"""Value, effort and risk of an initiative, each with the basis it was judged on.

Scores come from the plan where someone set them; otherwise they are estimated from what the
initiative touches, and the basis says so, so a reader can always see (and overrule) the judgement.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from tomkit.model import Initiative, Lens, Rating, Size, Tom

Quadrant = Literal["quick-win", "major-project", "fill-in", "thankless"]
QUADRANT_LABELS: dict[Quadrant, str] = {
    "quick-win": "Quick win",
    "major-project": "Major project",
    "fill-in": "Fill-in",
    "thankless": "Thankless task",
}
DEFAULT_SIZE = Size.M


@dataclass(frozen=True)
class Scores:
    value: int
    """1 low, 2 medium, 3 high."""
    effort: int
    """1 (xs) to 5 (xl)."""
    risk: int
    """1 low, 2 medium, 3 high."""
    weeks: int
    """How long the work takes: duration_weeks, else the planned start to end, else the effort size."""
    value_basis: str
    effort_basis: str
    risk_basis: str

    @property
    def priority(self) -> float:
        """Value per unit of effort, lightly discounted for risk: the tie-breaker among equal urgency."""
        return round(self.value / self.effort - 0.05 * self.risk, 4)

    @property
    def quadrant(self) -> Quadrant:
        high_value = self.value >= 3
        low_effort = self.effort <= 2
        if high_value:
            return "quick-win" if low_effort else "major-project"
        return "fill-in" if low_effort else "thankless"


def _size_for_weeks(weeks: int) -> Size:
    return next((size for size in Size if weeks <= size.weeks), Size.XL)


def score(initiative: Initiative, tom: Tom | None = None) -> Scores:
    """Judge one initiative; `tom` lets the estimate see which gaps are about people."""
    closes, kpis = len(initiative.closes), len(initiative.kpis)
    if initiative.value is not None:
        value, value_basis = initiative.value.score, f"value set to {initiative.value.value}"
    else:
        points = closes + 2 * kpis
        value = 3 if points >= 5 else 2 if points >= 2 else 1
        value_basis = f"estimated from {closes} gap(s) closed and {kpis} KPI(s) moved"

    if initiative.effort is not None:
        size, effort_basis = initiative.effort, f"effort set to {initiative.effort.value.upper()}"
    elif initiative.duration_weeks is not None:
        size = _size_for_weeks(initiative.duration_weeks)
        effort_basis = f"estimated from a duration of {initiative.duration_weeks} weeks"
    elif closes:
        size = Size.S if closes <= 1 else Size.M if closes <= 4 else Size.L if closes <= 9 else Size.XL
        effort_basis = f"estimated from {closes} gap(s) to close"
    else:
        size, effort_basis = DEFAULT_SIZE, "no effort given; assumed M"
    weeks = initiative.duration_weeks or _planned_weeks(initiative) or size.weeks

    if initiative.risk is not None:
        risk, risk_basis = initiative.risk.score, f"risk set to {initiative.risk.value}"
    else:
        reasons = []
        if len(initiative.depends_on) >= 2:
            reasons.append(f"{len(initiative.depends_on)} dependencies")
        people = _people_changes(initiative, tom)
        if people and not initiative.change.train:
            reasons.append("changes people's roles with no training planned")
        if size in (Size.L, Size.XL):
            reasons.append(f"size {size.value.upper()}")
        risk = min(3, 1 + len(reasons))
        risk_basis = "estimated: " + ("; ".join(reasons) if reasons else "nothing raises it")
    return Scores(value, size.score, risk, weeks, value_basis, effort_basis, risk_basis)


def _planned_weeks(initiative: Initiative) -> int | None:
    """The length someone planned by typing a start and an end, in whole weeks."""
    if initiative.start and initiative.end and initiative.end > initiative.start:
        return max(1, math.ceil((initiative.end - initiative.start).days / 7))
    return None


def _people_changes(initiative: Initiative, tom: Tom | None) -> list[str]:
    if tom is None:
        return []
    out = []
    for element_id in initiative.closes:
        element = tom.element_anywhere(element_id)
        if element is not None and element.get_lens() is Lens.PEOPLE and element.kind in ("role", "team"):
            out.append(element_id)
    return out


def is_quick_win(initiative: Initiative, scores: Scores, done: Mapping[str, bool]) -> bool:
    """High value, low effort, and nothing unfinished in its way."""
    if initiative.status in ("done", "cancelled"):
        return False
    blocked = any(not done.get(dep, False) for dep in initiative.depends_on)
    return scores.value >= Rating.HIGH.score and scores.effort <= Size.S.score and not blocked
