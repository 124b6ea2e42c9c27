"""Timestamps in any common format and time zone, normalised to UTC microseconds.

Parsing is vectorised (Arrow kernels); a value that does not parse is reported by its position so the
importer can name the row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from tomkit.mining.errors import MiningError

ISO = "ISO8601"
EPOCH_SECONDS = "epoch_s"
EPOCH_MILLIS = "epoch_ms"
UTC_TYPE = pa.timestamp("us", tz="UTC")

# Tried in this order by `detect_format`; day-first before month-first (the preview shows the choice).
CANDIDATES: tuple[str, ...] = (
    ISO,
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%d/%b/%y %I:%M %p",
    "%d/%b/%Y %I:%M %p",
    "%d %b %Y %H:%M:%S",
    "%d %b %Y %H:%M",
    "%d/%m/%Y",
    "%m/%d/%Y",
    EPOCH_MILLIS,
    EPOCH_SECONDS,
)


@dataclass(frozen=True)
class FormatGuess:
    """What `detect_format` found: the format, and the others that also fit (an ambiguity to confirm)."""

    format: str | None
    alternatives: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)


def _to_utc(naive: pa.Array, tz: str) -> pa.Array:
    if tz.upper() == "UTC":
        return naive.cast(UTC_TYPE)
    try:
        local = pc.assume_timezone(naive, timezone=tz, ambiguous="earliest", nonexistent="earliest")
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise MiningError(f"unknown time zone {tz!r}", hint="use an IANA name such as Europe/London") from exc
    return local.cast(UTC_TYPE)


def _parse_iso(values: pa.Array, tz: str) -> pa.Array:
    """ISO 8601 with or without an offset; values without one are read in `tz`."""
    has_offset = pc.match_substring_regex(values, r"(Z|[+-]\d\d:?\d\d)$")
    with_offset = pc.fill_null(has_offset, False)
    if pc.all(pc.or_(with_offset, pc.is_null(values))).as_py():
        return _safe_cast(values, UTC_TYPE)
    if not pc.any(with_offset).as_py():
        return _to_utc(_safe_cast(values, pa.timestamp("us")), tz)
    aware = _safe_cast(pc.if_else(with_offset, values, None), UTC_TYPE)
    naive = _to_utc(_safe_cast(pc.if_else(with_offset, None, values), pa.timestamp("us")), tz)
    return pc.coalesce(aware, naive)


def _safe_cast(values: pa.Array, target: pa.DataType) -> pa.Array:
    """Cast element-wise, null where a value does not parse (Arrow's cast fails the whole array)."""
    try:
        return values.cast(target)
    except pa.ArrowInvalid:
        out = []
        for value in values.to_pylist():
            try:
                out.append(pa.scalar(value, pa.string()).cast(target).as_py() if value is not None else None)
            except pa.ArrowInvalid:
                out.append(None)
        return pa.array(out, target)


def parse_timestamps(values: pa.Array, fmt: str, tz: str = "UTC") -> tuple[pa.Array, int | None]:
    """Parse strings to UTC timestamps; also returns the index of the first value that failed, if any.

    `fmt` is ISO8601, epoch_s, epoch_ms or a strptime pattern; naive values are read in `tz`.
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if pa.types.is_timestamp(values.type):
        parsed = values if values.type.tz else _to_utc(values.cast(pa.timestamp("us")), tz)
        return parsed.cast(UTC_TYPE), None
    if pa.types.is_date(values.type):
        return _to_utc(values.cast(pa.timestamp("us")), tz), None
    if not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type):
        values = values.cast(pa.string())
    if fmt == ISO:
        fast = _try_cast(values, UTC_TYPE if tz.upper() == "UTC" else None)
        if fast is not None:
            return fast, None
    values = pc.utf8_trim_whitespace(values)
    values = pc.if_else(pc.equal(values, ""), None, values)
    if fmt == ISO:
        parsed = _parse_iso(values, tz)
    elif fmt in (EPOCH_SECONDS, EPOCH_MILLIS):
        numbers = _safe_cast(values, pa.float64())
        scale = 1_000_000 if fmt == EPOCH_SECONDS else 1_000
        micros = pc.cast(pc.round(pc.multiply(numbers, scale)), pa.int64(), safe=False)
        parsed = pc.cast(micros, UTC_TYPE)
        parsed = pc.if_else(pc.is_null(numbers), None, parsed)
    else:
        naive = pc.strptime(values, format=fmt, unit="us", error_is_null=True)
        parsed = naive if "%z" in fmt else _to_utc(naive, tz)
        if "%z" in fmt:
            parsed = parsed.cast(UTC_TYPE)
    failed = pc.and_(pc.is_null(parsed), pc.is_valid(values))
    bad = pc.index(failed, True).as_py()
    return parsed, (bad if bad >= 0 else None)


_OFFSET = re.compile(r"(Z|[+-]\d\d:?\d\d)$")


def _try_cast(values: pa.Array, aware: pa.DataType | None) -> pa.Array | None:
    """The fast path for clean ISO 8601 columns: one Arrow cast, with offsets or naive-as-UTC.

    The first value decides which cast to try (a failing cast is slow in Arrow, so guess right)."""
    first = values.drop_null()[:1].to_pylist()
    if not first:
        return None
    with_offset = bool(_OFFSET.search(str(first[0]).strip()))
    if not with_offset and aware is None:
        return None
    try:
        return values.cast(UTC_TYPE) if with_offset else values.cast(pa.timestamp("us")).cast(UTC_TYPE)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def detect_format(sample: Sequence[str | None]) -> FormatGuess:
    """The first candidate format that reads every non-empty sample value."""
    values = pa.array([v for v in sample if v is not None and v.strip()], pa.string())
    if len(values) == 0:
        return FormatGuess(None)
    numeric = _numeric(values)

    def score(fmt: str) -> int:
        if fmt.startswith("epoch") and not numeric:
            return 0
        try:
            parsed, _ = parse_timestamps(values, fmt)
        except MiningError:
            return 0
        return int(len(values) - parsed.null_count)

    # the first format that reads every value wins; all are scored only when none does
    first = next((fmt for fmt in CANDIDATES if score(fmt) == len(values)), None)
    if first is None:
        scored = [(score(fmt), fmt) for fmt in CANDIDATES]
        best = max(s for s, _ in scored)
        # a few bad values must not hide the format: the import then names the row that is wrong
        if best == 0 or best < 0.5 * len(values):
            return FormatGuess(None)
        first = next(fmt for s, fmt in scored if s == best)
        full = best
    else:
        full = len(values)
    if first.startswith("epoch"):
        biggest = pc.max(_safe_cast(values, pa.float64())).as_py() or 0
        return FormatGuess(EPOCH_MILLIS if biggest >= 1e11 else EPOCH_SECONDS)
    # Only day/month swaps are real ambiguities; ISO never is.
    swapped = first.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
    later = CANDIDATES[CANDIDATES.index(first) + 1 :]
    alternatives = (swapped,) if swapped != first and swapped in later and score(swapped) == full else ()
    return FormatGuess(first, alternatives)


def _numeric(values: pa.Array) -> bool:
    return bool(pc.all(pc.match_substring_regex(values, r"^\d+(\.\d+)?$")).as_py())
