"""Waves: the stretches of time a roadmap is told in.

When the TOM has dated plateaus between the as-is and the to-be (`wave-1`, ...), each wave runs up
to the date of its plateau, so "wave 1" means "the work that starts on the way to the first
plateau". Otherwise waves are fixed windows (a quarter by default). Work that starts after the
last plateau falls into further fixed windows. An initiative belongs to the wave in which it starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tomkit.analysis.periods import Calendar
from tomkit.model import Tom

WaveMode = Literal["auto", "states", "fixed"]


@dataclass(frozen=True)
class WaveGrid:
    ends: tuple[int, ...]
    """Exclusive end period of each wave defined by a plateau (empty: fixed windows only)."""
    names: tuple[str, ...]
    """State name of each plateau wave."""
    labels: tuple[str, ...]
    length: int
    """Periods per fixed window."""

    @property
    def _base(self) -> int:
        return self.ends[-1] if self.ends else 0

    def start(self, number: int) -> int:
        """First period of wave `number` (1-based)."""
        if number <= len(self.ends):
            return 0 if number == 1 else self.ends[number - 2]
        return self._base + (number - len(self.ends) - 1) * self.length

    def end(self, number: int) -> int:
        if number <= len(self.ends):
            return self.ends[number - 1]
        return self.start(number) + self.length

    def number(self, period: int) -> int:
        for n, end in enumerate(self.ends, start=1):
            if period < end:
                return n
        return len(self.ends) + 1 + max(0, period - self._base) // self.length

    def label(self, number: int) -> str:
        if number <= len(self.labels):
            return self.labels[number - 1]
        return f"after {self.labels[-1]}" if self.labels else ""

    def find(self, text: str) -> int | None:
        """The wave a hand-written label means: a plateau's name ('wave-1') or a trailing number."""
        if text in self.names:
            return self.names.index(text) + 1
        match = re.search(r"(\d+)$", text)
        return int(match.group(1)) if match and int(match.group(1)) >= 1 else None


def wave_grid(tom: Tom, calendar: Calendar, length: int, mode: WaveMode = "auto") -> WaveGrid:
    """Plateau waves when the TOM has at least one dated intermediate state (or `mode="states"`), else windows."""
    names = list(tom.states)[1:]
    dated = [(n, tom.states[n]) for n in names if tom.states[n].date is not None]
    use_states = mode == "states" or (mode == "auto" and len(dated) >= 2 and len(dated) == len(names))
    ends: list[int] = []
    if use_states and dated:
        for _, state in dated:
            assert state.date is not None
            end = calendar.index(state.date) + 1
            if ends and end <= ends[-1]:
                if mode == "states":
                    raise ValueError(
                        "the states' dates must increase from the as-is to the to-be to serve as waves"
                    )
                return WaveGrid(ends=(), names=(), labels=(), length=length)
            ends.append(max(end, 1))
        return WaveGrid(
            ends=tuple(ends),
            names=tuple(n for n, _ in dated),
            labels=tuple(s.label or n for n, s in dated),
            length=length,
        )
    return WaveGrid(ends=(), names=(), labels=(), length=length)
