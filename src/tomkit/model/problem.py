"""A problem found in a TOM document: where it is, what is wrong, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

Path = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


def format_path(path: Path) -> str:
    """`('states', 'to-be', 'elements', 12, 'owner')` -> `states.to-be.elements[12].owner`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str
    severity: Severity = Severity.ERROR
    hint: str = ""
    code: str = "invalid"
    line: int | None = None
    column: int | None = None
    source: str | None = field(default=None, compare=False)

    @property
    def where(self) -> str:
        return format_path(self.path)

    def located(self, source: str | None, line: int | None, column: int | None) -> Problem:
        return Problem(self.path, self.message, self.severity, self.hint, self.code, line, column, source)

    def __str__(self) -> str:
        pos = ""
        if self.source is not None or self.line is not None:
            pos = self.source or "<input>"
            if self.line is not None:
                pos += f":{self.line}:{self.column or 1}"
            pos += ": "
        text = f"{pos}{self.where}: {self.message}" if self.path else f"{pos}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text
