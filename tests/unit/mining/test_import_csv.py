"""CSV import: presets, detection, time zones, source order on ties, and errors that name the place."""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tomkit.mining.csvlog import preview_csv, read_csv_log
from tomkit.mining.errors import MiningError
from tomkit.mining.importing import import_dataset, read_log
from tomkit.mining.mapping import ColumnMapping
from tomkit.mining.table import EventLog

DATA = Path(__file__).resolve().parents[2] / "data" / "mining"

UTC = dt.UTC


def rows(log: EventLog) -> list[tuple[str, str, dt.datetime]]:
    return [(r["case_id"], r["activity"], r["timestamp"]) for r in log.table.to_pylist()]


def test_servicenow_preset_is_detected_and_maps_attributes() -> None:
    preview = preview_csv(DATA / "servicenow.csv", rows=3)
    assert preview.mapping is not None
    assert preview.mapping.preset == "servicenow"
    assert preview.mapping.case == "number"
    assert preview.mapping.activity == ("incident_state",)
    assert preview.mapping.timestamp == "sys_updated_at"
    assert preview.mapping.timestamp_format == "%d/%m/%Y %H:%M"
    assert preview.mapping.attributes["channel"] == "contact_type"
    assert [r["activity"] for r in preview.sample] == ["New", "Active", "Resolved"]
    assert preview.sample[2]["timestamp"] == dt.datetime(2016, 3, 1, 11, 0, tzinfo=UTC)


def test_servicenow_values_are_typed_and_question_marks_are_blank(servicenow: EventLog) -> None:
    first = servicenow.table.slice(0, 1).to_pylist()[0]
    assert first["made_sla"] is True
    assert first["reassignment_count"] == 0
    assert first["opened_at"] == dt.datetime(2016, 3, 1, 9, 0, tzinfo=UTC)
    groups = servicenow.table["resource"].to_pylist()
    assert None in groups  # "?" became a blank
    assert servicenow.n_events == 17
    assert servicenow.n_cases == 4


def test_equal_timestamps_keep_file_order(servicenow: EventLog) -> None:
    inc1 = [a for c, a, _ in rows(servicenow) if c == "INC0000001"]
    assert inc1 == ["New", "Active", "Resolved", "Closed"]  # New and Active share 09:05


def test_events_are_sorted_by_time_within_a_case() -> None:
    log = read_log(DATA / "generic.csv")
    a = [(act, ts) for c, act, ts in rows(log) if c == "A"]
    # offsets differ per row: in UTC "Close" (03:00+02:00 = 01:00Z) comes before "Approve" (01:30Z)
    assert a == [
        ("Register", dt.datetime(2024, 3, 30, 22, 30, tzinfo=UTC)),
        ("Close", dt.datetime(2024, 3, 31, 1, 0, tzinfo=UTC)),
        ("Approve", dt.datetime(2024, 3, 31, 1, 30, tzinfo=UTC)),
    ]
    assert log.meta["preset"] == "generic"
    assert "channel" in log.columns


def test_naive_timestamps_are_read_in_the_given_zone() -> None:
    header = ("case", "activity", "time")
    mapping = ColumnMapping(case="case", activity=("activity",), timestamp="time", timezone="Europe/London")
    mapping.check_against(header)
    log = read_csv_log(DATA / "naive_london.csv", mapping=mapping)
    stamps = log.table["timestamp"].to_pylist()
    # 00:30 on 31 March 2024 is still GMT; 1 July is BST (UTC+1)
    assert stamps == [dt.datetime(2024, 3, 31, 0, 30, tzinfo=UTC), dt.datetime(2024, 7, 1, 11, 0, tzinfo=UTC)]


def test_jira_preset_reads_its_date_format() -> None:
    log = read_log(DATA / "jira.csv")
    assert log.meta["preset"] == "jira"
    assert log.table["timestamp"].to_pylist()[2] == dt.datetime(2024, 3, 12, 13, 15, tzinfo=UTC)
    assert log.table["request_type"].to_pylist()[0] == "Get IT help"
    assert log.table["group"].to_pylist()[-1] == "Access"


def test_activity_from_two_columns() -> None:
    header = ("Issue key", "Issue Type", "To Status", "Changed")
    mapping = ColumnMapping(
        case="Issue key",
        activity=("Issue Type", "To Status"),
        timestamp="Changed",
        timestamp_format="%d/%b/%y %I:%M %p",
    )
    mapping.check_against(header)
    log = read_csv_log(DATA / "jira.csv", mapping=mapping)
    assert log.table["activity"].to_pylist()[0] == "Incident-Open"


def test_compressed_and_zipped_csv(tmp_path: Path) -> None:
    gz = tmp_path / "log.csv.gz"
    gz.write_bytes(gzip.compress((DATA / "servicenow.csv").read_bytes()))
    zipped = tmp_path / "log.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(DATA / "servicenow.csv", "export/servicenow.csv")
    for path in (gz, zipped):
        log = read_log(path)
        assert (log.n_events, log.n_cases) == (17, 4)


def test_bad_timestamp_names_row_line_and_column() -> None:
    with pytest.raises(MiningError) as info:
        read_log(DATA / "bad_timestamp.csv")
    error = info.value
    assert (error.row, error.line, error.column) == (3, 4, "timestamp")
    assert "2024-13-45 10:00:00" in str(error)


def test_missing_case_id_names_the_row() -> None:
    with pytest.raises(MiningError, match=r"row 2, line 3, column 'case_id': no case id"):
        read_log(DATA / "missing_case.csv")


def test_unknown_columns_and_empty_files_are_clear_errors(tmp_path: Path) -> None:
    mapping = ColumnMapping(case="ticket", activity=("step",), timestamp="when")
    with pytest.raises(MiningError, match=r"'ticket'.*not in the file"):
        read_csv_log(DATA / "servicenow.csv", mapping=mapping)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(MiningError, match="empty"):
        read_log(empty)
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n")
    with pytest.raises(MiningError, match="no case, activity and timestamp"):
        read_log(odd)
    with pytest.raises(MiningError, match="no such file"):
        read_log(tmp_path / "nothing.csv")


def test_unknown_preset_lists_the_presets() -> None:
    with pytest.raises(MiningError, match="presets: servicenow, jira, generic"):
        read_log(DATA / "servicenow.csv", preset="remedy")


def test_import_writes_a_parquet_dataset_that_reads_back_identically(tmp_path: Path) -> None:
    src = tmp_path / "sn.csv"
    shutil.copy(DATA / "servicenow.csv", src)
    log, path = import_dataset(src, tmp_path / "out" / "incidents.parquet")
    assert path.exists()
    again = read_log(path)
    assert again.table.equals(log.table)
    assert again.meta["preset"] == "servicenow"
    assert again.meta["cases"] == 4
    assert again.case_ids == log.case_ids


def test_progress_reaches_the_total() -> None:
    seen: list[tuple[int, int]] = []
    read_log(DATA / "servicenow.csv", progress=lambda done, total: seen.append((done, total)))
    assert seen[0][0] == 0
    assert seen[-1][0] == seen[-1][1] == (DATA / "servicenow.csv").stat().st_size


def test_a_ragged_row_is_located() -> None:
    with pytest.raises(MiningError) as info:
        read_log(DATA / "ragged.csv")
    assert (info.value.row, info.value.line) == (2, 3)
    assert "Expected 3 columns, got 2" in str(info.value)


def test_the_fast_reader_and_the_text_path_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    from tomkit.mining import csvlog

    fast = read_log(DATA / "servicenow.csv")
    monkeypatch.setattr(csvlog, "_reader_types", lambda mapping, sample: None)
    text = read_log(DATA / "servicenow.csv")
    assert fast.table.to_pylist() == text.table.to_pylist()


NOTE = "first line, with a comma\n" + "another line\n" * 150 + "last line"


def _multiline_csv(path: Path, rows_before: int) -> Path:
    """A generic CSV whose values span lines only after the sniffed head of the file; they are many and
    long (2 KB), so some read blocks must end inside one of them."""
    lines = ["case,activity,timestamp,note"]
    for i in range(rows_before):
        lines.append(f"c{i // 3},step {i % 3},2024-01-01 10:{i % 60:02d}:00,plain")
    for i in range(40):
        lines.append(f'm{i},close,2024-01-02 09:00:00,"{NOTE}"')
        lines.append(f"m{i},reopen,2024-01-02 10:00:00,plain")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_values_spanning_lines_past_the_sniffed_head_are_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tomkit.mining import csvlog

    monkeypatch.setattr(csvlog, "BLOCK_SIZE", 4096)
    path = _multiline_csv(tmp_path / "multi.csv", rows_before=12000)
    mapping = ColumnMapping(
        case="case", activity=("activity",), timestamp="timestamp", attributes={"note": "note"}
    )
    log = read_csv_log(path, mapping=mapping)
    assert log.n_events == 12080
    assert log.n_cases == 4040
    notes = [r["note"] for r in log.table.to_pylist() if r["case_id"].startswith("m")]
    assert notes == [NOTE, "plain"] * 40


def test_block_reads_without_multiline_values_are_tried_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tomkit.mining import csvlog

    modes: list[bool] = []
    real = csvlog._read_blocks

    def spy(*args: Any, **kwargs: Any) -> Any:
        modes.append(kwargs["newlines_in_values"])
        return real(*args, **kwargs)

    monkeypatch.setattr(csvlog, "_read_blocks", spy)
    monkeypatch.setattr(csvlog, "BLOCK_SIZE", 4096)
    read_log(DATA / "servicenow.csv")
    assert modes == [False]
    modes.clear()
    mapping = ColumnMapping(case="case", activity=("activity",), timestamp="timestamp")
    read_csv_log(_multiline_csv(tmp_path / "multi.csv", rows_before=12000), mapping=mapping)
    assert modes == [False, True]
