import io

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import Workbook, load_workbook

from tests.strategies import toms
from tomkit.formats.xlsx import read_xlsx, to_xlsx
from tomkit.model import Practice, Tom


def _tom() -> Tom:
    return Tom.model_validate(
        {
            "name": "Desk TOM",
            "organisation": "Northwind",
            "frameworks": ["ITIL 4", "ISO/IEC 20000"],
            "scope": {"units": ["it", "hr"]},
            "review": {"cadence": "quarterly", "next": "2027-03-31"},
            "people": [{"id": "cio", "name": "Dana"}, {"id": "sd", "name": "Rui"}],
            "sponsor": "cio",
            "kpis": [{"id": "fcr", "name": "FCR", "unit": "%", "baseline": 61, "target": 75,
                      "measurements": [{"date": "2026-10-01", "value": 63.5}]}],
            "outcomes": [{"id": "o1", "statement": "Fix it first time", "kpis": ["fcr"]}],
            "states": {
                "as-is": {
                    "label": "Today",
                    "elements": [
                        {"id": "desk", "kind": "team", "name": "Desk", "fte": 18, "tier": 1, "tags": ["l1", "uk"]},
                        {"id": "agent", "kind": "role", "name": "Agent", "team": "desk"},
                        {"id": "im", "kind": "practice", "name": "Incident management", "maturity": 2,
                         "rules": [{"template": "response", "activities": ["Resolved", "Closed"]},
                                   {"id": "p1-fast", "template": "response", "activities": ["New", "Resolved"],
                                    "within_hours": 8, "where": {"priority": ["1 - Critical", 2], "vip": True}}]},
                        {"id": "sla", "kind": "service-level", "name": "Desk SLA",
                         "targets": [{"priority": "P1", "response_minutes": 15, "resolution_hours": 4}]},
                        {"id": "okr", "kind": "objective-board", "name": "OKR board", "dimension": "governance",
                         "properties": {"cadence": "monthly"}},
                    ],
                    "relations": [
                        {"from": "desk", "type": "operates", "to": "im"},
                        {"from": "agent", "type": "responsible-for", "to": "im"},
                    ],
                },
                "to-be": {"label": "Target", "date": "2028-01-01", "elements": [
                    {"id": "desk", "kind": "team", "name": "Desk", "fte": 14, "tier": 1}]},
            },
            "initiatives": [
                {"id": "platform", "name": "Single platform", "owner": "cio", "closes": ["desk"], "effort": "l",
                 "milestones": [{"id": "go-live", "name": "Go live", "due": "2027-06-30"}],
                 "change": {"champions": ["sd"],
                            "train": [{"role": "agent", "course": "Portal triage", "when": "2027-05-01"}]}},
            ],
        }
    )  # fmt: skip


def _sheet_rows(data: bytes, title: str) -> list[tuple[object, ...]]:
    book = load_workbook(io.BytesIO(data))
    return list(book[title].iter_rows(values_only=True))


def test_export_has_a_sheet_per_dimension_and_reads_back_with_openpyxl() -> None:
    data = to_xlsx(_tom())
    book = load_workbook(io.BytesIO(data))
    for title in ("People & organisation", "Processes & value chains", "Relations", "KPIs", "Initiatives",
                  "Milestones", "Training", "Gaps", "RACI"):  # fmt: skip
        assert title in book.sheetnames
    people = _sheet_rows(data, "People & organisation")
    header = people[0]
    assert header[:4] == ("state", "kind", "id", "name")
    fte = header.index("fte")
    assert [(r[0], r[2], r[fte]) for r in people[1:]] == [
        ("as-is", "desk", 18), ("as-is", "agent", None), ("to-be", "desk", 14),
    ]  # fmt: skip
    gaps = _sheet_rows(data, "Gaps")
    assert [(g[4], g[6], g[8], g[9]) for g in gaps[1:]] == [
        ("removed", "im", None, None), ("removed", "sla", None, None), ("removed", "agent", None, None),
        ("changed", "desk", "tags: ['l1', 'uk'] -> None; fte: 18 -> 14", "platform"),
        ("removed", "okr", None, None),
    ]  # fmt: skip
    raci = _sheet_rows(data, "RACI")
    assert raci[1] == ("as-is", "Incident management", "practice", None, "agent", None, None)


def test_round_trip_gives_the_same_model() -> None:
    tom = _tom()
    result = read_xlsx(to_xlsx(tom), "t.xlsx")
    assert result.problems == []
    assert result.tom == tom
    practice = result.tom.states["as-is"].element("im")
    assert isinstance(practice, Practice)
    where = practice.rules[1].where
    assert where == {"priority": ["1 - Critical", 2], "vip": True}
    assert [type(v) for v in (*where["priority"], where["vip"])] == [str, int, bool]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(toms())
def test_round_trip_holds_for_random_documents(tom: Tom) -> None:
    result = read_xlsx(to_xlsx(tom))
    assert result.problems == []
    assert result.tom == tom


def _edit(data: bytes, title: str, cell: str, value: object) -> bytes:
    book = load_workbook(io.BytesIO(data))
    book[title][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_bad_cells_are_reported_with_sheet_and_cell() -> None:
    data = to_xlsx(_tom())
    header = _sheet_rows(data, "People & organisation")[0]
    fte = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("fte")]
    data = _edit(data, "People & organisation", f"{fte}2", "eighteen")
    data = _edit(data, "Initiatives", "D2", "c.i.o")  # owner
    data = _edit(data, "Relations", "C3", "responsible-fr")
    problems = [str(p) for p in read_xlsx(data, "t.xlsx").problems]
    assert (
        f"t.xlsx, sheet 'People & organisation', cell {fte}2: states.as-is.elements[0].fte: " in problems[0]
    )
    assert any(p.startswith("t.xlsx, sheet 'Initiatives', cell D2: initiatives[0].owner: unknown person 'c.i.o'")
               for p in problems)  # fmt: skip
    assert any("sheet 'Relations', cell C3" in p and "did you mean 'responsible-for'" in p for p in problems)
    assert len(problems) == 3


def test_missing_columns_unknown_sheets_and_non_workbooks_are_clear() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "People"
    sheet.append(["name", "title"])
    sheet.append(["Dana", "CIO"])
    book.create_sheet("Peple & organisation")
    out = io.BytesIO()
    book.save(out)
    problems = [str(p) for p in read_xlsx(out.getvalue(), "b.xlsx").problems]
    assert (
        "b.xlsx, sheet 'People', cell C1: the sheet has no column 'id' (add a column headed 'id' in row 1)"
        in problems
    )
    assert any("unknown sheet 'Peple & organisation'" in p and "People & organisation" in p for p in problems)
    result = read_xlsx(b"not a zip", "x.xlsx")
    assert result.tom is None
    assert str(result.problems[0]).startswith("x.xlsx: not an Excel workbook (.xlsx)")


def test_unknown_columns_become_free_properties_unless_they_look_like_a_typo() -> None:
    data = to_xlsx(_tom())
    book = load_workbook(io.BytesIO(data))
    sheet = book["People & organisation"]
    column = sheet.max_column + 1
    sheet.cell(1, column, "cost centre")
    sheet.cell(2, column, "CC-104")
    sheet.cell(1, column + 1, "ftes")
    out = io.BytesIO()
    book.save(out)
    result = read_xlsx(out.getvalue(), "t.xlsx")
    assert [p.message for p in result.problems] == ["unknown column 'ftes'"]
    assert result.tom is not None
    assert result.tom.states["as-is"].elements[0].properties == {"cost centre": "CC-104"}


@pytest.mark.parametrize("title", ["Gaps", "RACI", "Read me"])
def test_export_only_sheets_are_ignored_on_import(title: str) -> None:
    data = _edit(to_xlsx(_tom()), title, "A2", "anything")
    assert read_xlsx(data).problems == []
