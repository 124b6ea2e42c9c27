"""`tomkit export` and `tomkit import`: the deliverables (PDF, slides, workbook, ArchiMate, Markdown) and back."""

from __future__ import annotations

import datetime as dt
import enum
import time
from pathlib import Path
from typing import Annotated

import typer

from tomkit.cli.output import fail, load_tom, print_problems, stderr
from tomkit.formats.result import TomFileError


class ExportFormat(enum.StrEnum):
    PDF = "pdf"
    HTML = "html"
    PPTX = "pptx"
    XLSX = "xlsx"
    ARCHIMATE = "archimate"
    MD = "md"
    YAML = "yaml"
    JSON = "json"


SUFFIX = {
    ExportFormat.PDF: ".pdf",
    ExportFormat.HTML: ".html",
    ExportFormat.PPTX: ".pptx",
    ExportFormat.XLSX: ".xlsx",
    ExportFormat.ARCHIMATE: ".xml",
    ExportFormat.MD: ".md",
    ExportFormat.YAML: ".yaml",
    ExportFormat.JSON: ".json",
}


def export(
    file: Annotated[Path, typer.Argument(help="The TOM file (YAML or JSON).")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="What to produce.")] = ExportFormat.PDF,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write it (default: next to FILE).")
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(help="The date the narrative and roadmap are told from (YYYY-MM-DD; default today)."),
    ] = None,
) -> None:
    """Write a deliverable from the model: report (pdf, html), slides (pptx), workbook (xlsx),
    ArchiMate exchange file (archimate), wiki page (md), or the model itself (yaml, json)."""
    tom = load_tom(file)
    day = _day(today)
    target = output or file.with_suffix(SUFFIX[fmt])
    if target.resolve() == file.resolve():
        fail(f"refusing to overwrite the input file {file}", "name another output with --output")
    started = time.perf_counter()
    data: bytes
    if fmt in (ExportFormat.PDF, ExportFormat.HTML):
        from tomkit.render.report import report_html, report_pdf

        data = report_pdf(tom, today=day) if fmt is ExportFormat.PDF else report_html(tom, today=day).encode()
    elif fmt is ExportFormat.PPTX:
        from tomkit.render.deck import deck_pptx

        data = deck_pptx(tom, today=day)
    elif fmt is ExportFormat.XLSX:
        from tomkit.formats.xlsx import to_xlsx

        data = to_xlsx(tom)
    elif fmt is ExportFormat.ARCHIMATE:
        from tomkit.formats.archimate import to_archimate

        data = to_archimate(tom)
    elif fmt is ExportFormat.MD:
        from tomkit.render.markdown import to_markdown

        data = to_markdown(tom, today=day).encode()
    else:
        from tomkit.formats import dumps

        data = dumps(tom, "json" if fmt is ExportFormat.JSON else "yaml").encode()
    target.write_bytes(data)
    stderr().print(f"wrote {target} ({len(data):,} bytes, {time.perf_counter() - started:.1f} s)")


def import_(
    file: Annotated[
        Path, typer.Argument(help="An Excel workbook (.xlsx) or an ArchiMate exchange file (.xml).")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The TOM file to write (default: FILE with .yaml).")
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite the output file if it exists.")] = False,
) -> None:
    """Read a TOM from a workbook or an ArchiMate model and write it as a TOM file (YAML, or JSON for .json)."""
    from tomkit.formats import dumps

    target = output or file.with_suffix(".yaml")
    if target.exists() and not force:
        fail(f"{target} exists", "use --force to overwrite it, or --output to choose another file")
    suffix = file.suffix.lower()
    try:
        raw = file.read_bytes()
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    if suffix == ".xlsx":
        from tomkit.formats.xlsx import read_xlsx

        result = read_xlsx(raw, str(file))
        print_problems(result.problems)
        if not result.ok or result.tom is None:
            raise TomFileError(result.problems, str(file))
        tom = result.tom
    elif suffix == ".xml":
        from tomkit.formats.archimate import ArchimateError, from_archimate

        try:
            tom = from_archimate(raw, source=str(file))
        except ArchimateError as exc:
            fail(str(exc))
    else:
        fail(f"cannot import {file.name}", "give an .xlsx workbook or an ArchiMate .xml exchange file")
    target.write_text(dumps(tom, "json" if target.suffix.lower() == ".json" else "yaml"), encoding="utf-8")
    elements = sum(len(s.elements) for s in tom.states.values())
    stderr().print(
        f"wrote {target}: {len(tom.states)} states, {elements} elements, {len(tom.initiatives)} initiatives"
    )


def _day(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"--today {text!r} is not a date", "write it as YYYY-MM-DD")
