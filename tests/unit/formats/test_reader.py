"""Reading TOM files: every problem at once, each at the right line and column, never a traceback."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tomkit.formats import LoadResult, TomFileError, describe_problem, load, loads, read, reads
from tomkit.model import Severity, Tom

DATA = Path(__file__).resolve().parents[2] / "data"
TEN_MISTAKES = DATA / "ten-mistakes.yaml"

VALID = """\
tomkit: 1
name: Small desk
people:
  - {id: jdoe, name: Jo Doe}
states:
  as-is:
    elements:
      - {id: desk, kind: team, name: Desk, fte: 4, owner: jdoe}
      - {id: remedy, kind: tool, name: Remedy}
    relations:
      - {from: desk, type: uses, to: remedy}
"""


def _where(result: LoadResult) -> list[tuple[int | None, int | None, str, str]]:
    return [(p.line, p.column, p.where, p.code) for p in result.problems]


def test_ten_mistakes_are_all_reported_at_their_exact_positions() -> None:
    result = read(TEN_MISTAKES)
    assert not result.ok
    assert _where(result) == [
        (8, 9, "review.next", "date"),
        (15, 21, "outcomes[0].kpis[1]", "unknown-reference"),
        (25, 15, "states.as-is.elements[0].tier", "range"),
        (26, 14, "states.as-is.elements[0].fte", "type"),
        (30, 9, "states.as-is.elements[1].vendr", "unknown-attribute"),
        (36, 28, "states.as-is.relations[1].type", "relation-not-allowed"),
        (43, 16, "states.to-be.elements[0].owner", "unknown-reference"),
        (47, 13, "states.to-be.elements[2].id", "duplicate-id"),
        (51, 42, "states.to-be.relations[0].to", "unknown-reference"),
        (55, 17, "initiatives[0].depends_on", "dependency-cycle"),
    ]
    messages = [describe_problem(p, hint=False) for p in result.problems]
    assert messages[6] == (
        f"{TEN_MISTAKES}:43:16: states.to-be.elements[0].owner: unknown person 'j.doe' (did you mean 'jdoe'?)"
    )
    assert "unknown attribute 'vendr' for kind 'tool' (did you mean 'vendor'?)" in messages[4]
    assert "bad date '2027-02-30'" in messages[0]
    assert messages[2].endswith("7 is out of range: must be at most 4")
    assert all(p.source == str(TEN_MISTAKES) for p in result.problems)


def test_a_valid_file_loads_with_no_problems() -> None:
    result = reads(VALID, source="small.yaml")
    assert result.ok
    assert result.problems == []
    assert result.tom is not None
    assert result.tom.states["as-is"].element("desk") is not None
    assert loads(VALID).name == "Small desk"


def test_load_raises_with_every_problem() -> None:
    with pytest.raises(TomFileError) as caught:
        load(TEN_MISTAKES)
    assert len(caught.value.problems) == 10
    assert str(caught.value).startswith(f"{TEN_MISTAKES}:8:9: review.next: bad date")
    assert "(and 9 more errors)" in str(caught.value)


def test_warnings_do_not_make_a_file_invalid() -> None:
    text = VALID + "kpis:\n  - {id: k, name: K, direction: lower, baseline: 4, target: 9}\n"
    result = reads(text)
    assert result.ok
    assert [(p.severity, p.where, p.line) for p in result.problems] == [
        (Severity.WARNING, "kpis[0].target", 13)
    ]


def test_semantic_problems_after_a_dropped_item_point_at_the_files_own_index() -> None:
    text = """\
tomkit: 1
name: Shifted
states:
  as-is:
    elements:
      - {id: a, kind: team}
      - {id: b, kind: team, name: B, owner: nobody}
"""
    result = reads(text)
    assert _where(result) == [
        (6, 9, "states.as-is.elements[0].name", "missing"),
        (7, 45, "states.as-is.elements[1].owner", "unknown-reference"),
    ]


def test_unknown_kind_suggests_the_built_in_one() -> None:
    result = reads("tomkit: 1\nname: X\nstates:\n  s:\n    elements:\n      - {id: a, kind: teem, name: A}\n")
    [problem] = result.problems
    assert (problem.where, problem.line, problem.column) == ("states.s.elements[0].kind", 6, 23)
    assert problem.message == "unknown kind 'teem' (did you mean 'team'?)"
    assert "dimension" in problem.hint


def test_custom_kinds_with_a_dimension_are_fine() -> None:
    result = reads(
        "tomkit: 1\nname: X\nstates:\n  s:\n    elements:\n"
        "      - {id: a, kind: widget, name: A, dimension: data, properties: {size: 3}}\n"
    )
    assert result.ok, result.problems


def test_unknown_top_level_key_suggests_and_lists_allowed_keys() -> None:
    result = reads("tomkit: 1\nname: X\norganization: Acme\n")
    [problem] = result.problems
    assert (problem.line, problem.column, problem.code) == (3, 1, "unknown-key")
    assert problem.message == "unknown key 'organization' (did you mean 'organisation'?)"
    assert "allowed keys here:" in problem.hint


def test_a_value_fitting_no_type_of_a_union_is_one_problem() -> None:
    result = reads(
        "tomkit: 1\nname: X\nstates:\n  s:\n    elements:\n"
        "      - {id: a, kind: team, name: A, properties: {size: [1, 2]}}\n"
    )
    [problem] = result.problems
    assert problem.where == "states.s.elements[0].properties.size"
    assert problem.message.startswith(
        "expected text, a whole number, a number, true/false or nothing, got a list"
    )


def test_bad_state_name_points_at_the_key() -> None:
    result = reads("tomkit: 1\nname: X\nstates:\n  As Is: {}\n")
    [problem] = result.problems
    assert (problem.line, problem.column, problem.code) == (4, 3, "bad-key")
    assert "'as-is'" in problem.hint


def test_wrong_format_version() -> None:
    [problem] = reads("tomkit: 2\nname: X\n").problems
    assert (problem.line, problem.column) == (1, 9)
    assert problem.message == "unsupported format version 2"


def test_missing_name_at_the_top_leaves_no_document() -> None:
    result = reads("tomkit: 1\n")
    assert result.tom is None
    assert [(p.where, p.code) for p in result.problems] == [("name", "missing")]


# --- broken files: each a clear message, never a traceback -------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("", "empty file", 1),
        ("# only a comment\n", "empty file", 1),
        ("- a\n- b\n", "the top level must be a mapping of keys (tomkit: 1, name: ...), not a list", 1),
        ("just text\n", "the top level must be a mapping of keys (tomkit: 1, name: ...), not plain text", 1),
        ("tomkit: 1\nname: [unclosed\n", "YAML syntax error", 3),
        ("tomkit: 1\nname:\n\tX\n", "YAML syntax error: tab character where YAML expects spaces", 3),
        ("a: b: c\n", "YAML syntax error: mapping values are not allowed here", 1),
        ("---\na: 1\n---\nb: 2\n", "YAML syntax error", 3),
        ("tomkit: 1\nname: ok\x07\n", "not a text file: control character #x0007 is not allowed", 2),
    ],
)
def test_broken_text_gives_one_clear_problem(text: str, message: str, line: int) -> None:
    result = reads(text, source="t.yaml")
    assert result.tom is None
    [problem] = result.problems
    assert problem.message.startswith(message)
    assert problem.line == line
    assert problem.source == "t.yaml"


def test_duplicate_keys_name_both_lines_and_validation_carries_on() -> None:
    text = "tomkit: 1\nname: X\nsponsor: boss\nname: Y\nreview:\n  next: 2027-01-01\n  next: 2027-02-01\n"
    result = reads(text)
    assert [(p.line, p.column, p.code, p.message) for p in result.problems] == [
        (3, 10, "unknown-reference", "unknown person 'boss'"),
        (4, 1, "duplicate-key", "duplicate key 'name' (lines 2 and 4)"),
        (7, 3, "duplicate-key", "duplicate key 'next' (lines 6 and 7)"),
    ]
    assert result.tom is not None
    assert result.tom.name == "X"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = read(tmp_path / "nope.yaml")
    assert [(p.message, p.line, p.source) for p in missing.problems] == [
        ("no such file", None, str(tmp_path / "nope.yaml"))
    ]
    assert describe_problem(missing.problems[0]) == f"{tmp_path / 'nope.yaml'}: no such file"
    directory = read(tmp_path)
    assert directory.problems[0].message == "is a directory, not a TOM file"


def test_binary_and_wrong_encodings(tmp_path: Path) -> None:
    binary = tmp_path / "junk.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert read(binary).problems[0].message == "binary file, not a TOM file"
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("tomkit: 1\nname: Caf\u00e9\n".encode("latin-1"))
    [problem] = read(latin).problems
    assert (problem.message, problem.line, problem.column) == (
        "not UTF-8 text: byte 0xe9 cannot be decoded",
        2,
        10,
    )
    utf16 = tmp_path / "wide.yaml"
    utf16.write_bytes(codecs.BOM_UTF16_LE + "tomkit: 1\n".encode("utf-16-le"))
    assert read(utf16).problems[0].message == "the file is UTF-16 or UTF-32 encoded"
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(codecs.BOM_UTF8 + VALID.encode())
    assert read(bom).ok


def test_json_files_are_located_too(tmp_path: Path) -> None:
    path = tmp_path / "tom.json"
    path.write_text('{\n  "tomkit": 1,\n  "name": "J",\n  "sponsor": "cio"\n}\n')
    [problem] = read(path).problems
    assert (problem.line, problem.column, problem.message) == (4, 14, "unknown person 'cio'")
    path.write_text('{\n  "tomkit": 1,\n  "name": "J",\n}\n')
    [syntax] = read(path).problems
    assert (syntax.line, syntax.column, syntax.code) == (4, 1, "json-syntax")
    assert syntax.message.startswith("JSON syntax error: ")


def test_json_with_tabs_reads(tmp_path: Path) -> None:
    path = tmp_path / "tabs.json"
    path.write_text('{\n\t"tomkit": 1,\n\t"name": "Tabbed"\n}\n')
    assert isinstance(load(path), Tom)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_absurdly_deep_nesting_is_a_problem_not_a_crash(fmt: str) -> None:
    text = '{"a":' * 3000 + "1" + "}" * 3000
    [problem] = reads(text, "json" if fmt == "json" else "yaml").problems
    assert problem.message == "the document is nested too deeply to read"


def test_special_and_oversized_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert read(fifo).problems[0].message == "not a regular file"
    big = tmp_path / "big.yaml"
    big.write_text("tomkit: 1\nname: X\n")
    monkeypatch.setattr("tomkit.formats.reader.MAX_BYTES", 10)
    assert read(big).problems[0].message.startswith("the file is larger than")


def test_other_tagged_unions_are_located_and_suggest_the_tag() -> None:
    text = (
        "tomkit: 1\nname: X\nscenarios:\n  - id: s1\n    name: S\n    base: now\n    overrides:\n"
        "      - {op: scale-volume, channel: phone, factor: lots}\n"
        "      - {op: sett-team}\n"
    )
    problems = {p.where: (p.line, p.column, p.message) for p in reads(text).problems}
    assert problems["scenarios[0].overrides[0].factor"] == (8, 52, "expected a number, got 'lots'")
    assert problems["scenarios[0].overrides[1].op"] == (
        9,
        14,
        "unknown op 'sett-team' (did you mean 'set-team'?)",
    )


def test_references_to_a_dropped_item_are_not_reported_twice() -> None:
    text = (
        "tomkit: 1\nname: X\nstates:\n  s:\n    elements:\n"
        "      - {id: t, kind: tool, name: T, annual_cost: -5}\n"
        "      - {id: t2, kind: tool, name: 12}\n"
        "    relations:\n      - {from: t, type: depends-on, to: t2}\n      - {from: t, type: depends-on, to: t3}\n"
    )
    assert [(p.where, p.message) for p in reads(text).problems] == [
        ("states.s.elements[0].annual_cost", "-5 is out of range: must be at least 0"),
        ("states.s.elements[1].name", "expected text, got 12"),
        ("states.s.relations[1].to", "unknown element 't3' in this state (did you mean 't'?)"),
    ]


def test_meaning_is_still_checked_when_the_name_is_missing() -> None:
    result = reads("tomkit: 1\nsponsor: bob\n")
    assert result.tom is None
    assert [(p.where, p.line, p.column) for p in result.problems] == [("name", 1, 1), ("sponsor", 2, 10)]
