"""XES event logs (.xes, .xes.gz), read by a streaming parser that is safe against XML entity attacks.

One trace is held in memory at a time; values are gathered per attribute key and converted in bulk at
the end (dates by Arrow's ISO-8601 parser). The classifiers a log declares are honoured: the activity
is the values of the chosen classifier's keys joined by a separator (BPIC 2013: status + sub-status).
"""

from __future__ import annotations

import gzip
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from lxml import etree

from tomkit.mining.csvlog import _Counting
from tomkit.mining.errors import MiningError
from tomkit.mining.progress import Progress, no_progress
from tomkit.mining.table import ACTIVITY, CASE, GROUP, RESOURCE, SRC_ORDER, TIMESTAMP, EventLog
from tomkit.mining.timestamps import ISO, parse_timestamps

_ROLES = {"time:timestamp": TIMESTAMP, "org:resource": RESOURCE, "org:group": GROUP}
PLAIN = "concept:name"
"""Classifier choice meaning: the event name alone."""


@dataclass(frozen=True)
class Classifier:
    name: str
    keys: tuple[str, ...]


@dataclass
class _Column:
    kind: str
    rows: list[int]
    values: list[str | None]


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def _open(path: Path) -> tuple[IO[bytes], _Counting, int]:
    raw = path.open("rb")
    counter = _Counting(raw)
    size = path.stat().st_size
    head = raw.read(2)
    raw.seek(0)
    stream: IO[bytes] = gzip.GzipFile(fileobj=counter) if head == b"\x1f\x8b" else counter  # type: ignore[assignment]
    return stream, counter, size


def read_classifiers(path: str | Path) -> list[Classifier]:
    """The classifiers a log declares (they come before the first trace, so this reads only the head)."""
    found: list[Classifier] = []
    path = Path(path)
    stream, _, _ = _open(path)
    with stream:
        try:
            for _event, element in etree.iterparse(
                stream, events=("start",), resolve_entities=False, no_network=True, huge_tree=False
            ):
                tag = _local(element.tag)
                if tag == "classifier":
                    found.append(_classifier(element))
                elif tag == "trace":
                    break
        except etree.XMLSyntaxError as exc:
            raise MiningError(f"not well-formed XML: {exc.msg}", source=str(path), line=exc.lineno) from exc
    return found


def _classifier(element: Any) -> Classifier:
    keys = tuple(shlex.split(element.get("keys") or ""))
    return Classifier(element.get("name") or " ".join(keys), keys)


def read_xes_log(
    path: str | Path,
    classifier: str | None = None,
    separator: str = "-",
    progress: Progress = no_progress,
) -> EventLog:
    """Read an XES log into the normalised table.

    `classifier` is a declared classifier's name, `concept:name` for the event name alone, or None for
    the log's first declared classifier (the event name when it declares none).
    """
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise MiningError("no such file", source=source)
    classifiers: list[Classifier] = []
    columns: dict[str, _Column] = {}
    case_of: list[str] = []
    trace_of_event: list[int] = []
    trace_attrs: dict[str, _Column] = {}
    n = 0
    n_traces = 0
    stream, counter, size = _open(path)
    progress(0, size)
    with stream:
        context = etree.iterparse(
            stream,
            events=("end",),
            tag=("{*}trace", "{*}classifier", "trace", "classifier"),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        try:
            for _event, element in context:
                tag = _local(element.tag)
                if tag == "trace":
                    first = n
                    n = _trace(element, columns, trace_attrs, case_of, n, n_traces)
                    trace_of_event.extend([n_traces] * (n - first))
                    n_traces += 1
                    element.clear()
                    parent = element.getparent()
                    while element.getprevious() is not None and parent is not None:
                        del parent[0]
                    if n_traces % 500 == 0:
                        progress(min(counter.count, size), size)
                elif tag == "classifier":
                    classifiers.append(_classifier(element))
        except etree.XMLSyntaxError as exc:
            raise MiningError(f"not well-formed XML: {exc.msg}", source=source, line=exc.lineno) from exc
        except (OSError, EOFError) as exc:
            raise MiningError(f"cannot read the file ({exc})", source=source) from exc
    progress(size, size)
    if n == 0:
        raise MiningError("the log holds no events", source=source)
    keys = _classifier_keys(classifiers, classifier, source)
    return _build(
        columns, trace_attrs, case_of, trace_of_event, n, keys, separator, source, path.name, classifiers
    )


def _trace(
    trace: Any,
    columns: dict[str, _Column],
    trace_attrs: dict[str, _Column],
    case_of: list[str],
    n: int,
    index: int,
) -> int:
    case_id = None
    first = n
    get_column = columns.get
    for child in trace:
        if child.tag.endswith("event"):
            for attr in child:
                key = attr.get("key")
                col = get_column(key)
                if col is None:
                    if key is None:
                        continue
                    col = columns[key] = _Column(_local(attr.tag), [], [])
                col.rows.append(n)
                col.values.append(attr.get("value"))
            n += 1
        else:
            key = child.get("key")
            if key is None:
                continue
            if key == "concept:name":
                case_id = child.get("value")
            else:
                col = trace_attrs.get(key)
                if col is None:
                    col = trace_attrs[key] = _Column(_local(child.tag), [], [])
                col.rows.append(index)
                col.values.append(child.get("value"))
    case_of.extend([case_id if case_id is not None else f"trace-{index + 1}"] * (n - first))
    return n


def _classifier_keys(classifiers: list[Classifier], choice: str | None, source: str) -> tuple[str, ...]:
    if choice == PLAIN:
        return (PLAIN,)
    if choice is None:
        return classifiers[0].keys if classifiers else (PLAIN,)
    for c in classifiers:
        if c.name == choice:
            return c.keys
    names = ", ".join([PLAIN, *(c.name for c in classifiers)])
    raise MiningError(
        f"the log declares no classifier {choice!r}", source=source, hint=f"choose one of: {names}"
    )


def _typed(col: _Column, length: int, source: str, key: str) -> pa.Array:
    """Scatter a sparse attribute into a full column and convert it by its XES type."""
    values = pa.array(col.values, pa.string())
    if col.kind == "date":
        parsed, bad = parse_timestamps(values, ISO)
        if bad is not None:
            raise MiningError(f"cannot read date {col.values[bad]!r}", source=source, column=key)
        values = parsed
    elif col.kind == "int":
        values = _cast(values, pa.int64(), source, key)
    elif col.kind == "float":
        values = _cast(values, pa.float64(), source, key)
    elif col.kind == "boolean":
        values = pc.equal(pc.utf8_lower(values), "true")
    if len(col.rows) == length and col.rows[-1] == length - 1:
        return values
    indices = np.full(length, -1, dtype=np.int64)
    indices[np.asarray(col.rows, dtype=np.int64)] = np.arange(len(col.rows))
    return values.take(pa.array(indices, mask=indices < 0))


def _cast(values: pa.Array, target: pa.DataType, source: str, key: str) -> pa.Array:
    try:
        return values.cast(target)
    except pa.ArrowInvalid as exc:
        raise MiningError(f"a value is not a number ({exc})", source=source, column=key) from exc


def _build(
    columns: dict[str, _Column],
    trace_attrs: dict[str, _Column],
    case_of: list[str],
    trace_of_event: list[int],
    n: int,
    keys: tuple[str, ...],
    separator: str,
    source: str,
    name: str,
    classifiers: list[Classifier],
) -> EventLog:
    if "time:timestamp" not in columns:
        raise MiningError("events have no time:timestamp", source=source)
    missing = [k for k in keys if k not in columns]
    if missing:
        raise MiningError(f"events have no {', '.join(missing)} attribute for the activity", source=source)
    out: dict[str, pa.Array] = {CASE: pa.array(case_of, pa.string())}
    parts = [_typed(columns[k], n, source, k).cast(pa.string()) for k in keys]
    activity = parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, separator)
    if activity.null_count:
        row = pc.index(pc.is_null(activity), True).as_py()
        raise MiningError(f"event {row + 1} has no {' + '.join(keys)}", source=source, column=ACTIVITY)
    out[ACTIVITY] = activity
    ts = _typed(columns["time:timestamp"], n, source, "time:timestamp")
    if ts.null_count:
        row = pc.index(pc.is_null(ts), True).as_py()
        raise MiningError(f"event {row + 1} has no time:timestamp", source=source, column=TIMESTAMP)
    out[TIMESTAMP] = ts
    for key, role in _ROLES.items():
        if role != TIMESTAMP:
            out[role] = (
                _typed(columns[key], n, source, key).cast(pa.string()) if key in columns else pa.nulls(n)
            )
    out[SRC_ORDER] = pa.array(np.arange(n, dtype=np.int64))
    for key, col in columns.items():
        if key in _ROLES or key in out:
            continue
        out[key] = _typed(col, n, source, key)
    if trace_attrs:
        # trace attributes are per trace; repeat them onto the trace's events
        trace_of = np.asarray(trace_of_event, dtype=np.int64)
        n_traces = int(max(trace_of.max(), *(max(c.rows) for c in trace_attrs.values()))) + 1
        for key, col in trace_attrs.items():
            values = _typed(col, n_traces, source, key)
            out[f"case:{key}"] = values.take(pa.array(trace_of))
    meta = {
        "source": name,
        "format": "xes",
        "classifier": " + ".join(keys),
        "classifiers": {c.name: list(c.keys) for c in classifiers},
    }
    return EventLog.from_table(pa.table(out), meta)
