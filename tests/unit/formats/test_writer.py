"""Writing TOM files: canonical text for new files, and edits that keep a hand-written file's comments."""

from __future__ import annotations

import json
from pathlib import Path

from tomkit.formats import dumps, load, loads, save
from tomkit.model import Person, Relation, Team

HAND_WRITTEN = """\
# Our operating model. Edited by hand: keep this comment.
tomkit: 1
name: Service desk   # the working title
organisation: Acme
people:
  # the directory
  - {id: cio, name: Dana Whitfield}
  - id: sd-lead
    name: Rui Matos   # joined in May
review:
  next: 2027-03-31
states:
  as-is:
    elements:
      - id: desk   # the first line of support
        kind: team
        name: Service Desk
        fte: 18.0
      - {id: remedy, kind: tool, name: Remedy 9}
    relations:
      - {from: desk, type: uses, to: remedy}   # for everything
"""


def test_unchanged_document_is_written_back_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_text(HAND_WRITTEN)
    save(load(path), path)
    assert path.read_text() == HAND_WRITTEN


def test_edits_keep_comments_and_key_order(tmp_path: Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_text(HAND_WRITTEN)
    tom = load(path)
    tom.organisation = "Acme Ltd"
    tom.description = "Digital first"
    tom.people.insert(1, Person(id="new", name="New Person"))
    desk = tom.states["as-is"].elements[0]
    assert isinstance(desk, Team)
    desk.fte = 20.0
    tom.states["as-is"].elements.append(Team(id="l2", name="Second line"))
    del tom.states["as-is"].elements[1]  # remedy
    tom.states["as-is"].relations = [
        Relation.model_validate({"from": "l2", "type": "escalates-to", "to": "desk"})
    ]
    save(tom, path)
    assert (
        path.read_text()
        == """\
# Our operating model. Edited by hand: keep this comment.
tomkit: 1
name: Service desk   # the working title
organisation: Acme Ltd
people:
  # the directory
  - {id: cio, name: Dana Whitfield}
  - id: new
    name: New Person
  - id: sd-lead
    name: Rui Matos   # joined in May
review:
  next: 2027-03-31
states:
  as-is:
    elements:
      - id: desk   # the first line of support
        kind: team
        name: Service Desk
        fte: 20
      - kind: team
        id: l2
        name: Second line
    relations:
      - {from: l2, type: escalates-to, to: desk}
description: Digital first
"""
    )
    assert load(path) == tom


def test_matching_by_id_keeps_each_items_comment_when_items_move(tmp_path: Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_text(HAND_WRITTEN)
    tom = load(path)
    tom.people.reverse()
    save(tom, path)
    text = path.read_text()
    assert text.index("id: sd-lead") < text.index("{id: cio, name: Dana Whitfield}")
    assert "    name: Rui Matos   # joined in May\n" in text
    assert load(path) == tom


def test_new_file_is_canonical_yaml(tmp_path: Path) -> None:
    tom = loads(HAND_WRITTEN)
    path = tmp_path / "fresh.yaml"
    save(tom, path)
    text = path.read_text()
    assert text == dumps(tom)
    assert text.startswith("tomkit: 1\nname: Service desk\norganisation: Acme\n")
    assert "  next: 2027-03-31\n" in text  # dates are written plainly, not quoted
    assert "      - kind: team\n        id: desk\n" in text
    assert loads(text) == tom


def test_json_is_written_for_json_files(tmp_path: Path) -> None:
    tom = loads(HAND_WRITTEN)
    path = tmp_path / "tom.json"
    save(tom, path)
    data = json.loads(path.read_text())
    assert data == tom.to_data()
    assert list(data)[:2] == ["tomkit", "name"]
    assert load(path) == tom
    assert dumps(tom, "json") == path.read_text()


def test_text_that_looks_like_other_types_stays_text() -> None:
    tom = loads("tomkit: 1\nname: X\n")
    for tricky in ("2027-01-01", "true", "null", "12", "1e3", "- dash", "a: b", "#hash", "  padded  ", "ünï"):
        tom.description = tricky
        assert loads(dumps(tom)).description == tricky


def test_a_broken_existing_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_text("name: [broken\n")
    tom = loads(HAND_WRITTEN)
    save(tom, path)
    assert load(path) == tom
    assert [p.name for p in tmp_path.iterdir()] == ["tom.yaml"]  # no temporary files left behind


def test_states_are_written_in_the_documents_order(tmp_path: Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_text("tomkit: 1\nname: X\nstates:\n  as-is: {}  # today\n  to-be: {}  # the target\n")
    tom = load(path)
    tom.states = {"as-is": tom.states["as-is"], "wave-1": tom.states["as-is"], "to-be": tom.states["to-be"]}
    tom.states["wave-1"] = tom.states["wave-1"].model_copy(update={"label": "Wave 1"})
    save(tom, path)
    again = load(path)
    assert list(again.states) == ["as-is", "wave-1", "to-be"]
    assert "# the target" in path.read_text()


def test_defaults_the_file_spells_out_stay(tmp_path: Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_text(
        "tomkit: 1\nname: X\nreview: {cadence: quarterly}\n"
        "kpis:\n  - {id: k, name: K, direction: higher, unit: '%'}\n"
    )
    tom = load(path)
    tom.kpis[0].name = "Renamed"
    save(tom, path)
    assert path.read_text() == (
        "tomkit: 1\nname: X\nreview: {cadence: quarterly}\n"
        "kpis:\n  - {id: k, name: Renamed, direction: higher, unit: '%'}\n"
    )
    tom.kpis[0].direction = "lower"
    tom.review.cadence = "monthly"
    save(tom, path)
    assert load(path) == tom


def test_the_files_own_indentation_and_wrapped_flow_lines_are_kept(tmp_path: Path) -> None:
    original = """\
tomkit: 1
name: X
people:
- {id: a, name: Ann,
   title: Head of a very long department name}
- id: b
  name: Bo
states:
    as-is:
        elements:
        - {id: desk, kind: team, name: Desk,
           fte: 3}
"""
    path = tmp_path / "tom.yaml"
    path.write_text(original)
    tom = load(path)
    tom.people[1].name = "Bob"
    save(tom, path)
    assert path.read_text() == original.replace("name: Bo\n", "name: Bob\n")
    desk = tom.states["as-is"].elements[0]
    assert isinstance(desk, Team)
    desk.fte = 4.0
    save(tom, path)
    assert "- {id: desk, kind: team, name: Desk, fte: 4}\n" in path.read_text()
    assert "- {id: a, name: Ann,\n   title: Head of a very long department name}\n" in path.read_text()
    assert load(path) == tom


def test_long_text_wrapped_over_lines_stays_wrapped(tmp_path: Path) -> None:
    original = (
        'tomkit: 1\nname: X\ndescription: "A long description that the author wrapped\n'
        '  over two lines by hand."\norganisation: Acme   # short\n'
    )
    path = tmp_path / "tom.yaml"
    path.write_text(original)
    tom = load(path)
    assert tom.description == "A long description that the author wrapped over two lines by hand."
    tom.organisation = "Acme Ltd"
    save(tom, path)
    assert path.read_text() == original.replace("Acme   # short", "Acme Ltd # short")


def test_windows_line_endings_stay(tmp_path: Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_bytes(b"# from Windows\r\ntomkit: 1\r\nname: X\r\n")
    tom = load(path)
    tom.organisation = "Acme"
    save(tom, path)
    assert path.read_bytes() == b"# from Windows\r\ntomkit: 1\r\nname: X\r\norganisation: Acme\r\n"
