"""Small ordinal scales shared by several kinds."""

from __future__ import annotations

from enum import StrEnum


class Rating(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def score(self) -> int:
        return {"low": 1, "medium": 2, "high": 3}[self.value]


class Size(StrEnum):
    """T-shirt sizes for effort; `weeks` is the default duration a planner assumes."""

    XS = "xs"
    S = "s"
    M = "m"
    L = "l"
    XL = "xl"

    @property
    def score(self) -> int:
        return {"xs": 1, "s": 2, "m": 3, "l": 4, "xl": 5}[self.value]

    @property
    def weeks(self) -> int:
        return {"xs": 2, "s": 4, "m": 8, "l": 13, "xl": 26}[self.value]
