"""Excel workbooks: export every dimension, gap, initiative, KPI and RACI as sheets, and read them back.

Many teams start a TOM in a spreadsheet, so the reader is as strict and as helpful as the YAML one:
every problem is reported at once with its sheet and cell, and a workbook that was written by
`to_xlsx` reads back to the same model.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tomkit.formats.sheet_layout import (
    ABOUT_KEYS,
    CHILD_SHEETS,
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
from tomkit.formats.xlsx_reader import load_xlsx, read_xlsx
from tomkit.model import Dimension, Review, Scope, Tom

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


__all__ = ["load_xlsx", "read_xlsx", "save_xlsx", "to_xlsx"]
