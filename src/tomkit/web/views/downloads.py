"""Deliverables as downloads (report, deck, workbook, ArchiMate, Markdown, YAML, JSON) of the draft or
of a named version, and reading a workbook or an ArchiMate file into a new workspace.

Every file is made by the library (tomkit.render, tomkit.formats); this module only names it, types it
and keeps a just-made file for a few minutes so the "preparing…" step and the download that follows it
render the PDF once, not twice.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from tomkit import formats
from tomkit.formats import describe_problem
from tomkit.formats.archimate import ArchimateError, from_archimate, to_archimate
from tomkit.formats.xlsx import read_xlsx, to_xlsx
from tomkit.model import Tom
from tomkit.render.errors import RenderError
from tomkit.render.markdown import to_markdown
from tomkit.web.access import WorkspaceAccess, workspace_view
from tomkit.web.models import Role, Version
from tomkit.web.views.roadmap import today_for


@dataclass(frozen=True)
class Deliverable:
    key: str
    label: str
    extension: str
    content_type: str
    slow: bool = False


DELIVERABLES: tuple[Deliverable, ...] = (
    Deliverable("pdf", "PDF report", "pdf", "application/pdf", slow=True),
    Deliverable("pptx", "Slide deck (PPTX)", "pptx",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation", slow=True),
    Deliverable("xlsx", "Excel workbook", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    Deliverable("archimate", "ArchiMate exchange file", "xml", "application/xml"),
    Deliverable("md", "Markdown", "md", "text/markdown; charset=utf-8"),
    Deliverable("yaml", "YAML", "yaml", "application/yaml; charset=utf-8"),
    Deliverable("json", "JSON", "json", "application/json; charset=utf-8"),
)  # fmt: skip
BY_KEY = {d.key: d for d in DELIVERABLES}
KEYS = "|".join(BY_KEY)
KEEP_SECONDS = 600


def build(tom: Tom, key: str, today: dt.date) -> bytes:
    """The file's bytes, from the library call that makes it."""
    # The report and deck engines (WeasyPrint, python-pptx) load on first use, not with the URL conf.
    if key == "pdf":
        from tomkit.render.report import report_pdf

        return report_pdf(tom, today=today)
    if key == "pptx":
        from tomkit.render.deck import deck_pptx

        return deck_pptx(tom, today=today)
    if key == "xlsx":
        return to_xlsx(tom)
    if key == "archimate":
        return to_archimate(tom)
    if key == "md":
        return to_markdown(tom, today=today).encode()
    if key in ("yaml", "json"):
        return formats.dumps(tom, "json" if key == "json" else "yaml").encode()
    raise KeyError(f"no deliverable {key!r}; choose one of: {', '.join(BY_KEY)}")


def filename(slug: str, which: str, key: str) -> str:
    """`<workspace>-<draft or vN>.<extension>`."""
    return f"{slug}-{which}.{BY_KEY[key].extension}"


def deliver(tom: Tom, content_key: Any, key: str, today: dt.date, name: str) -> HttpResponse:
    """The file as an attachment; made once per draft content, format and date, then kept a while."""
    deliverable = BY_KEY[key]
    cache_key = f"tomkit-deliverable:{content_key}:{key}:{today.isoformat()}"
    data = cache.get(cache_key)
    if data is None:
        try:
            data = build(tom, key, today)
        except RenderError as exc:
            return HttpResponse(
                f"Cannot make the {deliverable.label}: {exc}",
                status=422,
                content_type="text/plain; charset=utf-8",
            )
        cache.set(cache_key, data, KEEP_SECONDS)
    response = HttpResponse(data, content_type=deliverable.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Length"] = str(len(data))
    return response


def _respond(request: HttpRequest, tom: Tom, content_key: Any, key: str, name: str) -> HttpResponse:
    """A plain request gets the file. An htmx request (the button's "preparing…" step) makes the file,
    keeps it, and names the plain URL in a `tomkit:download` event; the page then fetches the file from
    there, answered from what was kept, and the button goes back to normal."""
    today = today_for(request)
    response = deliver(tom, content_key, key, today, name)
    if getattr(request, "htmx", False) and response.status_code == 200:
        ready = HttpResponse(status=200)
        url = f"{request.path}?{urlencode({'today': today.isoformat()})}"
        ready["HX-Trigger"] = json.dumps({"tomkit:download": {"url": url}})
        return ready
    return response


@workspace_view(Role.VIEWER)
def download(request: HttpRequest, access: WorkspaceAccess, fmt: str) -> HttpResponse:
    """A deliverable of the working draft."""
    workspace = access.workspace
    return _respond(
        request, workspace.tom(), workspace.content_key, fmt, filename(workspace.slug, "draft", fmt)
    )


@workspace_view(Role.VIEWER)
def version_download(request: HttpRequest, access: WorkspaceAccess, number: int, fmt: str) -> HttpResponse:
    """A deliverable of a named version's snapshot."""
    version = get_object_or_404(Version, workspace=access.workspace, number=number)
    name = filename(access.workspace.slug, f"v{number}", fmt)
    return _respond(request, version.tom(), version.content_key, fmt, name)


# --- creating a workspace from a workbook or an ArchiMate file -------------------------------------

UPLOAD_SUFFIXES = (".xlsx", ".xml")


def reads_upload(name: str, data: bytes) -> tuple[Tom | None, list[dict[str, Any]]]:
    """A TOM from an Excel workbook (.xlsx) or an ArchiMate exchange file (.xml), or every problem found,
    each in the shape the new-workspace page lists (`text` with sheet and cell, `line`, `excerpt`)."""
    if name.lower().endswith(".xlsx"):
        result = read_xlsx(data, name)
        if result.ok and result.tom is not None:
            return result.tom, []
        return None, [
            {"text": describe_problem(p), "line": None, "excerpt": []}
            for p in result.errors or result.problems
        ]
    try:
        return from_archimate(data, source=name), []
    except ArchimateError as exc:
        return None, [{"text": str(exc), "line": None, "excerpt": []}]
    except ValueError as exc:
        return None, [
            {"text": f"{name}: the model in this file is not valid: {exc}", "line": None, "excerpt": []}
        ]
