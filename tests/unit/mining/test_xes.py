"""XES import: classifiers, types, gzip, and safety against entity tricks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tomkit.mining.errors import MiningError
from tomkit.mining.importing import read_log
from tomkit.mining.xes import Classifier, read_classifiers

DATA = Path(__file__).resolve().parents[2] / "data" / "mining"

UTC = dt.UTC


def test_declared_classifiers_are_read() -> None:
    assert read_classifiers(DATA / "tiny.xes") == [
        Classifier("Activity classifier", ("concept:name", "lifecycle:transition")),
        Classifier("Team classifier", ("concept:name", "org:group")),
    ]


def test_first_classifier_is_the_default_and_events_are_sorted_in_utc() -> None:
    log = read_log(DATA / "tiny.xes")
    table = log.table.to_pylist()
    assert [r["activity"] for r in table] == [
        "Queued-Awaiting Assignment",
        "Accepted-In Progress",
        "Completed-Closed",
        "Queued-Awaiting Assignment",
        "Completed-Closed",
    ]
    assert table[0]["timestamp"] == dt.datetime(2012, 5, 1, 8, 0, tzinfo=UTC)
    assert table[1]["timestamp"] == dt.datetime(2012, 5, 1, 9, 30, 0, 500000, tzinfo=UTC)
    assert [r["resource"] for r in table] == ["Ann", "Bob", "Bob", None, None]
    assert [r["case:channel"] for r in table] == ["phone", "phone", "phone", None, None]
    assert table[0]["step"] == 1
    assert table[1]["step"] is None
    assert log.meta["classifier"] == "concept:name + lifecycle:transition"


def test_the_user_chooses_another_classifier_or_the_plain_name() -> None:
    team = read_log(DATA / "tiny.xes", classifier="Team classifier")
    assert team.table["activity"].to_pylist()[0] == "Queued-L1"
    plain = read_log(DATA / "tiny.xes", classifier="concept:name")
    assert plain.table["activity"].to_pylist()[:2] == ["Queued", "Accepted"]
    with pytest.raises(
        MiningError, match="choose one of: concept:name, Activity classifier, Team classifier"
    ):
        read_log(DATA / "tiny.xes", classifier="Nope")


def test_gzip_is_read_the_same() -> None:
    assert read_log(DATA / "tiny.xes.gz").table.equals(read_log(DATA / "tiny.xes").table)


def test_equal_timestamps_keep_file_order() -> None:
    log = read_log(DATA / "tiny.xes")
    c2 = [r["activity"] for r in log.table.to_pylist() if r["case_id"] == "c2"]
    assert c2 == ["Queued-Awaiting Assignment", "Completed-Closed"]


def test_external_entities_are_never_resolved() -> None:
    with pytest.raises(MiningError) as info:
        read_log(DATA / "entities.xes")
    assert info.value.line == 12
    assert "entity" in str(info.value)


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(MiningError, match=r"line 7: not well-formed XML"):
        read_log(DATA / "broken.xes")
