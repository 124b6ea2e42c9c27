"""The one error the mining engine raises for bad input: it says where (file, row or line, column)."""

from __future__ import annotations


class MiningError(ValueError):
    """Bad input or a bad request; the message is meant for the user, so no traceback is needed."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        row: int | None = None,
        line: int | None = None,
        column: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.source = source
        self.row = row
        self.line = line
        self.column = column
        self.hint = hint
        where = []
        if source:
            where.append(source)
        if row is not None:
            where.append(f"row {row}")
        if line is not None:
            where.append(f"line {line}")
        if column:
            where.append(f"column {column!r}")
        text = f"{', '.join(where)}: {message}" if where else message
        if hint:
            text += f" ({hint})"
        super().__init__(text)
