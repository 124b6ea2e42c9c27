"""Options and helpers shared by the `tomkit mine` commands: the log argument, filters, loading."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from tomkit.cli.output import (
    fail,
    stderr,
)

if TYPE_CHECKING:
    from tomkit.mining.filters import LogFilter
    from tomkit.mining.table import EventLog

LogArgument = Annotated[
    Path,
    typer.Argument(
        help="An imported dataset (.parquet) or a log file (CSV, XES, .gz, .zip).", show_default=False
    ),
]
PresetOption = Annotated[
    str | None,
    typer.Option("--preset", help="CSV column mapping: servicenow, jira or generic (default: detect)."),
]
ClassifierOption = Annotated[
    str | None,
    typer.Option("--classifier", help="XES: the declared classifier to use as activity, or concept:name."),
]
FromOption = Annotated[
    str | None, typer.Option("--from", help="Only cases in this window: start (ISO date).")
]
ToOption = Annotated[str | None, typer.Option("--to", help="Window end (ISO date, exclusive).")]
WindowOption = Annotated[
    str,
    typer.Option(
        "--window", help="How cases meet the window: intersecting, contained, started, completed, trim."
    ),
]
WhereOption = Annotated[
    list[str] | None,
    typer.Option(
        "--where", help="Keep cases with column=value (repeat; values may be a,b,c).", show_default=False
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option("--exclude", help="Drop cases with column=value (repeat).", show_default=False),
]
FollowsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--follows",
        help="Keep cases where A is eventually followed by B: 'A>B' (repeat).",
        show_default=False,
    ),
]
TopVariantsOption = Annotated[
    int | None, typer.Option("--top-variants", help="Keep the cases of the N most frequent variants.")
]
MinHoursOption = Annotated[
    float | None, typer.Option("--min-hours", help="Keep cases lasting at least this long.")
]
MaxHoursOption = Annotated[
    float | None, typer.Option("--max-hours", help="Keep cases lasting at most this long.")
]
OutOfCoreOption = Annotated[
    str | None,
    typer.Option(
        "--out-of-core",
        help="Run in DuckDB over an imported .parquet dataset with this memory limit (e.g. 4GB), spilling to disk.",
        show_default=False,
    ),
]
TomOption = Annotated[Path, typer.Option("--tom", help="The TOM file (.yaml or .json).", show_default=False)]


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A byte progress bar on stderr for imports (silent when stderr is not a terminal)."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=stderr(),
        transient=True,
        disable=not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task(description, total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield report


def pairs(values: list[str] | None, option: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for text in values or []:
        column, sep, value = text.partition("=")
        if not sep or not column.strip():
            raise typer.BadParameter(f"{text!r} is not column=value", param_hint=option)
        out.setdefault(column.strip(), []).extend(v.strip() for v in value.split(","))
    return out


def build_filter(
    start: str | None = None,
    end: str | None = None,
    window: str = "intersecting",
    where: list[str] | None = None,
    exclude: list[str] | None = None,
    follows: list[str] | None = None,
    top_variants: int | None = None,
    min_hours: float | None = None,
    max_hours: float | None = None,
) -> LogFilter:
    from tomkit.mining.filters import LogFilter

    followed = []
    for text in follows or []:
        a, sep, b = text.partition(">")
        if not sep or not a.strip() or not b.strip():
            raise typer.BadParameter(f"{text!r} is not 'A>B'", param_hint="--follows")
        followed.append((a.strip(), b.strip()))
    data: dict[str, Any] = {
        "start": start,
        "end": end,
        "window": window,
        "attributes": pairs(where, "--where"),
        "exclude_attributes": pairs(exclude, "--exclude"),
        "follows": followed,
        "variants_top": top_variants,
        "min_duration_hours": min_hours,
        "max_duration_hours": max_hours,
    }
    return LogFilter.from_data({k: v for k, v in data.items() if v is not None})


def open_log(path: Path, preset: str | None = None, classifier: str | None = None) -> EventLog:
    from tomkit.mining.importing import read_log

    with progress_bar(f"reading {path.name}") as report:
        return read_log(path, preset=preset, classifier=classifier, progress=report)


def load_log(
    log: Path,
    preset: str | None,
    classifier: str | None,
    spec: LogFilter,
) -> EventLog:
    from tomkit.mining.filters import apply_filter

    return apply_filter(open_log(log, preset, classifier), spec)


def dataset_path(path: Path) -> Path:
    if not path.name.lower().endswith(".parquet"):
        fail(
            "--out-of-core works on an imported dataset",
            hint="run `tomkit mine import` first, then pass the .parquet file",
        )
    return path


def refuse_filters(spec: LogFilter) -> None:
    if not spec.is_empty():
        fail(
            "filters are not available with --out-of-core",
            hint="filter in memory, or import a filtered extract",
        )


def to_hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 3)


# ---- import -------------------------------------------------------------------------------------


def merge_filters(base: LogFilter, extra: LogFilter) -> LogFilter:
    from dataclasses import replace

    attributes = {**base.attributes, **extra.attributes}
    return replace(base, attributes=attributes, start=extra.start or base.start, end=extra.end or base.end)
