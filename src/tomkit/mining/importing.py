"""One entry point for every event-log format: CSV (with a mapping), XES, or a Parquet dataset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from tomkit.mining.csvlog import read_csv_log
from tomkit.mining.errors import MiningError
from tomkit.mining.mapping import ColumnMapping
from tomkit.mining.progress import Progress, no_progress
from tomkit.mining.table import EventLog
from tomkit.mining.xes import read_xes_log

LogFormat = Literal["csv", "xes", "parquet"]


def detect_log_format(path: str | Path) -> LogFormat:
    """By file name: .xes / .xes.gz, .parquet, anything else is read as CSV (also .csv.gz, .zip)."""
    name = Path(path).name.lower()
    if name.endswith((".xes", ".xes.gz")):
        return "xes"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    return "csv"


def read_log(
    path: str | Path,
    *,
    mapping: ColumnMapping | None = None,
    preset: str | None = None,
    classifier: str | None = None,
    progress: Progress = no_progress,
) -> EventLog:
    """Read any supported event log into the normalised, sorted event table."""
    path = Path(path)
    if not path.exists():
        raise MiningError("no such file", source=str(path))
    kind = detect_log_format(path)
    if kind == "xes":
        return read_xes_log(path, classifier=classifier, progress=progress)
    if kind == "parquet":
        progress(0, 1)
        log = EventLog.read_parquet(path)
        progress(1, 1)
        return log
    return read_csv_log(path, mapping=mapping, preset=preset, progress=progress)


def import_dataset(
    path: str | Path,
    target: str | Path,
    *,
    mapping: ColumnMapping | None = None,
    preset: str | None = None,
    classifier: str | None = None,
    progress: Progress = no_progress,
) -> tuple[EventLog, Path]:
    """Read a log and store it as a Parquet dataset (the normalised table), recording where it came from."""
    log = read_log(path, mapping=mapping, preset=preset, classifier=classifier, progress=progress)
    log.meta.setdefault("source", Path(path).name)
    log.meta["imported_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    log.meta["events"] = log.n_events
    log.meta["cases"] = log.n_cases
    target = Path(target)
    if target.suffix.lower() != ".parquet":
        target = target / (Path(path).name.split(".")[0] + ".parquet")
    return log, log.write_parquet(target)
