"""CSV event logs: sniff the dialect, map the columns, stream the rows into the normalised table.

Files are read in blocks by Arrow's multi-threaded CSV reader (plain, .gz or a .zip holding one CSV), so
memory stays bounded by the encoded columns rather than the text; a progress callback gets bytes read.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from tomkit.mining.errors import MiningError
from tomkit.mining.mapping import ColumnMapping, detect_preset, mapping_for
from tomkit.mining.progress import Progress, no_progress
from tomkit.mining.table import ACTIVITY, CASE, GROUP, RESOURCE, SRC_ORDER, TIMESTAMP, EventLog
from tomkit.mining.timestamps import ISO, FormatGuess, detect_format, parse_timestamps

BLOCK_SIZE = 16 << 20
SNIFF_BYTES = 256 << 10


class _Counting(io.RawIOBase):
    """A read-only stream that counts the bytes handed out (for progress on compressed input)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


@contextmanager
def open_text_source(path: Path) -> Iterator[tuple[Any, int, _Counting]]:
    """The raw bytes of a CSV (plain, gzip, or the single CSV in a zip), its size, and a byte counter."""
    if not path.exists():
        raise MiningError("no such file", source=str(path))
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        members = [m for m in archive.infolist() if m.filename.lower().endswith((".csv", ".txt", ".tsv"))]
        if len(members) != 1:
            names = ", ".join(m.filename for m in archive.infolist()) or "nothing"
            raise MiningError(f"the zip should hold one CSV file; it holds {names}", source=str(path))
        counter = _Counting(archive.open(members[0]))
        size = members[0].file_size
        with archive:
            yield counter, size, counter
        return
    size = path.stat().st_size
    with path.open("rb") as raw:
        head = raw.read(2)
        raw.seek(0)
        if head == b"\x1f\x8b":
            counter = _Counting(raw)
            yield gzip.GzipFile(fileobj=counter), size, counter
        else:
            counter = _Counting(raw)
            yield counter, size, counter


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    header: tuple[str, ...]
    encoding: str = "utf-8"


def _dedupe(names: list[str]) -> tuple[str, ...]:
    """Make header names unique ("category", "category_2"): some exports repeat a name."""
    seen: dict[str, int] = {}
    out = []
    for raw in names:
        name = raw.strip().lstrip("\ufeff") or "column"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return tuple(out)


def sniff(path: Path) -> tuple[CsvDialect, list[list[str]]]:
    """The delimiter and header of a CSV and its first rows (for detection and the preview)."""
    with open_text_source(path) as (stream, _size, _counter):
        head = stream.read(SNIFF_BYTES)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise MiningError("the file is not text (neither UTF-8 nor Windows-1252)", source=str(path))
    if len(head) == SNIFF_BYTES:
        text = text[: text.rfind("\n") + 1] or text
    if not text.strip():
        raise MiningError("the file is empty", source=str(path))
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = _dedupe(rows[0])
    return CsvDialect(delimiter, header, "utf-8" if encoding == "utf-8-sig" else encoding), rows[1:]


@dataclass(frozen=True)
class CsvPreview:
    """What the importer would do with a CSV: the detected mapping and a few normalised rows to confirm."""

    header: tuple[str, ...]
    mapping: ColumnMapping | None
    timestamp_guess: FormatGuess
    sample: list[dict[str, Any]]
    warnings: list[str]
    sample_values: list[str] = field(default_factory=list)
    """the first raw values of the timestamp column"""


def preview_csv(
    path: str | Path, mapping: ColumnMapping | None = None, preset: str | None = None, rows: int = 10
) -> CsvPreview:
    """Detect (or apply) a mapping and show the first rows as they would be imported."""
    path = Path(path)
    dialect, raw_rows = sniff(path)
    header = dialect.header
    if mapping is None:
        mapping = mapping_for(preset, header, str(path)) if preset else detect_preset(header)
    warnings: list[str] = []
    guess = FormatGuess(None)
    sample: list[dict[str, Any]] = []
    if mapping is None:
        warnings.append("no case, activity and timestamp columns recognised: map them by hand")
        return CsvPreview(header, None, guess, sample, warnings)
    mapping.check_against(header, str(path))
    ts_index = header.index(mapping.timestamp)
    values = [r[ts_index] for r in raw_rows[:2000] if len(r) > ts_index]
    values = [v for v in values if v not in mapping.null_values]
    guess = detect_format(values)
    if mapping.timestamp_format is None:
        if guess.format is None:
            warnings.append(
                f"the format of {mapping.timestamp!r} was not recognised: give it (strptime pattern)"
            )
        else:
            mapping = mapping.with_changes(timestamp_format=guess.format)
            if guess.ambiguous:
                warnings.append(
                    f"{mapping.timestamp!r} fits {guess.format!r} and {', '.join(guess.alternatives)!r}: "
                    "check the preview and confirm the day/month order"
                )
    if mapping.timestamp_format is not None:
        table = _rows_to_table(header, raw_rows[:rows])
        log = _normalise_batch(table, mapping, 0, str(path))
        sample = log.to_pylist()
    return CsvPreview(header, mapping, guess, sample, warnings, values)


def _rows_to_table(header: tuple[str, ...], rows: list[list[str]]) -> pa.Table:
    columns = {name: [r[i] if i < len(r) else None for r in rows] for i, name in enumerate(header)}
    return pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()})


_BOOL_TRUE = {"true", "t", "yes", "y", "1"}
_BOOL_FALSE = {"false", "f", "no", "n", "0"}


def _convert(
    values: pa.Array, kind: str, mapping: ColumnMapping, column: str, row0: int, source: str
) -> pa.Array:
    if kind == "string":
        return values
    if pa.types.is_dictionary(values.type):
        values = values.cast(pa.string())
    if kind == "timestamp":
        parsed, bad = parse_timestamps(values, mapping.timestamp_format or "ISO8601", mapping.timezone)
        if bad is not None:
            # an attribute timestamp in another format: keep the text rather than fail the import
            return values
        return parsed
    lowered = pc.utf8_lower(values)
    if kind == "bool":
        true = pc.is_in(lowered, pa.array(sorted(_BOOL_TRUE)))
        false = pc.is_in(lowered, pa.array(sorted(_BOOL_FALSE)))
        out = pc.if_else(true, True, pc.if_else(false, False, None))
        return out.cast(pa.bool_())
    target = pa.int64() if kind == "int" else pa.float64()
    try:
        return values.cast(target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        for i, value in enumerate(values.to_pylist()):
            try:
                pa.scalar(value, pa.string()).cast(target)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                raise MiningError(
                    f"{value!r} is not a number",
                    source=source,
                    row=row0 + i + 1,
                    line=row0 + i + 2,
                    column=column,
                ) from None
        raise


def _normalise_batch(
    batch: pa.Table | pa.RecordBatch, mapping: ColumnMapping, row0: int, source: str, nulls_done: bool = False
) -> pa.Table:
    """One block of source rows as normalised columns (row0 = index of the block's first data row);
    `nulls_done` when the CSV reader has already turned the null markers into nulls."""
    n = batch.num_rows

    def text(name: str) -> pa.Array:
        col = batch.column(name)
        if isinstance(col, pa.ChunkedArray):
            col = col.combine_chunks()
        if nulls_done or not mapping.null_values:
            return col
        return pc.if_else(pc.is_in(col, pa.array(list(mapping.null_values))), None, col)

    case = text(mapping.case)
    if case.null_count:
        i = pc.index(pc.is_null(case), True).as_py()
        raise MiningError(
            "no case id", source=source, row=row0 + i + 1, line=row0 + i + 2, column=mapping.case
        )
    parts = [text(c) for c in mapping.activity]
    activity = (
        parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, mapping.activity_separator)
    )
    if activity.null_count:
        i = pc.index(pc.is_null(activity), True).as_py()
        raise MiningError(
            "no activity",
            source=source,
            row=row0 + i + 1,
            line=row0 + i + 2,
            column=",".join(mapping.activity),
        )
    raw_ts = text(mapping.timestamp)
    ts, bad = parse_timestamps(raw_ts, mapping.timestamp_format or "ISO8601", mapping.timezone)
    if bad is not None or ts.null_count:
        i = bad if bad is not None else pc.index(pc.is_null(ts), True).as_py()
        value = raw_ts[i].as_py()
        what = f"cannot read {value!r} as a timestamp" if value is not None else "no timestamp"
        raise MiningError(
            what,
            source=source,
            row=row0 + i + 1,
            line=row0 + i + 2,
            column=mapping.timestamp,
            hint=f"format {mapping.timestamp_format}" if value is not None else None,
        )
    columns: dict[str, pa.Array] = {
        CASE: case,
        ACTIVITY: activity,
        TIMESTAMP: ts,
        RESOURCE: text(mapping.resource) if mapping.resource else pa.nulls(n, pa.string()),
        GROUP: text(mapping.group) if mapping.group else pa.nulls(n, pa.string()),
        SRC_ORDER: pa.array(np.arange(row0, row0 + n, dtype=np.int64)),
    }
    for name, source_column in mapping.attributes.items():
        kind = mapping.attribute_types.get(name, "string")
        columns[name] = _convert(text(source_column), kind, mapping, source_column, row0, source)
    return pa.table(columns)


def _encode_small(table: pa.Table) -> pa.Table:
    """Dictionary-encode the text columns of a block but the case id: each value is then held once per
    block instead of once per event. Case ids stay text: they are nearly all distinct within a block,
    and the event table encodes them faster from their runs."""
    for i, name in enumerate(table.column_names):
        col = table.column(i)
        if name != CASE and (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
            table = table.set_column(i, name, pc.dictionary_encode(col))
    return table


def _first_ragged_row(path: Path, dialect: CsvDialect) -> tuple[int | None, int | None]:
    """(data row, line) of the first row whose number of fields differs from the header's (on errors only)."""
    with open_text_source(path) as (stream, _size, _counter):
        text = io.TextIOWrapper(stream, encoding=dialect.encoding, errors="replace", newline="")
        reader = csv.reader(text, delimiter=dialect.delimiter)
        width = len(next(reader, []))
        for row_number, fields in enumerate(reader, start=1):
            if len(fields) != width:
                return row_number, reader.line_num
    return None, None


@contextmanager
def _native_or_counted(path: Path) -> Iterator[tuple[Any, int, Callable[[], int]]]:
    """A plain file is read natively by Arrow (no Python in the read loop); compressed ones through Python."""
    if not zipfile.is_zipfile(path) and path.open("rb").read(2) != b"\x1f\x8b":
        with pa.OSFile(str(path), "rb") as native:
            yield native, path.stat().st_size, native.tell
        return
    with open_text_source(path) as (stream, size, counter):
        yield stream, size, lambda: counter.count


def read_csv_log(
    path: str | Path,
    mapping: ColumnMapping | None = None,
    preset: str | None = None,
    progress: Progress = no_progress,
) -> EventLog:
    """Read a CSV event log into the normalised table (detecting the mapping when none is given)."""
    path = Path(path)
    source = str(path)
    info = preview_csv(path, mapping=mapping, preset=preset, rows=0)
    if info.mapping is None:
        raise MiningError(
            "no case, activity and timestamp columns recognised", source=source, hint="give a mapping"
        )
    mapping = info.mapping
    if mapping.timestamp_format is None:
        raise MiningError("timestamp format not recognised", source=source, column=mapping.timestamp)
    dialect, sample_rows = sniff(path)
    multiline = any("\n" in value or "\r" in value for row in sample_rows for value in row)
    meta = {"source": path.name, "format": "csv", "preset": mapping.preset, "mapping": _mapping_meta(mapping)}
    fast = _reader_types(mapping, info.sample_values)
    if fast is not None:
        try:
            table = _read_rows(path, dialect, mapping, fast, progress, multiline)
        except (MiningError, pa.ArrowInvalid):
            table = None  # a value the reader cannot convert: read again as text to say which row
        if table is not None:
            return EventLog.from_table(table, meta)
    try:
        table = _read_rows(path, dialect, mapping, _text_types(mapping), progress, multiline)
    except pa.ArrowInvalid as exc:
        row, line = _first_ragged_row(path, dialect)
        detail = str(exc).split(": ", 1)[-1] if "parse error" in str(exc) else str(exc)
        hint = f"the header has {len(dialect.header)} columns" if row is not None else None
        raise MiningError(
            f"the CSV cannot be read: {detail}", source=source, row=row, line=line, hint=hint
        ) from exc
    return EventLog.from_table(table, meta)


def _text_types(mapping: ColumnMapping) -> dict[str, pa.DataType]:
    return {c: pa.string() for c in mapping.source_columns()}


def _reader_types(mapping: ColumnMapping, sample: list[str]) -> dict[str, pa.DataType] | None:
    """Column types for Arrow's reader to convert in its own threads: text as dictionaries, and the
    timestamp itself when its format needs no zone handling the reader lacks; None when it cannot."""
    fmt = mapping.timestamp_format
    if fmt is None or fmt.startswith("epoch") or "%z" in fmt or any(_has_offset(v) for v in sample):
        return None
    types: dict[str, pa.DataType] = {}
    dictionary = pa.dictionary(pa.int32(), pa.string())
    typed = {mapping.attributes[k] for k, kind in mapping.attribute_types.items() if kind != "string"}
    for column in mapping.source_columns():
        text = column in typed or column == mapping.case or len(mapping.activity) > 1
        types[column] = pa.string() if text else dictionary
    types[mapping.timestamp] = pa.timestamp("us")
    return types


def _has_offset(value: str) -> bool:
    text = value.strip()
    return text.endswith("Z") or (len(text) > 6 and text[-6] in "+-" and text[-3] == ":")


def _read_rows(
    path: Path,
    dialect: CsvDialect,
    mapping: ColumnMapping,
    types: dict[str, pa.DataType],
    progress: Progress,
    multiline: bool,
) -> pa.Table:
    """Read assuming no value spans lines (Arrow then splits blocks at any newline, ~30 % faster), and
    read again allowing it when the reader finds a block boundary inside a quoted value."""
    if not multiline:
        try:
            return _read_blocks(path, dialect, mapping, types, progress, newlines_in_values=False)
        except pa.ArrowInvalid as exc:
            if not _structural(exc):
                raise
    return _read_blocks(path, dialect, mapping, types, progress, newlines_in_values=True)


def _structural(exc: pa.ArrowInvalid) -> bool:
    """An error about the rows' shape (which a value spanning lines causes), not about a value."""
    message = str(exc)
    return "out of sync" in message or "columns" in message


def _read_blocks(
    path: Path,
    dialect: CsvDialect,
    mapping: ColumnMapping,
    types: dict[str, pa.DataType],
    progress: Progress,
    newlines_in_values: bool,
) -> pa.Table:
    """Stream the file through Arrow's CSV reader in blocks, normalising and encoding each block."""
    source = str(path)
    wanted = mapping.source_columns()
    read = pacsv.ReadOptions(
        column_names=list(dialect.header), skip_rows=1, block_size=BLOCK_SIZE, encoding=dialect.encoding
    )
    parse = pacsv.ParseOptions(delimiter=dialect.delimiter, newlines_in_values=newlines_in_values)
    fmt = mapping.timestamp_format
    convert = pacsv.ConvertOptions(
        column_types=types,
        include_columns=wanted,
        null_values=list(mapping.null_values),
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
        timestamp_parsers=[pacsv.ISO8601 if fmt in (None, ISO) else fmt],
    )
    parts: list[pa.Table] = []
    row0 = 0
    with _native_or_counted(path) as (stream, size, position):
        reader = pacsv.open_csv(stream, read_options=read, parse_options=parse, convert_options=convert)
        progress(0, size)
        for batch in reader:
            parts.append(_encode_small(_normalise_batch(batch, mapping, row0, source, nulls_done=True)))
            row0 += batch.num_rows
            progress(min(position(), size), size)
    progress(size, size)
    if not parts:
        raise MiningError("the file has a header but no rows", source=source)
    table = pa.concat_tables(parts, promote_options="permissive")
    parts.clear()
    return table


def _mapping_meta(mapping: ColumnMapping) -> dict[str, Any]:
    return {
        "case": mapping.case,
        "activity": list(mapping.activity),
        "timestamp": mapping.timestamp,
        "timestamp_format": mapping.timestamp_format,
        "timezone": mapping.timezone,
        "resource": mapping.resource,
        "group": mapping.group,
        "attributes": dict(mapping.attributes),
    }
