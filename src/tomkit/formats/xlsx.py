"""Excel workbooks: export every dimension, gap, initiative, KPI and RACI as sheets, and read them back.

Many teams start a TOM in a spreadsheet, so the reader is as strict and as helpful as the YAML one:
every problem is reported at once with its sheet and cell, and a workbook that was written by
`to_xlsx` reads back to the same model.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import itertools
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
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
    HANDLED_TOP_LEVEL,
    INITIATIVE_CHANGE_LISTS,
    LIST_SEPARATOR,
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

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
KEY_HEADERS = frozenset(
    {"state", "kind", "id", "from", "type", "to", "owner", "kpi", "initiative", "role", "audience"}
)
RACI_LETTERS = {"accountable-for": "A", "responsible-for": "R", "consulted-on": "C", "informed-of": "I"}


# --- writing ------------------------------------------------------------------------------------


def _cell(value: Any, form: CellForm) -> Any:
    if value is None:
        return None
    if form == "list":
        return LIST_SEPARATOR.join(str(v) for v in value)
    if form == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if form == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _sheet(book: Workbook, title: str, headers: list[str]) -> Worksheet:
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    sheet.freeze_panes = "A2"
    return sheet


def _finish(sheet: Worksheet) -> None:
    for index, column in enumerate(sheet.iter_cols(min_row=1, max_row=min(sheet.max_row, 200)), start=1):
        width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
        for cell in column:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions


def _records(sheet: Worksheet, columns: list[Column], rows: list[dict[str, Any]]) -> None:
    for row in rows:
        sheet.append([_cell(row.get(c.header), c.form) for c in columns])


def to_xlsx(tom: Tom) -> bytes:
    """The TOM as an .xlsx workbook."""
    from tomkit.analysis.gaps import compare

    data = tom.to_data()
    book = Workbook()
    readme = book.active
    assert readme is not None
    readme.title = "Read me"
    for line in (
        [tom.name],
        [f"{tom.organisation} — target operating model exported by tomkit"],
        [],
        ["Edit the sheets and read the workbook back with `tomkit import`. One row per item."],
        [
            "Lists are separated by '; '. Cells marked JSON hold nested data. 'Gaps' and 'RACI' are for reading."
        ],
    ):
        readme.append(line)
    readme["A1"].font = Font(bold=True, size=14)

    about = _sheet(book, "About", ["key", "value"])
    for key in ABOUT_KEYS:
        if key in data:
            about.append([key, _cell(data[key], "list" if key == "frameworks" else "plain")])
    for key, block in (("scope", Scope), ("review", Review)):
        for column in model_columns(block):
            value = data.get(key, {}).get(column.header)
            if value not in (None, [], ""):
                about.append([f"{key}.{column.header}", _cell(value, column.form)])
    _finish(about)

    states = _sheet(book, "States", ["name", "label", "description", "date"])
    for name, state in data.get("states", {}).items():
        states.append([name, state.get("label"), state.get("description"), _cell(state.get("date"), "date")])
    _finish(states)

    for dimension in Dimension:
        columns = dimension_columns(dimension)
        sheet = _sheet(book, SHEET_OF_DIMENSION[dimension], [c.header for c in columns])
        for name, state in tom.states.items():
            raws = data["states"][name].get("elements", [])
            for position, (element, raw) in enumerate(zip(state.elements, raws, strict=True), start=1):
                if element.get_dimension() is dimension:
                    _records(sheet, columns, [{"state": name, **raw, ORDER_COLUMN: position}])
        _finish(sheet)

    relations = _sheet(book, "Relations", ["state", "from", "type", "to", "description", "properties"])
    for name, state in data.get("states", {}).items():
        for relation in state.get("relations", []):
            relations.append([name, relation["from"], relation["type"], relation["to"], relation.get("description"),
                              _cell(relation.get("properties"), "json")])  # fmt: skip
    _finish(relations)

    for title, (key, model, skip) in RECORD_SHEETS.items():
        columns = model_columns(model, skip)
        if key == "initiatives":
            columns += [Column(h, "list") for h in INITIATIVE_CHANGE_LISTS]
        sheet = _sheet(book, title, [c.header for c in columns])
        rows = data.get(key, [])
        if key == "initiatives":
            rows = [{**r, **{h: r.get("change", {}).get(h) for h in INITIATIVE_CHANGE_LISTS}} for r in rows]
        _records(sheet, columns, rows)
        _finish(sheet)

    for child in CHILD_SHEETS:
        columns = [Column(child.parent_column, "plain"), *model_columns(child.model)]
        sheet = _sheet(book, child.sheet, [c.header for c in columns])
        parent_key = RECORD_SHEETS[child.parent_sheet][0]
        for parent in data.get(parent_key, []):
            items: Any = parent
            for part in child.field_path:
                items = items.get(part, {}) if isinstance(items, dict) else {}
            _records(sheet, columns, [{child.parent_column: parent["id"], **item} for item in items or []])
        _finish(sheet)

    other = _sheet(book, "Other", ["key", "value (JSON)"])
    for key, value in data.items():
        if key not in HANDLED_TOP_LEVEL:
            other.append([key, json.dumps(value, ensure_ascii=False, sort_keys=True)])
    _finish(other)

    gaps = _sheet(
        book,
        "Gaps",
        ["from", "to", "dimension", "lens", "change", "kind", "id", "name", "what changes", "closed by"],
    )
    for before, after in itertools.pairwise(tom.states):
        report = compare(tom.states[before], tom.states[after], from_name=before, to_name=after,
                         initiatives=tom.initiatives)  # fmt: skip
        for gap in report.elements:
            detail = "; ".join(f"{d.name}: {d.before} -> {d.after}" for d in gap.deltas)
            gaps.append([before, after, gap.dimension.label, gap.lens.value, gap.change.value, gap.kind,
                         gap.element_id, gap.name, detail, LIST_SEPARATOR.join(gap.closed_by)])  # fmt: skip
    _finish(gaps)

    raci = _sheet(book, "RACI", ["state", "what", "kind", "A", "R", "C", "I"])
    for name, state in tom.states.items():
        index = state.index()
        parties: dict[str, dict[str, list[str]]] = {}
        for relation in state.relations:
            letter = RACI_LETTERS.get(relation.type)
            if letter:
                parties.setdefault(relation.target, {}).setdefault(letter, []).append(relation.source)
        for target, letters in parties.items():
            what = index.get(target)
            raci.append([name, what.name if what else target, what.kind if what else "",
                         *(", ".join(letters.get(x, [])) for x in "ARCI")])  # fmt: skip
    _finish(raci)

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def save_xlsx(tom: Tom, path: str | Path) -> None:
    Path(path).write_bytes(to_xlsx(tom))


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
