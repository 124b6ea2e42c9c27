"""The workbook layout shared by the XLSX writer and reader: which sheets, which columns, in what form.

Columns come from the model's own fields, so a new attribute on a kind appears in the workbook
without touching this module. A field is written one of three ways: a plain cell (text, number,
date, yes/no), a list joined with "; ", or JSON for nested structures.
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from tomkit.model import (
    BUILTIN_KINDS,
    Communication,
    CustomElement,
    Dimension,
    Element,
    Engagement,
    Initiative,
    Kpi,
    Measurement,
    Milestone,
    Outcome,
    Person,
    Training,
)

CellForm = Literal["plain", "list", "json", "date"]
LIST_SEPARATOR = "; "

ORDER_COLUMN = "order"
"""Position of an element in its state, so a round trip keeps the file's order; blank rows go last."""

BASE_COLUMNS = ("state", "kind", "id", "name", "description", "owner", "tags")
"""Columns every dimension sheet starts with (`state` is which state the row belongs to)."""

EXPORT_ONLY = ("Read me", "Gaps", "RACI")
"""Sheets written for people to read; the reader ignores them."""


@dataclass(frozen=True)
class Column:
    header: str
    form: CellForm


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def form_of(annotation: Any) -> CellForm:
    """How a field with this annotation is written to one cell."""
    annotation = _unwrap(annotation)
    origin = get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        members = [_unwrap(a) for a in get_args(annotation) if a is not type(None)]
        forms = {form_of(m) for m in members}
        return forms.pop() if len(forms) == 1 else "json"
    if origin is list:
        (item,) = get_args(annotation) or (Any,)
        item = _unwrap(item)
        return "json" if isinstance(item, type) and issubclass(item, BaseModel) else "list"
    if origin is dict:
        return "json"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "json"
    if annotation is dt.date:
        return "date"
    return "plain"


def model_columns(model: type[BaseModel], skip: tuple[str, ...] = ()) -> list[Column]:
    """One column per field of `model`, by the name used in files (alias where there is one)."""
    return [
        Column(info.alias or name, form_of(info.annotation))
        for name, info in model.model_fields.items()
        if (info.alias or name) not in skip
    ]


def dimension_columns(dimension: Dimension) -> list[Column]:
    """The base columns, then every typed attribute of the dimension's kinds, then free properties."""
    columns = [Column(h, "list" if h == "tags" else "plain") for h in BASE_COLUMNS]
    seen = set(BASE_COLUMNS) | {"properties"}
    kinds: list[type[Element]] = [cls for cls in BUILTIN_KINDS.values() if cls.DIMENSION is dimension]
    kinds.append(CustomElement)
    for cls in kinds:
        for column in model_columns(cls):
            if column.header not in seen and column.header != "dimension":
                seen.add(column.header)
                columns.append(column)
    columns.append(Column("properties", "json"))
    columns.append(Column(ORDER_COLUMN, "plain"))
    return columns


SHEET_OF_DIMENSION: dict[Dimension, str] = {d: d.label for d in Dimension}


@dataclass(frozen=True)
class ChildSheet:
    """Rows that belong to a parent record (milestones of an initiative, measurements of a KPI)."""

    sheet: str
    parent_sheet: str
    parent_column: str
    field_path: tuple[str, ...]
    model: type[BaseModel]


RECORD_SHEETS: dict[str, tuple[str, type[BaseModel], tuple[str, ...]]] = {
    "People": ("people", Person, ()),
    "Outcomes": ("outcomes", Outcome, ()),
    "KPIs": ("kpis", Kpi, ("measurements",)),
    "Initiatives": ("initiatives", Initiative, ("milestones", "change")),
}
"""sheet -> (top-level key, model, fields kept elsewhere)."""

CHILD_SHEETS: tuple[ChildSheet, ...] = (
    ChildSheet("Measurements", "KPIs", "kpi", ("measurements",), Measurement),
    ChildSheet("Milestones", "Initiatives", "initiative", ("milestones",), Milestone),
    ChildSheet("Communications", "Initiatives", "initiative", ("change", "communicate"), Communication),
    ChildSheet("Training", "Initiatives", "initiative", ("change", "train"), Training),
    ChildSheet("Engagement", "Initiatives", "initiative", ("change", "engage"), Engagement),
)

INITIATIVE_CHANGE_LISTS = ("affects", "champions")
"""ChangePlan fields that are plain lists and sit on the Initiatives sheet as columns."""

ABOUT_KEYS = ("tomkit", "name", "organisation", "description", "sponsor", "frameworks")
ABOUT_NESTED = ("scope", "review")
HANDLED_TOP_LEVEL = frozenset(
    {*ABOUT_KEYS, *ABOUT_NESTED, "people", "outcomes", "kpis", "states", "initiatives"}
)
"""Everything else at the top level of a document goes to the 'Other' sheet as JSON, so nothing is lost."""
