"""Reading Excel workbooks in the layout `to_xlsx` writes: every problem at once, with sheet and cell.

Spreadsheet users get the same care as YAML users: a wrong type, a typo in a column or a dangling
reference is reported where it is, and a workbook tomkit wrote reads back to the same model.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from tomkit.formats.errors import structural_problems
from tomkit.formats.lenient import lenient_load, relocate
from tomkit.formats.result import LoadResult, TomFileError
from tomkit.formats.sheet_layout import (
    ABOUT_KEYS,
    BASE_COLUMNS,
    CHILD_SHEETS,
    EXPORT_ONLY,
    INITIATIVE_CHANGE_LISTS,
    ORDER_COLUMN,
    RECORD_SHEETS,
    SHEET_OF_DIMENSION,
    CellForm,
    Column,
    dimension_columns,
    model_columns,
)
from tomkit.model import BUILTIN_KINDS, Dimension, Problem, Review, Scope, Tom, check
from tomkit.model import Path as DocPath

KEY_HEADERS = frozenset(
    {"state", "kind", "id", "from", "type", "to", "owner", "kpi", "initiative", "role", "audience"}
)

# --- reading ------------------------------------------------------------------------------------

Where = tuple[str, int, int]
"""(sheet, row, column), 1-based."""


class _Reader:
    """Turns sheets into document data, remembering which cell each value came from."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.cells: dict[DocPath, Where] = {}
        self.problems: list[Problem] = []

    def problem(self, where: Where, message: str, hint: str = "", code: str = "xlsx") -> None:
        self.problems.append(self.at(Problem((), message, hint=hint, code=code), where))

    def at(self, problem: Problem, where: Where) -> Problem:
        sheet, row, column = where
        ref = f"{get_column_letter(column)}{row}"
        return problem.located(f"{self.source}, sheet '{sheet}', cell {ref}", None, None)

    def place(self, problem: Problem) -> Problem:
        path = problem.path
        while path:
            if path in self.cells:
                return self.at(problem, self.cells[path])
            path = path[:-1]
        return problem.located(self.source, None, None)

    def value(self, raw: Any, form: CellForm, where: Where) -> tuple[bool, Any]:
        """(present, value) for one cell; a bad cell is reported and counts as absent."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return False, None
        if form == "list":
            return True, [part.strip() for part in str(raw).split(";") if part.strip()]
        if form == "json":
            if not isinstance(raw, str):
                return True, raw
            try:
                return True, json.loads(raw)
            except json.JSONDecodeError as exc:
                self.problem(where, f"not valid JSON: {exc.msg} at character {exc.pos + 1}",
                             hint="nested data is written as JSON, e.g. [{\"priority\": \"P1\"}]")  # fmt: skip
                return False, None
        if isinstance(raw, dt.datetime):
            return (
                True,
                raw.date().isoformat() if form == "date" or raw.time() == dt.time() else raw.isoformat(),
            )
        if isinstance(raw, dt.date):
            return True, raw.isoformat()
        return True, raw

    def rows(
        self, sheet: Worksheet, required: tuple[str, ...]
    ) -> Iterator[tuple[int, dict[str, tuple[Any, int]]]]:
        """Each non-empty row as header -> (raw value, column); missing required columns are reported."""
        header_row = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        headers = {
            str(h).strip().lower(): n for n, h in enumerate(header_row, start=1) if h not in (None, "")
        }
        missing = [c for c in required if c not in headers]
        for column in missing:
            self.problem((sheet.title, 1, len(headers) + 1), f"the sheet has no column {column!r}",
                         hint=f"add a column headed {column!r} in row 1")  # fmt: skip
        if missing:
            return
        for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            yield number, {h: (values[n - 1] if n - 1 < len(values) else None, n) for h, n in headers.items()}

    def record(
        self, sheet: str, row: int, cells: dict[str, tuple[Any, int]], columns: list[Column], path: DocPath
    ) -> dict[str, Any]:
        forms = {c.header.lower(): c for c in columns}
        out: dict[str, Any] = {}
        for header, (raw, col) in cells.items():
            column = forms.get(header)
            if column is None:
                continue
            tidy = (
                raw.strip()
                if isinstance(raw, str) and (column.header in KEY_HEADERS or column.form != "plain")
                else raw
            )
            present, value = self.value(
                tidy, column.form, (sheet, row, col)
            )  # stray spaces round ids are slips
            if present:
                out[column.header] = value
                self.cells[(*path, column.header)] = (sheet, row, col)
        self.cells[path] = (sheet, row, 1)
        return out

    def unknown_columns(self, sheet: Worksheet, known: list[str], free: bool) -> set[str]:
        """Headers the layout does not know: a near-miss is an error; otherwise a free property (if allowed)."""
        header_row = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        extra: set[str] = set()
        for n, header in enumerate(header_row, start=1):
            if header in (None, ""):
                continue
            name = str(header).strip().lower()
            if name in known:
                continue
            match = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
            if match or not free:
                hint = f"did you mean {match[0]!r}?" if match else f"columns are: {', '.join(known)}"
                self.problem((sheet.title, 1, n), f"unknown column {header!r}", hint=hint, code="unknown-key")
            else:
                extra.add(name)
        return extra


def read_xlsx(data: bytes, source: str = "<workbook>") -> LoadResult:
    """Validate a workbook in the layout `to_xlsx` writes; never raises for bad content."""
    reader = _Reader(source)
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        problem = Problem((), f"not an Excel workbook (.xlsx): {exc}", code="not-xlsx")
        return LoadResult(None, [problem.located(source, None, None)], source)
    doc = _document(book, reader)
    tom: Tom | None
    try:
        tom = Tom.model_validate(doc)
    except ValidationError as exc:
        reader.problems += [reader.place(p) for p in structural_problems(exc, doc)]
        tom, pruned = lenient_load(doc, exc)
        if tom is not None:
            reader.problems += [reader.place(p) for p in relocate(check(tom), pruned)]
    else:
        reader.problems += [reader.place(p) for p in check(tom)]
    return LoadResult(tom, reader.problems, source)


def load_xlsx(path: str | Path) -> Tom:
    """The TOM in a workbook; raises TomFileError holding every problem."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TomFileError(
            [Problem((), f"cannot read the file: {exc.strerror}", code="unreadable")], str(path)
        ) from None
    result = read_xlsx(data, str(path))
    if not result.ok or result.tom is None:
        raise TomFileError(result.problems, result.source)
    return result.tom


def _document(book: Workbook, reader: _Reader) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    names = set(book.sheetnames)
    if "About" in names:
        _about(book["About"], reader, doc)
    states: dict[str, dict[str, Any]] = {}
    if "States" in names:
        for row, cells in reader.rows(book["States"], ("name",)):
            record = reader.record("States", row, cells, [Column("name", "plain"), Column("label", "plain"),
                                   Column("description", "plain"), Column("date", "date")], ("states",))  # fmt: skip
            name = str(record.pop("name", ""))
            reader.cells[("states", name)] = ("States", row, 1)
            states[name] = {**record, "elements": [], "relations": []}
    for dimension in Dimension:
        title = SHEET_OF_DIMENSION[dimension]
        if title in names:
            _elements(book[title], dimension, reader, states)
    for name, state in states.items():
        _reorder(state, name, reader)
    if "Relations" in names:
        _relations(book["Relations"], reader, states)
    doc["states"] = states
    for title, (key, model, skip) in RECORD_SHEETS.items():
        if title not in names:
            continue
        columns = model_columns(model, skip)
        if key == "initiatives":
            columns += [Column(h, "list") for h in INITIATIVE_CHANGE_LISTS]
        reader.unknown_columns(book[title], [c.header.lower() for c in columns], free=False)
        items: list[dict[str, Any]] = []
        for row, cells in reader.rows(book[title], ("id",)):
            record = reader.record(title, row, cells, columns, (key, len(items)))
            if key == "initiatives":
                change = {h: record.pop(h) for h in INITIATIVE_CHANGE_LISTS if h in record}
                if change:
                    record["change"] = change
            items.append(record)
        doc[key] = items
    for child in CHILD_SHEETS:
        if child.sheet in names:
            _children(book[child.sheet], child.sheet, child, reader, doc)
    if "Other" in names:
        for row, cells in reader.rows(book["Other"], ("key",)):
            key = str(cells["key"][0]).strip()
            raw, col = next(((v, c) for h, (v, c) in cells.items() if h.startswith("value")), (None, 2))
            present, value = reader.value(raw, "json", ("Other", row, col))
            if present:
                doc[key] = value
                reader.cells[(key,)] = ("Other", row, col)
    known = {*EXPORT_ONLY, "About", "States", "Relations", "Other", *RECORD_SHEETS, *SHEET_OF_DIMENSION.values(),
             *(c.sheet for c in CHILD_SHEETS)}  # fmt: skip
    for title in names - known:
        match = difflib.get_close_matches(title, sorted(known), n=1)
        reader.problem((title, 1, 1), f"unknown sheet {title!r}",
                       hint=f"did you mean {match[0]!r}?" if match else "remove it or rename it")  # fmt: skip
    return doc


def _about(sheet: Worksheet, reader: _Reader, doc: dict[str, Any]) -> None:
    forms: dict[str, CellForm] = {k: ("list" if k == "frameworks" else "plain") for k in ABOUT_KEYS}
    for key, model in (("scope", Scope), ("review", Review)):
        forms.update({f"{key}.{c.header}": c.form for c in model_columns(model)})
    for row, cells in reader.rows(sheet, ("key", "value")):
        key = str(cells["key"][0] or "").strip()
        raw, col = cells["value"]
        if key not in forms:
            match = difflib.get_close_matches(key, list(forms), n=1)
            reader.problem(("About", row, cells["key"][1]), f"unknown key {key!r}",
                           hint=f"did you mean {match[0]!r}?" if match else f"keys are: {', '.join(forms)}")  # fmt: skip
            continue
        present, value = reader.value(raw, forms[key], ("About", row, col))
        if not present:
            continue
        if "." in key:
            outer, inner = key.split(".", 1)
            doc.setdefault(outer, {})[inner] = value
            reader.cells[(outer, inner)] = ("About", row, col)
        else:
            doc[key] = value
            reader.cells[(key,)] = ("About", row, col)


def _state_of(reader: _Reader, sheet: str, row: int, cells: dict[str, tuple[Any, int]],
              states: dict[str, dict[str, Any]]) -> str | None:  # fmt: skip
    raw, col = cells["state"]
    name = str(raw or "").strip()
    if name in states:
        return name
    if not name:
        reader.problem((sheet, row, col), "no state given", hint=f"states are: {', '.join(states)}")
        return None
    if not any(r[0] == "States" for r in reader.cells.values()):
        states[name] = {"elements": [], "relations": []}  # no States sheet: states appear as used
        return name
    match = difflib.get_close_matches(name, list(states), n=1)
    hint = (
        f"did you mean {match[0]!r}?"
        if match
        else f"add it to the States sheet; states are: {', '.join(states)}"
    )
    reader.problem((sheet, row, col), f"unknown state {name!r}", hint=hint, code="unknown-reference")
    return None


def _elements(
    sheet: Worksheet, dimension: Dimension, reader: _Reader, states: dict[str, dict[str, Any]]
) -> None:
    columns = dimension_columns(dimension)
    extra = reader.unknown_columns(sheet, [c.header.lower() for c in columns], free=True)
    for row, cells in reader.rows(sheet, ("state", "kind", "id", "name")):
        state = _state_of(reader, sheet.title, row, cells, states)
        if state is None:
            continue
        items = states[state]["elements"]
        path: DocPath = ("states", state, "elements", len(items))
        record = reader.record(sheet.title, row, cells, columns, path)
        record.pop("state", None)
        kind = record.get("kind")
        if isinstance(kind, str) and kind not in BUILTIN_KINDS:
            record["dimension"] = dimension.value
        for name in sorted(extra):
            raw, col = cells[name]
            present, value = reader.value(raw, "plain", (sheet.title, row, col))
            if present:
                record.setdefault("properties", {})[name] = value
                reader.cells[(*path, "properties", name)] = (sheet.title, row, col)
        if isinstance(kind, str) and kind in BUILTIN_KINDS:
            allowed = {c.header for c in columns if c.header in (*BASE_COLUMNS, "properties", ORDER_COLUMN)}
            allowed |= {(i.alias or n) for n, i in BUILTIN_KINDS[kind].model_fields.items()}
            for key in [k for k in record if k not in allowed]:
                sheet_row, col = reader.cells[(*path, key)][1:]
                reader.problem((sheet.title, sheet_row, col), f"a {kind} has no {key!r}",
                               hint="leave the cell empty for this kind", code="unknown-key")  # fmt: skip
                del record[key]
        items.append(record)


def _reorder(state: dict[str, Any], name: str, reader: _Reader) -> None:
    """Put a state's elements in their `order` (rows without one keep sheet order, after the rest)."""
    elements = state["elements"]
    keyed = []
    for index, element in enumerate(elements):
        order = element.pop(ORDER_COLUMN, None)
        rank = order if isinstance(order, (int, float)) and not isinstance(order, bool) else float("inf")
        keyed.append((rank, index, element))
    keyed.sort(key=lambda item: (item[0], item[1]))
    moved = {}
    for new, (_, old, element) in enumerate(keyed):
        elements[new] = element
        for path, where in list(reader.cells.items()):
            if path[:4] == ("states", name, "elements", old):
                moved[("states", name, "elements", new, *path[4:])] = where
    for path in [p for p in reader.cells if p[:3] == ("states", name, "elements") and len(p) > 3]:
        del reader.cells[path]
    reader.cells.update(moved)


def _relations(sheet: Worksheet, reader: _Reader, states: dict[str, dict[str, Any]]) -> None:
    columns = [
        Column(h, "json" if h == "properties" else "plain")
        for h in ("from", "type", "to", "description", "properties")
    ]
    reader.unknown_columns(sheet, ["state", *(c.header for c in columns)], free=False)
    for row, cells in reader.rows(sheet, ("state", "from", "type", "to")):
        state = _state_of(reader, sheet.title, row, cells, states)
        if state is None:
            continue
        items = states[state]["relations"]
        items.append(
            reader.record(sheet.title, row, cells, columns, ("states", state, "relations", len(items)))
        )


def _children(sheet: Worksheet, title: str, child: Any, reader: _Reader, doc: dict[str, Any]) -> None:
    parent_key = RECORD_SHEETS[child.parent_sheet][0]
    parents = {str(p.get("id")): (n, p) for n, p in enumerate(doc.get(parent_key, []))}
    columns = model_columns(child.model)
    reader.unknown_columns(sheet, [child.parent_column, *(c.header.lower() for c in columns)], free=False)
    for row, cells in reader.rows(sheet, (child.parent_column,)):
        raw, col = cells[child.parent_column]
        parent_id = str(raw or "").strip()
        if parent_id not in parents:
            match = difflib.get_close_matches(parent_id, list(parents), n=1)
            reader.problem((title, row, col), f"unknown {child.parent_column} {parent_id!r}",
                           hint=f"did you mean {match[0]!r}?" if match else f"it must be an id on sheet '{child.parent_sheet}'",
                           code="unknown-reference")  # fmt: skip
            continue
        index, parent = parents[parent_id]
        holder = parent
        for part in child.field_path[:-1]:
            holder = holder.setdefault(part, {})
        items = holder.setdefault(child.field_path[-1], [])
        path: DocPath = (parent_key, index, *child.field_path, len(items))
        items.append(reader.record(title, row, cells, columns, path))
